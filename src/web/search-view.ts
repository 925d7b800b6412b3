import { COMMUNICATION_TYPES } from '../domain/reference.ts';
import { REPLY_STATUSES } from '../domain/replies.ts';
import { intlTag, type Locale } from '../i18n/locales.ts';
import { formatDate, translator, type Translate } from '../i18n/translate.ts';
import type { FacetValue } from '../presenters/public-search-presenter.ts';
import { SEARCH_DEFAULT_LIMIT, type PublicSearchPage } from '../queries/search-public-communications.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import { communicationPath, siteHref, type PageLanguage } from './view-models.ts';

/**
 * The view model of the public database's front page, which is its search: with nothing asked, the key
 * figures and the latest letters; with a search, its results, every facet with its counts, and the pages.
 * Every state of the page is a plain link (shareable, bookmarkable), and it needs no JavaScript.
 */

type Params = Record<string, string | number | undefined>;

/** The parameters of a search that links carry on, in a stable order. */
const CARRIED = ['q', 'addressee', 'mandate', 'type', 'joint', 'year', 'from', 'to', 'reply', 'session', 'sort', 'limit'] as const;

function carried(f: PublicSearchPage['filters']): Params {
  const p: Params = {};
  for (const key of CARRIED) {
    const v = f[key];
    if (v === undefined || v === null) continue;
    if (key === 'sort' && v === 'newest') continue;
    if (key === 'limit' && v === SEARCH_DEFAULT_LIMIT) continue;
    p[key] = v as string | number;
  }
  return p;
}

const number = (lang: Locale, n: number) => new Intl.NumberFormat(intlTag(lang)).format(n);

/** The facets as the page shows them: the first values of each, each a link that adds or removes it. */
function facetsOf(t: Translate, lang: Locale, language: PageLanguage, page: PublicSearchPage, params: Params) {
  const label = (facet: string, v: FacetValue): string => {
    if (facet === 'type') return t(`type.${v.value}`);
    if (facet === 'reply') return t(`replyStatus.${v.value}`);
    if (facet === 'joint') return t(v.value === 'true' ? 'search.joint.true' : 'search.joint.false');
    if (facet === 'session') return t('search.session', { number: Number(v.value) });
    return v.label ?? v.value;
  };
  const shown: Record<string, number> = { addressee: 12, mandate: 12 };
  return (['addressee', 'mandate', 'type', 'joint', 'year', 'reply', 'session'] as const)
    .map((facet) => {
      const selected = params[facet] === undefined ? undefined : String(params[facet]);
      const values = page.facets[facet];
      const limit = shown[facet] ?? 20;
      const visible = values.filter((v, i) => i < limit || v.value === selected);
      return {
        id: `facet-${facet}`,
        heading: t(`search.facet.${facet}`),
        values: visible.map((v) => {
          const isSelected = v.value === selected;
          return {
            label: label(facet, v),
            count: number(lang, v.count),
            selected: isSelected,
            href: siteHref(language, '/', { ...params, [facet]: isSelected ? undefined : v.value, page: undefined }),
          };
        }),
        more: values.length > visible.length ? t('search.facet.more', { count: values.length - visible.length }) : null,
      };
    })
    .filter((f) => f.values.length > 0);
}

/** A result row as lists show it: reference, date, type, addressee, mandates, summary and reply badges. */
export function resultRowView(language: PageLanguage, item: PublicSearchPage['items'][number]) {
  const { lang } = language;
  const t = translator(lang);
  return {
    reference: item.reference,
    href: siteHref(language, communicationPath(item.slug)),
    displayType: item.displayType,
    typeLabel: t(`type.${item.displayType}`),
    date: { iso: item.sentDate, text: formatDate(lang, item.sentDate) },
    addressee: item.addressee.name ?? item.addressee.code,
    addresseeHref: siteHref(language, '/', { addressee: item.addressee.code }),
    mandates: item.mandates.map((m) => m.title ?? m.slug),
    subject: item.subject,
    summary: item.summary,
    reply: t(`replyStatus.${item.replyStatus}`),
    replyStatus: item.replyStatus,
    replies: item.replies > 0 ? t('search.replies', { count: item.replies }) : null,
    synthetic: item.synthetic,
  };
}

/** The front page: search form, key figures (nothing asked), facets, results, pages. */
export function searchView(ref: ReferenceData, language: PageLanguage, page: PublicSearchPage) {
  const { lang } = language;
  const t = translator(lang);
  const f = page.filters;
  const params = carried(f);
  const searching = Object.keys(params).some((k) => k !== 'sort' && k !== 'limit');
  const pages = Math.max(1, Math.ceil(page.total / page.limit));
  const from = page.items.length === 0 ? 0 : (page.page - 1) * page.limit + 1;
  const to = from === 0 ? 0 : from + page.items.length - 1;
  const option = (value: string, text: string, chosen: unknown) => ({ value, label: text, selected: chosen !== undefined && String(chosen) === value });
  const collator = new Intl.Collator(intlTag(lang));
  const byLabel = <T extends { label: string }>(xs: T[]) => xs.sort((a, b) => collator.compare(a.label, b.label));
  const replyCount = (s: string) => page.facets.reply.find((v) => v.value === s)?.count ?? 0;
  const replied = replyCount('replied') + replyCount('replied_late');

  return {
    heading: t('home.title'),
    intro: t('home.intro'),
    searching,
    form: {
      action: siteHref(language, '/'),
      clearHref: siteHref(language, '/'),
      q: f.q ?? '',
      from: f.from ?? '',
      to: f.to ?? '',
      year: f.year === undefined ? '' : String(f.year),
      sort: f.sort,
      sorts: [option('newest', t('search.sort.newest'), f.sort), option('oldest', t('search.sort.oldest'), f.sort)],
      states: byLabel(ref.addressees().filter((a) => a.kind === 'state').map((a) => option(a.code, ref.addresseeName(a.id, lang) ?? a.id, f.addressee))),
      others: byLabel(ref.addressees().filter((a) => a.kind !== 'state').map((a) => option(a.id, ref.addresseeName(a.id, lang) ?? a.id, f.addressee))),
      mandates: byLabel(ref.mandates().map((m) => option(m.slug, ref.mandateTitle(m.slug, lang) ?? m.slug, f.mandate))),
      types: COMMUNICATION_TYPES.map((type) => option(type, t(`type.${type}`), f.type)),
      joints: [option('true', t('search.joint.true'), f.joint), option('false', t('search.joint.false'), f.joint)],
      replies: REPLY_STATUSES.map((s) => option(s, t(`replyStatus.${s}`), f.reply)),
      sessions: page.facets.session.map((s) => option(s.value, t('search.session', { number: Number(s.value) }), f.session)),
    },
    figures: searching
      ? null
      : [
          { value: number(lang, page.total), label: t('search.figure.published', { count: page.total }) },
          { value: number(lang, page.facets.addressee.length), label: t('search.figure.addressees', { count: page.facets.addressee.length }) },
          { value: number(lang, page.facets.mandate.length), label: t('search.figure.mandates', { count: page.facets.mandate.length }) },
          {
            value: new Intl.NumberFormat(intlTag(lang), { style: 'percent' }).format(page.total === 0 ? 0 : replied / page.total),
            label: t('search.figure.replied'),
          },
        ],
    total: t('home.total', { count: page.total }),
    showing: page.items.length > 0 && pages > 1 ? t('home.showing', { from, to, total: page.total }) : null,
    empty:
      page.items.length > 0
        ? null
        : page.total > 0
          ? { text: t('home.emptyPage'), href: siteHref(language, '/', params) }
          : { text: t(searching ? 'home.emptyFiltered' : 'home.emptyAll'), href: null },
    facets: searching || page.total > 0 ? facetsOf(t, lang, language, page, params) : [],
    rows: page.items.map((item) => resultRowView(language, item)),
    pagination:
      pages > 1 || page.page > 1
        ? {
            status: t('pagination.status', { page: page.page, pages }),
            previous: page.page > 1 ? siteHref(language, '/', { ...params, page: Math.min(page.page - 1, pages) }) : null,
            next: page.page < pages ? siteHref(language, '/', { ...params, page: page.page + 1 }) : null,
          }
        : null,
    exports: {
      csv: siteHref({ lang, explicit: false }, '/api/v1/export.csv', params),
      json: siteHref({ lang, explicit: false }, '/api/v1/export.json', params),
      api: siteHref({ lang, explicit: false }, '/api/v1/communications', params),
    },
    /** The parameters the language switcher keeps. */
    params: { ...params, page: page.page > 1 ? page.page : undefined },
  };
}

/** The communication page's "related" block: the latest other letters to the same addressee. */
export function relatedView(language: PageLanguage, page: PublicSearchPage, reference: string, addresseeCode: string, addresseeName: string) {
  const t = translator(language.lang);
  const rows = page.items.filter((item) => item.reference !== reference).slice(0, 5);
  return {
    heading: t('search.related', { addressee: addresseeName }),
    all: t('search.relatedAll', { count: page.total, addressee: addresseeName }),
    allHref: siteHref(language, '/', { addressee: addresseeCode }),
    rows: rows.map((item) => ({
      reference: item.reference,
      href: siteHref(language, communicationPath(item.slug)),
      date: { iso: item.sentDate, text: formatDate(language.lang, item.sentDate) },
      subject: item.subject,
    })),
  };
}

/** Later letters that follow a communication up (only public ones reach here). */
export function followedByView(language: PageLanguage, followedBy: ReadonlyArray<{ reference: string | null; slug: string | null }>) {
  return followedBy
    .filter((f): f is { reference: string; slug: string } => f.reference !== null && f.slug !== null)
    .map((f) => ({ reference: f.reference, href: siteHref(language, communicationPath(f.slug)) }));
}
