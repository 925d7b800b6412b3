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
  accounts: AccountsTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  account_links: AccountLinksTable;
  outbox: OutboxTable;
  attachments: AttachmentsTable;
  submissions: SubmissionsTable;
  submission_victims: SubmissionVictimsTable;
  submission_messages: SubmissionMessagesTable;
  submission_notes: SubmissionNotesTable;
  reply_texts: ReplyTextsTable;
  public_communications: PublicCommunicationsTable;
  public_state: PublicStateTable;
  register_places: RegisterPlacesTable;
  register_sources: RegisterSourcesTable;
  fact_sources: FactSourcesTable;
  register_events: RegisterEventsTable;
  event_places: EventPlacesTable;
  persons: PersonsTable;
  person_names: PersonNamesTable;
  person_keys: PersonKeysTable;
  register_acts: RegisterActsTable;
  detentions: DetentionsTable;
  detention_charges: DetentionChargesTable;
  detention_stays: DetentionStaysTable;
  disappearances: DisappearancesTable;
  register_figures: RegisterFiguresTable;
  communication_links: CommunicationLinksTable;
  list_imports: ListImportsTable;
  match_reviews: MatchReviewsTable;
  whereabouts_inquiries: WhereaboutsInquiriesTable;
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

/** A person who signs in: staff, a mandate holder or a government focal point. */
export interface AccountsTable {
  id: string;
  email: string;
  display_name: string;
  role: string;
  state_code: string | null;
  mandate_slug: string | null;
  language: string;
  /** Argon2id (PHC string); null until the invitation is accepted. */
  password_hash: string | null;
  /** The TOTP secret, encrypted with the field key; null until enrolled. */
  totp_secret: string | null;
  totp_last_step: number | null;
  demo: number;
  created_at: string;
  created_by: string;
  disabled_at: string | null;
  version: number;
}

/** A single-use recovery code of an account, kept as its SHA-256 digest. */
export interface RecoveryCodesTable {
  account_id: string;
  code_hash: string;
  used_at: string | null;
}

/** A server-side session; the cookie holds the token, the table only its SHA-256 digest. */
export interface SessionsTable {
  id_hash: string;
  account_id: string;
  stage: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ended_at: string | null;
  ended_reason: string | null;
}

/** A one-time link (invitation, demo sign-in), kept as its token's SHA-256 digest. */
export interface AccountLinksTable {
  token_hash: string;
  account_id: string;
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** An e-mail notification waiting to be sent, being sent, sent, or given up on (migration 0005). */
export interface OutboxTable {
  id: string;
  created_at: string;
  /** What it announces: `draft_awaiting_decision`, `communication_sent`, `reply_received`, `reply_overdue`, `source_status_changed`. */
  kind: string;
  recipient: string;
  subject: string;
  body_text: string;
  /** `pending`, `sending`, `sent` or `failed`. */
  status: string;
  attempts: Generated<number>;
  /** When a pending row may next be tried; for a row being sent, when its lease ends. */
  next_attempt_at: string;
  /** The last failure as the mail server or the network gave it, with no credentials. */
  last_error: string | null;
  sent_at: string | null;
  /** Unique: the same event to the same address is one row. */
  dedupe_key: string;
}

/** A file attached to a submission or a reply: its original and its cleaned copy, named by their SHA-256. */
export interface AttachmentsTable {
  /** The only handle a download uses. */
  id: string;
  /** SHA-256 of the original as received (hex), which names its file. */
  sha256: string;
  size: number;
  /** Detected from the bytes, never taken from the sender. */
  media_type: string;
  /** The sender's name for the file, sanitised; shown, never used as a path. */
  display_name: string;
  /** SHA-256 of the cleaned copy (metadata removed), the only version shared onward. */
  cleaned_sha256: string;
  cleaned_size: number;
  /** What the file belongs to: 'submission', 'reply'… */
  owner_type: string;
  owner_id: string;
  created_at: string;
  created_by: string;
}

/**
 * The text of a reply submitted through the government portal (migration 0008), its receipt, and its
 * public version once staff approved it. The text is never public; only an approved public text is.
 */
export interface ReplyTextsTable {
  reply_id: string;
  /** The number the focal point's receipt shows. */
  receipt: string;
  text: string;
  submitted_by_account: string;
  submitted_by: string;
  submitted_at: string;
  public_text: string | null;
  public_approved_by: string | null;
  public_approved_at: string | null;
  /** Digest of the approved public text: what the approval covers. */
  public_digest: string | null;
}

/**
 * A source's submission (migration 0007). Restricted columns hold field-key envelopes (`enc1:…`): the
 * submitter's identity and contact details and the facts, each a JSON object before encryption.
 */
export interface SubmissionsTable {
  id: string;
  /** Short public handle (`S-7K3F-9Q2M`) that opens nothing: e-mails and staff use it. */
  reference: string;
  /** SHA-256 of the receipt code; the code itself is shown once and never stored. */
  receipt_hash: string;
  /** See `SUBMISSION_STATUSES` in `src/domain/submission.ts`. */
  status: string;
  language: string;
  country_code: string | null;
  /** Encrypted JSON `{ name, organisation, relationship }`. */
  submitter_identity: string;
  /** Encrypted JSON `{ email, phone, other }`. */
  submitter_contact: string;
  /** Encrypted JSON `{ summary, incidentDate, place, perpetrators, circumstances, domesticSteps }`. */
  facts: string;
  /** The draft (then communication) made from it. */
  communication_id: string | null;
  linked_at: string | null;
  /** When a consent was withdrawn after the draft was made: staff must update the letter. */
  consent_changed_after_draft_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** An alleged victim of a submission, with the source's consent to publishing the name. */
export interface SubmissionVictimsTable {
  submission_id: string;
  position: number;
  /** Encrypted. */
  name: string;
  /** Encrypted. */
  details: string;
  /** 0/1: may the name be published? */
  publish_name: number;
  consent_withdrawn_at: string | null;
}

/** A message between a source and staff; both sides see it. */
export interface SubmissionMessagesTable {
  id: string;
  submission_id: string;
  created_at: string;
  /** `source` or `staff`. */
  author: string;
  /** The staff member's name (never shown to the source), or `source`. */
  author_name: string;
  /** `information`, `answer`, `question` or `message`. */
  kind: string;
  in_reply_to: string | null;
  /** Encrypted. */
  body: string;
}

/** A staff note on a submission: never shown to the source. */
export interface SubmissionNotesTable {
  id: string;
  submission_id: string;
  created_at: string;
  author_name: string;
  /** Encrypted. */
  body: string;
}

/**
 * A published communication as the public may read it (migration 0009): written only by the projection of
 * the commands (src/db/repositories/public-repository.ts). Its full-text index, `public_search`, differs by
 * dialect and is reached with raw SQL only.
 */
export interface PublicCommunicationsTable {
  seq: Generated<number>;
  id: string;
  reference: string;
  slug: string;
  type: string;
  joint: number;
  addressee_id: string;
  addressee_code: string;
  sent_at: string;
  sent_date: string;
  /** The Human Rights Council session whose communications report lists the letter. */
  session: number;
  /** JSON array of mandate slugs, in signing order. */
  mandates: string;
  reply_status: string;
  reply_deadline: string;
  first_reply_on: string | null;
  reply_count: number;
  language: string;
  subject: string;
  summary: string;
  /** JSON of the public record (see `PublicRecord`). */
  document: string;
  published_at: string;
  changed_at: string;
  synthetic: number;
}

/** One row: the generation of the public projection, raised by each change of it. */
export interface PublicStateTable {
  id: number;
  generation: number;
}

// ---- The case register (migration 0010). Encrypted columns hold `enc1:` envelopes. ----------------------

/** A place: a country, region, city, village or place of detention (no personal data). */
export interface RegisterPlacesTable {
  id: string;
  kind: string;
  name: string;
  name_local: string | null;
  parent_id: string | null;
  country_code: string;
  lat: number | null;
  lon: number | null;
  source: string | null;
  created_at: string;
}

/** Where facts came from; `label` is encrypted. */
export interface RegisterSourcesTable {
  id: string;
  kind: string;
  label: string;
  submission_id: string | null;
  communication_id: string | null;
  import_id: string | null;
  received_on: string | null;
  created_at: string;
}

/** Which source supports which fact. */
export interface FactSourcesTable {
  record_type: string;
  record_id: string;
  source_id: string;
}

/** An event: something that happened at places and a time. */
export interface RegisterEventsTable {
  id: string;
  type: string;
  title: string;
  description: string;
  start_on: string;
  start_precision: string;
  start_end: string | null;
  start_vague: number;
  end_on: string | null;
  end_precision: string | null;
  country_code: string;
  synthetic: number;
  created_at: string;
  updated_at: string;
  version: number;
}

/** The places of an event, in order. */
export interface EventPlacesTable {
  event_id: string;
  place_id: string;
  position: number;
}

/** A person, stored once. */
export interface PersonsTable {
  id: string;
  sex: string | null;
  birth_year: number | null;
  occupation: string | null;
  affiliation: string | null;
  home_place_id: string | null;
  identity_withheld: number;
  synthetic: number;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A person's name variants; `name` is encrypted. */
export interface PersonNamesTable {
  person_id: string;
  position: number;
  name: string;
  script: string;
  transliteration_of: number | null;
  transliteration: string | null;
}

/** Keyed digests of a person's name keys, to find a person by any spelling. */
export interface PersonKeysTable {
  key: string;
  person_id: string;
}

/** An act: who did what to whom; `description` is encrypted. */
export interface RegisterActsTable {
  id: string;
  person_id: string;
  event_id: string | null;
  type: string;
  perpetrator: string;
  status: string;
  on_date: string | null;
  on_precision: string | null;
  place_id: string | null;
  description: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A detention; `health` is encrypted, `charges` a JSON array. */
export interface DetentionsTable {
  id: string;
  person_id: string;
  act_id: string | null;
  arrested_on: string;
  arrested_precision: string;
  arrest_place_id: string | null;
  arrest_authority: string | null;
  legal_basis: string | null;
  charges: string;
  court_authorised: number | null;
  court_authorised_on: string | null;
  current_place_id: string | null;
  current_authority: string | null;
  status: string;
  health: string;
  counsel_access: string;
  family_contact: string;
  released_on: string | null;
  convicted_on: string | null;
  sentence: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** One charge of a detention (for filtering). */
export interface DetentionChargesTable {
  detention_id: string;
  charge: string;
  /** The detention's current authority and arrest date, copied for the register's list (see migration 0010). */
  current_authority: string | null;
  arrested_on: string;
}

/** A place of detention over time; the stays after the first are the transfers. `note` is encrypted. */
export interface DetentionStaysTable {
  detention_id: string;
  seq: number;
  place_id: string | null;
  since_on: string;
  since_precision: string;
  authority: string | null;
  note: string;
}

/** A disappearance; `last_seen_by`, `relatives_steps`, `clarification` are encrypted. */
export interface DisappearancesTable {
  id: string;
  person_id: string;
  act_id: string | null;
  last_seen_on: string;
  last_seen_precision: string;
  last_seen_place_id: string | null;
  last_seen_by: string;
  relatives_steps: string;
  status: string;
  clarification: string;
  clarified_on: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A figure as a source reported it; never updated. */
export interface RegisterFiguresTable {
  id: string;
  count: number;
  qualifier: string;
  measure: string;
  population: string;
  reported_by: string | null;
  reported_on: string;
  reported_precision: string;
  reported_end: string | null;
  reported_vague: number;
  scope_place_id: string;
  part_of_id: string | null;
  event_id: string | null;
  notes: string;
  quote: string;
  origin_key: string | null;
  created_at: string;
}

/** A communication's link to an event, person or act of the register. */
export interface CommunicationLinksTable {
  communication_id: string;
  record_type: string;
  record_id: string;
  created_at: string;
}

/** A list of persons imported from a file. */
export interface ListImportsTable {
  id: string;
  source_id: string;
  file_name: string;
  file_sha256: string;
  format: string;
  mapping: string;
  rows: number;
  created_persons: number;
  matched_persons: number;
  to_review: number;
  actor: string;
  created_at: string;
}

/** A likely match found on import, for staff to decide (same person / different). */
export interface MatchReviewsTable {
  id: string;
  import_id: string;
  row_number: number;
  person_id: string;
  candidate_id: string;
  score: number;
  reasons: string;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

/** A relative's or counsel's question about a person's whereabouts; `inquirer`, `subject`, `answer` encrypted. */
export interface WhereaboutsInquiriesTable {
  id: string;
  reference: string;
  language: string;
  status: string;
  inquirer: string;
  subject: string;
  answer: string;
  person_id: string | null;
  answered_by: string | null;
  answered_at: string | null;
  created_at: string;
  version: number;
}
