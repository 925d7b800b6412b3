import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { checkSession } from '../../src/accounts/check-session.ts';
import { totpCode } from '../../src/accounts/totp.ts';
import { disableAccount } from '../../src/commands/accounts/disable-account.ts';
import { inviteAccount } from '../../src/commands/accounts/invite-account.ts';
import { acceptInvitation, completeSecondFactor, signInWithPassword, signOut } from '../../src/commands/accounts/sign-in.ts';
import { verifyAudit } from '../../src/commands/verify-audit.ts';
import type { AppContext } from '../../src/context.ts';
import { findAccountByEmail } from '../../src/db/repositories/accounts-repository.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { staff, SYSTEM } from '../../src/policies/principal.ts';
import { readyAccount, signIn, TEST_PASSWORD, type ReadyAccount } from '../support/accounts.ts';
import { storeDigest } from '../support/snapshot.ts';
import { DIALECTS, testContext } from '../support/stores.ts';

for (const dialect of DIALECTS) {
  describe(`accounts and sessions (${dialect})`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let close: () => Promise<void>;
    let ana: ReadyAccount;

    before(async () => {
      ({ ctx, clock, close } = await testContext(dialect, '2026-03-02T09:00:00Z'));
      ana = await readyAccount(ctx, clock, { email: 'Ana.Officer@example.org', displayName: 'Ana Officer', role: 'case_officer' });
    });
    after(() => close());

    it('an invited account chooses its password, enrols TOTP and gets ten recovery codes; the session is full', async () => {
      assert.equal(ana.recoveryCodes.length, 10);
      const session = await checkSession(ctx, ana.sessionToken);
      assert.equal(session?.stage, 'full');
      assert.deepEqual(session?.principal, { kind: 'staff', name: 'Ana Officer', role: 'case_officer', accountId: ana.id });
      assert.equal(session?.email, 'ana.officer@example.org', 'addresses are kept lower-cased');
    });

    it('an invitation link works once; nobody but the holder sets a password', async () => {
      const inv = await inviteAccount(ctx, SYSTEM, { email: 'once@example.org', displayName: 'Once', role: 'case_officer' });
      const row = await findAccountByEmail(ctx.store.db, 'once@example.org');
      assert.equal(row?.password_hash, null);
      await acceptInvitation(ctx, inv.token, { password: TEST_PASSWORD });
      await assert.rejects(acceptInvitation(ctx, inv.token, { password: TEST_PASSWORD }), { code: 'LINK_INVALID' });
      await assert.rejects(acceptInvitation(ctx, 'forged-token', { password: TEST_PASSWORD }), { code: 'LINK_INVALID' });
    });

    it('a weak password is refused and the link stays usable', async () => {
      const inv = await inviteAccount(ctx, SYSTEM, { email: 'weak@example.org', displayName: 'Weak', role: 'case_officer' });
      await assert.rejects(acceptInvitation(ctx, inv.token, { password: 'password1234' }), { code: 'PASSWORD_WEAK' });
      await acceptInvitation(ctx, inv.token, { password: TEST_PASSWORD });
    });

    it('only admins and the system invite', async () => {
      await assert.rejects(inviteAccount(ctx, staff('Someone'), { email: 'x@example.org', displayName: 'X', role: 'admin' }), { code: 'NOT_FOUND' });
      await assert.rejects(inviteAccount(ctx, SYSTEM, { email: 'ana.officer@example.org', displayName: 'Dup', role: 'admin' }), { code: 'ACCOUNT_EXISTS' });
      await assert.rejects(inviteAccount(ctx, SYSTEM, { email: 'fp@example.org', displayName: 'FP', role: 'focal_point' }), { code: 'VALIDATION_FAILED' });
      await assert.rejects(inviteAccount(ctx, SYSTEM, { email: 'fp@example.org', displayName: 'FP', role: 'focal_point', stateCode: 'XXX' }), { code: 'ADDRESSEE_UNKNOWN' });
      await assert.rejects(inviteAccount(ctx, SYSTEM, { email: 'mh@example.org', displayName: 'MH', role: 'mandate_holder', mandate: 'sr-nothing' }), { code: 'MANDATE_UNKNOWN' });
    });

    it('a wrong password and an unknown address fail alike', async () => {
      const wrong = await signInWithPassword(ctx, { email: ana.email, password: 'not the password at all' }).catch((e: unknown) => e);
      const unknown = await signInWithPassword(ctx, { email: 'nobody@example.org', password: TEST_PASSWORD }).catch((e: unknown) => e);
      assert.deepEqual([(wrong as { code: string }).code, (wrong as Error).message], [(unknown as { code: string }).code, (unknown as Error).message]);
      assert.equal((wrong as { code: string }).code, 'SIGN_IN_FAILED');
    });

    it('the password alone opens no full session; a replayed TOTP code is refused', async () => {
      const half = await signInWithPassword(ctx, { email: ana.email, password: TEST_PASSWORD });
      const session = await checkSession(ctx, half.token);
      assert.equal(session?.stage, 'password');
      const code = totpCode(ana.secret, clock.now());
      const full = await completeSecondFactor(ctx, half.token, { code });
      assert.notEqual(full.token, half.token, 'a new session id after the second factor');
      assert.equal(await checkSession(ctx, half.token), null, 'the half-way session is ended');
      const again = await signInWithPassword(ctx, { email: ana.email, password: TEST_PASSWORD });
      await assert.rejects(completeSecondFactor(ctx, again.token, { code }), { code: 'SECOND_FACTOR_FAILED' });
      clock.advanceSeconds(31);
    });

    it('a recovery code works once', async () => {
      const half = await signInWithPassword(ctx, { email: ana.email, password: TEST_PASSWORD });
      await completeSecondFactor(ctx, half.token, { code: ana.recoveryCodes[0]!.toUpperCase() });
      const again = await signInWithPassword(ctx, { email: ana.email, password: TEST_PASSWORD });
      await assert.rejects(completeSecondFactor(ctx, again.token, { code: ana.recoveryCodes[0]! }), { code: 'SECOND_FACTOR_FAILED' });
    });

    it('sessions end after 30 idle minutes, after 12 hours whatever their use, and at sign-out', async () => {
      const token = await signIn(ctx, clock, ana);
      clock.advanceHours(0.4);
      assert.ok(await checkSession(ctx, token), 'still alive after 24 minutes');
      clock.advanceHours(0.4);
      assert.ok(await checkSession(ctx, token), 'the previous check moved the idle clock');
      clock.advanceHours(0.51);
      assert.equal(await checkSession(ctx, token), null, 'idle for more than 30 minutes');

      const busy = await signIn(ctx, clock, ana);
      for (let i = 0; i < 30; i++) {
        clock.advanceHours(0.4);
        if (!(await checkSession(ctx, busy))) break;
      }
      assert.equal(await checkSession(ctx, busy), null, 'ended by the absolute timeout');

      const third = await signIn(ctx, clock, ana);
      await signOut(ctx, third);
      assert.equal(await checkSession(ctx, third), null);
    });

    it('disabling an account ends its sessions and refuses its sign-in', async () => {
      const bo = await readyAccount(ctx, clock, { email: 'bo@example.org', displayName: 'Bo', role: 'case_officer' });
      await disableAccount(ctx, SYSTEM, bo.id);
      assert.equal(await checkSession(ctx, bo.sessionToken), null);
      await assert.rejects(signInWithPassword(ctx, { email: bo.email, password: TEST_PASSWORD }), { code: 'SIGN_IN_FAILED' });
      await assert.rejects(disableAccount(ctx, staff('Not an admin'), bo.id), { code: 'NOT_FOUND' });
    });

    it('a refused step writes nothing', async () => {
      const before = await storeDigest(ctx);
      await signInWithPassword(ctx, { email: ana.email, password: 'wrong wrong wrong' }).catch(() => undefined);
      await completeSecondFactor(ctx, 'no-such-session', { code: '123456' }).catch(() => undefined);
      await acceptInvitation(ctx, 'no-such-link', { password: TEST_PASSWORD }).catch(() => undefined);
      assert.equal(await storeDigest(ctx), before);
    });

    it('every account event is in the audit chain, which verifies', async () => {
      const rows = await ctx.store.db.selectFrom('audit_log').select(['action']).where('record_type', '=', 'account').execute();
      const actions = new Set(rows.map((r) => r.action));
      for (const a of ['account.invited', 'account.accepted_invitation', 'account.enrolled_second_factor', 'account.signed_in', 'account.signed_out', 'account.disabled']) {
        assert.ok(actions.has(a), a);
      }
      const report = await verifyAudit(ctx);
      assert.equal(report.ok, true, JSON.stringify(report.problems?.slice(0, 3)));
    });

    if (dialect === 'sqlite') {
      it('the TOTP secret is encrypted at rest: a copy of the database file does not contain it', async () => {
        // What an attacker copies: the database file and its write-ahead log, as they are on disk.
        const file = ctx.store.location;
        const bytes = Buffer.concat([readFileSync(file), ...(existsSync(`${file}-wal`) ? [readFileSync(`${file}-wal`)] : [])]);
        assert.equal(bytes.includes(Buffer.from(ana.secret)), false, 'the base32 secret is not in the file');
        const row = await findAccountByEmail(ctx.store.db, ana.email);
        assert.match(row!.totp_secret!, /^enc1:/);
      });
    }
  });
}
