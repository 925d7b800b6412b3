import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { insertReply } from '../db/repositories/communications-repository.ts';
import type { Communication } from '../domain/communication.ts';
import { genevaDate, parseIsoDate } from '../domain/geneva-time.ts';
import { deriveReplyStatus, REPLY_KINDS } from '../domain/replies.ts';
import { AppError } from '../errors.ts';
import type { Principal } from '../policies/principal.ts';
import { changeCommunication } from './change-communication.ts';
import { isoDate, parseInput, text } from './input.ts';
import { resolveCommunicationId } from './resolve-communication.ts';

/** Input of {@link recordReply}. */
export const recordReplySchema = z.object({
  receivedOn: isoDate,
  kind: z.enum(REPLY_KINDS),
  language: z.string().trim().regex(/^[a-z]{2,3}$/, 'a language code such as en, fr, ru').default('en'),
  summary: text(20_000).default(''),
});

/**
 * Records a reply from the addressee under the communication's reference. The reply status is derived
 * again from all replies (an acknowledgment alone is not a reply; after the deadline it is late).
 */
export async function recordReply(ctx: AppContext, principal: Principal, idOrRef: string, input: unknown): Promise<Communication> {
  const data = parseInput(recordReplySchema, input);
  parseIsoDate(data.receivedOn, 'receivedOn');
  const id = await resolveCommunicationId(ctx, idOrRef);
  return changeCommunication(ctx, principal, 'reply', id, (c, now) => {
    if (c.draftingStatus !== 'sent' || !c.sentDate || !c.replyDeadline) {
      throw new AppError('REPLY_BEFORE_SENDING', 'a reply can only be recorded for a communication that has been sent');
    }
    if (data.receivedOn < c.sentDate) {
      throw new AppError('DATE_INVALID', `receivedOn: ${data.receivedOn} is before the letter was sent (${c.sentDate})`, { field: 'receivedOn' });
    }
    if (data.receivedOn > genevaDate(now)) {
      throw new AppError('DATE_INVALID', `receivedOn: ${data.receivedOn} is in the future`, { field: 'receivedOn' });
    }
    const reply = {
      id: randomUUID(),
      receivedOn: data.receivedOn,
      kind: data.kind,
      language: data.language,
      summary: data.summary,
      recordedAt: now.toISOString(),
      recordedBy: principal.name,
    };
    const all = [...c.replies, reply];
    const status = deriveReplyStatus(all, c.replyDeadline);
    const firstCounted = all.filter((r) => r.kind !== 'acknowledgment').map((r) => r.receivedOn).sort()[0] ?? null;
    return {
      patch: { reply_status: status, first_reply_on: firstCounted },
      also: (tx) => insertReply(tx, c.id, reply),
      history: { details: { replyId: reply.id, receivedOn: reply.receivedOn, kind: reply.kind, replyStatus: status } },
    };
  });
}
