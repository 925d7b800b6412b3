import type { Kysely } from 'kysely';

/**
 * The outbox of e-mail notifications. A row is written in the same transaction as the command whose event
 * it announces, and delivered later by a separate run, so that a rolled-back command sends nothing and a
 * slow or unreachable mail server never holds a command up. `dedupe_key` is unique: the same event for the
 * same address is one row however often it is announced. For a row being sent, `next_attempt_at` is when
 * its lease ends (a worker that died mid-send leaves it to be claimed again).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('recipient', 'varchar(320)', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'varchar(30)')
    .addColumn('dedupe_key', 'varchar(500)', (c) => c.notNull().unique())
    .execute();
  // What a delivery run reads: the due rows of a status, oldest first.
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();
  // The CLI's list, newest first.
  await db.schema.createIndex('outbox_created_idx').on('outbox').columns(['created_at', 'id']).execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outbox').execute();
}
