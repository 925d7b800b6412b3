/**
 * The PDF of a letter, drawn with pdfkit (pure JavaScript) and Noto Serif from npm, so that it renders on a
 * machine with no system packages. A4, UN-like margins; the first page carries the header naming the
 * mandates, the reference and the date; the body is justified with bold and italic runs; numbered lists hang
 * their numbers; each signature (name and title) stays on one page; the annex starts on a new page;
 * footnotes sit at the bottom of the page where their marker falls; every page has a footer with the
 * reference and "Page n of N", and the public version a discreet mark at the top.
 *
 * Layout is done here, not by pdfkit's text flow: lines are broken by `breakLines` and placed one by one,
 * so that footnote space, orphans and widows, and keep-together rules are decided before anything is drawn.
 */
import PDFDocument from 'pdfkit';
import type { Block, LetterDocument, Run } from '../letter-document.ts';
import { letterFonts, type FontFace } from './letter-fonts.ts';
import { breakLines, type Line, type Measure } from './pdf-line-breaker.ts';
import { publicMarkOf, renderLabels } from './render-labels.ts';

/** Options of {@link renderLetterPdf}. */
export interface RenderPdfOptions {
  /**
   * The creation date written into the PDF's metadata (the caller knows it: the date sent, or the clock's
   * now). pdfkit always writes one, so when it is left out a fixed date (1 January 2000) stands in, and the
   * same document always gives the same bytes.
   */
  creationDate?: Date;
}

// A4 in points, with margins close to those of UN letters (2.5 cm at the sides).
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const LEFT = 71;
const RIGHT = PAGE_W - 71;
const WIDTH = RIGHT - LEFT;
const TOP = 68;
const BOTTOM = PAGE_H - 72;
const FOOTER_BASELINE = PAGE_H - 38;
const MARK_BASELINE = 40;

/** Type sizes and leading, in points. */
const BODY = { size: 11, lead: 14.6, markerSize: 7 };
const HEADER = { size: 9.5, lead: 12.6, markerSize: 6 };
const NOTE = { size: 8.5, lead: 10.8, markerSize: 6 };
const FOOTER_SIZE = 8.5;
const PARA_GAP = 7;
const ITEM_GAP = 4;
const HEADING_GAP = 10;
const SIGNATURE_GAP = 14;
const LIST_INDENT = 24;
const NOTE_INDENT = 11;
const NOTE_SEPARATOR = 12;
const NOTE_GAP = 2;
/** The CreationDate used when none is given; pdfkit derives the file identifier from it, so output is reproducible. */
const EPOCH = new Date('2000-01-01T00:00:00Z');

type Align = 'justify' | 'left' | 'center' | 'right';

/** A line ready to be placed: its height, the footnotes it brings, and how to draw it at a top edge. */
interface FlowLine {
  height: number;
  footnotes: number[];
  draw: (top: number) => void;
}

/** A footnote set for the bottom of the page. */
interface SetNote {
  number: number;
  lines: Line[];
  height: number;
}

/**
 * Widths of words at 1 pt, by face, kept across documents: measuring with pdfkit shapes every word again
 * for each new document (its font objects are per document), which was most of the rendering time.
 */
const widthCache = new Map<string, number>();
const WIDTH_CACHE_LIMIT = 200_000;

/** Shaped words by face, shared by every document; see {@link shareLayoutCache}. */
const layoutCaches = new Map<FontFace, Record<string, unknown>>();
const LAYOUT_CACHE_LIMIT = 100_000;

/**
 * pdfkit shapes each word with fontkit once per document and keeps the result in the font object's
 * `layoutCache`; shaping is most of the time a letter takes to render. The results depend only on the font
 * file and the word, so one cache per face is shared by all documents. This reaches into pdfkit's font object
 * (an internal but long-standing field, switched by the public `fontLayoutCache` option): when it is not
 * there, nothing is shared and rendering is only slower. Cached runs hold glyph ids and metrics, which are
 * the same in every instance of the same font file, so output is identical either way (tested).
 */
export function shareLayoutCache(pdf: PDFKit.PDFDocument, face: FontFace): void {
  const font = (pdf.font(face) as unknown as { _font?: { layoutCache?: unknown } })._font;
  if (!font || typeof font.layoutCache !== 'object' || font.layoutCache === null) return;
  let shared = layoutCaches.get(face);
  if (!shared || Object.keys(shared).length > LAYOUT_CACHE_LIMIT) {
    shared = Object.create(null) as Record<string, unknown>;
    layoutCaches.set(face, shared);
  }
  font.layoutCache = shared;
}

/** Draws set lines with pdfkit; one instance per document. */
class Painter {
  constructor(private readonly pdf: PDFKit.PDFDocument) {}

  readonly measure: Measure = (text, face, size) => {
    const key = `${face}\u0000${text}`;
    let unit = widthCache.get(key);
    if (unit === undefined) {
      if (widthCache.size >= WIDTH_CACHE_LIMIT) widthCache.clear();
      unit = this.pdf.font(face).fontSize(1000).widthOfString(text) / 1000;
      widthCache.set(key, unit);
    }
    return unit * size;
  };

  /** Draws one string with its baseline at `baseline`. */
  text(text: string, face: FontFace, size: number, x: number, baseline: number, wordSpacing = 0): void {
    this.pdf.font(face).fontSize(size).text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic', wordSpacing });
  }

  /** Draws a set line: segments of one face each, stretched to `width` when justified. */
  line(line: Line, x0: number, baseline: number, width: number, align: Align, st: { size: number; markerSize: number }): void {
    let stretch = align === 'justify' && !line.last && line.gaps > 0 ? (width - line.naturalWidth) / line.gaps : 0;
    // A line with a long unbreakable word (a URL) would be stretched into gaps; it is set ragged instead.
    if (stretch > st.size * 0.6) stretch = 0;
    let x = x0;
    if (align === 'center') x += (width - line.naturalWidth) / 2;
    if (align === 'right') x += width - line.naturalWidth;
    let seg: { face: FontFace; text: string; x: number } | null = null;
    const flush = (): void => {
      if (seg) this.text(stretch > 0 ? seg.text.trimEnd() : seg.text, seg.face, st.size, seg.x, baseline, stretch);
      seg = null;
    };
    line.words.forEach((word, i) => {
      if (i > 0 && word.spaceBefore > 0) {
        if (seg) seg.text += ' ';
        x += word.spaceBefore + stretch;
      }
      for (const piece of word.pieces) {
        if (piece.footnote !== undefined) {
          flush();
          this.text(piece.text, 'regular', st.markerSize, x, baseline - st.size * 0.36);
        } else if (seg && seg.face === piece.face) {
          seg.text += piece.text;
        } else {
          flush();
          seg = { face: piece.face, text: piece.text, x };
        }
        x += piece.width;
      }
    });
    flush();
  }
}

/** Places lines down the pages, keeping room at the bottom for the footnotes of the page. */
class Flow {
  y = TOP;
  private pageNotes: SetNote[] = [];
  private noteArea = 0;
  private readonly placed = new Set<number>();

  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly painter: Painter,
    private readonly notes: Map<number, SetNote>,
  ) {}

  get atTop(): boolean {
    return this.y <= TOP;
  }

  /** Vertical space before a block; none at the top of a page. */
  gap(points: number): void {
    if (!this.atTop) this.y += points;
  }

  /** Space left above the footnotes. */
  room(): number {
    return BOTTOM - this.noteArea - this.y;
  }

  /** How many of `lines`, from `from`, fit on this page with their footnotes. */
  fitCount(lines: FlowLine[], from: number): number {
    let used = 0;
    let area = this.noteArea;
    const fresh = new Set<number>();
    let n = 0;
    for (let i = from; i < lines.length; i++) {
      const line = lines[i]!;
      let extra = 0;
      for (const num of line.footnotes) {
        const note = this.notes.get(num);
        if (!note || this.placed.has(num) || fresh.has(num)) continue;
        extra += note.height + (area + extra === 0 ? NOTE_SEPARATOR : NOTE_GAP);
        fresh.add(num);
      }
      if (this.y + used + line.height + area + extra > BOTTOM + 0.01) break;
      used += line.height;
      area += extra;
      n += 1;
    }
    return n;
  }

  /** Draws a line at the current position and books its footnotes for this page. */
  put(line: FlowLine): void {
    line.draw(this.y);
    this.y += line.height;
    this.book(line.footnotes);
  }

  /** Books footnotes for the bottom of this page (those not placed on an earlier one). */
  book(numbers: number[]): void {
    for (const num of numbers) {
      const note = this.notes.get(num);
      if (!note || this.placed.has(num)) continue;
      this.noteArea += note.height + (this.noteArea === 0 ? NOTE_SEPARATOR : NOTE_GAP);
      this.pageNotes.push(note);
      this.placed.add(num);
    }
  }

  /** Footnotes that no marker placed (they are set at the end of the letter). */
  unplaced(): number[] {
    return [...this.notes.keys()].filter((n) => !this.placed.has(n));
  }

  /** Ends the page: draws its footnotes and starts the next one. */
  newPage(): void {
    this.finishPage();
    this.pdf.addPage();
    this.y = TOP;
  }

  /** Draws the footnotes of the current page at its bottom. */
  finishPage(): void {
    if (this.pageNotes.length === 0) return;
    let top = BOTTOM - this.noteArea;
    this.pdf.save().lineWidth(0.5).moveTo(LEFT, top + 4).lineTo(LEFT + 144, top + 4).stroke().restore();
    top += NOTE_SEPARATOR;
    this.pageNotes.forEach((note, i) => {
      if (i > 0) top += NOTE_GAP;
      note.lines.forEach((line, j) => {
        const baseline = top + NOTE.lead * 0.78;
        if (j === 0) this.painter.text(String(note.number), 'regular', NOTE.markerSize, LEFT, baseline - NOTE.size * 0.36);
        this.painter.line(line, LEFT + NOTE_INDENT, baseline, WIDTH - NOTE_INDENT, 'justify', NOTE);
        top += NOTE.lead;
      });
    });
    this.pageNotes = [];
    this.noteArea = 0;
  }

  /**
   * Places a paragraph's lines: avoids a lone first line at the bottom of a page (orphan) and a lone last
   * line at the top of the next (widow); `keepTogether` moves the whole block to the next page rather than
   * split it; `reserveAfter` is room needed below the block (a heading keeps some of what follows).
   */
  place(lines: FlowLine[], opts: { keepTogether?: boolean; reserveAfter?: number } = {}): void {
    let i = 0;
    while (i < lines.length) {
      let k = this.fitCount(lines, i);
      const rest = lines.length - i;
      if (k >= rest) {
        const height = lines.slice(i).reduce((s, l) => s + l.height, 0);
        if (i === 0 && opts.reserveAfter && !this.atTop && this.room() - height < opts.reserveAfter) {
          this.newPage();
          continue;
        }
        for (; i < lines.length; i++) this.put(lines[i]!);
        return;
      }
      if (!this.atTop && (opts.keepTogether || k === 0 || (i === 0 && k === 1 && rest > 1))) {
        this.newPage();
        continue;
      }
      if (k === 0) k = 1; // taller than a page (a huge footnote): set it anyway rather than loop
      if (rest - k === 1 && k >= 3) k -= 1;
      for (let j = 0; j < k; j++) this.put(lines[i + j]!);
      i += k;
      this.newPage();
    }
  }
}

/** Converts set lines to flow lines drawn at `x` across `width`. */
function flowLines(
  painter: Painter,
  lines: Line[],
  x: number,
  width: number,
  align: Align,
  st: { size: number; lead: number; markerSize: number },
  firstLabel?: { text: string; x: number },
): FlowLine[] {
  return lines.map((line, i) => ({
    height: st.lead,
    footnotes: line.footnotes,
    draw: (top: number) => {
      const baseline = top + st.lead * 0.78;
      if (i === 0 && firstLabel) painter.text(firstLabel.text, 'regular', st.size, firstLabel.x, baseline);
      painter.line(line, x, baseline, width, align, st);
    },
  }));
}

/** Places the blocks of the body or the annex. */
function placeBlocks(flow: Flow, painter: Painter, blocks: Block[]): void {
  const set = (runs: Run[], width: number, forceBold = false): Line[] =>
    breakLines(runs, width, painter.measure, { size: BODY.size, markerSize: BODY.markerSize, forceBold });
  blocks.forEach((block, index) => {
    switch (block.kind) {
      case 'heading': {
        flow.gap(HEADING_GAP);
        const next = blocks[index + 1];
        const reserve = next ? PARA_GAP + BODY.lead * (next.kind === 'heading' ? 1 : 2) : 0;
        flow.place(flowLines(painter, set(block.runs, WIDTH, true), LEFT, WIDTH, 'left', BODY), {
          keepTogether: true,
          reserveAfter: reserve,
        });
        break;
      }
      case 'paragraph':
        flow.gap(PARA_GAP);
        flow.place(flowLines(painter, set(block.runs, WIDTH), LEFT, WIDTH, 'justify', BODY));
        break;
      case 'numbered':
      case 'bullets':
        block.items.forEach((item, i) => {
          flow.gap(i === 0 ? PARA_GAP : ITEM_GAP);
          const label =
            block.kind === 'numbered' ? { text: `${block.start + i}.`, x: LEFT } : { text: '•', x: LEFT + 8 };
          const lines = set(item, WIDTH - LIST_INDENT);
          flow.place(flowLines(painter, lines, LEFT + LIST_INDENT, WIDTH - LIST_INDENT, 'justify', BODY, label));
        });
        break;
    }
  });
}

/** Places one plain text in a face and alignment (header, reference, date, titles). */
function placeText(
  flow: Flow,
  painter: Painter,
  text: string,
  face: FontFace,
  align: Align,
  st: { size: number; lead: number; markerSize: number },
  keepTogether = false,
): void {
  const lines = breakLines([{ text, bold: face === 'bold' || face === 'boldItalic', italic: face === 'italic' || face === 'boldItalic' }], WIDTH, painter.measure, st);
  flow.place(flowLines(painter, lines, LEFT, WIDTH, align, st), { keepTogether });
}

/** Writes the footer (reference, "Page n of N") and the public-version mark on every page. */
function decoratePages(pdf: PDFKit.PDFDocument, painter: Painter, doc: LetterDocument): void {
  const labels = renderLabels(doc.language);
  const reference = doc.reference ?? labels.draft;
  const mark = publicMarkOf(doc);
  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    pdf.fillColor('#333333');
    painter.text(reference, 'regular', FOOTER_SIZE, LEFT, FOOTER_BASELINE);
    const pageText = `${doc.pageLabel} ${i + 1} ${doc.pageOfLabel} ${range.count}`;
    painter.text(pageText, 'regular', FOOTER_SIZE, RIGHT - painter.measure(pageText, 'regular', FOOTER_SIZE), FOOTER_BASELINE);
    if (mark) {
      pdf.fillColor('#666666');
      painter.text(mark, 'italic', FOOTER_SIZE, RIGHT - painter.measure(mark, 'italic', FOOTER_SIZE), MARK_BASELINE);
    }
    pdf.fillColor('black');
  }
}

/** Sets every footnote once, at the footnote width, to know its height before the pages are laid out. */
function setNotes(painter: Painter, doc: LetterDocument): Map<number, SetNote> {
  const notes = new Map<number, SetNote>();
  for (const fn of doc.footnotes) {
    const lines = breakLines(fn.runs, WIDTH - NOTE_INDENT, painter.measure, NOTE);
    notes.set(fn.number, { number: fn.number, lines, height: lines.length * NOTE.lead });
  }
  return notes;
}

/**
 * Renders a letter as a PDF. The same document (and options) always gives the same bytes.
 *
 * @example const pdf = await renderLetterPdf(composeLetter(...)); await writeFile('AL-KAZ-1-2022.pdf', pdf);
 */
export async function renderLetterPdf(doc: LetterDocument, options: RenderPdfOptions = {}): Promise<Buffer> {
  const labels = renderLabels(doc.language);
  const pdf = new PDFDocument({
    size: [PAGE_W, PAGE_H],
    margin: 0,
    bufferPages: true,
    lang: doc.language,
    displayTitle: true,
    info: {
      // pdfkit copies the title unescaped into its XMP metadata (XML): keep markup characters out of it.
      Title: (doc.reference ?? labels.draft).replace(/[<>&]/g, ''),
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

  const fonts = letterFonts();
  for (const face of ['regular', 'bold', 'italic', 'boldItalic'] as const) {
    pdf.registerFont(face, fonts[face]);
    shareLayoutCache(pdf, face);
  }
  const painter = new Painter(pdf);
  const flow = new Flow(pdf, painter, setNotes(painter, doc));

  placeText(flow, painter, doc.header, 'bold', 'center', HEADER);
  flow.gap(22);
  if (doc.referenceLine) placeText(flow, painter, doc.referenceLine, 'regular', 'left', BODY);
  if (doc.referenceNote) placeText(flow, painter, doc.referenceNote, 'italic', 'left', { ...NOTE, lead: 12 });
  flow.gap(14);
  placeText(flow, painter, doc.dateLine, 'regular', 'right', BODY);
  flow.gap(18);
  placeText(flow, painter, doc.salutation, 'regular', 'left', BODY);
  placeBlocks(flow, painter, doc.body);

  flow.gap(SIGNATURE_GAP * 1.5);
  for (const sig of doc.signatures) {
    flow.gap(SIGNATURE_GAP);
    const name = breakLines([{ text: sig.name }], WIDTH, painter.measure, BODY);
    const role = breakLines([{ text: sig.role }], WIDTH, painter.measure, BODY);
    flow.place(flowLines(painter, [...name, ...role], LEFT, WIDTH, 'left', BODY), { keepTogether: true });
  }

  if (doc.annex) {
    flow.newPage();
    placeText(flow, painter, doc.annex.title, 'bold', 'center', { ...BODY, size: 12, lead: 16 }, true);
    flow.gap(4);
    placeText(flow, painter, doc.annex.subtitle, 'bold', 'center', BODY, true);
    flow.gap(8);
    placeBlocks(flow, painter, doc.annex.body);
  }

  // Footnotes whose marker appears nowhere are kept, at the end of the letter.
  const orphans = flow.unplaced();
  if (orphans.length > 0) {
    flow.place([{ height: 0, footnotes: orphans, draw: () => undefined }]);
  }
  flow.finishPage();
  decoratePages(pdf, painter, doc);
  pdf.end();
  return done;
}
