import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { PDFDict, PDFDocument, PDFName, PDFStream, PDFString } from 'pdf-lib';
import { DEFAULT_ATTACHMENT_LIMITS } from '../../src/files/attachment-limits.ts';
import { cleanAttachment } from '../../src/files/clean-attachment.ts';
import { cleanJpeg } from '../../src/files/clean-jpeg.ts';
import { cleanPng, readPngChunks } from '../../src/files/clean-png.ts';
import { cleanWebp } from '../../src/files/clean-webp.ts';
import { inspectOfficeZip } from '../../src/files/inspect-office-zip.ts';
import { prepareAttachment } from '../../src/files/prepare-attachment.ts';
import { WEBP_IMAGE, docxEntries, jpegImageParts, jpegWithMetadata, odtEntries, pngWithMetadata, rawZip, webpWithMetadata } from './fixtures.ts';

const has = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text, 'latin1'));

/** The markers of a JPEG's segments before its scan, in order. */
function jpegMarkers(bytes: Buffer): number[] {
  const markers: number[] = [];
  let i = 2;
  while (i < bytes.length && bytes[i] === 0xff && bytes[i + 1] !== 0xda) {
    markers.push(bytes[i + 1]!);
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  return markers;
}

describe('cleaned copies', () => {
  it('JPEG: EXIF (with GPS), XMP, IPTC, comments and trailing bytes are gone; tables, frame and scan are identical', () => {
    const original = jpegWithMetadata();
    const cleaned = cleanJpeg(original);
    assert.ok(has(original, 'Exif\0\0') && has(original, 'Source Name'), 'the fixture carries the metadata');
    for (const text of ['Exif', 'xmpmeta', 'Photoshop', '8BIM', 'Source Name', 'safe house', 'GPSLatitude']) assert.ok(!has(cleaned, text), text);
    assert.deepEqual(jpegMarkers(cleaned), [0xe0, 0xe2, 0xdb, 0xc0, 0xc4, 0xc4, 0xdd]);
    // JFIF kept, its 1×1 thumbnail removed.
    assert.deepEqual([...cleaned.subarray(2, 20)], [0xff, 0xe0, 0, 16, ...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
    assert.ok(has(cleaned, 'ICC_PROFILE\0'), 'the colour profile stays');
    const image = Buffer.concat([jpegImageParts(), Buffer.from([0xff, 0xd9])]);
    assert.ok(cleaned.subarray(cleaned.length - image.length).equals(image), 'the image data is byte for byte the same');
    assert.ok(cleanJpeg(cleaned).equals(cleaned), 'cleaning a clean file changes nothing');
  });

  it('JPEG: a truncated file is refused', () => {
    const original = jpegWithMetadata();
    assert.throws(() => cleanJpeg(original.subarray(0, 40)), { code: 'FILE_INVALID' });
    assert.throws(() => cleanJpeg(original.subarray(0, original.indexOf(Buffer.from([0xff, 0xd9])))), { code: 'FILE_INVALID' });
  });

  it('PNG: tEXt, zTXt, iTXt, eXIf and tIME are gone, gAMA and the image chunks stay, every CRC checks', () => {
    const original = pngWithMetadata();
    const cleaned = cleanPng(original);
    assert.deepEqual(readPngChunks(cleaned).map((c) => c.type), ['IHDR', 'gAMA', 'IDAT', 'IEND']);
    assert.ok(!has(cleaned, 'Source Name') && !has(cleaned, 'Zhanaozen'));
    for (const chunk of readPngChunks(cleaned)) {
      assert.equal(crc32(chunk.raw.subarray(4, chunk.raw.length - 4)), chunk.raw.readUInt32BE(chunk.raw.length - 4), chunk.type);
    }
    const idat = (b: Buffer) => readPngChunks(b).find((c) => c.type === 'IDAT')!.raw;
    assert.ok(idat(cleaned).equals(idat(original)), 'the image data is byte for byte the same');
    assert.ok(cleaned.subarray(cleaned.length - 12).equals(Buffer.from('0000000049454e44ae426082', 'hex')), 'ends with IEND');
  });

  it('PNG: a chunk with a wrong CRC is refused', () => {
    const bad = Buffer.from(pngWithMetadata());
    bad[8 + 8 + 2] = bad[8 + 8 + 2]! ^ 0xff; // a byte of IHDR's data
    assert.throws(() => cleanPng(bad), { code: 'FILE_INVALID' });
  });

  it('WebP: EXIF and XMP chunks are gone with their flags; the image chunk is identical', () => {
    const cleaned = cleanWebp(webpWithMetadata());
    assert.ok(!has(cleaned, 'EXIF') && !has(cleaned, 'XMP ') && !has(cleaned, 'Source Name'));
    assert.equal(cleaned.readUInt32LE(4), cleaned.length - 8);
    assert.equal(cleaned[20]! & 0x0c, 0, 'the VP8X flags no longer announce EXIF or XMP');
    assert.ok(cleaned.subarray(30).equals(WEBP_IMAGE));
  });

  it('PDF: the information dictionary, XMP metadata and file identifier are gone; the pages stay', async () => {
    const doc = await PDFDocument.create();
    doc.setAuthor('Source Name');
    doc.setTitle('Statement of the family');
    doc.setCreator('Source Laptop');
    doc.addPage([200, 200]).drawText('Detained on 5 January', { x: 10, y: 100, size: 10 });
    const xmp = doc.context.stream('<x:xmpmeta><dc:creator>Source Name</dc:creator></x:xmpmeta>', { Type: 'Metadata', Subtype: 'XML' });
    doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
    doc.context.trailerInfo.ID = doc.context.obj([PDFString.of('abc'), PDFString.of('abc')]);
    const original = Buffer.from(await doc.save({ useObjectStreams: false }));
    assert.ok(has(original, 'Source Name'));

    const cleaned = await cleanAttachment('pdf', original);
    assert.ok(!has(cleaned, 'Source Name') && !has(cleaned, 'Source Laptop') && !has(cleaned, 'xmpmeta') && !has(cleaned, 'Statement of the family'));
    const reread = await PDFDocument.load(cleaned, { updateMetadata: false });
    assert.equal(reread.getPageCount(), 1);
    // Checked before anything reads the title or author: pdf-lib creates an empty dictionary when asked.
    assert.equal(reread.context.trailerInfo.Info, undefined);
    assert.equal(reread.context.trailerInfo.ID, undefined);
    assert.ok(!has(cleaned, '/Info') && !has(cleaned, '/ID'));
    assert.equal(reread.catalog.get(PDFName.of('Metadata')), undefined);
    const metadataStreams = reread.context
      .enumerateIndirectObjects()
      .filter(([, o]) => o instanceof PDFStream && o.dict.get(PDFName.of('Type')) === PDFName.of('Metadata'));
    assert.equal(metadataStreams.length, 0);
    const page = reread.getPage(0).node;
    assert.ok(page instanceof PDFDict && page.get(PDFName.of('Contents')), 'the page keeps its content');
  });

  it('PDF: an unreadable PDF is refused', async () => {
    await assert.rejects(cleanAttachment('pdf', Buffer.from('%PDF-1.7\nnot really a PDF', 'latin1')), { code: 'FILE_INVALID' });
  });

  it('text: unchanged', async () => {
    const text = Buffer.from('Задержан 5 января.\n', 'utf8');
    assert.ok((await cleanAttachment('text', text)).equals(text));
  });

  it('DOCX: docProps and their references are gone, authors of changes blanked, pictures cleaned; still a DOCX', async () => {
    const original = rawZip(docxEntries());
    const prepared = await prepareAttachment(original, 'statement.docx', DEFAULT_ATTACHMENT_LIMITS);
    assert.equal(prepared.type.kind, 'docx');
    const cleaned = await inspectOfficeZip(prepared.cleaned, DEFAULT_ATTACHMENT_LIMITS);
    assert.equal(cleaned.kind, 'docx');
    const names = cleaned.entries.map((e) => e.name);
    assert.deepEqual(names, ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/media/image1.png']);
    const text = (name: string) => cleaned.entries.find((e) => e.name === name)!.data.toString('utf8');
    assert.ok(!text('[Content_Types].xml').includes('docProps'));
    assert.ok(!text('_rels/.rels').includes('docProps') && text('_rels/.rels').includes('Target="word/document.xml"'));
    assert.ok(text('word/document.xml').includes('w:author=""') && !text('word/document.xml').includes('Source Name'));
    assert.ok(text('word/document.xml').includes('On 5 January the internet was shut down.'), 'the text stays');
    assert.deepEqual(readPngChunks(cleaned.entries[3]!.data).map((c) => c.type), ['IHDR', 'gAMA', 'IDAT', 'IEND']);
  });

  it('ODT: meta.xml, settings and thumbnails are gone with their manifest entries; mimetype stays first and stored', async () => {
    const prepared = await prepareAttachment(rawZip(odtEntries()), 'statement.odt', DEFAULT_ATTACHMENT_LIMITS);
    assert.equal(prepared.type.kind, 'odt');
    const cleaned = await inspectOfficeZip(prepared.cleaned, DEFAULT_ATTACHMENT_LIMITS);
    assert.equal(cleaned.kind, 'odt');
    assert.deepEqual(cleaned.entries.map((e) => [e.name, e.stored]), [['mimetype', true], ['content.xml', false], ['META-INF/manifest.xml', false]]);
    const manifest = cleaned.entries[2]!.data.toString('utf8');
    assert.ok(!manifest.includes('meta.xml') && !manifest.includes('Thumbnails') && !manifest.includes('settings.xml') && manifest.includes('content.xml'));
    assert.ok(!cleaned.entries[1]!.data.toString('utf8').includes('Source Name'));
    assert.ok(!prepared.cleaned.includes(Buffer.from('Source')), 'no trace of the names anywhere in the file');
  });
});
