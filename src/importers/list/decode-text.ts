import { AppError } from '../../errors.ts';

/** Magic numbers of files that are sometimes sent instead of a CSV, and what to tell the sender. */
const BINARY_MAGIC: ReadonlyArray<[Buffer, string]> = [
  [Buffer.from('PK\x03\x04', 'latin1'), 'this is a ZIP container (an XLSX workbook?), not a CSV text file'],
  [Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'this is an old Excel (.xls) or Word file: save it as XLSX or as "CSV UTF-8"'],
  [Buffer.from('%PDF', 'latin1'), 'this is a PDF, not a list: export the table as CSV or XLSX'],
  [Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'this is an image, not a list'],
  [Buffer.from([0xff, 0xd8, 0xff]), 'this is an image, not a list'],
  [Buffer.from([0x1f, 0x8b]), 'this is a compressed (gzip) file: unpack it first'],
];

/**
 * The text of a CSV file: UTF-8 (a byte-order mark is dropped), or UTF-16 when a byte-order mark says so
 * (what Excel's "Unicode text" export writes). Anything else is refused rather than guessed: a Cyrillic
 * list read in the wrong code page would put garbled names into the register, and garbled names match
 * nobody. A binary file (a NUL byte, or the magic number of a known format) is refused too.
 *
 * @example decodeListText(Buffer.from('\ufeffФИО;Год\n', 'utf8')) // 'ФИО;Год\n'
 * @throws AppError FILE_INVALID (details.reason: binary, encoding, empty)
 */
export function decodeListText(bytes: Buffer): string {
  for (const [magic, message] of BINARY_MAGIC) {
    if (bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic)) throw new AppError('FILE_INVALID', message, { reason: 'binary' });
  }
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decode(bytes.subarray(2), 'utf-16le');
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decode(bytes.subarray(2), 'utf-16be');
  else text = decode(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes, 'utf-8');
  if (text.includes('\u0000')) throw new AppError('FILE_INVALID', 'this is a binary file, not a CSV text file', { reason: 'binary' });
  if (text.trim() === '') throw new AppError('FILE_INVALID', 'the file is empty', { reason: 'empty' });
  return text;
}

function decode(bytes: Buffer, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new AppError(
      'FILE_INVALID',
      encoding === 'utf-8'
        ? 'the file is not UTF-8 text (perhaps Windows-1251 or another code page): save it as "CSV UTF-8" and upload it again'
        : `the file says it is ${encoding.toUpperCase()} but is not`,
      { reason: 'encoding' },
    );
  }
}
