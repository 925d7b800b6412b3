import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { listSubmissionVictims, updateSubmission, type SubmissionRow } from '../../db/repositories/submissions-repository.ts';
import type { Database } from '../../db/schema.ts';
import { SUBMISSION_STATUSES, type SubmissionHeader, type SubmissionStatus } from '../../domain/submission.ts';
import { AppError } from '../../errors.ts';
import { notifySourceStatusChanged } from '../../notifications/notification-events.ts';
import { authorizeSubmission } from '../../policies/submission-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { parseInput } from '../input.ts';
import { auditSubmission, headerOf, loadSubmissionRow, openContact, submissionSnapshot } from './submission-fields.ts';

/** Input of {@link changeSubmissionStatus}; `version` guards against a change made meanwhile by someone else. */
export const changeStatusSchema = z.object({
  status: z.enum(SUBMISSION_STATUSES),
  version: z.coerce.number().int().positive().optional(),
});

/**
 * Moves a submission to another status inside the caller's transaction, audits it, and — when staff moved
 * it (`notify`) — tells the source at the e-mail address it gave, if any (the message says only the
 * submission's reference and the status; never the receipt code, which would open the submission to
 * whoever reads the mailbox). Returns the updated row.
 */
export async function applySubmissionStatus(
  ctx: AppContext,
  tx: Kysely<Database>,
  row: SubmissionRow,
  status: SubmissionStatus,
  e: { at: string; actor: string; notify: boolean; cause?: string },
): Promise<SubmissionRow> {
  if (row.status === status) throw new AppError('TRANSITION_INVALID', `the submission is already ${status}`);
  const patch = { status, updated_at: e.at };
  if (!(await updateSubmission(tx, row.id, Number(row.version), patch))) throw new AppError('CONFLICT', 'the submission was changed meanwhile; reload and try again');
  const after: SubmissionRow = { ...row, ...patch, version: Number(row.version) + 1 };
  const victims = await listSubmissionVictims(tx, row.id);
  let notified = 0;
  if (e.notify) {
    const email = openContact(ctx, row).email;
    notified = await notifySourceStatusChanged(tx, { id: row.id, receipt: row.reference, status }, email ? { address: email, lang: row.language } : null, new Date(e.at));
  }
  await auditSubmission(tx, {
    at: e.at,
    actor: e.actor,
    action: 'status_changed',
    id: row.id,
    before: submissionSnapshot(row, victims),
    after: submissionSnapshot(after, victims),
    details: { from: row.status, to: status, notified: notified > 0, ...(e.cause ? { cause: e.cause } : {}) },
  });
  return after;
}

/**
 * A case officer changes a submission's status; the source is notified by e-mail if it gave an address.
 *
 * @example await changeSubmissionStatus(ctx, officer, id, { status: 'under_review' })
 */
export async function changeSubmissionStatus(ctx: AppContext, principal: Principal, submissionId: string, input: unknown): Promise<SubmissionHeader> {
  const data = parseInput(changeStatusSchema, input);
  authorizeSubmission(principal, 'change_status');
  return ctx.store.db.transaction().execute(async (tx) => {
    const row = await loadSubmissionRow(tx, submissionId);
    authorizeSubmission(principal, 'change_status', row);
    if (data.version !== undefined && data.version !== Number(row.version)) throw new AppError('CONFLICT', 'the submission was changed meanwhile; reload and try again');
    return headerOf(await applySubmissionStatus(ctx, tx, row, data.status, { at: ctx.clock.now().toISOString(), actor: principal.name, notify: true }));
  });
}
