import { DETENTION_STATUSES } from '../../domain/register/vocabulary.ts';
import { translator } from '../../i18n/translate.ts';
import type { DetentionList } from '../../queries/register/list-detentions.ts';
import type { DetentionMenus } from '../../queries/register/view-detention-menus.ts';
import { siteHref, type PageLanguage } from '../view-models.ts';
import { pagesOf, registerNav, type Cell, type RegisterTable } from './register-blocks.ts';
import { countFormat, label, partialDateText, personName, placeText, registerPath } from './register-format.ts';

/** A choice of a filter's menu. */
interface Option {
  value: string;
  label: string;
  selected: boolean;
}

/** A menu with "any" first and the current value selected (kept even when the menu no longer lists it). */
function menu(anyLabel: string, current: string | undefined, choices: ReadonlyArray<{ value: string; label: string }>): Option[] {
  const list = current && !choices.some((c) => c.value === current) ? [...choices, { value: current, label: current }] : choices;
  return [{ value: '', label: anyLabel, selected: !current }, ...list.map((c) => ({ ...c, selected: c.value === current }))];
}

/**
 * The detention register's page: the filter form (the place of detention only for those who may filter by
 * it), the two named lists — whereabouts unknown, no contact with family or counsel — and a page of rows.
 */
export function detentionListView(language: PageLanguage, list: DetentionList, menus: DetentionMenus) {
  const { lang } = language;
  const t = translator(lang);
  const f = list.filters;
  const fmt = countFormat(lang);
  const any = t('registerView.detentions.any');
  const showPlace = menus.places !== null;
  const params = { place: f.place, authority: f.authority, charge: f.charge, status: f.status, contact: f.contact, from: f.from, to: f.to, limit: f.limit };
  const onlyNamedList = (key: 'status' | 'contact', value: string) => Object.entries(params).every(([k, v]) => (k === key ? v === value : v === undefined));
  const named = [
    {
      href: siteHref(language, registerPath.detentions, { status: 'whereabouts_unknown' }),
      label: t('registerView.detentions.whereaboutsUnknown'),
      current: onlyNamedList('status', 'whereabouts_unknown'),
    },
    { href: siteHref(language, registerPath.detentions, { contact: 'either' }), label: t('registerView.detentions.noContact'), current: onlyNamedList('contact', 'either') },
  ];
  const head = [
    t('registerView.col.person'),
    t('registerView.col.arrested'),
    t('registerView.col.arrestAuthority'),
    t('registerView.col.currentAuthority'),
    ...(showPlace ? [t('registerView.col.currentPlace')] : []),
    t('registerView.col.charges'),
    t('registerView.col.court'),
    t('registerView.col.status'),
    t('registerView.col.counsel'),
    t('registerView.col.family'),
  ];
  const table: RegisterTable = {
    caption: t('registerView.detentions.caption', { count: list.total }),
    head,
    rows: list.items.map(({ detention: d, person: p }): Cell[] => [
      { text: personName(t, p), href: siteHref(language, registerPath.person(p.id)), dir: 'auto', badge: p.synthetic ? t('registerView.synthetic') : undefined },
      { text: partialDateText(t, lang, d.arrested), datetime: d.arrested.value },
      { text: d.arrestAuthority ?? '—', dir: 'auto' },
      { text: d.currentAuthority ?? '—', dir: 'auto' },
      ...(showPlace ? [{ text: d.currentPlaceId === undefined ? '—' : (placeText(list.places, d.currentPlaceId) ?? t('registerView.journey.unknown')), warn: d.currentPlaceId === null }] : []),
      { text: d.charges.join('; ') || '—', dir: 'auto' as const },
      { text: d.courtAuthorised === null ? t('registerView.unknown') : d.courtAuthorised ? t('registerView.court.yes') : t('registerView.court.no') },
      { text: label(t, 'detentionStatus', d.status), warn: d.status === 'whereabouts_unknown' },
      { text: label(t, 'access', d.counselAccess), warn: d.counselAccess === 'no' },
      { text: label(t, 'access', d.familyContact), warn: d.familyContact === 'no' },
    ]),
  };
  const pages = Math.ceil(list.total / list.limit);
  return {
    heading: t('registerView.detentions.heading'),
    nav: registerNav(language, t, registerPath.detentions),
    namedLabel: t('registerView.detentions.lists'),
    named,
    form: {
      action: siteHref(language, registerPath.detentions),
      legend: t('registerView.detentions.filter'),
      place: showPlace
        ? menu(
            any,
            f.place,
            menus.places!.map((p) => ({ value: p.id, label: placeText({ [p.id]: p }, p.id) ?? p.id })),
          )
        : null,
      authority: menu(
        any,
        f.authority,
        menus.authorities.map((a) => ({ value: a.value, label: `${a.value} (${fmt(a.count)})` })),
      ),
      charge: menu(
        any,
        f.charge,
        menus.charges.map((c) => ({ value: c.value, label: `${c.value} (${fmt(c.count)})` })),
      ),
      status: menu(
        any,
        f.status,
        DETENTION_STATUSES.map((s) => ({ value: s, label: label(t, 'detentionStatus', s) })),
      ),
      contact: menu(
        any,
        f.contact,
        (['family', 'counsel', 'either'] as const).map((c) => ({ value: c, label: t(`registerView.detentions.contact.${c}`) })),
      ),
      from: f.from ?? '',
      to: f.to ?? '',
      reset: siteHref(language, registerPath.detentions),
    },
    table,
    empty: list.items.length === 0 ? t('registerView.detentions.none') : null,
    pagination: pagesOf(language, t, registerPath.detentions, params, list.page, pages),
  };
}
