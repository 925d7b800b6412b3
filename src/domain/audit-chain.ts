import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The hash that precedes the first entry of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** An audit entry as hashed: everything but its own hash. */
export interface AuditEntryBody {
  seq: number;
  at: string;
  actor: string;
  action: string;
  recordType: string;
  recordId: string;
  beforeDigest: string | null;
  afterDigest: string | null;
  details: string | null;
  prevHash: string;
}

/** An audit entry with its hash. */
export interface AuditEntry extends AuditEntryBody {
  hash: string;
}

/**
 * The SHA-256 digest of a value's canonical JSON (RFC 8785): the same record gives the same digest on
 * SQLite and PostgreSQL, whatever the order of its keys.
 */
export function digest(value: unknown): string {
  return createHash('sha256').update(canonicalize(value) ?? 'null').digest('hex');
}

/** The hash of an entry: its canonical body, which includes the previous entry's hash. */
export function entryHash(body: AuditEntryBody): string {
  return digest(body);
}

/** One problem found in the chain. */
export interface ChainProblem {
  seq: number;
  problem: 'gap' | 'prev_hash_mismatch' | 'hash_mismatch' | 'head_mismatch' | 'record_mismatch';
  message: string;
}

/**
 * Walks entries in order and checks that sequence numbers run from `expectSeq` without a gap, that each
 * entry names the previous one's hash, and that each hash matches its body. Returns the problems and the
 * last hash and sequence seen, so that a long chain can be checked in batches.
 */
export function verifyEntries(
  entries: readonly AuditEntry[],
  start: { expectSeq: number; prevHash: string },
): { problems: ChainProblem[]; lastSeq: number; lastHash: string } {
  const problems: ChainProblem[] = [];
  let expectSeq = start.expectSeq;
  let prevHash = start.prevHash;
  for (const e of entries) {
    if (e.seq !== expectSeq) {
      problems.push({ seq: e.seq, problem: 'gap', message: `entry ${e.seq} found where ${expectSeq} was expected` });
    }
    if (e.prevHash !== prevHash) {
      problems.push({ seq: e.seq, problem: 'prev_hash_mismatch', message: `entry ${e.seq} does not follow the entry before it` });
    }
    const { hash, ...body } = e;
    if (entryHash(body) !== hash) {
      problems.push({ seq: e.seq, problem: 'hash_mismatch', message: `entry ${e.seq} was altered after it was written` });
    }
    expectSeq = e.seq + 1;
    prevHash = e.hash;
  }
  return { problems, lastSeq: expectSeq - 1, lastHash: prevHash };
}
