/**
 * The kinds of file an attachment may be. Each is recognised from its bytes alone: a declared name or
 * media type is what the sender claims, and an executable renamed `statement.pdf` must not pass.
 */
export const ATTACHMENT_KINDS = ['pdf', 'jpeg', 'png', 'webp', 'text', 'docx', 'odt'] as const;

/** One accepted kind of file. */
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** What is known of an accepted kind: the media type stored and served, and the extensions it goes by. */
export interface AttachmentType {
  kind: AttachmentKind;
  mediaType: string;
  /** The usual extensions, the first one preferred; lower case, without the dot. */
  extensions: readonly string[];
}

/** The accepted kinds with their media types and extensions. */
export const ATTACHMENT_TYPES: Readonly<Record<AttachmentKind, AttachmentType>> = Object.freeze({
  pdf: { kind: 'pdf', mediaType: 'application/pdf', extensions: ['pdf'] },
  jpeg: { kind: 'jpeg', mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { kind: 'png', mediaType: 'image/png', extensions: ['png'] },
  webp: { kind: 'webp', mediaType: 'image/webp', extensions: ['webp'] },
  text: { kind: 'text', mediaType: 'text/plain; charset=utf-8', extensions: ['txt'] },
  docx: {
    kind: 'docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  odt: { kind: 'odt', mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
});

/**
 * What the first bytes of a file say it is: one of the accepted kinds, `zip` (a container whose entries
 * decide between DOCX, ODT and refusal, see `inspectOfficeZip`), or undefined for anything else.
 */
export type SniffedKind = Exclude<AttachmentKind, 'docx' | 'odt'> | 'zip';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Recognises a file from its magic numbers, at offset 0 only: a file that starts with something else (a
 * PDF after a few bytes of junk, which readers tolerate) is refused rather than guessed at. Plain text is
 * what is left: valid UTF-8 without NUL bytes and without other control characters than tab, line feed,
 * form feed and carriage return (which keeps out binary formats that happen to decode).
 *
 * @example sniffAttachment(Buffer.from('%PDF-1.7\n…')) // 'pdf'
 * @example sniffAttachment(Buffer.from('MZ\x90\x00…')) // undefined (a Windows executable)
 */
export function sniffAttachment(bytes: Buffer): SniffedKind | undefined {
  if (bytes.length === 0) return undefined;
  if (startsWith(bytes, '%PDF-')) return 'pdf';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.length >= 12 && startsWith(bytes, 'RIFF') && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  // A local file header: a ZIP container. (An empty ZIP starts with the end record and is refused.)
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  return isPlainText(bytes) ? 'text' : undefined;
}

/** True for valid UTF-8 without NUL and without control characters other than \t \n \f \r. */
export function isPlainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

function startsWith(bytes: Buffer, ascii: string): boolean {
  return bytes.length >= ascii.length && bytes.toString('latin1', 0, ascii.length) === ascii;
}
