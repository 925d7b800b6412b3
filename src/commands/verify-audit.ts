import type { AppContext } from '../context.ts';
import { readAuditBatch, readAuditHead, readLatestDigests } from '../db/repositories/audit-repository.ts';
import { listCommunicationIds, loadCommunication } from '../db/repositories/communications-repository.ts';
import { digest } from '../domain/audit-chain.ts';
import { checkCheckpoint, type AuditCheckpoint } from '../domain/audit-checkpoint.ts';
import { ChainInspector, type AuditFinding, type CheckpointClaim } from '../domain/audit-tampering.ts';
import { AppError } from '../errors.ts';
import { auditSnapshot, COMMUNICATION_RECORD } from './change-communication.ts';

/** A checkpoint given to {@link verifyAudit}, with the name it goes by in the report (its file). */
export interface GivenCheckpoint {
  checkpoint: AuditCheckpoint;
  label: string;
}

/** What became of one checkpoint: who signed it, and whether the chain still agrees with it. */
export interface CheckpointResult {
  label: string;
  seq: number;
  at: string;
  keyId: string;
  /** `installation`: signed with this installation's key; `other`: with the key the file carries; `invalid`: neither. */
  signer: 'installation' | 'other' | 'invalid';
}

/** What `audit verify` found. */
export interface AuditReport {
  ok: boolean;
  entries: number;
  records: number;
  /** The last entry walked: what a new checkpoint signs. */
  lastSeq: number;
  lastHash: string;
  problems: AuditFinding[];
  checkpoints: CheckpointResult[];
}

const BATCH = 5000;

/**
 * Verifies the audit trail and names what was done to it (see {@link ChainInspector} for each kind):
 *
 * - the chain: each entry matches its hash and names the one before it, numbers run without a gap, and
 *   the head row names the last entry;
 * - the checkpoints given: each one's signature (this installation's key, or the key the file carries,
 *   reported), and that the chain still holds the entry it signed with that hash and reaches at least that
 *   far — the only way to catch a chain rewritten consistently or a tail cut with its head;
 * - the records: each communication's current state has the digest its last audit entry recorded, so a row
 *   altered directly in the database shows. Entries that record reads (`read.…`) are not states and are
 *   passed over.
 *
 * The head is read before and after the walk, so entries appended meanwhile by a running server are
 * neither a cut tail nor entries added around the commands.
 */
export async function verifyAudit(ctx: AppContext, options: { checkpoints?: readonly GivenCheckpoint[] } = {}): Promise<AuditReport> {
  const db = ctx.store.db;
  const checkpoints: CheckpointResult[] = [];
  const claims: CheckpointClaim[] = [];
  const problems: AuditFinding[] = [];
  for (const { checkpoint, label } of options.checkpoints ?? []) {
    const check = checkCheckpoint(checkpoint, ctx.keys.auditSigning);
    const base = { label, seq: checkpoint.seq, at: checkpoint.at, keyId: checkpoint.keyId };
    if (!check.valid) {
      checkpoints.push({ ...base, signer: 'invalid' });
      // A checkpoint that does not hold says nothing about the chain: it is not compared.
      problems.push({ seq: checkpoint.seq, problem: 'checkpoint_invalid', message: `the checkpoint ${label} cannot be trusted: ${check.reason}` });
      continue;
    }
    checkpoints.push({ ...base, signer: check.signer });
    claims.push({ seq: checkpoint.seq, hash: checkpoint.hash, label });
  }

  const before = await readAuditHead(db);
  const inspector = new ChainInspector(claims.map((c) => c.seq));
  let afterSeq = 0;
  for (;;) {
    const batch = await readAuditBatch(db, afterSeq, BATCH);
    if (batch.length === 0) break;
    inspector.inspect(batch);
    afterSeq = batch[batch.length - 1]!.seq;
    if (batch.length < BATCH) break;
  }
  const after = await readAuditHead(db);
  problems.push(...inspector.finish({ before, after }, claims));
  const records = await verifyRecords(ctx, problems);
  const last = inspector.last;
  return { ok: problems.length === 0, entries: inspector.entries, records, lastSeq: last.seq, lastHash: last.hash, problems, checkpoints };
}

// What the check reads of a communication whose encrypted fields do not decrypt.
const UNREADABLE = Symbol('unreadable');

/** Checks every communication against its last audited state; returns how many were checked. */
async function verifyRecords(ctx: AppContext, problems: AuditFinding[]): Promise<number> {
  const db = ctx.store.db;
  const latest = await readLatestDigests(db, COMMUNICATION_RECORD);
  let records = 0;
  let after: string | null = null;
  for (;;) {
    const ids = await listCommunicationIds(db, after, 500);
    if (ids.length === 0) break;
    for (const id of ids) {
      records++;
      const c = await loadCommunication(db, ctx.store.dialect, ctx.keys.field, id).catch((err: unknown): typeof UNREADABLE => {
        if (err instanceof AppError && err.code === 'FIELD_DECRYPTION_FAILED') return UNREADABLE;
        throw err;
      });
      const expected = latest.get(id);
      if (c === UNREADABLE) {
        // An encrypted field that does not decrypt was written around the commands (or moved from another
        // row): reported like any other alteration, and the other records are still checked.
        problems.push({ seq: 0, problem: 'record_mismatch', message: `communication ${id} has an encrypted field that does not decrypt: it was altered directly in the database, or the field key is not the one it was written with` });
      } else if (expected === undefined) {
        problems.push({ seq: 0, problem: 'record_mismatch', message: `communication ${c?.reference ?? id} has no audit entry: it was written around the commands` });
      } else if (c && digest(auditSnapshot(c)) !== expected) {
        problems.push({ seq: 0, problem: 'record_mismatch', message: `communication ${c.reference ?? id} differs from its last audited state: it was altered directly in the database` });
      }
      latest.delete(id);
    }
    after = ids[ids.length - 1] ?? null;
  }
  for (const [id, d] of latest) {
    if (d !== null) problems.push({ seq: 0, problem: 'record_mismatch', message: `communication ${id} is in the audit log but missing from the register: it was deleted directly` });
  }
  return records;
}
