import type { AppContext } from '../context.ts';
import {
  claimDueOutboxMessages,
  countOutboxByStatus,
  failExhaustedLeases,
  recordOutboxAttempt,
  type OutboxMessage,
} from '../db/repositories/outbox-repository.ts';
import type { Mailer } from './mailer.ts';

/**
 * Minutes to wait after the 1st, 2nd… failed attempt: a mail server's temporary refusal (4xx) usually
 * clears within minutes, an outage within hours. After the last delay's attempt fails, the row is failed.
 */
export const RETRY_DELAYS_MINUTES: readonly number[] = [1, 5, 30, 120, 720];

/** Attempts before a row is given up: the first, then one after each delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

/**
 * How long a claimed row stays with its worker. Far longer than a send can take with the mailer's
 * timeouts, so a row is claimed again only when its worker died (at worst sent twice, never lost).
 */
export const LEASE_MINUTES = 10;

// Rows claimed per statement, and the most one run sends: a run every minute keeps up with far more.
const BATCH_SIZE = 20;
const MAX_PER_RUN = 500;

/** What a delivery run did. */
export interface DeliveryReport {
  sent: number;
  /** Failed this time, to be tried again later. */
  retried: number;
  /** Given up on: no attempt left. */
  failed: number;
  /** Rows still pending after the run (due later, or waiting for a mail server to be configured). */
  pending: number;
}

/** The instant `minutes` after `from`. */
function after(from: Date, minutes: number): string {
  return new Date(from.getTime() + minutes * 60_000).toISOString();
}

/**
 * One delivery run: claims the due rows (pending ones whose time has come, and any whose worker's lease ran
 * out), sends each through the mailer, and records the outcome — sent; or, on failure, pending again after
 * the next delay of {@link RETRY_DELAYS_MINUTES}; or failed after {@link MAX_ATTEMPTS}. Claims commit before
 * sending, so other workers skip those rows; a process that dies mid-send leaves its rows to be claimed
 * again when the lease ends. Without a mailer (no SMTP_URL) nothing is claimed and the rows wait.
 *
 * @example await deliverOutbox(ctx, mailerFor(config))
 */
export async function deliverOutbox(ctx: AppContext, mailer: Mailer | undefined): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0, pending: 0 };
  if (mailer) {
    const db = ctx.store.db;
    report.failed += await failExhaustedLeases(db, ctx.clock.now().toISOString(), MAX_ATTEMPTS, 'INTERRUPTED: no outcome recorded for the last attempt');
    let handled = 0;
    while (handled < MAX_PER_RUN) {
      const now = ctx.clock.now();
      const claimed = await claimDueOutboxMessages(db, ctx.store.dialect, {
        now: now.toISOString(),
        leaseUntil: after(now, LEASE_MINUTES),
        limit: Math.min(BATCH_SIZE, MAX_PER_RUN - handled),
        maxAttempts: MAX_ATTEMPTS,
      });
      if (claimed.length === 0) break;
      handled += claimed.length;
      for (const m of claimed) {
        const outcome = await attempt(ctx, mailer, m);
        report[outcome] += 1;
      }
    }
  }
  report.pending = (await countOutboxByStatus(ctx.store.db)).pending;
  if (!mailer && report.pending > 0) {
    ctx.logger.info({ pending: report.pending }, 'SMTP_URL is not set: notifications wait in the outbox');
  }
  return report;
}

/** Sends one claimed row and records what happened. */
async function attempt(ctx: AppContext, mailer: Mailer, m: OutboxMessage): Promise<'sent' | 'retried' | 'failed'> {
  try {
    await mailer.send({ id: m.id, to: m.recipient, subject: m.subject, text: m.text });
  } catch (err) {
    const error = mailer.describeError(err);
    const now = ctx.clock.now();
    const delay = RETRY_DELAYS_MINUTES[m.attempts - 1];
    if (delay === undefined || m.attempts >= MAX_ATTEMPTS) {
      await recordOutboxAttempt(ctx.store.db, m.id, m.attempts, { status: 'failed', error });
      ctx.logger.warn({ outbox: m.id, kind: m.kind, attempts: m.attempts, error }, 'notification given up');
      return 'failed';
    }
    await recordOutboxAttempt(ctx.store.db, m.id, m.attempts, { status: 'pending', nextAttemptAt: after(now, delay), error });
    ctx.logger.info({ outbox: m.id, kind: m.kind, attempts: m.attempts, error }, 'notification not sent; will retry');
    return 'retried';
  }
  await recordOutboxAttempt(ctx.store.db, m.id, m.attempts, { status: 'sent', at: ctx.clock.now().toISOString() });
  return 'sent';
}
