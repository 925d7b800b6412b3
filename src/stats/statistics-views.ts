import { directionOf, intlTag, type Locale } from '../i18n/locales.ts';
import { translator, type Translate } from '../i18n/translate.ts';
import type { PresentedMandateFigures, PresentedReplies, PresentedStatistics } from '../presenters/statistics-presenter.ts';
import type { PublicSearchPage } from '../queries/search-public-communications.ts';
import { siteHref, type PageLanguage } from '../web/view-models.ts';
import { barChart, CHART_COLOURS, columnChart, type BarChartSpec } from './svg-charts.ts';
import { resultRowView } from '../web/search-view.ts';

/**
 * View models of the statistics pages: the whole database, one addressee, one mandate. Each section is a
 * chart (or two) drawn as SVG and the table of the same figures right after it; the numbers of both come
 * from the one presented form of the statistics, written the page language's way.
 */

/** How many mandates or addressees a chart shows; the table lists them all. */
export const CHART_TOP = 10;

/** A cell of a table: text, perhaps a link, perhaps in another language than the page's. */
export interface TableCell {
  text: string;
  href?: string;
  lang?: string;
}

/** A table of figures: first column the row's name, the others numbers. */
export interface FigureTable {
  caption: string;
  head: string[];
  rows: TableCell[][];
}

/** A chart: the SVG (every text in it escaped by the renderer) and its visible caption. */
export interface FigureChart {
  id: string;
  caption: string;
  svg: string;
}

/** A section of a statistics page: a heading, charts, a note, and the table behind the charts. */
export interface FigureSection {
  id: string;
  heading: string;
  charts: FigureChart[];
  note: string | null;
  table: FigureTable;
}

/** The number formats of a page. */
function formatsOf(lang: Locale) {
  const tag = intlTag(lang);
  const count = new Intl.NumberFormat(tag);
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  const year = new Intl.NumberFormat(tag, { useGrouping: false });
  return {
    count: (v: number) => count.format(v),
    percent: (v: number | null) => (v === null ? '—' : percent.format(v)),
    year: (v: number) => year.format(v),
  };
}

type Formats = ReturnType<typeof formatsOf>;

/** What every section builder needs: the language, its translator, its formats, and the chart ids' prefix. */
interface Ctx {
  language: PageLanguage;
  lang: Locale;
  dir: 'ltr' | 'rtl';
  t: Translate;
  f: Formats;
}

function ctxOf(language: PageLanguage): Ctx {
  return { language, lang: language.lang, dir: directionOf(language.lang), t: translator(language.lang), f: formatsOf(language.lang) };
}

const chart = (c: Ctx, render: (spec: BarChartSpec) => string, spec: Omit<BarChartSpec, 'lang' | 'dir'>): FigureChart => ({
  id: spec.id,
  caption: spec.title,
  svg: render({ ...spec, lang: c.lang, dir: c.dir }),
});

/** The series of reply charts: on time, late, none. */
function replySeries(t: Translate) {
  return [
    { label: t('stats.series.replied'), colour: CHART_COLOURS.replied },
    { label: t('stats.series.late'), colour: CHART_COLOURS.late },
    { label: t('stats.series.none'), colour: CHART_COLOURS.none },
  ];
}

const replyValues = (r: PresentedReplies) => [r.replied, r.late, r.none];

/** The reply columns of a table row. */
const replyCells = (f: Formats, r: PresentedReplies): TableCell[] => [
  { text: f.count(r.replied) },
  { text: f.count(r.late) },
  { text: f.count(r.none) },
  { text: f.percent(r.rate) },
];

const replyHead = (t: Translate) => [t('stats.column.replied'), t('stats.column.late'), t('stats.column.none'), t('stats.column.rate')];

/** Letters and replies per year of sending: two charts and one table. */
function yearSection(c: Ctx, s: PresentedStatistics, id: string): FigureSection {
  const { t, f } = c;
  const years = s.byYear;
  const peak = years.reduce((best, y) => (y.count > best.count ? y : best), years[0]!);
  const bars = years.map((y) => f.year(y.year));
  return {
    id: `${id}-years`,
    heading: t('stats.section.years'),
    charts: [
      chart(c, columnChart, {
        id: `${id}-chart-years`,
        title: t('stats.chart.years.title'),
        desc: t('stats.chart.years.desc', { first: bars[0]!, last: bars.at(-1)!, total: s.total, peak: f.year(peak.year), peakCount: peak.count }),
        series: [
          { label: t('stats.series.single'), colour: CHART_COLOURS.primary },
          { label: t('stats.series.joint'), colour: CHART_COLOURS.secondary },
        ],
        bars: years.map((y, i) => ({ label: bars[i]!, values: [y.count - y.joint, y.joint] })),
      }),
      chart(c, columnChart, {
        id: `${id}-chart-replies`,
        title: t('stats.chart.replies.title'),
        desc: t('stats.chart.replies.desc', { rate: f.percent(s.replies.rate), onTime: f.percent(s.replies.onTimeRate), late: f.percent(s.replies.lateRate) }),
        series: replySeries(t),
        bars: years.map((y, i) => ({ label: bars[i]!, values: replyValues(y.replies) })),
      }),
    ],
    note: t('stats.note.rate'),
    table: {
      caption: t('stats.table.years'),
      head: [t('stats.column.year'), t('stats.column.count'), t('stats.column.joint'), ...replyHead(t)],
      rows: years.map((y, i) => [{ text: bars[i]! }, { text: f.count(y.count) }, { text: f.count(y.joint) }, ...replyCells(f, y.replies)]),
    },
  };
}

/** Letters by type. */
function typeSection(c: Ctx, s: PresentedStatistics, id: string): FigureSection {
  const { t, f } = c;
  return {
    id: `${id}-types`,
    heading: t('stats.section.types'),
    charts: [
      chart(c, barChart, {
        id: `${id}-chart-types`,
        title: t('stats.chart.types.title'),
        desc: t('stats.chart.types.desc'),
        series: [
          { label: t('stats.series.single'), colour: CHART_COLOURS.primary },
          { label: t('stats.series.joint'), colour: CHART_COLOURS.secondary },
        ],
        bars: s.byType.map((x) => ({ label: t(`type.${x.type}`), values: [x.count - x.joint, x.joint] })),
      }),
    ],
    note: null,
    table: {
      caption: t('stats.table.types'),
      head: [t('stats.column.type'), t('stats.column.count'), t('stats.column.joint'), t('stats.column.share')],
      rows: s.byType.map((x) => [{ text: t(`type.${x.type}`) }, { text: f.count(x.count) }, { text: f.count(x.joint) }, { text: f.percent(x.share) }]),
    },
  };
}

/** A mandate's label on a chart: its short name, its full title, and their language when not the page's. */
const mandateLabel = (c: Ctx, m: PresentedMandateFigures) => ({ label: m.short, fullLabel: m.title, lang: m.titleLang === c.lang ? undefined : m.titleLang });

/** Letters and reply rates by mandate: the first ones charted, all in the table. */
function mandateSection(c: Ctx, s: PresentedStatistics, id: string, heading: string, chartTitle: string): FigureSection {
  const { t, f, language } = c;
  const top = s.byMandate.slice(0, CHART_TOP);
  const first = top[0];
  return {
    id: `${id}-mandates`,
    heading,
    charts: [
      chart(c, barChart, {
        id: `${id}-chart-mandates`,
        title: chartTitle,
        desc: t('stats.chart.mandates.desc', { count: top.length, first: first?.title ?? '', firstCount: first?.count ?? 0 }),
        series: [{ label: t('stats.series.count'), colour: CHART_COLOURS.primary }],
        bars: top.map((m) => ({ ...mandateLabel(c, m), values: [m.count] })),
      }),
      chart(c, barChart, {
        id: `${id}-chart-mandate-replies`,
        title: t('stats.chart.mandateReplies.title'),
        desc: t('stats.chart.shares.desc'),
        series: replySeries(t),
        scale: 'share',
        bars: top.map((m) => ({ ...mandateLabel(c, m), values: replyValues(m.replies) })),
        endLabels: top.map((m) => f.percent(m.replies.rate)),
      }),
    ],
    note: t('stats.note.mandates'),
    table: {
      caption: t('stats.table.mandates'),
      head: [t('stats.column.mandate'), t('stats.column.count'), t('stats.column.joint'), ...replyHead(t)],
      rows: s.byMandate.map((m) => [
        { text: m.title, href: siteHref(language, mandatePath(m.slug)), lang: m.titleLang === c.lang ? undefined : m.titleLang },
        { text: f.count(m.count) },
        { text: f.count(m.joint) },
        ...replyCells(f, m.replies),
      ]),
    },
  };
}

/** Letters and reply rates by addressee: the first ones charted, all in the table. */
function addresseeSection(c: Ctx, s: PresentedStatistics, id: string, heading: string, chartTitle: string): FigureSection {
  const { t, f, language } = c;
  const top = s.byAddressee.slice(0, CHART_TOP);
  const first = top[0];
  return {
    id: `${id}-addressees`,
    heading,
    charts: [
      chart(c, barChart, {
        id: `${id}-chart-addressees`,
        title: chartTitle,
        desc: t('stats.chart.addressees.desc', { count: top.length, first: first?.name ?? '', firstCount: first?.count ?? 0 }),
        series: [{ label: t('stats.series.count'), colour: CHART_COLOURS.primary }],
        bars: top.map((a) => ({ label: a.name, values: [a.count] })),
      }),
      chart(c, barChart, {
        id: `${id}-chart-addressee-replies`,
        title: t('stats.chart.addresseeReplies.title'),
        desc: t('stats.chart.shares.desc'),
        series: replySeries(t),
        scale: 'share',
        bars: top.map((a) => ({ label: a.name, values: replyValues(a.replies) })),
        endLabels: top.map((a) => f.percent(a.replies.rate)),
      }),
    ],
    note: null,
    table: {
      caption: t('stats.table.addressees'),
      head: [t('stats.column.addressee'), t('stats.column.count'), t('stats.column.joint'), ...replyHead(t)],
      rows: s.byAddressee.map((a) => [
        { text: a.name, href: siteHref(language, addresseePath(a.id)) },
        { text: f.count(a.count) },
        { text: f.count(a.joint) },
        ...replyCells(f, a.replies),
      ]),
    },
  };
}

/** The key figures of a selection: how many, the share of joint letters, the reply rates. */
function figuresOf(c: Ctx, s: PresentedStatistics) {
  const { t, f } = c;
  return [
    { value: f.count(s.total), label: t('stats.figure.total', { count: s.total }) },
    { value: f.percent(s.jointShare), label: t('stats.figure.joint') },
    { value: f.percent(s.replies.rate), label: t('stats.figure.replied') },
    { value: f.percent(s.replies.onTimeRate), label: t('stats.figure.onTime') },
    { value: f.percent(s.replies.lateRate), label: t('stats.figure.late') },
  ];
}

/** The address of an addressee's page (`/addressees/KAZ`, `/addressees/oth-glencore`). */
export function addresseePath(id: string): string {
  return `/addressees/${encodeURIComponent(id)}`;
}

/** The address of a mandate's page (`/mandates/sr-torture`). */
export function mandatePath(slug: string): string {
  return `/mandates/${encodeURIComponent(slug)}`;
}

/** The statistics page: key figures, then per year, type, mandate and addressee. */
export function statisticsView(language: PageLanguage, s: PresentedStatistics) {
  const c = ctxOf(language);
  const { t } = c;
  const empty = s.total === 0;
  return {
    heading: t('stats.title'),
    intro: t('stats.intro'),
    empty: empty ? t('stats.empty') : null,
    figures: empty ? [] : figuresOf(c, s),
    sections: empty
      ? []
      : [
          yearSection(c, s, 'all'),
          typeSection(c, s, 'all'),
          mandateSection(c, s, 'all', t('stats.section.mandates'), t('stats.chart.mandates.title', { count: Math.min(CHART_TOP, s.byMandate.length) })),
          addresseeSection(c, s, 'all', t('stats.section.addressees'), t('stats.chart.addressees.title', { count: Math.min(CHART_TOP, s.byAddressee.length) })),
        ],
    apiHref: '/api/v1/statistics',
  };
}

/** An addressee's page: its figures, its reply rate over time, the mandates that wrote to it, its latest letters. */
export function addresseeView(
  language: PageLanguage,
  data: { addressee: { id: string; name: string }; statistics: PresentedStatistics },
  latest: PublicSearchPage,
) {
  const c = ctxOf(language);
  const { t } = c;
  const s = data.statistics;
  const name = data.addressee.name;
  const empty = s.total === 0;
  return {
    heading: name,
    intro: t('stats.addressee.intro', { name }),
    empty: empty ? t('stats.addressee.empty', { name }) : null,
    figures: empty ? [] : figuresOf(c, s),
    sections: empty
      ? []
      : [
          yearSection(c, s, 'addressee'),
          mandateSection(c, s, 'addressee', t('stats.section.mandates'), t('stats.addressee.mandatesTitle', { name, count: Math.min(CHART_TOP, s.byMandate.length) })),
        ],
    latest: latest.items.map((item) => resultRowView(c.language, item)),
    latestHeading: t('stats.latest'),
    all: empty ? null : { href: siteHref(language, '/', { addressee: data.addressee.id }), text: t('stats.addressee.all', { name, count: latest.total }) },
    statisticsHref: siteHref(language, '/statistics'),
    apiHref: `/api/v1/addressees/${encodeURIComponent(data.addressee.id)}`,
  };
}

/** A mandate's page: its figures per year, its reply rates, the addressees it wrote to most, its latest letters. */
export function mandateView(
  language: PageLanguage,
  data: { mandate: { slug: string; title: string; titleLang: string }; statistics: PresentedStatistics },
  latest: PublicSearchPage,
) {
  const c = ctxOf(language);
  const { t } = c;
  const s = data.statistics;
  const empty = s.total === 0;
  return {
    heading: data.mandate.title,
    headingLang: data.mandate.titleLang === c.lang ? null : data.mandate.titleLang,
    intro: t('stats.mandate.intro'),
    empty: empty ? t('stats.mandate.empty') : null,
    figures: empty ? [] : figuresOf(c, s),
    sections: empty
      ? []
      : [
          yearSection(c, s, 'mandate'),
          typeSection(c, s, 'mandate'),
          addresseeSection(c, s, 'mandate', t('stats.section.addressees'), t('stats.mandate.addresseesTitle', { count: Math.min(CHART_TOP, s.byAddressee.length) })),
        ],
    latest: latest.items.map((item) => resultRowView(c.language, item)),
    latestHeading: t('stats.latest'),
    all: empty ? null : { href: siteHref(language, '/', { mandate: data.mandate.slug }), text: t('stats.mandate.all', { count: latest.total }) },
    statisticsHref: siteHref(language, '/statistics'),
    apiHref: `/api/v1/mandates/${encodeURIComponent(data.mandate.slug)}`,
  };
}
