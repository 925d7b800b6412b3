import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { insertSubmissionNote } from '../../db/repositories/submissions-repository.ts';
import { authorizeSubmission } from '../../policies/submission-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { parseInput, text } from '../input.ts';
import { auditSubmission, loadSubmissionRow, sealNote } from './submission-fields.ts';

/** Input of {@link addSubmissionNote}. */
export const addNoteSchema = z.object({ text: text(20_000).pipe(z.string().min(1, 'the note is empty')) });

/**
 * A case officer adds a note to a submission: for staff only, never shown to the source. Stored encrypted;
 * audited (the entry names the note, not its text). Returns the note's id.
 */
export async function addSubmissionNote(ctx: AppContext, principal: Principal, submissionId: string, input: unknown): Promise<string> {
  const data = parseInput(addNoteSchema, input);
  authorizeSubmission(principal, 'add_note');
  const id = randomUUID();
  await ctx.store.db.transaction().execute(async (tx) => {
    const row = await loadSubmissionRow(tx, submissionId);
    authorizeSubmission(principal, 'add_note', row);
    const at = ctx.clock.now().toISOString();
    const body = sealNote(ctx, id, data.text);
    await insertSubmissionNote(tx, { id, submission_id: row.id, created_at: at, author_name: principal.name, body });
    await auditSubmission(tx, { at, actor: principal.name, action: 'note_added', id: row.id, before: null, after: { noteId: id, body }, details: { noteId: id } });
  });
  return id;
}
