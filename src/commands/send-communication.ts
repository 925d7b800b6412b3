import type { AppContext } from '../context.ts';
import { allocateReferenceNumber } from '../db/repositories/communications-repository.ts';
import type { Communication } from '../domain/communication.ts';
import { assertDraftingAction } from '../domain/drafting.ts';
import { genevaDate, genevaYear } from '../domain/geneva-time.ts';
import { publicationDueAt } from '../domain/publication.ts';
import { formatReference } from '../domain/reference.ts';
import { replyDeadline } from '../domain/replies.ts';
import type { Principal } from '../policies/principal.ts';
import { changeCommunication } from './change-communication.ts';
import { resolveCommunicationId } from './resolve-communication.ts';

/**
 * Sends a communication approved by every signing mandate. In the same transaction it allocates the
 * reference (`n` counts per addressee code per calendar year in Geneva, across all types: gapless, never
 * reused, unique), sets the reply deadline and schedules publication.
 *
 * @example (await sendCommunication(ctx, principal, id)).reference // 'AL KAZ 1/2022'
 */
export async function sendCommunication(ctx: AppContext, principal: Principal, idOrRef: string): Promise<Communication> {
  const id = await resolveCommunicationId(ctx, idOrRef);
  return changeCommunication(ctx, principal, 'send', id, async (c, now, tx) => {
    assertDraftingAction(c.draftingStatus, 'send');
    const year = genevaYear(now);
    const number = await allocateReferenceNumber(tx, c.addresseeCode, year);
    const reference = formatReference({ type: c.type, code: c.addresseeCode, number, year });
    const sentDate = genevaDate(now);
    return {
      patch: {
        drafting_status: 'sent',
        reference,
        ref_number: number,
        ref_year: year,
        sent_at: now.toISOString(),
        sent_date: sentDate,
        reply_deadline: replyDeadline(sentDate, ctx.settings.replyDays),
        reply_status: 'none',
        publication_status: 'scheduled',
        publish_due_at: publicationDueAt(c.type, now, ctx.settings.publication).toISOString(),
      },
      history: { details: { reference } },
    };
  });
}
