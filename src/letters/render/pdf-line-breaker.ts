/**
 * Line breaking for the PDF renderer: runs with emphasis and footnote markers become words ("boxes" that
 * may mix faces, e.g. a bold word followed by a plain comma) separated by spaces, and the words are set
 * into lines of a given width, first fit. Pure: widths come from the caller's measure function, so the
 * breaker knows nothing of pdfkit.
 */
import type { Run } from '../letter-document.ts';
import { faceOf, type FontFace } from './letter-fonts.ts';

/** How wide a string is in a face at a size, in points. */
export type Measure = (text: string, face: FontFace, size: number) => number;

/** A piece of a word in one face; `footnote` marks a superscript footnote number. */
export interface Piece {
  text: string;
  face: FontFace;
  width: number;
  footnote?: number;
}

/** A word: pieces with no space between them, and the width of the space that precedes it (0 if none). */
export interface Word {
  pieces: Piece[];
  width: number;
  spaceBefore: number;
}

/** One set line: its words, their natural width and whether it may be justified. */
export interface Line {
  words: Word[];
  naturalWidth: number;
  /** Spaces between the words of this line (where justification puts the extra width). */
  gaps: number;
  /** The last line of a paragraph, or one ended by a line break, is never stretched. */
  last: boolean;
  /** Footnote numbers whose markers fall on this line. */
  footnotes: number[];
}

/** Type sizes for setting one paragraph. */
export interface SetOptions {
  size: number;
  /** Size of footnote markers (superscript). */
  markerSize: number;
  /** Emphasis forced on every run, e.g. bold for headings. */
  forceBold?: boolean;
}

type Token = { kind: 'word'; word: Word } | { kind: 'space'; width: number } | { kind: 'break' };

/** Letters that pdfkit cannot draw (control characters) are dropped; text is composed (NFC). */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.normalize('NFC').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/\t/g, ' ');
}

/** Splits runs into words, spaces and line breaks. */
function tokenize(runs: Run[], measure: Measure, opts: SetOptions): Token[] {
  const tokens: Token[] = [];
  let current: Word | null = null;
  const pushPiece = (piece: Piece): void => {
    if (!current) {
      const last = tokens[tokens.length - 1];
      const spaceBefore = last?.kind === 'space' ? last.width : 0;
      if (last?.kind === 'space') tokens.pop();
      current = { pieces: [], width: 0, spaceBefore };
      tokens.push({ kind: 'word', word: current });
    }
    current.pieces.push(piece);
    current.width += piece.width;
  };
  for (const run of runs) {
    const face = faceOf(opts.forceBold || run.bold, run.italic);
    for (const part of clean(run.text).split(/(\n|[^\S\n]+)/)) {
      if (part === '') continue;
      if (part === '\n') {
        current = null;
        if (tokens[tokens.length - 1]?.kind === 'space') tokens.pop();
        tokens.push({ kind: 'break' });
      } else if (/^\s+$/.test(part)) {
        current = null;
        const last = tokens[tokens.length - 1];
        if (last && last.kind !== 'break' && last.kind !== 'space') {
          tokens.push({ kind: 'space', width: measure(' ', face, opts.size) });
        }
      } else {
        pushPiece({ text: part, face, width: measure(part, face, opts.size) });
      }
    }
    if (run.footnote !== undefined) {
      const text = String(run.footnote);
      pushPiece({ text, face: 'regular', width: measure(text, 'regular', opts.markerSize), footnote: run.footnote });
    }
  }
  if (tokens[tokens.length - 1]?.kind === 'space') tokens.pop();
  return tokens;
}

/** Cuts a word wider than the line into pieces that fit, character by character (long URLs). */
function splitWide(word: Word, width: number, measure: Measure, size: number): Word[] {
  const out: Word[] = [];
  let cur: Word = { pieces: [], width: 0, spaceBefore: word.spaceBefore };
  for (const piece of word.pieces) {
    let buf = '';
    for (const ch of piece.text) {
      const w = measure(buf + ch, piece.face, size);
      if (buf !== '' && cur.width + w > width) {
        const done = measure(buf, piece.face, size);
        cur.pieces.push({ ...piece, text: buf, width: done });
        cur.width += done;
        out.push(cur);
        cur = { pieces: [], width: 0, spaceBefore: 0 };
        buf = ch;
      } else {
        buf += ch;
      }
    }
    if (buf !== '') {
      const w = piece.footnote === undefined ? measure(buf, piece.face, size) : piece.width;
      cur.pieces.push({ ...piece, text: buf, width: w });
      cur.width += w;
    }
  }
  if (cur.pieces.length > 0) out.push(cur);
  return out;
}

/**
 * Sets runs into lines no wider than `width`, breaking at spaces (first fit).
 *
 * @example breakLines([{ text: 'Excellency,' }], 450, measure, { size: 11, markerSize: 7 })
 */
export function breakLines(runs: Run[], width: number, measure: Measure, opts: SetOptions): Line[] {
  const lines: Line[] = [];
  let line: Line = { words: [], naturalWidth: 0, gaps: 0, last: false, footnotes: [] };
  const finish = (last: boolean): void => {
    line.last = last;
    lines.push(line);
    line = { words: [], naturalWidth: 0, gaps: 0, last: false, footnotes: [] };
  };
  const add = (word: Word): void => {
    const first = line.words.length === 0;
    const advance = (first ? 0 : word.spaceBefore) + word.width;
    if (!first && line.naturalWidth + advance > width) {
      finish(false);
      add(word);
      return;
    }
    line.words.push(first ? { ...word, spaceBefore: 0 } : word);
    line.naturalWidth += advance;
    if (!first && word.spaceBefore > 0) line.gaps += 1;
    for (const p of word.pieces) if (p.footnote !== undefined) line.footnotes.push(p.footnote);
  };
  for (const token of tokenize(runs, measure, opts)) {
    if (token.kind === 'break') finish(true);
    else if (token.kind === 'word') {
      const parts = token.word.width > width ? splitWide(token.word, width, measure, opts.size) : [token.word];
      for (const part of parts) add(part);
    }
  }
  if (line.words.length > 0 || lines.length === 0) finish(true);
  return lines;
}
