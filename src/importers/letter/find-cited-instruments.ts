import { canonicalPin, type CitationLibrary } from '../../reference/citation-library.ts';
import type { CitationInstrument } from '../../reference/citation-schemas.ts';

/** An instrument of the citation library that a letter cites, with the provisions it cites where stated. */
export interface CitedInstrument {
  id: string;
  symbol: string | null;
  title: string;
  /** How it was found: its document symbol written out, or its name (or abbreviation) in the text. */
  foundBy: 'symbol' | 'name';
  /** The provisions cited, canonical and in order of first mention: `art. 20(1)`, `principle 9`. */
  provisions: string[];
}

interface Mention {
  id: string;
  at: number;
  end: number;
}

// Kinds whose symbol a letter never writes: they are cited by name.
const NAMED_KINDS = new Set(['treaty', 'declaration', 'principles', 'protocol']);

/** A pattern for a title: words in order, any spacing or punctuation between them, plurals tolerated. */
function titlePattern(title: string): RegExp {
  const words = title
    .replace(/^the\s+/i, '')
    .replace(/\s*\(\d{4}\)\s*$/, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  const body = words.map((w) => `${w.replace(/s$/i, '')}s?`).join(String.raw`[\s,;:'’-]+`);
  return new RegExp(String.raw`(?<![\p{L}])${body}(?![\p{L}])`, 'giu');
}

/** The name patterns of an instrument: its title, its short title, and an abbreviation in capitals. */
function namePatterns(c: CitationInstrument): RegExp[] {
  const patterns = [titlePattern(c.title.en)];
  const short = c.shortTitle;
  if (short && /^[A-Z]{2,6}$/.test(short)) patterns.push(new RegExp(String.raw`(?<![\w/])${short}(?![\w/])`, 'g'));
  else if (short && !/^General Comment/i.test(short)) patterns.push(titlePattern(short));
  return patterns;
}

// "General Comment n°37", "General Comment no.34", "general comment No. 31".
const GENERAL_COMMENT = /\bGeneral Comment\s*(?:No\.?|n°|nº|number)?\s*(\d{1,3})\b/gi;
// Generic back-references to the last instrument of the kind: "the Covenant", "the Declaration", "the Convention".
const BACK_REFERENCE: ReadonlyArray<[RegExp, (c: CitationInstrument) => boolean]> = [
  [/(?<=\bthe )Covenant\b/g, (c) => c.kind === 'treaty' && /Covenant/.test(c.title.en)],
  [/(?<=\bthe )Convention\b(?! (?:against|on|for))/g, (c) => c.kind === 'treaty' && /Convention/.test(c.title.en)],
  [/(?<=\bthe )Declaration\b(?! on| to)/g, (c) => c.kind === 'declaration'],
];

// "article 20 (1)", "articles 2 and 16", "articles 6, 19 and 21", "Principle 9", "article 6 point a)".
const ITEM = String.raw`\d{1,3}(?:\s?\((?:\d{1,2}|[a-z]{1,4})\))*`;
const PROVISIONS = new RegExp(String.raw`\b(articles?|arts?\.|principles?)\s+(${ITEM}(?:\s*(?:,|and|,\s*and)\s*${ITEM})*)`, 'gi');
// What follows a list of provisions before the instrument's name: " of the", " of", " of the UN", or nothing.
const OF_LINK = /^(?:,?\s*(?:paragraphs?\s+[\d\s,and]+\s*)?(?:of|under)\s+(?:the\s+)?(?:UN\s+|United Nations\s+)?|\s*)/i;

/**
 * Finds the instruments of the citation library that a letter cites: by document symbol (those the symbol
 * extractor found), and by name for those cited by name — the UDHR, the ICCPR, the CAT, the Declarations,
 * the Basic Principles, the Minnesota Protocol, general comments by number — with the articles or principles
 * cited where the text states them: "article 20 (1) of the Universal Declaration", "articles 7 and 12 of the
 * CAT", "Principle 9 of the UN Basic Principles…", and a list with no instrument after it ("articles 12 and
 * 13, which…") for the instrument last named in the same paragraph (or the paragraph that introduced it with
 * a colon). A list followed by another text ("Articles 272 and 255 of the Criminal Code") is left alone.
 *
 * @example findCitedInstruments(paragraphs, ['CCPR/C/GC/37'], lib).map((c) => c.id) // ['ccpr-gc-37', 'udhr', …]
 */
export function findCitedInstruments(paragraphs: readonly string[], symbols: readonly string[], library: CitationLibrary): CitedInstrument[] {
  const found = new Map<string, CitedInstrument>();
  const add = (c: CitationInstrument, foundBy: CitedInstrument['foundBy']): CitedInstrument => {
    let entry = found.get(c.id);
    if (!entry) {
      entry = { id: c.id, symbol: c.symbol, title: c.title.en, foundBy, provisions: [] };
      found.set(c.id, entry);
    }
    return entry;
  };
  for (const symbol of symbols) {
    const c = library.bySymbol(symbol);
    if (c) add(c, 'symbol');
  }

  const named = library.instruments().filter((c) => NAMED_KINDS.has(c.kind) || c.symbol === null);
  const patterns = named.map((c) => ({ c, res: namePatterns(c) }));
  let carried: string | undefined; // the instrument a paragraph ending with ':' introduces to the next
  for (const text of paragraphs) {
    const mentions: Mention[] = [];
    for (const { c, res } of patterns) {
      for (const re of res) for (const m of text.matchAll(re)) mentions.push({ id: c.id, at: m.index, end: m.index + m[0].length });
    }
    for (const m of text.matchAll(GENERAL_COMMENT)) {
      const c = library.instruments().find((i) => i.shortTitle === `General Comment ${Number(m[1])}`);
      if (c) mentions.push({ id: c.id, at: m.index, end: m.index + m[0].length });
    }
    // Back-references resolve to the latest named instrument of that kind met so far.
    const named = [...mentions].sort((a, b) => a.at - b.at);
    for (const [re, fits] of BACK_REFERENCE) {
      for (const m of text.matchAll(re)) {
        const overlapped = mentions.some((x) => m.index >= x.at && m.index < x.end);
        const last = [...named].reverse().find((x) => x.at < m.index && fits(library.instrument(x.id)!));
        const id = last?.id ?? [...found.keys()].reverse().find((k) => fits(library.instrument(k)!));
        if (!overlapped && id) mentions.push({ id, at: m.index, end: m.index + m[0].length });
      }
    }
    mentions.sort((a, b) => a.at - b.at || b.end - a.end);
    for (const m of mentions) add(library.instrument(m.id)!, 'name');

    for (const p of text.matchAll(PROVISIONS)) {
      const after = p.index + p[0].length;
      const link = OF_LINK.exec(text.slice(after))!;
      const next = mentions.find((m) => m.at === after + link[0].length);
      let id: string | undefined;
      if (next) id = next.id;
      else if (/^,?\s*(?:of|under)\s/i.test(text.slice(after))) id = undefined; // another text: not ours
      else id = [...mentions].reverse().find((m) => m.end <= p.index)?.id ?? carried;
      if (!id) continue;
      const label = /^p/i.test(p[1]!) ? 'principle' : 'art.';
      const entry = found.get(id)!;
      for (const item of p[2]!.split(/\s*(?:,\s*and|,|and)\s*/)) {
        const pin = canonicalPin(`${label} ${item.trim()}`);
        if (!entry.provisions.includes(pin)) entry.provisions.push(pin);
      }
    }
    carried = /:\s*$/.test(text) ? mentions.at(-1)?.id : /^\s*(?:[-•–*]|\([a-z]\))\s/.test(text) ? carried : undefined;
  }
  return [...found.values()];
}
