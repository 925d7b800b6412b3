/** Month numbers by name in English, French and Spanish (the languages letters are sent in), lower case. */
export const MONTHS: Readonly<Record<string, number>> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12,
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
};

/** An alternation of the month names of {@link MONTHS}, for building patterns. */
export const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');

/** `YYYY-MM-DD` for a day that exists, else `undefined` (no 30 February). */
export function isoDay(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return d.toISOString().slice(0, 10);
}

const DAY_MONTH_YEAR = new RegExp(String.raw`^(\d{1,2})(?:er|st|nd|rd|th)?\s+(?:de\s+)?(${MONTH_NAMES})\s+(?:de\s+)?(\d{4})$`, 'i');
const MONTH_DAY_YEAR = new RegExp(String.raw`^(${MONTH_NAMES})\s+(\d{1,2}),?\s+(\d{4})$`, 'i');

/**
 * Reads a date written out as letters date themselves — "18 January 2022", "January 18, 2022",
 * "18 janvier 2022", "18 de enero de 2022" — as `YYYY-MM-DD`; `undefined` for anything else.
 *
 * @example parseWrittenDate('18 January 2022') // '2022-01-18'
 */
export function parseWrittenDate(text: string): string | undefined {
  const s = text.trim().replace(/\s+/g, ' ');
  const a = DAY_MONTH_YEAR.exec(s);
  if (a) return isoDay(Number(a[3]), MONTHS[a[2]!.toLowerCase()]!, Number(a[1]));
  const b = MONTH_DAY_YEAR.exec(s);
  if (b) return isoDay(Number(b[3]), MONTHS[b[1]!.toLowerCase()]!, Number(b[2]));
  return undefined;
}
