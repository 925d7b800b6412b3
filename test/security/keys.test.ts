import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_SIGNING_KEY_VAR, FIELD_KEY_VAR, keyIdOf, loadKeyring } from '../../src/security/keys.ts';

function withDir(run: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-keys-test-'));
  try {
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the installation keys', () => {
  it('are created on first use in <varDir>/keys, private to the owner, and read back the same', () => {
    withDir((dir) => {
      const first = loadKeyring(dir, {});
      assert.equal(mode(join(dir, 'keys')), 0o700);
      assert.equal(mode(join(dir, 'keys', 'audit-signing.pem')), 0o600);
      assert.equal(mode(join(dir, 'keys', 'field.key')), 0o600);
      assert.match(readFileSync(join(dir, 'keys', 'audit-signing.pem'), 'utf8'), /^-----BEGIN PRIVATE KEY-----/);
      assert.equal(first.auditSigning.privateKey.asymmetricKeyType, 'ed25519');
      assert.equal(first.field.key.length, 32);
      assert.match(first.auditSigning.keyId, /^[0-9a-f]{16}$/);
      assert.match(first.field.keyId, /^[0-9a-f]{16}$/);
      assert.equal(first.field.keyId, keyIdOf(first.field.key));

      const again = loadKeyring(dir, {});
      assert.equal(again.auditSigning.keyId, first.auditSigning.keyId);
      assert.deepEqual(again.field.key, first.field.key);
      const signature = sign(null, Buffer.from('x'), first.auditSigning.privateKey);
      assert.equal(verify(null, Buffer.from('x'), again.auditSigning.publicKey, signature), true);
    });
  });

  it('differ between installations', () => {
    withDir((a) => withDir((b) => {
      const ka = loadKeyring(a, {});
      const kb = loadKeyring(b, {});
      assert.notEqual(ka.auditSigning.keyId, kb.auditSigning.keyId);
      assert.notEqual(ka.field.keyId, kb.field.keyId);
    }));
  });

  it('come from the environment when given there, and then no file is written', () => {
    withDir((dir) => {
      const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const field = randomBytes(32);
      const keys = loadKeyring(dir, { [AUDIT_SIGNING_KEY_VAR]: pem, [FIELD_KEY_VAR]: field.toString('base64') });
      assert.deepEqual(keys.field.key, field);
      assert.equal(keys.auditSigning.keyId, keyIdOf(keys.auditSigning.publicKey));
      assert.throws(() => statSync(join(dir, 'keys')), { code: 'ENOENT' });
      // A PEM whose line breaks were written as "\n", as some deployment tools pass them.
      const flat = loadKeyring(dir, { [AUDIT_SIGNING_KEY_VAR]: pem.replaceAll('\n', '\\n'), [FIELD_KEY_VAR]: field.toString('base64') });
      assert.equal(flat.auditSigning.keyId, keys.auditSigning.keyId);
    });
  });

  it('refuse malformed keys with KEY_INVALID, without showing them', () => {
    withDir((dir) => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
      for (const bad of ['not a key', rsa, ec, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n']) {
        assert.throws(() => loadKeyring(dir, { [AUDIT_SIGNING_KEY_VAR]: bad }), (err: Error & { code?: string }) => {
          assert.equal(err.code, 'KEY_INVALID');
          assert.match(err.message, new RegExp(AUDIT_SIGNING_KEY_VAR));
          assert.equal(err.message.includes('AAAA'), false);
          return true;
        });
      }
      for (const bad of [randomBytes(16).toString('base64'), randomBytes(33).toString('base64'), 'x'.repeat(44), `${randomBytes(32).toString('hex')}`]) {
        assert.throws(() => loadKeyring(dir, { [FIELD_KEY_VAR]: bad }), { code: 'KEY_INVALID' });
      }
      loadKeyring(dir, {});
      writeFileSync(join(dir, 'keys', 'field.key'), 'garbage\n');
      assert.throws(() => loadKeyring(dir, {}), { code: 'KEY_INVALID', message: /field\.key/ });
    });
  });

  it('are KEY_UNAVAILABLE when the state directory cannot hold them', () => {
    withDir((dir) => {
      writeFileSync(join(dir, 'keys'), 'a file where the directory should be');
      assert.throws(() => loadKeyring(dir, {}), { code: 'KEY_UNAVAILABLE' });
    });
  });
});
