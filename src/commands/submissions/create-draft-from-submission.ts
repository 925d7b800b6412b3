import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { listSubmissionVictims, updateSubmission } from '../../db/repositories/submissions-repository.ts';
import type { Communication } from '../../domain/communication.ts';
import { COMMUNICATION_TYPES } from '../../domain/reference.ts';
import { AppError } from '../../errors.ts';
import { authorizeSubmission } from '../../policies/submission-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { createDraft } from '../create-draft.ts';
import { LETTER_LANGUAGES, parseInput, text } from '../input.ts';
import { auditSubmission, loadSubmissionRow, openVictims, submissionSnapshot } from './submission-fields.ts';

/** Input of {@link createDraftFromSubmission}: what the letter is; the victims come from the submission. */
export const draftFromSubmissionSchema = z.object({
  type: z.enum(COMMUNICATION_TYPES),
  addressee: z.string().trim().min(1).max(64),
  mandates: z.array(z.string().trim().min(1).max(64)).min(1, 'at least one signing mandate').max(60),
  language: z.enum(LETTER_LANGUAGES).default('en'),
  subject: text(500).pipe(z.string().min(1, 'a subject is required')),
});

/**
 * A case officer makes a draft communication from a submission: the draft names the submission's victims,
 * each with the source's consent as it stands now (a name the source did not allow to be published is
 * withheld in the public version, as initials), and the submission is linked to it. The facts are not
 * copied into the letter: staff write its text from them. Later withdrawals of consent are flagged on the
 * submission (see `withdrawConsent`).
 *
 * The draft is created by `createDraft` (its own transaction and audit entry), then linked in a second
 * transaction; if another officer linked a draft in between, the link is refused (CONFLICT) and the draft
 * just created stays unlinked, to be withdrawn.
 *
 * @throws AppError NOT_FOUND, TRANSITION_INVALID (already has a draft), CONFLICT, and createDraft's errors.
 */
export async function createDraftFromSubmission(ctx: AppContext, principal: Principal, submissionId: string, input: unknown): Promise<Communication> {
  const data = parseInput(draftFromSubmissionSchema, input);
  authorizeSubmission(principal, 'create_draft');
  const row = await loadSubmissionRow(ctx.store.db, submissionId);
  authorizeSubmission(principal, 'create_draft', row);
  if (row.communication_id !== null) throw new AppError('TRANSITION_INVALID', 'a draft was already made from this submission');
  const victims = openVictims(ctx, await listSubmissionVictims(ctx.store.db, row.id));
  const draft = await createDraft(ctx, principal, {
    ...data,
    victims: victims.map((v) => ({ name: v.name, variants: [], publishName: v.publishName, publicForm: 'initials' })),
  });
  await ctx.store.db.transaction().execute(async (tx) => {
    const current = await loadSubmissionRow(tx, row.id);
    if (current.communication_id !== null || Number(current.version) !== Number(row.version)) {
      throw new AppError('CONFLICT', 'the submission was changed while the draft was made; the new draft is not linked');
    }
    const at = ctx.clock.now().toISOString();
    const patch = { communication_id: draft.id, linked_at: at, updated_at: at };
    if (!(await updateSubmission(tx, row.id, Number(row.version), patch))) throw new AppError('CONFLICT', 'the submission was changed meanwhile');
    const consent = await listSubmissionVictims(tx, row.id);
    await auditSubmission(tx, {
      at,
      actor: principal.name,
      action: 'draft_created',
      id: row.id,
      before: submissionSnapshot(current, consent),
      after: submissionSnapshot({ ...current, ...patch, version: Number(current.version) + 1 }, consent),
      details: { communicationId: draft.id, namesWithheld: victims.filter((v) => !v.publishName).map((v) => v.position) },
    });
  });
  return draft;
}
