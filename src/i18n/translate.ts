import { readFileSync } from 'node:fs';
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

/** Reads one catalogue; a missing file is an empty catalogue (every key then falls back to English). */
function readCatalogue(lang: Locale): Catalogue {
  let raw: string;
  try {
    raw = readFileSync(new URL(`${lang}.json`, MESSAGES_DIR), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && lang !== DEFAULT_LOCALE) return {};
    throw err;
  }
  return catalogueSchema.parse(JSON.parse(raw));
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
