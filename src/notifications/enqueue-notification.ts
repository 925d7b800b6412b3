import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { insertOutboxMessage } from '../db/repositories/outbox-repository.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';

/** The events that send e-mail. */
export const NOTIFICATION_KINDS = [
  'draft_awaiting_decision',
  'communication_sent',
  'reply_received',
  'reply_overdue',
  'source_status_changed',
] as const;
/** A notification kind. */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A notification to put in the outbox. */
export interface NotificationInput {
  kind: NotificationKind;
  /** One e-mail address. */
  recipient: string;
  subject: string;
  text: string;
  /** Names the event and the recipient (`reply_overdue:<communicationId>:<address>`): the same key never mails twice. */
  dedupeKey: string;
  /** When the event happened (the command's clock): the row is due from then. */
  at: Date;
}

const inputSchema = z.object({
  kind: z.enum(NOTIFICATION_KINDS),
  recipient: z.email().max(320),
  // A header line: no line breaks, whatever the transport would do with them.
  subject: z.string().min(1).max(300).regex(/^[^\r\n]*$/, 'one line'),
  text: z.string().min(1).max(20_000),
  dedupeKey: z.string().min(1).max(500),
  at: z.date(),
});

/**
 * Puts a notification in the outbox, inside the caller's transaction: if the command rolls back, the
 * notification goes with it and nothing is sent; if it commits, a delivery run sends it later. A second
 * notification with the same dedupe key is ignored. Returns true when a row was added. A malformed address
 * or subject is VALIDATION_FAILED (and, thrown inside the transaction, rolls the command back).
 *
 * @example await enqueueNotification(tx, { kind: 'reply_overdue', recipient: 'focal@example.org', subject, text, dedupeKey: `reply_overdue:${id}:focal@example.org`, at: now })
 */
export async function enqueueNotification(tx: Kysely<Database>, input: NotificationInput): Promise<boolean> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'notification');
    throw new AppError('VALIDATION_FAILED', `notification ${field}: ${issue?.message ?? 'invalid'}`, { field });
  }
  const n = parsed.data;
  return insertOutboxMessage(tx, {
    id: randomUUID(),
    createdAt: n.at.toISOString(),
    kind: n.kind,
    recipient: n.recipient,
    subject: n.subject,
    text: n.text,
    dedupeKey: n.dedupeKey,
  });
}
