import type { Kysely } from 'kysely';

/**
 * Attachments of submissions and replies: one row per file taken in, naming the original and its cleaned
 * copy by their SHA-256 (the files themselves live on disk under their hash, see `src/files/`). The id is
 * the only handle a download uses. An owner holds the same bytes once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('cleaned_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('cleaned_size', 'integer', (c) => c.notNull())
    .addColumn('owner_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('owner_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(200)', (c) => c.notNull())
    .addUniqueConstraint('attachments_owner_sha256_unique', ['owner_type', 'owner_id', 'sha256'])
    .execute();
  await db.schema.createIndex('attachments_owner_idx').on('attachments').columns(['owner_type', 'owner_id', 'created_at', 'id']).execute();
  // Which rows still need a stored file: for removing files no row names any more.
  await db.schema.createIndex('attachments_sha256_idx').on('attachments').columns(['sha256']).execute();
  await db.schema.createIndex('attachments_cleaned_sha256_idx').on('attachments').columns(['cleaned_sha256']).execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('attachments').execute();
}
