import { FINAL_SUBMISSION_STATUSES, type MessageKind, type SubmissionStatus } from '../domain/submission.ts';
import { initials } from '../letters/public-version.ts';
import type { SourceSubmissionView, StaffSubmissionView } from '../queries/submission-views.ts';

/**
 * What leaves the server about a submission, per audience. The source's projection is an allow-list: the
 * status, the reference, the dates, its victims as initials with their consent (enough to withdraw it —
 * and a stolen receipt code then shows no full name), and the messages without the names of the staff who
 * wrote them. Never staff notes, never the facts or the identity it gave.
 */

/** A message as the source sees it. */
export interface SourceMessage {
  id: string;
  createdAt: string;
  fromSource: boolean;
  kind: MessageKind;
  body: string;
  /** For a staff question: whether the source has answered it. */
  answered: boolean;
}

/** The source's status page. */
export interface SourceSubmission {
  reference: string;
  status: SubmissionStatus;
  receivedAt: string;
  /** Closed or withdrawn: no more information can be added. */
  final: boolean;
  victims: Array<{ position: number; initials: string; publishName: boolean; consentWithdrawnAt: string | null }>;
  messages: SourceMessage[];
}

/** The source's projection of its own submission. */
export function presentForSource(v: SourceSubmissionView): SourceSubmission {
  const answered = new Set(v.messages.filter((m) => m.author === 'source' && m.inReplyTo).map((m) => m.inReplyTo));
  return {
    reference: v.header.reference,
    status: v.header.status,
    receivedAt: v.header.createdAt,
    final: FINAL_SUBMISSION_STATUSES.has(v.header.status),
    victims: v.victims.map((x) => ({ position: x.position, initials: initials(x.name) || `#${x.position}`, publishName: x.publishName, consentWithdrawnAt: x.consentWithdrawnAt })),
    messages: v.messages.map((m) => ({
      id: m.id,
      createdAt: m.createdAt,
      fromSource: m.author === 'source',
      kind: m.kind,
      body: m.body,
      answered: m.kind === 'question' && answered.has(m.id),
    })),
  };
}

/** The case officer's projection: everything but the identity, which is a separate, audited read. */
export function presentForStaff(v: StaffSubmissionView) {
  return {
    header: v.header,
    facts: v.facts,
    victims: v.victims,
    messages: v.messages.map((m) => ({ ...m, author: m.author })),
    notes: v.notes,
    attachments: v.attachments.map((a) => ({ id: a.id, displayName: a.displayName, mediaType: a.mediaType, size: a.size, cleanedSize: a.cleanedSize, sha256: a.sha256, createdAt: a.createdAt })),
    notifiable: v.notifiable,
  };
}
