import { resolveCommunicationId } from '../commands/resolve-communication.ts';
import type { AppContext } from '../context.ts';
import { loadCommunication } from '../db/repositories/communications-repository.ts';
import type { Communication } from '../domain/communication.ts';
import { AppError } from '../errors.ts';
import { authorizeCommunication } from '../policies/communication-policy.ts';
import type { Principal } from '../policies/principal.ts';

/**
 * Loads one communication by id or reference and checks that the principal may read it. Missing and
 * forbidden are the same NOT_FOUND.
 */
export async function getCommunication(ctx: AppContext, principal: Principal, idOrRef: string): Promise<Communication> {
  const id = await resolveCommunicationId(ctx, idOrRef).catch((err: unknown) => {
    // A reference that exists but may not be read must look exactly like one that does not exist.
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', 'no such communication');
    throw err;
  });
  const c = await loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, id);
  if (!c) throw new AppError('NOT_FOUND', 'no such communication');
  authorizeCommunication(principal, 'read', c);
  return c;
}
