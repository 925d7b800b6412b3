import type { WorkspaceRow } from '../db/repositories/workspace-repository.ts';
import type { Communication } from '../domain/communication.ts';
import { displayType } from '../domain/reference.ts';
import { isReplyOverdue, type ReplyStatus } from '../domain/replies.ts';
import type { ReferenceData } from '../reference/reference-data.ts';

/**
 * A row of a staff workspace list (drafts, deadlines, search): what staff need to recognise a letter and
 * act on it. Staff lists never carry the letter's text, the victims or the annexes; those are on the
 * letter's own page.
 */
export function presentWorkspaceRow(row: WorkspaceRow, ref: ReferenceData, today: string, lang = 'en') {
  return {
    id: row.id,
    reference: row.reference,
    type: row.type,
    displayType: displayType(row.type as Communication['type'], row.mandates.length),
    addressee: { code: row.addresseeCode, name: ref.addresseeName(row.addresseeId, lang) ?? row.addresseeCode },
    subject: row.subject,
    draftingStatus: row.draftingStatus,
    mandates: row.mandates.map((m) => ({ slug: m.slug, title: ref.mandateTitle(m.slug, lang) ?? m.slug, decision: m.decision, decidedBy: m.decidedBy })),
    sentDate: row.sentDate,
    replyDeadline: row.replyDeadline,
    replyStatus: row.replyStatus,
    replyOverdue:
      row.replyStatus !== null && row.replyDeadline !== null && isReplyOverdue(row.replyStatus as ReplyStatus, row.replyDeadline, today),
    publicationStatus: row.publicationStatus,
    publishDueAt: row.publishDueAt,
    heldUntil: row.heldUntil,
    holdReason: row.holdReason,
    updatedAt: row.updatedAt,
    synthetic: row.synthetic,
  };
}

/** A row of a staff workspace list as presented. */
export type WorkspaceItem = ReturnType<typeof presentWorkspaceRow>;
