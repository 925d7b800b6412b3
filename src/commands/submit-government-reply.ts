import { randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { listActiveAccounts } from '../db/repositories/accounts-repository.ts';
import { insertReplyText } from '../db/repositories/reply-texts-repository.ts';
import { digest } from '../domain/audit-chain.ts';
import type { Communication } from '../domain/communication.ts';
import { genevaDate } from '../domain/geneva-time.ts';
import { REPLY_KINDS } from '../domain/replies.ts';
import { AppError, isAppError } from '../errors.ts';
import { storeAttachment, type AttachmentRecord } from '../files/attachment-store.ts';
import { sniffAttachment } from '../files/attachment-types.ts';
import { sha256Hex } from '../files/prepare-attachment.ts';
import { notifyReplyReceived } from '../notifications/notification-events.ts';
import type { Principal } from '../policies/principal.ts';
import { changeCommunication } from './change-communication.ts';
import { parseInput, text } from './input.ts';
import { planReply, replyLanguage } from './record-reply.ts';
import { resolveCommunicationId } from './resolve-communication.ts';

/** The largest reply text taken through the portal, in characters (a long reply comes as a document). */
export const GOVERNMENT_REPLY_MAX_CHARS = 100_000;

/** Input of {@link submitGovernmentReply}: the text, and the documents as uploaded. */
export const governmentReplySchema = z.object({
  text: text(GOVERNMENT_REPLY_MAX_CHARS).default(''),
  kind: z.enum(REPLY_KINDS).default('substantive'),
  language: replyLanguage,
  documents: z.array(z.object({ name: z.string().max(1000), bytes: z.instanceof(Buffer) })).default([]),
});

/** What the focal point's receipt shows. */
export interface ReplyReceipt {
  /** The receipt number. */
  number: string;
  replyId: string;
  reference: string;
  /** The instant the reply was received (ISO 8601, UTC). */
  receivedAt: string;
  /** The Geneva date it counts as received on (against the deadline). */
  receivedOn: string;
  documents: Array<Pick<AttachmentRecord, 'id' | 'displayName' | 'sha256' | 'size' | 'mediaType'>>;
}

// Letters and digits that cannot be misread for one another when a receipt number is read out or copied.
const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A receipt number: the addressee, the Geneva date and eight characters drawn at random (`KAZ-20220301-7K3M9QXT`). */
function receiptNumber(code: string, on: string): string {
  const random = Array.from({ length: 8 }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]).join('');
  return `${code}-${on.replaceAll('-', '')}-${random}`;
}

const notFound = () => new AppError('NOT_FOUND', 'no such communication');

/**
 * A State's focal point replies under the reference of a communication sent to its State: the text and
 * documents are taken in, the reply counts for the reply status from today (Geneva), and the case officers
 * are told — the reply, its text, its documents, the history entry, the audit entry and the notifications
 * in one transaction, so that a refused reply (another State's letter, a draft, a document too large or of
 * a type not taken) writes nothing. The text stays for staff until they approve its public version.
 * Anything the principal may not reply to is NOT_FOUND, as a missing reference is.
 *
 * @example const { receipt } = await submitGovernmentReply(ctx, focalPoint, 'AL-KAZ-1-2022', { text: '…', documents: [{ name: 'reply.pdf', bytes }] })
 */
export async function submitGovernmentReply(
  ctx: AppContext,
  principal: Principal,
  idOrRef: string,
  input: unknown,
): Promise<{ communication: Communication; receipt: ReplyReceipt }> {
  // The portal records the submitting account; staff record replies that came by other channels with recordReply.
  if (principal.kind !== 'government') throw notFound();
  const data = parseInput(governmentReplySchema, input);
  if (data.text === '' && data.documents.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'text: write a reply or attach a document', { field: 'text' });
  }
  const limits = ctx.files.limits;
  if (data.documents.length > limits.maxFilesPerOwner) {
    throw new AppError('ATTACHMENT_TOO_MANY', `at most ${limits.maxFilesPerOwner} files`, { limit: limits.maxFilesPerOwner });
  }
  // The cheap checks before the transaction, so that an obviously refused document never takes the write
  // lock; the attachment store checks everything again (containers, cleaning) inside it.
  for (const d of data.documents) {
    if (d.bytes.length > limits.maxFileBytes) {
      throw new AppError('ATTACHMENT_TOO_LARGE', `the file has ${d.bytes.length} bytes; the limit is ${limits.maxFileBytes}`, { size: d.bytes.length, limit: limits.maxFileBytes });
    }
    if (!sniffAttachment(d.bytes)) {
      throw new AppError('ATTACHMENT_TYPE_REFUSED', 'the file is not a PDF, JPEG, PNG, WebP, plain text, DOCX or ODT document', { reason: 'unknown' });
    }
  }
  const id = await resolveCommunicationId(ctx, idOrRef).catch((err: unknown) => {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'REFERENCE_INVALID')) throw notFound();
    throw err;
  });

  const replyId = randomUUID();
  let receipt: ReplyReceipt | undefined;
  const communication = await changeCommunication(ctx, principal, 'reply', id, (c, now) => {
    const receivedOn = genevaDate(now);
    const number = receiptNumber(c.addresseeCode, receivedOn);
    const hashes = [...new Set(data.documents.map((d) => sha256Hex(d.bytes)))];
    // The summary is what the public sees of a reply: empty until staff approve the text's public version.
    const { steps } = planReply(c, now, principal.name, { id: replyId, receivedOn, kind: data.kind, language: data.language, summary: '' }, {
      details: { via: 'government_portal', receipt: number, textDigest: digest(data.text), documents: hashes },
      also: async (tx, reply) => {
        await insertReplyText(tx, {
          reply_id: reply.id,
          receipt: number,
          text: data.text,
          submitted_by_account: principal.accountId,
          submitted_by: principal.name,
          submitted_at: now.toISOString(),
          public_text: null,
          public_approved_by: null,
          public_approved_at: null,
          public_digest: null,
        });
        const stored = new Map<string, AttachmentRecord>();
        for (const d of data.documents) {
          const record = await storeAttachment(ctx, tx, { bytes: d.bytes, declaredName: d.name, owner: { type: 'reply', id: reply.id }, actor: principal.name });
          stored.set(record.id, record);
        }
        const officers = await listActiveAccounts(tx, { role: 'case_officer' });
        await notifyReplyReceived(tx, c, reply, officers.map((a) => ({ address: a.email, lang: a.language })), now);
        receipt = {
          number,
          replyId: reply.id,
          reference: c.reference ?? '',
          receivedAt: now.toISOString(),
          receivedOn,
          documents: [...stored.values()].map((r) => ({ id: r.id, displayName: r.displayName, sha256: r.sha256, size: r.size, mediaType: r.mediaType })),
        };
      },
    });
    return steps;
  }).catch((err: unknown) => {
    // "No such communication" whatever the reason, in the same words as a reference that does not exist.
    if (isAppError(err) && err.code === 'NOT_FOUND') throw notFound();
    throw err;
  });
  if (!receipt) throw new AppError('INTERNAL', 'the reply was recorded without its receipt');
  return { communication, receipt };
}
