import { SYMBOL_ORGANS, formatSymbol, parseSymbol, type DocumentSymbol } from './document-symbol.ts';

/**
 * A paragraph pinpoint: "para. 11" is `{ paragraph: 11, subdivisions: [] }`, "para. 5 (p) (i)" is
 * `{ paragraph: 5, subdivisions: ['p', 'i'] }`, "paras. 20–22" is `{ paragraph: 20, through: 22, subdivisions: [] }`.
 *
 * @example const p: Pinpoint = { paragraph: 7, subdivisions: ['b'] }; // "paragraph 7(b)"
 */
export interface Pinpoint {
  paragraph: number;
  /** The last paragraph of a range ("paras. 20-22"); absent for a single paragraph. */
  through?: number;
  subdivisions: string[];
}

/**
 * A document symbol found in free text.
 *
 * @example
 * extractSymbols('(A/HRC/41/41, para. 11)')
 * // [{ symbol: 'A/HRC/41/41', offset: 1, length: 11, text: 'A/HRC/41/41',
 * //    pinpoints: [{ paragraph: 11, subdivisions: [] }], parsed: { kind: 'report', … } }]
 */
export interface SymbolMention {
  /** The canonical symbol: `S/RES/1373 (2001)` even where the text has `1373(2001)`. */
  symbol: string;
  parsed: DocumentSymbol;
  /** Where the mention starts in the text given, in UTF-16 code units (as `String.prototype.slice` counts). */
  offset: number;
  /** How long the mention is in the text given (without its pinpoints). */
  length: number;
  /** The mention as written: `text.slice(offset, offset + length)`. */
  text: string;
  /** The paragraphs cited right after the mention, in order; empty when none is given. */
  pinpoints: Pinpoint[];
}

// ---------------------------------------------------------------------------------------------------------
// Text extracted from a PDF breaks sentences at page ends with a blank line, carries markdown emphasis, and
// drops footnotes in the middle of a sentence. Matching runs on a flattened copy in which: emphasis markers
// are gone; whitespace inside a paragraph is one space; a blank line joins into a space when the text before
// it ends no sentence or the text after it carries one on, and is a hard break ('\n') otherwise; footnote
// paragraphs move to the end. `origin`
// maps each flattened character back to the text given, so that offsets stay true.

interface Flat {
  text: string;
  origin: number[];
}

const BLANK_LINE = /\n[^\S\n]*\n\s*/g;
const FOOTNOTE = /^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s/;
const SENTENCE_END = /^[.!?:;]$/;
const CLOSERS = /^["'”’»)\]]$/;

function flatten(source: string): Flat {
  const paragraphs: Array<[number, number]> = [];
  let start = 0;
  for (const m of source.matchAll(BLANK_LINE)) {
    paragraphs.push([start, m.index]);
    start = m.index + m[0].length;
  }
  paragraphs.push([start, source.length]);
  const body = paragraphs.filter(([a, b]) => !FOOTNOTE.test(source.slice(a, b)));
  const notes = paragraphs.filter(([a, b]) => FOOTNOTE.test(source.slice(a, b)));

  const chars: string[] = [];
  const origin: number[] = [];
  const push = (c: string, at: number): void => {
    chars.push(c);
    origin.push(at);
  };
  const emit = ([a, b]: [number, number], joiner: string): void => {
    let pendingSpace = -1;
    let first = true;
    for (let i = a; i < b; i++) {
      const c = source[i]!;
      if (c === '*') continue;
      if (/\s/.test(c)) {
        if (pendingSpace < 0) pendingSpace = i;
        continue;
      }
      if (first) {
        if (chars.length > 0) push(joiner, a);
        first = false;
      } else if (pendingSpace >= 0) {
        push(' ', pendingSpace);
      }
      pendingSpace = -1;
      push(c, i);
    }
  };
  // The last character that can end a sentence, looking through closing quotes and brackets.
  const endsSentence = (): boolean => {
    let i = chars.length - 1;
    while (i >= 0 && CLOSERS.test(chars[i]!)) i--;
    return i >= 0 && SENTENCE_END.test(chars[i]!);
  };
  // A paragraph that opens in lower case, with a digit or with closing punctuation carries on a sentence
  // ("para.\n\n11)", "international human\n\nrights"), whatever came before the break.
  const continues = ([a, b]: [number, number]): boolean => /^[\s*]*[\p{Ll}\d)\],;]/u.test(source.slice(a, b));
  for (const p of body) emit(p, endsSentence() && !continues(p) ? '\n' : ' ');
  for (const p of notes) emit(p, '\n');
  return { text: chars.join(''), origin };
}

/** The span of the text given that flattened characters [from, to) came from. */
function span(source: string, flat: Flat, from: number, to: number): Pick<SymbolMention, 'offset' | 'length' | 'text'> {
  const offset = flat.origin[from]!;
  const end = flat.origin[to - 1]! + 1;
  return { offset, length: end - offset, text: source.slice(offset, end) };
}

// ---------------------------------------------------------------------------------------------------------
// Pinpoints: ", para. 11", ", paras. 20 and 22", " para. 5 (p) (i)", ", paragraph 7(b)". A paragraph number is
// never followed by a slash or a year in parentheses, so a pinpoint stops before "17/2" or "1456 (2003)" in a
// list of resolutions.

const PINPOINT_HEAD = /(?:, ?| )(?:paragraphs?|paras?\.?(?![a-z])|§§?) ?/iy;
const PINPOINT_ITEM =
  /([1-9]\d{0,3})(?![\d/]| ?\(\d{4}\))(?: ?[-–] ?([1-9]\d{0,3})(?![\d/]))?((?: ?\((?:[a-z]{1,5}|\d{1,2})\))*)/y;
const LIST_SEPARATOR = /,? and |, /y;

function stickyMatch(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** Reads the pinpoints that start at `at`; returns them and where they end. */
function readPinpoints(text: string, at: number): { pinpoints: Pinpoint[]; end: number } {
  const head = stickyMatch(PINPOINT_HEAD, text, at);
  if (!head) return { pinpoints: [], end: at };
  const pinpoints: Pinpoint[] = [];
  let end = at;
  let cursor = at + head[0].length;
  for (;;) {
    const item = stickyMatch(PINPOINT_ITEM, text, cursor);
    if (!item) break;
    const pinpoint: Pinpoint = {
      paragraph: Number(item[1]),
      subdivisions: [...item[3]!.matchAll(/\(([^)]+)\)/g)].map((m) => m[1]!),
    };
    if (item[2] !== undefined) pinpoint.through = Number(item[2]);
    pinpoints.push(pinpoint);
    end = cursor + item[0].length;
    const separator = stickyMatch(LIST_SEPARATOR, text, end);
    if (!separator) break;
    cursor = end + separator[0].length;
  }
  return { pinpoints, end };
}

// ---------------------------------------------------------------------------------------------------------
// Symbols written out.

const SEGMENT = String.raw`(?:E?S-\d+|\d+(?:-\d+)?|[A-Z][A-Za-z]{0,7}(?:\.\d+)?)`;
// Not inside a word, a path or a URL; a candidate must then parse as a symbol.
const SYMBOL = new RegExp(String.raw`(?<![\w/.:@#=-])(?:${SYMBOL_ORGANS.join('|')})(?:/${SEGMENT})+(?![\w/])`, 'g');
const SC_YEAR = / ?\((\d{4})\)/y;
const URL = /(?:\bhttps?:\/\/|\bwww\.)[^\s<>"]+/gi;

/**
 * Finds every UN document symbol written out in a text (each occurrence, in order), with the paragraph
 * pinpoints that follow it. Copes with page breaks inside sentences, markdown emphasis, footnotes dropped
 * mid-sentence and brackets around symbols; ignores dates, fractions, "24/7", URLs, article numbers and
 * resolutions named by number alone (see {@link extractNumberedResolutions} for those).
 *
 * @example
 * extractSymbols('online [A/HRC/RES/38/11]" (A/HRC/41/41, paras. 11 and 12).').map((m) => m.symbol)
 * // ['A/HRC/RES/38/11', 'A/HRC/41/41'] — the second with pinpoints 11 and 12
 */
export function extractSymbols(text: string): SymbolMention[] {
  const flat = flatten(text);
  const urls = [...flat.text.matchAll(URL)].map((m) => [m.index, m.index + m[0].length] as const);
  const mentions: SymbolMention[] = [];
  for (const m of flat.text.matchAll(SYMBOL)) {
    const from = m.index;
    if (urls.some(([a, b]) => from >= a && from < b)) continue;
    let parsed: DocumentSymbol;
    try {
      parsed = parseSymbol(m[0]);
    } catch {
      continue;
    }
    let to = from + m[0].length;
    if (parsed.organ === 'S' && parsed.components[0] === 'RES') {
      const year = stickyMatch(SC_YEAR, flat.text, to);
      if (year) {
        try {
          parsed = parseSymbol(`${m[0]} (${year[1]})`);
          to += year[0].length;
        } catch {
          // Not a year of adoption: the symbol stands without it.
        }
      }
    }
    const { pinpoints } = readPinpoints(flat.text, to);
    mentions.push({ symbol: formatSymbol(parsed), parsed, ...span(text, flat, from, to), pinpoints });
  }
  return mentions.sort((a, b) => a.offset - b.offset);
}

// ---------------------------------------------------------------------------------------------------------
// Resolutions named by number: "Security Council resolutions 1373 (2001), 1456(2003) … and 2396 (2017)",
// "Human Rights Council resolution 35/34", "Resolution 15/21 of the Human Rights Council".

const ISSUERS = ['SC', 'GA', 'HRC', 'CHR', 'ECOSOC'] as const;
type Issuer = (typeof ISSUERS)[number];

const ISSUER_NAMES: ReadonlyArray<[RegExp, Issuer]> = [
  [/^(?:UN)?SC$|security council/i, 'SC'],
  [/^(?:UN)?GA$|general assembly/i, 'GA'],
  [/^HRC$|human rights council/i, 'HRC'],
  [/^CHR$|commission on human rights/i, 'CHR'],
  [/^ECOSOC$|economic and social council/i, 'ECOSOC'],
];
const ISSUER = String.raw`Security Council|General Assembly|Human Rights Council|Commission on Human Rights|Economic and Social Council|UNSC|UNGA|ECOSOC|HRC|CHR|SC|GA`;
const FORWARD = new RegExp(String.raw`\b(${ISSUER})(?:['’]s)? (resolutions?) `, 'gi');
const BACKWARD_WORD = /\b(resolutions?) (?=\d|E?S-\d)/gi;
const BACKWARD_TAIL = new RegExp(String.raw` of the (?:United Nations )?(${ISSUER})\b`, 'iy');
// "1373 (2001)", "1456(2003)", "2178" — Security Council resolutions have one running number.
const SC_ITEM = /([1-9]\d{0,3})(?: ?\((\d{4})\))?(?![\d/])/y;
// "35/34", "S-29/1", "2005/80" — the others number within a session or a year.
const SESSION_ITEM = /((?:E?S-)?[1-9]\d{0,3})\/([1-9]\d{0,3})(?![\d/])/y;

function issuerOf(name: string): Issuer {
  return ISSUER_NAMES.find(([re]) => re.test(name))![1];
}

/** The symbol of a resolution item, or undefined when the item's form does not fit the issuer. */
function resolutionSymbol(issuer: Issuer, item: RegExpExecArray): string | undefined {
  const [, first, second] = item;
  const yearly = /^\d{4}$/.test(first!);
  let candidate: string;
  switch (issuer) {
    case 'SC':
      candidate = second === undefined ? `S/RES/${first}` : `S/RES/${first} (${second})`;
      break;
    case 'GA':
    case 'HRC':
      if (yearly) return undefined;
      candidate = `${issuer === 'GA' ? 'A' : 'A/HRC'}/RES/${first}/${second}`;
      break;
    case 'CHR':
    case 'ECOSOC':
      if (!yearly) return undefined;
      candidate = `${issuer === 'CHR' ? 'E/CN.4' : 'E'}/RES/${first}/${second}`;
      break;
  }
  try {
    return formatSymbol(parseSymbol(candidate));
  } catch {
    return undefined;
  }
}

interface ListItem {
  symbol: string;
  from: number;
  to: number;
  pinpoints: Pinpoint[];
}

/** Reads a list of resolution numbers for an issuer from `at`: items joined by ", " and " and ". */
function readList(text: string, at: number, issuer: Issuer): { items: ListItem[]; end: number } {
  const pattern = issuer === 'SC' ? SC_ITEM : SESSION_ITEM;
  const items: ListItem[] = [];
  let cursor = at;
  let end = at;
  for (;;) {
    const item = stickyMatch(pattern, text, cursor);
    const symbol = item ? resolutionSymbol(issuer, item) : undefined;
    if (!item || symbol === undefined) break;
    const to = cursor + item[0].length;
    const { pinpoints, end: afterPinpoints } = readPinpoints(text, to);
    items.push({ symbol, from: cursor, to, pinpoints });
    end = afterPinpoints;
    const separator = stickyMatch(LIST_SEPARATOR, text, end);
    if (!separator) break;
    cursor = end + separator[0].length;
  }
  return { items, end };
}

/** Reads a list whose issuer is named after it ("resolution 15/21 of the Human Rights Council"). */
function readBackwardList(text: string, at: number): ListItem[] {
  for (const issuer of ISSUERS) {
    const { items, end } = readList(text, at, issuer);
    const tail = items.length > 0 ? stickyMatch(BACKWARD_TAIL, text, end) : null;
    if (tail && issuerOf(tail[1]!) === issuer) return items;
  }
  return [];
}

/**
 * Finds resolutions named by number only and resolves each to its symbol from the words around it: the issuer
 * before the number ("General Assembly resolutions 49/60, 51/210 and 72/123", "Security Council resolution
 * 1566 (2004)", "Human Rights Council Resolution 16/23, paragraph 7(b)") or after it ("Resolution 15/21 of the
 * Human Rights Council"). A list continues across ", " and " and " and ends with anything else. A number with
 * no issuer ("resolution 41/12", "41/12") is left alone: it could be anyone's. Offsets point at each number.
 *
 * @example
 * extractNumberedResolutions('Security Council resolutions 1373 (2001) and 1456(2003)').map((m) => m.symbol)
 * // ['S/RES/1373 (2001)', 'S/RES/1456 (2003)']
 * @example
 * extractNumberedResolutions('Human Rights Council resolution 16/23, paragraph 7(b)')[0]
 * // { symbol: 'A/HRC/RES/16/23', pinpoints: [{ paragraph: 7, subdivisions: ['b'] }], … }
 */
export function extractNumberedResolutions(text: string): SymbolMention[] {
  const flat = flatten(text);
  const found: ListItem[] = [];
  const leadIns = new Set<number>();
  for (const m of flat.text.matchAll(FORWARD)) {
    const wordAt = m.index + m[0].length - m[2]!.length - 1;
    leadIns.add(wordAt);
    found.push(...readList(flat.text, m.index + m[0].length, issuerOf(m[1]!)).items);
  }
  for (const m of flat.text.matchAll(BACKWARD_WORD)) {
    if (leadIns.has(m.index)) continue;
    found.push(...readBackwardList(flat.text, m.index + m[0].length));
  }
  return found
    .map((item) => ({
      symbol: item.symbol,
      parsed: parseSymbol(item.symbol),
      ...span(text, flat, item.from, item.to),
      pinpoints: item.pinpoints,
    }))
    .sort((a, b) => a.offset - b.offset);
}
