import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { insertSubmissionMessage } from '../../db/repositories/submissions-repository.ts';
import { FINAL_SUBMISSION_STATUSES, type SubmissionStatus } from '../../domain/submission.ts';
import { AppError } from '../../errors.ts';
import { listAttachments, storeAttachment } from '../../files/attachment-store.ts';
import { authorizeSubmission } from '../../policies/submission-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { parseInput, text } from '../input.ts';
import { applySubmissionStatus } from './change-status.ts';
import { auditSubmission, loadSubmissionRow, sealMessage } from './submission-fields.ts';
import { checkFiles, SOURCE_ACTOR, type IntakeFile } from './submit-intake.ts';

/** Input of {@link addInformation}. */
export const addInformationSchema = z.object({ text: text(50_000).pipe(z.string().min(1, 'write what you want to add')) });

/** What a source's message changes: its id, and whether it moved the submission back to review. */
export interface SourceMessageResult {
  messageId: string;
  status: SubmissionStatus;
}

/**
 * The source adds information to its submission, with files if it wants: a message from the source that
 * staff see, stored encrypted, the files by their hash. While staff wait for information, this puts the
 * submission back under review. Not once it is closed or withdrawn. Audited as the source.
 *
 * @throws AppError NOT_FOUND (not its submission), TRANSITION_INVALID (closed or withdrawn), VALIDATION_FAILED, ATTACHMENT_*.
 */
export async function addInformation(ctx: AppContext, principal: Principal, submissionId: string, input: unknown, files: readonly IntakeFile[] = []): Promise<SourceMessageResult> {
  const data = parseInput(addInformationSchema, input);
  return postSourceMessage(ctx, principal, submissionId, { kind: 'information', text: data.text, inReplyTo: null, files });
}

/** Records a message from the source (information or an answer), inside one transaction. */
export async function postSourceMessage(
  ctx: AppContext,
  principal: Principal,
  submissionId: string,
  m: { kind: 'information' | 'answer'; text: string; inReplyTo: string | null; files: readonly IntakeFile[]; check?: (tx: Parameters<typeof loadSubmissionRow>[0]) => Promise<void> },
): Promise<SourceMessageResult> {
  const action = m.kind === 'answer' ? 'answer' : 'add_information';
  authorizeSubmission(principal, action, { id: submissionId });
  const id = randomUUID();
  return ctx.store.db.transaction().execute(async (tx) => {
    let row = await loadSubmissionRow(tx, submissionId);
    authorizeSubmission(principal, action, row);
    if (FINAL_SUBMISSION_STATUSES.has(row.status as SubmissionStatus)) {
      throw new AppError('TRANSITION_INVALID', 'this submission is closed; it takes no more information');
    }
    await m.check?.(tx);
    const owner = { type: 'submission', id: row.id } as const;
    await checkFiles(ctx, m.files, (await listAttachments(tx, owner)).length);
    const at = ctx.clock.now().toISOString();
    const body = sealMessage(ctx, id, m.text);
    await insertSubmissionMessage(tx, { id, submission_id: row.id, created_at: at, author: 'source', author_name: SOURCE_ACTOR, kind: m.kind, in_reply_to: m.inReplyTo, body });
    const stored: string[] = [];
    for (const f of m.files) stored.push((await storeAttachment(ctx, tx, { bytes: f.bytes, declaredName: f.name, owner, actor: SOURCE_ACTOR })).id);
    await auditSubmission(tx, {
      at,
      actor: SOURCE_ACTOR,
      action: m.kind === 'answer' ? 'answered' : 'information_added',
      id: row.id,
      before: null,
      after: { messageId: id, body },
      details: { messageId: id, ...(m.inReplyTo ? { inReplyTo: m.inReplyTo } : {}), attachments: stored },
    });
    if (row.status === 'more_information_requested') {
      row = await applySubmissionStatus(ctx, tx, row, 'under_review', { at, actor: SOURCE_ACTOR, notify: false, cause: 'source_replied' });
    }
    return { messageId: id, status: row.status as SubmissionStatus };
  });
}
