import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import {
  findSubmission,
  type SubmissionMessageRow,
  type SubmissionNoteRow,
  type SubmissionRow,
  type SubmissionVictimRow,
} from '../../db/repositories/submissions-repository.ts';
import type { Database } from '../../db/schema.ts';
import { digest } from '../../domain/audit-chain.ts';
import type {
  MessageAuthor,
  MessageKind,
  SubmissionFacts,
  SubmissionHeader,
  SubmissionMessage,
  SubmissionNote,
  SubmissionStatus,
  SubmissionVictim,
  SubmitterContact,
  SubmitterIdentity,
} from '../../domain/submission.ts';
import { AppError } from '../../errors.ts';
import { decryptField, encryptField, fieldPlace } from '../../security/field-cipher.ts';

/**
 * The bridge between submission rows and what the rest of the code works with: every restricted value is
 * encrypted here on its way in and decrypted here on its way out, bound to its table, column and row, so
 * that no other module handles ciphertexts or field places.
 */

/** The record type under which submissions appear in the audit log. */
export const SUBMISSION_RECORD = 'submission';

type Keys = Pick<AppContext, 'keys'>;

const place = {
  identity: (id: string) => fieldPlace('submissions', 'submitter_identity', id),
  contact: (id: string) => fieldPlace('submissions', 'submitter_contact', id),
  facts: (id: string) => fieldPlace('submissions', 'facts', id),
  victimName: (id: string, position: number) => fieldPlace('submission_victims', 'name', `${id}#${position}`),
  victimDetails: (id: string, position: number) => fieldPlace('submission_victims', 'details', `${id}#${position}`),
  message: (id: string) => fieldPlace('submission_messages', 'body', id),
  note: (id: string) => fieldPlace('submission_notes', 'body', id),
};

const seal = (ctx: Keys, where: string, value: string) => encryptField(ctx.keys.field, where, value) as string;
const open = (ctx: Keys, where: string, stored: string) => decryptField(ctx.keys.field, where, stored) ?? '';
const openJson = <T>(ctx: Keys, where: string, stored: string): T => JSON.parse(open(ctx, where, stored)) as T;

/** The encrypted columns of a new submission. */
export function sealSubmission(ctx: Keys, id: string, v: { identity: SubmitterIdentity; contact: SubmitterContact; facts: SubmissionFacts }) {
  return {
    submitter_identity: seal(ctx, place.identity(id), JSON.stringify(v.identity)),
    submitter_contact: seal(ctx, place.contact(id), JSON.stringify(v.contact)),
    facts: seal(ctx, place.facts(id), JSON.stringify(v.facts)),
  };
}

/** The encrypted row of a victim. */
export function sealVictim(ctx: Keys, submissionId: string, v: { position: number; name: string; details: string; publishName: boolean }) {
  return {
    submission_id: submissionId,
    position: v.position,
    name: seal(ctx, place.victimName(submissionId, v.position), v.name),
    details: seal(ctx, place.victimDetails(submissionId, v.position), v.details),
    publish_name: v.publishName ? 1 : 0,
    consent_withdrawn_at: null,
  };
}

/** The encrypted body of a message. */
export const sealMessage = (ctx: Keys, id: string, body: string) => seal(ctx, place.message(id), body);
/** The encrypted body of a note. */
export const sealNote = (ctx: Keys, id: string, body: string) => seal(ctx, place.note(id), body);

/** The unrestricted part of a submission row. */
export function headerOf(row: SubmissionRow): SubmissionHeader {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as SubmissionStatus,
    language: row.language,
    countryCode: row.country_code,
    communicationId: row.communication_id,
    linkedAt: row.linked_at,
    consentChangedAfterDraftAt: row.consent_changed_after_draft_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

/** The facts, decrypted. */
export const openFacts = (ctx: Keys, row: SubmissionRow): SubmissionFacts => openJson(ctx, place.facts(row.id), row.facts);
/** The submitter's identity, decrypted: callers audit the read (see `revealSubmitter`). */
export const openIdentity = (ctx: Keys, row: SubmissionRow): SubmitterIdentity => openJson(ctx, place.identity(row.id), row.submitter_identity);
/** The submitter's contact details, decrypted. */
export const openContact = (ctx: Keys, row: SubmissionRow): SubmitterContact => openJson(ctx, place.contact(row.id), row.submitter_contact);

/** Victims, decrypted. */
export function openVictims(ctx: Keys, rows: readonly SubmissionVictimRow[]): SubmissionVictim[] {
  return rows.map((r) => ({
    position: Number(r.position),
    name: open(ctx, place.victimName(r.submission_id, Number(r.position)), r.name),
    details: open(ctx, place.victimDetails(r.submission_id, Number(r.position)), r.details),
    publishName: Number(r.publish_name) === 1,
    consentWithdrawnAt: r.consent_withdrawn_at,
  }));
}

/** Messages, decrypted. */
export function openMessages(ctx: Keys, rows: readonly SubmissionMessageRow[]): SubmissionMessage[] {
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    author: r.author as MessageAuthor,
    authorName: r.author_name,
    kind: r.kind as MessageKind,
    inReplyTo: r.in_reply_to,
    body: open(ctx, place.message(r.id), r.body),
  }));
}

/** Notes, decrypted. */
export function openNotes(ctx: Keys, rows: readonly SubmissionNoteRow[]): SubmissionNote[] {
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at, authorName: r.author_name, body: open(ctx, place.note(r.id), r.body) }));
}

/**
 * What the audit log digests of a submission: its stored row, restricted columns as stored (ciphertexts, so
 * that neither the log nor a digest of it says anything about a person), plus its victims' consent.
 */
export function submissionSnapshot(row: SubmissionRow, victims: ReadonlyArray<Pick<SubmissionVictimRow, 'position' | 'publish_name' | 'consent_withdrawn_at'>> = []): unknown {
  return {
    id: row.id,
    reference: row.reference,
    receiptHash: row.receipt_hash,
    status: row.status,
    language: row.language,
    countryCode: row.country_code,
    submitterIdentity: row.submitter_identity,
    submitterContact: row.submitter_contact,
    facts: row.facts,
    communicationId: row.communication_id,
    linkedAt: row.linked_at,
    consentChangedAfterDraftAt: row.consent_changed_after_draft_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
    consent: victims.map((v) => ({ position: Number(v.position), publishName: Number(v.publish_name) === 1, withdrawnAt: v.consent_withdrawn_at })),
  };
}

/**
 * Appends a submission event (`submission.<action>`) to the audit chain, inside the caller's transaction.
 * Details name kinds, positions and statuses — never a name or a fact.
 */
export async function auditSubmission(
  tx: Kysely<Database>,
  e: { at: string; actor: string; action: string; id: string; before: unknown; after: unknown; details?: Record<string, unknown> },
): Promise<void> {
  await appendAudit(tx, {
    at: e.at,
    actor: e.actor,
    action: `submission.${e.action}`,
    recordType: SUBMISSION_RECORD,
    recordId: e.id,
    beforeDigest: e.before === null ? null : digest(e.before),
    afterDigest: e.after === null ? null : digest(e.after),
    details: e.details ?? null,
  });
}

/** A submission inside a transaction, or NOT_FOUND (the same answer a forbidden one gets). */
export async function loadSubmissionRow(db: Kysely<Database>, id: string): Promise<SubmissionRow> {
  const row = /^[0-9a-f-]{36}$/.test(id) ? await findSubmission(db, id) : undefined;
  if (!row) throw new AppError('NOT_FOUND', 'no such submission');
  return row;
}
