import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { AppError } from '../../errors.ts';

/** The largest letter file read: a letter with its annex is well under 1 MB; scans are not read at all. */
export const MAX_LETTER_FILE_BYTES = 20 * 1024 * 1024;

/** A positioned piece of text on a PDF page, as pdfjs gives it. */
interface Piece {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /** Drawn in a bold face: kept as `**bold**`, as text extractions mark it (a bold run may be the summary). */
  bold: boolean;
}

interface Line {
  y: number;
  size: number;
  pieces: Piece[];
}

const SUPERSCRIPT_DIGITS: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Rebuilds the lines of a page from its text pieces: pieces whose baselines are within half a line of each
 * other form a line, read left to right; a gap wider than a fifth of the type size is a space; a small digit
 * raised above the line is a footnote marker and becomes a superscript ("¹"), as in text extractions.
 */
function linesOf(pieces: Piece[]): Line[] {
  const lines: Line[] = [];
  for (const p of [...pieces].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines.find((l) => Math.abs(l.y - p.y) <= 0.5 * Math.max(l.size, p.size));
    if (line) {
      line.pieces.push(p);
      if (p.size > line.size) {
        line.size = p.size;
        line.y = p.y;
      }
    } else lines.push({ y: p.y, size: p.size, pieces: [p] });
  }
  for (const l of lines) l.pieces.sort((a, b) => a.x - b.x);
  return lines.sort((a, b) => b.y - a.y);
}

function lineText(line: Line): string {
  const body = median(line.pieces.filter((p) => p.str.trim() !== '').map((p) => p.size)) || line.size;
  let text = '';
  let end: number | undefined;
  let bold = false;
  const closeBold = () => {
    if (bold) text = text.replace(/(\s*)$/, '**$1');
    bold = false;
  };
  for (const p of line.pieces) {
    const superscript = /^\d{1,2}$/.test(p.str.trim()) && p.size < 0.8 * body && p.y > line.y + 0.2 * body;
    const str = superscript ? [...p.str.trim()].map((d) => SUPERSCRIPT_DIGITS[d]).join('') : p.str;
    if (end !== undefined && p.x - end > 0.2 * body && !/\s$/.test(text) && !/^\s/.test(str) && !superscript) text += ' ';
    if (str.trim() !== '') {
      if (p.bold && !bold) {
        text += '**';
        bold = true;
      } else if (!p.bold) closeBold();
    }
    text += str;
    end = p.x + p.width;
  }
  closeBold();
  return text.replace(/\s+/g, ' ').replace(/\*\*\s+/g, (m) => (m.length > 2 ? '** ' : m)).trim();
}

/**
 * A page's text as lines and paragraphs: a vertical gap clearly larger than the page's usual line spacing (or
 * a change of indentation after a short line) starts a new paragraph, written as a blank line.
 */
function pageText(pieces: Piece[]): string {
  const lines = linesOf(pieces).filter((l) => lineText(l) !== '');
  const gaps = lines.slice(1).map((l, i) => lines[i]!.y - l.y);
  const usual = median(gaps.filter((g) => g > 0));
  const out: string[] = [];
  lines.forEach((l, i) => {
    if (i > 0 && gaps[i - 1]! > 1.35 * usual) out.push('');
    out.push(lineText(l));
  });
  return out.join('\n');
}

/** Whether a font of the page is a bold face, by its PostScript name ("…+NotoSerif-Bold"). */
function isBold(page: { commonObjs: { has(id: string): boolean; get(id: string): unknown } }, fontName: string): boolean {
  try {
    if (!page.commonObjs.has(fontName)) return false;
    const font = page.commonObjs.get(fontName) as { name?: string; bold?: boolean } | null;
    return font?.bold === true || /bold|black|heavy|semibold/i.test(font?.name ?? '');
  } catch {
    return false;
  }
}

/** Loads pdfjs only when a PDF is read (it is large, and text files do not need it). */
async function pdfjs() {
  return import('pdfjs-dist/legacy/build/pdf.mjs');
}

/** The text of a PDF, page by page, pages separated by a blank line (as a page break is in text extractions). */
async function readPdf(data: Uint8Array, path: string): Promise<string> {
  const { getDocument } = await pdfjs();
  const task = getDocument({ data, verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: true });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') {
      throw new AppError('FILE_INVALID', `${path} is an encrypted PDF protected by a password: it cannot be read; ask for an unprotected copy`, { file: path, reason: 'encrypted' });
    }
    if (name === 'InvalidPDFException') {
      throw new AppError('FILE_INVALID', `${path} is not a valid PDF (it is corrupt or truncated)`, { file: path, reason: 'corrupt' });
    }
    throw new AppError('FILE_INVALID', `${path} cannot be read as a PDF: ${error instanceof Error ? error.message : String(error)}`, { file: path, reason: 'unreadable' });
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      await page.getOperatorList(); // resolves the fonts, whose names tell bold faces
      const pieces: Piece[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const [a, b, , , x, y] = item.transform as number[];
        pieces.push({ str: item.str, x: x!, y: y!, width: item.width, size: Math.hypot(a!, b!) || item.height, bold: isBold(page, item.fontName) });
      }
      pages.push(pageText(pieces));
      page.cleanup();
    }
    const text = pages.join('\n\n');
    if (text.trim() === '') {
      throw new AppError('FILE_INVALID', `${path} has no text layer (a scanned image?): run it through OCR first`, { file: path, reason: 'no-text' });
    }
    return text;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('FILE_INVALID', `${path} cannot be read as a PDF: ${error instanceof Error ? error.message : String(error)}`, { file: path, reason: 'unreadable' });
  } finally {
    await doc.destroy();
  }
}

/** Text from bytes that must be UTF-8 text: no NUL bytes (binary), no invalid sequences. */
function decodeText(data: Uint8Array, path: string): string {
  if (data.includes(0)) throw new AppError('FILE_INVALID', `${path} is a binary file, not text`, { file: path, reason: 'binary' });
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    throw new AppError('FILE_INVALID', `${path} is not valid UTF-8 text: save it as UTF-8 and try again`, { file: path, reason: 'encoding' });
  }
}

/**
 * Reads a letter file as text: `.txt` and `.md` (and any file that is not a PDF) as UTF-8; a PDF (by its
 * `%PDF-` signature, whatever its name) through pdfjs, its lines and paragraphs rebuilt from the positions of
 * the text so that it reads like a text extraction (page breaks as blank lines, footnote markers as
 * superscripts) and parses the same.
 *
 * @example const text = await readLetterFile('AL-KAZ-1-2022.pdf');
 * @throws AppError FILE_INVALID for a missing, binary, non-UTF-8, corrupt, encrypted or text-less file;
 *   PAYLOAD_TOO_LARGE above {@link MAX_LETTER_FILE_BYTES}
 */
export async function readLetterFile(path: string): Promise<string> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw new AppError('FILE_INVALID', `cannot read ${path}: no such file`, { file: path, reason: 'missing' });
  }
  if (size > MAX_LETTER_FILE_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `${path} is ${(size / 1024 / 1024).toFixed(1)} MB; a letter file may be at most ${MAX_LETTER_FILE_BYTES / 1024 / 1024} MB`, { file: path, size });
  }
  const data = new Uint8Array(await readFile(path));
  const isPdf = Buffer.from(data.subarray(0, 1024)).includes('%PDF-');
  if (isPdf || extname(path).toLowerCase() === '.pdf') {
    if (!isPdf) throw new AppError('FILE_INVALID', `${path} is not a valid PDF (no PDF signature)`, { file: path, reason: 'corrupt' });
    return readPdf(data, path);
  }
  return decodeText(data, path);
}
