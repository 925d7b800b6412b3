import { directionOf } from '../../i18n/locales.ts';
import { translator, type Translate } from '../../i18n/translate.ts';
import type { FigureView } from '../../presenters/register-presenter.ts';
import type { FigureSeries } from '../../queries/register/figure-series.ts';
import { siteHref, type PageLanguage } from '../view-models.ts';
import { figuresChart, type FigureLine } from './figures-chart.ts';
import type { ChartBlock, Cell, NavLink } from './register-blocks.ts';
import { registerNav } from './register-blocks.ts';
import { countFormat, countText, daysOf, isImprecise, label, partialDateText, placeText, registerPath } from './register-format.ts';

/**
 * The figures of one measure as a chart and a table. The chart compares like with like: the counts of the
 * measure's main population for its main scope (killed, all people, Kazakhstan), one series per reporting
 * body; every figure, of any population or scope, is a row of the table. Figures are never merged.
 */

/** The most frequent value of a list (ties: the first met). */
function mostFrequent<T>(values: readonly T[], prefer?: (v: T) => boolean): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const preferred = values.find((v) => prefer?.(v));
  if (preferred !== undefined) return preferred;
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The figures the chart compares: of the measure's main population (all people when reported) and main scope. */
function headline(series: FigureSeries): { figures: FigureView[]; population: string | null; scope: string | null } {
  const population = mostFrequent(
    series.figures.map((f) => f.population),
    (p) => p === 'all',
  );
  const ofPopulation = series.figures.filter((f) => f.population === population);
  const scope = mostFrequent(
    ofPopulation.map((f) => f.scopePlaceId),
    (id) => series.places[id]?.kind === 'country',
  );
  return { figures: ofPopulation.filter((f) => f.scopePlaceId === scope), population: population ?? null, scope: scope ?? null };
}

/** The reporting body of a figure as the chart's series and the table name it. */
const reporterOf = (t: Translate, f: FigureView) => f.reportedBy ?? t('registerView.figures.unattributed');

/** The figures of a series as a chart and its table. `id` makes the chart's ids unique in the page. */
export function figuresBlock(language: PageLanguage, series: FigureSeries, id: string): ChartBlock {
  const { lang } = language;
  const t = translator(lang);
  const measure = series.measure ? label(t, 'measure', series.measure) : '';
  const caption = t('registerView.figures.chartTitle', { measure });
  const table = {
    caption: t('registerView.figures.tableCaption', { measure }),
    head: [
      t('registerView.col.count'),
      t('registerView.col.qualifier'),
      t('registerView.col.population'),
      t('registerView.col.reportedBy'),
      t('registerView.col.reported'),
      t('registerView.col.scope'),
      t('registerView.col.partOf'),
      t('registerView.col.event'),
      t('registerView.col.notes'),
    ],
    rows: series.figures.map((f): Cell[] => {
      const whole = f.partOfId ? series.wholes[f.partOfId] : undefined;
      const event = f.eventId ? series.events[f.eventId] : undefined;
      return [
        { text: countText(t, lang, f.count, f.qualifier), numeric: true },
        { text: label(t, 'qualifierName', f.qualifier) },
        { text: label(t, 'population', f.population) },
        { text: reporterOf(t, f), dir: 'auto' },
        { text: partialDateText(t, lang, f.reported, { by: true }), datetime: f.reported.value },
        { text: placeText(series.places, f.scopePlaceId) ?? '' },
        {
          text: whole
            ? t('registerView.figures.partOfText', { count: countText(t, lang, whole.count, whole.qualifier), by: reporterOf(t, whole), date: partialDateText(t, lang, whole.reported, { by: true }) })
            : '—',
        },
        event ? { text: event.title, href: siteHref(language, registerPath.event(event.id)), dir: 'auto' } : { text: '—' },
        { text: [f.notes, f.quote ? `“${f.quote}”` : ''].filter((x) => x).join(' '), dir: 'auto' },
      ];
    }),
  };
  if (series.figures.length === 0) return { id, caption, svg: null, empty: t('registerView.figures.none'), notes: [], table };

  const head = headline(series);
  const reporters: string[] = [];
  for (const f of head.figures) if (!reporters.includes(reporterOf(t, f))) reporters.push(reporterOf(t, f));
  const lines: FigureLine[] = reporters.map((r) => ({
    label: r,
    points: head.figures
      .filter((f) => reporterOf(t, f) === r)
      .map((f) => {
        const text = countText(t, lang, f.count, f.qualifier);
        const when = partialDateText(t, lang, f.reported, { by: true });
        return { ...daysOf(f.reported), count: f.count, text, imprecise: isImprecise(f.reported), tip: `${r}: ${text} — ${when}` };
      }),
  }));
  // Where the sources' latest counts disagree: the latest report of each body, lowest against highest.
  const latest = lines.map((l) => l.points.at(-1)!).filter((p) => p !== undefined);
  const low = Math.min(...latest.map((p) => p.count));
  const high = Math.max(...latest.map((p) => p.count));
  const fmt = countFormat(lang);
  const disagreement = lines.length > 1 && low !== high ? { low, high, label: t('registerView.figures.disagree', { low: fmt(low), high: fmt(high) }) } : null;
  const population = head.population ? label(t, 'population', head.population) : '';
  const scope = placeText(series.places, head.scope) ?? '';
  const desc = [
    t('registerView.figures.chartDesc', { measure, population, scope, sources: lines.length, reports: head.figures.length }),
    disagreement ? disagreement.label : '',
  ]
    .filter((x) => x)
    .join(' ');
  const svg = figuresChart({
    id: `${id}-chart`,
    title: caption,
    desc,
    lang,
    dir: directionOf(lang),
    series: lines,
    disagreement,
    formatCount: fmt,
    legend: { imprecise: t('registerView.figures.legendVague') },
  });
  const notes = [t('registerView.figures.chartScope', { population, scope })];
  if (disagreement) notes.unshift(disagreement.label);
  return { id, caption, svg, empty: null, notes, table };
}

/** The figures page: the measure's chart and table, and links to every measure that has figures. */
export function figuresPageView(language: PageLanguage, series: FigureSeries) {
  const t = translator(language.lang);
  const measure = series.measure ? label(t, 'measure', series.measure) : '';
  const measures: NavLink[] = series.measures.map((m) => ({
    href: siteHref(language, registerPath.figures, { measure: m.measure }),
    label: t('registerView.figures.measureCount', { measure: label(t, 'measure', m.measure), count: m.count }),
    current: m.measure === series.measure,
  }));
  return {
    heading: series.measure ? t('registerView.figures.heading', { measure }) : t('registerView.figures.headingNone'),
    nav: registerNav(language, t, registerPath.figures),
    measures,
    measuresLabel: t('registerView.figures.measures'),
    block: figuresBlock(language, series, 'figures'),
  };
}
