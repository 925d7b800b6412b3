import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { listSubmissionVictims, updateSubmission, withdrawVictimConsent } from '../../db/repositories/submissions-repository.ts';
import { AppError } from '../../errors.ts';
import { authorizeSubmission } from '../../policies/submission-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { parseInput } from '../input.ts';
import { auditSubmission, loadSubmissionRow, submissionSnapshot } from './submission-fields.ts';
import { SOURCE_ACTOR } from './submit-intake.ts';

/** Input of {@link withdrawConsent}: one victim (by its position in the submission) or all of them. */
export const withdrawConsentSchema = z.object({
  victim: z.union([z.literal('all'), z.coerce.number().int().min(1).max(1000)]),
});

/** What a withdrawal changed. */
export interface WithdrawalResult {
  /** The positions of the victims whose names may no longer be published. */
  withdrawn: number[];
  /** True when a draft had already been made from the submission: staff are flagged to withhold the names. */
  afterDraft: boolean;
}

/**
 * The source withdraws its consent to publishing a victim's name (or every victim's). Any letter drafted
 * from the submission afterwards withholds the name; when a draft already exists, the withdrawal is
 * recorded on the submission and flagged to staff (inbox badge, banner on the submission) so that they
 * withhold the name in that letter's public version. Possible whatever the status. Audited.
 *
 * @throws AppError NOT_FOUND (not its submission, or no such victim), TRANSITION_INVALID (nothing left to withdraw).
 */
export async function withdrawConsent(ctx: AppContext, principal: Principal, submissionId: string, input: unknown): Promise<WithdrawalResult> {
  const data = parseInput(withdrawConsentSchema, input);
  authorizeSubmission(principal, 'withdraw_consent', { id: submissionId });
  return ctx.store.db.transaction().execute(async (tx) => {
    const row = await loadSubmissionRow(tx, submissionId);
    authorizeSubmission(principal, 'withdraw_consent', row);
    const victims = await listSubmissionVictims(tx, row.id);
    const chosen = data.victim === 'all' ? victims : victims.filter((v) => Number(v.position) === data.victim);
    if (chosen.length === 0) throw new AppError('NOT_FOUND', 'no such victim in this submission');
    const toWithdraw = chosen.filter((v) => Number(v.publish_name) === 1);
    if (toWithdraw.length === 0) throw new AppError('TRANSITION_INVALID', 'the name is already withheld');
    const at = ctx.clock.now().toISOString();
    for (const v of toWithdraw) await withdrawVictimConsent(tx, row.id, Number(v.position), at);
    const afterDraft = row.communication_id !== null;
    const patch = { updated_at: at, ...(afterDraft ? { consent_changed_after_draft_at: at } : {}) };
    if (!(await updateSubmission(tx, row.id, Number(row.version), patch))) throw new AppError('CONFLICT', 'the submission was changed meanwhile; try again');
    const after = { ...row, ...patch, version: Number(row.version) + 1 };
    const actor = principal.kind === 'source' ? SOURCE_ACTOR : principal.name;
    const withdrawn = toWithdraw.map((v) => Number(v.position));
    await auditSubmission(tx, {
      at,
      actor,
      action: 'consent_withdrawn',
      id: row.id,
      before: submissionSnapshot(row, victims),
      after: submissionSnapshot(after, await listSubmissionVictims(tx, row.id)),
      details: { victims: withdrawn, afterDraft, ...(afterDraft ? { communicationId: row.communication_id } : {}) },
    });
    return { withdrawn, afterDraft };
  });
}
