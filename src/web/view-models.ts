import { genevaDate } from '../domain/geneva-time.ts';
import { DEFAULT_PUBLICATION_PERIODS, type PublicationPeriods } from '../domain/publication.ts';
import type { AppError } from '../errors.ts';
import { LOCALES, LOCALE_CODES, directionOf, intlTag, localePath, type Locale } from '../i18n/locales.ts';
import { formatDate, languageName, translator, type Translate } from '../i18n/translate.ts';
import type { PublicCommunication } from '../presenters/communication-presenter.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import { errorMessage } from './error-message.ts';
import type { PageShell } from './render-page.ts';

/**
 * View models of the public pages: they turn what the presenters let out into what templates print
 * (translated labels, formatted dates, links). They decide nothing about exposure; they only format.
 */

/**
 * The language of a request and whether it was chosen explicitly, by the path prefix (`/fr/…`) or `?lang=`:
 * then every link of the page carries the prefix on. A language negotiated from `Accept-Language` is not
 * explicit, and links stay unprefixed.
 */
export interface PageLanguage {
  lang: Locale;
  explicit: boolean;
}

/** Settings of the site that every page reflects. */
export interface SiteOptions {
  /** Demo mode: pages say that the data are a demonstration. */
  demo?: boolean;
  /** The publication periods of this installation, which the footer states. */
  publication?: PublicationPeriods;
}

/** Query parameters of a link; empty ones are left out. */
export type HrefParams = Record<string, string | number | undefined | null>;

/** A path with a query string of the non-empty parameters, in the order given. */
export function hrefWith(path: string, params: HrefParams = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}

/**
 * A link inside the site, in the page's language: under the language's prefix when it was chosen
 * explicitly (`/fr/communications/AL-KAZ-1-2022`), unprefixed otherwise. Every link and form action of the
 * site's pages is built here; the API and static files are never prefixed.
 *
 * @example siteHref({ lang: 'fr', explicit: true }, '/', { page: 2 }) // '/fr/?page=2'
 */
export function siteHref(language: PageLanguage, path: string, params: HrefParams = {}): string {
  return hrefWith(language.explicit ? localePath(language.lang, path) : path, params);
}

/** A link builder bound to a page's language, for templates that name a fixed path (`s.href('/staff')`). */
export type SiteHref = (path: string, params?: HrefParams) => string;

/** The URL form of a communication's page. */
export function communicationPath(slug: string): string {
  return `/communications/${encodeURIComponent(slug)}`;
}

/**
 * The layout's data. `here` is the page in the other languages: its path and the parameters to keep (the
 * filters of a list; an error page passes the home page, so that it says nothing about the address that
 * was asked for). The switcher links each language under its prefix, English under `/en/` (an unprefixed
 * link would follow the browser's language, not the choice); the unprefixed page is the `x-default`.
 */
export function pageShell(
  language: PageLanguage,
  title: string,
  here: { path: string; params?: HrefParams },
  current: PageShell['current'] = null,
  site: SiteOptions = {},
): PageShell {
  const languages = LOCALE_CODES.map((code) => ({
    code,
    nativeName: LOCALES[code].nativeName,
    href: siteHref({ lang: code, explicit: true }, here.path, here.params),
    current: code === language.lang,
  }));
  return {
    lang: language.lang,
    dir: directionOf(language.lang),
    t: translator(language.lang),
    href: (path, params) => siteHref(language, path, params),
    title,
    homeHref: siteHref(language, '/'),
    // The API's page is not under a language prefix: it takes the language as a parameter.
    apiHref: hrefWith('/api', { lang: language.explicit && language.lang !== 'en' ? language.lang : undefined }),
    current,
    demo: site.demo === true,
    publication: site.publication ?? DEFAULT_PUBLICATION_PERIODS,
    account: null,
    languages,
    alternates: [
      ...languages.map((l) => ({ hreflang: l.code as string, href: l.href })),
      { hreflang: 'x-default', href: hrefWith(here.path, here.params) },
    ],
  };
}

/** A `<time>`: machine-readable date and the language's way of writing it. */
function dateOf(lang: Locale, isoDate: string | null): { iso: string; text: string } | null {
  return isoDate ? { iso: isoDate, text: formatDate(lang, isoDate) } : null;
}

/** A translated label for the display type (JAL → "Joint allegation letter"). */
function typeLabel(t: Translate, displayType: string): string {
  return t(`type.${displayType}`);
}

/** The text of a mandate in a language, and the language it is actually written in (titles fall back to English). */
function mandateLabel(ref: ReferenceData, slug: string, lang: Locale): { title: string; lang: string } {
  const names = ref.mandate(slug)?.names as Record<string, { title: string } | undefined> | undefined;
  const own = names?.[lang]?.title;
  return own ? { title: own, lang } : { title: ref.mandateTitle(slug, 'en') ?? slug, lang: 'en' };
}

/** Splits text into paragraphs at blank lines; single line breaks stay inside a paragraph. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** The page of one published communication. */
export function communicationView(ref: ReferenceData, language: PageLanguage, c: PublicCommunication) {
  const { lang } = language;
  const t = translator(lang);
  return {
    reference: c.reference,
    displayType: c.displayType,
    typeLabel: typeLabel(t, c.displayType),
    backHref: siteHref(language, '/'),
    synthetic: c.synthetic,
    subject: c.subject,
    date: dateOf(lang, c.sentDate),
    published: c.publishedAt ? dateOf(lang, genevaDate(new Date(c.publishedAt))) : null,
    addressee: c.addressee.name ?? c.addressee.code,
    mandatesLabel: t('communication.mandates', { count: c.mandates.length }),
    mandates: c.mandates.map((m) => mandateLabel(ref, m.slug, lang)),
    language: languageName(intlTag(lang), c.language),
    replyStatus: c.replyStatus ? t(`replyStatus.${c.replyStatus}`) : null,
    summary: paragraphs(c.summary),
    body: paragraphs(c.body),
    concerns: paragraphs(c.concerns),
    questions: c.questions,
    letterHref: siteHref(language, `${communicationPath(c.slug ?? '')}/letter`),
    pdfHref: siteHref(language, `${communicationPath(c.slug ?? '')}/letter.pdf`),
    replies: c.replies.map((r) => ({
      received: dateOf(lang, r.receivedOn),
      receivedText: t('communication.replyReceived', { date: formatDate(lang, r.receivedOn) }),
      kind: t(`replyKind.${r.kind}`),
      language: t('communication.replyLanguage', { language: languageName(intlTag(lang), r.language) }),
      summary: paragraphs(r.summary),
    })),
    follows: c.follows
      .filter((f): f is { reference: string; slug: string } => f.reference !== null && f.slug !== null)
      .map((f) => ({ reference: f.reference, href: siteHref(language, communicationPath(f.slug)) })),
    history: c.history.map((h) => ({
      date: dateOf(lang, h.date),
      action: t(`history.${h.action}`),
      reason: h.reason,
    })),
  };
}

/** Labels of the fields a visitor can get wrong, for error messages that name them. */
const FIELD_LABELS: Record<string, string> = {
  addressee: 'filters.addressee',
  mandate: 'filters.mandate',
  year: 'filters.year',
  type: 'filters.type',
  replyStatus: 'filters.replyStatus',
  reply: 'filters.replyStatus',
  q: 'search.q.label',
  joint: 'search.facet.joint',
  session: 'search.facet.session',
  from: 'search.from',
  to: 'search.to',
  sort: 'search.sort.label',
  cursor: 'field.page',
  page: 'field.page',
  limit: 'field.limit',
};

/**
 * An error page: a heading by status, and the catalogue's message for the error's code. A "not found"
 * says the same whatever was asked for, so that a refused record cannot be told from a missing one.
 */
export function errorView(language: PageLanguage, err: AppError) {
  const t = translator(language.lang);
  const status = err.status;
  const heading = [400, 401, 403, 404, 410, 413, 429, 500].includes(status) ? t(`error.title.${status}`) : t('error.title.other');
  let message: string;
  if (status === 404) message = t('error.text.404');
  else message = errorMessage(language.lang, err, (field) => FIELD_LABELS[field]);
  return {
    status,
    heading,
    message,
    code: status === 404 ? null : t('error.code', { code: err.code }),
    homeHref: siteHref(language, '/'),
    homeText: t('error.home'),
  };
}
