import { genevaDate } from '../domain/geneva-time.ts';
import { DEFAULT_PUBLICATION_PERIODS, type PublicationPeriods } from '../domain/publication.ts';
import { COMMUNICATION_TYPES } from '../domain/reference.ts';
import { REPLY_STATUSES } from '../domain/replies.ts';
import type { AppError } from '../errors.ts';
import { LOCALES, LOCALE_CODES, directionOf, intlTag, type Locale } from '../i18n/locales.ts';
import { formatDate, languageName, translator, type Translate } from '../i18n/translate.ts';
import type { PublicCommunication } from '../presenters/communication-presenter.ts';
import { PUBLIC_LIST_DEFAULT_LIMIT, type PublishedPage } from '../queries/list-published-communications.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import { errorMessage } from './error-message.ts';
import type { PageShell } from './render-page.ts';

/**
 * View models of the public pages: they turn what the presenters let out into what templates print
 * (translated labels, formatted dates, links). They decide nothing about exposure; they only format.
 */

/** The language of a request and whether it was chosen with `?lang=` (then links carry it on). */
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

type Params = Record<string, string | number | undefined | null>;

/** A path with a query string of the non-empty parameters, in the order given. */
export function hrefWith(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}

/** A link inside the site: carries `lang` on when the visitor chose it explicitly. */
function internalHref(language: PageLanguage, path: string, params: Params = {}): string {
  return hrefWith(path, { ...params, lang: language.explicit ? language.lang : undefined });
}

/** The URL form of a communication's page. */
export function communicationPath(slug: string): string {
  return `/communications/${encodeURIComponent(slug)}`;
}

/**
 * The layout's data. `here` is the page in the other languages: its path and the parameters to keep (an
 * error page passes the home page, so that it says nothing about the address that was asked for).
 */
export function pageShell(
  language: PageLanguage,
  title: string,
  here: { path: string; params?: Params },
  current: PageShell['current'] = null,
  site: SiteOptions = {},
): PageShell {
  return {
    lang: language.lang,
    dir: directionOf(language.lang),
    t: translator(language.lang),
    title,
    homeHref: internalHref(language, '/'),
    apiHref: '/api/v1/communications',
    current,
    demo: site.demo === true,
    publication: site.publication ?? DEFAULT_PUBLICATION_PERIODS,
    account: null,
    languages: LOCALE_CODES.map((code) => ({
      code,
      nativeName: LOCALES[code].nativeName,
      href: hrefWith(here.path, { ...here.params, lang: code }),
      current: code === language.lang,
    })),
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

/** Sorts labelled options in the language's alphabetical order. */
function sortByLabel<T extends { label: string }>(lang: Locale, options: T[]): T[] {
  const collator = new Intl.Collator(intlTag(lang));
  return options.sort((a, b) => collator.compare(a.label, b.label));
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

/** The home page: the filter form, the count, the table of published communications and the pages. */
export function homeView(ref: ReferenceData, language: PageLanguage, result: PublishedPage) {
  const { lang } = language;
  const t = translator(lang);
  const f = result.filters;
  const filterParams: Params = {
    addressee: f.addressee,
    mandate: f.mandate,
    year: f.year,
    type: f.type,
    replyStatus: f.replyStatus,
    limit: f.limit === PUBLIC_LIST_DEFAULT_LIMIT ? undefined : f.limit,
  };
  const filtered = [f.addressee, f.mandate, f.year, f.type, f.replyStatus].some((v) => v !== undefined);
  const pages = Math.max(1, Math.ceil(result.total / result.limit));
  const from = result.items.length === 0 ? 0 : (result.page - 1) * result.limit + 1;
  const to = from === 0 ? 0 : from + result.items.length - 1;

  const addressees = ref.addressees();
  const option = (value: string, label: string, selected: string | undefined) => ({ value, label, selected: value === selected });
  return {
    heading: t('home.title'),
    intro: t('home.intro'),
    form: {
      action: '/',
      lang: language.explicit ? lang : undefined,
      clearHref: internalHref(language, '/'),
      year: f.year === undefined ? '' : String(f.year),
      states: sortByLabel(
        lang,
        addressees.filter((a) => a.kind === 'state').map((a) => option(a.id, ref.addresseeName(a.id, lang) ?? a.id, f.addressee)),
      ),
      others: sortByLabel(
        lang,
        addressees.filter((a) => a.kind !== 'state').map((a) => option(a.id, ref.addresseeName(a.id, lang) ?? a.id, f.addressee)),
      ),
      mandates: sortByLabel(
        lang,
        ref.mandates().map((m) => {
          const label = mandateLabel(ref, m.slug, lang);
          return { ...option(m.slug, label.title, f.mandate), lang: label.lang };
        }),
      ),
      types: COMMUNICATION_TYPES.map((type) => option(type, t(`type.${type}`), f.type)),
      replyStatuses: REPLY_STATUSES.map((s) => option(s, t(`replyStatus.${s}`), f.replyStatus)),
    },
    total: t('home.total', { count: result.total }),
    showing: result.items.length > 0 && pages > 1 ? t('home.showing', { from, to, total: result.total }) : null,
    empty:
      result.items.length > 0
        ? null
        : result.total > 0
          ? { text: t('home.emptyPage'), href: internalHref(language, '/', filterParams) }
          : { text: t(filtered ? 'home.emptyFiltered' : 'home.emptyAll'), href: null },
    rows: result.items.map((item) => ({
      reference: item.reference,
      href: internalHref(language, communicationPath(item.slug ?? '')),
      displayType: item.displayType,
      typeLabel: typeLabel(t, item.displayType),
      date: dateOf(lang, item.sentDate),
      addressee: item.addressee.name ?? item.addressee.code,
      subject: item.subject,
      reply: item.replyStatus ? t(`replyStatus.${item.replyStatus}`) : '',
      replyStatus: item.replyStatus ?? 'none',
      synthetic: item.synthetic,
    })),
    pagination:
      pages > 1 || result.page > 1
        ? {
            status: t('pagination.status', { page: result.page, pages }),
            previous: result.page > 1 ? internalHref(language, '/', { ...filterParams, page: Math.min(result.page - 1, pages) }) : null,
            next: result.page < pages ? internalHref(language, '/', { ...filterParams, page: result.page + 1 }) : null,
          }
        : null,
    /** The parameters the language switcher keeps. */
    params: { ...filterParams, page: result.page > 1 ? result.page : undefined },
  };
}

/** The page of one published communication. */
export function communicationView(ref: ReferenceData, language: PageLanguage, c: PublicCommunication) {
  const { lang } = language;
  const t = translator(lang);
  return {
    reference: c.reference,
    displayType: c.displayType,
    typeLabel: typeLabel(t, c.displayType),
    backHref: internalHref(language, '/'),
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
    letterHref: internalHref(language, `${communicationPath(c.slug ?? '')}/letter`),
    pdfHref: `${communicationPath(c.slug ?? '')}/letter.pdf`,
    replies: c.replies.map((r) => ({
      received: dateOf(lang, r.receivedOn),
      receivedText: t('communication.replyReceived', { date: formatDate(lang, r.receivedOn) }),
      kind: t(`replyKind.${r.kind}`),
      language: t('communication.replyLanguage', { language: languageName(intlTag(lang), r.language) }),
      summary: paragraphs(r.summary),
    })),
    follows: c.follows
      .filter((f): f is { reference: string; slug: string } => f.reference !== null && f.slug !== null)
      .map((f) => ({ reference: f.reference, href: internalHref(language, communicationPath(f.slug)) })),
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
    homeHref: internalHref(language, '/'),
    homeText: t('error.home'),
  };
}
