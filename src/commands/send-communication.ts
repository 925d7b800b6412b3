import type { AppContext } from '../context.ts';
import { allocatedNumber, allocateReferenceNumberStatement } from '../db/repositories/communications-repository.ts';
import type { Communication } from '../domain/communication.ts';
import { assertDraftingAction } from '../domain/drafting.ts';
import { genevaDate, genevaYear } from '../domain/geneva-time.ts';
import { publicationDueAt } from '../domain/publication.ts';
import { formatReference } from '../domain/reference.ts';
import { replyDeadline } from '../domain/replies.ts';
import type { Principal } from '../policies/principal.ts';
import { AppError } from '../errors.ts';
import { notifyCommunicationSent } from '../notifications/notification-events.ts';
import { focalPointsStatement, recipientsFrom } from '../notifications/recipients.ts';
import { changeCommunication, type ChangePlan } from './change-communication.ts';
import { resolveCommunicationId } from './resolve-communication.ts';

/**
 * Sends a communication approved by every signing mandate. In the same transaction it allocates the
 * reference (`n` counts per addressee code per calendar year in Geneva, across all types: gapless, never
 * reused, unique), sets the reply deadline, schedules publication, and tells the State's focal points.
 *
 * @example (await sendCommunication(ctx, principal, id)).reference // 'AL KAZ 1/2022'
 */
export async function sendCommunication(ctx: AppContext, principal: Principal, idOrRef: string): Promise<Communication> {
  const id = await resolveCommunicationId(ctx, idOrRef);
  const plan: ChangePlan = async (c, now, tx, [allocated, focalPoints]) => {
    assertDraftingAction(c.draftingStatus, 'send');
    const year = genevaYear(now);
    const number = allocatedNumber(allocated!);
    if (number === undefined) throw new AppError('INTERNAL', 'no reference number was allocated to an approved communication');
    const reference = formatReference({ type: c.type, code: c.addresseeCode, number, year });
    const sentDate = genevaDate(now);
    const deadline = replyDeadline(sentDate, ctx.settings.replyDays);
    // The State's focal points are told in the same transaction (the outbox is not the communication's state).
    // (Read in the load's round trip; with no focal point, nothing more is written.)
    const recipients = recipientsFrom(focalPoints);
    if (recipients.length > 0) await notifyCommunicationSent(tx, { id: c.id, reference, sentDate, replyDeadline: deadline }, recipients, now);
    return {
      patch: {
        drafting_status: 'sent',
        reference,
        ref_number: number,
        ref_year: year,
        sent_at: now.toISOString(),
        sent_date: sentDate,
        reply_deadline: deadline,
        reply_status: 'none',
        publication_status: 'scheduled',
        publish_due_at: publicationDueAt(c.type, now, ctx.settings.publication).toISOString(),
      },
      history: { details: { reference } },
    };
  };
  // The number is allocated, and the addressee's focal points read, in the load's round trip, once the load
  // has locked the communication.
  return changeCommunication(ctx, principal, 'send', id, plan, 'send', {
    withLoad: (tx, now) => [allocateReferenceNumberStatement(tx, id, genevaYear(now)), focalPointsStatement(tx, id)],
  });
}
