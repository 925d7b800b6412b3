import type { FormBody } from '../staff-forms.ts';

/**
 * What a register form posted, read without deciding anything: every field as the text typed (or the list
 * chosen in a multiple select), so that a refused form is shown again exactly as it was filled. Turning
 * these texts into a command's input keeps every value, even an impossible one (a birth year "abc" becomes
 * a number that is no number), so that the command — not the form — refuses it and names the field.
 */

/** The fields of a form as posted: a text per field, a list per multiple select. */
export type FormValues = Record<string, string | string[]>;

/** The value of a checkbox that is ticked. */
export const CHECKED = 'on';

/** The place option meaning "taken to a place nobody would name". */
export const UNKNOWN_PLACE = '_unknown';

/**
 * Reads the posted fields `names` (texts; a list for each of `lists`) out of a request body; anything
 * else posted is ignored. A field posted twice keeps its first value.
 */
export function readValues(body: FormBody | undefined, names: readonly string[], lists: readonly string[] = []): FormValues {
  const out: FormValues = {};
  for (const name of names) {
    const v = body?.[name];
    out[name] = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
  }
  for (const name of lists) {
    const v = body?.[name];
    const all = typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    out[name] = all.filter((x) => x !== '');
  }
  return out;
}

/** A text field's value ('' when absent or a list). */
export function textOf(values: FormValues, name: string): string {
  const v = values[name];
  return typeof v === 'string' ? v : '';
}

/** A multiple select's values ([] when absent). */
export function listOf(values: FormValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : [];
}

/** A field left blank is absent (null), else its text as typed: the command trims and checks it. */
export function optional(values: FormValues, name: string): string | null {
  const v = textOf(values, name);
  return v.trim() === '' ? null : v;
}

/** Whether a checkbox is ticked. */
export function checked(values: FormValues, name: string): boolean {
  return textOf(values, name) === CHECKED;
}

/**
 * A whole number as people write it: "9900", "9,900", "9 900", "9.900", "9’900". Anything else is kept as
 * a number that is no whole number (NaN or a fraction), which the command refuses. Blank is null.
 */
export function wholeNumberOf(values: FormValues, name: string): number | null {
  const v = textOf(values, name).trim();
  if (v === '') return null;
  if (/^\d{1,3}([ ,.'’\u00a0\u202f]\d{3})+$/.test(v)) return Number(v.replace(/\D/g, ''));
  return /^[+-]?\d+$/.test(v) ? Number(v) : Number.NaN;
}

/** A decimal number (a coordinate), with a point or a comma. Blank is null; anything else NaN. */
export function decimalOf(values: FormValues, name: string): number | null {
  const v = textOf(values, name).trim();
  if (v === '') return null;
  return /^[+-]?\d+([.,]\d+)?$/.test(v) ? Number(v.replace(',', '.')) : Number.NaN;
}

/**
 * A partial date from the fields `<name>` (YYYY, YYYY-MM or YYYY-MM-DD), `<name>End` (the end of a range)
 * and `<name>Vague` (a checkbox), as the commands take it; null when the date is left blank and the form
 * allows that. The command checks the form of each part.
 */
export function partialDateOf(values: FormValues, name: string, options: { optional?: boolean } = {}): { value: string; end?: string | null; vague?: boolean } | null {
  const value = textOf(values, name).trim();
  const end = textOf(values, `${name}End`).trim();
  if (value === '' && end === '' && options.optional) return null;
  return {
    value,
    ...(`${name}End` in values ? { end: end === '' ? null : end } : {}),
    ...(`${name}Vague` in values ? { vague: checked(values, `${name}Vague`) } : {}),
  };
}

/** A yes / no / unknown select as true, false or null. */
export function triStateOf(values: FormValues, name: string): boolean | null {
  const v = textOf(values, name);
  return v === 'yes' ? true : v === 'no' ? false : null;
}

/** Text with one entry per line (charges): the lines that are not blank. */
export function linesOf(values: FormValues, name: string): string[] {
  return textOf(values, name)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** The fields of the source part every form has: its kind, what it is, and when it was received. */
export const SOURCE_FIELDS = ['sourceKind', 'sourceLabel', 'sourceReceivedOn'] as const;

/**
 * The source a form describes, as the commands take it: none when its description is left blank (a fact
 * may be recorded before its source is), else one new source.
 */
export function sourcesOf(values: FormValues): Array<{ kind: string; label: string; receivedOn?: string }> {
  const label = textOf(values, 'sourceLabel');
  if (label.trim() === '') return [];
  const receivedOn = textOf(values, 'sourceReceivedOn').trim();
  return [{ kind: textOf(values, 'sourceKind') || 'other', label, ...(receivedOn ? { receivedOn } : {}) }];
}

/** A version posted in a hidden field, as a number (NaN when it is none, which the command refuses). */
export function versionOf(values: FormValues): number {
  const v = textOf(values, 'version');
  return /^\d{1,9}$/.test(v) ? Number(v) : Number.NaN;
}
