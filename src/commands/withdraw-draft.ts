import { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { Communication } from '../domain/communication.ts';
import { assertDraftingAction } from '../domain/drafting.ts';
import type { Principal } from '../policies/principal.ts';
import { changeCommunication } from './change-communication.ts';
import { parseInput, reason } from './input.ts';
import { resolveCommunicationId } from './resolve-communication.ts';

/** Withdraws a draft that will not be sent; it stays in the register with its history. */
export async function withdrawDraft(ctx: AppContext, principal: Principal, idOrRef: string, input: unknown): Promise<Communication> {
  const data = parseInput(z.object({ reason }), input);
  const id = await resolveCommunicationId(ctx, idOrRef);
  return changeCommunication(ctx, principal, 'withdraw', id, (c) => {
    assertDraftingAction(c.draftingStatus, 'withdraw');
    return { patch: { drafting_status: 'withdrawn' }, history: { reason: data.reason } };
  });
}
