/**
 * The report as a PDF: A4, Noto Serif (the letters' font, which has every French and Spanish accent), the
 * title and windows, the figures, sections A and B as tables whose header row is repeated on each page,
 * the statistics tables and the annex of mandates; every page has a footer with the report's short title
 * and "Page n of N". Drawn with pdfkit with its own margins set to zero: every position is decided here,
 * so that pdfkit never starts a page on its own.
 */
import PDFDocument from 'pdfkit';
import { letterFonts, type FontFace } from '../letters/render/letter-fonts.ts';
import { shareLayoutCache } from '../letters/render/render-letter-pdf.ts';
import { translator } from '../i18n/translate.ts';
import { SYNTHETIC_MARK, type ReportCell, type ReportTable, type SessionReportDocument } from './session-report-document.ts';

/** Options of {@link renderSessionReportPdf}. */
export interface RenderReportPdfOptions {
  /** The creation date in the PDF's metadata; a fixed date when left out, so the same report gives the same bytes. */
  creationDate?: Date;
}

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const LEFT = 56;
const RIGHT = PAGE_W - 56;
const WIDTH = RIGHT - LEFT;
const TOP = 60;
const BOTTOM = PAGE_H - 64;
const FOOTER_Y = PAGE_H - 44;
const EPOCH = new Date('2000-01-01T00:00:00Z');

const TEXT = { size: 10, gap: 6 };
const TABLE = { size: 8, pad: 3 };
const GREY = '#555555';
const RULE = '#999999';
const HEADER_FILL = '#eeeeee';

const FACES: readonly FontFace[] = ['regular', 'bold', 'italic', 'boldItalic'];

/** The parsed fonts, kept from the first document; see {@link registerFonts}. */
let parsedFonts: Map<FontFace, unknown> | undefined;

/**
 * Registers the four faces. pdfkit parses a font file afresh for each document, and a freshly parsed Noto
 * Serif decodes its shaping tables again on first use, which made up most of a report's rendering time
 * (seconds, for a few pages of short cells). pdfkit also takes an already parsed font (an object with a
 * `layout` function), so the parsed fonts of the first document are kept (read from pdfkit's font object,
 * an internal but long-standing field) and handed to the next ones; each document still embeds its own
 * subset. When the field is not there, every document parses the files, and is only slower.
 */
function registerFonts(pdf: PDFKit.PDFDocument): void {
  const files = letterFonts();
  for (const face of FACES) {
    const parsed = parsedFonts?.get(face);
    pdf.registerFont(face, (parsed ?? files[face]) as Buffer);
    // Words shaped for one document (a letter or a report) serve every later one.
    shareLayoutCache(pdf, face);
  }
  if (!parsedFonts) {
    const found = new Map<FontFace, unknown>();
    for (const face of FACES) {
      const font = (pdf.font(face) as unknown as { _font?: { font?: { layout?: unknown } } })._font?.font;
      if (typeof font?.layout === 'function') found.set(face, font);
    }
    if (found.size === FACES.length) parsedFonts = found;
  }
}

/** Draws a document on pages: a cursor `y` that moves down and starts a new page when what comes does not fit. */
class Pages {
  y = TOP;

  constructor(private readonly pdf: PDFKit.PDFDocument) {}

  /** Starts a new page when `height` does not fit below the cursor (unless the page is still empty). */
  room(height: number): void {
    if (this.y + height > BOTTOM && this.y > TOP) this.newPage();
  }

  newPage(): void {
    this.pdf.addPage({ size: [PAGE_W, PAGE_H], margin: 0 });
    this.y = TOP;
  }

  height(text: string, face: FontFace, size: number, width: number): number {
    return this.pdf.font(face).fontSize(size).heightOfString(text, { width, lineGap: 1 });
  }

  /** Draws text at a position without moving the cursor. */
  put(text: string, face: FontFace, size: number, x: number, y: number, width: number, options: { align?: 'left' | 'right' | 'center'; color?: string } = {}): void {
    this.pdf
      .fillColor(options.color ?? 'black')
      .font(face)
      .fontSize(size)
      .text(text, x, y, { width, align: options.align ?? 'left', lineGap: 1 });
  }

  /** A paragraph across the text width, kept on one page. */
  paragraph(text: string, face: FontFace = 'regular', size = TEXT.size, options: { color?: string; align?: 'left' | 'center'; after?: number } = {}): void {
    const h = this.height(text, face, size, WIDTH);
    this.room(h);
    this.put(text, face, size, LEFT, this.y, WIDTH, options);
    this.y += h + (options.after ?? TEXT.gap);
  }

  /** A heading, kept with at least `keep` points of what follows it. */
  heading(text: string, size: number, keep = 60): void {
    const h = this.height(text, 'bold', size, WIDTH);
    this.room(h + keep);
    this.y += this.y > TOP ? 8 : 0;
    this.put(text, 'bold', size, LEFT, this.y, WIDTH);
    this.y += h + 5;
  }

  rule(y: number, weight = 0.5, color = RULE): void {
    this.pdf.save().moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(weight).strokeColor(color).stroke().restore();
  }

  fill(y: number, height: number, color: string): void {
    this.pdf.save().rect(LEFT, y, WIDTH, height).fill(color).restore();
  }
}

/** The text of a cell on paper: a demonstration record's reference carries the mark its table's note explains. */
function cellText(c: ReportCell): string {
  return c.synthetic ? `${c.text} ${SYNTHETIC_MARK}` : c.text;
}

/** Draws one table: its caption, a header row repeated at the top of each page it runs onto, rows, totals and notes. */
function drawTable(pages: Pages, table: ReportTable, caption: boolean): void {
  if (caption) pages.heading(table.caption, 10.5);
  if (table.rows.length === 0) {
    pages.paragraph(table.empty, 'italic', 9, { color: GREY });
    return;
  }
  const total = table.columns.reduce((sum, c) => sum + c.weight, 0);
  const widths = table.columns.map((c) => (c.weight / total) * WIDTH);
  const xs = widths.map((_w, i) => LEFT + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const inner = (i: number) => widths[i]! - 2 * TABLE.pad;

  const cellHeight = (c: ReportCell, i: number, face: FontFace): number => {
    if (c.lines) return c.lines.reduce((h, l) => h + pages.height(l.text, l.outside ? 'italic' : face, TABLE.size, inner(i)), 0);
    return pages.height(cellText(c), face, TABLE.size, inner(i));
  };
  const rowHeight = (cells: ReportCell[], face: FontFace) => Math.max(...cells.map((c, i) => cellHeight(c, i, face))) + 2 * TABLE.pad;

  const drawRow = (cells: ReportCell[], face: FontFace, height: number, fill?: string) => {
    const top = pages.y;
    if (fill) pages.fill(top, height, fill);
    cells.forEach((c, i) => {
      const align = table.columns[i]?.numeric ? 'right' : 'left';
      if (c.lines) {
        let y = top + TABLE.pad;
        for (const line of c.lines) {
          const lineFace: FontFace = line.outside ? 'italic' : face;
          pages.put(line.text, lineFace, TABLE.size, xs[i]! + TABLE.pad, y, inner(i), { align, color: line.outside ? GREY : 'black' });
          y += pages.height(line.text, lineFace, TABLE.size, inner(i));
        }
      } else {
        pages.put(cellText(c), face, TABLE.size, xs[i]! + TABLE.pad, top + TABLE.pad, inner(i), { align });
      }
    });
    pages.y = top + height;
    pages.rule(pages.y, 0.3);
  };

  const header = table.columns.map((c) => ({ text: c.label }));
  const headerHeight = rowHeight(header, 'bold');
  const drawHeader = () => {
    pages.rule(pages.y, 0.8, 'black');
    drawRow(header, 'bold', headerHeight, HEADER_FILL);
  };
  const rows = table.total ? [...table.rows, table.total] : table.rows;
  const notes = table.syntheticNote ? [...table.notes, table.syntheticNote] : table.notes;
  const NOTE_SIZE = 8;
  const notesHeight = notes.reduce((h, note) => h + pages.height(note, 'italic', NOTE_SIZE, WIDTH) + 2, notes.length > 0 ? 4 : 0);
  // The header never stands alone at the foot of a page.
  pages.room(headerHeight + rowHeight(rows[0]!, 'regular'));
  drawHeader();
  rows.forEach((cells, index) => {
    const last = index === rows.length - 1;
    const face: FontFace = table.total !== null && last ? 'bold' : 'regular';
    const h = rowHeight(cells, face);
    // The notes stay with the last row.
    if (pages.y + h + (last ? notesHeight : 0) > BOTTOM) {
      pages.newPage();
      drawHeader();
    }
    drawRow(cells, face, h);
  });
  pages.y += 4;
  for (const note of notes) pages.paragraph(note, 'italic', NOTE_SIZE, { color: GREY, after: 2 });
  pages.y += 6;
}

/**
 * Renders a report document as a PDF (the document's language should be one of the report languages).
 *
 * @example const pdf = await renderSessionReportPdf(sessionReportDocument(report, 'fr'));
 */
export async function renderSessionReportPdf(doc: SessionReportDocument, options: RenderReportPdfOptions = {}): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: [PAGE_W, PAGE_H],
    margin: 0,
    bufferPages: true,
    lang: doc.lang,
    displayTitle: true,
    info: {
      // pdfkit copies the title unescaped into its XMP metadata (XML): keep markup characters out of it.
      Title: doc.shortTitle.replace(/[<>&]/g, ''),
      Creator: 'Rapporteur',
      Producer: 'Rapporteur',
      CreationDate: options.creationDate ?? EPOCH,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  registerFonts(pdf);

  const pages = new Pages(pdf);
  pages.paragraph(doc.title, 'bold', 15, { after: 4 });
  pages.paragraph(doc.sessionLine, 'regular', 10.5, { color: GREY, after: 10 });
  for (const w of doc.windows) pages.paragraph(w.line, 'bold', 10, { after: 2 });
  pages.y += 8;
  pages.paragraph(doc.intro);
  pages.paragraph(doc.asOf, 'italic', 9, { color: GREY });
  if (doc.provisional) pages.paragraph(doc.provisional, 'bold', 9.5);
  pages.paragraph(doc.figures.join(' · '), 'bold', 10, { after: 10 });

  for (const section of doc.sections) {
    pages.heading(section.heading, 12.5);
    pages.paragraph(section.intro, 'regular', 9, { color: GREY });
    drawTable(pages, section.table, false);
  }

  pages.heading(doc.statistics.heading, 12.5);
  for (const table of doc.statistics.tables) drawTable(pages, table, true);
  for (const note of doc.statistics.notes) pages.paragraph(note, 'italic', 8, { color: GREY });

  pages.heading(doc.annex.heading, 12.5);
  if (doc.annex.items.length === 0) pages.paragraph(doc.annex.empty, 'italic', 9, { color: GREY });
  for (const item of doc.annex.items) {
    const title = item.short === item.title ? item.title : `${item.title} (${item.short})`;
    const h = pages.height(title, 'bold', 9.5, WIDTH) + (item.holders ? pages.height(item.holders, 'regular', 9, WIDTH) : 0);
    pages.room(h);
    pages.paragraph(title, 'bold', 9.5, { after: 1 });
    if (item.holders) pages.paragraph(item.holders, 'regular', 9, { color: GREY, after: 6 });
  }

  const t = translator(doc.lang);
  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    pages.put(doc.shortTitle, 'regular', 8, LEFT, FOOTER_Y, WIDTH * 0.75, { color: GREY });
    pages.put(t('report.page', { page: i + 1, pages: range.count }), 'regular', 8, LEFT + WIDTH * 0.75, FOOTER_Y, WIDTH * 0.25, { align: 'right', color: GREY });
  }
  pdf.end();
  return done;
}
