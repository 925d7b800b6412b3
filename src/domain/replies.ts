import { addDays } from './geneva-time.ts';

/** The kinds of reply an addressee sends. An acknowledgment alone is not a reply. */
export const REPLY_KINDS = ['substantive', 'partial', 'acknowledgment'] as const;
/** A reply kind. */
export type ReplyKind = (typeof REPLY_KINDS)[number];

/** Reply status, derived from the replies, never set by hand. */
export const REPLY_STATUSES = ['none', 'replied', 'replied_late'] as const;
/** A reply status. */
export type ReplyStatus = (typeof REPLY_STATUSES)[number];

/** The default number of days after sending within which a reply is on time (configuration). */
export const DEFAULT_REPLY_DAYS = 60;

/** The last day (Geneva calendar date) on which a reply is on time. */
export function replyDeadline(sentDate: string, replyDays: number): string {
  return addDays(sentDate, replyDays);
}

/** Whether a reply of this kind answers the letter: an acknowledgment of receipt alone does not. */
export function countsAsReply(kind: ReplyKind): boolean {
  return kind !== 'acknowledgment';
}

/** The date of the first reply that answers the letter (not a mere acknowledgment), or null. */
export function firstReplyOn(replies: ReadonlyArray<{ receivedOn: string; kind: ReplyKind }>): string | null {
  let first: string | null = null;
  for (const r of replies) if (countsAsReply(r.kind) && (first === null || r.receivedOn < first)) first = r.receivedOn;
  return first;
}

/**
 * Derives the reply status from the replies received: the first reply that is not a mere acknowledgment
 * decides — on or before the deadline is "replied", after it "replied late"; none at all is "none".
 */
export function deriveReplyStatus(
  replies: ReadonlyArray<{ receivedOn: string; kind: ReplyKind }>,
  deadline: string,
): ReplyStatus {
  const first = firstReplyOn(replies);
  if (first === null) return 'none';
  return first <= deadline ? 'replied' : 'replied_late';
}

/** True when no reply has come and the deadline has passed on `today` (a Geneva date). */
export function isReplyOverdue(status: ReplyStatus, deadline: string, today: string): boolean {
  return status === 'none' && today > deadline;
}
