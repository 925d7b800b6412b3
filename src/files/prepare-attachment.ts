import { createHash } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { AttachmentLimits } from './attachment-limits.ts';
import { ATTACHMENT_TYPES, sniffAttachment, type AttachmentType } from './attachment-types.ts';
import { cleanAttachment } from './clean-attachment.ts';
import { displayNameFor } from './display-name.ts';
import { inspectOfficeZip } from './inspect-office-zip.ts';

/** An upload found acceptable, with its cleaned copy: everything needed to store it, nothing stored yet. */
export interface PreparedAttachment {
  type: AttachmentType;
  displayName: string;
  sha256: string;
  size: number;
  cleaned: Buffer;
  cleanedSha256: string;
  cleanedSize: number;
}

/** The SHA-256 of some bytes, in lower-case hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Decides whether an upload is accepted, without writing anything: its size, its type from its bytes
 * (never from the name or the declared media type), the inspection of a ZIP container, and its cleaned
 * copy (a file that cannot be cleaned is refused: an original that cannot be shared safely is not taken
 * in as if it could). The declared name only becomes a display name.
 *
 * @throws AppError ATTACHMENT_TOO_LARGE, ATTACHMENT_TYPE_REFUSED, ATTACHMENT_ARCHIVE_REFUSED, FILE_INVALID.
 */
export async function prepareAttachment(bytes: Buffer, declaredName: string, limits: AttachmentLimits): Promise<PreparedAttachment> {
  if (bytes.length > limits.maxFileBytes) {
    throw new AppError('ATTACHMENT_TOO_LARGE', `the file has ${bytes.length} bytes; the limit is ${limits.maxFileBytes}`, {
      size: bytes.length,
      limit: limits.maxFileBytes,
    });
  }
  const sniffed = sniffAttachment(bytes);
  if (!sniffed) throw new AppError('ATTACHMENT_TYPE_REFUSED', 'the file is not a PDF, JPEG, PNG, WebP, plain text, DOCX or ODT document', { reason: 'unknown' });
  const zip = sniffed === 'zip' ? await inspectOfficeZip(bytes, limits) : undefined;
  const type = ATTACHMENT_TYPES[zip ? zip.kind : (sniffed as Exclude<typeof sniffed, 'zip'>)];
  const cleaned = await cleanAttachment(type.kind, bytes, zip);
  return {
    type,
    displayName: displayNameFor(declaredName, type),
    sha256: sha256Hex(bytes),
    size: bytes.length,
    cleaned,
    cleanedSha256: sha256Hex(cleaned),
    cleanedSize: cleaned.length,
  };
}
