import { AppError } from '../errors.ts';
import type { Principal } from './principal.ts';

/** What one may do with accounts. */
export type AccountAction = 'invite' | 'list' | 'disable' | 'checkpoint_audit';

/**
 * Accounts are managed by admins (and by the system: the CLI's `user create --admin` for the first one).
 * Nobody else may list or change them; a refusal is the same NOT_FOUND as a missing page.
 */
export function allowAccount(principal: Principal, _action: AccountAction): boolean {
  return principal.kind === 'system' || (principal.kind === 'staff' && principal.role === 'admin');
}

/** Refuses what {@link allowAccount} does not allow, as NOT_FOUND. */
export function authorizeAccount(principal: Principal, action: AccountAction): void {
  if (!allowAccount(principal, action)) throw new AppError('NOT_FOUND', 'no such page');
}
