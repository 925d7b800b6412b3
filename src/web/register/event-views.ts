import type { Locale } from '../../i18n/locales.ts';
import { translator, type Translate } from '../../i18n/translate.ts';
import type { EventView } from '../../presenters/register-presenter.ts';
import type { EventList } from '../../queries/register/list-events.ts';
import type { EventPage } from '../../queries/register/view-event.ts';
import { siteHref, type PageLanguage } from '../view-models.ts';
import { registerNav, type Cell, type RegisterTable } from './register-blocks.ts';
import { countText, label, partialDateText, personName, placeText, registerPath } from './register-format.ts';
import { communicationLinks, sourceLines } from './person-views.ts';

/** An event's date as a person reads it: its start, or its start and end. */
export function eventWhen(t: Translate, lang: Locale, e: Pick<EventView, 'start' | 'end'>): string {
  const start = partialDateText(t, lang, e.start);
  return e.end ? t('registerView.date.range', { start, end: partialDateText(t, lang, e.end) }) : start;
}

/** The events page: the type filter (links with counts, and a form that works without script) and the list. */
export function eventListView(language: PageLanguage, list: EventList) {
  const { lang } = language;
  const t = translator(lang);
  const types = [
    { href: siteHref(language, registerPath.events, { from: list.filters.from, to: list.filters.to }), label: t('registerView.events.allTypes'), count: list.types.reduce((n, x) => n + x.count, 0), current: !list.filters.type },
    ...list.types.map((x) => ({
      href: siteHref(language, registerPath.events, { type: x.type, from: list.filters.from, to: list.filters.to }),
      label: label(t, 'eventType', x.type),
      count: x.count,
      current: list.filters.type === x.type,
    })),
  ];
  const table: RegisterTable = {
    caption: list.filters.type ? t('registerView.events.captionOfType', { type: label(t, 'eventType', list.filters.type) }) : t('registerView.events.caption'),
    head: [t('registerView.col.event'), t('registerView.col.date'), t('registerView.col.type'), t('registerView.col.places')],
    rows: list.events.map((e): Cell[] => [
      { text: e.title, href: siteHref(language, registerPath.event(e.id)), dir: 'auto', badge: e.synthetic ? t('registerView.synthetic') : undefined },
      { text: eventWhen(t, lang, e), datetime: e.start.value },
      { text: label(t, 'eventType', e.type) },
      { text: e.placeIds.map((id) => placeText(list.places, id)).join(', ') || '—' },
    ]),
  };
  return {
    heading: t('registerView.events.heading'),
    nav: registerNav(language, t, registerPath.events),
    filterLabel: t('registerView.events.filter'),
    types,
    form: {
      action: siteHref(language, registerPath.events),
      type: list.filters.type ?? '',
      from: list.filters.from ?? '',
      to: list.filters.to ?? '',
      options: [{ value: '', label: t('registerView.events.allTypes') }, ...list.types.map((x) => ({ value: x.type, label: label(t, 'eventType', x.type) }))],
    },
    table,
    empty: list.events.length === 0 ? t('registerView.events.none') : null,
  };
}

/** An event's page. */
export function eventPageView(language: PageLanguage, page: EventPage, canEdit = false) {
  const { lang } = language;
  const t = translator(lang);
  const e = page.event;
  const facts: Array<{ term: string; value: string; datetime?: string }> = [
    { term: t('registerView.col.type'), value: label(t, 'eventType', e.type) },
    { term: t('registerView.col.date'), value: eventWhen(t, lang, e), datetime: e.start.value },
    { term: t('registerView.col.country'), value: e.countryCode },
  ];
  const places = e.placeIds.map((id) => {
    const p = page.places[id];
    return {
      name: placeText(page.places, id) ?? id,
      kind: p ? label(t, 'placeKind', p.kind) : '',
      coordinates: p && p.lat !== null && p.lon !== null ? `${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}` : null,
    };
  });
  const acts: RegisterTable = {
    caption: t('registerView.event.actsCaption'),
    head: [t('registerView.col.person'), t('registerView.col.act'), t('registerView.col.perpetrator'), t('registerView.col.status'), t('registerView.col.date'), t('registerView.col.place')],
    rows: page.acts.map(({ act, person }): Cell[] => [
      { text: personName(t, person), href: siteHref(language, registerPath.person(person.id)), dir: 'auto', badge: person.synthetic ? t('registerView.synthetic') : undefined },
      { text: label(t, 'actType', act.type) },
      { text: label(t, 'perpetrator', act.perpetrator) },
      { text: label(t, 'actStatus', act.status) },
      { text: act.date ? partialDateText(t, lang, act.date) : '—', datetime: act.date?.value },
      { text: placeText(page.places, act.placeId) ?? '—' },
    ]),
  };
  const figures: RegisterTable = {
    caption: t('registerView.event.figuresCaption'),
    head: [t('registerView.col.count'), t('registerView.col.measure'), t('registerView.col.population'), t('registerView.col.reportedBy'), t('registerView.col.reported'), t('registerView.col.scope')],
    rows: page.figures.map((f): Cell[] => [
      { text: countText(t, lang, f.count, f.qualifier), numeric: true, href: siteHref(language, registerPath.figures, { measure: f.measure }) },
      { text: label(t, 'measure', f.measure) },
      { text: label(t, 'population', f.population) },
      { text: f.reportedBy ?? t('registerView.figures.unattributed'), dir: 'auto' },
      { text: partialDateText(t, lang, f.reported, { by: true }), datetime: f.reported.value },
      { text: placeText(page.places, f.scopePlaceId) ?? '' },
    ]),
  };
  const linkHref = siteHref(language, `/staff/register/links/new?recordType=event&recordId=${e.id}`);
  return {
    actions: canEdit ? [{ href: linkHref, label: t('registerView.action.link') }] : [],
    heading: e.title,
    nav: registerNav(language, t, registerPath.events),
    back: { href: siteHref(language, registerPath.events), label: t('registerView.event.back') },
    synthetic: e.synthetic ? t('registerView.syntheticRecord') : null,
    facts,
    description: e.description,
    placesHeading: t('registerView.event.places'),
    places,
    actsHeading: t('registerView.event.acts'),
    acts,
    actsEmpty: page.acts.length === 0 ? t('registerView.event.noActs') : null,
    moreActs: page.moreActs ? t('registerView.event.moreActs') : null,
    figuresHeading: t('registerView.event.figures'),
    figures,
    figuresEmpty: page.figures.length === 0 ? t('registerView.event.noFigures') : null,
    communicationsHeading: t('registerView.communications'),
    communications: communicationLinks(language, page.communications),
    communicationsEmpty: page.communications.length === 0 ? t('registerView.noCommunications') : null,
    sourcesHeading: t('registerView.sources'),
    sources: e.sources ? sourceLines(t, lang, e.sources) : null,
  };
}
