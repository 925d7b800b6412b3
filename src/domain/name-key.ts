import { romanize } from './transliterate.ts';

/**
 * Name keys: what lets "Жанбулатов Нұрлан Серикович", "Nurlan Zhanbulatov" and "JANBULATOV Nurlan" be found
 * as one person when a list of detainees is imported, whatever the script, the romanization or the order.
 *
 * A full name is romanized ({@link romanize}: ICAO Doc 9303 for Cyrillic, Kazakh letters folded), split
 * into words, each word turned into a *phonetic key*, and the words assigned to family name, given name
 * and patronymic. The key is deliberately coarse where romanizations disagree and exact elsewhere.
 *
 * ## Phonetic key (one word)
 * Lowercase letters are kept; five sounds that Latin spells in several ways get one uppercase symbol each:
 *
 * | symbol | sound | spellings merged |
 * |---|---|---|
 * | `J` | ж | zh, j (Kazakh 2021 Latin, English "Janbulatov"), dzh, dj (дж is one sound in names) |
 * | `H` | х, һ | kh, h, x at the start of a word (Uzbek "Xasanov") |
 * | `C` | ц | ts, tz, tc (Russian passports 2006–2010), c before e/i/y |
 * | `Q` | ч | ch, tch, tsch, cz |
 * | `S` | ш | sh, sz; щ is `SQ` (shch, sch) |
 *
 * and these letters are rewritten:
 * - vowels: y → i, so ы = и and й = и (Aigul = Aygul, Dmitrii = Dmitriy = Dmitry); "ye" → e (Yerzhan =
 *   Erzhan = Ержан, Aliyev = Aliev); "yo" after a consonant → e (Fyodor = Fedor = Фёдор, ICAO ё → e);
 *   "ya", "yu" become "ia", "iu" as in ICAO (Yulia = Iuliia), but are NOT merged with "a", "u": that would
 *   make Yana = Ana.
 * - j before a consonant or at the end, after a vowel, is й (Sergej = Sergei, Ajgul = Aigul); elsewhere it
 *   is ж (Janbulatov, Erjan). German-style "Jurij", "Julia" therefore do not meet "Yuri", "Yulia": in this
 *   register the Kazakh and English j = ж is far more frequent, and the review step sees both.
 * - c before a, o, u or a consonant and "ck" → k (Victor = Viktor, Nicolai = Nikolai); q → k (Kazakh 2021
 *   "Qairat" = Kairat = Қайрат); x elsewhere → ks (Alexander = Aleksandr, Maxim = Maksim); w → v
 *   (Iwanow = Ivanov); ph → f; th → t; gh → g (ғ).
 * - doubled symbols collapse (Mukhammed = Mukhamed, Iuliia = Iulia, Dmitrii = Dmitri).
 * Not merged, on purpose: ш with с, ч with ц, ы/и with е, voiced with voiceless consonants, and any spelling
 * error. A key that merges too much sends unrelated people to review; typos are the later probabilistic
 * linkage's job.
 *
 * ## Family name stem
 * Russian-type surnames change with sex. The family key is the masculine (dictionary) form and the ending
 * gives a sex hint: -ov/-ova, -ev/-eva, -in/-ina, -skii/-skaia (-sky, -skiy, -skaya), -tskii/-tskaia, and
 * the Kazakh -uly/-kyzy surnames (ұлы/қызы, kept as the -uly form). So Zhanbulatova has family
 * `Janbulatov` and familySex 'f'. An -in ending needs three letters of stem, so Kim, Lin, Shin are left
 * alone (and Ilin/Ilina, whose stem is two letters, keep distinct keys).
 *
 * ## Parts and order
 * Recognised, in this order of confidence: a comma ("Zhanbulatov, Nurlan"); one word in capitals among
 * mixed case ("ZHANBULATOV Nurlan"); a patronymic (-ovich, -evich, -ovna, -evna, -ichna, -ich, glued
 * -uly/-kyzy/-ogly or as separate words "Болат қызы"), which fixes "Family Given Patronymic" (official
 * Russian and Kazakh order) against "Given Patronymic Family"; a surname ending (-ov, -eva, -skii… beat
 * -in/-ina, which are also given names: Marina, Galina). When nothing decides, the name has two
 * readings: the official "Family Given" first, then "Given Family" ({@link nameKeyReadings}).
 * A patronymic's key is the father's name: Serikovich, Serikovna, Serikuly and "Serik kyzy" all give
 * `serik`, so the Russian and Kazakh forms of one patronymic agree.
 *
 * Every table is built once when the module loads; a key is a few passes over the characters of the name,
 * with no regular expression.
 */

/** A sex hint carried by a gendered ending: masculine or feminine form. @example const s: NameSex = 'f'; */
export type NameSex = 'm' | 'f';

/**
 * The key of one reading of a full name.
 *
 * @example
 * nameKey('Жанбулатова Айгүл Болатқызы')
 * // { family: 'Janbulatov', familySex: 'f', given: 'aigul', givenInitial: 'a',
 * //   patronymic: 'bolat', patronymicSex: 'f', full: 'Janbulatov|aigul' }
 */
export interface NameKey {
  /** Gender-neutral family key: the phonetic key of the masculine form ('' when the name has no word). */
  family: string;
  /** The sex the family name's ending shows (Zhanbulatov 'm', Zhanbulatova 'f'), null when it shows none. */
  familySex: NameSex | null;
  /** Phonetic key of the (first) given name, null when only an initial or nothing is known. */
  given: string | null;
  /** First symbol of the given name's key, or of the first initial when only initials are written. */
  givenInitial: string | null;
  /** Phonetic key of the father's name read from the patronymic, null when there is none. */
  patronymic: string | null;
  /** The sex the patronymic shows (-ovich, -uly 'm'; -ovna, -kyzy 'f'). */
  patronymicSex: NameSex | null;
  /** Stable string to index a name by: `family + '|' + (given ?? '')`. */
  full: string;
}

// ---------------------------------------------------------------------------------------------------------
// Phonetic key of one word

/** Character codes of the lowercase letters the scanner tests. */
const A = 97;
const Z = 122;

/** True for the Latin vowel letters, y included (it is a vowel in every romanization used here). */
function isVowel(char: string | undefined): boolean {
  return char === 'a' || char === 'e' || char === 'i' || char === 'o' || char === 'u' || char === 'y';
}

/**
 * The phonetic symbols of one word of lowercase ASCII letters, before doubled symbols are collapsed (the
 * endings are read on this form, so that "Serikkyzy" still shows "serik" + "kyzy").
 */
function rawKey(word: string): string {
  let out = '';
  const n = word.length;
  let i = 0;
  while (i < n) {
    const c = word[i]!;
    const next = word[i + 1];
    switch (c) {
      case 's':
        if (next === 'h' && word[i + 2] === 'c' && word[i + 3] === 'h') {
          out += 'SQ'; // shch = щ
          i += 4;
        } else if (next === 'c' && word[i + 2] === 'h') {
          out += 'SQ'; // sch = щ in English-style romanizations (Khruschev)
          i += 3;
        } else if (next === 'h' || next === 'z') {
          out += 'S';
          i += 2;
        } else {
          out += 's';
          i += 1;
        }
        break;
      case 'c':
        if (next === 'h' || next === 'z') {
          out += 'Q';
          i += 2;
        } else if (next === 'k') {
          out += 'k';
          i += 2;
        } else {
          out += next === 'e' || next === 'i' || next === 'y' ? 'C' : 'k';
          i += 1;
        }
        break;
      case 't':
        if (next === 's' && word[i + 2] === 'c' && word[i + 3] === 'h') {
          out += 'Q'; // tsch = ч (German)
          i += 4;
        } else if (next === 'c' && word[i + 2] === 'h') {
          out += 'Q'; // tch = ч (French)
          i += 3;
        } else if (next === 's' || next === 'z' || next === 'c') {
          out += 'C';
          i += 2;
        } else {
          out += 't';
          i += next === 'h' ? 2 : 1;
        }
        break;
      case 'z':
        out += next === 'h' ? 'J' : 'z';
        i += next === 'h' ? 2 : 1;
        break;
      case 'd':
        if (next === 'z' && word[i + 2] === 'h') {
          out += 'J';
          i += 3;
        } else if (next === 'j') {
          out += 'J';
          i += 2;
        } else {
          out += 'd';
          i += 1;
        }
        break;
      case 'k':
        out += next === 'h' ? 'H' : 'k';
        i += next === 'h' ? 2 : 1;
        break;
      case 'g':
        out += 'g';
        i += next === 'h' ? 2 : 1;
        break;
      case 'p':
        out += next === 'h' ? 'f' : 'p';
        i += next === 'h' ? 2 : 1;
        break;
      case 'h':
        out += 'H';
        i += 1;
        break;
      case 'x':
        out += i === 0 ? 'H' : 'ks';
        i += 1;
        break;
      case 'q':
        out += 'k';
        i += 1;
        break;
      case 'w':
        out += 'v';
        i += 1;
        break;
      case 'j':
        out += isVowel(word[i - 1]) && (next === undefined || !isVowel(next)) ? 'i' : 'J';
        i += 1;
        break;
      case 'y':
        if (next === 'e') {
          i += 1; // "ye" is е: the e alone carries it
        } else if (next === 'o' && i > 0 && !isVowel(word[i - 1])) {
          out += 'e'; // "yo" after a consonant is ё, which ICAO writes e
          i += 2;
        } else {
          out += 'i';
          i += 1;
        }
        break;
      default:
        out += c;
        i += 1;
    }
  }
  return out;
}

/** Collapses runs of one symbol to a single symbol: "Iuliia" → "Iulia". */
function collapse(key: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < key.length; i += 1) {
    const c = key[i]!;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

/** `stem + ending`, without doubling the symbol where they meet ("ili" + "in" → "ilin"). */
function join(stem: string, ending: string): string {
  return stem.length > 0 && ending.length > 0 && stem[stem.length - 1] === ending[0] ? stem + ending.slice(1) : stem + ending;
}

/** Length of the stem once it is joined to `ending` (the shared symbol counts for the ending). */
function stemLength(stem: string, ending: string): number {
  return stem.length > 0 && ending.length > 0 && stem[stem.length - 1] === ending[0] ? stem.length - 1 : stem.length;
}

// ---------------------------------------------------------------------------------------------------------
// Endings

/**
 * Gendered family-name endings, on the raw key, longest first: [ending, masculine ending, sex, strength,
 * shortest stem]. Strength 2 endings are surnames beyond doubt; -in/-ina (strength 1) also end given
 * names (Marina, Galina, Amin).
 */
const FAMILY_ENDINGS: ReadonlyArray<readonly [string, string, NameSex, 1 | 2, number]> = [
  ['skaia', 'ski', 'f', 2, 2],
  ['Ckaia', 'Cki', 'f', 2, 2],
  ['skii', 'ski', 'm', 2, 2],
  ['Ckii', 'Cki', 'm', 2, 2],
  ['kizi', 'uli', 'f', 2, 2],
  ['ova', 'ov', 'f', 2, 2],
  ['eva', 'ev', 'f', 2, 2],
  ['ina', 'in', 'f', 1, 3],
  ['ski', 'ski', 'm', 2, 2],
  ['Cki', 'Cki', 'm', 2, 2],
  ['uli', 'uli', 'm', 2, 2],
  ['ov', 'ov', 'm', 2, 2],
  ['ev', 'ev', 'm', 2, 2],
  ['in', 'in', 'm', 1, 3],
];

/**
 * Patronymic suffixes, on the raw key: [suffix, sex, strength, restore й]. Strength 1 (-ich) is also a
 * surname ending (Babich), so it only decides when nothing stronger does. "Restore й": -evich after a
 * vowel comes from a name in -й (Sergeevich ← Sergei, Nikolaevich ← Nikolai), so the father's key gets
 * its final i back.
 */
const PATRONYMIC_SUFFIXES: ReadonlyArray<readonly [string, NameSex, 1 | 2, boolean]> = [
  ['oviQ', 'm', 2, false],
  ['eviQ', 'm', 2, true],
  ['ovna', 'f', 2, false],
  ['evna', 'f', 2, true],
  ['iQna', 'f', 2, false],
  ['kizi', 'f', 2, false],
  ['ogli', 'm', 2, false],
  ['oglu', 'm', 2, false],
  ['uli', 'm', 2, false],
  ['iQ', 'm', 1, false],
];

/** Separate words that make the word before them a patronymic: "Болат қызы", "Serik uly", "Ali o'g'li". */
const PATRONYMIC_WORDS: ReadonlyMap<string, NameSex> = new Map<string, NameSex>([
  ['uli', 'm'],
  ['ulu', 'm'],
  ['kizi', 'f'],
  ['ogli', 'm'],
  ['oglu', 'm'],
]);

/** A family-name segment folded to its masculine key, with the ending's sex and strength. */
interface FamilyPart {
  key: string;
  sex: NameSex | null;
  strength: 0 | 1 | 2;
}

/** Folds one raw family-name segment: "Janbulatova" → { key: "Janbulatov", sex: 'f', strength: 2 }. */
function foldFamily(raw: string): FamilyPart {
  const last = raw[raw.length - 1];
  if (last !== 'a' && last !== 'i' && last !== 'v' && last !== 'n') return { key: collapse(raw), sex: null, strength: 0 };
  for (const [ending, masculine, sex, strength, shortest] of FAMILY_ENDINGS) {
    if (!raw.endsWith(ending)) continue;
    const stem = collapse(raw.slice(0, raw.length - ending.length));
    if (stemLength(stem, masculine) < shortest) break;
    return { key: join(stem, masculine), sex, strength };
  }
  return { key: collapse(raw), sex: null, strength: 0 };
}

/** A patronymic read from its suffix: the father's name key and the sex. */
interface Patronymic {
  stem: string;
  sex: NameSex;
  strength: 1 | 2;
}

/** Reads a patronymic suffix off a raw key: "serikoviQ" → { stem: "serik", sex: 'm', strength: 2 }. */
function readPatronymic(raw: string): Patronymic | null {
  const end = raw[raw.length - 1];
  if (end !== 'Q' && end !== 'a' && end !== 'i' && end !== 'u') return null;
  for (const [suffix, sex, strength, restoreI] of PATRONYMIC_SUFFIXES) {
    if (!raw.endsWith(suffix)) continue;
    let stem = collapse(raw.slice(0, raw.length - suffix.length));
    if (stem.length < 2) return null;
    const last = stem[stem.length - 1];
    if (restoreI && isVowel(last) && last !== 'i') stem += 'i';
    return { stem, sex, strength };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Words of a full name

/** One word of a name after romanization. */
interface Word {
  /** Raw keys of the hyphen-separated segments ("Petrova-Vodkina" has two). */
  segments: string[];
  /** Collapsed key of the whole word, segments run together. */
  key: string;
  /** Written in capitals (two letters or more). */
  upper: boolean;
  /** A comma or semicolon follows it. */
  comma: boolean;
  /** Set when the word is a patronymic: by a suffix, or by a following "uly"/"kyzy" word. */
  patronymic: Patronymic | null;
  /** True when a separate "uly"/"kyzy" word followed it ("Болат қызы"), merged into this word. */
  marked: boolean;
}

/** The words and initials of a name, in order. */
interface Parsed {
  words: Word[];
  /** Keys of the initials ("N.", "Zh.", a lone letter), in order. */
  initials: string[];
  /** Keys of every piece, words and initials, in written order (for {@link phoneticKey}). */
  pieces: string[];
}

/**
 * Splits a romanized name into words and initials. Letters make words, apostrophes are ignored (Il'in =
 * Ilin), hyphens separate segments of one word; anything else separates words. A piece is an initial when
 * its key is one symbol ("N", "Zh"), or at most two symbols and followed by a dot ("Iu.", "Shch.").
 */
function parse(fullName: string): Parsed {
  const text = romanize(fullName);
  const state: ParseState = { words: [], initials: [], pieces: [], segments: [], segment: '', letters: 0, uppers: 0 };
  let run = -1; // start of the current run of letters, copied into the segment in one slice
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= A && code <= Z) {
      if (run < 0) run = i;
      state.letters += 1;
    } else if (code >= 0x41 && code <= 0x5a) {
      if (run < 0) run = i;
      state.letters += 1;
      state.uppers += 1;
    } else {
      if (run >= 0) state.segment += text.slice(run, i);
      run = -1;
      if (code === 0x27) continue; // apostrophe: soft sign or okina, part of the word
      if (code === 0x2d) endSegment(state);
      else endPiece(state, code);
    }
  }
  if (run >= 0) state.segment += text.slice(run);
  endPiece(state, 0);
  return { words: mergePatronymicWords(state.words), initials: state.initials, pieces: state.pieces };
}

/** What {@link parse} accumulates (top-level helpers rather than closures: they run for every name). */
interface ParseState extends Parsed {
  /** Raw keys of the finished segments of the current piece. */
  segments: string[];
  /** Letters of the current segment, as written (lowercased when the segment closes). */
  segment: string;
  /** Letters, and uppercase letters, of the current piece. */
  letters: number;
  uppers: number;
}

/** Closes the current hyphen-separated segment. */
function endSegment(state: ParseState): void {
  if (state.segment.length > 0) state.segments.push(rawKey(state.segment.toLowerCase()));
  state.segment = '';
}

/** Closes the current piece at a separator (code 0 at the end of the text). */
function endPiece(state: ParseState, separator: number): void {
  endSegment(state);
  const segments = state.segments;
  const comma = separator === 0x2c || separator === 0x3b;
  if (segments.length === 0) {
    if (comma && state.words.length > 0) state.words[state.words.length - 1]!.comma = true;
    return;
  }
  const whole = segments.length === 1 ? segments[0]! : segments.join('');
  const key = collapse(whole);
  state.pieces.push(key);
  if (key.length === 1 || (key.length <= 2 && separator === 0x2e)) {
    state.initials.push(key);
  } else {
    const upper = state.letters >= 2 && state.uppers === state.letters;
    state.words.push({ segments, key, upper, comma, patronymic: readPatronymic(whole), marked: false });
  }
  state.segments = [];
  state.letters = 0;
  state.uppers = 0;
}

/** Folds "Bolat kyzy" into one patronymic word "Bolat" (stem bolat, sex f); a lone marker is dropped. */
function mergePatronymicWords(words: Word[]): Word[] {
  const out: Word[] = [];
  for (const word of words) {
    const sex = PATRONYMIC_WORDS.get(word.key);
    if (sex === undefined) {
      out.push(word);
      continue;
    }
    const previous = out[out.length - 1];
    if (previous === undefined) continue;
    previous.patronymic = { stem: previous.key, sex, strength: 2 };
    previous.marked = true;
    previous.comma = previous.comma || word.comma;
  }
  return out;
}

/** Patronymic strength of a word: 2 certain (-ovich, -uly, "… kyzy"), 1 possible (-ich), 0 none. */
function patronymicStrength(word: Word): 0 | 1 | 2 {
  return word.patronymic === null ? 0 : word.patronymic.strength;
}

/** Surname-ending strength of a word (its last segment): 2 for -ov, -eva, -skii, -uly…; 1 for -in/-ina. */
function surnameStrength(word: Word): 0 | 1 | 2 {
  return foldFamily(word.segments[word.segments.length - 1]!).strength;
}

// ---------------------------------------------------------------------------------------------------------
// Readings

/** The assignment of words to parts that one reading makes. */
interface Assignment {
  family: Word[];
  given: Word | null;
  patronymic: Word | null;
}

/** Builds the key of one reading. */
function toKey(assignment: Assignment, initials: string[]): NameKey {
  const { family: familyWords, given: givenWord, patronymic: patronymicWord } = assignment;
  const keys: string[] = [];
  let familySex: NameSex | null = null;
  let sexConflict = false;
  for (const word of familyWords) {
    if (word.marked && word.patronymic !== null) {
      // "Bolat kyzy" standing as a surname: keyed as the glued -uly form (Bolatuly, Bolatkyzy).
      keys.push(join(word.patronymic.stem, 'uli'));
      ({ familySex, sexConflict } = combineSex(familySex, sexConflict, word.patronymic.sex));
      continue;
    }
    for (const segment of word.segments) {
      const part = foldFamily(segment);
      keys.push(part.key);
      ({ familySex, sexConflict } = combineSex(familySex, sexConflict, part.sex));
    }
  }
  const family = keys.join('-');
  const given = givenWord === null ? null : givenWord.key;
  const givenInitial = given !== null ? given[0]! : initials.length > 0 ? initials[0]![0]! : null;
  const patronymic = patronymicWord?.patronymic ?? null;
  return {
    family,
    familySex: sexConflict ? null : familySex,
    given,
    givenInitial,
    patronymic: patronymic === null ? null : patronymic.stem,
    patronymicSex: patronymic === null ? null : patronymic.sex,
    full: `${family}|${given ?? ''}`,
  };
}

/** Accumulates the sex hints of several family segments; disagreeing hints give none. */
function combineSex(
  current: NameSex | null,
  conflict: boolean,
  next: NameSex | null,
): { familySex: NameSex | null; sexConflict: boolean } {
  if (next === null) return { familySex: current, sexConflict: conflict };
  if (current !== null && current !== next) return { familySex: current, sexConflict: true };
  return { familySex: next, sexConflict: conflict };
}

/** Given name and patronymic among the words left once the family name is known (comma or capitals). */
function assignRest(family: Word[], rest: Word[]): Assignment {
  const given = rest.find((word) => patronymicStrength(word) < 2) ?? rest[0] ?? null;
  const patronymic = rest.find((word) => word !== given && patronymicStrength(word) > 0) ?? null;
  return { family, given, patronymic };
}

/** The assignments a name allows, most probable first. */
function assignments(words: Word[]): Assignment[] {
  const n = words.length;
  if (n === 0) return [];

  // A comma after a word that is not the last: everything before it is the family name.
  let comma = -1;
  for (let i = 0; i < n && comma < 0; i += 1) if (words[i]!.comma) comma = i;
  if (comma >= 0 && comma < n - 1) return [assignRest(words.slice(0, comma + 1), words.slice(comma + 1))];

  // Capitals: one run of words in capitals among words that are not is the family name (UN style).
  let first = -1;
  for (let i = 0; i < n && first < 0; i += 1) if (words[i]!.upper) first = i;
  if (first >= 0) {
    let last = first;
    while (last + 1 < n && words[last + 1]!.upper) last += 1;
    const all = first === 0 && last === n - 1;
    let contiguous = true;
    for (let i = last + 1; i < n; i += 1) if (words[i]!.upper) contiguous = false;
    if (!all && contiguous) {
      return [assignRest(words.slice(first, last + 1), [...words.slice(0, first), ...words.slice(last + 1)])];
    }
  }

  const w0 = words[0]!;
  const wLast = words[n - 1]!;
  if (n === 1) return [{ family: [w0], given: null, patronymic: w0.marked ? w0 : null }];

  if (n === 2) {
    const w1 = words[1]!;
    // "Aigul Bolat kyzy": a patronymic written as separate words, standing as the surname.
    if (w1.marked && !w0.marked) return [{ family: [w1], given: w0, patronymic: w1 }];
    if (w0.marked && !w1.marked) return [{ family: [w0], given: w1, patronymic: w0 }];
    const s0 = surnameStrength(w0);
    const s1 = surnameStrength(w1);
    const familyFirst: Assignment = { family: [w0], given: w1, patronymic: null };
    const givenFirst: Assignment = { family: [w1], given: w0, patronymic: null };
    if (s0 > s1) return [familyFirst];
    if (s1 > s0) return [givenFirst];
    return [familyFirst, givenFirst];
  }

  // Three words or more.
  const w1 = words[1]!;
  const p1 = patronymicStrength(w1);
  const pLast = patronymicStrength(wLast);
  if (p1 === 2) return [{ family: words.slice(2), given: w0, patronymic: w1 }];
  if (pLast > 0) return [{ family: [w0], given: w1, patronymic: wLast }];
  if (p1 === 1) return [{ family: words.slice(2), given: w0, patronymic: w1 }];
  const s0 = surnameStrength(w0);
  const sLast = surnameStrength(wLast);
  const familyFirst: Assignment = { family: [w0], given: w1, patronymic: null };
  const familyLast: Assignment = { family: [wLast], given: w0, patronymic: null };
  if (s0 > sLast) return [familyFirst];
  if (sLast > s0) return [familyLast];
  return [familyFirst, familyLast];
}

/** The key of a name with no word at all (empty, or initials only). */
function emptyKey(initials: string[]): NameKey {
  const givenInitial = initials.length > 0 ? initials[0]![0]! : null;
  return { family: '', familySex: null, given: null, givenInitial, patronymic: null, patronymicSex: null, full: '|' };
}

/**
 * Every reading of a full name, the most probable first. A name has one reading unless nothing tells its
 * order: "Kim Sergei" could be written family-first (official order) or given-first, so it has both, and
 * the import matcher compares each. Distinct readings only.
 *
 * @example nameKeyReadings('Nurlan Zhanbulatov').length // 1 (the -ov ending decides)
 * @example nameKeyReadings('Kim Sergei').map((k) => k.family) // ['kim', 'sergei']
 */
export function nameKeyReadings(fullName: string): NameKey[] {
  const { words, initials } = parse(fullName);
  const found = assignments(words);
  if (found.length === 0) return [emptyKey(initials)];
  const first = toKey(found[0]!, initials);
  if (found.length === 1) return [first];
  const keys: NameKey[] = [first];
  for (let i = 1; i < found.length; i += 1) {
    const key = toKey(found[i]!, initials);
    let seen = false;
    for (const earlier of keys) if (sameKey(earlier, key)) seen = true;
    if (!seen) keys.push(key);
  }
  return keys;
}

/** Field-by-field equality of two keys. */
function sameKey(a: NameKey, b: NameKey): boolean {
  return (
    a.full === b.full &&
    a.familySex === b.familySex &&
    a.givenInitial === b.givenInitial &&
    a.patronymic === b.patronymic &&
    a.patronymicSex === b.patronymicSex
  );
}

/**
 * The key of a full name in any script and order: its most probable reading (see {@link nameKeyReadings}).
 * Deterministic, and unchanged when the name is transliterated first.
 *
 * @example nameKey('Жанбулатов Нұрлан Серикович').full // 'Janbulatov|nurlan'
 * @example nameKey('Nurlan Zhanbulatov').full // 'Janbulatov|nurlan'
 */
export function nameKey(fullName: string): NameKey {
  return nameKeyReadings(fullName)[0]!;
}

/**
 * The gender-neutral family key of a full name ('' when it has no word).
 *
 * @example familyKey('Janbulatova Aigul') === familyKey('Жанбулатов Нұрлан') // true
 */
export function familyKey(fullName: string): string {
  return nameKey(fullName).family;
}

/**
 * Blocking keys: the few strings under which a name is indexed so that candidates for matching are found
 * without comparing against the whole register. These are what a database indexes (one row per key and
 * name variant); the candidates are then scored by the person matcher.
 *
 * For each reading: the family key alone (finds records that carry no given name, and the other sex of
 * the same family) and `family + '|' + givenInitial` (narrows a large family such as Ivanov when both
 * sides have at least an initial). Names whose order is uncertain contribute the keys of both readings.
 *
 * @example blockingKeys('Zhanbulatov Nurlan') // ['Janbulatov', 'Janbulatov|n']
 * @example blockingKeys('Жанбулатова А.') // ['Janbulatov', 'Janbulatov|a']
 */
export function blockingKeys(fullName: string): string[] {
  const keys: string[] = [];
  for (const reading of nameKeyReadings(fullName)) {
    if (reading.family === '') continue;
    if (!keys.includes(reading.family)) keys.push(reading.family);
    if (reading.givenInitial !== null) {
      const withInitial = `${reading.family}|${reading.givenInitial}`;
      if (!keys.includes(withInitial)) keys.push(withInitial);
    }
  }
  return keys;
}

/**
 * The phonetic key of free text, word by word (hyphens ignored, words joined by one space): for comparing
 * place names and other short labels across scripts the way names are compared.
 *
 * @example phoneticKey('Жаңаөзен') === phoneticKey('Zhanaozen') // true ('Janaozen')
 * @example phoneticKey('Алматы') === phoneticKey('Almaty') // true
 */
export function phoneticKey(text: string): string {
  return parse(text).pieces.join(' ');
}
