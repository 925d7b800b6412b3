import { AppError } from '../errors.ts';
import {
  NON_STATE_CODE,
  UN_LANGUAGES,
  type Addressee,
  type HrcSession,
  type Mandate,
  type MandateHolder,
  type Resolution,
  type UnLanguage,
} from './schemas.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Rejects a malformed date before it is compared as text (ISO dates compare correctly as strings). */
function checkDate(isoDate: string): string {
  if (!ISO_DATE.test(isoDate)) throw new AppError('DATE_INVALID', `"${isoDate}" is not a date written YYYY-MM-DD`, { date: isoDate });
  return isoDate;
}

/** The UN language for a requested language tag (`fr-CH` → `fr`), or English. */
function languageOf(lang: string): UnLanguage {
  const base = lang.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return (UN_LANGUAGES as readonly string[]).includes(base) ? (base as UnLanguage) : 'en';
}

/**
 * A name reduced for comparison: Unicode-normalised, accents and case ignored, spaces collapsed, so
 * that "Fionnuala Ni Aolain" typed on a keyboard matches "Fionnuala Ní Aoláin".
 */
function comparable(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The validated reference data (mandates, addressees, HRC sessions) with the questions the rest of the
 * application asks of them. Immutable once built; obtain it through `loadReferenceData()`.
 *
 * @example
 * const ref = loadReferenceData();
 * ref.holdersOn('wgad', '2022-01-18')[0]?.name // 'Elina Steinerte'
 * ref.latestResolution('sr-torture', '2022-01-18')?.number // '43/20'
 */
export class ReferenceData {
  readonly #mandates: readonly Mandate[];
  readonly #mandatesBySlug: ReadonlyMap<string, Mandate>;
  readonly #addressees: readonly Addressee[];
  readonly #addresseesByKey: ReadonlyMap<string, Addressee>;
  readonly #stateCodes: ReadonlySet<string>;
  readonly #sessions: readonly HrcSession[];
  /** Each holder's name and recorded spellings, reduced for comparison once (see comparable). */
  readonly #comparableNames = new WeakMap<MandateHolder, ReadonlySet<string>>();

  /** Builds the lookups; `addressees` already carry their names in every language available. */
  constructor(input: { mandates: readonly Mandate[]; addressees: readonly Addressee[]; sessions: readonly HrcSession[] }) {
    this.#mandates = [...input.mandates];
    this.#mandatesBySlug = new Map(input.mandates.map((m) => [m.slug, m]));
    this.#addressees = [...input.addressees];
    // States are found by their code (which is also their id), others by id; `OTH` itself is no addressee.
    this.#addresseesByKey = new Map(input.addressees.map((a) => [a.id, a]));
    this.#stateCodes = new Set(input.addressees.filter((a) => a.kind === 'state').map((a) => a.code));
    this.#sessions = [...input.sessions].sort((a, b) => a.number - b.number);
  }

  /** The mandate with this slug, or `undefined` if there is none. */
  mandate(slug: string): Mandate | undefined {
    return this.#mandatesBySlug.get(slug);
  }

  /** All mandates, in the order of `data/mandates.json`. */
  mandates(): readonly Mandate[] {
    return this.#mandates;
  }

  /**
   * The mandate's title as letters print it, in `lang` if stored, else in English; `undefined` for an
   * unknown slug.
   */
  mandateTitle(slug: string, lang: string = 'en'): string | undefined {
    const names = this.mandate(slug)?.names;
    if (!names) return undefined;
    return names[languageOf(lang)]?.title ?? names.en.title;
  }

  /**
   * The holders of a mandate whose tenure includes `isoDate` (both ends inclusive; `to: null` is open).
   * Empty for an unknown slug or a date nobody is recorded for.
   */
  holdersOn(slug: string, isoDate: string): MandateHolder[] {
    const date = checkDate(isoDate);
    return (this.mandate(slug)?.holders ?? []).filter((h) => h.from <= date && (h.to === null || date <= h.to));
  }

  /**
   * Whether `name` (or one of its recorded spellings) held the mandate on `isoDate` — the check made
   * before a mandate holder's decision on a draft is accepted.
   */
  isHolderOnDate(slug: string, name: string, isoDate: string): boolean {
    const wanted = comparable(name);
    return this.holdersOn(slug, isoDate).some((h) => this.#namesOf(h).has(wanted));
  }

  #namesOf(holder: MandateHolder): ReadonlySet<string> {
    let names = this.#comparableNames.get(holder);
    if (!names) this.#comparableNames.set(holder, (names = new Set([holder.name, ...(holder.aliases ?? [])].map(comparable))));
    return names;
  }

  /**
   * The day from which a resolution can be cited: its adoption day when recorded; else, for an HRC
   * resolution, the last day of its session (the number before the slash); else the end of its year.
   * Counting by year alone would let a July renewal count in January of the same year, and a letter of
   * 18 January 2022 cites the 2019 renewal 41/12, not the 2022 one.
   */
  #citableFrom(r: Resolution): string {
    if (r.adopted) return r.adopted;
    const session = r.body === 'HRC' ? this.session(Number(r.number.split('/')[0])) : undefined;
    return session ? session.end : `${r.year}-12-31`;
  }

  /**
   * The resolutions of a mandate that could be cited on `isoDate` — adopted in an earlier year, or
   * known to be adopted by that day — oldest first.
   */
  resolutionsOn(slug: string, isoDate: string): Resolution[] {
    const date = checkDate(isoDate);
    const year = Number(date.slice(0, 4));
    return (this.mandate(slug)?.resolutions ?? []).filter((r) => r.year < year || (r.year === year && this.#citableFrom(r) <= date));
  }

  /** The most recent resolution of a mandate citable on `isoDate` (the one letters cite), if any. */
  latestResolution(slug: string, isoDate: string): Resolution | undefined {
    return this.resolutionsOn(slug, isoDate).at(-1);
  }

  /**
   * A State by its ISO 3166-1 alpha-3 code (`KAZ`) or a non-State addressee by its id
   * (`oth-glencore`); `undefined` otherwise, including for the shared code `OTH`.
   */
  addressee(idOrCode: string): Addressee | undefined {
    if (idOrCode === NON_STATE_CODE) return undefined;
    return this.#addresseesByKey.get(idOrCode);
  }

  /** All addressees: the States in file order, then the non-State addressees. */
  addressees(): readonly Addressee[] {
    return this.#addressees;
  }

  /** The addressee's name in `lang` if known, else in English; `undefined` for an unknown addressee. */
  addresseeName(idOrCode: string, lang: string = 'en'): string | undefined {
    const names = this.addressee(idOrCode)?.names;
    if (!names) return undefined;
    return names[languageOf(lang)] ?? names.en;
  }

  /** Whether `code` is the alpha-3 code of a UN Member or observer State in the data. */
  isStateCode(code: string): boolean {
    return this.#stateCodes.has(code);
  }

  /** The regular HRC sessions, by number. */
  sessions(): readonly HrcSession[] {
    return this.#sessions;
  }

  /** The regular HRC session with this number, if recorded. */
  session(number: number): HrcSession | undefined {
    return this.#sessions.find((s) => s.number === number);
  }
}
