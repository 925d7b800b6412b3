import type { CommunicationSummary } from '../db/repositories/communications-repository.ts';
import type { Communication } from '../domain/communication.ts';
import { displayType, parseReference, referenceSlug } from '../domain/reference.ts';
import { isReplyOverdue } from '../domain/replies.ts';
import type { PortalReply } from '../queries/get-portal-replies.ts';
import type { ReferenceData } from '../reference/reference-data.ts';

/**
 * What the focal points of a State see of the communications sent to it: the letter as sent (they are its
 * addressee), the reply deadline and status, and the replies of their State — with the text and documents
 * of those submitted through the portal. Never the staff's side: history, drafting, decisions, publication
 * holds, who recorded what.
 */

function slugOf(reference: string | null): string | null {
  return reference ? referenceSlug(parseReference(reference)) : null;
}

/** A row of the portal's list. */
export function presentGovernmentSummary(s: CommunicationSummary, ref: ReferenceData, today: string, lang = 'en') {
  if (s.reference === null || s.draftingStatus !== 'sent') return undefined;
  const replyStatus = (s.replyStatus ?? 'none') as NonNullable<Communication['replyStatus']>;
  return {
    reference: s.reference,
    slug: slugOf(s.reference),
    type: s.type,
    displayType: displayType(s.type as Communication['type'], s.mandates.length),
    sentDate: s.sentDate,
    subject: s.subject,
    mandates: s.mandates.map((slug) => ({ slug, title: ref.mandateTitle(slug, lang) ?? slug })),
    replyDeadline: s.replyDeadline,
    replyStatus,
    replyOverdue: s.replyDeadline !== null && isReplyOverdue(replyStatus, s.replyDeadline, today),
    synthetic: s.synthetic,
  };
}

/** A document of a reply as its sender sees it: name, type, size and the SHA-256 its receipt gave. */
function presentDocument(d: PortalReply['documents'][number]) {
  return { displayName: d.displayName, mediaType: d.mediaType, size: d.size, sha256: d.sha256 };
}

/** One communication sent to the focal point's State, with its replies. */
export function presentGovernmentCommunication(c: Communication, portal: readonly PortalReply[], ref: ReferenceData, today: string, lang = 'en') {
  if (c.reference === null || c.draftingStatus !== 'sent') return undefined;
  const byId = new Map(portal.map((p) => [p.replyId, p]));
  const replyStatus = c.replyStatus ?? 'none';
  return {
    reference: c.reference,
    slug: slugOf(c.reference),
    type: c.type,
    displayType: displayType(c.type, c.mandates.length),
    addressee: { code: c.addresseeCode, name: ref.addresseeName(c.addresseeId, lang) },
    mandates: c.mandates.map((m) => ({ slug: m.slug, title: ref.mandateTitle(m.slug, lang) ?? m.slug })),
    sentDate: c.sentDate,
    subject: c.subject,
    language: c.language,
    replyDeadline: c.replyDeadline,
    replyStatus,
    replyOverdue: c.replyDeadline !== null && isReplyOverdue(replyStatus, c.replyDeadline, today),
    replies: c.replies.map((r) => {
      const p = byId.get(r.id);
      return {
        id: r.id,
        receivedOn: r.receivedOn,
        kind: r.kind,
        language: r.language,
        portal: p
          ? { receipt: p.receipt, text: p.text, submittedBy: p.submittedBy, submittedAt: p.submittedAt, documents: p.documents.map(presentDocument) }
          : null,
      };
    }),
    synthetic: c.synthetic,
  };
}

/** The government view of one communication. */
export type GovernmentCommunication = NonNullable<ReturnType<typeof presentGovernmentCommunication>>;
/** A row of the government portal's list. */
export type GovernmentSummary = NonNullable<ReturnType<typeof presentGovernmentSummary>>;
