import { PostgresAdapter, sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database, ListImportsTable, MatchReviewsTable, PersonNamesTable, PersonsTable } from '../schema.ts';
import { READ_ACTION_PREFIX } from './audit-repository.ts';

/**
 * The SQL of list imports: the batched reads that find candidates for thousands of incoming rows at once,
 * the batched writes of an import, the queue of likely matches, and the moves that merge a provisional
 * person into the person it was found to be.
 */

type Db = Kysely<Database>;

/** A list import as stored. */
export type ListImportRow = Selectable<ListImportsTable>;
/** A likely match as stored (`reasons` a JSON array of reason codes). */
export type MatchReviewRow = Selectable<MatchReviewsTable>;
/** What an import needs of a known person's detentions: which arrests are already recorded. */
export interface ArrestRow {
  id: string;
  person_id: string;
  arrested_on: string;
  arrest_place_id: string | null;
  status: string;
}

/** Bound parameters per statement, under SQLite's (32,766) and PostgreSQL's (65,535) limits. */
const MAX_PARAMS = 30_000;
/** Values per `in (…)` list. */
const IN_CHUNK = 1000;

/**
 * `column in (…)`: on PostgreSQL as `column = any($1)`, one array parameter, which the server parses and
 * plans once whatever the list's length (a list of a thousand parameters costs more to plan than to run).
 */
function inList(db: Db, column: string, values: readonly string[]) {
  return db.getExecutor().adapter instanceof PostgresAdapter ? sql<boolean>`${sql.ref(column)} = any(${[...values]}::text[])` : sql<boolean>`${sql.ref(column)} in (${sql.join([...values])})`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Whether anything was changed since the audit chain's entry `seq`: every change of the register is
 * written by a command that appends to the chain in the same transaction, so a change shows as an entry
 * after `seq` that is not a read (`read.*` entries record what someone looked at, and change nothing).
 */
export async function changedSince(db: Db, seq: number): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('seq')
    .where('seq', '>', seq)
    .where('action', 'not like', `${READ_ACTION_PREFIX}%`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Inserts rows in multi-row statements of as many rows as the parameter limit allows. Used for the
 * thousands of rows an import writes in its one transaction.
 */
export async function insertRows<T extends keyof Database & string>(tx: Db, table: T, rows: ReadonlyArray<Insertable<Database[T]>>): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length || 1;
  for (const part of chunks(rows, Math.max(1, Math.floor(MAX_PARAMS / columns)))) {
    await tx.insertInto(table).values(part as never).execute();
  }
}

/** The (keyed name digest, person) pairs of the name index for these digests. */
export async function findKeyPairs(db: Db, keys: readonly string[]): Promise<Array<{ key: string; person_id: string }>> {
  const out: Array<{ key: string; person_id: string }> = [];
  for (const part of chunks([...new Set(keys)], IN_CHUNK)) {
    out.push(...(await db.selectFrom('person_keys').select(['key', 'person_id']).where(inList(db, 'key', part)).execute()));
  }
  return out;
}

/** Persons by id, any number of them. */
export async function findPersonsById(db: Db, ids: readonly string[]): Promise<Array<Selectable<PersonsTable>>> {
  const out: Array<Selectable<PersonsTable>> = [];
  for (const part of chunks([...new Set(ids)], IN_CHUNK)) out.push(...(await db.selectFrom('persons').selectAll().where(inList(db, 'id', part)).execute()));
  return out;
}

/** The name rows of some persons, any number of them. */
export async function findNamesOfPersons(db: Db, ids: readonly string[]): Promise<Array<Selectable<PersonNamesTable>>> {
  const out: Array<Selectable<PersonNamesTable>> = [];
  for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
    out.push(...(await db.selectFrom('person_names').selectAll().where(inList(db, 'person_id', part)).orderBy('person_id').orderBy('position').execute()));
  }
  return out;
}

/** The arrests (date and place) of some persons' detentions. */
export async function findArrestsOfPersons(db: Db, ids: readonly string[]): Promise<ArrestRow[]> {
  const out: ArrestRow[] = [];
  for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
    out.push(...(await db.selectFrom('detentions').select(['id', 'person_id', 'arrested_on', 'arrest_place_id', 'status']).where(inList(db, 'person_id', part)).execute()));
  }
  return out;
}

/** Every keyed name digest of some persons, by person. */
export async function keysOfPersons(db: Db, ids: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
    for (const r of await db.selectFrom('person_keys').select(['key', 'person_id']).where(inList(db, 'person_id', part)).execute()) {
      out.set(r.person_id, (out.get(r.person_id) ?? new Set()).add(r.key));
    }
  }
  return out;
}

/** Which of these records are already linked to the source. */
export async function linkedToSource(db: Db, recordType: string, recordIds: readonly string[], sourceId: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks([...new Set(recordIds)], IN_CHUNK)) {
    const rows = await db.selectFrom('fact_sources').select('record_id').where('source_id', '=', sourceId).where('record_type', '=', recordType).where('record_id', 'in', part).execute();
    for (const r of rows) out.add(r.record_id);
  }
  return out;
}

/** Moves persons on a version: a change to them (names added by an import) is a change of the record. */
export async function bumpPersons(tx: Db, ids: readonly string[], at: string): Promise<void> {
  for (const part of chunks([...new Set(ids)], IN_CHUNK)) {
    await tx
      .updateTable('persons')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
      .where('id', 'in', part)
      .execute();
  }
}

/** Fills attributes of a person that were unknown (the import found them in a list). */
export async function fillPerson(tx: Db, id: string, patch: Updateable<PersonsTable>): Promise<void> {
  await tx.updateTable('persons').set(patch).where('id', '=', id).execute();
}

/** Adds an import. */
export async function insertListImport(tx: Db, row: Insertable<ListImportsTable>): Promise<void> {
  await tx.insertInto('list_imports').values(row).execute();
}

/** Earlier imports of the same file (by SHA-256), oldest first. */
export function findImportsOfFile(db: Db, sha256: string): Promise<ListImportRow[]> {
  return db.selectFrom('list_imports').selectAll().where('file_sha256', '=', sha256).orderBy('created_at').orderBy('id').execute();
}

/** An import by id. */
export function findListImport(db: Db, id: string): Promise<ListImportRow | undefined> {
  return db.selectFrom('list_imports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The latest imports, newest first. */
export function listRecentImports(db: Db, limit: number): Promise<ListImportRow[]> {
  return db.selectFrom('list_imports').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** A likely match by id. */
export function findMatchReview(db: Db, id: string): Promise<MatchReviewRow | undefined> {
  return db.selectFrom('match_reviews').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Pending likely matches, oldest first, then by import and row. */
export function listPendingReviews(db: Db, page: { limit: number; offset: number }): Promise<MatchReviewRow[]> {
  return db
    .selectFrom('match_reviews')
    .selectAll()
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .orderBy('import_id')
    .orderBy('row_number')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** How many likely matches wait for a decision. */
export async function countPendingReviews(db: Db): Promise<number> {
  const r = await db.selectFrom('match_reviews').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Records a decision on a pending review; false when it was no longer pending. */
export async function decideReview(tx: Db, id: string, patch: { status: string; decided_by: string; decided_at: string; person_id?: string }): Promise<boolean> {
  const r = await tx.updateTable('match_reviews').set(patch).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The keyed name digests of a person. */
export async function keysOfPerson(db: Db, personId: string): Promise<string[]> {
  return (await db.selectFrom('person_keys').select('key').where('person_id', '=', personId).execute()).map((r) => r.key);
}

/** What a merge moved, by kind. */
export interface MergeMoves {
  acts: number;
  detentions: number;
  disappearances: number;
  sources: number;
  communications: number;
  inquiries: number;
  reviews: number;
}

/** Moves the links (fact sources, communication links) of one record to another, keeping each pair once. */
async function moveLinks(tx: Db, table: 'fact_sources' | 'communication_links', recordType: string, from: string, to: string): Promise<number> {
  if (table === 'fact_sources') {
    const mine = await tx.selectFrom('fact_sources').selectAll().where('record_type', '=', recordType).where('record_id', '=', from).execute();
    if (mine.length === 0) return 0;
    const have = new Set((await tx.selectFrom('fact_sources').select('source_id').where('record_type', '=', recordType).where('record_id', '=', to).execute()).map((r) => r.source_id));
    const add = mine.filter((r) => !have.has(r.source_id)).map((r) => ({ ...r, record_id: to }));
    if (add.length > 0) await tx.insertInto('fact_sources').values(add).execute();
    await tx.deleteFrom('fact_sources').where('record_type', '=', recordType).where('record_id', '=', from).execute();
    return mine.length;
  }
  const mine = await tx.selectFrom('communication_links').selectAll().where('record_type', '=', recordType).where('record_id', '=', from).execute();
  if (mine.length === 0) return 0;
  const have = new Set(
    (await tx.selectFrom('communication_links').select('communication_id').where('record_type', '=', recordType).where('record_id', '=', to).execute()).map((r) => r.communication_id),
  );
  const add = mine.filter((r) => !have.has(r.communication_id)).map((r) => ({ ...r, record_id: to }));
  if (add.length > 0) await tx.insertInto('communication_links').values(add).execute();
  await tx.deleteFrom('communication_links').where('record_type', '=', recordType).where('record_id', '=', from).execute();
  return mine.length;
}

/**
 * Moves everything that hangs on person `from` to person `to`: acts, detentions, disappearances, inquiries
 * about the person, other reviews naming it, its sources and its links to communications. The encrypted
 * columns of the moved records are bound to their own ids, not to the person, so they move as they are.
 * Names and keys are the caller's (they are re-sealed for the other person); the person row is left.
 */
export async function movePersonRecords(tx: Db, from: string, to: string): Promise<MergeMoves> {
  const n = (r: { numUpdatedRows: bigint }) => Number(r.numUpdatedRows);
  const acts = n(await tx.updateTable('register_acts').set({ person_id: to }).where('person_id', '=', from).executeTakeFirst());
  const detentions = n(await tx.updateTable('detentions').set({ person_id: to }).where('person_id', '=', from).executeTakeFirst());
  const disappearances = n(await tx.updateTable('disappearances').set({ person_id: to }).where('person_id', '=', from).executeTakeFirst());
  const inquiries = n(await tx.updateTable('whereabouts_inquiries').set({ person_id: to }).where('person_id', '=', from).executeTakeFirst());
  const reviews =
    n(await tx.updateTable('match_reviews').set({ person_id: to }).where('person_id', '=', from).executeTakeFirst()) +
    n(await tx.updateTable('match_reviews').set({ candidate_id: to }).where('candidate_id', '=', from).executeTakeFirst());
  const sources = await moveLinks(tx, 'fact_sources', 'person', from, to);
  const communications = await moveLinks(tx, 'communication_links', 'person', from, to);
  return { acts, detentions, disappearances, sources, communications, inquiries, reviews };
}

/** Deletes a person with its names and keys (after {@link movePersonRecords} left nothing on it). */
export async function deletePerson(tx: Db, id: string): Promise<void> {
  await tx.deleteFrom('person_keys').where('person_id', '=', id).execute();
  await tx.deleteFrom('person_names').where('person_id', '=', id).execute();
  await tx.deleteFrom('persons').where('id', '=', id).execute();
}
