import { AppError } from '../errors.ts';
import { crc32 } from './crc32.ts';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The chunks a cleaned PNG keeps: the critical ones, and the ancillary ones that change how the picture
 * looks (transparency, gamma, colour space and profile, background, pixel size) or make it move (APNG).
 * An allow-list, so that text (tEXt, zTXt, iTXt), EXIF (eXIf), the time of last change (tIME) and any
 * private chunk a program adds are dropped without having been thought of.
 */
export const PNG_KEPT_CHUNKS: ReadonlySet<string> = new Set([
  'IHDR', 'PLTE', 'IDAT', 'IEND',
  'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'cICP', 'sBIT', 'bKGD', 'pHYs',
  'acTL', 'fcTL', 'fdAT',
]);

/** One chunk of a PNG: its type, its data, and the whole chunk as it is in the file. */
export interface PngChunk {
  type: string;
  data: Buffer;
  raw: Buffer;
}

/**
 * Splits a PNG into its chunks up to IEND, checking every chunk's CRC.
 *
 * @throws AppError FILE_INVALID when the signature, a length or a CRC is wrong, or IEND is missing.
 */
export function readPngChunks(bytes: Buffer): PngChunk[] {
  const invalid = (why: string) => new AppError('FILE_INVALID', `not a readable PNG: ${why}`, { reason: 'png' });
  if (!bytes.subarray(0, 8).equals(SIGNATURE)) throw invalid('no signature');
  const chunks: PngChunk[] = [];
  let i = 8;
  for (;;) {
    if (i + 12 > bytes.length) throw invalid('no IEND chunk');
    const length = bytes.readUInt32BE(i);
    if (length > bytes.length - i - 12) throw invalid('truncated chunk');
    const typeBytes = bytes.subarray(i + 4, i + 8);
    const type = typeBytes.toString('latin1');
    if (!/^[A-Za-z]{4}$/.test(type)) throw invalid('bad chunk type');
    const data = bytes.subarray(i + 8, i + 8 + length);
    if (crc32(typeBytes, data) !== bytes.readUInt32BE(i + 8 + length)) throw invalid(`bad CRC in ${type}`);
    chunks.push({ type, data, raw: bytes.subarray(i, i + 12 + length) });
    i += 12 + length;
    if (type === 'IEND') return chunks;
  }
}

/**
 * A PNG without its metadata chunks and without anything after IEND; the kept chunks (the image data
 * among them) are copied byte for byte with their CRCs, all checked first.
 *
 * @throws AppError FILE_INVALID when the file does not parse (see {@link readPngChunks}) or lacks IHDR first.
 */
export function cleanPng(bytes: Buffer): Buffer {
  const chunks = readPngChunks(bytes);
  if (chunks[0]?.type !== 'IHDR') throw new AppError('FILE_INVALID', 'not a readable PNG: IHDR is not first', { reason: 'png' });
  return Buffer.concat([SIGNATURE, ...chunks.filter((c) => PNG_KEPT_CHUNKS.has(c.type)).map((c) => c.raw)]);
}
