import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { decryptField, encryptField, fieldPlace, isEncryptedField } from '../../src/security/field-cipher.ts';
import { keyIdOf } from '../../src/security/keys.ts';

const newKey = () => {
  const key = randomBytes(32);
  return { key, keyId: keyIdOf(key) };
};
const key = newKey();
const place = fieldPlace('submissions', 'submitter_identity', 'row-1');
const failed = { code: 'FIELD_DECRYPTION_FAILED' };

describe('encrypted fields', () => {
  it('round-trip, in any script, the empty string too; null stays null', () => {
    for (const text of ['A. Source, +7 701 000 0000', 'Алия Нурланқызы', 'مكان الاحتجاز', '拘留地点', '', 'x'.repeat(100_000)]) {
      const stored = encryptField(key, place, text)!;
      assert.equal(decryptField(key, place, stored), text);
    }
    assert.equal(encryptField(key, place, null), null);
    assert.equal(decryptField(key, place, null), null);
  });

  it('are an envelope naming the scheme and the key, and never the same twice', () => {
    const a = encryptField(key, place, 'A. Source')!;
    const b = encryptField(key, place, 'A. Source')!;
    assert.match(a, new RegExp(`^enc1:${key.keyId}:[A-Za-z0-9_-]+$`));
    assert.notEqual(a, b, 'a fresh IV each time');
    assert.equal(a.includes('Source'), false);
    assert.equal(isEncryptedField(a), true);
    assert.equal(isEncryptedField('A. Source'), false);
    assert.equal(isEncryptedField(null), false);
  });

  it('do not decrypt under another key, another place, or once altered: FIELD_DECRYPTION_FAILED, the value not shown', () => {
    const stored = encryptField(key, place, 'A. Source')!;
    assert.throws(() => decryptField(newKey(), place, stored), failed);
    // Another key that claims the same id (a key replaced without re-encrypting) fails too.
    assert.throws(() => decryptField({ key: randomBytes(32), keyId: key.keyId }, place, stored), failed);
    assert.throws(() => decryptField(key, fieldPlace('submissions', 'submitter_identity', 'row-2'), stored), failed);
    assert.throws(() => decryptField(key, fieldPlace('submissions', 'detention_place', 'row-1'), stored), failed);
    assert.throws(() => decryptField(key, fieldPlace('persons', 'submitter_identity', 'row-1'), stored), failed);

    const [prefix, keyId, body] = stored.split(':') as [string, string, string];
    const bytes = Buffer.from(body, 'base64url');
    for (const i of [0, 12, 20, 28, bytes.length - 1]) {
      const flipped = Buffer.from(bytes);
      flipped[i] = flipped[i]! ^ 1;
      assert.throws(() => decryptField(key, place, `${prefix}:${keyId}:${flipped.toString('base64url')}`), failed, `byte ${i} flipped`);
    }
    assert.throws(() => decryptField(key, place, `${prefix}:${keyId}:${bytes.subarray(0, 20).toString('base64url')}`), failed);
    assert.throws(() => decryptField(key, place, `${prefix}:${'0'.repeat(16)}:${body}`), failed);
    assert.throws(() => decryptField(key, place, `enc2:${keyId}:${body}`), failed);
    assert.throws(() => decryptField(key, place, 'A. Source'), (err: Error & { code?: string }) => err.code === 'FIELD_DECRYPTION_FAILED' && !err.message.includes('Source'));
    assert.throws(() => decryptField(key, place, `${stored}:extra`), failed);
  });
});
