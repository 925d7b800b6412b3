/**
 * The languages the public pages speak: the six official languages of the United Nations, each with its
 * writing direction and its name written in itself (language pickers show "Français", not "French").
 */
export const LOCALES = {
  en: { dir: 'ltr', nativeName: 'English' },
  fr: { dir: 'ltr', nativeName: 'Français' },
  es: { dir: 'ltr', nativeName: 'Español' },
  ru: { dir: 'ltr', nativeName: 'Русский' },
  ar: { dir: 'rtl', nativeName: 'العربية' },
  zh: { dir: 'ltr', nativeName: '中文' },
} as const satisfies Record<string, { dir: 'ltr' | 'rtl'; nativeName: string }>;

/** A language code of the public pages: `en fr es ru ar zh`. */
export type Locale = keyof typeof LOCALES;

/** The language codes, in the UN's customary order (English first, as the fallback). */
export const LOCALE_CODES = Object.keys(LOCALES) as Locale[];

/** The language used when a request names none that we speak, and the fallback of every catalogue. */
export const DEFAULT_LOCALE: Locale = 'en';

/**
 * The tag given to `Intl` formatters for a language. English follows UN usage ("18 January 2022"), which
 * is British, not the American default of a bare `en`.
 */
export function intlTag(lang: Locale): string {
  return lang === 'en' ? 'en-GB' : lang;
}

/** True for one of the six codes. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && Object.hasOwn(LOCALES, value);
}

/** The writing direction of a language: `rtl` for Arabic, `ltr` for the others. */
export function directionOf(lang: Locale): 'ltr' | 'rtl' {
  return LOCALES[lang].dir;
}

/** The base language of a tag (`fr-CH` → `fr`, `zh-Hans-CN` → `zh`) if it is one we speak. */
function baseLocale(tag: string): Locale | undefined {
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : undefined;
}

/** Where the language of a response came from: an explicit `?lang=` is carried on in links, a header is not. */
export interface NegotiatedLocale {
  lang: Locale;
  /** True when the request chose the language with `?lang=`. */
  explicit: boolean;
}

/**
 * The language of a response: `?lang=xx` when it names one of the six, else the first language of the
 * `Accept-Language` header we speak (by quality, then order), else English. An unknown `?lang` is ignored
 * rather than refused, so that an old link never breaks.
 *
 * @example negotiateLocale(undefined, 'de-CH, fr;q=0.8, en;q=0.5') // { lang: 'fr', explicit: false }
 */
export function negotiateLocale(queryLang: unknown, acceptLanguage: string | undefined): NegotiatedLocale {
  if (typeof queryLang === 'string') {
    const chosen = baseLocale(queryLang);
    if (chosen) return { lang: chosen, explicit: true };
  }
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .slice(0, 500)
      .split(',')
      .map((part, index) => {
        const [tag = '', ...params] = part.split(';');
        const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
        return { tag, q: q === undefined ? 1 : Number(q), index };
      })
      .filter((r) => Number.isFinite(r.q) && r.q > 0)
      .sort((a, b) => b.q - a.q || a.index - b.index);
    for (const r of ranked) {
      const lang = baseLocale(r.tag);
      if (lang) return { lang, explicit: false };
    }
  }
  return { lang: DEFAULT_LOCALE, explicit: false };
}

/**
 * Addresses that never take a language prefix: the JSON API (its language is `Accept-Language`), the
 * static files and the health check. `/fr/api/…` is not an address of the site.
 */
const UNPREFIXED = /^\/(?:api|static|healthz)(?:[/?#]|$)/;

/** A URL split into its language prefix and the address of the site under it. */
export interface LocalePath {
  lang: Locale;
  /** The address without the prefix: `/fr/communications/X?y` → `/communications/X?y`; `/fr` → ``. */
  rest: string;
}

/**
 * The language prefix of a URL, if it has one: `/fr/…`, `/ar/`, or `/fr` alone (whose `rest` is empty, or
 * only a query string). Only the six lower-case codes are prefixes; `/xx/…`, `/FR/…` and `/fr/api/…` are
 * not, and stay as they are (an ordinary address, answered 404 if there is none).
 *
 * @example splitLocalePath('/fr/communications/AL-KAZ-1-2022') // { lang: 'fr', rest: '/communications/AL-KAZ-1-2022' }
 */
export function splitLocalePath(url: string): LocalePath | undefined {
  const match = /^\/([a-z]{2})(?=[/?#]|$)/.exec(url);
  if (!match || !isLocale(match[1])) return undefined;
  const rest = url.slice(match[0].length);
  if (UNPREFIXED.test(rest)) return undefined;
  return { lang: match[1], rest };
}

/**
 * An address of the site in a language: `/communications/X` → `/fr/communications/X`, `/` → `/fr/`.
 * Anything that is not a path of the site is left as it is: another origin, `//host`, the API and static
 * files, and a path that already has a prefix (so that applying it twice changes nothing).
 */
export function localePath(lang: Locale, path: string): string {
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return path;
  if (UNPREFIXED.test(path) || splitLocalePath(path)) return path;
  return `/${lang}${path}`;
}
