import type { AttachmentKind } from './attachment-types.ts';
import { cleanJpeg } from './clean-jpeg.ts';
import { cleanOfficeZip } from './clean-office.ts';
import { cleanPdf } from './clean-pdf.ts';
import { cleanPng } from './clean-png.ts';
import { cleanWebp } from './clean-webp.ts';
import type { InspectedOfficeZip } from './inspect-office-zip.ts';

/**
 * The cleaned copy of an accepted file: what is ever shared onward (with staff outside the intake, with a
 * Government, with the public), while the original is kept unchanged as evidence. Metadata that can
 * identify or locate a source (EXIF GPS positions, camera serial numbers, authors, editing times,
 * thumbnails of uncropped pictures) is removed; the content is not touched. Plain text is its own copy.
 * Office documents need their inspected entries (`zip`), read within the caps.
 *
 * @example const cleaned = await cleanAttachment('jpeg', bytes)
 * @throws AppError FILE_INVALID when the file does not parse; ATTACHMENT_TYPE_REFUSED for an encrypted PDF.
 */
export async function cleanAttachment(kind: AttachmentKind, bytes: Buffer, zip?: InspectedOfficeZip): Promise<Buffer> {
  switch (kind) {
    case 'jpeg':
      return cleanJpeg(bytes);
    case 'png':
      return cleanPng(bytes);
    case 'webp':
      return cleanWebp(bytes);
    case 'pdf':
      return cleanPdf(bytes);
    case 'text':
      return bytes;
    case 'docx':
    case 'odt':
      if (!zip || zip.kind !== kind) throw new Error('an office document is cleaned from its inspected entries');
      return cleanOfficeZip(zip);
  }
}
