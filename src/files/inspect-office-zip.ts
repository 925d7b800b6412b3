import yauzl from 'yauzl';
import { AppError } from '../errors.ts';
import type { AttachmentLimits } from './attachment-limits.ts';

/** An entry of an inspected container, read in full (within the caps). */
export interface OfficeZipEntry {
  name: string;
  data: Buffer;
  /** True when the entry was stored uncompressed (ODT's `mimetype` must stay so). */
  stored: boolean;
}

/** A ZIP container found to be a DOCX or ODT text document, with its entries in order. */
export interface InspectedOfficeZip {
  kind: 'docx' | 'odt';
  entries: OfficeZipEntry[];
}

const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';
// Ratios are only judged above this size: small XML parts compress well and prove nothing.
const RATIO_FLOOR = 1024 * 1024;
const NESTED_NAME = /\.(zip|jar|war|apk|docx|docm|dotx|xlsx|xlsm|pptx|pptm|odt|ods|odp|odg|epub|gz|tgz|bz2|xz|7z|rar|tar|cab|iso)$/i;
const NESTED_MAGIC: Buffer[] = [
  Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1'), Buffer.from([0x1f, 0x8b]),
  Buffer.from('BZh', 'latin1'), Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]),
  Buffer.from('Rar!', 'latin1'), Buffer.from('MSCF', 'latin1'),
];
// Macros: a document that runs code is refused rather than passed on to staff and Governments.
const MACRO_NAME = /(^|\/)vbaProject\.bin$|(^|\/)vbaData\.xml$|^Basic\/|^Scripts\//i;

function refuse(reason: string, message: string): AppError {
  return new AppError('ATTACHMENT_ARCHIVE_REFUSED', `archive refused: ${message}`, { reason });
}

/**
 * Inspects a ZIP container before anything of it is accepted, and reads it within the caps: refused are
 * more entries than `maxArchiveEntries`; declared uncompressed sizes above `maxArchiveUncompressedBytes`
 * in total, or a compression ratio above `maxCompressionRatio` (for an entry, or the whole file); an
 * entry whose actual size differs from its declared one (yauzl checks while inflating, and reading stops
 * at the cap whatever the headers say); absolute, `..`, backslash or drive-letter names, duplicate
 * names, symbolic links; encrypted entries or unknown compression methods; archives nested inside (by
 * name or by magic number); macros. What remains must be a DOCX (main part of a word-processing
 * document) or an ODT (first entry `mimetype`, stored, saying so); any other ZIP is a refused type.
 *
 * @throws AppError ATTACHMENT_ARCHIVE_REFUSED (details.reason: entries, size, ratio, path, nested, encrypted,
 *   method, link, duplicate, macro, corrupt) or ATTACHMENT_TYPE_REFUSED.
 */
export async function inspectOfficeZip(bytes: Buffer, limits: AttachmentLimits): Promise<InspectedOfficeZip> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: true });
  } catch (err) {
    throw refuse('corrupt', (err as Error).message);
  }
  try {
    if (zip.entryCount > limits.maxArchiveEntries) throw refuse('entries', `${zip.entryCount} entries (limit ${limits.maxArchiveEntries})`);
    const entries: yauzl.Entry[] = [];
    const names = new Set<string>();
    let declared = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        checkEntry(entry, names, limits);
        declared += entry.uncompressedSize;
        if (declared > limits.maxArchiveUncompressedBytes) {
          throw refuse('size', `more than ${limits.maxArchiveUncompressedBytes} bytes uncompressed`);
        }
        entries.push(entry);
        if (entries.length > limits.maxArchiveEntries) throw refuse('entries', `more than ${limits.maxArchiveEntries} entries`);
      }
    } catch (err) {
      throw err instanceof AppError ? err : refuse(/path|fileName/i.test((err as Error).message) ? 'path' : 'corrupt', (err as Error).message);
    }
    if (declared >= RATIO_FLOOR && declared / bytes.length > limits.maxCompressionRatio) {
      throw refuse('ratio', `the whole archive expands ${Math.round(declared / bytes.length)} times`);
    }
    const read: OfficeZipEntry[] = [];
    let total = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const data = await readEntry(zip, entry, limits.maxArchiveUncompressedBytes - total);
      total += data.length;
      if (NESTED_MAGIC.some((magic) => data.subarray(0, magic.length).equals(magic))) {
        throw refuse('nested', `an archive inside: ${entry.fileName}`);
      }
      read.push({ name: entry.fileName, data, stored: entry.compressionMethod === 0 });
    }
    return { kind: classify(read), entries: read };
  } finally {
    zip.close();
  }
}

function checkEntry(entry: yauzl.Entry, names: Set<string>, limits: AttachmentLimits): void {
  const name = entry.fileName;
  // yauzl already rejects absolute, `..` and backslash names; this check does not depend on it.
  // eslint-disable-next-line no-control-regex
  if (!name || name.startsWith('/') || /^[A-Za-z]:/.test(name) || /[\\\u0000-\u001f]/.test(name) || name.split('/').some((s) => s === '..' || s === '.')) {
    throw refuse('path', `entry name ${JSON.stringify(name)}`);
  }
  if (names.has(name)) throw refuse('duplicate', `entry ${JSON.stringify(name)} twice`);
  names.add(name);
  if (entry.isEncrypted()) throw refuse('encrypted', `entry ${JSON.stringify(name)} is encrypted`);
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw refuse('method', `compression method ${entry.compressionMethod}`);
  const unixType = (entry.externalFileAttributes >>> 16) & 0o170000;
  if (unixType === 0o120000) throw refuse('link', `entry ${JSON.stringify(name)} is a symbolic link`);
  if (NESTED_NAME.test(name)) throw refuse('nested', `an archive inside: ${name}`);
  if (MACRO_NAME.test(name)) throw refuse('macro', `macros: ${name}`);
  if (entry.uncompressedSize > limits.maxArchiveUncompressedBytes) throw refuse('size', `entry ${JSON.stringify(name)} is too large`);
  if (entry.uncompressedSize >= RATIO_FLOOR && entry.uncompressedSize / Math.max(entry.compressedSize, 1) > limits.maxCompressionRatio) {
    throw refuse('ratio', `entry ${JSON.stringify(name)} expands ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))} times`);
  }
}

/** Reads one entry, never more than `budget` bytes, whatever its headers declare. */
async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > budget || length > entry.uncompressedSize) {
        stream.destroy();
        throw refuse('size', `entry ${JSON.stringify(entry.fileName)} expands beyond its declared size or the cap`);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    throw err instanceof AppError ? err : refuse('corrupt', (err as Error).message);
  }
  return Buffer.concat(chunks, length);
}

function classify(entries: OfficeZipEntry[]): 'docx' | 'odt' {
  const first = entries[0];
  if (first?.name === 'mimetype') {
    if (first.stored && first.data.toString('latin1') === ODT_MIMETYPE && entries.some((e) => e.name === 'content.xml')) return 'odt';
  } else {
    const types = entries.find((e) => e.name === '[Content_Types].xml')?.data.toString('utf8') ?? '';
    const main = new RegExp(`PartName="/word/document\\.xml"\\s+ContentType="${DOCX_MAIN.replace(/[.+]/g, '\\$&')}"|ContentType="${DOCX_MAIN.replace(/[.+]/g, '\\$&')}"\\s+PartName="/word/document\\.xml"`);
    if (main.test(types) && entries.some((e) => e.name === 'word/document.xml')) return 'docx';
  }
  throw new AppError('ATTACHMENT_TYPE_REFUSED', 'a ZIP container that is not a DOCX or ODT text document', { reason: 'zip' });
}
