import type { Kysely } from 'kysely';

/** The communications register, its history, reference counters and the audit chain. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('communications')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('type', 'varchar(2)', (c) => c.notNull())
    .addColumn('addressee_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('addressee_code', 'varchar(3)', (c) => c.notNull())
    .addColumn('language', 'varchar(8)', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('drafting_status', 'varchar(16)', (c) => c.notNull())
    .addColumn('reference', 'varchar(32)', (c) => c.unique())
    .addColumn('ref_number', 'integer')
    .addColumn('ref_year', 'integer')
    .addColumn('sent_at', 'varchar(30)')
    .addColumn('sent_date', 'varchar(10)')
    .addColumn('reply_deadline', 'varchar(10)')
    .addColumn('reply_status', 'varchar(16)')
    .addColumn('first_reply_on', 'varchar(10)')
    .addColumn('publication_status', 'varchar(16)')
    .addColumn('publish_due_at', 'varchar(30)')
    .addColumn('published_at', 'varchar(30)')
    .addColumn('hold_reason', 'text')
    .addColumn('held_until', 'varchar(10)')
    .addColumn('mandate_count', 'integer', (c) => c.notNull())
    .addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(200)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('communications_ref_unique', ['addressee_code', 'ref_year', 'ref_number'])
    .execute();
  // The list queries of the register: by addressee, by year, by type and reply status, newest first. Each
  // index ends with the list's full order (sent_at, id), so a page is read in index order and stops after
  // its rows, and the total is counted from the index alone.
  await db.schema.createIndex('communications_addressee_idx').on('communications').columns(['addressee_code', 'sent_at', 'id']).execute();
  await db.schema.createIndex('communications_year_idx').on('communications').columns(['ref_year', 'sent_at', 'id']).execute();
  await db.schema.createIndex('communications_type_reply_idx').on('communications').columns(['type', 'reply_status', 'sent_at', 'id']).execute();
  await db.schema.createIndex('communications_sent_idx').on('communications').columns(['sent_at', 'id']).execute();
  await db.schema.createIndex('communications_publication_idx').on('communications').columns(['publication_status', 'publish_due_at']).execute();
  // Not `updated_at`: every command changes it, and an index holding it would be rewritten by each one.
  await db.schema.createIndex('communications_drafting_idx').on('communications').columns(['drafting_status', 'sent_at', 'id']).execute();

  await db.schema
    .createTable('communication_mandates')
    .addColumn('communication_id', 'varchar(36)', (c) => c.notNull().references('communications.id'))
    .addColumn('mandate_slug', 'varchar(64)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('decision', 'varchar(20)', (c) => c.notNull())
    .addColumn('decided_by', 'varchar(200)')
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('decision_note', 'text')
    // Copies of the communication's year and instant of sending (null for drafts), kept equal by the
    // repository, so that "letters of a mandate in a year, newest first" is one index range, not a join
    // that visits every letter of the year.
    .addColumn('ref_year', 'integer')
    .addColumn('sent_at', 'varchar(30)')
    .addPrimaryKeyConstraint('communication_mandates_pk', ['communication_id', 'mandate_slug'])
    .execute();
  await db.schema
    .createIndex('communication_mandates_mandate_idx')
    .on('communication_mandates')
    .columns(['mandate_slug', 'sent_at', 'communication_id'])
    .execute();
  await db.schema
    .createIndex('communication_mandates_mandate_year_idx')
    .on('communication_mandates')
    .columns(['mandate_slug', 'ref_year', 'sent_at', 'communication_id'])
    .execute();

  await db.schema
    .createTable('replies')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('communication_id', 'varchar(36)', (c) => c.notNull().references('communications.id'))
    .addColumn('received_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('language', 'varchar(8)', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('recorded_by', 'varchar(200)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('replies_communication_idx').on('replies').columns(['communication_id', 'received_on']).execute();

  await db.schema
    .createTable('follow_ups')
    .addColumn('communication_id', 'varchar(36)', (c) => c.notNull().references('communications.id'))
    .addColumn('follows_id', 'varchar(36)', (c) => c.notNull().references('communications.id'))
    .addColumn('linked_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('linked_by', 'varchar(200)', (c) => c.notNull())
    .addPrimaryKeyConstraint('follow_ups_pk', ['communication_id', 'follows_id'])
    .execute();
  await db.schema.createIndex('follow_ups_follows_idx').on('follow_ups').columns(['follows_id']).execute();

  await db.schema
    .createTable('communication_events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('communication_id', 'varchar(36)', (c) => c.notNull().references('communications.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor', 'varchar(200)', (c) => c.notNull())
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('details', 'text')
    .addUniqueConstraint('communication_events_seq_unique', ['communication_id', 'seq'])
    .execute();

  await db.schema
    .createTable('reference_counters')
    .addColumn('addressee_code', 'varchar(3)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('reference_counters_pk', ['addressee_code', 'year'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor', 'varchar(200)', (c) => c.notNull())
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('record_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('record_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('before_digest', 'varchar(64)')
    .addColumn('after_digest', 'varchar(64)')
    .addColumn('details', 'text')
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_record_idx').on('audit_log').columns(['record_type', 'record_id', 'seq']).execute();

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db
    .insertInto('audit_head' as never)
    .values({ id: 1, last_seq: 0, last_hash: '0'.repeat(64) } as never)
    .execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['audit_head', 'audit_log', 'reference_counters', 'communication_events', 'follow_ups', 'replies', 'communication_mandates', 'communications']) {
    await db.schema.dropTable(t).execute();
  }
}
