/**
 * Romanization of personal and place names, for matching rather than for display.
 *
 * Tables used:
 * - **Cyrillic → Latin**: the Russian column of the transliteration table of ICAO Doc 9303 *Machine Readable
 *   Travel Documents*, Part 3, section 6 (the table printed in Russian and Kazakh passports since 2013):
 *   а a, б b, в v, г g, д d, е e, ё e, ж zh, з z, и i, й i, к k, л l, м m, н n, о o, п p, р r, с s, т t,
 *   у u, ф f, х kh, ц ts, ч ch, ш sh, щ shch, ъ ie, ы y, ь (dropped), э e, ю iu, я ia.
 *   The other Cyrillic letters listed by the same table (ґ g, ѓ g, ђ d, є ie, ѕ dz, і i, ї i, ј j, љ lj,
 *   њ nj, ќ k, ў u, џ dz, ѣ ie, ѳ f, ѵ y, ѫ u) are read with their table value.
 * - **Kazakh Cyrillic letters** (not in the ICAO table) are folded to the nearest plain letter, as the
 *   Kazakh passport office does: ә a, ғ g, қ k, ң n, ө o, ұ u, ү u, һ h, і i. Letters of the other Turkic
 *   and Tajik Cyrillic alphabets that appear in Central Asian lists are folded the same way (ҳ h, ҷ j, җ zh,
 *   ҙ z, ҡ k, ҫ s, ҝ g, ҹ j, ӣ i, ӯ u). Any other Cyrillic letter is read through its Unicode decomposition
 *   (ӓ → а → a) or, failing that, dropped: the output of {@link transliterateCyrillic} never holds Cyrillic.
 * - **Latin folding**: the Kazakh Latin alphabet of 2021 (A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö P Q R S Ş T
 *   U Ū Ü V Y Z, where I ı is і, İ i is и/й and Y y is ы) and its 2017–2019 drafts (Á Ǵ Ń Ó Ú Ý, Ç, Ŋ), plus
 *   the common European diacritics, folded by {@link foldLatin} to plain ASCII.
 *
 * Uppercase letters stay uppercase: a digraph is written "Shch" before a lowercase letter and "SHCH" in an
 * all-capitals word, so "ЩУКИН" gives "SHCHUKIN" (the passport form) and "Щукин" gives "Shchukin".
 *
 * Everything here is a lookup in tables built once when the module loads; no call compiles a pattern.
 */

/** One table entry: the Latin text for a lowercase letter; an uppercase letter reuses it, capitalised. */
type Table = Map<number, string>;

/**
 * The Cyrillic table, lowercase only (uppercase letters are derived from it). Order: ICAO Doc 9303 Russian
 * letters; Kazakh letters (project folding); letters of other Cyrillic alphabets.
 */
const CYRILLIC_LOWER: ReadonlyArray<readonly [string, string]> = [
  // ICAO Doc 9303 Part 3, Russian.
  ['а', 'a'], ['б', 'b'], ['в', 'v'], ['г', 'g'], ['д', 'd'], ['е', 'e'], ['ё', 'e'], ['ж', 'zh'],
  ['з', 'z'], ['и', 'i'], ['й', 'i'], ['к', 'k'], ['л', 'l'], ['м', 'm'], ['н', 'n'], ['о', 'o'],
  ['п', 'p'], ['р', 'r'], ['с', 's'], ['т', 't'], ['у', 'u'], ['ф', 'f'], ['х', 'kh'], ['ц', 'ts'],
  ['ч', 'ch'], ['ш', 'sh'], ['щ', 'shch'], ['ъ', 'ie'], ['ы', 'y'], ['ь', ''], ['э', 'e'], ['ю', 'iu'],
  ['я', 'ia'],
  // Kazakh letters, folded to the plain letter (project rule; not in the ICAO table).
  ['ә', 'a'], ['ғ', 'g'], ['қ', 'k'], ['ң', 'n'], ['ө', 'o'], ['ұ', 'u'], ['ү', 'u'], ['һ', 'h'], ['і', 'i'],
  // Other letters of the ICAO table (Ukrainian, Belarusian, Serbian, Macedonian, pre-1918 Russian).
  ['ґ', 'g'], ['ѓ', 'g'], ['ђ', 'd'], ['є', 'ie'], ['ѕ', 'dz'], ['ї', 'i'], ['ј', 'j'], ['љ', 'lj'],
  ['њ', 'nj'], ['ќ', 'k'], ['ћ', 'c'], ['ў', 'u'], ['џ', 'dz'], ['ѣ', 'ie'], ['ѳ', 'f'], ['ѵ', 'y'],
  ['ѫ', 'u'],
  // Uzbek, Kyrgyz, Tajik, Tatar, Bashkir and Azerbaijani Cyrillic letters, folded like the Kazakh ones.
  ['ҳ', 'h'], ['ҷ', 'j'], ['җ', 'zh'], ['ҙ', 'z'], ['ҡ', 'k'], ['ҫ', 's'], ['ҝ', 'g'], ['ҹ', 'j'],
  ['ӣ', 'i'], ['ӯ', 'u'], ['ӏ', ''],
];

/** The Unicode blocks whose every code point {@link transliterateCyrillic} maps to ASCII (or drops). */
const CYRILLIC_BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [0x0400, 0x052f], // Cyrillic, Cyrillic Supplement
  [0x1c80, 0x1c8f], // Cyrillic Extended-C
  [0x2de0, 0x2dff], // Cyrillic Extended-A (combining letters)
  [0xa640, 0xa69f], // Cyrillic Extended-B
];

/**
 * Latin letters with diacritics and special Latin letters, lowercase only. Most drop their mark; the ones
 * that stand for a Cyrillic digraph keep its ICAO spelling so both scripts meet (ş = ш → sh, ç = ч → ch,
 * ž = ж → zh), which is what the Kazakh, Turkish, Uzbek and Slavic Latin alphabets mean by them.
 */
const LATIN_LOWER: ReadonlyArray<readonly [string, string]> = [
  ...spread('àáâãäåāăąǎȁȃȧạảấầẩẫậắằẳẵặ', 'a'),
  ['ə', 'a'], ['æ', 'ae'],
  ...spread('ďđḍ', 'd'), ['ð', 'd'],
  ...spread('èéêëēĕėęěȅȇẹẻẽếềểễệ', 'e'),
  ...spread('ĝğġģǵǧ', 'g'),
  ...spread('ĥħḥ', 'h'),
  ...spread('ìíîïĩīĭįǐȉȋịỉı', 'i'), ['ĳ', 'ij'],
  ['ĵ', 'j'],
  ...spread('ķǩ', 'k'),
  ...spread('ĺļľŀł', 'l'),
  ...spread('ñńņňŋṅṇ', 'n'), ['ŉ', 'n'],
  ...spread('òóôõöøōŏőǒȍȏọỏốồổỗộớờởỡợơ', 'o'), ['œ', 'oe'],
  ...spread('ŕŗřȑȓ', 'r'),
  ...spread('śŝṣ', 's'), ['ş', 'sh'], ['ș', 'sh'], ['š', 'sh'], ['ß', 'ss'],
  ...spread('ţťŧțṭ', 't'), ['þ', 'th'],
  ...spread('ùúûüũūŭůűųǔǖǘǚǜȕȗụủứừửữựư', 'u'),
  ['ŵ', 'w'],
  ...spread('ýÿŷỳỵỷỹ', 'y'),
  ...spread('źẓ', 'z'), ['ż', 'zh'], ['ž', 'zh'],
  ['ç', 'ch'], ['č', 'ch'], ['ć', 'ch'], ['ĉ', 'c'], ['ċ', 'c'],
  // Apostrophe-like marks (ISO 9 soft and hard signs, Uzbek okina, typographic quotes) become "'".
  ['ʹ', "'"], ['ʺ', "'"], ['ʼ', "'"], ['ʻ', "'"], ['ʽ', "'"], ['‘', "'"], ['’', "'"], ['`', "'"], ['´', "'"],
];

/** Pairs every character of `letters` with the same Latin replacement. */
function spread(letters: string, latin: string): Array<readonly [string, string]> {
  return Array.from(letters, (letter) => [letter, latin] as const);
}

/** Adds a lowercase entry and, when the letter has a distinct uppercase form, that form too. */
function addWithUpper(table: Table, lower: string, latin: string): void {
  table.set(lower.codePointAt(0)!, latin);
  const upper = lower.toUpperCase();
  // 'ß'.toUpperCase() is "SS" (two letters): only single-letter uppercase forms are table keys.
  if (upper !== lower && [...upper].length === 1) table.set(upper.codePointAt(0)!, capitalise(latin));
}

/** "shch" → "Shch": the form an uppercase letter takes before a lowercase one. */
function capitalise(latin: string): string {
  return latin.length === 0 ? latin : latin[0]!.toUpperCase() + latin.slice(1);
}

/** Combining diacritical marks (U+0300–U+036F): what NFD splits off a base letter. */
function isCombiningMark(code: number): boolean {
  return code >= 0x0300 && code <= 0x036f;
}

/** Builds the Cyrillic table over every code point of {@link CYRILLIC_BLOCKS}. */
function buildCyrillicTable(): Table {
  const table: Table = new Map();
  for (const [lower, latin] of CYRILLIC_LOWER) addWithUpper(table, lower, latin);
  for (const [from, to] of CYRILLIC_BLOCKS) {
    for (let code = from; code <= to; code += 1) {
      if (table.has(code)) continue;
      table.set(code, fallbackCyrillic(table, code));
    }
  }
  return table;
}

/**
 * A Cyrillic letter the table does not list: its decomposition's base letter when that is listed (ӓ → а,
 * ӧ → о, ѐ → е), keeping the case; otherwise nothing. Called only while the table is built.
 */
function fallbackCyrillic(table: Table, code: number): string {
  const char = String.fromCodePoint(code);
  const base = char.normalize('NFD').codePointAt(0)!;
  if (base !== code) {
    const latin = table.get(base);
    if (latin !== undefined && isAscii(latin)) return latin;
  }
  const lower = char.toLowerCase();
  if (lower !== char && [...lower].length === 1) {
    const latin = table.get(lower.codePointAt(0)!);
    if (latin !== undefined && isAscii(latin)) return capitalise(latin);
  }
  return '';
}

/** True when every character is ASCII. */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Builds the Latin folding table. */
function buildLatinTable(): Table {
  const table: Table = new Map();
  for (const [lower, latin] of LATIN_LOWER) addWithUpper(table, lower, latin);
  // Turkish and Kazakh dotted capital I: "İ".toLowerCase() is two code points, so it is added by hand.
  table.set(0x0130, 'I');
  table.set(0x1e9e, 'SS'); // capital sharp s
  // Any other precomposed Latin letter loses its marks (ḱ → k, Ǻ → A) when what remains is ASCII.
  for (const [from, to] of LATIN_BLOCKS) {
    for (let code = from; code <= to; code += 1) {
      if (table.has(code)) continue;
      const bare = stripMarks(String.fromCodePoint(code));
      if (bare.length > 0 && isAscii(bare) && bare !== String.fromCodePoint(code)) table.set(code, bare);
    }
  }
  return table;
}

/** The blocks of precomposed Latin letters that {@link foldLatin} reads through their decomposition. */
const LATIN_BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [0x00c0, 0x024f], // Latin-1 Supplement letters, Latin Extended-A and -B
  [0x1e00, 0x1eff], // Latin Extended Additional
];

/** The text in NFD without its combining marks. */
function stripMarks(text: string): string {
  let out = '';
  const decomposed = text.normalize('NFD');
  for (let i = 0; i < decomposed.length; i += 1) {
    if (!isCombiningMark(decomposed.charCodeAt(i))) out += decomposed[i];
  }
  return out;
}

const CYRILLIC: Table = buildCyrillicTable();
const LATIN: Table = buildLatinTable();
/** Both tables in one, for {@link romanize}: the blocks do not overlap. */
const BOTH: Table = new Map([...LATIN, ...CYRILLIC]);

/** True when the character at `index` is a letter that is uppercase (any script). */
function isUpperAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  const char = text[index]!;
  return char !== char.toLowerCase();
}

/** True when the character at `index` is a letter that is lowercase (any script). */
function isLowerAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  if (code < 0x80) return code >= 0x61 && code <= 0x7a;
  const char = text[index]!;
  return char !== char.toUpperCase();
}

/**
 * Maps `text` through `table`. Characters outside the table pass unchanged, except combining marks that
 * follow a replaced letter (a stress accent on "а́"), which go with it. A multi-letter replacement of an
 * uppercase letter is written in capitals when the next letter is uppercase, or when no lowercase letter
 * follows and the previous letter is uppercase (the last letter of "ИВАНОВИЧ"); otherwise capitalised.
 */
function mapText(text: string, table: Table, dropMarks: boolean): string {
  // Only text holding a combining mark can change under NFC; plain text skips the normalisation.
  const source = needsComposition(text) ? text.normalize('NFC') : text;
  let out = '';
  let run = 0; // start of the current run of unchanged characters, copied in one slice
  let replacedPrevious = false;
  for (let i = 0; i < source.length; i += 1) {
    const code = source.charCodeAt(i);
    if (code < 0x80) {
      replacedPrevious = false;
      continue;
    }
    const mark = isCombiningMark(code) && (dropMarks || replacedPrevious);
    const latin = mark ? '' : table.get(code);
    if (latin === undefined) {
      replacedPrevious = false;
      continue;
    }
    if (run < i) out += source.slice(run, i);
    run = i + 1;
    if (mark) continue;
    replacedPrevious = true;
    if (latin.length > 1 && latin[0] !== latin[0]!.toLowerCase() && latin[1] === latin[1]!.toLowerCase()) {
      const capitals = isUpperAt(source, i + 1) || (!isLowerAt(source, i + 1) && isUpperAt(source, i - 1));
      out += capitals ? latin.toUpperCase() : latin;
    } else {
      out += latin;
    }
  }
  return run === 0 ? source : out + source.slice(run);
}

/** True when the text holds a combining mark, so that NFC may change it. */
function needsComposition(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0x0300 && code <= 0x036f) return true;
  }
  return false;
}

/**
 * Transliterates Russian and Kazakh Cyrillic (and the other Cyrillic alphabets) to Latin per ICAO Doc 9303
 * Part 3, with the Kazakh letters folded as described in this module's header. Non-Cyrillic characters pass
 * unchanged, so mixed text ("Иванов / Ivanov") keeps its Latin part. Every Cyrillic code point becomes ASCII
 * or is dropped (the soft sign, combining titlo), so the result holds no Cyrillic and transliterating it
 * again changes nothing.
 *
 * @example transliterateCyrillic('Щукин') // 'Shchukin'
 * @example transliterateCyrillic('ЩУКИН') // 'SHCHUKIN'
 * @example transliterateCyrillic('Жаңаөзен') // 'Zhanaozen'
 */
export function transliterateCyrillic(text: string): string {
  return mapText(text, CYRILLIC, false);
}

/**
 * Folds Latin letters with diacritics to plain ASCII: the Kazakh Latin alphabet of 2021 (ä a, ğ g, ı i, İ I,
 * ñ n, ö o, ş sh, ū u, ü u; q stays q) and its drafts (á, ǵ, ń, ó, ú, ý, ç ch, ŋ n), Turkish, Uzbek, Slavic
 * and Western European letters (é e, ø o, ß ss, æ ae, ł l, č ch, š sh, ž zh), and apostrophe-like marks to
 * "'". Combining marks are dropped. Characters of other scripts pass unchanged. Idempotent.
 *
 * @example foldLatin('Älıbek') // 'Alibek'
 * @example foldLatin('Qaırat Şaripūly') // 'Qairat Sharipuly'
 */
export function foldLatin(text: string): string {
  return mapText(text, LATIN, true);
}

/**
 * {@link transliterateCyrillic} then {@link foldLatin}, in one pass: any Cyrillic or Latin name to plain
 * ASCII letters. What the name key reads.
 *
 * @example romanize('Әлібек Älıbek') // 'Alibek Alibek'
 */
export function romanize(text: string): string {
  return mapText(text, BOTH, true);
}
