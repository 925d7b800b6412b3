import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.ts';

/**
 * The installation's secret keys. They are kept outside the database on purpose: whoever obtains a copy of
 * the database (a backup, a replica, a dump) must not obtain with it the means to read the restricted
 * fields or to sign an audit checkpoint.
 */
export interface Keyring {
  /** Ed25519: signs the audit checkpoints that are exported and kept elsewhere. */
  auditSigning: { privateKey: KeyObject; publicKey: KeyObject; keyId: string };
  /** 256 bits: encrypts restricted fields at rest (see field-cipher.ts). */
  field: { key: Buffer; keyId: string };
}

/** The environment variables that give the keys instead of the files. */
export const AUDIT_SIGNING_KEY_VAR = 'RAPPORTEUR_AUDIT_SIGNING_KEY';
export const FIELD_KEY_VAR = 'RAPPORTEUR_FIELD_KEY';

/** The files, under `<varDir>/keys/`, that hold the keys when the environment does not. */
export const AUDIT_SIGNING_KEY_FILE = 'audit-signing.pem';
export const FIELD_KEY_FILE = 'field.key';

const FIELD_KEY_BYTES = 32;

/**
 * Loads the installation's keys: each from its environment variable when set (the signing key as a PKCS#8
 * PEM, the field key as base64 of 32 bytes), else from its file in `<varDir>/keys/`, which is created with
 * a fresh key on first use (directory 0700, files 0600). A malformed key is KEY_INVALID; a key file that
 * can be neither read nor created is KEY_UNAVAILABLE. Never generates a key that is already given: two
 * processes starting together end up with the same files.
 *
 * @example const keys = loadKeyring(config.varDir); keys.field.keyId // '3f9a0c…' (16 hex digits)
 */
export function loadKeyring(varDir: string, env: NodeJS.ProcessEnv = process.env): Keyring {
  const dir = join(varDir, 'keys');
  const signingEnv = nonEmpty(env[AUDIT_SIGNING_KEY_VAR]);
  const fieldEnv = nonEmpty(env[FIELD_KEY_VAR]);
  const auditSigning = signingEnv
    ? parseSigningKey(signingEnv, AUDIT_SIGNING_KEY_VAR)
    : parseSigningKey(readOrCreate(dir, AUDIT_SIGNING_KEY_FILE, newSigningKeyPem), join(dir, AUDIT_SIGNING_KEY_FILE));
  const field = fieldEnv
    ? parseFieldKey(fieldEnv, FIELD_KEY_VAR)
    : parseFieldKey(readOrCreate(dir, FIELD_KEY_FILE, () => `${randomBytes(FIELD_KEY_BYTES).toString('base64')}\n`), join(dir, FIELD_KEY_FILE));
  return { auditSigning, field };
}

/**
 * The identifier of a key: the first 16 hex digits of the SHA-256 of its public part (for the signing key,
 * the DER SubjectPublicKeyInfo) or of the key itself (for the field key). It names a key in checkpoints and
 * encrypted values without revealing anything of it.
 */
export function keyIdOf(material: Buffer | KeyObject): string {
  const bytes = Buffer.isBuffer(material) ? material : material.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** The PEM (SubjectPublicKeyInfo) of a public key, as checkpoints carry it. */
export function publicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

function newSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** Parses a PKCS#8 PEM Ed25519 private key; `source` names where it came from, never its content. */
export function parseSigningKey(pem: string, source: string): Keyring['auditSigning'] {
  // Environment variables set through some tools carry the PEM's line breaks as the two characters "\n".
  const text = pem.includes('\\n') && !pem.includes('\n') ? pem.replaceAll('\\n', '\n') : pem;
  if (!/-----BEGIN PRIVATE KEY-----/.test(text)) {
    throw new AppError('KEY_INVALID', `${source}: the audit signing key must be an Ed25519 private key in PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----")`, { source });
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: text, format: 'pem' });
  } catch {
    throw new AppError('KEY_INVALID', `${source}: the audit signing key cannot be read as a PKCS#8 PEM private key`, { source });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new AppError('KEY_INVALID', `${source}: the audit signing key is ${privateKey.asymmetricKeyType ?? 'of an unknown type'}, not Ed25519`, { source });
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** Parses a field key: standard base64 of exactly 32 bytes. */
export function parseFieldKey(text: string, source: string): Keyring['field'] {
  const b64 = text.trim();
  // Buffer.from(…, 'base64') skips characters it does not know, so the form is checked first.
  if (!/^[A-Za-z0-9+/]{43}=$/.test(b64)) {
    throw new AppError('KEY_INVALID', `${source}: the field key must be 32 bytes in base64 (44 characters ending in "=")`, { source });
  }
  const key = Buffer.from(b64, 'base64');
  if (key.length !== FIELD_KEY_BYTES) {
    throw new AppError('KEY_INVALID', `${source}: the field key must be ${FIELD_KEY_BYTES} bytes, not ${key.length}`, { source });
  }
  return { key, keyId: keyIdOf(key) };
}

/**
 * Reads a key file, creating it first when it does not exist. The new key is written to a private temporary
 * file and then linked to its name, which fails if another process got there first: that process's key is
 * then read instead, so concurrent first starts agree on one key and no reader ever sees half a file.
 */
function readOrCreate(dir: string, name: string, generate: () => string): string {
  const file = join(dir, name);
  const existing = tryRead(file);
  if (existing !== undefined) return existing;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // mkdir's mode is filtered by the umask; the directory must not be listable by others.
    chmodSync(dir, 0o700);
  } catch (err) {
    throw unavailable(dir, err);
  }
  const tmp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, generate());
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  } catch (err) {
    throw unavailable(file, err);
  } finally {
    rmSync(tmp, { force: true });
  }
  const created = tryRead(file);
  if (created === undefined) throw unavailable(file, new Error('the file vanished after it was written'));
  return created;
}

function tryRead(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unavailable(file, err);
  }
}

function unavailable(path: string, err: unknown): AppError {
  const reason = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
  return new AppError('KEY_UNAVAILABLE', `the key store ${path} cannot be used (${reason}): check the state directory's permissions`, { reason });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
