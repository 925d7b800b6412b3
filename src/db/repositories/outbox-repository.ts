import type { Kysely, Selectable } from 'kysely';
import type { Store } from '../connect.ts';
import type { Database, OutboxTable } from '../schema.ts';

/** The statuses of an outbox row. */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
/** An outbox row's status. */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** An outbox row as the rest of the code sees it. */
export interface OutboxMessage {
  id: string;
  createdAt: string;
  kind: string;
  recipient: string;
  subject: string;
  text: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  dedupeKey: string;
}

/** What {@link insertOutboxMessage} writes: a new pending row. */
export interface NewOutboxMessage {
  id: string;
  createdAt: string;
  kind: string;
  recipient: string;
  subject: string;
  text: string;
  dedupeKey: string;
}

function fromRow(r: Selectable<OutboxTable>): OutboxMessage {
  return {
    id: r.id,
    createdAt: r.created_at,
    kind: r.kind,
    recipient: r.recipient,
    subject: r.subject,
    text: r.body_text,
    status: r.status as OutboxStatus,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    sentAt: r.sent_at,
    dedupeKey: r.dedupe_key,
  };
}

/**
 * Adds a pending row, due at once, unless a row with the same dedupe key exists (then nothing changes: the
 * event was announced before). On PostgreSQL `on conflict do nothing` does not abort the caller's
 * transaction, as a failed insert would. True when a row was added.
 */
export async function insertOutboxMessage(tx: Kysely<Database>, m: NewOutboxMessage): Promise<boolean> {
  const result = await tx
    .insertInto('outbox')
    .values({
      id: m.id,
      created_at: m.createdAt,
      kind: m.kind,
      recipient: m.recipient,
      subject: m.subject,
      body_text: m.text,
      status: 'pending',
      attempts: 0,
      next_attempt_at: m.createdAt,
      last_error: null,
      sent_at: null,
      dedupe_key: m.dedupeKey,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Claims up to `limit` rows that are due — pending ones whose time has come, and ones left `sending` by a
 * worker whose lease ran out — in one statement: each becomes `sending` with its attempt counted and a
 * lease until `leaseUntil`. On PostgreSQL the rows are chosen `for update skip locked`, so two workers
 * claiming at once get different rows and neither waits; SQLite has one writer at a time, and the statement
 * is atomic there. Rows that have used up their attempts are not claimed (see {@link failExhaustedLeases}).
 */
export async function claimDueOutboxMessages(
  db: Kysely<Database>,
  dialect: Store['dialect'],
  opts: { now: string; leaseUntil: string; limit: number; maxAttempts: number },
): Promise<OutboxMessage[]> {
  const rows = await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), next_attempt_at: opts.leaseUntil }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', 'in', ['pending', 'sending'])
        .where('next_attempt_at', '<=', opts.now)
        .where('attempts', '<', opts.maxAttempts)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(opts.limit)
        .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
    )
    // The status is checked again on the row itself: on PostgreSQL a row chosen by the subquery may have
    // been claimed and committed by another worker between its choice and its update.
    .where('status', 'in', ['pending', 'sending'])
    .where('next_attempt_at', '<=', opts.now)
    .returningAll()
    .execute();
  return rows.map(fromRow).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * Gives up on rows whose last attempt's lease ran out with no outcome recorded and no attempt left (the
 * worker died each time): they become `failed` rather than `sending` for ever. Returns how many.
 */
export async function failExhaustedLeases(db: Kysely<Database>, now: string, maxAttempts: number, error: string): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'failed', last_error: error })
    .where('status', '=', 'sending')
    .where('next_attempt_at', '<=', now)
    .where('attempts', '>=', maxAttempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Records the outcome of the attempt numbered `attempt`: `sent`, or `pending` again at `nextAttemptAt`, or
 * `failed`. Only if the row is still in that attempt, so a worker whose lease ran out (and whose row another
 * worker claimed) cannot overwrite the later attempt's outcome. True when the row was updated.
 */
export async function recordOutboxAttempt(
  db: Kysely<Database>,
  id: string,
  attempt: number,
  outcome: { status: 'sent'; at: string } | { status: 'pending'; nextAttemptAt: string; error: string } | { status: 'failed'; error: string },
): Promise<boolean> {
  const set =
    outcome.status === 'sent'
      ? { status: 'sent', sent_at: outcome.at, last_error: null }
      : outcome.status === 'pending'
        ? { status: 'pending', next_attempt_at: outcome.nextAttemptAt, last_error: outcome.error }
        : { status: 'failed', last_error: outcome.error };
  const result = await db
    .updateTable('outbox')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('attempts', '=', attempt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Outbox rows, newest first, optionally of one status or one dedupe key. */
export async function listOutboxMessages(
  db: Kysely<Database>,
  filter: { status?: OutboxStatus; dedupeKey?: string; limit?: number } = {},
): Promise<OutboxMessage[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status!))
    .$if(filter.dedupeKey !== undefined, (q) => q.where('dedupe_key', '=', filter.dedupeKey!))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map(fromRow);
}

/** How many rows the outbox holds in each status (statuses with none are 0). */
export async function countOutboxByStatus(db: Kysely<Database>): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const r of rows) if (Object.hasOwn(counts, r.status)) counts[r.status as OutboxStatus] = Number(r.n);
  return counts;
}

/** A sent communication whose reply deadline has passed with no reply. */
export interface OverdueReply {
  /** The communication's id. */
  id: string;
  reference: string;
  addresseeCode: string;
  replyDeadline: string;
  sentDate: string;
}

/**
 * Sent communications with no reply (reply status `none`; an acknowledgment alone leaves it so) whose
 * deadline is before `today`, a Geneva calendar date: the deadline day itself is still on time. Oldest
 * deadline first.
 */
export async function listOverdueReplies(db: Kysely<Database>, today: string): Promise<OverdueReply[]> {
  const rows = await db
    .selectFrom('communications')
    .select(['id', 'reference', 'addressee_code', 'reply_deadline', 'sent_date'])
    .where('drafting_status', '=', 'sent')
    .where('reply_status', '=', 'none')
    .where('reply_deadline', '<', today)
    .where('reference', 'is not', null)
    .orderBy('reply_deadline')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference!,
    addresseeCode: r.addressee_code,
    replyDeadline: r.reply_deadline!,
    sentDate: r.sent_date!,
  }));
}
