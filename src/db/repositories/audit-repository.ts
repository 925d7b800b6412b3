import { PostgresAdapter, type Kysely } from 'kysely';
import type { AuditEntry } from '../../domain/audit-chain.ts';
import { entryHash } from '../../domain/audit-chain.ts';
import type { Database } from '../schema.ts';
import { precompiled, type Slot } from './precompiled.ts';

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
  const hash = entryHash(body);
  const values = [body.seq, body.at, body.actor, body.action, body.recordType, body.recordId, body.beforeDigest, body.afterDigest, body.details, body.prevHash, hash] as const;
  if (isPostgres(tx)) {
    await insertEntryAndSetHead(tx, ...values);
  } else {
    await insertEntry(tx, ...values);
    await setHeadHash(tx, hash);
  }
  return { ...body, hash };
}

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

/** The digest each record had after its last audited change, keyed by "type:id". */
export async function readLatestDigests(db: Kysely<Database>, recordType: string): Promise<Map<string, string | null>> {
  const rows = await db
    .selectFrom('audit_log as a')
    .select(['a.record_id', 'a.after_digest'])
    .where('a.record_type', '=', recordType)
    .where(({ eb, selectFrom }) =>
      eb(
        'a.seq',
        '=',
        selectFrom('audit_log as b')
          .select((b) => b.fn.max('b.seq').as('m'))
          .whereRef('b.record_type', '=', 'a.record_type')
          .whereRef('b.record_id', '=', 'a.record_id'),
      ),
    )
    .execute();
  return new Map(rows.map((r) => [r.record_id, r.after_digest]));
}
