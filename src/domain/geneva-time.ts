import { DateTime } from 'luxon';
import { AppError } from '../errors.ts';

/**
 * The reference time zone for dates, years, deadlines and session windows: Geneva's time. The IANA database
 * has no "Europe/Geneva" (Luxon reports it as an unsupported zone and every date comes out null); Geneva
 * keeps the time of Switzerland's zone, Europe/Zurich.
 */
export const REFERENCE_ZONE = 'Europe/Zurich';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const HOUR = 3_600_000;

// Time-zone conversions are the costly part of date handling. Geneva's offset from UTC is a whole number of
// hours and changes only on the hour, so every instant of one UTC hour has the same Geneva date: one
// conversion per hour serves every command in it.
const dateOfHour = new Map<number, string>();

/** The calendar date (YYYY-MM-DD) of an instant, in Geneva. */
export function genevaDate(instant: Date): string {
  const hour = Math.floor(instant.getTime() / HOUR);
  let date = dateOfHour.get(hour);
  if (date === undefined) {
    date = DateTime.fromMillis(hour * HOUR, { zone: REFERENCE_ZONE }).toISODate() as string;
    if (dateOfHour.size > 10_000) dateOfHour.clear();
    dateOfHour.set(hour, date);
  }
  return date;
}

const laterOfHour = new Map<string, number>();

/**
 * The instant `days` calendar days after `instant` at the same time of day in Geneva, whatever a change of
 * clocks in between (a time of day that the clocks skip on the day reached moves forward by the hour
 * skipped). Reckoned once per UTC hour and number of days: within one UTC hour the offset is the same and
 * the time of day reached keeps its distance from the hour's own result.
 */
export function genevaDaysLater(instant: Date, days: number): Date {
  const ms = instant.getTime();
  const hour = Math.floor(ms / HOUR);
  const key = `${hour}/${days}`;
  let later = laterOfHour.get(key);
  if (later === undefined) {
    later = DateTime.fromMillis(hour * HOUR, { zone: REFERENCE_ZONE }).plus({ days }).toMillis();
    if (laterOfHour.size > 10_000) laterOfHour.clear();
    laterOfHour.set(key, later);
  }
  return new Date(later + (ms - hour * HOUR));
}

/** The calendar year of an instant, in Geneva (a letter sent at 00:30 on 1 January in Geneva is of the new year). */
export function genevaYear(instant: Date): number {
  return Number(genevaDate(instant).slice(0, 4));
}

/** True for a real calendar date written YYYY-MM-DD (not 2022-02-30). */
export function isValidIsoDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return ISO_DATE.test(value) && new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === value;
}

/**
 * Checks and returns a calendar date written YYYY-MM-DD; anything else (or an impossible date such as
 * 2022-02-30) is a DATE_INVALID error naming the field.
 */
export function parseIsoDate(value: string, field = 'date'): string {
  if (!isValidIsoDate(value)) {
    throw new AppError('DATE_INVALID', `${field}: "${value}" is not a date written YYYY-MM-DD`, { field, value });
  }
  return value;
}

/**
 * Adds whole calendar days to a YYYY-MM-DD date (DATE_INVALID for anything else). Calendar arithmetic needs
 * no time zone: it is done on the date itself.
 */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = parseIsoDate(isoDate).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The instant at which a Geneva calendar date begins. */
export function startOfGenevaDay(isoDate: string): Date {
  return DateTime.fromISO(isoDate, { zone: REFERENCE_ZONE }).startOf('day').toJSDate();
}
