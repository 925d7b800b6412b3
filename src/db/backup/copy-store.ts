import { sql, type Kysely } from 'kysely';
import { AppError } from '../../errors.ts';
import type { Store } from '../connect.ts';
import { migrateToLatest } from '../migrate.ts';
import type { Database } from '../schema.ts';
import { rebuildPublicSearch } from '../repositories/public-repository.ts';

/** Progress of {@link copyStore}: rows of a table copied so far, out of its total. */
export interface CopyProgress {
  table: keyof Database;
  copied: number;
  total: number;
}

/** What {@link copyStore} copied: the number of rows of each table, equal on both sides. */
export interface CopyResult {
  rows: Record<keyof Database, number>;
}

/**
 * Every table, in foreign-key order, with the columns of its primary key (for reading in stable batches).
 * `audit_head` comes last and replaces the fresh head that the target's migration created.
 */
const KEYS: { readonly [T in keyof Database]: readonly string[] } = {
  communications: ['id'],
  communication_mandates: ['communication_id', 'mandate_slug'],
  replies: ['id'],
  reply_texts: ['reply_id'],
  public_communications: ['seq'],
  public_state: ['id'],
  follow_ups: ['communication_id', 'follows_id'],
  communication_events: ['communication_id', 'seq'],
  reference_counters: ['addressee_code', 'year'],
  accounts: ['id'],
  recovery_codes: ['account_id', 'code_hash'],
  sessions: ['id_hash'],
  account_links: ['token_hash'],
  outbox: ['id'],
  attachments: ['id'],
  submissions: ['id'],
  submission_victims: ['submission_id', 'position'],
  submission_messages: ['id'],
  submission_notes: ['id'],
  register_places: ['id'],
  register_sources: ['id'],
  fact_sources: ['record_type', 'record_id', 'source_id'],
  register_events: ['id'],
  event_places: ['event_id', 'place_id'],
  persons: ['id'],
  person_names: ['person_id', 'position'],
  person_keys: ['key', 'person_id'],
  register_acts: ['id'],
  detentions: ['id'],
  detention_charges: ['charge', 'detention_id'],
  detention_stays: ['detention_id', 'seq'],
  disappearances: ['id'],
  register_figures: ['id'],
  communication_links: ['communication_id', 'record_type', 'record_id'],
  list_imports: ['id'],
  match_reviews: ['id'],
  whereabouts_inquiries: ['id'],
  audit_log: ['seq'],
  audit_head: ['id'],
};
// Typed as a record of every table of the schema: a new table that is not listed here does not compile, so
// a copy can never leave one behind. The order of the keys is the copying order (parents before children).
const TABLES = (Object.keys(KEYS) as Array<keyof Database>).map((name) => ({ name, key: KEYS[name] }));

/** Every table of a store, parents before children. */
export const STORE_TABLES: ReadonlyArray<keyof Database> = TABLES.map((t) => t.name);

const BATCH = 1000;

/**
 * Copies a whole store into another, typically an embedded SQLite installation into PostgreSQL. The target
 * is migrated first and must be empty (no communication, no audit entry: STORE_NOT_EMPTY). Rows are copied
 * value for value — the audit chain's digests depend on every one — in batches of 1,000, in foreign-key
 * order, inside one transaction on the target, so a failed copy leaves the target as it was. The source is
 * read in one transaction too (on SQLite this holds its write lock), so the copy is one consistent
 * snapshot; row counts are compared per table before the target commits.
 *
 * @example await copyStore(sqliteStore, postgresStore, (p) => console.log(p.table, p.copied, '/', p.total))
 */
export async function copyStore(from: Store, to: Store, onProgress?: (progress: CopyProgress) => void): Promise<CopyResult> {
  await migrateToLatest(to);
  await checkSameMigrations(from, to);
  await refuseNonEmpty(to.db, to.location);
  return from.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((source) =>
      to.db.transaction().execute(async (target) => {
        // Checked again inside the transaction: another copy may have started meanwhile.
        await refuseNonEmpty(target, to.location);
        const rows = {} as Record<keyof Database, number>;
        for (const table of TABLES) {
          const total = await countRows(source, table.name);
          // Single rows that the target's migration created: replaced by the source's.
          if (table.name === 'audit_head' || table.name === 'public_state') await target.deleteFrom(table.name).execute();
          let copied = 0;
          onProgress?.({ table: table.name, copied, total });
          let after: unknown[] | undefined;
          for (;;) {
            const batch = await readBatch(source, table.name, table.key, after);
            if (batch.length === 0) break;
            await target.insertInto(table.name).values(batch as never).execute();
            copied += batch.length;
            onProgress?.({ table: table.name, copied, total });
            const last = batch[batch.length - 1] as Record<string, unknown>;
            after = table.key.map((k) => last[k]);
            if (batch.length < BATCH) break;
          }
          const written = await countRows(target, table.name);
          if (copied !== total || written !== total) {
            throw new AppError('INTERNAL', `copying ${table.name}: ${total} rows in the source, ${copied} read, ${written} in the target; nothing was copied`);
          }
          rows[table.name] = total;
        }
        await rebuildPublicSearch(target, to.dialect);
        return { rows };
      }),
    );
}

/** Reads up to {@link BATCH} rows of a table in primary-key order, after the key `after`. */
async function readBatch(db: Kysely<Database>, table: keyof Database, key: readonly string[], after: unknown[] | undefined) {
  let query = db.selectFrom(table).selectAll();
  if (after) {
    const [k1, k2] = key as [string, string | undefined];
    query = k2 === undefined
      ? query.where(sql.ref(k1), '>', after[0])
      : query.where(sql`(${sql.ref(k1)}, ${sql.ref(k2)}) > (${after[0]}, ${after[1]})` as never);
  }
  for (const k of key) query = query.orderBy(sql.ref(k));
  return query.limit(BATCH).execute();
}

async function countRows(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** STORE_NOT_EMPTY when the target already holds a communication or an audit entry. */
async function refuseNonEmpty(db: Kysely<Database>, location: string): Promise<void> {
  const communications = await countRows(db, 'communications');
  const entries = await countRows(db, 'audit_log');
  if (communications > 0 || entries > 0) {
    throw new AppError('STORE_NOT_EMPTY', `${location} already holds ${communications} communication(s) and ${entries} audit entries; copy only into an empty store`, {
      communications,
      entries,
    });
  }
}

/** Both stores must be at the same schema version, or columns would not line up. */
async function checkSameMigrations(from: Store, to: Store): Promise<void> {
  const [a, b] = await Promise.all([migrationNames(from.db), migrationNames(to.db)]);
  if (a.join('\n') !== b.join('\n')) {
    throw new AppError('CONFLICT', `the source is at migration ${a.at(-1) ?? '(none)'} and the target at ${b.at(-1) ?? '(none)'}: start the application once on the source to migrate it, then copy`);
  }
}

async function migrationNames(db: Kysely<Database>): Promise<string[]> {
  try {
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    return rows.rows.map((r) => r.name);
  } catch {
    return [];
  }
}
