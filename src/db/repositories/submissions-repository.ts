import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, SubmissionMessagesTable, SubmissionNotesTable, SubmissionsTable, SubmissionVictimsTable } from '../schema.ts';

/** A row of `submissions` (restricted columns still encrypted). */
export type SubmissionRow = Selectable<SubmissionsTable>;
/** A row of `submission_victims` (name and details still encrypted). */
export type SubmissionVictimRow = Selectable<SubmissionVictimsTable>;
/** A row of `submission_messages` (body still encrypted). */
export type SubmissionMessageRow = Selectable<SubmissionMessagesTable>;
/** A row of `submission_notes` (body still encrypted). */
export type SubmissionNoteRow = Selectable<SubmissionNotesTable>;

/** Inserts a submission with its victims, inside the caller's transaction. */
export async function insertSubmission(tx: Kysely<Database>, row: Insertable<SubmissionsTable>, victims: Insertable<SubmissionVictimsTable>[]): Promise<void> {
  await tx.insertInto('submissions').values(row).execute();
  if (victims.length > 0) await tx.insertInto('submission_victims').values(victims).execute();
}

/** A submission by id, or undefined. */
export function findSubmission(db: Kysely<Database>, id: string): Promise<SubmissionRow | undefined> {
  return db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The id of the submission whose receipt code has this digest, or undefined: one lookup on a unique index,
 * the same work whether or not it exists.
 */
export async function findSubmissionIdByReceiptHash(db: Kysely<Database>, receiptHash: string): Promise<string | undefined> {
  const row = await db.selectFrom('submissions').select('id').where('receipt_hash', '=', receiptHash).executeTakeFirst();
  return row?.id;
}

/**
 * Updates a submission if it still has `version` (optimistic concurrency), bumping the version. False when
 * someone else changed it first.
 */
export async function updateSubmission(tx: Kysely<Database>, id: string, version: number, patch: Updateable<SubmissionsTable>): Promise<boolean> {
  const result = await tx
    .updateTable('submissions')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A submission's victims, in the order the source gave them. */
export function listSubmissionVictims(db: Kysely<Database>, submissionId: string): Promise<SubmissionVictimRow[]> {
  return db.selectFrom('submission_victims').selectAll().where('submission_id', '=', submissionId).orderBy('position').execute();
}

/** The victims of several submissions (for search), in order. */
export function listVictimsOf(db: Kysely<Database>, submissionIds: readonly string[]): Promise<SubmissionVictimRow[]> {
  if (submissionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('submission_victims').selectAll().where('submission_id', 'in', submissionIds).orderBy('submission_id').orderBy('position').execute();
}

/** Records that the source withdrew consent to publishing a victim's name. */
export async function withdrawVictimConsent(tx: Kysely<Database>, submissionId: string, position: number, at: string): Promise<void> {
  await tx
    .updateTable('submission_victims')
    .set({ publish_name: 0, consent_withdrawn_at: at })
    .where('submission_id', '=', submissionId)
    .where('position', '=', position)
    .execute();
}

/** Adds a message, inside the caller's transaction. */
export async function insertSubmissionMessage(tx: Kysely<Database>, row: Insertable<SubmissionMessagesTable>): Promise<void> {
  await tx.insertInto('submission_messages').values(row).execute();
}

/** A submission's messages, oldest first. */
export function listSubmissionMessages(db: Kysely<Database>, submissionId: string): Promise<SubmissionMessageRow[]> {
  return db.selectFrom('submission_messages').selectAll().where('submission_id', '=', submissionId).orderBy('created_at').orderBy('id').execute();
}

/** A message of a submission, or undefined. */
export function findSubmissionMessage(db: Kysely<Database>, submissionId: string, id: string): Promise<SubmissionMessageRow | undefined> {
  return db.selectFrom('submission_messages').selectAll().where('submission_id', '=', submissionId).where('id', '=', id).executeTakeFirst();
}

/** Adds a staff note, inside the caller's transaction. */
export async function insertSubmissionNote(tx: Kysely<Database>, row: Insertable<SubmissionNotesTable>): Promise<void> {
  await tx.insertInto('submission_notes').values(row).execute();
}

/** A submission's staff notes, oldest first. */
export function listSubmissionNotes(db: Kysely<Database>, submissionId: string): Promise<SubmissionNoteRow[]> {
  return db.selectFrom('submission_notes').selectAll().where('submission_id', '=', submissionId).orderBy('created_at').orderBy('id').execute();
}

/** One row of the staff inbox: the submission and how many victims and files it has. */
export interface InboxRow extends SubmissionRow {
  victim_count: number;
  attachment_count: number;
}

/** Submissions newest first, all or of one status, a page at a time. */
export async function listSubmissionsPage(db: Kysely<Database>, opts: { status?: string; limit: number; offset: number }): Promise<InboxRow[]> {
  const rows = await db
    .selectFrom('submissions as s')
    .selectAll('s')
    .select((eb) => [
      eb.selectFrom('submission_victims as v').select((e) => e.fn.countAll<number>().as('n')).whereRef('v.submission_id', '=', 's.id').as('victim_count'),
      eb
        .selectFrom('attachments as a')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('a.owner_type', '=', 'submission')
        .whereRef('a.owner_id', '=', 's.id')
        .as('attachment_count'),
    ])
    .$if(opts.status !== undefined, (q) => q.where('s.status', '=', opts.status!))
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  return rows.map((r) => ({ ...r, victim_count: Number(r.victim_count ?? 0), attachment_count: Number(r.attachment_count ?? 0) }));
}

/** How many submissions there are in each status. */
export async function countSubmissionsByStatus(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('submissions')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** The newest submissions (at most `limit`), for an in-memory search over their decrypted fields. */
export function listRecentSubmissions(db: Kysely<Database>, limit: number): Promise<SubmissionRow[]> {
  return db.selectFrom('submissions').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
