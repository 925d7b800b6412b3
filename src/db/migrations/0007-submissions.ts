import type { Kysely } from 'kysely';

/**
 * Submissions from sources (information received), their alleged victims with the consent choices, the
 * two-way messages between the source and staff, and staff notes (never shown to the source). Restricted
 * columns (the submitter's identity and contact details, the facts, the victims' names and details, the
 * messages and notes) hold values encrypted with the field key (`enc1:…`), bound to their table, column and
 * row. The receipt code is kept only as its SHA-256 digest; `reference` is a short public handle that opens
 * nothing. Status values: see `src/domain/submission.ts`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('submissions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('reference', 'varchar(16)', (c) => c.notNull().unique())
    .addColumn('receipt_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('status', 'varchar(40)', (c) => c.notNull())
    .addColumn('language', 'varchar(8)', (c) => c.notNull())
    // In clear for triage: which State, never who or what.
    .addColumn('country_code', 'varchar(3)')
    .addColumn('submitter_identity', 'text', (c) => c.notNull())
    .addColumn('submitter_contact', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('communication_id', 'varchar(36)', (c) => c.references('communications.id'))
    .addColumn('linked_at', 'varchar(30)')
    .addColumn('consent_changed_after_draft_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  // The inbox: newest first, all or of one status.
  await db.schema.createIndex('submissions_created_idx').on('submissions').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('submissions_status_created_idx').on('submissions').columns(['status', 'created_at', 'id']).execute();

  await db.schema
    .createTable('submission_victims')
    .addColumn('submission_id', 'varchar(36)', (c) => c.notNull().references('submissions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('publish_name', 'integer', (c) => c.notNull())
    .addColumn('consent_withdrawn_at', 'varchar(30)')
    .addPrimaryKeyConstraint('submission_victims_pk', ['submission_id', 'position'])
    .execute();

  await db.schema
    .createTable('submission_messages')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('submission_id', 'varchar(36)', (c) => c.notNull().references('submissions.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('author', 'varchar(10)', (c) => c.notNull())
    .addColumn('author_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('in_reply_to', 'varchar(36)')
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('submission_messages_idx').on('submission_messages').columns(['submission_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('submission_notes')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('submission_id', 'varchar(36)', (c) => c.notNull().references('submissions.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('author_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('submission_notes_idx').on('submission_notes').columns(['submission_id', 'created_at', 'id']).execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('submission_notes').execute();
  await db.schema.dropTable('submission_messages').execute();
  await db.schema.dropTable('submission_victims').execute();
  await db.schema.dropTable('submissions').execute();
}
