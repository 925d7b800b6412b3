import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

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
  return createHash('sha256').update(canonicalJson(value) ?? 'null').digest('hex');
}

/** The hash of an entry: its canonical body, which includes the previous entry's hash. */
export function entryHash(body: AuditEntryBody): string {
  return digest(body);
}
