import { readdirSync, readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { z } from 'zod';
import { DEFAULT_LOCALE, LOCALE_CODES, intlTag, isLocale, type Locale } from './locales.ts';

/** A message catalogue: flat keys (`filters.year`) to ICU MessageFormat strings. */
export type Catalogue = Readonly<Record<string, string>>;

/** Values a message interpolates: `{count, plural, …}` wants a number, `{reference}` a string. */
export type MessageValues = Record<string, string | number | Date>;

/** Looks up and formats one message: `t('home.total', { count: 3 })`. */
export type Translate = (key: string, values?: MessageValues) => string;

const catalogueSchema = z.record(z.string(), z.string());

/** The folder of the catalogues, found from this file so that the working directory does not matter. */
const MESSAGES_DIR = new URL('./messages/', import.meta.url);

/** Reads one catalogue file; a missing file that is not required is empty (its keys then fall back to English). */
function readCatalogueFile(url: URL, required: boolean): Catalogue {
  let raw: string;
  try {
    raw = readFileSync(url, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !required) return {};
    throw err;
  }
  return catalogueSchema.parse(JSON.parse(raw));
}

/**
 * One language's catalogue: `messages/<lang>.json` and the files of each area of the site
 * (`messages/<area>/<lang>.json`, e.g. `messages/report/fr.json`). A key defined twice is an error at
 * start-up, so that one area can never silently change another's wording.
 */
function readCatalogue(lang: Locale): Catalogue {
  const merged: Record<string, string> = { ...readCatalogueFile(new URL(`${lang}.json`, MESSAGES_DIR), lang === DEFAULT_LOCALE) };
  const areas = readdirSync(MESSAGES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  for (const area of areas) {
    const part = readCatalogueFile(new URL(`${area}/${lang}.json`, MESSAGES_DIR), false);
    for (const [key, value] of Object.entries(part)) {
      if (Object.hasOwn(merged, key)) throw new Error(`message "${key}" is defined twice (messages/${area}/${lang}.json)`);
      merged[key] = value;
    }
  }
  return merged;
}

/** Every catalogue, read once at start-up. */
export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = Object.fromEntries(
  LOCALE_CODES.map((lang) => [lang, readCatalogue(lang)]),
) as Record<Locale, Catalogue>;

/**
 * A translator over explicit catalogues: the message in `messages`, else in `fallback` (English), else the
 * key itself, so that a missing translation shows English and a missing key is visible but harmless.
 * Compiled messages are cached per translator. Exposed for tests; pages use {@link translator}.
 */
export function createTranslator(lang: string, messages: Catalogue, fallback: Catalogue): Translate {
  const compiled = new Map<string, IntlMessageFormat>();
  return (key, values) => {
    let format = compiled.get(key);
    if (!format) {
      const own = Object.hasOwn(messages, key) ? messages[key] : undefined;
      const source = own ?? (Object.hasOwn(fallback, key) ? fallback[key] : undefined);
      if (source === undefined) return key;
      // A fallback message is formatted with English rules: its plural categories are English ones.
      format = new IntlMessageFormat(source, own !== undefined ? lang : DEFAULT_LOCALE);
      compiled.set(key, format);
    }
    return String(format.format(values));
  };
}

const translators = new Map<Locale, Translate>();

/**
 * The translator of one of the six languages (an unknown code gets English).
 *
 * @example translator('fr')('home.total', { count: 2 }) // '2 communications publiées'
 */
export function translator(lang: string): Translate {
  const locale: Locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
  let t = translators.get(locale);
  if (!t) {
    t = createTranslator(locale, CATALOGUES[locale], CATALOGUES[DEFAULT_LOCALE]);
    translators.set(locale, t);
  }
  return t;
}

/**
 * A calendar date (`2022-01-18`) written the way the language writes dates: "18 January 2022",
 * "18 janvier 2022", "2022年1月18日". The date is a Geneva calendar day, so it is formatted as such, never
 * shifted by the server's time zone.
 */
export function formatDate(lang: string, isoDate: string): string {
  const tag = isLocale(lang) ? intlTag(lang) : lang;
  const date = new Date(`${isoDate.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** The name of a language in another language: `languageName('fr', 'en')` → "anglais". */
export function languageName(lang: string, code: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
