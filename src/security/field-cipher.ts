import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { Keyring } from './keys.ts';

/** The field key as the cipher needs it: the 32 bytes and their identifier. */
export type FieldKey = Keyring['field'];

/** The version tag that starts every encrypted value; a new scheme gets a new tag, and old values stay readable. */
export const FIELD_ENVELOPE_PREFIX = 'enc1';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Where an encrypted value lives, as the additional authenticated data binds it: `table.column:rowId`.
 *
 * @example fieldPlace('submissions', 'submitter_identity', id) // 'submissions.submitter_identity:3f…'
 */
export function fieldPlace(table: string, column: string, rowId: string): string {
  return `${table}.${column}:${rowId}`;
}

/**
 * Encrypts a restricted field for storage: AES-256-GCM under the installation's field key, with a fresh
 * random 96-bit IV, as `enc1:<keyId>:<base64url(iv | tag | ciphertext)>`. The additional authenticated
 * data is the envelope's prefix, the key's identifier and the value's place (see {@link fieldPlace}), so a
 * ciphertext copied into another row or column does not decrypt there: someone with write access to the
 * database cannot give one person's identity to another record. Null stays null (no value to protect);
 * the empty string is encrypted like any other value.
 *
 * @example encryptField(ctx.keys.field, fieldPlace('submissions', 'submitter_identity', id), 'A. Source')
 */
export function encryptField(key: FieldKey, place: string, plaintext: string | null): string | null {
  if (plaintext === null) return null;
  checkPlace(place);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(key.keyId, place));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const packed = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  return `${FIELD_ENVELOPE_PREFIX}:${key.keyId}:${packed.toString('base64url')}`;
}

/**
 * Decrypts a value written by {@link encryptField} for the same place. A value that is not an envelope, was
 * encrypted under another key, was altered, or belongs to another place is FIELD_DECRYPTION_FAILED: the
 * caller never receives a wrong plaintext, and the message never contains the stored value.
 *
 * @example decryptField(ctx.keys.field, fieldPlace('submissions', 'submitter_identity', id), row.submitter_identity)
 */
export function decryptField(key: FieldKey, place: string, stored: string | null): string | null {
  if (stored === null) return null;
  checkPlace(place);
  const parts = stored.split(':');
  if (parts.length !== 3 || parts[0] !== FIELD_ENVELOPE_PREFIX) {
    throw failed(place, 'the stored value is not an encrypted field');
  }
  const [, keyId = '', body = ''] = parts;
  if (keyId !== key.keyId) {
    throw failed(place, `the value was encrypted under key ${keyId}, and this installation's field key is ${key.keyId}`);
  }
  if (!/^[A-Za-z0-9_-]*$/.test(body)) throw failed(place, 'the stored value is not an encrypted field');
  const packed = Buffer.from(body, 'base64url');
  if (packed.length < IV_BYTES + TAG_BYTES) throw failed(place, 'the stored value is truncated');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, packed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(keyId, place));
    decipher.setAuthTag(packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(packed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw failed(place, 'the value was altered, or it belongs to another place or another key');
  }
}

/** True when a stored value is an encrypted envelope (of any key), e.g. to find values still to encrypt. */
export function isEncryptedField(stored: string | null): boolean {
  return stored !== null && stored.startsWith(`${FIELD_ENVELOPE_PREFIX}:`);
}

function aad(keyId: string, place: string): Buffer {
  return Buffer.from(`${FIELD_ENVELOPE_PREFIX}\0${keyId}\0${place}`, 'utf8');
}

function checkPlace(place: string): void {
  // An empty place would bind a value to nowhere, and any row could then take it.
  if (place.length === 0) throw new AppError('INTERNAL', 'an encrypted field needs the place it is stored in');
}

function failed(place: string, why: string): AppError {
  return new AppError('FIELD_DECRYPTION_FAILED', `${place}: cannot decrypt: ${why}`, { place });
}
