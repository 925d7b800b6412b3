import { EncryptedPDFError, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream } from 'pdf-lib';
import { AppError } from '../errors.ts';

// Keys that carry metadata rather than content, wherever they appear: XMP streams (on the catalog, and on
// pages, images and fonts too), the private data of the producing program, and dates of last change.
const METADATA_KEYS = ['Metadata', 'PieceInfo', 'LastModified'].map((k) => PDFName.of(k));
const TYPE = PDFName.of('Type');
const METADATA = PDFName.of('Metadata');

/**
 * A PDF without its metadata: the document information dictionary (author, title, creator, producer,
 * dates), every XMP metadata stream and every reference to one, the programs' private data, and the file
 * identifier; written afresh by pdf-lib, which also drops earlier revisions kept by incremental updates
 * (where a "deleted" page or an older author may remain). Pages, fonts, images and annotations are kept
 * as they are. Encrypted PDFs are refused: they cannot be cleaned without the password.
 *
 * Not removed (what a reader should know): the names of annotation authors, form field values, files
 * embedded in the PDF, and whatever the visible content itself says.
 *
 * @throws AppError ATTACHMENT_TYPE_REFUSED for an encrypted PDF, FILE_INVALID for one that does not parse.
 */
export async function cleanPdf(bytes: Buffer): Promise<Buffer> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (err) {
    if (err instanceof EncryptedPDFError) {
      throw new AppError('ATTACHMENT_TYPE_REFUSED', 'an encrypted PDF cannot be cleaned of its metadata', { reason: 'encrypted' });
    }
    throw new AppError('FILE_INVALID', 'not a readable PDF', { reason: 'pdf' });
  }
  const { context } = doc;
  const info = context.trailerInfo.Info;
  if (info instanceof PDFRef) context.delete(info);
  context.trailerInfo.Info = undefined;
  context.trailerInfo.ID = undefined;
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : undefined;
    if (!dict) continue;
    if (object instanceof PDFStream && dict.get(TYPE) === METADATA) {
      context.delete(ref);
      continue;
    }
    for (const key of METADATA_KEYS) dict.delete(key);
  }
  try {
    // Without object streams, the objects are plain text in the file: anyone checking a cleaned copy with
    // ordinary tools sees what it still holds.
    return Buffer.from(await doc.save({ updateFieldAppearances: false, useObjectStreams: false }));
  } catch {
    throw new AppError('FILE_INVALID', 'not a readable PDF', { reason: 'pdf' });
  }
}
