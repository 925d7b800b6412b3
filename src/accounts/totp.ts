import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as authenticator apps expect it: SHA-1, six digits, 30-second steps. */
const PERIOD = 30;
const DIGITS = 6;

/** A new random TOTP secret (160 bits), in base32 as apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` URI an app scans or takes as text. */
export function totpUri(secret: string, accountLabel: string, issuer = 'Rapporteur'): string {
  return new TOTP({ issuer, label: accountLabel, secret: Secret.fromBase32(secret), digits: DIGITS, period: PERIOD }).toString();
}

/** The time step of an instant. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / PERIOD);
}

/**
 * Checks a code against the secret at `now`, accepting the previous and next step for clock drift. Returns
 * the step the code belongs to, or null when it is wrong or was already used: a code of a step at or before
 * `lastStep` (the last one accepted) is a replay.
 */
export function verifyTotp(secret: string, code: string, now: Date, lastStep: number | null): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = TOTP.validate({ token, secret: Secret.fromBase32(secret), digits: DIGITS, period: PERIOD, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = totpStep(now) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** The code of a secret at an instant (tests and the demo's walk-through). */
export function totpCode(secret: string, now: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), digits: DIGITS, period: PERIOD, timestamp: now.getTime() });
}
