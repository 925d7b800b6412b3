import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { replaceMandates, resetDecisions } from '../db/repositories/communications-repository.ts';
import type { Communication } from '../domain/communication.ts';
import { statusAfterEdit } from '../domain/drafting.ts';
import { AppError } from '../errors.ts';
import type { Principal } from '../policies/principal.ts';
import { notifyDraftAwaitingDecision } from '../notifications/notification-events.ts';
import { holdersOfMandates } from '../notifications/recipients.ts';
import { changeCommunication } from './change-communication.ts';
import { draftContentSchema } from './create-draft.ts';
import { parseInput } from './input.ts';
import { checkCitations, checkMandates, resolveAddressee } from './reference-checks.ts';
import { resolveCommunicationId } from './resolve-communication.ts';

/**
 * Input of {@link editDraft}: any of the draft's parts, and optionally the version the editor saw. The parts
 * lose their defaults: `.partial()` alone keeps them, and an edit of the body would then reset the victims
 * (and their consent to publication) and every other part left out.
 */
export type EditDraftInput = Partial<z.output<typeof draftContentSchema>> & { expectedVersion?: number };
export const editDraftSchema: z.ZodType<EditDraftInput> = z.object({
  ...Object.fromEntries(
    Object.entries(draftContentSchema.shape).map(([key, schema]) => [key, (schema instanceof z.ZodDefault ? schema.unwrap() : schema).optional()]),
  ),
  expectedVersion: z.number().int().positive().optional(),
}) as z.ZodType<EditDraftInput>;

/**
 * Edits a draft. A text out for signature or approved by all goes back out for signature with every
 * decision reset: the signatories approved another text.
 */
export async function editDraft(ctx: AppContext, principal: Principal, idOrRef: string, input: unknown): Promise<Communication> {
  const data = parseInput(editDraftSchema, input);
  const id = await resolveCommunicationId(ctx, idOrRef);
  const addressee = data.addressee === undefined ? undefined : resolveAddressee(ctx, data.addressee);
  if (data.mandates) checkMandates(ctx, data.mandates);
  const citations = data.citations === undefined ? undefined : checkCitations(ctx, data.citations);
  return changeCommunication(ctx, principal, 'edit', id, async (c, now, tx) => {
    if (data.expectedVersion !== undefined && data.expectedVersion !== c.version) {
      throw new AppError('CONFLICT', 'the draft was changed since you opened it; reload and try again');
    }
    const status = statusAfterEdit(c.draftingStatus);
    // A text back out for signature is a new text to decide on: its holders are told again (in the
    // transaction, so a refused edit tells no one).
    if (c.draftingStatus !== 'draft') {
      const mandates = data.mandates ?? c.mandates.map((m) => m.slug);
      const draft = { id: c.id, version: c.version + 1, subject: data.subject ?? c.subject, victims: data.victims ?? c.victims };
      await notifyDraftAwaitingDecision(tx, draft, await holdersOfMandates(tx, mandates), now);
    }
    const changed = Object.keys(data).filter((k) => k !== 'expectedVersion');
    const mandatesChanged = data.mandates !== undefined && data.mandates.join() !== c.mandates.map((m) => m.slug).join();
    return {
      patch: {
        drafting_status: status,
        ...(data.type !== undefined && { type: data.type }),
        ...(addressee && { addressee_id: addressee.id, addressee_code: addressee.code }),
        ...(data.language !== undefined && { language: data.language }),
        ...(data.subject !== undefined && { subject: data.subject }),
        ...(data.summary !== undefined && { summary: data.summary }),
        ...(data.body !== undefined && { body: data.body }),
        ...(data.questions !== undefined && { questions: JSON.stringify(data.questions) }),
        ...(data.mandates !== undefined && { mandate_count: data.mandates.length }),
        ...(data.concerns !== undefined && { concerns: data.concerns }),
        ...(data.annexText !== undefined && { annex_text: data.annexText }),
        ...(data.confidentialAnnex !== undefined && { confidential_annex: data.confidentialAnnex }),
        ...(data.pressRelease !== undefined && { press_release: data.pressRelease ? 1 : 0 }),
        ...(data.victims !== undefined && { victims: JSON.stringify(data.victims) }),
        ...(citations !== undefined && { annex_citations: JSON.stringify(citations) }),
      },
      also: async (tx) => {
        if (mandatesChanged && data.mandates) await replaceMandates(tx, c.id, data.mandates);
        else if (c.draftingStatus !== 'draft') await resetDecisions(tx, c.id);
      },
      history: { details: { fields: changed, decisionsReset: c.draftingStatus !== 'draft' } },
    };
  });
}
