import type { AppContext } from '../context.ts';
import {
  countSubmissionsByStatus,
  listSubmissionMessages,
  listSubmissionNotes,
  listSubmissionsPage,
  listSubmissionVictims,
} from '../db/repositories/submissions-repository.ts';
import { findAttachment } from '../db/repositories/attachments-repository.ts';
import { auditRead } from '../commands/audit-read.ts';
import {
  headerOf,
  loadSubmissionRow,
  openContact,
  openFacts,
  openIdentity,
  openMessages,
  openNotes,
  openVictims,
  SUBMISSION_RECORD,
} from '../commands/submissions/submission-fields.ts';
import {
  SUBMISSION_STATUSES,
  type SubmissionFacts,
  type SubmissionHeader,
  type SubmissionMessage,
  type SubmissionNote,
  type SubmissionStatus,
  type SubmissionVictim,
  type SubmitterContact,
  type SubmitterIdentity,
} from '../domain/submission.ts';
import { AppError } from '../errors.ts';
import { listAttachments, readAttachment, type AttachmentRecord } from '../files/attachment-store.ts';
import { authorizeSubmission } from '../policies/submission-policy.ts';
import type { Principal } from '../policies/principal.ts';

/** What a source sees of its own submission: never staff notes, the facts, or the identity it gave. */
export interface SourceSubmissionView {
  header: SubmissionHeader;
  victims: SubmissionVictim[];
  messages: SubmissionMessage[];
}

/** The status page of a source (a source principal from `followSubmission`). */
export async function getSourceView(ctx: AppContext, principal: Principal): Promise<SourceSubmissionView> {
  const id = principal.kind === 'source' ? principal.submissionId : '';
  authorizeSubmission(principal, 'view_status', { id });
  const row = await loadSubmissionRow(ctx.store.db, id);
  authorizeSubmission(principal, 'view_status', row);
  return {
    header: headerOf(row),
    victims: openVictims(ctx, await listSubmissionVictims(ctx.store.db, row.id)),
    messages: openMessages(ctx, await listSubmissionMessages(ctx.store.db, row.id)),
  };
}

/** What a case officer sees of a submission without asking for the submitter's identity. */
export interface StaffSubmissionView extends SourceSubmissionView {
  facts: SubmissionFacts;
  notes: SubmissionNote[];
  attachments: AttachmentRecord[];
  /** Whether the source gave an e-mail address (status changes are then announced to it). */
  notifiable: boolean;
}

/** A submission for a case officer: decrypted facts, victims, messages, notes, attachments; not the identity. */
export async function getStaffSubmission(ctx: AppContext, principal: Principal, submissionId: string): Promise<StaffSubmissionView> {
  authorizeSubmission(principal, 'view');
  const row = await loadSubmissionRow(ctx.store.db, submissionId);
  authorizeSubmission(principal, 'view', row);
  return {
    header: headerOf(row),
    facts: openFacts(ctx, row),
    victims: openVictims(ctx, await listSubmissionVictims(ctx.store.db, row.id)),
    messages: openMessages(ctx, await listSubmissionMessages(ctx.store.db, row.id)),
    notes: openNotes(ctx, await listSubmissionNotes(ctx.store.db, row.id)),
    attachments: await listAttachments(ctx.store.db, { type: 'submission', id: row.id }),
    notifiable: openContact(ctx, row).email !== '',
  };
}

/**
 * The submitter's identity and contact details, for a case officer who asks for them explicitly. The read
 * is written to the audit chain first (`read.source_identity`); if that fails, nothing is shown.
 */
export async function revealSubmitter(ctx: AppContext, principal: Principal, submissionId: string): Promise<{ identity: SubmitterIdentity; contact: SubmitterContact }> {
  authorizeSubmission(principal, 'view_identity');
  const row = await loadSubmissionRow(ctx.store.db, submissionId);
  authorizeSubmission(principal, 'view_identity', row);
  await auditRead(ctx, principal, { recordType: SUBMISSION_RECORD, recordId: row.id, what: 'source_identity' });
  return { identity: openIdentity(ctx, row), contact: openContact(ctx, row) };
}

/** A row of the inbox. */
export interface InboxItem {
  header: SubmissionHeader;
  summary: string;
  victims: number;
  attachments: number;
}

/** The staff inbox: newest first, all or of one status, with the number in each status. */
export interface Inbox {
  items: InboxItem[];
  counts: Record<SubmissionStatus, number>;
  total: number;
  page: number;
  pageSize: number;
  status: SubmissionStatus | null;
}

/** Submissions per page of the inbox. */
export const INBOX_PAGE_SIZE = 50;

/** The inbox to triage, for case officers: summaries decrypted for the page shown only. */
export async function listInbox(ctx: AppContext, principal: Principal, opts: { status?: SubmissionStatus; page?: number } = {}): Promise<Inbox> {
  authorizeSubmission(principal, 'list');
  const page = Math.max(1, Math.min(10_000, Math.floor(opts.page ?? 1)));
  const rows = await listSubmissionsPage(ctx.store.db, { ...(opts.status ? { status: opts.status } : {}), limit: INBOX_PAGE_SIZE, offset: (page - 1) * INBOX_PAGE_SIZE });
  const raw = await countSubmissionsByStatus(ctx.store.db);
  const counts = Object.fromEntries(SUBMISSION_STATUSES.map((s) => [s, raw[s] ?? 0])) as Record<SubmissionStatus, number>;
  return {
    items: rows.map((r) => ({ header: headerOf(r), summary: openFacts(ctx, r).summary, victims: r.victim_count, attachments: r.attachment_count })),
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    page,
    pageSize: INBOX_PAGE_SIZE,
    status: opts.status ?? null,
  };
}

/**
 * An attachment of a submission for a case officer: the cleaned copy (metadata removed, what may be shared
 * onward) or the original as received. The download is audited (`read.attachment.cleaned` or
 * `read.attachment.original`) before the bytes are read. Attachments of anything other than a submission
 * are NOT_FOUND here (their owners' pages serve them).
 */
export async function downloadSubmissionAttachment(
  ctx: AppContext,
  principal: Principal,
  attachmentId: string,
  which: 'original' | 'cleaned',
): Promise<{ record: AttachmentRecord; bytes: Buffer }> {
  authorizeSubmission(principal, 'download_attachment');
  const row = /^[0-9a-f-]{36}$/.test(attachmentId) ? await findAttachment(ctx.store.db, attachmentId) : undefined;
  if (!row || row.owner_type !== 'submission') throw new AppError('NOT_FOUND', 'no such attachment');
  authorizeSubmission(principal, 'download_attachment', { id: row.owner_id });
  await auditRead(ctx, principal, { recordType: 'attachment', recordId: row.id, what: `attachment.${which}` });
  return readAttachment(ctx, row.id, which);
}
