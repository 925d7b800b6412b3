import type { AppContext } from '../context.ts';
import { readAuditBatch, readAuditHead, readLatestDigests } from '../db/repositories/audit-repository.ts';
import { listCommunicationIds, loadCommunication } from '../db/repositories/communications-repository.ts';
import { digest, GENESIS_HASH, verifyEntries, type ChainProblem } from '../domain/audit-chain.ts';
import { auditSnapshot, COMMUNICATION_RECORD } from './change-communication.ts';

/** What `audit verify` found. */
export interface AuditReport {
  ok: boolean;
  entries: number;
  records: number;
  lastHash: string;
  problems: ChainProblem[];
}

const BATCH = 5000;

/**
 * Verifies the audit trail: the chain itself (no gap, each entry names the previous hash, each hash
 * matches its entry, the head matches the last entry, so a cut tail shows) and the records (each
 * communication's current state has the digest its last audit entry recorded, so a row altered directly
 * in the database, bypassing the commands, shows).
 */
export async function verifyAudit(ctx: AppContext): Promise<AuditReport> {
  const db = ctx.store.db;
  const problems: ChainProblem[] = [];
  let state = { expectSeq: 1, prevHash: GENESIS_HASH };
  let entries = 0;
  for (;;) {
    const batch = await readAuditBatch(db, state.expectSeq - 1, BATCH);
    if (batch.length === 0) break;
    const result = verifyEntries(batch, state);
    problems.push(...result.problems);
    entries += batch.length;
    state = { expectSeq: result.lastSeq + 1, prevHash: result.lastHash };
    if (batch.length < BATCH) break;
  }
  const head = await readAuditHead(db);
  if (head.lastSeq !== state.expectSeq - 1 || head.lastHash !== state.prevHash) {
    problems.push({
      seq: head.lastSeq,
      problem: 'head_mismatch',
      message: `the chain ends at entry ${state.expectSeq - 1} but its head names entry ${head.lastSeq}: entries were removed or added`,
    });
  }

  const latest = await readLatestDigests(db, COMMUNICATION_RECORD);
  let records = 0;
  let after: string | null = null;
  for (;;) {
    const ids = await listCommunicationIds(db, after, 500);
    if (ids.length === 0) break;
    for (const id of ids) {
      records++;
      const c = await loadCommunication(db, ctx.store.dialect, id);
      const expected = latest.get(id);
      if (expected === undefined) {
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
  return { ok: problems.length === 0, entries, records, lastHash: state.prevHash, problems };
}
