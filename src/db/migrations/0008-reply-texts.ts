import type { Kysely } from 'kysely';

/**
 * The text of a reply a Government submitted through its portal, kept apart from `replies` (whose summary
 * is public): who submitted it and when, the receipt number the focal point was given, and the public
 * version staff recorded and approved. Until `public_approved_at` is set the text is for staff only; the
 * reply's documents are attachments owned by `('reply', reply_id)`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reply_texts')
    .addColumn('reply_id', 'varchar(36)', (c) => c.primaryKey().references('replies.id'))
    .addColumn('receipt', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('text', 'text', (c) => c.notNull())
    // The account is named by id without a foreign key: accounts are not part of a copied store.
    .addColumn('submitted_by_account', 'varchar(36)', (c) => c.notNull())
    .addColumn('submitted_by', 'varchar(200)', (c) => c.notNull())
    .addColumn('submitted_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('public_text', 'text')
    .addColumn('public_approved_by', 'varchar(200)')
    .addColumn('public_approved_at', 'varchar(30)')
    .addColumn('public_digest', 'varchar(64)')
    .execute();
  // The staff's list of replies awaiting review of their public version, oldest first.
  await db.schema.createIndex('reply_texts_review_idx').on('reply_texts').columns(['public_approved_at', 'submitted_at']).execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reply_texts').execute();
}
