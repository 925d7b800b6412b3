import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../errors.ts';

/**
 * Argon2id with the parameters OWASP's Password Storage Cheat Sheet lists first (19 MiB of memory, two
 * iterations, one lane). The numeric algorithm is Argon2id (the library's const enum cannot be imported
 * under per-file compilation).
 */
export const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Minimum length in characters (code points), as OWASP ASVS 5.0 asks: at least 12. */
export const MIN_PASSWORD_LENGTH = 12;
/** Long passphrases are welcome; the cap only bounds the hashing work of one request. */
export const MAX_PASSWORD_LENGTH = 256;

/** About 50,000 of the most common passwords, lower-cased: refused whatever their length. */
const COMMON = new Set<string>((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/**
 * Checks a new password against the policy: at least 12 characters, at most 256, not a common password, not
 * the account's e-mail address or name. No composition rules (ASVS 5.0 §6.2). Throws PASSWORD_WEAK with the
 * reason.
 */
export function checkPasswordPolicy(password: string, account: { email: string; displayName: string }): void {
  const length = [...password].length;
  const refuse = (reason: string, message: string) => {
    throw new AppError('PASSWORD_WEAK', message, { reason });
  };
  if (length < MIN_PASSWORD_LENGTH) refuse('too_short', `a password has at least ${MIN_PASSWORD_LENGTH} characters`);
  if (length > MAX_PASSWORD_LENGTH) refuse('too_long', `a password has at most ${MAX_PASSWORD_LENGTH} characters`);
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) refuse('common', 'this password is among the most common ones; choose another');
  const personal = [account.email.toLowerCase(), account.email.toLowerCase().split('@')[0] ?? '', account.displayName.toLowerCase()];
  if (personal.some((p) => p.length > 0 && lower === p)) refuse('personal', 'a password is not your e-mail address or name');
}

/** The Argon2id hash of a password, as a PHC string. */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2ID);
}

/**
 * Whether a password matches its hash. A hash made with weaker parameters still verifies (the parameters
 * are in the PHC string).
 */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/**
 * A hash of a random password, computed once: verified against when an e-mail address is unknown, so that
 * "no such account" costs as long as "wrong password" and the two cannot be told apart by timing.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoy;
}
