import type { AppContext } from '../context.ts';
import { listAwaitingReview } from '../db/repositories/reply-texts-repository.ts';
import { authorizeCommunication } from '../policies/communication-policy.ts';
import type { Principal } from '../policies/principal.ts';

/** A reply submitted through the government portal whose public version awaits a case officer's review. */
export interface ReplyAwaitingReview {
  replyId: string;
  receipt: string;
  communicationId: string;
  reference: string | null;
  addresseeCode: string;
  receivedOn: string;
  kind: string;
  language: string;
  submittedAt: string;
  submittedBy: string;
  /** The staff review page of the reply. */
  href: string;
}

/**
 * The portal replies whose public version no one has approved yet, oldest first (at most `limit`, 200 by
 * default): for the case officers' inbox and deadlines. Only those who may approve a reply's public version
 * may list them; anyone else gets NOT_FOUND.
 *
 * @example const waiting = await listRepliesAwaitingReview(ctx, principal)
 */
export async function listRepliesAwaitingReview(ctx: AppContext, principal: Principal, options: { limit?: number } = {}): Promise<ReplyAwaitingReview[]> {
  authorizeCommunication(principal, 'approve_reply_public');
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 200), 1), 1000);
  const rows = await listAwaitingReview(ctx.store.db, limit);
  return rows.map((r) => ({
    replyId: r.reply_id,
    receipt: r.receipt,
    communicationId: r.communication_id,
    reference: r.reference,
    addresseeCode: r.addressee_code,
    receivedOn: r.received_on,
    kind: r.kind,
    language: r.language,
    submittedAt: r.submitted_at,
    submittedBy: r.submitted_by,
    href: `/staff/replies/${encodeURIComponent(r.reply_id)}`,
  }));
}
