import { intlTag, type Locale } from '../../i18n/locales.ts';

/**
 * The time axis shared by the timeline and the figures chart: calendar days as bands of equal width between
 * two x positions, running left to right, or right to left in right-to-left pages, with ticks chosen so
 * that their labels do not touch (days, weeks or months, by how long the span is).
 */

const DAY_MS = 86_400_000;

/** The day number of a calendar date `YYYY-MM-DD` (days since 1970-01-01). */
export const dayNumber = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/** The calendar date of a day number. */
export const dayOf = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** A tick of the axis: where, and its label in the page's language. */
export interface Tick {
  x: number;
  label: string;
}

/** Days mapped onto an interval of x. */
export interface TimeScale {
  /** The width of one day's band. */
  dayWidth: number;
  /** The left and right x of the bands from `first` to `last` (inclusive), in either direction. */
  span(first: string, last: string): [number, number];
  /** The middle of a day's band. */
  centre(day: string): number;
  ticks: Tick[];
}

/** The smallest gap between two tick labels, in SVG units. */
const TICK_GAP = 58;

/**
 * A time scale from `first` to `last` (calendar dates, inclusive) over x from `x0` to `x1`, mirrored for
 * right-to-left pages.
 */
export function timeScale(first: string, last: string, x0: number, x1: number, lang: Locale, dir: 'ltr' | 'rtl'): TimeScale {
  const start = dayNumber(first);
  const days = Math.max(1, dayNumber(last) - start + 1);
  const dayWidth = (x1 - x0) / days;
  const band = (day: string): number => {
    const i = dayNumber(day) - start;
    return dir === 'rtl' ? x1 - (i + 1) * dayWidth : x0 + i * dayWidth;
  };
  const span = (a: string, b: string): [number, number] => {
    const [p, q] = [band(a), band(b)];
    return [Math.min(p, q), Math.max(p, q) + dayWidth];
  };
  const centre = (day: string) => band(day) + dayWidth / 2;
  const tag = intlTag(lang);
  const ticks: Tick[] = [];
  if (days <= 150) {
    const step = [1, 2, 3, 7, 14, 28].find((s) => s * dayWidth >= TICK_GAP) ?? 28;
    const format = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    for (let i = 0; i < days; i += step) {
      const day = dayOf(start + i);
      ticks.push({ x: centre(day), label: format.format(new Date(`${day}T12:00:00Z`)) });
    }
  } else {
    const format = new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const months: string[] = [];
    const end = dayOf(start + days - 1);
    let [y, m] = first.slice(0, 7).split('-').map(Number) as [number, number];
    for (;;) {
      const day = `${y}-${String(m).padStart(2, '0')}-01`;
      if (day > end) break;
      if (day >= first) months.push(day);
      m += 1;
      if (m > 12) [y, m] = [y + 1, 1];
    }
    const step = Math.max(1, Math.ceil((TICK_GAP * 1.3) / Math.max(1, 30 * dayWidth)));
    months.forEach((day, i) => {
      if (i % step === 0) ticks.push({ x: band(day) + (dir === 'rtl' ? dayWidth : 0), label: format.format(new Date(`${day}T12:00:00Z`)) });
    });
  }
  return { dayWidth, span, centre, ticks };
}
