import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Store } from '../db/connect.ts';
import {
  countOwnerAttachments,
  findAttachment,
  findOwnerAttachmentBySha256,
  insertAttachment,
  listOwnerAttachments,
  type AttachmentOwner,
  type AttachmentRow,
} from '../db/repositories/attachments-repository.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../domain/clock.ts';
import { AppError, isAppError } from '../errors.ts';
import type { AttachmentSettings } from './attachment-limits.ts';
import { getContent, putContent } from './content-store.ts';
import { prepareAttachment } from './prepare-attachment.ts';

export type { AttachmentOwner } from '../db/repositories/attachments-repository.ts';

/**
 * What the attachment store works with: the clock and the store of the application context, and the
 * attachment settings (the state directory and the limits; see `attachmentSettings`). An `AppContext`
 * with its `files` added is one.
 */
export interface AttachmentContext {
  clock: Clock;
  store: Store;
  logger?: Logger;
  files: AttachmentSettings;
}

/** An attachment as the rest of the code sees it. */
export interface AttachmentRecord {
  /** The only handle a download uses. */
  id: string;
  /** SHA-256 of the original, as received. */
  sha256: string;
  size: number;
  /** Detected from the bytes. */
  mediaType: string;
  /** The sanitised name, for display only. */
  displayName: string;
  /** SHA-256 of the cleaned copy: the version shared onward. */
  cleanedSha256: string;
  cleanedSize: number;
  owner: AttachmentOwner;
  createdAt: string;
  createdBy: string;
}

/** An upload to store. `declaredName` is the sender's name for the file, only ever shown. */
export interface AttachmentInput {
  bytes: Buffer;
  declaredName: string;
  owner: AttachmentOwner;
  actor: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Takes in an upload, inside the caller's transaction (the command that records the submission or the
 * reply, and audits it): checks its size, its type from its bytes, a container's contents, and the
 * owner's number of files; computes its SHA-256; writes the original unchanged and the cleaned copy
 * under their hashes; inserts the row. A refused file writes nothing: every check runs before the
 * first write. The same bytes for the same owner again return the existing record (a repeated upload
 * is no new attachment). Files are written before the row, so a transaction that rolls back later may
 * leave a file that no row names; it is never served (downloads go through a row) and holds only bytes
 * someone uploaded.
 *
 * @example const record = await storeAttachment(ctx, tx, { bytes, declaredName: 'photo.jpg', owner: { type: 'submission', id }, actor })
 * @throws AppError ATTACHMENT_TOO_LARGE, ATTACHMENT_TOO_MANY, ATTACHMENT_TYPE_REFUSED, ATTACHMENT_ARCHIVE_REFUSED,
 *   FILE_INVALID, VALIDATION_FAILED (owner or actor), FILE_INTEGRITY_FAILED (a stored file with the same hash altered).
 */
export async function storeAttachment(
  ctx: Pick<AttachmentContext, 'clock' | 'files'>,
  tx: Kysely<Database>,
  input: AttachmentInput,
): Promise<AttachmentRecord> {
  const { owner, actor } = input;
  if (!/^[a-z][a-z_]{0,31}$/.test(owner.type)) throw new AppError('VALIDATION_FAILED', 'owner.type: a word such as "submission"', { field: 'owner.type' });
  if (!owner.id || owner.id.length > 64) throw new AppError('VALIDATION_FAILED', 'owner.id: 1 to 64 characters', { field: 'owner.id' });
  if (!actor || actor.length > 200) throw new AppError('VALIDATION_FAILED', 'actor: 1 to 200 characters', { field: 'actor' });
  if (!Buffer.isBuffer(input.bytes)) throw new AppError('VALIDATION_FAILED', 'bytes: a Buffer', { field: 'bytes' });

  const prepared = await prepareAttachment(input.bytes, input.declaredName, ctx.files.limits);
  const existing = await findOwnerAttachmentBySha256(tx, owner, prepared.sha256);
  if (existing) return toRecord(existing);
  const count = await countOwnerAttachments(tx, owner);
  if (count >= ctx.files.limits.maxFilesPerOwner) {
    throw new AppError('ATTACHMENT_TOO_MANY', `at most ${ctx.files.limits.maxFilesPerOwner} files`, { limit: ctx.files.limits.maxFilesPerOwner });
  }

  await putContent(ctx.files.varDir, prepared.sha256, input.bytes);
  if (prepared.cleanedSha256 !== prepared.sha256) await putContent(ctx.files.varDir, prepared.cleanedSha256, prepared.cleaned);
  const row: AttachmentRow = {
    id: randomUUID(),
    sha256: prepared.sha256,
    size: prepared.size,
    media_type: prepared.type.mediaType,
    display_name: prepared.displayName,
    cleaned_sha256: prepared.cleanedSha256,
    cleaned_size: prepared.cleanedSize,
    owner_type: owner.type,
    owner_id: owner.id,
    created_at: ctx.clock.now().toISOString(),
    created_by: actor,
  };
  await insertAttachment(tx, row);
  return toRecord(row);
}

/**
 * Reads an attachment by its id, the original (staff who handle the evidence) or the cleaned copy
 * (everyone else), hashing the bytes again: a file altered or removed on disk is refused, never served.
 * Who may read which is the caller's policy; an unknown id is NOT_FOUND.
 *
 * @throws AppError NOT_FOUND, FILE_INTEGRITY_FAILED.
 */
export async function readAttachment(
  ctx: Pick<AttachmentContext, 'store' | 'files' | 'logger'>,
  id: string,
  which: 'original' | 'cleaned',
): Promise<{ record: AttachmentRecord; bytes: Buffer }> {
  const row = UUID.test(id) ? await findAttachment(ctx.store.db, id) : undefined;
  if (!row) throw new AppError('NOT_FOUND', 'no such attachment');
  const record = toRecord(row);
  const [sha256, size] = which === 'original' ? [record.sha256, record.size] : [record.cleanedSha256, record.cleanedSize];
  try {
    const bytes = await getContent(ctx.files.varDir, sha256);
    if (bytes.length !== size) throw new AppError('FILE_INTEGRITY_FAILED', 'a stored file does not have its recorded size', { sha256 });
    return { record, bytes };
  } catch (err) {
    // Logged with the id and hash only: the display name may itself identify someone.
    if (isAppError(err) && err.code === 'FILE_INTEGRITY_FAILED') ctx.logger?.error({ attachmentId: id, which, sha256 }, 'attachment failed its integrity check');
    throw err;
  }
}

/** The attachments of an owner, oldest first. */
export async function listAttachments(db: Kysely<Database>, owner: AttachmentOwner): Promise<AttachmentRecord[]> {
  return (await listOwnerAttachments(db, owner)).map(toRecord);
}

function toRecord(row: AttachmentRow): AttachmentRecord {
  return {
    id: row.id,
    sha256: row.sha256,
    size: Number(row.size),
    mediaType: row.media_type,
    displayName: row.display_name,
    cleanedSha256: row.cleaned_sha256,
    cleanedSize: Number(row.cleaned_size),
    owner: { type: row.owner_type, id: row.owner_id },
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}
