import { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { Communication } from '../domain/communication.ts';
import { statusAfterDecision } from '../domain/drafting.ts';
import { genevaDate } from '../domain/geneva-time.ts';
import { authorizeDecisionBy, authorizeMandateDecision } from '../policies/communication-policy.ts';
import type { Principal } from '../policies/principal.ts';
import { changeCommunication } from './change-communication.ts';
import { parseInput, text } from './input.ts';
import { resolveCommunicationId } from './resolve-communication.ts';

/** Input of {@link decideDraft}. */
export const decideDraftSchema = z.object({
  mandate: z.string().trim().min(1).max(64),
  decision: z.enum(['approved', 'changes_requested', 'declined']),
  /** The mandate holder who decides; must be in office for that mandate today. */
  holder: z.string().trim().min(1).max(200),
  note: text(5000).optional(),
});

/**
 * Records one signing mandate's decision on the current text: approve, request changes, or decline. One
 * decision per mandate per text, by a holder of that mandate in office; when all have approved, the draft
 * is approved and can be sent.
 */
export async function decideDraft(ctx: AppContext, principal: Principal, idOrRef: string, input: unknown): Promise<Communication> {
  const data = parseInput(decideDraftSchema, input);
  const id = await resolveCommunicationId(ctx, idOrRef);
  authorizeDecisionBy(principal, data.mandate, data.holder);
  return changeCommunication(ctx, principal, 'decide', id, (c, now) => {
    const decisions = new Map(c.mandates.map((m) => [m.slug, m.decision]));
    const status = statusAfterDecision(c.draftingStatus, decisions, data.mandate, data.decision);
    authorizeMandateDecision(ctx.ref, data.mandate, data.holder, genevaDate(now));
    return {
      patch: { drafting_status: status },
      decision: { mandate: data.mandate, decision: data.decision, by: data.holder, at: now.toISOString(), note: data.note || null },
      history: { reason: data.note || null, details: { mandate: data.mandate, decision: data.decision, holder: data.holder } },
    };
  });
}
