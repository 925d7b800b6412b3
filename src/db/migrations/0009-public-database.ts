import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * The public database: a projection of the published communications, written by the same transaction as
 * every command that publishes, corrects, retracts or otherwise changes a published letter
 * (src/db/repositories/public-repository.ts), so that it is never ahead of or behind the register.
 *
 * - `public_communications`: one row per published communication, holding only what the public may read
 *   (its public version, as the public presenter lets it out). Nothing else enters these tables: a
 *   withheld name, a source, a draft or a held letter cannot leak from a table that never holds them.
 * - `public_search`: the full-text index of the same rows (their letters and replies), over folded words
 *   (src/search/fold-text.ts): an FTS5 table on SQLite, a `tsvector` with a GIN index on PostgreSQL.
 * - `public_state`: a generation number raised by every change of the projection, which lets each process
 *   know when its cached facets are stale.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('public_communications')
    // The search index's row number: stable across corrections of the same letter.
    .addColumn('seq', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('id', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('reference', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('slug', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('type', 'varchar(2)', (c) => c.notNull())
    .addColumn('joint', 'integer', (c) => c.notNull())
    .addColumn('addressee_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('addressee_code', 'varchar(3)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('sent_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('session', 'integer', (c) => c.notNull())
    /** JSON array of the signing mandates' slugs, in signing order. */
    .addColumn('mandates', 'text', (c) => c.notNull())
    .addColumn('reply_status', 'varchar(16)', (c) => c.notNull())
    .addColumn('reply_deadline', 'varchar(10)', (c) => c.notNull())
    .addColumn('first_reply_on', 'varchar(10)')
    .addColumn('reply_count', 'integer', (c) => c.notNull())
    .addColumn('language', 'varchar(8)', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    /** JSON of the whole public record (body, questions, replies, public history…), names resolved at reading. */
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('published_at', 'varchar(30)', (c) => c.notNull())
    /** The last change the public sees (publication, correction, reply), for feeds. */
    .addColumn('changed_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('synthetic', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_communications_order_idx').on('public_communications').columns(['sent_at', 'reference']).execute();
  await db.schema.createIndex('public_communications_changed_idx').on('public_communications').columns(['changed_at', 'seq']).execute();

  if (pg) {
    // The words go out of line (TOAST) above 128 bytes, so that the table itself stays a narrow list of seqs
    // that a search over a common word reads quickly; only phrase searches read the words back.
    await sql`create table public_search (seq integer primary key references public_communications(seq) on delete cascade, words tsvector not null) with (toast_tuple_target = 128)`.execute(db);
    await sql`create index public_search_words_idx on public_search using gin (words)`.execute(db);
  } else {
    // Contentless: the words are kept in public_communications' texts, not twice; rows can still be deleted.
    await sql`create virtual table public_search using fts5(words, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`.execute(db);
  }

  await db.schema
    .createTable('public_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into public_state (id, generation) values (1, 0)`.execute(db);
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('public_state').execute();
  await db.schema.dropTable('public_search').execute();
  await db.schema.dropTable('public_communications').execute();
}
