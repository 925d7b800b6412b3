import { readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';

/** The languages letters are composed in: the working languages of communications. */
export const LETTER_LANGUAGES = ['en', 'fr', 'es'] as const;
/** A letter language. */
export type LetterLanguage = (typeof LETTER_LANGUAGES)[number];

const catalogues = new Map<LetterLanguage, Record<string, string>>();

function catalogue(lang: LetterLanguage): Record<string, string> {
  let c = catalogues.get(lang);
  if (!c) {
    c = JSON.parse(readFileSync(new URL(`./boilerplate/${lang}.json`, import.meta.url), 'utf8')) as Record<string, string>;
    catalogues.set(lang, c);
  }
  return c;
}

/**
 * The standard wording of letters in one language (English, French or Spanish), as ICU messages: the
 * opening, closing paragraphs, salutation, annex headings. Every key exists in every language (a test
 * says so); an unknown key is a programming error and throws.
 *
 * @example letterText('fr')('salutation') // 'Excellence,'
 */
export function letterText(lang: LetterLanguage): (key: string, values?: Record<string, string | number>) => string {
  const c = catalogue(lang);
  return (key, values) => {
    const message = c[key];
    if (message === undefined) throw new Error(`letter boilerplate ${lang}: no message "${key}"`);
    return String(new IntlMessageFormat(message, lang).format(values));
  };
}

/** Every key of a language's catalogue (for the completeness test). */
export function letterTextKeys(lang: LetterLanguage): string[] {
  return Object.keys(catalogue(lang)).sort();
}

/** The date as letters print it: "18 January 2022", "18 janvier 2022", "18 de enero de 2022". */
export function letterDate(isoDate: string, lang: LetterLanguage): string {
  const locale = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' }[lang];
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDate}T12:00:00Z`));
}

/** Joins items as letters do: "a, b and c" (or with "; " between titles). */
export function joinList(items: readonly string[], separator: string, and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(separator)}${and}${items[items.length - 1]}`;
}
