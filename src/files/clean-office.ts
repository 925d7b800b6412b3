import { AppError } from '../errors.ts';
import { cleanJpeg } from './clean-jpeg.ts';
import { cleanPng } from './clean-png.ts';
import { cleanWebp } from './clean-webp.ts';
import type { InspectedOfficeZip, OfficeZipEntry } from './inspect-office-zip.ts';
import { writeZip } from './zip-writer.ts';

/**
 * A DOCX or ODT (already inspected, see `inspectOfficeZip`) without its document metadata, written
 * afresh as a ZIP without timestamps:
 * - DOCX: the `docProps/` parts (author, company, last editor, template, edit time, custom properties, the
 *   thumbnail) are dropped, with their entries in `[Content_Types].xml` and `_rels/.rels`, so that the
 *   package stays valid; the names and initials of authors of comments and tracked changes
 *   (`w:author`, `w:initials`, and `w15:userId` in the people part) are blanked.
 * - ODT: `meta.xml` (author, dates, editing time), `settings.xml` (printer, view state) and `Thumbnails/`
 *   are dropped, with their entries in `META-INF/manifest.xml`; `mimetype` stays first and uncompressed;
 *   the creators of tracked changes and comments (`dc:creator`) are blanked.
 * - Embedded JPEG, PNG and WebP pictures are cleaned like attachments of their own.
 *
 * Not removed: the text itself, editing-session identifiers (`w:rsid…`), custom XML parts, and the dates
 * of comments and tracked changes.
 */
export function cleanOfficeZip(zip: InspectedOfficeZip): Buffer {
  const entries = zip.kind === 'docx' ? cleanDocx(zip.entries) : cleanOdt(zip.entries);
  return writeZip(entries.map((e) => ({ name: e.name, data: e.data, stored: e.stored })));
}

function cleanDocx(entries: OfficeZipEntry[]): OfficeZipEntry[] {
  return entries
    .filter((e) => !e.name.startsWith('docProps/'))
    .map((e) => {
      if (e.name === '[Content_Types].xml') {
        return withText(e, (xml) => xml.replace(/<Override\b[^>]*\bPartName="\/docProps\/[^"]*"[^>]*\/>/g, ''));
      }
      if (e.name === '_rels/.rels') {
        return withText(e, (xml) => xml.replace(/<Relationship\b[^>]*\bTarget="\/?docProps\/[^"]*"[^>]*\/>/g, ''));
      }
      if (e.name.startsWith('word/') && e.name.endsWith('.xml')) {
        return withText(e, (xml) => xml.replace(/(\s(?:w|w15):(?:author|initials|userId))="[^"]*"/g, '$1=""'));
      }
      return withCleanPicture(e);
    });
}

function cleanOdt(entries: OfficeZipEntry[]): OfficeZipEntry[] {
  const dropped = (name: string) => name === 'meta.xml' || name === 'settings.xml' || name.startsWith('Thumbnails/');
  return entries
    .filter((e) => !dropped(e.name))
    .map((e) => {
      if (e.name === 'META-INF/manifest.xml') {
        return withText(e, (xml) =>
          xml.replace(/<manifest:file-entry\b[^>]*\bmanifest:full-path="([^"]*)"[^>]*\/>/g, (all, path: string) => (dropped(path) ? '' : all)),
        );
      }
      if (e.name.endsWith('.xml')) {
        return withText(e, (xml) => xml.replace(/<dc:creator>[^<]*<\/dc:creator>/g, '<dc:creator></dc:creator>'));
      }
      return withCleanPicture(e);
    });
}

function withText(entry: OfficeZipEntry, change: (xml: string) => string): OfficeZipEntry {
  return { ...entry, data: Buffer.from(change(entry.data.toString('utf8')), 'utf8') };
}

/** A picture inside the document, cleaned by its magic number; other entries as they are. */
function withCleanPicture(entry: OfficeZipEntry): OfficeZipEntry {
  const d = entry.data;
  try {
    if (d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff) return { ...entry, data: cleanJpeg(d) };
    if (d[0] === 0x89 && d.toString('latin1', 1, 4) === 'PNG') return { ...entry, data: cleanPng(d) };
    if (d.toString('latin1', 0, 4) === 'RIFF' && d.toString('latin1', 8, 12) === 'WEBP') return { ...entry, data: cleanWebp(d) };
  } catch (err) {
    if (err instanceof AppError) throw new AppError('FILE_INVALID', `a picture inside the document cannot be read: ${entry.name}`, { reason: 'embedded' });
    throw err;
  }
  return entry;
}
