import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { findOverdueReplies, notifyReplyOverdue } from '../notifications/notification-events.ts';
import { caseOfficers, focalPointsOf } from '../notifications/recipients.ts';
import type { Principal } from '../policies/principal.ts';

/**
 * Tells the case officers, and the addressee State's focal points, of every sent communication whose reply
 * deadline has passed without a reply. Idempotent: each communication is reminded once per address (the
 * outbox's dedupe key), so the scheduler may run it as often as it likes. Returns the messages queued.
 */
export async function remindOverdueReplies(ctx: AppContext, principal: Principal): Promise<number> {
  if (principal.kind !== 'system') throw new AppError('NOT_FOUND', 'no such page');
  const now = ctx.clock.now();
  let queued = 0;
  const overdue = await findOverdueReplies(ctx.store.db, now);
  if (overdue.length === 0) return 0;
  // The officers are the same for every letter: read once, not once per letter.
  const officers = await caseOfficers(ctx.store.db);
  for (const c of overdue) {
    queued += await ctx.store.db.transaction().execute(async (tx) => {
      const staffCount = await notifyReplyOverdue(tx, c, officers, now, { audience: 'staff' });
      const government = ctx.ref.isStateCode(c.addresseeCode) ? await notifyReplyOverdue(tx, c, await focalPointsOf(tx, c.addresseeCode), now, { audience: 'government' }) : 0;
      return staffCount + government;
    });
  }
  return queued;
}
