import { firstDayOf, lastDayOf, type PartialDate } from '../../domain/register/partial-date.ts';
import type { Place } from '../../domain/register/records.ts';
import { intlTag, type Locale } from '../../i18n/locales.ts';
import { formatDate, type Translate } from '../../i18n/translate.ts';
import type { PersonView } from '../../presenters/register-presenter.ts';

/**
 * How the register's views write its facts: dates as precise as the source gave them (never a day it did
 * not give), counts with their qualifiers, the labels of the vocabularies, names and places. They format;
 * what may be shown was decided by the presenter.
 */

/** A date, a month or a year written the language's way: "11 January 2022", "January 2022", "2022". */
export function partialValueText(lang: Locale, value: string): string {
  if (value.length === 10) return formatDate(lang, value);
  if (value.length === 7) return new Intl.DateTimeFormat(intlTag(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}-15T12:00:00Z`));
  return value;
}

/**
 * A partial date as a person reads it: its precision shows in the form ("January 2022"), a range as "from –
 * to", and a vague date says so. `by` writes a vague date as a limit ("by 11 January 2022 (vague)"), as
 * sources report figures.
 */
export function partialDateText(t: Translate, lang: Locale, d: PartialDate | null, options: { by?: boolean } = {}): string {
  if (!d) return t('registerView.date.unknown');
  const start = partialValueText(lang, d.value);
  const base = d.end && d.end !== d.value ? t('registerView.date.range', { start, end: partialValueText(lang, d.end) }) : start;
  if (!d.vague) return base;
  return t(options.by ? 'registerView.date.byVague' : 'registerView.date.vague', { date: base });
}

/** The first and last calendar days a partial date may mean (a month is all its days). */
export function daysOf(d: PartialDate, end?: PartialDate | null): { first: string; last: string } {
  const last = end ? lastDayOf(end.end ?? end.value) : lastDayOf(d.end ?? d.value);
  return { first: firstDayOf(d.value), last: last < firstDayOf(d.value) ? firstDayOf(d.value) : last };
}

/** Whether a date is less than a day's precision or vague: drawn hollow and dashed. */
export const isImprecise = (d: PartialDate): boolean => d.vague === true || d.precision !== 'day';

/** The number format of a language. */
export function countFormat(lang: Locale): (n: number) => string {
  const f = new Intl.NumberFormat(intlTag(lang));
  return (n) => f.format(n);
}

/** A count as its source qualified it: "over 9,900", "close to 8,000", "225". */
export function countText(t: Translate, lang: Locale, count: number, qualifier: string): string {
  const n = countFormat(lang)(count);
  return qualifier === 'exact' ? n : label(t, 'qualifier', qualifier, n);
}

/**
 * The label of a vocabulary's code (`register.eventType.assembly`), or the code itself when the catalogue has
 * none, so that a code added later shows rather than a key. `count` fills a qualifier's number.
 */
export function label(t: Translate, vocabulary: string, code: string, count?: string): string {
  const key = `register.${vocabulary}.${code}`;
  const text = t(key, count === undefined ? undefined : { count });
  return text === key ? code : text;
}

/** The name a list shows for a person: the first variant, or "identity withheld" when the reader may not see it. */
export function personName(t: Translate, p: Pick<PersonView, 'names' | 'identityWithheld'>): string {
  const first = p.names?.[0]?.name;
  return first ?? t('registerView.person.withheld');
}

/** The other spellings of a person's name, after the first. */
export function otherNames(p: Pick<PersonView, 'names'>): string[] {
  return (p.names ?? []).slice(1).map((n) => n.name);
}

/** A place's name with its local spelling when it has one: "Zhanaozen (Жаңаөзен)". */
export function placeText(places: Readonly<Record<string, Place>>, id: string | null | undefined): string | null {
  if (!id) return null;
  const p = places[id];
  if (!p) return id;
  return p.nameLocal && p.nameLocal !== p.name ? `${p.name} (${p.nameLocal})` : p.name;
}

/** Path of a register page. */
export const registerPath = {
  overview: '/staff/register',
  events: '/staff/register/events',
  event: (id: string) => `/staff/register/events/${encodeURIComponent(id)}`,
  figures: '/staff/register/figures',
  persons: '/staff/register/persons',
  person: (id: string) => `/staff/register/persons/${encodeURIComponent(id)}`,
  detentions: '/staff/register/detentions',
  communication: (id: string) => `/staff/communications/${encodeURIComponent(id)}`,
} as const;
