import { AppError } from '../errors.ts';

// The chunks of a still or animated WebP that make up the picture; EXIF and XMP (and anything unknown) go.
const KEPT = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
// Flags of the VP8X chunk that announce EXIF and XMP chunks: cleared with them.
const EXIF_FLAG = 0x08;
const XMP_FLAG = 0x04;

/**
 * A WebP without its EXIF and XMP chunks (and without unknown chunks or anything after the RIFF
 * container), the VP8X flags and the RIFF size adjusted; the image chunks are copied byte for byte.
 *
 * @throws AppError FILE_INVALID when the RIFF structure does not parse.
 */
export function cleanWebp(bytes: Buffer): Buffer {
  const invalid = (why: string) => new AppError('FILE_INVALID', `not a readable WebP: ${why}`, { reason: 'webp' });
  if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WEBP') throw invalid('no RIFF header');
  const end = 8 + bytes.readUInt32LE(4);
  if (end > bytes.length || end < 12) throw invalid('bad RIFF size');
  const kept: Buffer[] = [];
  let i = 12;
  while (i < end) {
    if (i + 8 > end) throw invalid('truncated chunk');
    const type = bytes.toString('latin1', i, i + 4);
    const size = bytes.readUInt32LE(i + 4);
    const padded = size + (size & 1);
    if (i + 8 + padded > end) throw invalid(`truncated ${type} chunk`);
    const chunk = bytes.subarray(i, i + 8 + padded);
    i += 8 + padded;
    if (!KEPT.has(type)) continue;
    if (type === 'VP8X') {
      if (size < 10) throw invalid('short VP8X chunk');
      const copy = Buffer.from(chunk);
      copy[8] = copy[8]! & ~(EXIF_FLAG | XMP_FLAG);
      kept.push(copy);
    } else {
      kept.push(chunk);
    }
  }
  if (kept.length === 0) throw invalid('no image chunk');
  const body = Buffer.concat(kept);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}
