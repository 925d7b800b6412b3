import { AppError } from '../errors.ts';

/** Failed attempts allowed per account in a window before further attempts are refused. */
const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;

/**
 * Counts failed sign-in attempts per account key (an e-mail address, or the account of a second-factor
 * step), so that guessing a password or a code is slow whatever addresses the guesses come from; the
 * per-address limit of the routes is separate. In memory: one server process is the unit of deployment.
 */
export class SignInThrottle {
  readonly #failures = new Map<string, { count: number; since: number }>();

  /** Refuses (RATE_LIMITED) while a key has too many recent failures. */
  check(key: string, now: Date): void {
    const entry = this.#failures.get(key);
    if (!entry) return;
    if (now.getTime() - entry.since > WINDOW_MS) {
      this.#failures.delete(key);
      return;
    }
    if (entry.count >= MAX_FAILURES) throw new AppError('RATE_LIMITED', 'too many attempts; wait a few minutes');
  }

  failed(key: string, now: Date): void {
    const entry = this.#failures.get(key);
    if (!entry || now.getTime() - entry.since > WINDOW_MS) this.#failures.set(key, { count: 1, since: now.getTime() });
    else entry.count += 1;
    // Bound the memory an attacker can make us hold.
    if (this.#failures.size > 100_000) this.#failures.delete(this.#failures.keys().next().value!);
  }

  succeeded(key: string): void {
    this.#failures.delete(key);
  }
}
