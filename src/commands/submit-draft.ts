import type { AppContext } from '../context.ts';
import type { Communication } from '../domain/communication.ts';
import { assertDraftingAction } from '../domain/drafting.ts';
import type { Principal } from '../policies/principal.ts';
import { changeCommunication } from './change-communication.ts';
import { resolveCommunicationId } from './resolve-communication.ts';

/** Submits a draft for signature: each signing mandate now decides on this text. */
export async function submitDraft(ctx: AppContext, principal: Principal, idOrRef: string): Promise<Communication> {
  const id = await resolveCommunicationId(ctx, idOrRef);
  return changeCommunication(ctx, principal, 'submit', id, (c) => {
    assertDraftingAction(c.draftingStatus, 'submit');
    return { patch: { drafting_status: 'submitted' } };
  });
}
