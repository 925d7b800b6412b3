import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AttachmentsTable, Database } from '../schema.ts';

/** A row of `attachments`. */
export type AttachmentRow = Selectable<AttachmentsTable>;

/** What an attachment belongs to. */
export interface AttachmentOwner {
  type: string;
  id: string;
}

/** Inserts an attachment's row, inside the caller's transaction. */
export async function insertAttachment(tx: Kysely<Database>, row: Insertable<AttachmentsTable>): Promise<void> {
  await tx.insertInto('attachments').values(row).execute();
}

/** The attachment with this id, or undefined. */
export async function findAttachment(db: Kysely<Database>, id: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The attachment of an owner holding these bytes (by their SHA-256), or undefined. */
export async function findOwnerAttachmentBySha256(db: Kysely<Database>, owner: AttachmentOwner, sha256: string): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

/** How many attachments an owner has. */
export async function countOwnerAttachments(db: Kysely<Database>, owner: AttachmentOwner): Promise<number> {
  const row = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** An owner's attachments, oldest first. */
export async function listOwnerAttachments(db: Kysely<Database>, owner: AttachmentOwner): Promise<AttachmentRow[]> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
