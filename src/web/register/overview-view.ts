import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { EVENT_TYPES } from '../../domain/register/vocabulary.ts';
import { directionOf, LOCALE_CODES, type Locale } from '../../i18n/locales.ts';
import { translator, type Translate } from '../../i18n/translate.ts';
import type { PlaceActivity, RegisterOverview } from '../../queries/register/register-overview.ts';
import { siteHref, type PageLanguage } from '../view-models.ts';
import { eventWhen } from './event-views.ts';
import { figuresBlock } from './figures-view.ts';
import { placesMap } from './places-map.ts';
import { registerNav, type Cell, type ChartBlock } from './register-blocks.ts';
import { countFormat, daysOf, isImprecise, label, partialValueText, placeText, registerPath } from './register-format.ts';
import { timelineChart } from './timeline-chart.ts';

/**
 * The register's overview page: the timeline of events, the map of places, and the figures of one measure
 * by source, each chart followed by the table of its data.
 */

/** The most events the timeline draws; the table lists them all. */
export const TIMELINE_MAX = 80;

let namesRegistered = false;

/** A country's name in a language by its ISO numeric code (as the atlas names countries), or null. */
function countryName(lang: Locale, numeric: string): string | null {
  if (!namesRegistered) {
    const require = createRequire(import.meta.url);
    for (const code of LOCALE_CODES) countries.registerLocale(require(`i18n-iso-countries/langs/${code}.json`) as countries.LocaleData);
    namesRegistered = true;
  }
  const alpha2 = countries.numericToAlpha2(numeric);
  return alpha2 ? (countries.getName(alpha2, lang, { select: 'alias' }) ?? countries.getName(alpha2, 'en') ?? null) : null;
}

/** The timeline of the events and its table. */
function timelineBlock(language: PageLanguage, t: Translate, o: RegisterOverview): ChartBlock {
  const { lang } = language;
  const caption = t('registerView.timeline.title');
  const table = {
    caption: t('registerView.timeline.table'),
    head: [t('registerView.col.event'), t('registerView.col.date'), t('registerView.col.type'), t('registerView.col.places')],
    rows: o.events.map((e): Cell[] => [
      { text: e.title, href: siteHref(language, registerPath.event(e.id)), dir: 'auto', badge: e.synthetic ? t('registerView.synthetic') : undefined },
      { text: eventWhen(t, lang, e), datetime: e.start.value },
      { text: label(t, 'eventType', e.type) },
      { text: e.placeIds.map((id) => placeText(o.places, id)).join(', ') || '—' },
    ]),
  };
  if (o.events.length === 0) return { id: 'timeline', caption, svg: null, empty: t('registerView.timeline.none'), notes: [], table };
  const drawn = o.events.slice(0, TIMELINE_MAX);
  const groups = EVENT_TYPES.filter((type) => drawn.some((e) => e.type === type)).map((key) => ({ key, label: label(t, 'eventType', key) }));
  const entries = drawn.map((e) => ({
    label: e.title,
    group: e.type,
    ...daysOf(e.start, e.end),
    imprecise: isImprecise(e.start) || (e.end !== null && isImprecise(e.end)),
    when: eventWhen(t, lang, e),
  }));
  const firsts = entries.map((e) => e.first).sort();
  const lasts = entries.map((e) => e.last).sort();
  const svg = timelineChart({
    id: 'timeline-chart',
    title: caption,
    desc: t('registerView.timeline.desc', {
      count: drawn.length,
      types: groups.length,
      first: partialValueText(lang, firsts[0]!),
      last: partialValueText(lang, lasts.at(-1)!),
    }),
    lang,
    dir: directionOf(lang),
    groups,
    entries,
    legend: { point: t('registerView.timeline.legendPoint'), period: t('registerView.timeline.legendPeriod'), imprecise: t('registerView.timeline.legendVague') },
  });
  const notes = o.events.length > TIMELINE_MAX ? [t('registerView.timeline.more', { shown: TIMELINE_MAX, count: o.events.length })] : [];
  return { id: 'timeline', caption, svg, empty: null, notes, table };
}

/** A place's coordinates as a person reads them: "43.25° N, 76.91° E". */
function coordinates(t: Translate, p: PlaceActivity['place']): string {
  if (p.lat === null || p.lon === null) return t('registerView.map.noCoordinates');
  const f = (v: number) => Math.abs(v).toFixed(2);
  return t('registerView.map.coordinates', { lat: f(p.lat), ns: p.lat >= 0 ? 'N' : 'S', lon: f(p.lon), ew: p.lon >= 0 ? 'E' : 'W' });
}

/** The map of places and its table. */
function mapBlock(language: PageLanguage, t: Translate, o: RegisterOverview): ChartBlock {
  const { lang } = language;
  const fmt = countFormat(lang);
  const caption = t('registerView.map.title');
  const table = {
    caption: t('registerView.map.table'),
    head: [t('registerView.col.place'), t('registerView.col.kind'), t('registerView.col.events'), t('registerView.col.acts'), t('registerView.col.coordinates')],
    rows: o.activity.map((a): Cell[] => [
      { text: placeText(o.places, a.place.id) ?? a.place.id },
      { text: label(t, 'placeKind', a.place.kind) },
      { text: fmt(a.events), numeric: true },
      { text: fmt(a.acts), numeric: true },
      { text: coordinates(t, a.place), dir: 'ltr' },
    ]),
  };
  const mappable = o.activity.filter((a) => a.place.kind !== 'country' && a.place.lat !== null && a.place.lon !== null);
  const focus = o.countryCode ? countries.alpha3ToNumeric(o.countryCode) : undefined;
  const country = focus ? countryName(lang, focus) : null;
  const svg =
    focus && mappable.length > 0
      ? placesMap({
          id: 'map-chart',
          title: caption,
          desc: t('registerView.map.desc', { country: country ?? o.countryCode ?? '', count: mappable.length, places: mappable.slice(0, 5).map((a) => a.place.name).join(', ') }),
          lang,
          dir: directionOf(lang),
          focus,
          points: mappable.map((a) => ({
            label: a.place.name,
            lat: a.place.lat!,
            lon: a.place.lon!,
            weight: a.events + a.acts,
            tip: t('registerView.map.tip', { place: a.place.name, events: a.events, acts: a.acts }),
          })),
          countryName: (numeric) => countryName(lang, numeric),
        })
      : null;
  const notes = [t('registerView.map.size')];
  if (mappable.length < o.activity.length) notes.push(t('registerView.map.unmapped'));
  notes.push(t('registerView.map.disclaimer'));
  return { id: 'map', caption, svg, empty: svg ? null : t('registerView.map.none'), notes, table };
}

/** The overview page's view model. */
export function overviewView(language: PageLanguage, o: RegisterOverview, canEdit = false) {
  const t = translator(language.lang);
  const figures = figuresBlock(language, o.figures, 'overview-figures');
  const link = (path: string, key: string) => ({ href: siteHref(language, path), label: t(key) });
  return {
    actions: canEdit
      ? [
          link('/staff/register/events/new', 'registerView.action.newEvent'),
          link('/staff/register/persons/new', 'registerView.action.newPerson'),
          link('/staff/register/figures/new', 'registerView.action.newFigure'),
          link('/staff/register/places/new', 'registerView.action.newPlace'),
          link('/staff/register/imports', 'registerView.action.import'),
          link('/staff/register/reviews', 'registerView.action.reviews'),
          link('/staff/register/export.csv?what=detentions', 'registerView.action.export'),
        ]
      : [],
    heading: t('registerView.overview.heading'),
    intro: t('registerView.overview.intro'),
    nav: registerNav(language, t, registerPath.overview),
    blocks: [timelineBlock(language, t, o), mapBlock(language, t, o), figures],
    figuresLink: o.figures.measure ? { href: siteHref(language, registerPath.figures, { measure: o.figures.measure }), label: t('registerView.overview.allFigures') } : null,
  };
}
