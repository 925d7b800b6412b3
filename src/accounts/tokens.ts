import { createHash, randomBytes } from 'node:crypto';

/** A fresh secret token (256 bits) for a session cookie or a one-time link, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: its SHA-256, so a copy of the database opens no session. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Ten single-use recovery codes, e.g. `k3v9-t2mq-8xrd`: 60 bits each in Crockford's base32 (no i, l, o, u). */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'; // 32 symbols: a byte's low 5 bits pick one without bias
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => alphabet[b & 31]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** A recovery code as typed (any case, with or without dashes or spaces), normalised before hashing. */
export function normaliseRecoveryCode(code: string): string {
  const c = code.toLowerCase().replace(/[^0-9a-z]/g, '');
  return c.length === 12 ? `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8, 12)}` : c;
}
