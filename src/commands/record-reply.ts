import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { insertReply } from '../db/repositories/communications-repository.ts';
import type { Database } from '../db/schema.ts';
import type { Communication, Reply } from '../domain/communication.ts';
import { genevaDate, parseIsoDate } from '../domain/geneva-time.ts';
import { deriveReplyStatus, firstReplyOn, REPLY_KINDS, type ReplyKind } from '../domain/replies.ts';
import { AppError } from '../errors.ts';
import type { Principal } from '../policies/principal.ts';
import { changeCommunication, type ChangeSteps } from './change-communication.ts';
import { isoDate, parseInput, text } from './input.ts';
import { resolveCommunicationId } from './resolve-communication.ts';

/** A reply's language: a code such as en, fr, ru. */
export const replyLanguage = z.string().trim().regex(/^[a-z]{2,3}$/, 'a language code such as en, fr, ru').default('en');

/** Input of {@link recordReply}. */
export const recordReplySchema = z.object({
  receivedOn: isoDate,
  kind: z.enum(REPLY_KINDS),
  language: replyLanguage,
  summary: text(20_000).default(''),
});

/** What {@link planReply} needs to know about the reply being added. */
export interface NewReply {
  /** Given when the caller must know the id before the plan runs (attachments are owned by it). */
  id?: string;
  receivedOn: string;
  kind: ReplyKind;
  language: string;
  summary: string;
}

/**
 * The change that adds a reply to a sent communication, shared by the staff's record of a reply and the
 * Government's own submission: checks the date against sending and today, derives the reply status again
 * from all replies (an acknowledgment alone is not a reply; after the deadline it is late), inserts the
 * reply, then runs `also` in the same transaction (the portal's text, documents and notifications).
 * `details` are added to the history entry.
 */
export function planReply(
  c: Communication,
  now: Date,
  actor: string,
  input: NewReply,
  extra: { also?: (tx: Kysely<Database>, reply: Reply) => Promise<void>; details?: Record<string, unknown> } = {},
): { reply: Reply; steps: ChangeSteps } {
  if (c.draftingStatus !== 'sent' || !c.sentDate || !c.replyDeadline) {
    throw new AppError('REPLY_BEFORE_SENDING', 'a reply can only be recorded for a communication that has been sent');
  }
  if (input.receivedOn < c.sentDate) {
    throw new AppError('DATE_INVALID', `receivedOn: ${input.receivedOn} is before the letter was sent (${c.sentDate})`, { field: 'receivedOn' });
  }
  if (input.receivedOn > genevaDate(now)) {
    throw new AppError('DATE_INVALID', `receivedOn: ${input.receivedOn} is in the future`, { field: 'receivedOn' });
  }
  const reply: Reply = {
    id: input.id ?? randomUUID(),
    receivedOn: input.receivedOn,
    kind: input.kind,
    language: input.language,
    summary: input.summary,
    recordedAt: now.toISOString(),
    recordedBy: actor,
  };
  const all = [...c.replies, reply];
  const status = deriveReplyStatus(all, c.replyDeadline);
  const firstCounted = firstReplyOn(all);
  return {
    reply,
    steps: {
      patch: { reply_status: status, first_reply_on: firstCounted },
      also: async (tx) => {
        await insertReply(tx, c.id, reply);
        if (extra.also) await extra.also(tx, reply);
      },
      history: { details: { replyId: reply.id, receivedOn: reply.receivedOn, kind: reply.kind, replyStatus: status, ...extra.details } },
    },
  };
}

/**
 * Records a reply from the addressee under the communication's reference (staff recording what came in by
 * other channels; the summary is public once the communication is).
 */
export async function recordReply(ctx: AppContext, principal: Principal, idOrRef: string, input: unknown): Promise<Communication> {
  const data = parseInput(recordReplySchema, input);
  parseIsoDate(data.receivedOn, 'receivedOn');
  const id = await resolveCommunicationId(ctx, idOrRef);
  return changeCommunication(ctx, principal, 'reply', id, (c, now) => planReply(c, now, principal.name, data).steps);
}
