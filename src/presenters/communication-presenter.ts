import type { CommunicationSummary } from '../db/repositories/communications-repository.ts';
import type { Communication } from '../domain/communication.ts';
import { displayType, parseReference, referenceSlug } from '../domain/reference.ts';
import { firstReplyOn, isReplyOverdue } from '../domain/replies.ts';
import { isPublicVersionApproved, publicTextOf } from '../letters/public-version-of.ts';
import type { ReferenceData } from '../reference/reference-data.ts';

/**
 * The one home of what leaves the server about a communication, per audience. The public projection is an
 * allow-list: a field not named here never reaches the public, whatever is added to the record later.
 */

/** History actions the public sees: publication decisions, each with its date and reason. */
const PUBLIC_HISTORY_ACTIONS = new Set(['publish', 'retract', 'correct']);

function slugOf(reference: string | null): string | null {
  return reference ? referenceSlug(parseReference(reference)) : null;
}

/**
 * The public record of a communication, in no language in particular (names of States and mandates are
 * resolved when read): what the public database stores and every public output starts from. Only once
 * published; `undefined` for anything else. Links to other communications are not part of it — whether
 * those are public changes without this one changing — and are added by {@link presentPublicCommunication}.
 */
export function publicRecordOf(c: Communication) {
  if (c.publicationStatus !== 'published' || c.reference === null || c.sentDate === null || c.sentAt === null) return undefined;
  // The public version: every withheld victim's name replaced; the confidential annex is not a public part.
  const text = publicTextOf(c);
  return {
    reference: c.reference,
    slug: slugOf(c.reference)!,
    type: c.type,
    displayType: displayType(c.type, c.mandates.length),
    joint: c.mandates.length > 1,
    addressee: { id: c.addresseeId, code: c.addresseeCode },
    mandates: c.mandates.map((m) => m.slug),
    sentAt: c.sentAt,
    sentDate: c.sentDate,
    language: c.language,
    subject: text.subject,
    summary: text.summary,
    body: text.body,
    concerns: text.concerns,
    questions: text.questions,
    replyStatus: c.replyStatus ?? 'none',
    replyDeadline: c.replyDeadline ?? '',
    firstReplyOn: firstReplyOn(c.replies),
    replies: c.replies.map((r) => ({ receivedOn: r.receivedOn, kind: r.kind, language: r.language, summary: r.summary })),
    publishedAt: c.publishedAt ?? c.sentAt,
    history: c.history
      .filter((h) => PUBLIC_HISTORY_ACTIONS.has(h.action))
      .map((h) => ({ date: h.at.slice(0, 10), at: h.at, action: h.action, reason: h.reason })),
    synthetic: c.synthetic,
  };
}

/** The public record of a communication: see {@link publicRecordOf}. */
export type PublicRecord = NonNullable<ReturnType<typeof publicRecordOf>>;

/** A public record with the names of its addressee and mandates in a language. */
export function presentPublicRecord(r: PublicRecord, ref: ReferenceData, lang = 'en') {
  const { sentAt: _sentAt, addressee, mandates, history, ...rest } = r;
  return {
    ...rest,
    addressee: { code: addressee.code, name: ref.addresseeName(addressee.id, lang) },
    mandates: mandates.map((slug) => ({ slug, title: ref.mandateTitle(slug, lang) })),
    history: history.map(({ date, action, reason }) => ({ date, action, reason })),
  };
}

/** A communication as the public sees it, only once published; `undefined` for anything else. */
export function presentPublicCommunication(c: Communication, ref: ReferenceData, lang = 'en') {
  const record = publicRecordOf(c);
  if (!record) return undefined;
  return {
    ...presentPublicRecord(record, ref, lang),
    // Only links to communications that are public themselves: a held earlier letter must not surface here.
    follows: c.follows.filter((f) => f.published && f.reference !== null).map((f) => ({ reference: f.reference, slug: slugOf(f.reference) })),
    followedBy: c.followedBy.filter((f) => f.published && f.reference !== null).map((f) => ({ reference: f.reference, slug: slugOf(f.reference) })),
  };
}

/**
 * A published letter listed beside another because both concern the same event of the register: its
 * reference, address, date and public subject only — never the event, nor anything else of the register.
 */
export function presentRelatedLetter(row: { reference: string; slug: string; sent_date: string; subject: string }) {
  return { reference: row.reference, slug: row.slug, sentDate: row.sent_date, subject: row.subject };
}

/** A related letter as presented (see {@link presentRelatedLetter}). */
export type RelatedLetter = ReturnType<typeof presentRelatedLetter>;

/** A communication as staff see it: everything, with names resolved and what is overdue. */
export function presentStaffCommunication(c: Communication, ref: ReferenceData, today: string, lang = 'en') {
  return {
    id: c.id,
    reference: c.reference,
    slug: slugOf(c.reference),
    type: c.type,
    displayType: displayType(c.type, c.mandates.length),
    addressee: { id: c.addresseeId, code: c.addresseeCode, name: ref.addresseeName(c.addresseeId, lang) },
    language: c.language,
    subject: c.subject,
    summary: c.summary,
    body: c.body,
    questions: c.questions,
    concerns: c.concerns,
    annexText: c.annexText,
    confidentialAnnex: c.confidentialAnnex,
    pressRelease: c.pressRelease,
    victims: c.victims,
    citations: c.citations,
    publicVersion: c.publicVersion,
    publicVersionApproved: isPublicVersionApproved(c),
    draftingStatus: c.draftingStatus,
    mandates: c.mandates.map((m) => ({
      slug: m.slug,
      title: ref.mandateTitle(m.slug, lang),
      decision: m.decision,
      decidedBy: m.decidedBy,
      decidedAt: m.decidedAt,
      note: m.note,
    })),
    sentAt: c.sentAt,
    sentDate: c.sentDate,
    replyDeadline: c.replyDeadline,
    replyStatus: c.replyStatus,
    replyOverdue: c.replyStatus !== null && c.replyDeadline !== null && isReplyOverdue(c.replyStatus, c.replyDeadline, today),
    replies: c.replies,
    publicationStatus: c.publicationStatus,
    publishDueAt: c.publishDueAt,
    publishedAt: c.publishedAt,
    holdReason: c.holdReason,
    heldUntil: c.heldUntil,
    follows: c.follows,
    followedBy: c.followedBy,
    history: c.history,
    synthetic: c.synthetic,
    createdAt: c.createdAt,
    createdBy: c.createdBy,
    updatedAt: c.updatedAt,
    version: c.version,
  };
}

/** A row of the staff register's list. */
export function presentStaffSummary(s: CommunicationSummary, ref: ReferenceData, lang = 'en') {
  return {
    id: s.id,
    reference: s.reference,
    slug: slugOf(s.reference),
    type: s.type,
    displayType: displayType(s.type as Communication['type'], s.mandates.length),
    addressee: { id: s.addresseeId, code: s.addresseeCode, name: ref.addresseeName(s.addresseeId, lang) },
    mandates: s.mandates,
    sentDate: s.sentDate,
    subject: s.subject,
    summary: s.summary,
    draftingStatus: s.draftingStatus,
    replyStatus: s.replyStatus,
    replyDeadline: s.replyDeadline,
    publicationStatus: s.publicationStatus,
    synthetic: s.synthetic,
  };
}

/** The staff view of one communication. */
export type StaffCommunication = ReturnType<typeof presentStaffCommunication>;
/** The public view of one communication. */
export type PublicCommunication = NonNullable<ReturnType<typeof presentPublicCommunication>>;
