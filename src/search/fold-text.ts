/**
 * The one tokenizer of the public search, used for what is indexed and for what is asked, on both
 * databases: SQLite's FTS5 and PostgreSQL's `to_tsvector('simple', …)` receive text that is already folded
 * into lower-case words separated by single spaces, so that both see the same tokens and a query finds the
 * same letters on either (neither database's own folding nor PostgreSQL's `unaccent` extension, which needs
 * a superuser to install, is relied on).
 *
 * A word is a run of letters and digits (any script); marks are dropped (é → e, Arabic harakat removed),
 * compatibility forms are unified (NFKD: ﬁ → fi, full-width digits → digits), and the letters that do not
 * decompose are folded by hand as `unaccent` does (ø → o, ł → l, ß → ss, æ → ae…). Everything else — spaces,
 * punctuation, slashes of `1/2022` — separates words.
 */

// Letters with no canonical decomposition that readers nonetheless type without their stroke or ligature.
const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  ø: 'o', đ: 'd', ł: 'l', ħ: 'h', ŧ: 't', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd', ŋ: 'n', ĸ: 'k', ſ: 's',
};
const EXTRA = new RegExp(`[${Object.keys(EXTRA_FOLDS).join('')}]`, 'g');
const MARKS = /\p{M}+/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/u;

/** The longest word kept: longer runs (hashes, base64) are cut, not indexed whole. */
export const MAX_WORD_LENGTH = 64;

/** Folds one piece of text to its comparable form, without splitting it: `Défenseur` → `defenseur`. */
export function foldWord(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(EXTRA, (ch) => EXTRA_FOLDS[ch]!).normalize('NFC');
}

/** The words of a text, folded, in order: `Ms. Zhanbolat «Ахмедов», 1/2022` → `ms zhanbolat ахмедов 1 2022`. */
export function searchWords(text: string): string[] {
  const words: string[] = [];
  for (const part of foldWord(text).split(SEPARATORS)) {
    if (part !== '') words.push(part.length > MAX_WORD_LENGTH ? part.slice(0, MAX_WORD_LENGTH) : part);
  }
  return words;
}

/** The text as the index receives it: its words joined by single spaces. */
export function searchText(...parts: ReadonlyArray<string | null | undefined>): string {
  return parts.flatMap((p) => (p ? searchWords(p) : [])).join(' ');
}
