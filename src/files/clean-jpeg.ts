import { AppError } from '../errors.ts';

/**
 * A JPEG without its metadata: the EXIF segment (camera, time, GPS position, often a thumbnail of the
 * uncropped picture), XMP, IPTC/Photoshop, comments, maker segments and anything after the end of the
 * image. Kept, byte for byte: the tables, frame and scan headers and the compressed image data, and the
 * three application segments a viewer needs to show the same picture — JFIF (APP0, with its thumbnail
 * removed), the ICC colour profile (APP2 `ICC_PROFILE`) and Adobe's colour transform (APP14 `Adobe`).
 * Everything else is dropped: an allow-list, because vendors put metadata in every APPn.
 *
 * A hand-written marker parser rather than an image library: the pixels are never decoded, so the image
 * data stays identical and no decoder's bugs are reachable from an upload.
 *
 * @throws AppError FILE_INVALID when the segments do not parse (truncated, no end of image).
 */
export function cleanJpeg(bytes: Buffer): Buffer {
  const invalid = (why: string) => new AppError('FILE_INVALID', `not a readable JPEG: ${why}`, { reason: 'jpeg' });
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw invalid('no start of image');
  const out: Buffer[] = [bytes.subarray(0, 2)];
  let i = 2;
  for (;;) {
    if (i >= bytes.length) throw invalid('no end of image');
    if (bytes[i] !== 0xff) throw invalid(`no marker at offset ${i}`);
    // Any number of 0xFF fill bytes may precede a marker.
    while (bytes[i] === 0xff && i < bytes.length) i++;
    const marker = bytes[i];
    if (marker === undefined) throw invalid('no end of image');
    i++;
    if (marker === 0xd9) {
      out.push(Buffer.from([0xff, 0xd9]));
      break;
    }
    // Markers without a length: TEM and the restart markers (which belong inside scan data, but are harmless here).
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(Buffer.from([0xff, marker]));
      continue;
    }
    if (marker === 0x00 || marker === 0xd8) throw invalid(`unexpected marker 0x${marker.toString(16)}`);
    if (i + 2 > bytes.length) throw invalid('truncated segment');
    const length = bytes.readUInt16BE(i);
    if (length < 2 || i + length > bytes.length) throw invalid('truncated segment');
    const segment = bytes.subarray(i - 2, i + length);
    const payload = bytes.subarray(i + 2, i + length);
    i += length;
    if (marker === 0xda) {
      // Start of scan: the header, then entropy-coded data up to the next marker that is neither a
      // stuffed 0xFF00 nor a restart marker. Copied as it is.
      let end = i;
      while (end < bytes.length) {
        if (bytes[end] === 0xff) {
          const next = bytes[end + 1];
          if (next === undefined) throw invalid('truncated scan');
          if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
            end += next === 0xff ? 1 : 2;
            continue;
          }
          break;
        }
        end++;
      }
      out.push(segment, bytes.subarray(i, end));
      i = end;
      continue;
    }
    if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) {
      const kept = keptApplicationSegment(marker, payload);
      if (kept) out.push(kept);
      continue;
    }
    out.push(segment);
  }
  return Buffer.concat(out);
}

/** An application segment as kept (JFIF without thumbnail, ICC, Adobe), or undefined when dropped. */
function keptApplicationSegment(marker: number, payload: Buffer): Buffer | undefined {
  const tag = (s: string) => payload.length >= s.length && payload.toString('latin1', 0, s.length) === s;
  if (marker === 0xe0 && tag('JFIF\0') && payload.length >= 14) {
    // Version, density units and densities kept; the thumbnail's size set to 0×0 and its pixels left out.
    const head = Buffer.from(payload.subarray(0, 14));
    head[12] = 0;
    head[13] = 0;
    return segmentOf(0xe0, head);
  }
  if (marker === 0xe2 && tag('ICC_PROFILE\0')) return segmentOf(0xe2, payload);
  if (marker === 0xee && tag('Adobe')) return segmentOf(0xee, payload);
  return undefined;
}

function segmentOf(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}
