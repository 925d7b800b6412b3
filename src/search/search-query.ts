import { AppError } from '../errors.ts';
import { searchWords } from './fold-text.ts';

/**
 * The search language of the public database, small enough to explain in one line of help:
 * words are all required (`torture detention`); `"quoted words"` must follow one another; `detain*` finds
 * every word that starts so; `-word` or `-"a phrase"` excludes; `A OR B` accepts either. Words are folded
 * as the index folds them (fold-text.ts), so `Défenseur` finds `defenseur`, and a typed reference such as
 * `1/2022` is the phrase `1 2022`. One parse, then one compiler per database.
 */

/** Consecutive words; `prefix`: the last one is a prefix. */
export interface Phrase {
  words: string[];
  prefix: boolean;
}

/** A requirement: one of its phrases must (or, negated, none may) occur. */
export interface Clause {
  anyOf: Phrase[];
  negated: boolean;
}

/** A parsed query: every clause holds. */
export interface SearchQuery {
  clauses: Clause[];
}

/** The longest query text accepted. */
export const MAX_QUERY_LENGTH = 500;
/** The most words and phrases one query may hold. */
export const MAX_QUERY_TERMS = 24;
/** The shortest prefix (in letters or digits) a `*` may follow: shorter ones match most of the index. */
export const MIN_PREFIX_LENGTH = 2;

const invalid = (message: string, details: Record<string, unknown> = {}) => new AppError('QUERY_INVALID', message, { field: 'q', ...details });

interface Token {
  text: string;
  quoted: boolean;
  negated: boolean;
  prefix: boolean;
}

/** Splits the raw text into items: quoted phrases, words, `OR`; an unclosed quote runs to the end. */
function tokenize(q: string): Array<Token | 'OR'> {
  const out: Array<Token | 'OR'> = [];
  const re = /(-?)"([^"]*)("?)(\*?)|(\S+)/gu;
  for (const m of q.matchAll(re)) {
    if (m[5] !== undefined) {
      const raw = m[5];
      if (raw === 'OR') {
        out.push('OR');
        continue;
      }
      const negated = raw.startsWith('-') && raw.length > 1;
      const body = negated ? raw.slice(1) : raw;
      const prefix = body.endsWith('*');
      out.push({ text: prefix ? body.replace(/\*+$/u, '') : body, quoted: false, negated, prefix });
    } else {
      out.push({ text: m[2] ?? '', quoted: true, negated: m[1] === '-', prefix: m[4] === '*' });
    }
  }
  return out;
}

/**
 * Parses what a visitor typed. Returns undefined for an empty query (no text search: every letter).
 * QUERY_INVALID when the text is too long, holds nothing to search for (only punctuation, or only
 * exclusions), has too many terms, or a prefix shorter than {@link MIN_PREFIX_LENGTH}.
 *
 * @example parseSearchQuery('"arbitrary detention" Kazakhstan -acknowledg*')
 */
export function parseSearchQuery(q: string | undefined): SearchQuery | undefined {
  if (q === undefined || q.trim() === '') return undefined;
  if (q.length > MAX_QUERY_LENGTH) throw invalid(`a search is at most ${MAX_QUERY_LENGTH} characters long`, { max: MAX_QUERY_LENGTH });
  const clauses: Clause[] = [];
  let joinNext = false;
  let terms = 0;
  for (const token of tokenize(q)) {
    if (token === 'OR') {
      joinNext = clauses.length > 0;
      continue;
    }
    const words = searchWords(token.text);
    if (words.length === 0) continue;
    if (++terms > MAX_QUERY_TERMS) throw invalid(`a search holds at most ${MAX_QUERY_TERMS} words or phrases`, { max: MAX_QUERY_TERMS });
    if (token.prefix && words.at(-1)!.length < MIN_PREFIX_LENGTH) {
      throw invalid(`a prefix search needs at least ${MIN_PREFIX_LENGTH} letters before the *`, { min: MIN_PREFIX_LENGTH });
    }
    const phrase: Phrase = { words, prefix: token.prefix };
    const last = clauses.at(-1);
    if (joinNext && last && !last.negated && !token.negated) last.anyOf.push(phrase);
    else clauses.push({ anyOf: [phrase], negated: token.negated });
    joinNext = false;
  }
  if (clauses.length === 0) throw invalid('the search holds no word to look for');
  if (clauses.every((c) => c.negated)) throw invalid('a search cannot only exclude words: add a word to look for');
  return { clauses };
}

/** The query as SQLite FTS5 reads it: every word quoted, so that no word is taken for an operator. */
export function toFts5(query: SearchQuery): string {
  const phrase = (p: Phrase) => `"${p.words.join(' ')}"${p.prefix ? ' *' : ''}`;
  const clause = (c: Clause) => (c.anyOf.length === 1 ? phrase(c.anyOf[0]!) : `(${c.anyOf.map(phrase).join(' OR ')})`);
  const positive = query.clauses.filter((c) => !c.negated).map(clause).join(' AND ');
  const negative = query.clauses.filter((c) => c.negated).map((c) => ` NOT ${clause(c)}`).join('');
  return negative ? `(${positive})${negative}` : positive;
}

/**
 * The query as a PostgreSQL `tsquery` literal (cast with `::tsquery`, so that no parser or dictionary of the
 * database changes a word): `'arbitrary' <-> 'detention' & 'kazakhstan' & !'acknowledg':*`.
 */
export function toTsquery(query: SearchQuery): string {
  const phrase = (p: Phrase) => {
    const words = p.words.map((w, i) => `'${w}'${p.prefix && i === p.words.length - 1 ? ':*' : ''}`);
    return words.length === 1 ? words[0]! : `(${words.join(' <-> ')})`;
  };
  const clause = (c: Clause) => {
    const inner = c.anyOf.length === 1 ? phrase(c.anyOf[0]!) : `(${c.anyOf.map(phrase).join(' | ')})`;
    return c.negated ? `!${inner}` : inner;
  };
  return query.clauses.map(clause).join(' & ');
}

/**
 * A `tsvector` literal of folded text: each word with its positions (1-based, as PostgreSQL counts; it keeps
 * positions up to 16,383, so a phrase beyond that point of a very long text may be missed there).
 */
export function toTsvector(folded: string): string {
  const positions = new Map<string, number[]>();
  let position = 0;
  for (const word of folded.split(' ')) {
    if (word === '') continue;
    position = Math.min(position + 1, 16_383);
    const list = positions.get(word);
    if (list === undefined) positions.set(word, [position]);
    else if (list.at(-1) !== position && list.length < 256) list.push(position);
  }
  return [...positions].map(([word, ps]) => `'${word}':${ps.join(',')}`).join(' ');
}
