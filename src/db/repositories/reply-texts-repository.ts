import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, ReplyTextsTable } from '../schema.ts';

/** A row of `reply_texts`. */
export type ReplyTextRow = Selectable<ReplyTextsTable>;

/** A portal reply's text with the reply it belongs to: its communication, date, kind and language. */
export interface ReplyTextWithReply extends ReplyTextRow {
  communication_id: string;
  received_on: string;
  kind: string;
  language: string;
}

/** Inserts the text of a portal reply, inside the caller's transaction (after the `replies` row). */
export async function insertReplyText(tx: Kysely<Database>, row: Insertable<ReplyTextsTable>): Promise<void> {
  await tx.insertInto('reply_texts').values(row).execute();
}

function withReply(db: Kysely<Database>) {
  return db
    .selectFrom('reply_texts')
    .innerJoin('replies', 'replies.id', 'reply_texts.reply_id')
    .selectAll('reply_texts')
    .select(['replies.communication_id', 'replies.received_on', 'replies.kind', 'replies.language']);
}

/** The text of one portal reply with its reply, or undefined (a reply recorded by staff has none). */
export async function findReplyText(db: Kysely<Database>, replyId: string): Promise<ReplyTextWithReply | undefined> {
  return withReply(db).where('reply_texts.reply_id', '=', replyId).executeTakeFirst();
}

/** The portal replies of a communication, oldest first. */
export async function listReplyTexts(db: Kysely<Database>, communicationId: string): Promise<ReplyTextWithReply[]> {
  return withReply(db)
    .where('replies.communication_id', '=', communicationId)
    .orderBy('reply_texts.submitted_at')
    .orderBy('reply_texts.reply_id')
    .execute();
}

/** Records and approves the public version of a portal reply, inside the caller's transaction. */
export async function approveReplyText(
  tx: Kysely<Database>,
  replyId: string,
  approval: { publicText: string; digest: string; by: string; at: string },
): Promise<void> {
  await tx
    .updateTable('reply_texts')
    .set({ public_text: approval.publicText, public_digest: approval.digest, public_approved_by: approval.by, public_approved_at: approval.at })
    .where('reply_id', '=', replyId)
    .execute();
}

/**
 * Sets the summary of a reply: for a portal reply, its approved public text, which is what the public sees
 * of it (the summary is part of the communication, so the change is audited with it).
 */
export async function setReplySummary(tx: Kysely<Database>, replyId: string, summary: string): Promise<void> {
  await tx.updateTable('replies').set({ summary }).where('id', '=', replyId).execute();
}

/** A portal reply whose public version no one has approved yet, with its communication's reference. */
export interface AwaitingReviewRow {
  reply_id: string;
  receipt: string;
  submitted_at: string;
  submitted_by: string;
  communication_id: string;
  received_on: string;
  kind: string;
  language: string;
  reference: string | null;
  addressee_code: string;
}

/** Portal replies awaiting the review of their public version, oldest first, at most `limit`. */
export async function listAwaitingReview(db: Kysely<Database>, limit: number): Promise<AwaitingReviewRow[]> {
  return db
    .selectFrom('reply_texts')
    .innerJoin('replies', 'replies.id', 'reply_texts.reply_id')
    .innerJoin('communications', 'communications.id', 'replies.communication_id')
    .select([
      'reply_texts.reply_id',
      'reply_texts.receipt',
      'reply_texts.submitted_at',
      'reply_texts.submitted_by',
      'replies.communication_id',
      'replies.received_on',
      'replies.kind',
      'replies.language',
      'communications.reference',
      'communications.addressee_code',
    ])
    .where('reply_texts.public_approved_at', 'is', null)
    .orderBy('reply_texts.submitted_at')
    .orderBy('reply_texts.reply_id')
    .limit(limit)
    .execute();
}
