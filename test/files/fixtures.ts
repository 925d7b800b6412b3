// Small real files built from bytes, for the attachment tests: no binary fixtures under version control,
// and every byte that matters is visible here.
import { deflateRawSync, deflateSync } from 'node:zlib';
import { crc32 } from 'node:zlib';

/** A JPEG segment: marker and payload with its length. */
function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** An EXIF APP1 payload (big-endian TIFF) whose GPS IFD puts the picture at 43°14'N. */
export function exifWithGps(): Buffer {
  const tiff = Buffer.alloc(80);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 at 8
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x8825, 10); // GPSInfo
  tiff.writeUInt16BE(4, 12); // LONG
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18); // GPS IFD at 26
  tiff.writeUInt32BE(0, 22); // no next IFD
  tiff.writeUInt16BE(2, 26); // two entries
  tiff.writeUInt16BE(0x0001, 28); // GPSLatitudeRef
  tiff.writeUInt16BE(2, 30); // ASCII
  tiff.writeUInt32BE(2, 32);
  tiff.write('N\0', 36, 'latin1');
  tiff.writeUInt16BE(0x0002, 40); // GPSLatitude
  tiff.writeUInt16BE(5, 42); // RATIONAL
  tiff.writeUInt32BE(3, 44);
  tiff.writeUInt32BE(56, 48); // values at 56
  tiff.writeUInt32BE(0, 52);
  [43, 1, 14, 1, 0, 1].forEach((v, i) => tiff.writeUInt32BE(v, 56 + i * 4));
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

/** The parts of a 16×8 grey baseline JPEG that make the picture: tables, frame, scan and its data. */
export function jpegImageParts(): Buffer {
  const dqt = segment(0xdb, Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)]));
  const sof = segment(0xc0, Buffer.from([8, 0, 8, 0, 16, 1, 1, 0x11, 0]));
  // One DC code (length 1, category 0) and one AC code (length 1, end of block).
  const dht = (cls: number) => segment(0xc4, Buffer.concat([Buffer.from([cls]), Buffer.from([1, ...Array(15).fill(0)]), Buffer.from([0])]));
  const dri = segment(0xdd, Buffer.from([0, 1]));
  const sos = segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0]));
  // Two blocks (DC difference 0, end of block; padded with 1 bits), with a restart marker between them
  // that the parser must not take for the end of the scan.
  const scan = Buffer.from([0x3f, 0xff, 0xd0, 0x3f]);
  return Buffer.concat([dqt, sof, dht(0x00), dht(0x10), dri, sos, scan]);
}

/** A JPEG carrying EXIF with GPS, XMP, IPTC, a comment, a JFIF thumbnail, and bytes after its end. */
export function jpegWithMetadata(): Buffer {
  const jfif = Buffer.concat([Buffer.from('JFIF\0', 'latin1'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 1, 1]), Buffer.from([0x10, 0x20, 0x30])]);
  const xmp = Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>43,14N</exif:GPSLatitude></x:xmpmeta>', 'latin1');
  const iptc = Buffer.from('Photoshop 3.0\x008BIM\x04\x04\0\0\0\0\0\x10\x1c\x02\x50\0\x0bSource Name', 'latin1');
  const icc = Buffer.from('ICC_PROFILE\0\x01\x01fake-profile', 'latin1');
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, jfif),
    segment(0xe1, exifWithGps()),
    segment(0xe1, xmp),
    segment(0xe2, icc),
    segment(0xed, iptc),
    segment(0xfe, Buffer.from('taken at the safe house', 'latin1')),
    jpegImageParts(),
    Buffer.from([0xff, 0xd9]),
    Buffer.from('trailing: Source Name', 'latin1'),
  ]);
}

/** A PNG chunk with its CRC, computed by Node's zlib (independently of the code under test). */
export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A 2×2 RGBA PNG with text, EXIF and time chunks. */
export function pngWithMetadata(): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 6, 0, 0, 0]);
  const raw = Buffer.from([0, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('tEXt', Buffer.from('Author\0Source Name', 'latin1')),
    pngChunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f])),
    pngChunk('eXIf', exifWithGps().subarray(6)),
    pngChunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), deflateSync(Buffer.from('Source Name'))])),
    pngChunk('iTXt', Buffer.from('Location\0\0\0\0\0Zhanaozen', 'latin1')),
    pngChunk('tIME', Buffer.from([0x07, 0xe6, 1, 5, 10, 30, 0])),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
    Buffer.from('after IEND: Source Name', 'latin1'),
  ]);
}

/** A RIFF chunk of a WebP, padded to an even size. */
function riffChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(type, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/** The image chunk of the WebP fixture (a stand-in VP8L bitstream: the cleaner never decodes it). */
export const WEBP_IMAGE = riffChunk('VP8L', Buffer.from([0x2f, 0x00, 0x00, 0x00, 0x00, 0x07]));

/** An extended WebP announcing and carrying EXIF and XMP. */
export function webpWithMetadata(): Buffer {
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x08 | 0x04;
  const body = Buffer.concat([
    riffChunk('VP8X', vp8x),
    WEBP_IMAGE,
    riffChunk('EXIF', exifWithGps().subarray(6)),
    riffChunk('XMP ', Buffer.from('<x:xmpmeta>Source Name</x:xmpmeta>', 'latin1')),
  ]);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

/** An entry of a hand-made ZIP: what the headers declare may differ from the data, on purpose. */
export interface RawZipEntry {
  name: string;
  data: Buffer;
  /** Deflate the data (default) or store it. */
  stored?: boolean;
  /** The uncompressed size written in the headers, when it should lie. */
  declaredSize?: number;
  /** The external attributes (Unix mode in the high 16 bits). */
  externalAttributes?: number;
  /** General purpose flags (bit 0: encrypted). */
  flags?: number;
}

/** Writes a ZIP file with headers as given, for crafting the malicious containers the inspection must refuse. */
export function rawZip(entries: RawZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.stored ? e.data : deflateRawSync(e.data);
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800 | (e.flags ?? 0), 6);
    local.writeUInt16LE(e.stored ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800 | (e.flags ?? 0), 8);
    central.writeUInt16LE(e.stored ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(e.externalAttributes ?? 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

/** The entries of a small DOCX with core and app properties, a tracked change by a named author, and a picture with metadata. */
export function docxEntries(extra: RawZipEntry[] = []): RawZipEntry[] {
  const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`, 'utf8');
  return [
    {
      name: '[Content_Types].xml',
      data: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>' +
          `<Override PartName="/word/document.xml" ContentType="${DOCX_MAIN}"/>` +
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
          '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
          '</Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
          '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
          '</Relationships>',
      ),
    },
    {
      name: 'word/document.xml',
      data: xml(
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
          '<w:p><w:r><w:t>On 5 January the internet was shut down.</w:t></w:r></w:p>' +
          '<w:p><w:ins w:id="1" w:author="Source Name" w:date="2022-01-10T10:00:00Z"><w:r><w:t>Added.</w:t></w:r></w:ins></w:p>' +
          '</w:body></w:document>',
      ),
    },
    { name: 'word/media/image1.png', data: pngWithMetadata() },
    { name: 'docProps/core.xml', data: xml('<cp:coreProperties xmlns:cp="x" xmlns:dc="y"><dc:creator>Source Name</dc:creator></cp:coreProperties>') },
    { name: 'docProps/app.xml', data: xml('<Properties><Company>Source Organisation</Company></Properties>') },
    ...extra,
  ];
}

/** The entries of a small ODT with metadata, settings, a thumbnail and a tracked change by a named author. */
export function odtEntries(): RawZipEntry[] {
  return [
    { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.text', 'latin1'), stored: true },
    {
      name: 'content.xml',
      data: Buffer.from(
        '<office:document-content><office:body><office:text><text:tracked-changes><text:changed-region><text:insertion>' +
          '<office:change-info><dc:creator>Source Name</dc:creator><dc:date>2022-01-10T10:00:00</dc:date></office:change-info>' +
          '</text:insertion></text:changed-region></text:tracked-changes><text:p>Statement.</text:p></office:text></office:body></office:document-content>',
        'utf8',
      ),
    },
    { name: 'meta.xml', data: Buffer.from('<office:document-meta><meta:initial-creator>Source Name</meta:initial-creator></office:document-meta>', 'utf8') },
    { name: 'settings.xml', data: Buffer.from('<office:document-settings><config:config-item>PrinterName Source Office</config:config-item></office:document-settings>', 'utf8') },
    { name: 'Thumbnails/thumbnail.png', data: pngWithMetadata() },
    {
      name: 'META-INF/manifest.xml',
      data: Buffer.from(
        '<manifest:manifest>' +
          '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>' +
          '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
          '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>' +
          '<manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>' +
          '<manifest:file-entry manifest:full-path="Thumbnails/thumbnail.png" manifest:media-type="image/png"/>' +
          '</manifest:manifest>',
        'utf8',
      ),
    },
  ];
}
