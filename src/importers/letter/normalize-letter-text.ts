/**
 * A paragraph of a letter once page-break artefacts are undone. `lines` keeps the line structure (signature
 * blocks, numbered questions and lists need it); `text` is the same paragraph on one line for matching;
 * `marked` still carries the emphasis markers (`**bold**`, `*italics*`) as the extraction gave them.
 */
export interface LetterParagraph {
  /** Plain text on one line: no emphasis markers, no footnote markers, single spaces. */
  text: string;
  /** Plain text line by line. */
  lines: string[];
  /** The paragraph with its emphasis markers, lines joined by `\n`. */
  marked: string;
  /** The bold runs of the paragraph, as plain text (a bold run in the introduction is the letter's summary). */
  bold: string[];
  /** Footnote markers found in the paragraph (`['1']` for "persons.¹"). */
  footnoteMarkers: string[];
}

/** A footnote collected from the bottom of a page: marker, text and the links it gives. */
export interface LetterFootnote {
  marker: string;
  text: string;
  links: string[];
}

/** What {@link normalizeLetterText} returns. */
export interface NormalizedLetter {
  paragraphs: LetterParagraph[];
  /** The body as plain text: paragraphs separated by a blank line, footnotes left out. */
  text: string;
  footnotes: LetterFootnote[];
  /** How many running-header and page-number lines were dropped, for the import report. */
  removed: { runningHeaders: number; pageNumbers: number };
}

const SUPERSCRIPTS: Record<string, string> = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9' };
const SUPERSCRIPT_RUN = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;
const FOOTNOTE_START = /^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(.*)$/;

// "2", "- 2 -", "– 2 –", "Page 2", "Page 2 of 7", "2/7", "2 of 7": a line that is only a page number.
const PAGE_NUMBER = /^\s*(?:[-–—]\s*\d{1,3}\s*[-–—]|(?:page|página|p\.)\s*\d{1,3}(?:\s*(?:of|\/)\s*\d{1,3})?|\d{1,3}(?:\s*(?:of|\/)\s*\d{1,3})?)\s*$/i;
// A reference alone on its line ("AL KAZ 1/2022", "JAL KAZ 1/2022"): the running header of UN letters.
const REFERENCE_ALONE = /^\s*J?(?:AL|UA|OL)\s+[A-Z]{3}\s+\S{1,8}\s*\/\s*\d{4}\s*$/;
// A footer with both: "AL KAZ 1/2022 Page 2 of 18", "Page 2 of 18 AL KAZ 1/2022" (also "Página 2 de 18").
const REFERENCE_AND_PAGE =
  /^\s*(?:J?(?:AL|UA|OL)\s+[A-Z]{3}\s+\S{1,8}\s*\/\s*\d{4}\s+(?:Page|Página|p\.)\s*\d{1,3}(?:\s*(?:of|de|sur|\/)\s*\d{1,3})?|(?:Page|Página|p\.)\s*\d{1,3}(?:\s*(?:of|de|sur|\/)\s*\d{1,3})?\s+J?(?:AL|UA|OL)\s+[A-Z]{3}\s+\S{1,8}\s*\/\s*\d{4})\s*$/i;
// A line ending in one of these ends a sentence (looking through closing quotes and brackets).
const TERMINAL = /[.!?:;][\s"'”’»)\]*]*$/;
// Words after which a sentence cannot stop: a page break after them is inside a sentence.
const FUNCTION_WORD_END = /(?:^|\s)(?:of|the|a|an|and|or|to|in|on|for|by|with|at|from|that|which|who|whose|as|than|its|their|his|her|our|your|under|into|between|against|including|such|is|are|was|were|be|been|has|have|had|not|no)$/i;
const NUMBERED_ITEM = /^\s*\d{1,2}[.)]\s/;
const LIST_ITEM = /^\s*(?:\d{1,2}[.)]|[-•–*]|\([a-z0-9]{1,3}\)|[a-z][.)])\s/;

/** Text without emphasis markers: `**x**` and `*x*` become `x`; a `*` bullet at a line start is kept. */
export function stripEmphasis(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/gs, '$1').replace(/(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])/gs, '$1').replace(/\*\*/g, '');
}

/** Markdown links and autolinks as their text: `[website](#)` → `website`, `<https://x>` → `https://x`. */
function stripLinks(text: string): string {
  return text.replace(/\[([^\]]*)\]\([^)\s]*\)/g, '$1').replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1');
}

/** The links of a text: the targets of markdown links and autolinks, and bare URLs. */
function linksOf(text: string): string[] {
  const links = new Set<string>();
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) if (m[1] !== '#') links.add(m[1]!);
  for (const m of text.matchAll(/<((?:https?|mailto):[^>\s]+)>/g)) links.add(m[1]!);
  for (const m of text.matchAll(/(?<![<(])\bhttps?:\/\/[^\s<>)]+/g)) links.add(m[0]);
  return [...links];
}

/** Whether the raw paragraph `next` carries on the sentence that `prev` (its last line) leaves open. */
function continues(prevLast: string, next: string): boolean {
  const prev = stripEmphasis(prevLast).trimEnd();
  const first = stripEmphasis(next).trimStart();
  if (prev === '' || first === '' || TERMINAL.test(prev)) return false;
  // Lower case, or punctuation that cannot start a sentence: the sentence goes on.
  if (/^[\p{Ll},;)\]]/u.test(first)) return true;
  // A page break after "of", "the", "and"…: whatever starts the next page, it finishes this sentence.
  // (Not after a short line such as the salutation "Excellency,".)
  if ((FUNCTION_WORD_END.test(prev) || /,$/.test(prev)) && prev.split(' ').length > 4) return !LIST_ITEM.test(first);
  // A numbered item cut by the page break, continued by anything but the next item.
  if (NUMBERED_ITEM.test(prev) && !LIST_ITEM.test(first) && !/^[A-Z][^.]{0,80}$/.test(first.split('\n')[0]!)) return true;
  return false;
}

/** Joins the last line of `a` and the first line of `b`: a word cut by a hyphen stays hyphenated. */
function joinLines(a: string, b: string): string {
  const left = a.trimEnd();
  const right = b.trimStart();
  return /\p{L}-$/u.test(left) ? left + right : `${left} ${right}`;
}

/** Lines that recur as running headers: short lines (not sentences) found alone on three or more pages. */
function repeatedLines(lines: string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const raw of lines) {
    const line = raw.trim();
    if (line.length === 0 || line.length > 100 || TERMINAL.test(line)) continue;
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= 3).map(([line]) => line));
}

/** A paragraph from its raw lines: plain lines, one-line text, markers and bold runs. */
function paragraphOf(rawLines: string[]): LetterParagraph {
  // A bold run wrapped over lines ("**…**\n**…**", as PDF lines give it) is one run.
  const marked = rawLines.join('\n').replace(/\*\*(\s+)\*\*/g, '$1');
  const footnoteMarkers = [...marked.matchAll(SUPERSCRIPT_RUN)].map((m) => [...m[0]].map((c) => SUPERSCRIPTS[c]).join(''));
  const bold = [...marked.matchAll(/\*\*(.+?)\*\*/gs)].map((m) => oneLine(stripLinks(m[1]!.replace(SUPERSCRIPT_RUN, ''))));
  const lines = rawLines.map((l) => oneLine(stripLinks(stripEmphasis(l.replace(SUPERSCRIPT_RUN, ''))))).filter((l) => l !== '');
  const text = lines.reduce((acc, l) => (acc === '' ? l : joinLines(acc, l)), '');
  return { text, lines, marked, bold, footnoteMarkers };
}

function oneLine(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

/**
 * Undoes the artefacts of a letter's text as extracted from its PDF: drops running headers (a reference alone
 * on its line such as "AL KAZ 1/2022", or a short line repeated on three pages or more) and page numbers
 * ("2", "Page 2 of 7", "- 2 -"); takes footnotes ("¹ Guiding principles…") out of the body, with their links;
 * joins the paragraphs that a page break split (a paragraph left without terminal punctuation followed by one
 * opening in lower case, after a function word, or a numbered item continued); and gives each paragraph as
 * plain text for matching while keeping its emphasis markers and bold runs as information.
 *
 * @example
 * normalizeLetterText('1. Please indicate what measures are\n\n2\n\nAL KAZ 1/2022\n\nable to work.').paragraphs[0].text
 * // '1. Please indicate what measures are able to work.'
 */
export function normalizeLetterText(input: string): NormalizedLetter {
  const source = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\f/g, '\n\n');
  const allLines = source.split('\n');
  const repeated = repeatedLines(allLines);
  let runningHeaders = 0;
  let pageNumbers = 0;
  // The first reference line ("Ref.: AL KAZ 1/2022") is content, and so is a reference alone before any text.
  let seenText = false;
  const kept: string[] = [];
  for (const line of allLines) {
    const trimmed = line.trim();
    if (trimmed !== '' && seenText && (REFERENCE_ALONE.test(trimmed) || repeated.has(trimmed))) {
      runningHeaders++;
      kept.push('');
      continue;
    }
    if (trimmed !== '' && (PAGE_NUMBER.test(trimmed) || REFERENCE_AND_PAGE.test(trimmed))) {
      pageNumbers++;
      kept.push('');
      continue;
    }
    if (trimmed !== '') seenText = true;
    kept.push(line);
  }

  // Raw paragraphs: runs of non-blank lines.
  const raw: string[][] = [];
  let current: string[] = [];
  for (const line of kept) {
    if (line.trim() === '') {
      if (current.length > 0) raw.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) raw.push(current);

  // Footnotes leave the body first, so that the sentence they interrupted can be joined again.
  const footnotes: LetterFootnote[] = [];
  const body: string[][] = [];
  for (const p of raw) {
    const m = FOOTNOTE_START.exec(p[0]!);
    if (m) {
      const all = [m[2]!, ...p.slice(1)].join('\n');
      footnotes.push({ marker: [...m[1]!].map((c) => SUPERSCRIPTS[c]).join(''), text: oneLine(stripLinks(stripEmphasis(all))), links: linksOf(all) });
    } else body.push(p);
  }

  const joined: string[][] = [];
  for (const p of body) {
    const prev = joined[joined.length - 1];
    if (prev && continues(prev[prev.length - 1]!, p.join('\n'))) {
      prev[prev.length - 1] = joinLines(prev[prev.length - 1]!, p[0]!);
      prev.push(...p.slice(1));
    } else joined.push([...p]);
  }

  const paragraphs = joined.map(paragraphOf).filter((p) => p.text !== '');
  return {
    paragraphs,
    text: paragraphs.map((p) => p.lines.join('\n')).join('\n\n'),
    footnotes,
    removed: { runningHeaders, pageNumbers },
  };
}
