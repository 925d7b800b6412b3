import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../domain/audit-chain.ts';
import { entryHash } from '../../domain/audit-chain.ts';
import type { Database } from '../schema.ts';

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
 * command leaves no entry.
 */
export async function appendAudit(tx: Kysely<Database>, input: AuditInput): Promise<AuditEntry> {
  const head = await tx
    .updateTable('audit_head')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  const body = {
    seq: head.last_seq,
    at: input.at,
    actor: input.actor,
    action: input.action,
    recordType: input.recordType,
    recordId: input.recordId,
    beforeDigest: input.beforeDigest,
    afterDigest: input.afterDigest,
    details: input.details ? JSON.stringify(input.details) : null,
    prevHash: head.last_hash,
  };
  const hash = entryHash(body);
  await tx
    .insertInto('audit_log')
    .values({
      seq: body.seq,
      at: body.at,
      actor: body.actor,
      action: body.action,
      record_type: body.recordType,
      record_id: body.recordId,
      before_digest: body.beforeDigest,
      after_digest: body.afterDigest,
      details: body.details,
      prev_hash: body.prevHash,
      hash,
    })
    .execute();
  await tx.updateTable('audit_head').set({ last_hash: hash }).where('id', '=', 1).execute();
  return { ...body, hash };
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
