import type { Kysely } from 'kysely';
import { listOverdueReplies, type OverdueReply } from '../db/repositories/outbox-repository.ts';
import type { Database } from '../db/schema.ts';
import { genevaDate } from '../domain/geneva-time.ts';
import type { Victim } from '../letters/public-version.ts';
import { AppError } from '../errors.ts';
import { enqueueNotification, type NotificationKind } from './enqueue-notification.ts';
import {
  communicationSentMessage,
  draftAwaitingDecisionMessage,
  replyOverdueMessage,
  replyReceivedMessage,
  sourceStatusChangedMessage,
  type NotificationMessage,
  type OverdueAudience,
} from './notification-messages.ts';

/**
 * Someone to notify: an address and the language to write in (an unknown language gets English). The
 * callers know who they are (the focal points of a State, a mandate's holders, the case officer); this
 * module does not look them up.
 */
export interface Recipient {
  address: string;
  lang: string;
}

/** The address as dedupe keys spell it: the same mailbox written in another case is the same recipient. */
function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

/**
 * Enqueues one message per distinct recipient, each in its language, in the caller's transaction. The
 * dedupe key is `<kind>:<event>:<address>`. Returns how many rows were added (a repeated event adds none).
 */
async function enqueueFor(
  tx: Kysely<Database>,
  kind: NotificationKind,
  event: string,
  recipients: readonly Recipient[],
  at: Date,
  build: (lang: string) => NotificationMessage,
): Promise<number> {
  let added = 0;
  const seen = new Set<string>();
  for (const r of recipients) {
    const address = normalizeAddress(r.address);
    if (seen.has(address)) continue;
    seen.add(address);
    const message = build(r.lang);
    const inserted = await enqueueNotification(tx, {
      kind,
      recipient: address,
      subject: message.subject,
      text: message.text,
      dedupeKey: `${kind}:${event}:${address}`,
      at,
    });
    if (inserted) added += 1;
  }
  return added;
}

function sentReference(c: { reference: string | null }): string {
  if (c.reference === null) throw new AppError('TRANSITION_INVALID', 'the communication has not been sent: it has no reference');
  return c.reference;
}

/**
 * A draft was submitted (or submitted again after changes) and awaits the decision of its signing
 * mandates: tells their holders. The event is the draft at its version, so a resubmission after changes
 * mails again and a repeated call does not.
 *
 * @example also: (tx) => notifyDraftAwaitingDecision(tx, draft, holders, now)
 */
export function notifyDraftAwaitingDecision(
  tx: Kysely<Database>,
  draft: { id: string; version: number; subject: string; victims: readonly Victim[] },
  recipients: readonly Recipient[],
  at: Date,
): Promise<number> {
  return enqueueFor(tx, 'draft_awaiting_decision', `${draft.id}:${draft.version}`, recipients, at, (lang) =>
    draftAwaitingDecisionMessage(lang, draft),
  );
}

/** A communication was sent: tells the addressee's focal points its reference, date and reply deadline. */
export function notifyCommunicationSent(
  tx: Kysely<Database>,
  c: { id: string; reference: string | null; sentDate: string | null; replyDeadline: string | null },
  recipients: readonly Recipient[],
  at: Date,
): Promise<number> {
  const reference = sentReference(c);
  const sentDate = c.sentDate ?? genevaDate(at);
  const replyDeadline = c.replyDeadline ?? sentDate;
  return enqueueFor(tx, 'communication_sent', c.id, recipients, at, (lang) =>
    communicationSentMessage(lang, { reference, sentDate, replyDeadline }),
  );
}

/** A reply was recorded: tells staff (the case officer, the signing mandates) which reference and when. */
export function notifyReplyReceived(
  tx: Kysely<Database>,
  c: { id: string; reference: string | null },
  reply: { id: string; receivedOn: string },
  recipients: readonly Recipient[],
  at: Date,
): Promise<number> {
  const reference = sentReference(c);
  return enqueueFor(tx, 'reply_received', reply.id, recipients, at, (lang) =>
    replyReceivedMessage(lang, { id: c.id, reference }, reply.receivedOn),
  );
}

/**
 * The reply deadline passed with no reply: reminds the recipients, once per communication and address
 * however often the periodic job runs (`reply_overdue:<communicationId>:<address>`). The audience decides
 * where the link leads (staff workspace by default, or the government portal).
 */
export function notifyReplyOverdue(
  tx: Kysely<Database>,
  c: { id: string; reference: string | null; replyDeadline: string | null },
  recipients: readonly Recipient[],
  at: Date,
  options: { audience?: OverdueAudience } = {},
): Promise<number> {
  const reference = sentReference(c);
  if (c.replyDeadline === null) throw new AppError('TRANSITION_INVALID', 'the communication has no reply deadline');
  const replyDeadline = c.replyDeadline;
  return enqueueFor(tx, 'reply_overdue', c.id, recipients, at, (lang) =>
    replyOverdueMessage(lang, { id: c.id, reference, replyDeadline }, options.audience ?? 'staff'),
  );
}

/**
 * The status of a source's submission changed: tells the source at the address it gave, if it gave one
 * (null: nothing is sent, and that is no error). Once per submission, status and address.
 */
export function notifySourceStatusChanged(
  tx: Kysely<Database>,
  submission: { id: string; receipt: string; status: string },
  recipient: Recipient | null,
  at: Date,
): Promise<number> {
  if (recipient === null || recipient.address.trim() === '') return Promise.resolve(0);
  return enqueueFor(tx, 'source_status_changed', `${submission.id}:${submission.status}`, [recipient], at, (lang) =>
    sourceStatusChangedMessage(lang, submission),
  );
}

/**
 * Communications whose reply deadline (a Geneva date) has passed by `now` with no reply: what a periodic
 * job passes to {@link notifyReplyOverdue}, which is idempotent by its dedupe key. Each result has the
 * shape that function takes.
 */
export function findOverdueReplies(db: Kysely<Database>, now: Date): Promise<OverdueReply[]> {
  return listOverdueReplies(db, genevaDate(now));
}
