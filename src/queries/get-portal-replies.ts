import type { AppContext } from '../context.ts';
import { findReplyText, listReplyTexts, type ReplyTextWithReply } from '../db/repositories/reply-texts-repository.ts';
import type { Communication } from '../domain/communication.ts';
import { AppError, isAppError } from '../errors.ts';
import { listAttachments, type AttachmentRecord } from '../files/attachment-store.ts';
import { defaultReplyPublicText } from '../letters/reply-public-version.ts';
import { authorizeCommunication } from '../policies/communication-policy.ts';
import type { Principal } from '../policies/principal.ts';
import { getCommunication } from './get-communication.ts';

/** A reply submitted through the government portal: its text, receipt, public version and documents. */
export interface PortalReply {
  replyId: string;
  receipt: string;
  text: string;
  submittedBy: string;
  submittedAt: string;
  receivedOn: string;
  kind: string;
  language: string;
  /** The public text recorded by staff, or null. */
  publicText: string | null;
  publicApprovedBy: string | null;
  publicApprovedAt: string | null;
  publicDigest: string | null;
  documents: AttachmentRecord[];
}

async function toPortalReply(ctx: AppContext, row: ReplyTextWithReply): Promise<PortalReply> {
  return {
    replyId: row.reply_id,
    receipt: row.receipt,
    text: row.text,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    receivedOn: row.received_on,
    kind: row.kind,
    language: row.language,
    publicText: row.public_text,
    publicApprovedBy: row.public_approved_by,
    publicApprovedAt: row.public_approved_at,
    publicDigest: row.public_digest,
    documents: await listAttachments(ctx.store.db, { type: 'reply', id: row.reply_id }),
  };
}

/**
 * The portal replies of a communication the caller has already loaded and authorized (the government
 * portal's page of a letter), oldest first, with their documents.
 */
export async function portalRepliesOf(ctx: AppContext, c: Communication): Promise<PortalReply[]> {
  const rows = await listReplyTexts(ctx.store.db, c.id);
  return Promise.all(rows.map((row) => toPortalReply(ctx, row)));
}

const noSuchReply = () => new AppError('NOT_FOUND', 'no such reply');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * One portal reply for a principal allowed `action` on its communication (`read` for the focal points'
 * receipt, `approve_reply_public` for the staff's review), with the communication and the public text
 * staff are offered (the approved one, else the text with the letter's withheld names withheld). Anything
 * else — an unknown id, a reply recorded by staff, another State's reply — is the same NOT_FOUND.
 */
export async function getPortalReply(
  ctx: AppContext,
  principal: Principal,
  replyId: string,
  action: 'read' | 'approve_reply_public',
): Promise<{ communication: Communication; reply: PortalReply; proposedPublicText: string }> {
  const row = UUID.test(replyId) ? await findReplyText(ctx.store.db, replyId) : undefined;
  if (!row) throw noSuchReply();
  const communication = await getCommunication(ctx, principal, row.communication_id).catch((err: unknown) => {
    throw isAppError(err) && err.code === 'NOT_FOUND' ? noSuchReply() : err;
  });
  try {
    authorizeCommunication(principal, action, communication);
  } catch {
    throw noSuchReply();
  }
  const reply = await toPortalReply(ctx, row);
  return { communication, reply, proposedPublicText: reply.publicText ?? defaultReplyPublicText(reply.text, communication) };
}
