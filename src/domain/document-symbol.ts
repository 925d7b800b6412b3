import { AppError } from '../errors.ts';

/**
 * What a document symbol names, read from its structure alone (never from a catalogue):
 * - `resolution`: a `RES` series (`A/RES/73/173`, `A/HRC/RES/38/7`, `S/RES/1373 (2001)`, `E/CN.4/RES/2005/80`);
 * - `general-comment`: a treaty body's `GC` series (`CCPR/C/GC/37`, `E/C.12/GC/25`);
 * - `concluding-observations`: a `CO` series (`CCPR/C/THA/CO/2`);
 * - `opinion`: an opinion of the Working Group on Arbitrary Detention (`A/HRC/WGAD/2020/5`);
 * - `report`: a main-series document of the General Assembly, the Human Rights Council, ECOSOC or the
 *   Commission on Human Rights (`A/61/312`, `A/HRC/49/21`, `A/HRC/29/25/Add.2`, `E/CN.4/1992/20`), or a State
 *   party's report to a treaty body (`CCPR/C/KAZ/2`);
 * - `other`: everything else that is well formed (`CCPR/C/21/Rev.1/Add.13`, `A/HRC/49/L.23`, `S/2022/10`).
 *
 * @example SYMBOL_KINDS.includes('opinion') // true
 */
export const SYMBOL_KINDS = [
  'resolution',
  'report',
  'general-comment',
  'concluding-observations',
  'opinion',
  'other',
] as const;
/** One of {@link SYMBOL_KINDS}. @example const kind: SymbolKind = 'resolution'; */
export type SymbolKind = (typeof SYMBOL_KINDS)[number];

/**
 * The organ or body that issued a document, as a stable code (display names come from the message
 * catalogues): `GA` General Assembly, `SC` Security Council, `ECOSOC`, `HRC` Human Rights Council, `CHR`
 * Commission on Human Rights (`E/CN.4`), `SubCommission` (`E/CN.4/Sub.2`), `WGAD` Working Group on Arbitrary
 * Detention, `CCPR` Human Rights Committee, `CESCR` (`E/C.12`), `CAT`, `SPT` (`CAT/OP`), `CERD`, `CEDAW`, `CRC`,
 * `CRPD`, `CMW`, `CED`, `HRI` (treaty bodies' joint documents) and `Secretariat` (`ST`).
 *
 * @example SYMBOL_BODIES.includes('CCPR') // true
 */
export const SYMBOL_BODIES = [
  'GA',
  'SC',
  'ECOSOC',
  'HRC',
  'CHR',
  'SubCommission',
  'WGAD',
  'CCPR',
  'CESCR',
  'CAT',
  'SPT',
  'CERD',
  'CEDAW',
  'CRC',
  'CRPD',
  'CMW',
  'CED',
  'HRI',
  'Secretariat',
] as const;
/** One of {@link SYMBOL_BODIES}. @example const body: SymbolBody = 'HRC'; */
export type SymbolBody = (typeof SYMBOL_BODIES)[number];

/**
 * The first component of every symbol this module reads: the principal organs and the human rights treaty
 * bodies. Anything else is refused, which is what keeps "24/7" or "and/or" from passing for a symbol.
 *
 * @example SYMBOL_ORGANS.includes('CCPR') // true
 */
export const SYMBOL_ORGANS = ['A', 'S', 'E', 'CCPR', 'CAT', 'CERD', 'CEDAW', 'CRC', 'CRPD', 'CMW', 'CED', 'HRI', 'ST'] as const;

/** The kinds of stacked suffix, in their canonical spelling. @example const s: SuffixType = 'Add'; */
export type SuffixType = 'Add' | 'Corr' | 'Rev' | 'Amend';

/** One stacked suffix: `/Add.2` is `{ type: 'Add', number: 2 }`. @example const s: SymbolSuffix = { type: 'Rev', number: 1 }; */
export interface SymbolSuffix {
  type: SuffixType;
  number: number;
}

/**
 * A parsed UN document symbol. `organ`, `components`, `suffixes` and `adoptionYear` are what it is written
 * with (and all that {@link formatSymbol} needs); the other fields are derived from them.
 *
 * @example
 * parseSymbol('A/HRC/29/25/Add.2')
 * // { organ: 'A', components: ['HRC', '29', '25'], suffixes: [{ type: 'Add', number: 2 }], adoptionYear: undefined,
 * //   kind: 'report', body: 'HRC', session: 29, specialSession: false, year: undefined, number: '25', country: undefined }
 */
export interface DocumentSymbol {
  /** The organ or treaty body prefix: `A`, `S`, `E`, `CCPR`… */
  organ: string;
  /** The components between the organ and the suffixes, as canonically written: `['HRC', 'RES', '38', '7']`. */
  components: readonly string[];
  /** The stacked suffixes in the order written: `CCPR/C/21/Rev.1/Add.13` has Rev.1 then Add.13. */
  suffixes: readonly SymbolSuffix[];
  /** The year in parentheses after a Security Council resolution: 2001 in `S/RES/1373 (2001)`. */
  adoptionYear: number | undefined;
  kind: SymbolKind;
  body: SymbolBody;
  /** The session the number belongs to: 49 in `A/HRC/49/21`, 29 in `A/HRC/RES/S-29/1`. */
  session: number | undefined;
  /** True for a special session (`S-29`) or an emergency special session (`ES-10`). */
  specialSession: boolean;
  /** A year that stands where a session would (`E/CN.4/1992/20`, `A/HRC/WGAD/2020/5`), or the adoption year. */
  year: number | undefined;
  /**
   * The document's number within its series, as written: `'21'` in `A/HRC/49/21`, `'37'` in `CCPR/C/GC/37`,
   * `'L.23'` in `A/HRC/49/L.23`, `'8-10'` in `CERD/C/KAZ/CO/8-10`. A string because not every number is one.
   */
  number: string | undefined;
  /** The State a treaty body document concerns (ISO 3166-1 alpha-3): `THA` in `CCPR/C/THA/CO/2`. */
  country: string | undefined;
}

const SUFFIX = /^(add|corr|rev|amend)\.([1-9]\d{0,3})$/i;
const SUFFIX_NAMES: Record<string, SuffixType> = { add: 'Add', corr: 'Corr', rev: 'Rev', amend: 'Amend' };
// A word component, alone (HRC, RES, GC) or numbered (CN.4, C.12, WG.6, L.23, Sub.2).
const WORD = /^([A-Za-z]{1,8})(?:\.([1-9]\d{0,3}))?$/;
// A number, or a span of numbers for combined periodic reports (CERD/C/KAZ/CO/8-10).
const NUMBER = /^(?:0|[1-9]\d{0,5})(?:-[1-9]\d{0,3})?$/;
// A special session (A/HRC/RES/S-29/1) or an emergency special session (A/RES/ES-10/19).
const SPECIAL = /^(E?S)-([1-9]\d{0,2})$/i;
const PARENTHESISED_YEAR = /^(.*?)\s*\(\s*(\d{4})\s*\)$/;
// Words whose canonical spelling is not all capitals.
const MIXED_CASE: Record<string, string> = { SUB: 'Sub' };
const FIRST_YEAR = 1945;
// Three-letter series words that are not State codes.
const NOT_COUNTRIES = new Set(['RES', 'DEC', 'NGO', 'INF', 'CRP', 'GEN', 'SUB']);

/** Treaty bodies whose symbols are `<organ>/C/…`; the value is the body code. */
const TREATY_BODIES: Record<string, SymbolBody> = {
  CCPR: 'CCPR',
  CAT: 'CAT',
  CERD: 'CERD',
  CEDAW: 'CEDAW',
  CRC: 'CRC',
  CRPD: 'CRPD',
  CMW: 'CMW',
  CED: 'CED',
};

function invalid(input: string, reason: string): AppError {
  return new AppError('VALIDATION_FAILED', `"${input}" is not a UN document symbol: ${reason}`, {
    field: 'symbol',
    input,
  });
}

/** Canonical spelling of one component, or undefined when it is no component at all. */
function canonicalComponent(raw: string): string | undefined {
  if (NUMBER.test(raw)) return raw;
  const special = SPECIAL.exec(raw);
  if (special) return `${special[1]!.toUpperCase()}-${special[2]}`;
  const word = WORD.exec(raw);
  if (!word) return undefined;
  const upper = word[1]!.toUpperCase();
  const letters = MIXED_CASE[upper] ?? upper;
  return word[2] === undefined ? letters : `${letters}.${word[2]}`;
}

const isNumeric = (c: string): boolean => /^\d+$/.test(c);
const isYear = (n: number): boolean => n >= FIRST_YEAR && n <= 2999;

/**
 * Reads a UN document symbol. Tolerant of case, of spaces around the slashes and of a missing space before a
 * Security Council resolution's year (`S/RES/1373(2001)`); the result is canonical.
 *
 * @example parseSymbol('A/HRC/RES/38/7') // kind 'resolution', body 'HRC', session 38, number '7'
 * @example formatSymbol(parseSymbol('s/res/1373(2001)')) // 'S/RES/1373 (2001)'
 * @throws AppError VALIDATION_FAILED (details `{ field: 'symbol', input }`) for anything that is not a symbol
 */
export function parseSymbol(text: string): DocumentSymbol {
  const input = text;
  let main = text.trim().replace(/\s*\/\s*/g, '/');
  let adoptionYear: number | undefined;
  const parenthesised = PARENTHESISED_YEAR.exec(main);
  if (parenthesised) {
    main = parenthesised[1]!;
    adoptionYear = Number(parenthesised[2]);
    if (!isYear(adoptionYear)) throw invalid(input, `${adoptionYear} is no year of adoption`);
  }
  if (main === '' || /\s/.test(main)) throw invalid(input, 'unexpected spaces or nothing to read');

  const parts = main.split('/');
  const organ = parts.shift()!.toUpperCase();
  if (!(SYMBOL_ORGANS as readonly string[]).includes(organ)) throw invalid(input, `unknown organ "${organ}"`);

  const suffixes: SymbolSuffix[] = [];
  while (parts.length > 0) {
    const m = SUFFIX.exec(parts[parts.length - 1]!);
    if (!m) break;
    suffixes.unshift({ type: SUFFIX_NAMES[m[1]!.toLowerCase()]!, number: Number(m[2]) });
    parts.pop();
  }

  const components: string[] = [];
  for (const part of parts) {
    const canonical = canonicalComponent(part);
    if (canonical === undefined) throw invalid(input, `"${part}" is no symbol component`);
    components.push(canonical);
  }
  if (components.length < 2) throw invalid(input, 'too few components');
  if (!components.some((c) => /\d/.test(c))) throw invalid(input, 'no number');
  if (components.some((c) => SUFFIX.test(c))) throw invalid(input, 'a suffix must come last');

  const isScResolution = organ === 'S' && components[0] === 'RES';
  if (adoptionYear !== undefined && !isScResolution) {
    throw invalid(input, 'a year in parentheses follows Security Council resolutions only');
  }
  return describe(organ, components, suffixes, adoptionYear);
}

/** Derives kind, body, session, year, number and country from the written parts. */
function describe(
  organ: string,
  components: string[],
  suffixes: SymbolSuffix[],
  adoptionYear: number | undefined,
): DocumentSymbol {
  const body = bodyOf(organ, components);
  const kind = kindOf(organ, components, body);

  // The number is the last component; the session (or year) is the last plain number or special session
  // before it — 49 in A/HRC/49/NGO/12, 40 in A/HRC/WG.6/40/KAZ/1.
  const last = components[components.length - 1]!;
  const number = /\d/.test(last) ? last : undefined;
  let session: number | undefined;
  let specialSession = false;
  let year = adoptionYear;
  for (let i = components.length - 2; number !== undefined && i >= 0; i--) {
    const c = components[i]!;
    const special = SPECIAL.exec(c);
    if (special) {
      session = Number(special[2]);
      specialSession = true;
      break;
    }
    if (isNumeric(c)) {
      const n = Number(c);
      if (c.length === 4 && isYear(n)) year = n;
      else session = n;
      break;
    }
  }

  // A treaty body names the State right after its committee series (CCPR/C/KAZ/2, E/C.12/KAZ/CO/2) or
  // right before CO (CRC/C/OPAC/KAZ/CO/1).
  let country: string | undefined;
  if (organ in TREATY_BODIES || body === 'CESCR') {
    const before = components[components.indexOf('CO') - 1];
    const candidate = ['C', 'C.12'].includes(components[0]!) && /^[A-Z]{3}$/.test(components[1]!) ? components[1] : before;
    if (candidate !== undefined && /^[A-Z]{3}$/.test(candidate) && !NOT_COUNTRIES.has(candidate)) country = candidate;
  }
  return { organ, components, suffixes, adoptionYear, kind, body, session, specialSession, year, number, country };
}

function bodyOf(organ: string, components: string[]): SymbolBody {
  const [first, second] = components;
  switch (organ) {
    case 'A':
      if (first !== 'HRC') return 'GA';
      return second === 'WGAD' ? 'WGAD' : 'HRC';
    case 'S':
      return 'SC';
    case 'E':
      if (first === 'CN.4') return second === 'Sub.2' ? 'SubCommission' : 'CHR';
      if (first === 'C.12') return 'CESCR';
      return 'ECOSOC';
    case 'CAT':
      return first === 'OP' ? 'SPT' : 'CAT';
    case 'HRI':
      return 'HRI';
    case 'ST':
      return 'Secretariat';
    default:
      return TREATY_BODIES[organ]!;
  }
}

function kindOf(organ: string, components: string[], body: SymbolBody): SymbolKind {
  if (components.includes('RES')) return 'resolution';
  if (organ in TREATY_BODIES || body === 'CESCR') {
    if (components.includes('GC')) return 'general-comment';
    if (components.includes('CO')) return 'concluding-observations';
  }
  // What is left once the series that name the body are set aside must be "session/number".
  const series: Partial<Record<SymbolBody, number>> = { GA: 0, HRC: 1, WGAD: 2, CHR: 1, SubCommission: 2, ECOSOC: 0 };
  const skip = series[body];
  if (skip !== undefined && organ !== 'S') {
    const rest = components.slice(skip);
    const [at, number] = rest;
    const mainSeries =
      rest.length === 2 && isNumeric(number!) && (isNumeric(at!) || SPECIAL.test(at!));
    if (mainSeries) return body === 'WGAD' ? 'opinion' : 'report';
  }
  // A State party's report: CCPR/C/KAZ/2, E/C.12/KAZ/2.
  const committee = (organ in TREATY_BODIES && components[0] === 'C') || body === 'CESCR';
  if (committee && components.length === 3) {
    if (/^[A-Z]{3}$/.test(components[1]!) && NUMBER.test(components[2]!)) return 'report';
  }
  return 'other';
}

/**
 * Writes a symbol canonically: components joined by slashes, the suffixes in order, and a Security Council
 * resolution's year in parentheses after one space.
 *
 * @example formatSymbol(parseSymbol('S/RES/1373(2001)')) // 'S/RES/1373 (2001)'
 * @example formatSymbol(parseSymbol('ccpr/c/21/rev.1/add.13')) // 'CCPR/C/21/Rev.1/Add.13'
 */
export function formatSymbol(s: Pick<DocumentSymbol, 'organ' | 'components' | 'suffixes' | 'adoptionYear'>): string {
  const parts = [s.organ, ...s.components, ...s.suffixes.map((x) => `${x.type}.${x.number}`)];
  const year = s.adoptionYear === undefined ? '' : ` (${s.adoptionYear})`;
  return parts.join('/') + year;
}

/**
 * Reads a symbol and writes it canonically, or returns undefined when it is none (for callers that sort
 * candidates rather than report errors).
 *
 * @example canonicalSymbol('a/hrc/41/41') // 'A/HRC/41/41'
 * @example canonicalSymbol('24/7') // undefined
 */
export function canonicalSymbol(text: string): string | undefined {
  try {
    return formatSymbol(parseSymbol(text));
  } catch {
    return undefined;
  }
}
