import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../src/accounts/passwords.ts';
import { newRecoveryCodes, normaliseRecoveryCode } from '../../src/accounts/tokens.ts';
import { newTotpSecret, totpCode, totpStep, verifyTotp } from '../../src/accounts/totp.ts';

const who = { email: 'ana.lima@example.org', displayName: 'Ana Lima' };

test('the password policy: at least 12 characters, not common, not the e-mail or name; no composition rules', () => {
  for (const [pw, reason] of [
    ['short pass', 'too_short'],
    ['qwerty123456', 'common'],
    ['QWERTY123456', 'common'],
    ['ana.lima@example.org', 'personal'],
    ['x'.repeat(257), 'too_long'],
  ] as const) {
    assert.throws(() => checkPasswordPolicy(pw, who), (e: { code: string; details: { reason: string } }) => e.code === 'PASSWORD_WEAK' && e.details.reason === reason, pw);
  }
  // A passphrase of lower-case words is fine: no rule asks for digits or symbols.
  checkPasswordPolicy('correct horse battery staple', who);
  // Twelve characters counted as characters, not bytes.
  checkPasswordPolicy('ещёоднапароль', who);
});

test('Argon2id hashes verify, and a wrong password does not', async () => {
  const h = await hashPassword('a long enough passphrase');
  assert.match(h, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await verifyPassword(h, 'a long enough passphrase'), true);
  assert.equal(await verifyPassword(h, 'a long enough passphrasE'), false);
  assert.equal(await verifyPassword('not a hash', 'x'), false);
});

test('a TOTP code is accepted once: the same step again is a replay', () => {
  const secret = newTotpSecret();
  const now = new Date('2026-03-01T10:00:10Z');
  const code = totpCode(secret, now);
  const step = verifyTotp(secret, code, now, null);
  assert.equal(step, totpStep(now));
  assert.equal(verifyTotp(secret, code, now, step), null, 'replayed');
  // The previous step's code still works within the drift window, unless a later step was used.
  const earlier = totpCode(secret, new Date(now.getTime() - 30_000));
  assert.equal(verifyTotp(secret, earlier, now, null), totpStep(now) - 1);
  assert.equal(verifyTotp(secret, earlier, now, step), null);
  // Two steps away is refused; so is a code that is not six digits.
  assert.equal(verifyTotp(secret, totpCode(secret, new Date(now.getTime() - 90_000)), now, null), null);
  assert.equal(verifyTotp(secret, 'abcdef', now, null), null);
});

test('recovery codes: ten, distinct, 60 bits each, typed in any form', () => {
  const codes = newRecoveryCodes();
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10);
  for (const c of codes) assert.match(c, /^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/);
  assert.equal(normaliseRecoveryCode(' K3V9 T2MQ 8XRD '), 'k3v9-t2mq-8xrd');
});
