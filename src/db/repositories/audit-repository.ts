import { PostgresAdapter, type CompiledQuery, type Kysely, type QueryCreator } from 'kysely';
import type { AuditEntry } from '../../domain/audit-chain.ts';
import { entryHash } from '../../domain/audit-chain.ts';
import type { Database } from '../schema.ts';
import { isNotNullViolation, precompiled, runTogether, type Slot } from './precompiled.ts';

/** What a command records about one change. */
export interface AuditInput {
  at: string;
  actor: string;
  action: string;
  recordType: string;
  recordId: string;
  beforeDigest: string | null;
  afterDigest: string | null;
  details?: Record<string, unknown> | null;
}

/**
 * Appends an entry to the audit chain, inside the caller's transaction. The head row is updated first, which
 * locks it: concurrent appends queue behind one another, so the chain never forks, and a rolled-back
 * command leaves no entry. On PostgreSQL the entry and the head's new hash are then written by one statement
 * (a data-modifying `with`), since every statement there is a network round trip; SQLite, in process,
 * runs the two plainly. `locked` is the head when the caller has already locked it (see
 * {@link lockAuditHead}).
 */
export async function appendAudit(tx: Kysely<Database>, input: AuditInput, locked?: LockedAuditHead): Promise<AuditEntry> {
  const head = locked ?? (await lockAuditHead(tx));
  const { entry, statements } = appendAuditStatements(tx, input, head);
  await runTogether(tx, statements);
  return entry;
}

/**
 * The statements that write the entry after a head the caller has locked ({@link lockAuditHead}), for the
 * caller to run, e.g. together with its COMMIT ({@link runTogether}), and the entry they write.
 */
export function appendAuditStatements(tx: Kysely<Database>, input: AuditInput, locked: LockedAuditHead): { entry: AuditEntry; statements: CompiledQuery[] } {
  const entry = entryAt(input, locked);
  const values = entrySlots(entry);
  return { entry, statements: isPostgres(tx) ? [insertEntryAndSetHead.query(tx, ...values)] : [insertEntry.query(tx, ...values), setHeadHash.query(tx, entry.hash)] };
}

/**
 * The statements that write the entry after the head as the caller read it without locking it (see
 * {@link readHeadQuery}), so that a command can send them with its other writes and its COMMIT in one round
 * trip: the head is advanced only if it is still where it was read, which locks it, and the entry's
 * prev_hash is written only if it was, else it is null and the insert fails. Then the transaction is
 * aborted, its COMMIT rolls back, nothing is written, and {@link isAuditHeadMoved} tells the caller to run
 * the command again locking the head. As in {@link appendAudit}, the head is taken after every other lock.
 */
export function appendAuditAfterSeen(tx: Kysely<Database>, input: AuditInput, seen: LockedAuditHead): { entry: AuditEntry; statements: CompiledQuery[] } {
  const entry = entryAt(input, seen);
  return {
    entry,
    statements: [advanceHeadFrom.query(tx, entry.seq, entry.hash, seen.seq - 1, seen.prevHash), insertEntryIfAdvanced.query(tx, ...entrySlots(entry))],
  };
}

/**
 * Data-modifying statements to run as `with` clauses of the statement of {@link appendAuditAfterSeenWith}:
 * `add` adds them to a query creator given a slot for each of its `args` (see precompiled), and `key` names
 * their shape (the same key, the same SQL).
 */
export interface WithWrites {
  key: string;
  args: unknown[];
  add: (db: QueryCreator<Database>, ...slots: Slot[]) => QueryCreator<Database>;
}

/**
 * {@link appendAuditAfterSeen} as a single statement on PostgreSQL that also runs the caller's writes,
 * for a command whose every write goes to the server as one statement with its COMMIT: a statement costs
 * the server a sync point and the client an answer to read. The head's advance is a `with` clause too,
 * and the entry's prev_hash is null unless it advanced. Undefined on SQLite (no data-modifying `with`), or
 * when too many shapes of writes have been seen: then the separate statements are for the caller to run.
 */
export function appendAuditAfterSeenWith(
  tx: Kysely<Database>,
  input: AuditInput,
  seen: LockedAuditHead,
  writes: WithWrites,
): { entry: AuditEntry; statement: CompiledQuery } | undefined {
  if (!isPostgres(tx)) return undefined;
  let statement = withWritesStatements.get(writes.key);
  if (!statement) {
    if (withWritesStatements.size >= WITH_WRITES_CACHE_SIZE) return undefined;
    withWritesStatements.set(writes.key, (statement = compileWithWrites(writes)));
  }
  const entry = entryAt(input, seen);
  return { entry, statement: statement.query(tx, ...entrySlots(entry), seen.seq - 1, ...writes.args) };
}

const WITH_WRITES_CACHE_SIZE = 32;
const withWritesStatements = new Map<string, ReturnType<typeof compileWithWrites>>();
function compileWithWrites(writes: WithWrites) {
  return precompiled(
    (db, ...slots: Slot[]) => {
      const entry = slots.slice(0, ENTRY_ARITY) as EntrySlots;
      const [seq, , , , , , , , , prevHash, hash] = entry;
      const lastSeq = slots[ENTRY_ARITY]!;
      return (writes.add(db, ...slots.slice(ENTRY_ARITY + 1)) as QueryCreator<Database & { head: { id: number } }>)
        .with('head', (w) => advanceHeadQuery(w as unknown as Kysely<Database>, seq, hash, lastSeq, prevHash).returning('id'))
        .insertInto('audit_log')
        .values((eb) => ({
          ...entryValues(...entry),
          prev_hash: eb.case().when(eb.exists(eb.selectFrom('head').select('head.id'))).then(prevHash).end() as never,
        }));
    },
    ENTRY_ARITY + 1 + writes.args.length,
  );
}

/** Whether a command failed because the head moved after it read it (see {@link appendAuditAfterSeen}). */
export function isAuditHeadMoved(err: unknown): boolean {
  return isNotNullViolation(err, 'audit_log', 'prev_hash');
}

function entryAt(input: AuditInput, head: LockedAuditHead): AuditEntry {
  const body = {
    seq: head.seq,
    at: input.at,
    actor: input.actor,
    action: input.action,
    recordType: input.recordType,
    recordId: input.recordId,
    beforeDigest: input.beforeDigest,
    afterDigest: input.afterDigest,
    details: input.details ? JSON.stringify(input.details) : null,
    prevHash: head.prevHash,
  };
  return { ...body, hash: entryHash(body) };
}

const entrySlots = (e: AuditEntry): EntrySlots =>
  [e.seq, e.at, e.actor, e.action, e.recordType, e.recordId, e.beforeDigest, e.afterDigest, e.details, e.prevHash, e.hash] as unknown as EntrySlots;

/** The head of the chain as locked for one append: the sequence number of the entry to write and the hash before it. */
export interface LockedAuditHead {
  seq: number;
  prevHash: string;
}

/**
 * Locks the head of the chain for an append in this transaction (the head's sequence number is advanced
 * at once; the entry and the head's hash follow in {@link appendAudit}). Take it after every other lock of
 * the command, as appendAudit itself does, so that commands never wait on one another in a cycle.
 */
export async function lockAuditHead(tx: Kysely<Database>): Promise<LockedAuditHead> {
  const head = (await lockHead(tx)).rows[0];
  if (!head) throw new Error('the audit chain has no head row');
  return { seq: Number(head.last_seq), prevHash: head.last_hash };
}

/** The statement that locks and advances the head; also usable as a `with` clause of a larger statement. */
export const lockHeadQuery = (db: Kysely<Database>) =>
  db
    .updateTable('audit_head')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['last_seq', 'last_hash']);

/** The head's sequence number and hash, read without a lock: as scalar subqueries of a larger statement. */
export const readHeadQuery = (db: Kysely<Database>, column: 'last_seq' | 'last_hash') =>
  db.selectFrom('audit_head').select(column).where('id', '=', 1);

const lockHead = precompiled((db) => lockHeadQuery(db));

type EntrySlots = [Slot, Slot, Slot, Slot, Slot, Slot, Slot, Slot, Slot, Slot, Slot];
const ENTRY_ARITY = 11;
const entryValues = (...[seq, at, actor, action, recordType, recordId, beforeDigest, afterDigest, details, prevHash, hash]: EntrySlots) => ({
  seq,
  at,
  actor,
  action,
  record_type: recordType,
  record_id: recordId,
  before_digest: beforeDigest,
  after_digest: afterDigest,
  details,
  prev_hash: prevHash,
  hash,
});

const insertEntry = precompiled((db, ...v: EntrySlots) => db.insertInto('audit_log').values(entryValues(...v)), ENTRY_ARITY);
const setHeadHash = precompiled((db, hash: Slot) => db.updateTable('audit_head').set({ last_hash: hash }).where('id', '=', 1));
const insertEntryAndSetHead = precompiled((db, ...v: EntrySlots) =>
  db
    .with('entry', (w) => w.insertInto('audit_log').values(entryValues(...v)).returning('hash'))
    .updateTable('audit_head')
    .set((eb) => ({ last_hash: eb.selectFrom('entry').select('entry.hash') }))
    .where('id', '=', 1),
  ENTRY_ARITY,
);
const advanceHeadQuery = (db: Kysely<Database>, seq: Slot, hash: Slot, lastSeq: Slot, lastHash: Slot) =>
  db.updateTable('audit_head').set({ last_seq: seq, last_hash: hash }).where('id', '=', 1).where('last_seq', '=', lastSeq).where('last_hash', '=', lastHash);
const advanceHeadFrom = precompiled((db, seq: Slot, hash: Slot, lastSeq: Slot, lastHash: Slot) => advanceHeadQuery(db, seq, hash, lastSeq, lastHash));
// prev_hash is null unless the head now holds this entry's own sequence number and hash.
const insertEntryIfAdvanced = precompiled(
  (db, ...v: EntrySlots) => {
    const [seq, , , , , , , , , prevHash, hash] = v;
    return db.insertInto('audit_log').values((eb) => ({
      ...entryValues(...v),
      prev_hash: eb
        .case()
        .when(eb.exists(eb.selectFrom('audit_head').select('id').where('id', '=', 1).where('last_seq', '=', seq).where('last_hash', '=', hash)))
        .then(prevHash)
        .end() as never,
    }));
  },
  ENTRY_ARITY,
);

/** Whether a Kysely instance (or transaction) speaks to PostgreSQL. */
function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Reads a batch of entries in chain order, starting after `afterSeq`. */
export async function readAuditBatch(db: Kysely<Database>, afterSeq: number, limit: number): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    action: r.action,
    recordType: r.record_type,
    recordId: r.record_id,
    beforeDigest: r.before_digest,
    afterDigest: r.after_digest,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/** The head of the chain: the last sequence number and hash. */
export async function readAuditHead(db: Kysely<Database>): Promise<{ lastSeq: number; lastHash: string }> {
  const row = await db.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { lastSeq: Number(row.last_seq), lastHash: row.last_hash };
}

/**
 * The action prefix of entries that record a read of restricted data (`read.source_identity`, …). A read
 * changes nothing, so these entries carry no digests and never count as a record's last audited state.
 */
export const READ_ACTION_PREFIX = 'read.';

/**
 * The digest each record had after its last audited change, keyed by record id. Entries that record a
 * read are left out: the last change before them is the state that was read.
 */
export async function readLatestDigests(db: Kysely<Database>, recordType: string): Promise<Map<string, string | null>> {
  const rows = await db
    .selectFrom('audit_log as a')
    .select(['a.record_id', 'a.after_digest'])
    .where('a.record_type', '=', recordType)
    .where('a.action', 'not like', `${READ_ACTION_PREFIX}%`)
    .where(({ eb, selectFrom }) =>
      eb(
        'a.seq',
        '=',
        selectFrom('audit_log as b')
          .select((b) => b.fn.max('b.seq').as('m'))
          .whereRef('b.record_type', '=', 'a.record_type')
          .whereRef('b.record_id', '=', 'a.record_id')
          .where('b.action', 'not like', `${READ_ACTION_PREFIX}%`),
      ),
    )
    .execute();
  return new Map(rows.map((r) => [r.record_id, r.after_digest]));
}
