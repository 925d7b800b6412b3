import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { findSubmissionMessage, insertSubmissionMessage } from '../../db/repositories/submissions-repository.ts';
import { FINAL_SUBMISSION_STATUSES, type SubmissionStatus } from '../../domain/submission.ts';
import { AppError } from '../../errors.ts';
import { authorizeSubmission } from '../../policies/submission-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { parseInput, text } from '../input.ts';
import { postSourceMessage, type SourceMessageResult } from './add-information.ts';
import { applySubmissionStatus } from './change-status.ts';
import { auditSubmission, loadSubmissionRow, sealMessage } from './submission-fields.ts';
import type { IntakeFile } from './submit-intake.ts';

/** Input of {@link answerQuestion}: the staff question answered, and the answer. */
export const answerSchema = z.object({
  questionId: z.string().trim().regex(/^[0-9a-f-]{36}$/, 'which question this answers'),
  text: text(50_000).pipe(z.string().min(1, 'write your answer')),
});

/**
 * The source answers a question staff asked it (a staff message of kind `question` on the same
 * submission). Like added information, it puts a submission waiting for information back under review.
 *
 * @throws AppError NOT_FOUND (not its submission, or no such question), TRANSITION_INVALID, VALIDATION_FAILED.
 */
export async function answerQuestion(ctx: AppContext, principal: Principal, submissionId: string, input: unknown, files: readonly IntakeFile[] = []): Promise<SourceMessageResult> {
  const data = parseInput(answerSchema, input);
  return postSourceMessage(ctx, principal, submissionId, {
    kind: 'answer',
    text: data.text,
    inReplyTo: data.questionId,
    files,
    check: async (tx) => {
      const question = await findSubmissionMessage(tx, submissionId, data.questionId);
      if (!question || question.author !== 'staff' || question.kind !== 'question') throw new AppError('NOT_FOUND', 'no such question');
    },
  });
}

/** Input of {@link messageSource}: the text, and whether it asks the source for more information. */
export const messageSourceSchema = z.object({
  text: text(20_000).pipe(z.string().min(1, 'the message is empty')),
  requestInformation: z.boolean().default(false),
});

/**
 * A case officer writes to the source through the submission's status page: a message, or a question
 * (`requestInformation`), which also moves the submission to `more_information_requested` and tells the
 * source by e-mail if it gave an address. The source sees the message but not who wrote it. Audited.
 */
export async function messageSource(ctx: AppContext, principal: Principal, submissionId: string, input: unknown): Promise<{ messageId: string; status: SubmissionStatus }> {
  const data = parseInput(messageSourceSchema, input);
  authorizeSubmission(principal, 'message_source');
  const id = randomUUID();
  return ctx.store.db.transaction().execute(async (tx) => {
    let row = await loadSubmissionRow(tx, submissionId);
    authorizeSubmission(principal, 'message_source', row);
    if (FINAL_SUBMISSION_STATUSES.has(row.status as SubmissionStatus)) {
      throw new AppError('TRANSITION_INVALID', 'this submission is closed or withdrawn; reopen it first');
    }
    const at = ctx.clock.now().toISOString();
    const kind = data.requestInformation ? 'question' : 'message';
    const body = sealMessage(ctx, id, data.text);
    await insertSubmissionMessage(tx, { id, submission_id: row.id, created_at: at, author: 'staff', author_name: principal.name, kind, in_reply_to: null, body });
    await auditSubmission(tx, { at, actor: principal.name, action: 'message_sent', id: row.id, before: null, after: { messageId: id, body }, details: { messageId: id, kind } });
    if (data.requestInformation && row.status !== 'more_information_requested') {
      row = await applySubmissionStatus(ctx, tx, row, 'more_information_requested', { at, actor: principal.name, notify: true, cause: 'question_asked' });
    }
    return { messageId: id, status: row.status as SubmissionStatus };
  });
}
