import type { AppContext } from '../context.ts';
import { insertFollowUp, loadCommunication } from '../db/repositories/communications-repository.ts';
import type { Communication } from '../domain/communication.ts';
import { AppError } from '../errors.ts';
import type { Principal } from '../policies/principal.ts';
import { changeCommunication } from './change-communication.ts';
import { resolveCommunicationId } from './resolve-communication.ts';

/**
 * Checks that `earlier` may be followed up by communication `id`: it must have been sent (a follow-up
 * refers to its reference) and must not be the same communication. FOLLOW_UP_INVALID otherwise.
 */
export function checkFollowUp(id: string, earlier: Communication): void {
  if (earlier.id === id) throw new AppError('FOLLOW_UP_INVALID', 'a communication cannot follow itself up');
  if (earlier.draftingStatus !== 'sent') {
    throw new AppError('FOLLOW_UP_INVALID', 'only a communication that has been sent can be followed up');
  }
}

/**
 * Links a communication to an earlier one that it follows up (e.g. a second letter on the same detainees).
 *
 * @example await linkFollowUp(ctx, principal, 'AL KAZ 2/2022', 'AL KAZ 1/2022')
 */
export async function linkFollowUp(ctx: AppContext, principal: Principal, idOrRef: string, followsIdOrRef: string): Promise<Communication> {
  const id = await resolveCommunicationId(ctx, idOrRef);
  const followsId = await resolveCommunicationId(ctx, followsIdOrRef);
  return changeCommunication(ctx, principal, 'link', id, async (c, now, tx) => {
    const earlier = await loadCommunication(tx, ctx.store.dialect, ctx.keys.field, followsId);
    if (!earlier) throw new AppError('NOT_FOUND', 'no such communication to follow up');
    checkFollowUp(c.id, earlier);
    if (c.follows.some((f) => f.id === followsId)) {
      throw new AppError('FOLLOW_UP_INVALID', `already follows up ${earlier.reference}`);
    }
    if (earlier.sentAt && c.sentAt && earlier.sentAt > c.sentAt) {
      throw new AppError('FOLLOW_UP_INVALID', 'a follow-up cannot be earlier than the communication it follows up');
    }
    return {
      also: (tx) => insertFollowUp(tx, c.id, followsId, now.toISOString(), principal.name),
      history: { details: { follows: earlier.reference } },
    };
  });
}
