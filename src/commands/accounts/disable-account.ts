import type { AppContext } from '../../context.ts';
import { endSessionsOfAccount, findAccountById, updateAccount } from '../../db/repositories/accounts-repository.ts';
import { AppError } from '../../errors.ts';
import { authorizeAccount } from '../../policies/account-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { auditAccount } from './audit-account.ts';

/** Disables an account at once: its sessions end, it can no longer sign in or use a link. Audited. */
export async function disableAccount(ctx: AppContext, principal: Principal, accountId: string): Promise<void> {
  authorizeAccount(principal, 'disable');
  const at = ctx.clock.now().toISOString();
  await ctx.store.db.transaction().execute(async (tx) => {
    const account = await findAccountById(tx, accountId);
    if (!account) throw new AppError('NOT_FOUND', 'no such account');
    if (account.disabled_at !== null) throw new AppError('TRANSITION_INVALID', 'this account is already disabled');
    if (!(await updateAccount(tx, account.id, account.version, { disabled_at: at }))) throw new AppError('CONFLICT', 'the account was changed; try again');
    const ended = await endSessionsOfAccount(tx, account.id, at, 'account_disabled');
    await auditAccount(tx, { at, actor: principal.name, action: 'disabled', before: account, after: { ...account, disabled_at: at, version: account.version + 1 }, details: { sessionsEnded: ended } });
  });
}
