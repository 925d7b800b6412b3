import { CompiledQuery, sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Store } from '../connect.ts';
import type { Database, PublicCommunicationsTable } from '../schema.ts';
import type { PublicRecord } from '../../presenters/communication-presenter.ts';
import { sessionForSentDate } from '../../domain/sessions-calendar.ts';
import { searchText } from '../../search/fold-text.ts';
import { toTsvector } from '../../search/search-query.ts';

/**
 * The public database's tables (migration 0009): written only through {@link projectionStatements}, inside
 * the transaction of the command that changed a published communication; read by the public queries.
 */

type Dialect = Store['dialect'];

/** A row of the public database. */
export type PublicRow = Selectable<PublicCommunicationsTable>;

/** The words the index holds for a public record: its reference, its public texts and its replies. */
export function publicSearchText(r: PublicRecord): string {
  return searchText(r.reference, r.subject, r.summary, r.body, r.concerns, ...r.questions, ...r.replies.map((reply) => reply.summary));
}

/** The row of a public record; `changedAt` is when the public last saw it change. */
export function publicRow(r: PublicRecord, id: string, changedAt: string): Insertable<PublicCommunicationsTable> {
  return {
    id,
    reference: r.reference,
    slug: r.slug,
    type: r.type,
    joint: r.joint ? 1 : 0,
    addressee_id: r.addressee.id,
    addressee_code: r.addressee.code,
    sent_at: r.sentAt,
    sent_date: r.sentDate,
    session: sessionForSentDate(r.sentDate).number,
    mandates: JSON.stringify(r.mandates),
    reply_status: r.replyStatus,
    reply_deadline: r.replyDeadline,
    first_reply_on: r.firstReplyOn,
    reply_count: r.replies.length,
    language: r.language,
    subject: r.subject,
    summary: r.summary,
    document: JSON.stringify(r),
    published_at: r.publishedAt,
    changed_at: changedAt,
    synthetic: r.synthetic ? 1 : 0,
  };
}

/** The public record a row holds. */
export function recordOfRow(row: Pick<PublicRow, 'document'>): PublicRecord {
  return JSON.parse(row.document) as PublicRecord;
}

const BUMP = CompiledQuery.raw('update public_state set generation = generation + 1 where id = 1');

/**
 * The statements that bring the public database in line with one communication: its record written (or
 * replaced) with its words in the index when it is public, both removed when it is not (anymore), and the
 * generation raised. Run in the command's own transaction, before its audit entry.
 */
export function projectionStatements(db: Kysely<Database>, dialect: Dialect, id: string, record: PublicRecord | undefined, at: string): CompiledQuery[] {
  if (!record) {
    const unindex =
      dialect === 'sqlite'
        ? [sql`delete from public_search where rowid = (select seq from public_communications where id = ${id})`.compile(db)]
        : []; // on PostgreSQL the index row goes with its communication (on delete cascade)
    return [...unindex, db.deleteFrom('public_communications').where('id', '=', id).compile(), BUMP];
  }
  const row = publicRow(record, id, at);
  const { id: _id, ...changes } = row;
  const upsert = db
    .insertInto('public_communications')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(changes))
    .compile();
  const words = publicSearchText(record);
  const index =
    dialect === 'sqlite'
      ? [
          sql`delete from public_search where rowid = (select seq from public_communications where id = ${id})`.compile(db),
          sql`insert into public_search (rowid, words) select seq, ${words} from public_communications where id = ${id}`.compile(db),
        ]
      : [
          sql`insert into public_search (seq, words) select seq, ${toTsvector(words)}::tsvector from public_communications where id = ${id}
              on conflict (seq) do update set words = excluded.words`.compile(db),
        ];
  // SQLite: the old words are removed while the row still has its seq, before the upsert keeps it.
  return dialect === 'sqlite' ? [index[0]!, upsert, index[1]!, BUMP] : [upsert, ...index, BUMP];
}

/** The generation of the public database: it changes whenever the public database does. */
export async function publicGeneration(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('public_state').select('generation').where('id', '=', 1).executeTakeFirst();
  return Number(row?.generation ?? 0);
}

/** What the in-memory catalogue keeps of every public row: the facets and the order. */
export type CatalogueRow = Pick<PublicRow, 'seq' | 'sent_at' | 'reference' | 'addressee_id' | 'type' | 'joint' | 'sent_date' | 'session' | 'mandates' | 'reply_status' | 'synthetic'>;

/** Every public row's facets, newest first, with the generation they were read at (one transaction). */
export async function readCatalogue(db: Kysely<Database>): Promise<{ generation: number; rows: CatalogueRow[] }> {
  return db.transaction().execute(async (tx) => {
    const generation = await publicGeneration(tx);
    const rows = await tx
      .selectFrom('public_communications')
      .select(['seq', 'sent_at', 'reference', 'addressee_id', 'type', 'joint', 'sent_date', 'session', 'mandates', 'reply_status', 'synthetic'])
      .orderBy('sent_at', 'desc')
      .orderBy('reference', 'desc')
      .execute();
    return { generation, rows };
  });
}

/** The seqs of the public rows whose words match a query (compiled for the store's dialect). */
export async function matchingSeqs(store: Pick<Store, 'db' | 'dialect' | 'sqlite'>, compiled: string): Promise<number[]> {
  if (store.sqlite) {
    // better-sqlite3 directly, one value per row: a common word matches most letters, and row objects cost.
    return matchStatement(store.sqlite).all(compiled) as number[];
  }
  // One text value rather than a row per match: far less to decode when a common word matches most letters.
  const { rows } = await sql<{ seqs: string | null }>`select string_agg(seq::text, ',') as seqs from public_search where words @@ ${compiled}::tsquery`.execute(store.db);
  const joined = rows[0]?.seqs;
  return joined ? joined.split(',').map(Number) : [];
}

const matchStatements = new WeakMap<object, SQLite.Statement>();
function matchStatement(sqlite: SQLite.Database): SQLite.Statement {
  let statement = matchStatements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare('select rowid from public_search where public_search match ?').pluck();
    matchStatements.set(sqlite, statement);
  }
  return statement;
}

/** Public rows by seq, in the order asked. */
export async function rowsBySeq(db: Kysely<Database>, seqs: readonly number[]): Promise<PublicRow[]> {
  if (seqs.length === 0) return [];
  const rows = await db.selectFrom('public_communications').selectAll().where('seq', 'in', [...seqs]).execute();
  const bySeq = new Map(rows.map((r) => [Number(r.seq), r]));
  return seqs.map((s) => bySeq.get(s)).filter((r): r is PublicRow => r !== undefined);
}

/** The public rows changed most recently (publications, corrections, replies), newest first. */
export async function recentlyChanged(db: Kysely<Database>, limit: number): Promise<PublicRow[]> {
  return db.selectFrom('public_communications').selectAll().orderBy('changed_at', 'desc').orderBy('seq', 'desc').limit(limit).execute();
}

/** The public row of a slug (`AL-KAZ-1-2022`), if public. */
export async function rowBySlug(db: Kysely<Database>, slug: string): Promise<PublicRow | undefined> {
  return db.selectFrom('public_communications').selectAll().where('slug', '=', slug.toUpperCase()).executeTakeFirst();
}

/**
 * Rebuilds the full-text index from the public rows (after a copy between stores, whose index is not
 * copied: it differs by dialect), and on PostgreSQL moves the row counter past the copied rows.
 */
export async function rebuildPublicSearch(db: Kysely<Database>, dialect: Dialect): Promise<number> {
  await sql`delete from public_search`.execute(db);
  let after = 0;
  let n = 0;
  for (;;) {
    const rows = await db.selectFrom('public_communications').select(['seq', 'document']).where('seq', '>', after).orderBy('seq').limit(500).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const words = publicSearchText(recordOfRow(row));
      if (dialect === 'sqlite') await sql`insert into public_search (rowid, words) values (${row.seq}, ${words})`.execute(db);
      else await sql`insert into public_search (seq, words) values (${row.seq}, ${toTsvector(words)}::tsvector)`.execute(db);
      n++;
    }
    after = Number(rows.at(-1)!.seq);
  }
  if (dialect === 'postgres') {
    await sql`select setval(pg_get_serial_sequence('public_communications', 'seq'), greatest((select max(seq) from public_communications), 1))`.execute(db);
  }
  return n;
}
