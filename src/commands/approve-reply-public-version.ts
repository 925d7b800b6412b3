import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { approveReplyText, findReplyText, setReplySummary, type ReplyTextWithReply } from '../db/repositories/reply-texts-repository.ts';
import type { Communication } from '../domain/communication.ts';
import { AppError, isAppError } from '../errors.ts';
import { defaultReplyPublicText, replyPublicDigest } from '../letters/reply-public-version.ts';
import type { Principal } from '../policies/principal.ts';
import { changeCommunication } from './change-communication.ts';
import { parseInput, text } from './input.ts';
import { GOVERNMENT_REPLY_MAX_CHARS } from './submit-government-reply.ts';

/** Input of {@link approveReplyPublicVersion}: the public text; left out, the reply's text with names withheld. */
export const approveReplyPublicSchema = z.object({
  publicText: text(GOVERNMENT_REPLY_MAX_CHARS).optional(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const notFound = () => new AppError('NOT_FOUND', 'no such reply');

/**
 * A case officer records the public version of a reply submitted through the government portal and
 * approves it: from then on the public sees that text (as the reply's summary) once the communication is
 * published, and never the Government's own text or documents. Audited as a change of the communication
 * (`communication.approve_reply_public`), with the digest of the approved text in its history. Approving
 * the same text again is TRANSITION_INVALID; a reply recorded by staff has no portal text: NOT_FOUND.
 */
export async function approveReplyPublicVersion(
  ctx: AppContext,
  principal: Principal,
  replyId: string,
  input: unknown,
): Promise<{ communication: Communication; publicText: string }> {
  const data = parseInput(approveReplyPublicSchema, input);
  const found = UUID.test(replyId) ? await findReplyText(ctx.store.db, replyId) : undefined;
  if (!found) throw notFound();
  let publicText = '';
  const communication = await changeCommunication(
    ctx,
    principal,
    'approve_reply_public',
    found.communication_id,
    async (c, now, tx) => {
      // Read again inside the transaction: another officer may have approved it meanwhile.
      const row: ReplyTextWithReply | undefined = await findReplyText(tx, replyId);
      if (!row || row.communication_id !== c.id) throw notFound();
      publicText = data.publicText ?? defaultReplyPublicText(row.text, c);
      const digest = replyPublicDigest(replyId, publicText);
      if (row.public_approved_at !== null && row.public_digest === digest) {
        throw new AppError('TRANSITION_INVALID', 'this public version of the reply is already approved');
      }
      const at = now.toISOString();
      return {
        also: async (t) => {
          await approveReplyText(t, replyId, { publicText, digest, by: principal.name, at });
          await setReplySummary(t, replyId, publicText);
        },
        history: { details: { replyId, publicDigest: digest } },
      };
    },
  ).catch((err: unknown) => {
    if (isAppError(err) && err.code === 'NOT_FOUND') throw notFound();
    throw err;
  });
  return { communication, publicText };
}
