import { z } from 'zod';
import { DATE_PRECISIONS, type DatePrecision } from './vocabulary.ts';

/**
 * A date as precisely as the source gives it: a day (`2022-01-05`), a month (`2022-01`) or a year (`2022`),
 * optionally a range up to `end` (same form), and `vague` when the source itself is vague ("by 11 January",
 * "in the first days of January"). The register never invents a day a source did not give.
 */
export interface PartialDate {
  value: string;
  precision: DatePrecision;
  end?: string | null;
  vague?: boolean;
}

const FORMS: Record<DatePrecision, RegExp> = {
  day: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  year: /^\d{4}$/,
};

/** The precision a written value has, or null when it is none of YYYY, YYYY-MM, YYYY-MM-DD (or not a real day). */
export function precisionOf(value: string): DatePrecision | null {
  for (const p of DATE_PRECISIONS) {
    if (!FORMS[p].test(value)) continue;
    if (p === 'day') {
      const d = new Date(`${value}T00:00:00Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return null;
    }
    return p;
  }
  return null;
}

/** The first day a partial date can mean, for sorting and ranges: `2022-01` → `2022-01-01`. */
export function firstDayOf(value: string): string {
  return value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value;
}

/** The last day a partial date can mean: `2022-02` → `2022-02-28`. */
export function lastDayOf(value: string): string {
  if (value.length === 10) return value;
  if (value.length === 4) return `${value}-12-31`;
  const [y, m] = value.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${value}-${String(last).padStart(2, '0')}`;
}

/**
 * The zod schema of a partial date: the precision is read from the value's form (a client may send it, and
 * it must then agree); `end` must have the same form and not come before `value`.
 */
export const partialDateSchema = z
  .object({
    value: z.string().trim(),
    precision: z.enum(DATE_PRECISIONS).optional(),
    end: z.string().trim().nullish(),
    vague: z.boolean().optional(),
  })
  .strict()
  .transform((d, ctx): PartialDate => {
    const precision = precisionOf(d.value);
    if (!precision) {
      ctx.addIssue({ code: 'custom', message: 'a date written YYYY, YYYY-MM or YYYY-MM-DD', path: ['value'] });
      return z.NEVER;
    }
    if (d.precision && d.precision !== precision) {
      ctx.addIssue({ code: 'custom', message: `the value is a ${precision}, not a ${d.precision}`, path: ['precision'] });
      return z.NEVER;
    }
    const end = d.end || null;
    if (end !== null) {
      if (precisionOf(end) !== precision) {
        ctx.addIssue({ code: 'custom', message: 'the end of a range is written like its start', path: ['end'] });
        return z.NEVER;
      }
      if (end < d.value) {
        ctx.addIssue({ code: 'custom', message: 'the end of a range comes after its start', path: ['end'] });
        return z.NEVER;
      }
    }
    return { value: d.value, precision, end, vague: d.vague ?? false };
  });
