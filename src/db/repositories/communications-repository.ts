import { sql, type CompiledQuery, type Insertable, type Kysely, type QueryCreator, type QueryResult, type RawBuilder, type Selectable, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { Communication, HistoryEntry } from '../../domain/communication.ts';
import type { Decision } from '../../domain/drafting.ts';
import type { CommunicationMandatesTable, CommunicationsTable, Database, RepliesTable } from '../schema.ts';
import type { Store } from '../connect.ts';
import { decryptField, encryptField, fieldPlace, isEncryptedField, type FieldKey } from '../../security/field-cipher.ts';
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { lockAuditHead, lockHeadQuery, readHeadQuery, type LockedAuditHead, type WithWrites } from './audit-repository.ts';
import { isNotNullViolation, precompiled, type Slot } from './precompiled.ts';

type Row = Selectable<CommunicationsTable>;

/** Filters of the register's list; every one optional. */
export interface CommunicationFilters {
  addresseeCode?: string;
  addresseeId?: string;
  mandate?: string;
  year?: number;
  type?: string;
  replyStatus?: string;
  draftingStatus?: string;
  publicationStatus?: string;
  synthetic?: boolean;
}

/** A row of the register's list. */
export interface CommunicationSummary {
  id: string;
  reference: string | null;
  type: string;
  addresseeId: string;
  addresseeCode: string;
  sentDate: string | null;
  subject: string;
  summary: string;
  draftingStatus: string;
  replyStatus: string | null;
  publicationStatus: string | null;
  replyDeadline: string | null;
  mandates: string[];
  synthetic: boolean;
  /** The letter's language and victims: what the public projection needs to withhold names. */
  language: string;
  victims: Communication['victims'];
}

/** One page of the list with the total number of matches. */
export interface CommunicationPage {
  total: number;
  rows: CommunicationSummary[];
}

/**
 * Loads a communication with its mandates, replies, links and history, in one statement on either database
 * (each part a JSON array built by the database): on PostgreSQL every statement is a network round trip.
 * The restricted columns are decrypted with `key` (see {@link SEALED_COLUMNS}). With `forUpdate` on
 * PostgreSQL the row is locked until the transaction ends (SQLite's immediate transactions already hold
 * the write lock).
 *
 * @example await loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, id)
 */
export async function loadCommunication(
  db: Kysely<Database>,
  dialect: Store['dialect'],
  key: FieldKey,
  id: string,
  forUpdate = false,
): Promise<Communication | undefined> {
  const load = dialect === 'postgres' ? (forUpdate ? loadPostgresForUpdate : loadPostgres) : loadSqlite;
  const found = (await load(db, id)).rows[0];
  return found ? fromLoaded(found, key) : undefined;
}

/**
 * Reloads a communication inside a command's transaction and locks the head of the audit chain for the
 * command's entry: on PostgreSQL in one statement (the head's update is a `with` clause of the load), which
 * saves a round trip per command; on SQLite, in process, as two. The head is locked after everything else
 * the command locked, as {@link appendAudit} would. Undefined when the communication is gone (the caller
 * then fails, and its transaction rolls back).
 */
export async function reloadLockingAuditHead(
  tx: Kysely<Database>,
  dialect: Store['dialect'],
  key: FieldKey,
  id: string,
): Promise<{ communication: Communication; head: LockedAuditHead } | undefined> {
  if (dialect !== 'postgres') {
    const communication = await loadCommunication(tx, dialect, key, id);
    return communication && { communication, head: await lockAuditHead(tx) };
  }
  const found = (await reloadPostgresLockingHead(tx, id)).rows[0];
  if (!found) return undefined;
  const { h_seq, h_hash, ...loaded } = found;
  return { communication: fromLoaded(loaded, key), head: { seq: Number(h_seq), prevHash: h_hash } };
}

const reloadPostgresLockingHead = precompiled<Loaded & { h_seq: number; h_hash: string }, [Slot]>(
  (db, id) =>
    db
      .with('head', (w) => lockHeadQuery(w as unknown as Kysely<Database>))
      .selectFrom(['communications as self', 'head'])
      .selectAll('self')
      .select(() => postgresParts(db))
      .select(['head.last_seq as h_seq', 'head.last_hash as h_hash'])
      .where('self.id', '=', id) as never,
);

/**
 * A communication as a command loads it to change it: the aggregate (decrypted), the row it was built from
 * as stored (its restricted columns still encrypted; the state after the command's writes is derived from
 * it, see {@link communicationAfter}), and the head of the audit chain as read by the same statement, not
 * locked (see appendAuditAfterSeen).
 */
export interface LoadedForChange {
  communication: Communication;
  row: Row;
  head: LockedAuditHead;
}

/**
 * The statement that loads a communication for a change: locked on PostgreSQL (SQLite's immediate
 * transactions already hold the write lock), with the audit head read alongside. Run it with the BEGIN that
 * opens the command's transaction (runTogether), and read its result with {@link loadedForChange}.
 */
export function loadForChangeStatement(tx: Kysely<Database>, dialect: Store['dialect'], id: string): CompiledQuery {
  return (dialect === 'postgres' ? loadPostgresForChange : loadSqliteForChange).query(tx, id);
}

/** The result of {@link loadForChangeStatement}, decrypted with `key`; undefined when there is no such communication. */
export function loadedForChange(result: QueryResult<unknown>, key: FieldKey): LoadedForChange | undefined {
  const found = (result as QueryResult<Loaded & HeadColumns>).rows[0];
  if (!found) return undefined;
  const { h_seq, h_hash, j_mandates, j_replies, j_follows, j_followed_by, j_events, ...row } = found;
  const communication = assemble(row, key, parts(j_mandates), parts(j_replies), parts(j_follows), parts(j_followed_by), parts(j_events));
  return { communication, row, head: { seq: Number(h_seq) + 1, prevHash: h_hash } };
}

type HeadColumns = { h_seq: number; h_hash: string };
const headColumns = (db: Kysely<Database>) => [readHeadQuery(db, 'last_seq').as('h_seq'), readHeadQuery(db, 'last_hash').as('h_hash')];
const loadPostgresForChange = precompiled<Loaded & HeadColumns, [Slot]>(
  (db, id) => postgresLoad(db, id).select(() => headColumns(db)).forUpdate('self') as never,
);
const loadSqliteForChange = precompiled<Loaded & HeadColumns, [Slot]>((db, id) => sqliteLoad(db, id).select(() => headColumns(db)) as never);

function fromLoaded(found: Loaded, key: FieldKey): Communication {
  const { j_mandates, j_replies, j_follows, j_followed_by, j_events, ...row } = found;
  return assemble(row, key, parts(j_mandates), parts(j_replies), parts(j_follows), parts(j_followed_by), parts(j_events));
}

/** A part as the driver returns it: parsed JSON on PostgreSQL, JSON text on SQLite. */
function parts<T>(value: T[] | string): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : value;
}

// The columns of each part, in the order the aggregate is built.
const MANDATE_COLUMNS = ['mandate_slug', 'decision', 'decided_by', 'decided_at', 'decision_note'] as const;
const REPLY_COLUMNS = ['id', 'received_on', 'kind', 'language', 'summary', 'recorded_at', 'recorded_by'] as const;
const EVENT_COLUMNS = ['seq', 'at', 'actor', 'action', 'reason', 'details'] as const;
const LINK_COLUMNS = ['id', 'reference', 'publication_status'] as const;

type MandatePart = Pick<Selectable<CommunicationMandatesTable>, (typeof MANDATE_COLUMNS)[number]>;
type ReplyPart = Pick<Selectable<Database['replies']>, (typeof REPLY_COLUMNS)[number]>;
type EventPart = Pick<Selectable<Database['communication_events']>, (typeof EVENT_COLUMNS)[number]>;
type LinkPart = { id: string; reference: string | null; publication_status: string | null };
type Loaded = Row & { j_mandates: MandatePart[] | string; j_replies: ReplyPart[] | string; j_follows: LinkPart[] | string; j_followed_by: LinkPart[] | string; j_events: EventPart[] | string };

// The parts of a communication, each one query correlated to the loaded row `self`.
const mandatesQuery = (db: Kysely<Database>) =>
  db.selectFrom('communication_mandates as m').select(MANDATE_COLUMNS.map((c) => `m.${c}` as const)).whereRef('m.communication_id', '=', 'self.id' as never).orderBy('m.position');
const repliesQuery = (db: Kysely<Database>) =>
  db.selectFrom('replies as r').select(REPLY_COLUMNS.map((c) => `r.${c}` as const)).whereRef('r.communication_id', '=', 'self.id' as never).orderBy('r.received_on').orderBy('r.recorded_at');
const followsQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('follow_ups as f')
    .innerJoin('communications as c', 'c.id', 'f.follows_id')
    .select(['c.id', 'c.reference', 'c.publication_status'])
    .whereRef('f.communication_id', '=', 'self.id' as never)
    .orderBy('c.sent_at');
const followedByQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('follow_ups as f')
    .innerJoin('communications as c', 'c.id', 'f.communication_id')
    .select(['c.id', 'c.reference', 'c.publication_status'])
    .whereRef('f.follows_id', '=', 'self.id' as never)
    .orderBy('c.created_at');
const eventsQuery = (db: Kysely<Database>) =>
  db.selectFrom('communication_events as e').select(EVENT_COLUMNS.map((c) => `e.${c}` as const)).whereRef('e.communication_id', '=', 'self.id' as never).orderBy('e.seq');

/** PostgreSQL: each part through `json_agg` of its ordered rows. */
const postgresLoad = (db: Kysely<Database>, id: string) =>
  db
    .selectFrom('communications as self')
    .selectAll('self')
    .select(() => postgresParts(db))
    .where('self.id', '=', id);
const postgresParts = (db: Kysely<Database>) => [
  pgJsonArrayFrom(mandatesQuery(db)).as('j_mandates'),
  pgJsonArrayFrom(repliesQuery(db)).as('j_replies'),
  pgJsonArrayFrom(followsQuery(db)).as('j_follows'),
  pgJsonArrayFrom(followedByQuery(db)).as('j_followed_by'),
  pgJsonArrayFrom(eventsQuery(db)).as('j_events'),
];
const loadPostgres = precompiled<Loaded, [Slot]>((db, id) => postgresLoad(db, id) as never);
const loadPostgresForUpdate = precompiled<Loaded, [Slot]>((db, id) => postgresLoad(db, id).forUpdate('self') as never);

/**
 * SQLite: each part through `json_group_array(… order by …)`: the order is stated inside the aggregate
 * (SQLite 3.44 and later), not left to the order in which a subquery happens to yield its rows.
 */
const sqliteLoad = (db: Kysely<Database>, id: string) =>
  db
    .selectFrom('communications as self')
    .selectAll('self')
    .select(() => [
      sqliteJsonArray(sql`communication_mandates as m`, 'm', MANDATE_COLUMNS, sql`m.communication_id = self.id`, sql`m.position`).as('j_mandates'),
      sqliteJsonArray(sql`replies as r`, 'r', REPLY_COLUMNS, sql`r.communication_id = self.id`, sql`r.received_on, r.recorded_at`).as('j_replies'),
      sqliteJsonArray(
        sql`follow_ups as f inner join communications as c on c.id = f.follows_id`,
        'c',
        LINK_COLUMNS,
        sql`f.communication_id = self.id`,
        sql`c.sent_at`,
      ).as('j_follows'),
      sqliteJsonArray(
        sql`follow_ups as f inner join communications as c on c.id = f.communication_id`,
        'c',
        LINK_COLUMNS,
        sql`f.follows_id = self.id`,
        sql`c.created_at`,
      ).as('j_followed_by'),
      sqliteJsonArray(sql`communication_events as e`, 'e', EVENT_COLUMNS, sql`e.communication_id = self.id`, sql`e.seq`).as('j_events'),
    ])
    .where('self.id', '=', id);
const loadSqlite = precompiled<Loaded, [Slot]>((db, id) => sqliteLoad(db, id) as never);

/** `(select json_group_array(json_object('col', alias.col, …) order by …) from … where …)`: '[]' when no row matches. */
function sqliteJsonArray(
  from: RawBuilder<unknown>,
  alias: string,
  columns: readonly string[],
  where: RawBuilder<unknown>,
  orderBy: RawBuilder<unknown>,
): RawBuilder<string> {
  const fields = sql.join(columns.map((c) => sql`${sql.lit(c)}, ${sql.ref(`${alias}.${c}`)}`));
  return sql<string>`(select json_group_array(json_object(${fields}) order by ${orderBy}) from ${from} where ${where})`;
}

function assemble(
  row: Row,
  key: FieldKey,
  mandates: readonly MandatePart[],
  replies: readonly ReplyPart[],
  follows: readonly LinkPart[],
  followedBy: readonly LinkPart[],
  events: readonly EventPart[],
): Communication {
  return {
    ...fromRow(row, key),
    mandates: mandates.map((m) => ({
      slug: m.mandate_slug,
      decision: m.decision as Decision,
      decidedBy: m.decided_by,
      decidedAt: m.decided_at,
      note: m.decision_note,
    })),
    replies: replies.map((r) => ({
      id: r.id,
      receivedOn: r.received_on,
      kind: r.kind as Communication['replies'][number]['kind'],
      language: r.language,
      summary: r.summary,
      recordedAt: r.recorded_at,
      recordedBy: r.recorded_by,
    })),
    follows: follows.map((f) => ({ id: f.id, reference: f.reference, published: f.publication_status === 'published' })),
    followedBy: followedBy.map((f) => ({ id: f.id, reference: f.reference, published: f.publication_status === 'published' })),
    history: events.map(
      (e): HistoryEntry => ({
        seq: Number(e.seq),
        at: e.at,
        actor: e.actor,
        action: e.action,
        reason: e.reason,
        details: e.details ? (JSON.parse(e.details) as Record<string, unknown>) : null,
      }),
    ),
  };
}

/**
 * The columns of `communications` stored encrypted (see field-cipher.ts), each bound to its row: the victims
 * (their names and whether they consented to publication) and the annex meant for the Government only. A
 * copy of the database must not name a victim who did not consent, nor reveal that annex. They are encrypted
 * even when empty, so that the store does not tell which letters name victims or carry an annex.
 */
const SEALED_COLUMNS = ['victims', 'confidential_annex'] as const;
type SealedColumn = (typeof SEALED_COLUMNS)[number];

function seal(key: FieldKey, id: string, column: SealedColumn, plain: string): string {
  return encryptField(key, fieldPlace('communications', column, id), plain)!;
}

/**
 * The plain value of a restricted column. Rows written before these columns were encrypted hold plain JSON
 * or text, which does not start with the envelope's prefix: they are read as they are, so older stores keep
 * working without a migration (each column is encrypted by the next change that writes it). A value written
 * around the commands in clear is read too, but verify-audit finds it unless it is the audited value.
 */
function unseal(key: FieldKey, id: string, column: SealedColumn, stored: string): string {
  return isEncryptedField(stored) ? decryptField(key, fieldPlace('communications', column, id), stored)! : stored;
}

/**
 * A command's patch as it is written: the restricted columns it sets encrypted for the communication `id`,
 * every other column as given. The runner of communication commands seals every patch, so that a command
 * sets these columns in clear like any other.
 */
export function sealedPatch(key: FieldKey, id: string, patch: CommunicationPatch): CommunicationPatch {
  const sealed = { ...patch };
  for (const column of SEALED_COLUMNS) {
    const value = patch[column];
    if (typeof value === 'string') sealed[column] = seal(key, id, column, value);
  }
  return sealed;
}

function fromRow(row: Row, key: FieldKey, known: Partial<Pick<Communication, 'victims' | 'confidentialAnnex'>> = {}): Omit<Communication, 'mandates' | 'replies' | 'follows' | 'followedBy' | 'history'> {
  return {
    id: row.id,
    type: row.type as Communication['type'],
    addresseeId: row.addressee_id,
    addresseeCode: row.addressee_code,
    language: row.language,
    subject: row.subject,
    summary: row.summary,
    body: row.body,
    questions: JSON.parse(row.questions) as string[],
    draftingStatus: row.drafting_status as Communication['draftingStatus'],
    reference: row.reference,
    sentAt: row.sent_at,
    sentDate: row.sent_date,
    replyDeadline: row.reply_deadline,
    replyStatus: row.reply_status as Communication['replyStatus'],
    publicationStatus: row.publication_status as Communication['publicationStatus'],
    publishDueAt: row.publish_due_at,
    publishedAt: row.published_at,
    holdReason: row.hold_reason,
    heldUntil: row.held_until,
    synthetic: Number(row.synthetic) === 1,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    version: Number(row.version),
    concerns: row.concerns,
    annexText: row.annex_text,
    confidentialAnnex: known.confidentialAnnex ?? unseal(key, row.id, 'confidential_annex', row.confidential_annex),
    pressRelease: Number(row.press_release) === 1,
    victims: known.victims ?? (JSON.parse(unseal(key, row.id, 'victims', row.victims)) as Communication['victims']),
    citations: JSON.parse(row.annex_citations) as Communication['citations'],
    publicVersion:
      row.public_version_digest && row.public_version_approved_by && row.public_version_approved_at
        ? { digest: row.public_version_digest, approvedBy: row.public_version_approved_by, approvedAt: row.public_version_approved_at }
        : null,
  };
}

/** The id of the communication with a reference (`AL KAZ 1/2022`), if any. */
export async function findIdByReference(db: Kysely<Database>, reference: string): Promise<string | undefined> {
  const row = await db.selectFrom('communications').select('id').where('reference', '=', reference).executeTakeFirst();
  return row?.id;
}

/** What a row of `communications` is made from, in the application's names. */
export type CommunicationRowInput = Omit<Communication, 'replies' | 'follows' | 'followedBy' | 'history' | 'mandates' | 'publicVersion' | 'type' | 'draftingStatus' | 'replyStatus' | 'publicationStatus'> & {
  type: string;
  draftingStatus: string;
  replyStatus: string | null;
  publicationStatus: string | null;
  refNumber: number | null;
  refYear: number | null;
  firstReplyOn: string | null;
  mandateCount: number;
};

/**
 * The row of `communications` for a communication: the one mapping from the application's names to the
 * columns, with the restricted columns encrypted under `key`.
 */
export function communicationRow(key: FieldKey, c: CommunicationRowInput): Insertable<CommunicationsTable> {
  return {
    id: c.id,
    type: c.type,
    addressee_id: c.addresseeId,
    addressee_code: c.addresseeCode,
    language: c.language,
    subject: c.subject,
    summary: c.summary,
    body: c.body,
    questions: JSON.stringify(c.questions),
    drafting_status: c.draftingStatus,
    reference: c.reference,
    ref_number: c.refNumber,
    ref_year: c.refYear,
    sent_at: c.sentAt,
    sent_date: c.sentDate,
    reply_deadline: c.replyDeadline,
    reply_status: c.replyStatus,
    first_reply_on: c.firstReplyOn,
    publication_status: c.publicationStatus,
    publish_due_at: c.publishDueAt,
    published_at: c.publishedAt,
    hold_reason: c.holdReason,
    held_until: c.heldUntil,
    mandate_count: c.mandateCount,
    synthetic: c.synthetic ? 1 : 0,
    created_at: c.createdAt,
    created_by: c.createdBy,
    updated_at: c.updatedAt,
    version: c.version,
    concerns: c.concerns,
    annex_text: c.annexText,
    confidential_annex: seal(key, c.id, 'confidential_annex', c.confidentialAnnex),
    press_release: c.pressRelease ? 1 : 0,
    victims: seal(key, c.id, 'victims', JSON.stringify(c.victims)),
    annex_citations: JSON.stringify(c.citations),
    public_version_digest: null,
    public_version_approved_by: null,
    public_version_approved_at: null,
  };
}

/** Inserts a new draft and its signing mandates, in order, all pending. */
export async function insertCommunication(
  tx: Kysely<Database>,
  key: FieldKey,
  c: Omit<Communication, 'replies' | 'follows' | 'followedBy' | 'history'>,
): Promise<void> {
  await tx
    .insertInto('communications')
    .values(communicationRow(key, { ...c, refNumber: null, refYear: null, firstReplyOn: null, mandateCount: c.mandates.length }))
    .execute();
  await insertPendingMandates(tx, c.id, c.mandates.map((m) => m.slug), { sent_at: c.sentAt, ref_year: null });
}

/** The columns a command may change, in the table's own names. */
export type CommunicationPatch = Omit<Updateable<CommunicationsTable>, 'id' | 'version' | 'created_at' | 'created_by'>;

/** One signing mandate's decision on the current text, as a command records it. */
export interface MandateDecision {
  mandate: string;
  decision: Decision;
  by: string;
  at: string;
  note: string | null;
}

/** What a command writes to the communication it loaded (writes of its own aside). */
export interface CommunicationChange {
  /** The columns to update, as written (restricted columns sealed, see {@link sealedPatch}); the version is checked and bumped. */
  patch: CommunicationPatch;
  decision?: MandateDecision | undefined;
  /** The history entry, numbered after the last one loaded; null for none. */
  history: (Omit<HistoryEntry, 'seq'> & { id: string }) | null;
}

/**
 * The statements that write a change to a loaded communication, in the order they must run: `update`, the
 * update of its row if it is still at the version loaded (its count of updated rows is 1 when it was), the
 * copies its signing mandates keep, and the mandate's decision; then `history`, the history entry, which is
 * written only if the update was: else its communication_id is null and the insert fails
 * ({@link isChangeConflict}), so that a change sent ahead with its COMMIT (runTogether) can never commit
 * without its update. `entry` is the history entry as a load will read it back.
 */
export function changeStatements(
  tx: Kysely<Database>,
  loaded: LoadedForChange,
  change: CommunicationChange,
): { update: CompiledQuery[]; history: CompiledQuery[]; entry: HistoryEntry | null } {
  const { id, version } = loaded.communication;
  const { patch, decision } = change;
  const columns = (Object.keys(patch) as Array<keyof CommunicationPatch>).filter((k) => patch[k] !== undefined).sort();
  const statement = updateStatement(columns);
  const update = [
    statement
      ? statement.query(tx, ...columns.map((c) => patch[c]), version + 1, id, version)
      : tx.updateTable('communications').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).compile(),
  ];
  // The signing mandates carry copies of the year and instant of sending (for the mandate lists): keep them equal.
  if (patch.sent_at !== undefined && patch.ref_year !== undefined) {
    update.push(copySendingToMandates.query(tx, patch.sent_at, patch.ref_year, id));
  } else if (patch.sent_at !== undefined || patch.ref_year !== undefined) {
    update.push(
      tx
        .updateTable('communication_mandates')
        .set({
          ...(patch.sent_at !== undefined && { sent_at: patch.sent_at }),
          ...(patch.ref_year !== undefined && { ref_year: patch.ref_year }),
        })
        .where('communication_id', '=', id)
        .compile(),
    );
  }
  if (decision) update.push(setDecisionStatement.query(tx, decision.decision, decision.by, decision.at, decision.note, id, decision.mandate));
  if (!change.history) return { update, history: [], entry: null };
  const h = change.history;
  const seq = (loaded.communication.history.at(-1)?.seq ?? 0) + 1;
  const details = h.details ? JSON.stringify(h.details) : null;
  return {
    update,
    history: [insertHistoryAfterUpdate.query(tx, h.id, id, version + 1, seq, h.at, h.actor, h.action, h.reason, details)],
    entry: { seq, at: h.at, actor: h.actor, action: h.action, reason: h.reason, details: details === null ? null : (JSON.parse(details) as Record<string, unknown>) },
  };
}

/**
 * The writes of {@link changeStatements} as `with` clauses of one statement (see appendAuditAfterSeenWith),
 * with the same guard: the history entry's communication_id is read from what the update returned, null
 * when it updated nothing. Undefined for a change without a history entry, or one that would update a
 * signing mandate twice in one statement (the copies and a decision).
 */
export function changeAsWith(loaded: LoadedForChange, change: CommunicationChange, entry: HistoryEntry | null): WithWrites | undefined {
  const { id, version } = loaded.communication;
  const { patch, decision, history } = change;
  if (!history || !entry) return undefined;
  const columns = (Object.keys(patch) as Array<keyof CommunicationPatch>).filter((k) => patch[k] !== undefined).sort();
  const copies = patch.sent_at !== undefined || patch.ref_year !== undefined;
  if (copies && (decision || patch.sent_at === undefined || patch.ref_year === undefined)) return undefined;
  const args: unknown[] = [...columns.map((c) => patch[c]), version + 1, id, version];
  if (copies) args.push(patch.sent_at, patch.ref_year);
  if (decision) args.push(decision.decision, decision.by, decision.at, decision.note, decision.mandate);
  args.push(history.id, entry.seq, entry.at, entry.actor, entry.action, entry.reason, entry.details === null ? null : JSON.stringify(entry.details));
  return {
    key: `${columns.join(',')}|${copies ? 'copies' : ''}|${decision ? 'decision' : ''}`,
    args,
    add: (db, ...slots) => {
      let i = 0;
      const next = () => slots[i++]!;
      const set = Object.fromEntries(columns.map((c) => [c, next()]));
      const [newVersion, row, expected] = [next(), next(), next()];
      let q = db.with('u', (w) =>
        w.updateTable('communications').set({ ...set, version: newVersion }).where('id', '=', row).where('version', '=', expected).returning('id'),
      ) as unknown as QueryCreator<Database & { u: { id: string } }>;
      if (copies) {
        const [sentAt, refYear] = [next(), next()];
        q = q.with('m', (w) => w.updateTable('communication_mandates').set({ sent_at: sentAt, ref_year: refYear }).where('communication_id', '=', row)) as never;
      }
      if (decision) {
        const [d, by, decidedAt, note, mandate] = [next(), next(), next(), next(), next()];
        q = q.with('d', (w) =>
          w
            .updateTable('communication_mandates')
            .set({ decision: d, decided_by: by, decided_at: decidedAt, decision_note: note })
            .where('communication_id', '=', row)
            .where('mandate_slug', '=', mandate),
        ) as never;
      }
      const [hid, seq, hat, actor, action, reason, details] = [next(), next(), next(), next(), next(), next(), next()];
      return q.with('h', (w) =>
        w.insertInto('communication_events').values((eb) => ({
          id: hid,
          communication_id: eb.selectFrom('u').select('u.id'),
          seq,
          at: hat,
          actor,
          action,
          reason,
          details,
        })),
      ) as unknown as QueryCreator<Database>;
    },
  };
}

/** Whether a change failed because its communication was not at the version loaded (see {@link changeStatements}). */
export function isChangeConflict(err: unknown): boolean {
  return isNotNullViolation(err, 'communication_events', 'communication_id');
}

/**
 * The communication as a load will read it once {@link changeStatements} have run, derived from the row
 * and parts loaded, without reading it again; undefined when a value might not read back exactly as
 * written (a number in a text column, a string with trailing spaces, which PostgreSQL may trim to the
 * column's length), and the caller must then reload it. Only the parts the change writes can differ, and
 * nothing else can write them meanwhile: the command holds the communication's row lock (SQLite: the
 * write lock). The restricted columns are decrypted with `key`, as a load would.
 */
export function communicationAfter(loaded: LoadedForChange, change: CommunicationChange, entry: HistoryEntry | null, key: FieldKey): Communication | undefined {
  const set = Object.entries(change.patch).filter(([, v]) => v !== undefined);
  if (!set.every(([column, value]) => storedAsIs(value, INTEGER_COLUMNS.has(column)))) return undefined;
  const d = change.decision;
  if (d && ![d.mandate, d.decision, d.by, d.at, d.note].every((v) => storedAsIs(v, false))) return undefined;
  if (entry && ![entry.at, entry.actor, entry.action, entry.reason].every((v) => storedAsIs(v, false))) return undefined;
  const before = loaded.communication;
  // A restricted column the change leaves alone is not decrypted again: its value is the one loaded.
  const known = {
    ...(change.patch.victims === undefined && { victims: before.victims }),
    ...(change.patch.confidential_annex === undefined && { confidentialAnnex: before.confidentialAnnex }),
  };
  return {
    ...before,
    ...fromRow({ ...loaded.row, ...Object.fromEntries(set), version: before.version + 1 } as Row, key, known),
    mandates: d ? before.mandates.map((m) => (m.slug === d.mandate ? { slug: m.slug, decision: d.decision, decidedBy: d.by, decidedAt: d.at, note: d.note } : m)) : before.mandates,
    history: entry ? [...before.history, entry] : before.history,
  };
}

// The integer columns of `communications`; every other column a command changes holds text.
const INTEGER_COLUMNS = new Set(['ref_number', 'ref_year', 'mandate_count', 'synthetic', 'version', 'press_release']);
function storedAsIs(value: unknown, integerColumn: boolean): boolean {
  if (value === null) return true;
  if (typeof value === 'number') return integerColumn && Number.isSafeInteger(value);
  return typeof value === 'string' && !integerColumn && !value.endsWith(' ');
}

// The update of each set of columns a command changes, compiled once: the lifecycle's commands change a
// handful of sets; edits, which may change any combination, are compiled afresh once the cache is full.
const UPDATE_CACHE_SIZE = 32;
const updateStatements = new Map<string, ReturnType<typeof compileUpdate>>();
function updateStatement(columns: ReadonlyArray<keyof CommunicationPatch>): ReturnType<typeof compileUpdate> | undefined {
  const key = columns.join(',');
  let statement = updateStatements.get(key);
  if (!statement && updateStatements.size < UPDATE_CACHE_SIZE) updateStatements.set(key, (statement = compileUpdate(columns)));
  return statement;
}
function compileUpdate(columns: ReadonlyArray<keyof CommunicationPatch>) {
  return precompiled(
    (db, ...slots: Slot[]) => {
      const [version, id, expected] = slots.slice(columns.length);
      return db
        .updateTable('communications')
        .set({ ...Object.fromEntries(columns.map((c, i) => [c, slots[i]])), version: version! })
        .where('id', '=', id!)
        .where('version', '=', expected!);
    },
    columns.length + 3,
  );
}

const copySendingToMandates = precompiled((db, sentAt: Slot, refYear: Slot, id: Slot) =>
  db.updateTable('communication_mandates').set({ sent_at: sentAt, ref_year: refYear }).where('communication_id', '=', id),
);
const setDecisionStatement = precompiled((db, decision: Slot, by: Slot, at: Slot, note: Slot, id: Slot, mandate: Slot) =>
  db
    .updateTable('communication_mandates')
    .set({ decision, decided_by: by, decided_at: at, decision_note: note })
    .where('communication_id', '=', id)
    .where('mandate_slug', '=', mandate),
);
// communication_id is read from the row at its new version: null, and refused, if the update did not happen.
const insertHistoryAfterUpdate = precompiled(
  (db, id: Slot, communicationId: Slot, version: Slot, seq: Slot, at: Slot, actor: Slot, action: Slot, reason: Slot, details: Slot) =>
    db.insertInto('communication_events').values((eb) => ({
      id,
      communication_id: eb.selectFrom('communications').select('id').where('id', '=', communicationId).where('version', '=', version),
      seq,
      at,
      actor,
      action,
      reason,
      details,
    })),
);

/** Replaces the signing mandates of a draft, in order, every decision pending. */
export async function replaceMandates(tx: Kysely<Database>, id: string, slugs: readonly string[]): Promise<void> {
  await tx.deleteFrom('communication_mandates').where('communication_id', '=', id).execute();
  if (slugs.length === 0) return;
  const copies = await tx.selectFrom('communications').select(['sent_at', 'ref_year']).where('id', '=', id).executeTakeFirst();
  await insertPendingMandates(tx, id, slugs, { sent_at: copies?.sent_at ?? null, ref_year: copies?.ref_year ?? null });
}

async function insertPendingMandates(
  tx: Kysely<Database>,
  id: string,
  slugs: readonly string[],
  copies: Pick<CommunicationMandatesTable, 'sent_at' | 'ref_year'>,
): Promise<void> {
  if (slugs.length === 0) return;
  await tx
    .insertInto('communication_mandates')
    .values(
      slugs.map((slug, i) => ({
        communication_id: id,
        mandate_slug: slug,
        position: i + 1,
        decision: 'pending',
        decided_by: null,
        decided_at: null,
        decision_note: null,
        sent_at: copies.sent_at,
        ref_year: copies.ref_year,
      })),
    )
    .execute();
}

/** Resets every mandate's decision to pending (the text they decided on has changed). */
export async function resetDecisions(tx: Kysely<Database>, id: string): Promise<void> {
  await tx
    .updateTable('communication_mandates')
    .set({ decision: 'pending', decided_by: null, decided_at: null, decision_note: null })
    .where('communication_id', '=', id)
    .execute();
}

/** Records one mandate's decision. */
export async function setDecision(
  tx: Kysely<Database>,
  id: string,
  mandate: string,
  d: { decision: Decision; by: string; at: string; note: string | null },
): Promise<void> {
  await setDecisionStatement(tx, d.decision, d.by, d.at, d.note, id, mandate);
}

/** The row of a reply. */
export function replyRow(communicationId: string, r: Communication['replies'][number]): Insertable<RepliesTable> {
  return {
    id: r.id,
    communication_id: communicationId,
    received_on: r.receivedOn,
    kind: r.kind,
    language: r.language,
    summary: r.summary,
    recorded_at: r.recordedAt,
    recorded_by: r.recordedBy,
  };
}

/** Records a reply. */
export async function insertReply(tx: Kysely<Database>, communicationId: string, r: Communication['replies'][number]): Promise<void> {
  await tx.insertInto('replies').values(replyRow(communicationId, r)).execute();
}

/** Links a communication to an earlier one it follows up. */
export async function insertFollowUp(tx: Kysely<Database>, id: string, followsId: string, at: string, by: string): Promise<void> {
  await tx.insertInto('follow_ups').values({ communication_id: id, follows_id: followsId, linked_at: at, linked_by: by }).execute();
}

/** Appends a history entry; its sequence number follows the communication's last one. */
export async function insertHistory(
  tx: Kysely<Database>,
  communicationId: string,
  e: Omit<HistoryEntry, 'seq'> & { id: string },
): Promise<void> {
  await insertHistoryStatement(tx, e.id, communicationId, e.at, e.actor, e.action, e.reason, e.details ? JSON.stringify(e.details) : null);
}

// One statement (the next seq is computed by the insert itself): one round trip less per command.
const insertHistoryStatement = precompiled((db, id: Slot, communicationId: Slot, at: Slot, actor: Slot, action: Slot, reason: Slot, details: Slot) =>
  db
    .insertInto('communication_events')
    .columns(['id', 'communication_id', 'seq', 'at', 'actor', 'action', 'reason', 'details'])
    .expression((eb) =>
      eb
        .selectFrom('communication_events')
        .where('communication_id', '=', communicationId)
        .select((s) => [
          s.val(id).as('id'),
          s.val(communicationId).as('communication_id'),
          sql<number>`coalesce(max(${s.ref('seq')}), 0) + 1`.as('seq'),
          s.val(at).as('at'),
          s.val(actor).as('actor'),
          s.val(action).as('action'),
          s.val(reason).as('reason'),
          s.val(details).as('details'),
        ]),
    ),
);

/**
 * Allocates the next reference number for an addressee code and year, inside the caller's transaction.
 * The upsert locks the counter row until commit, so concurrent senders queue; a rolled-back send returns
 * its number, so numbers stay gapless and are never reused.
 */
export async function allocateReferenceNumber(tx: Kysely<Database>, code: string, year: number): Promise<number> {
  const row = (await allocateStatement(tx, code, year)).rows[0];
  if (!row) throw new Error('the reference counter returned no number');
  return Number(row.last_number);
}

/**
 * The statement that allocates the next reference number to a communication, as {@link allocateReferenceNumber}
 * does, for its addressee code and `year`: only if it is approved (nothing is allocated, or locked, for a
 * send that will be refused). Run it in the transaction after the communication is locked; read its
 * result with {@link allocatedNumber}.
 */
export function allocateReferenceNumberStatement(tx: Kysely<Database>, id: string, year: number): CompiledQuery {
  return allocateForStatement.query(tx, year, id);
}

/** The number allocated by {@link allocateReferenceNumberStatement}; undefined when none was (not approved). */
export function allocatedNumber(result: QueryResult<unknown>): number | undefined {
  const row = (result as QueryResult<{ last_number: number }>).rows[0];
  return row ? Number(row.last_number) : undefined;
}

const allocateForStatement = precompiled((db, year: Slot, id: Slot) =>
  db
    .insertInto('reference_counters')
    .columns(['addressee_code', 'year', 'last_number'])
    .expression((eb) =>
      eb
        .selectFrom('communications')
        .select((s) => ['addressee_code', s.val(year).as('year'), s.lit(1).as('last_number')])
        .where('id', '=', id)
        .where('drafting_status', '=', 'approved'),
    )
    .onConflict((oc) => oc.columns(['addressee_code', 'year']).doUpdateSet((eb) => ({ last_number: eb('reference_counters.last_number', '+', 1) })))
    .returning('last_number'),
);

const allocateStatement = precompiled((db, code: Slot, year: Slot) =>
  db
    .insertInto('reference_counters')
    .values({ addressee_code: code, year, last_number: 1 })
    .onConflict((oc) => oc.columns(['addressee_code', 'year']).doUpdateSet((eb) => ({ last_number: eb('reference_counters.last_number', '+', 1) })))
    .returning('last_number'),
);

/**
 * One page of the register, newest first, with the total number of matches; the victims decrypted with `key`.
 *
 * @example listCommunications(db, ctx.keys.field, { addresseeCode: 'KAZ' }, { limit: 20, offset: 0 })
 */
export async function listCommunications(
  db: Kysely<Database>,
  key: FieldKey,
  f: CommunicationFilters,
  page: { limit: number; offset: number },
): Promise<CommunicationPage> {
  let q = filtered(db, f).select(SUMMARY_COLUMNS);
  // With a mandate, the list is read from the mandate's index (its copies of sent_at), else from the letters'.
  q = f.mandate !== undefined ? q.orderBy('cm.sent_at', 'desc').orderBy('cm.communication_id', 'desc') : q.orderBy('c.sent_at', 'desc').orderBy('c.id', 'desc');
  const [count, rows] = await Promise.all([countMatches(db, f), q.limit(page.limit).offset(page.offset).execute()]);
  return { total: count, rows: await withMandates(db, key, rows) };
}

/** The number of matches; a mandate (and year) alone is counted in the mandate index without visiting a letter. */
async function countMatches(db: Kysely<Database>, f: CommunicationFilters): Promise<number> {
  const mandateOnly = f.mandate !== undefined && Object.entries(f).every(([k, v]) => v === undefined || k === 'mandate' || k === 'year');
  if (mandateOnly) {
    let q = db.selectFrom('communication_mandates as cm').where('cm.mandate_slug', '=', f.mandate!);
    if (f.year !== undefined) q = q.where('cm.ref_year', '=', f.year);
    const row = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Every matching communication, a batch at a time in id order (keyset paging: constant cost per batch),
 * for exports that must run in bounded memory.
 */
export async function* iterateCommunications(
  db: Kysely<Database>,
  key: FieldKey,
  f: CommunicationFilters,
  batchSize = 1000,
): AsyncGenerator<CommunicationSummary[]> {
  let after: string | null = null;
  for (;;) {
    let q = filtered(db, f).select(SUMMARY_COLUMNS).orderBy('c.id').limit(batchSize);
    if (after !== null) q = q.where('c.id', '>', after);
    const rows = await q.execute();
    if (rows.length === 0) return;
    yield await withMandates(db, key, rows);
    after = rows[rows.length - 1]!.id;
    if (rows.length < batchSize) return;
  }
}

const SUMMARY_COLUMNS = [
  'c.id',
  'c.reference',
  'c.type',
  'c.addressee_id',
  'c.addressee_code',
  'c.sent_date',
  'c.subject',
  'c.summary',
  'c.drafting_status',
  'c.reply_status',
  'c.publication_status',
  'c.reply_deadline',
  'c.synthetic',
  'c.language',
  'c.victims',
] as const;

/** The tables a list query reads: the letters, and with a mandate filter that mandate's signatures joined in. */
type ListQuery = SelectQueryBuilder<Database & { c: CommunicationsTable; cm: CommunicationMandatesTable }, 'c' | 'cm', object>;

function filtered(db: Kysely<Database>, f: CommunicationFilters): ListQuery {
  let q: ListQuery;
  if (f.mandate !== undefined) {
    // Driven from the mandate's signatures (one per letter: the key is letter + mandate), so that the
    // (mandate_slug, ref_year, sent_at) index yields the page in order. `cm` is only in scope here.
    q = db
      .selectFrom('communication_mandates as cm')
      .innerJoin('communications as c', 'c.id', 'cm.communication_id')
      .where('cm.mandate_slug', '=', f.mandate) as unknown as ListQuery;
    if (f.year !== undefined) q = q.where('cm.ref_year', '=', f.year);
  } else {
    q = db.selectFrom('communications as c') as unknown as ListQuery;
    if (f.year !== undefined) q = q.where('c.ref_year', '=', f.year);
  }
  if (f.addresseeCode !== undefined) q = q.where('c.addressee_code', '=', f.addresseeCode);
  if (f.addresseeId !== undefined) q = q.where('c.addressee_id', '=', f.addresseeId);
  if (f.type !== undefined) q = q.where('c.type', '=', f.type);
  if (f.replyStatus !== undefined) q = q.where('c.reply_status', '=', f.replyStatus);
  if (f.draftingStatus !== undefined) q = q.where('c.drafting_status', '=', f.draftingStatus);
  if (f.publicationStatus !== undefined) q = q.where('c.publication_status', '=', f.publicationStatus);
  if (f.synthetic !== undefined) q = q.where('c.synthetic', '=', f.synthetic ? 1 : 0);
  return q;
}

type SummaryRow = Pick<
  Row,
  | 'id'
  | 'reference'
  | 'type'
  | 'addressee_id'
  | 'addressee_code'
  | 'sent_date'
  | 'subject'
  | 'summary'
  | 'drafting_status'
  | 'reply_status'
  | 'publication_status'
  | 'reply_deadline'
  | 'synthetic'
  | 'language'
  | 'victims'
>;

async function withMandates(db: Kysely<Database>, key: FieldKey, rows: SummaryRow[]): Promise<CommunicationSummary[]> {
  const mandates = await mandatesOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    type: r.type,
    addresseeId: r.addressee_id,
    addresseeCode: r.addressee_code,
    sentDate: r.sent_date,
    subject: r.subject,
    summary: r.summary,
    draftingStatus: r.drafting_status,
    replyStatus: r.reply_status,
    publicationStatus: r.publication_status,
    replyDeadline: r.reply_deadline,
    mandates: mandates.get(r.id) ?? [],
    synthetic: Number(r.synthetic) === 1,
    language: r.language,
    victims: JSON.parse(unseal(key, r.id, 'victims', r.victims)) as Communication['victims'],
  }));
}

async function mandatesOf(db: Kysely<Database>, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('communication_mandates')
    .select(['communication_id', 'mandate_slug'])
    .where('communication_id', 'in', ids)
    .orderBy('communication_id')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const list = out.get(r.communication_id) ?? [];
    list.push(r.mandate_slug);
    out.set(r.communication_id, list);
  }
  return out;
}

/** Ids of sent communications scheduled for publication at or before an instant (held ones never are). */
export async function listDueForPublication(db: Kysely<Database>, nowIso: string): Promise<string[]> {
  const rows = await db
    .selectFrom('communications')
    .select('id')
    .where('publication_status', '=', 'scheduled')
    .where('publish_due_at', '<=', nowIso)
    .orderBy('publish_due_at')
    .execute();
  return rows.map((r) => r.id);
}

/** Ids of all communications in creation order, a batch at a time (for verification and export). */
export async function listCommunicationIds(db: Kysely<Database>, afterId: string | null, limit: number): Promise<string[]> {
  let q = db.selectFrom('communications').select('id').orderBy('id').limit(limit);
  if (afterId !== null) q = q.where('id', '>', afterId);
  return (await q.execute()).map((r) => r.id);
}
