import { DateTime } from 'luxon';
import { AppError } from '../errors.ts';

/**
 * The reference time zone for dates, years, deadlines and session windows: Geneva's time. The IANA database
 * has no "Europe/Geneva" (Luxon reports it as an unsupported zone and every date comes out null); Geneva
 * keeps the time of Switzerland's zone, Europe/Zurich.
 */
export const REFERENCE_ZONE = 'Europe/Zurich';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar date (YYYY-MM-DD) of an instant, in Geneva. */
export function genevaDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: REFERENCE_ZONE }).toISODate() as string;
}

/** The calendar year of an instant, in Geneva (a letter sent at 00:30 on 1 January in Geneva is of the new year). */
export function genevaYear(instant: Date): number {
  return DateTime.fromJSDate(instant, { zone: REFERENCE_ZONE }).year;
}

/**
 * Checks and returns a calendar date written YYYY-MM-DD; anything else (or an impossible date such as
 * 2022-02-30) is a DATE_INVALID error naming the field.
 */
export function parseIsoDate(value: string, field = 'date'): string {
  const dt = ISO_DATE.test(value) ? DateTime.fromISO(value, { zone: REFERENCE_ZONE }) : null;
  if (!dt || !dt.isValid) {
    throw new AppError('DATE_INVALID', `${field}: "${value}" is not a date written YYYY-MM-DD`, { field, value });
  }
  return value;
}

/** Adds whole calendar days to a YYYY-MM-DD date (DATE_INVALID for anything else). */
export function addDays(isoDate: string, days: number): string {
  return DateTime.fromISO(parseIsoDate(isoDate), { zone: REFERENCE_ZONE }).plus({ days }).toISODate() as string;
}

/** The instant at which a Geneva calendar date begins. */
export function startOfGenevaDay(isoDate: string): Date {
  return DateTime.fromISO(isoDate, { zone: REFERENCE_ZONE }).startOf('day').toJSDate();
}
