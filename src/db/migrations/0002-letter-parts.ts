import type { Kysely } from 'kysely';

/**
 * The structured parts of a letter beyond its summary, body and questions: the concerns, the annex (free
 * text and the citations chosen from the library), a confidential annex for the Government only, whether a
 * press release may follow, the victims with their consent to publication, and the approval of the public
 * version. Victims and citations are typed JSON arrays validated by the commands (the case register will
 * link victims to persons).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const columns: Array<[string, 'text' | 'integer' | 'varchar(64)' | 'varchar(200)' | 'varchar(30)', unknown]> = [
    ['concerns', 'text', ''],
    ['annex_text', 'text', ''],
    ['confidential_annex', 'text', ''],
    ['press_release', 'integer', 0],
    ['victims', 'text', '[]'],
    ['annex_citations', 'text', '[]'],
    ['public_version_digest', 'varchar(64)', null],
    ['public_version_approved_by', 'varchar(200)', null],
    ['public_version_approved_at', 'varchar(30)', null],
  ];
  // One column per statement: SQLite adds one column at a time.
  for (const [name, type, fallback] of columns) {
    await db.schema
      .alterTable('communications')
      .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
      .execute();
  }
}

/** Drops what {@link up} added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'public_version_approved_at', 'public_version_approved_by', 'public_version_digest', 'annex_citations', 'victims',
    'press_release', 'confidential_annex', 'annex_text', 'concerns',
  ]) {
    await db.schema.alterTable('communications').dropColumn(name).execute();
  }
}
