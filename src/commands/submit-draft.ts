import type { AppContext } from '../context.ts';
import type { Communication } from '../domain/communication.ts';
import { assertDraftingAction } from '../domain/drafting.ts';
import { notifyDraftAwaitingDecision } from '../notifications/notification-events.ts';
import { holdersOfMandates } from '../notifications/recipients.ts';
import type { Principal } from '../policies/principal.ts';
import { changeCommunication } from './change-communication.ts';
import { resolveCommunicationId } from './resolve-communication.ts';

/**
 * Submits a draft for signature: each signing mandate now decides on this text, and its holders are told
 * (in the same transaction: a refused submission tells no one).
 */
export async function submitDraft(ctx: AppContext, principal: Principal, idOrRef: string): Promise<Communication> {
  const id = await resolveCommunicationId(ctx, idOrRef);
  return changeCommunication(ctx, principal, 'submit', id, async (c, now, tx) => {
    assertDraftingAction(c.draftingStatus, 'submit');
    // Written in the plan, inside the transaction: the outbox row is not part of the communication's state.
    const recipients = await holdersOfMandates(tx, c.mandates.map((m) => m.slug));
    await notifyDraftAwaitingDecision(tx, { id: c.id, version: c.version + 1, subject: c.subject, victims: c.victims }, recipients, now);
    return { patch: { drafting_status: 'submitted' } };
  });
}
