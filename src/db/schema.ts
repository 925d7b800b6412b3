import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them. Dates are ISO 8601 text on both dialects (instants in UTC with
 * milliseconds, calendar dates YYYY-MM-DD), and booleans are 0/1 integers, so the same rows compare and
 * sort the same way on SQLite and PostgreSQL.
 */
export interface Database {
  communications: CommunicationsTable;
  communication_mandates: CommunicationMandatesTable;
  replies: RepliesTable;
  follow_ups: FollowUpsTable;
  communication_events: CommunicationEventsTable;
  reference_counters: ReferenceCountersTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}

/** A communication: a draft until sent, then a letter with a reference. */
export interface CommunicationsTable {
  id: string;
  type: string;
  addressee_id: string;
  addressee_code: string;
  language: string;
  subject: string;
  summary: string;
  body: string;
  /** JSON array of the numbered questions, in order. */
  questions: string;
  drafting_status: string;
  reference: string | null;
  ref_number: number | null;
  ref_year: number | null;
  sent_at: string | null;
  sent_date: string | null;
  reply_deadline: string | null;
  reply_status: string | null;
  first_reply_on: string | null;
  publication_status: string | null;
  publish_due_at: string | null;
  published_at: string | null;
  hold_reason: string | null;
  held_until: string | null;
  mandate_count: number;
  synthetic: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  version: number;
  // Added by migration 0002, with defaults: optional on insert.
  concerns: Generated<string>;
  annex_text: Generated<string>;
  confidential_annex: Generated<string>;
  press_release: Generated<number>;
  /** JSON array of the victims named, with their consent to publication. */
  victims: Generated<string>;
  /** JSON array of the citations chosen for the annex: `{ instrument, pin }`. */
  annex_citations: Generated<string>;
  public_version_digest: string | null;
  public_version_approved_by: string | null;
  public_version_approved_at: string | null;
}

/** A signing mandate of a communication, in signing order, with its decision on the current text. */
export interface CommunicationMandatesTable {
  communication_id: string;
  mandate_slug: string;
  position: number;
  decision: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  /** The communication's reference year, copied so that mandate-and-year lists read one index; null for drafts. */
  ref_year: number | null;
  /** The communication's instant of sending, copied for the same reason; null for drafts. */
  sent_at: string | null;
}

/** A reply from the addressee. */
export interface RepliesTable {
  id: string;
  communication_id: string;
  received_on: string;
  kind: string;
  language: string;
  summary: string;
  recorded_at: string;
  recorded_by: string;
}

/** A communication that follows up an earlier one. */
export interface FollowUpsTable {
  communication_id: string;
  follows_id: string;
  linked_at: string;
  linked_by: string;
}

/** One transition in a communication's history: who did what, when, and why. */
export interface CommunicationEventsTable {
  id: string;
  communication_id: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  /** JSON object with what the action changed (fields of a correction, the mandate of a decision…). */
  details: string | null;
}

/** The last reference number allocated for an addressee code and year. */
export interface ReferenceCountersTable {
  addressee_code: string;
  year: number;
  last_number: number;
}

/** An entry of the hash-chained audit log. */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  record_type: string;
  record_id: string;
  before_digest: string | null;
  after_digest: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

/** The head of the audit chain: one row, locked by every append so that the chain never forks. */
export interface AuditHeadTable {
  id: Generated<number>;
  last_seq: number;
  last_hash: string;
}
