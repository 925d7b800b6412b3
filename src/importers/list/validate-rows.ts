import { precisionOf } from '../../domain/register/partial-date.ts';
import type { DatePrecision, DetentionStatus, Sex } from '../../domain/register/vocabulary.ts';
import type { ColumnMap } from './column-mapping.ts';
import { DETENTION_FIELDS, FULL_NAME_FIELDS, NAME_PART_FIELDS, type ListField } from './list-fields.ts';
import { LIST_LIMITS } from './list-limits.ts';
import type { ListTable } from './list-table.ts';
import type { PlaceIndex } from './place-index.ts';
import type { RowError, RowErrorCode, RowReport } from './row-report.ts';

/** The detention a row records. */
export interface IncomingDetention {
  arrested: { value: string; precision: DatePrecision };
  arrestPlaceId: string | null;
  detentionPlaceId: string | null;
  authority: string | null;
  charges: string[];
  releasedOn: string | null;
  convictedOn: string | null;
  note: string;
}

/** A row of a list, checked: what it says of one person (and of one detention, if any). */
export interface IncomingRow {
  row: number;
  /** Name variants as written (whitespace collapsed), at least one, no two equal ignoring case. */
  names: string[];
  sex: Sex | null;
  birthYear: number | null;
  occupation: string | null;
  /** The place of residence (the `place` column of a row without an arrest date). */
  homePlaceId: string | null;
  detention: IncomingDetention | null;
}

/** What validation needs besides the file: the places, and the years an age and a date are judged by. */
export interface ValidationContext {
  places: PlaceIndex;
  /** Today (YYYY-MM-DD): no date of a list is later. */
  today: string;
  /** The year an age counts from: the year the list was received, else this year. */
  ageYear: number;
}

const SEX_WORDS: ReadonlyMap<string, Sex> = new Map<string, Sex>(
  (
    [
      ['m', ['m', 'male', 'man', 'masculine', 'м', 'муж', 'мужской', 'мужчина', 'ер', 'еркек', 'h', 'homme', 'masculin', 'hombre', 'masculino', 'v', 'varon', 'ذكر']],
      ['f', ['f', 'female', 'woman', 'feminine', 'ж', 'жен', 'женский', 'женщина', 'әйел', 'femme', 'feminin', 'mujer', 'femenino', 'أنثى', 'انثى']],
      ['x', ['x', 'other', 'другой', 'иной', 'autre', 'otro']],
    ] as const
  ).flatMap(([sex, words]) => words.map((w) => [w, sex] as [string, Sex])),
);

type ListedStatus = DetentionStatus;
const STATUS_WORDS: ReadonlyMap<string, ListedStatus> = new Map<string, ListedStatus>(
  (
    [
      ['in_custody', ['in custody', 'in_custody', 'detained', 'held', 'in detention', 'under arrest', 'под стражей', 'содержится под стражей', 'содержится', 'задержан', 'арестован', 'в сизо', 'en detention', 'detenu', 'detenue', 'detenido', 'detenida', 'en custodia', 'bajo custodia']],
      ['released', ['released', 'freed', 'free', 'освобожден', 'освобождена', 'на свободе', 'libere', 'liberee', 'liberado', 'liberada', 'puesto en libertad']],
      ['convicted', ['convicted', 'sentenced', 'осужден', 'осуждена', 'приговорен', 'приговорена', 'condamne', 'condamnee', 'condenado', 'condenada']],
      ['whereabouts_unknown', ['whereabouts unknown', 'whereabouts_unknown', 'unknown', 'missing', 'местонахождение неизвестно', 'неизвестно', 'пропал', 'пропала', 'inconnu', 'disparu', 'disparue', 'paradero desconocido', 'desconocido', 'desaparecido', 'desaparecida']],
    ] as const
  ).flatMap(([status, words]) => words.map((w) => [w, status] as [string, ListedStatus])),
);

/** A word of a vocabulary cell reduced for lookup: no accents (й, ё kept apart from и, е by NFC first), lower case, no final dot. */
function wordOf(text: string): string {
  return text
    .normalize('NFC')
    .replace(/ё/gi, 'е')
    .normalize('NFD')
    .replace(/[\u0300-\u0302\u0304\u0307-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[.\s]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A date as lists write it, as a partial date: YYYY, YYYY-MM, MM.YYYY, YYYY-MM-DD, YYYY/MM/DD, DD.MM.YYYY, DD/MM/YYYY (day first). */
export function parseListDate(text: string): { value: string; precision: DatePrecision } | null {
  const t = text.trim().replace(/(T|\s)\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '');
  const two = (s: string) => s.padStart(2, '0');
  let value: string | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(t))) value = m[1]!;
  else if ((m = /^(\d{4})-(\d{1,2})$/.exec(t))) value = `${m[1]}-${two(m[2]!)}`;
  else if ((m = /^(\d{1,2})[./](\d{4})$/.exec(t))) value = `${m[2]}-${two(m[1]!)}`;
  else if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t))) value = `${m[1]}-${two(m[2]!)}-${two(m[3]!)}`;
  else if ((m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t))) value = `${m[3]}-${two(m[2]!)}-${two(m[1]!)}`;
  if (value === null) return null;
  const precision = precisionOf(value);
  return precision ? { value, precision } : null;
}

/** The first and last day a partial date can mean, for comparing with a day. */
const firstDay = (v: string) => (v.length === 4 ? `${v}-01-01` : v.length === 7 ? `${v}-01` : v);

/**
 * Checks the rows of a list against the mapping: names (at least one variant), sex, birth year or age,
 * places (which must be places of the register), the detention (an arrest date whenever any detention
 * field is filled, dates that exist and are not in the future, a status consistent with the dates and the
 * place of detention), lengths and control characters. Rows whose cells are all blank in the mapped
 * columns are skipped. Every problem of every row is reported, with the row's number as in the file.
 *
 * @example validateRows(table, { name: 0, birth_year: 1 }, vctx) // { rows: [{ row: 2, names: ['Жанбулатов Нурлан'], birthYear: 1985, … }], errors: [] }
 */
export function validateRows(table: ListTable, columns: ColumnMap, vctx: ValidationContext): { rows: IncomingRow[]; errors: RowReport[] } {
  const rows: IncomingRow[] = [];
  const errors: RowReport[] = [];
  const mapped = Object.entries(columns) as Array<[ListField, number]>;
  for (const r of table.rows) {
    const cell = (f: ListField): string => {
      const c = columns[f];
      return c === undefined ? '' : (r.cells[c] ?? '').trim();
    };
    if (mapped.every(([f]) => cell(f) === '')) continue;
    const problems: RowError[] = [];
    const fail = (field: string, code: RowErrorCode, message: string) => problems.push({ field, code, message });
    const text = (f: ListField, max: number, oneLine: boolean): string => {
      const v = cell(f);
      if (/[\p{Cc}]/u.test(v.replace(/[\n\r\t]/g, ''))) fail(f, 'control_characters', 'contains control characters');
      else if (oneLine && /[\n\r]/.test(v)) fail(f, 'one_line', 'must be one line');
      else if (v.length > max) fail(f, 'too_long', `longer than ${max} characters`);
      return v;
    };

    // Names: each full-name column is a variant; the name parts make one more.
    const names: string[] = [];
    const addName = (n: string) => {
      const clean = n.replace(/\s+/g, ' ').trim();
      if (clean !== '' && !names.some((x) => x.toLowerCase() === clean.toLowerCase())) names.push(clean);
    };
    for (const f of FULL_NAME_FIELDS) addName(text(f, 300, true));
    const parts = NAME_PART_FIELDS.map((f) => text(f, 200, true)).filter((p) => p !== '');
    if (parts.length > 0) addName(parts.join(' '));
    if (names.length === 0) fail('name', 'required', 'no name');

    const sexText = text('sex', 40, true);
    let sex: Sex | null = null;
    if (sexText !== '') {
      sex = SEX_WORDS.get(wordOf(sexText)) ?? null;
      if (sex === null) fail('sex', 'sex', `"${sexText}" is not a sex (m, f, x)`);
    }

    const yearText = text('birth_year', 40, true);
    let birthYear: number | null = null;
    const thisYear = Number(vctx.today.slice(0, 4));
    if (yearText !== '') {
      const m = /^(\d{4})\s*(г\.?\s*(р\.?)?)?$/i.exec(yearText);
      const year = m ? Number(m[1]) : Number(parseListDate(yearText)?.value.slice(0, 4) ?? NaN);
      if (Number.isInteger(year) && year >= 1900 && year <= thisYear) birthYear = year;
      else fail('birth_year', 'birth_year', `"${yearText}" is not a year of birth between 1900 and ${thisYear}`);
    }
    const ageText = text('age', 20, true);
    if (ageText !== '') {
      const age = /^\d{1,3}$/.test(ageText) ? Number(ageText) : NaN;
      if (!(age >= 0 && age <= 120)) fail('age', 'age', `"${ageText}" is not an age in years`);
      else if (birthYear === null) birthYear = vctx.ageYear - age;
    }

    const occupation = text('occupation', 200, true);

    const place = (f: 'place' | 'detention_place'): string | null => {
      const v = text(f, 300, true);
      if (v === '') return null;
      const found = vctx.places.lookup(v, f);
      if ('id' in found) return found.id;
      fail(
        f,
        found.problem,
        found.problem === 'place_unknown'
          ? `"${v}" is not a place of the register: add the place, or write it as the register names it`
          : `"${v}" names several places of the register: write the place's id`,
      );
      return null;
    };
    const placeId = place('place');
    const detentionPlaceId = place('detention_place');

    // The detention.
    const date = (f: 'arrested_on' | 'released_on' | 'convicted_on', day: boolean) => {
      const v = text(f, 40, true);
      if (v === '') return null;
      const d = parseListDate(v);
      if (!d) {
        fail(f, 'date', `"${v}" is not a date (YYYY-MM-DD, DD.MM.YYYY, MM.YYYY or YYYY)`);
        return null;
      }
      if (day && d.precision !== 'day') {
        fail(f, 'day_required', `"${v}" needs the day`);
        return null;
      }
      if (firstDay(d.value) > vctx.today) {
        fail(f, 'date', `"${v}" is in the future`);
        return null;
      }
      return d;
    };
    const arrested = date('arrested_on', false);
    const released = date('released_on', true);
    const convicted = date('convicted_on', true);
    const authority = text('authority', 200, true);
    const chargesText = text('charges', 5000, false);
    const charges = chargesText
      .split(';')
      .map((c) => c.replace(/\s+/g, ' ').trim())
      .filter((c) => c !== '');
    if (charges.length > 30) fail('charges', 'too_many', 'more than 30 charges');
    if (charges.some((c) => c.length > 200)) fail('charges', 'too_long', 'a charge is longer than 200 characters');
    const note = text('notes', LIST_LIMITS.maxCellLength, false);
    const statusText = text('status', 100, true);
    let status: ListedStatus | null = null;
    if (statusText !== '') {
      status = STATUS_WORDS.get(wordOf(statusText)) ?? null;
      if (status === null) fail('status', 'status', `"${statusText}" is not a status (in custody, released, convicted, whereabouts unknown)`);
    }
    const detentionGiven = DETENTION_FIELDS.some((f) => cell(f) !== '');
    let detention: IncomingDetention | null = null;
    if (detentionGiven) {
      if (!arrested && cell('arrested_on') === '') {
        const only = note !== '' && DETENTION_FIELDS.every((f) => f === 'notes' || cell(f) === '');
        if (only) fail('notes', 'needs_detention', 'notes are kept with a detention: the row needs the date of arrest');
        else fail('arrested_on', 'required', 'a detention needs the date of arrest');
      }
      if (status === 'released' && !released && cell('released_on') === '') fail('released_on', 'required', 'released: the date of release is needed');
      if (status === 'convicted' && !convicted && cell('convicted_on') === '') fail('convicted_on', 'required', 'convicted: the date of conviction is needed');
      if (status === 'whereabouts_unknown' && detentionPlaceId !== null) fail('status', 'status_conflict', 'whereabouts unknown, yet a place of detention is given');
      if (status === 'in_custody' && released) fail('status', 'status_conflict', 'in custody, yet a date of release is given');
      if (arrested && released && released.value < firstDay(arrested.value)) fail('released_on', 'date_order', 'released before the arrest');
      if (arrested && convicted && convicted.value < firstDay(arrested.value)) fail('convicted_on', 'date_order', 'convicted before the arrest');
      if (arrested) {
        detention = {
          arrested,
          arrestPlaceId: placeId,
          detentionPlaceId,
          authority: authority === '' ? null : authority,
          charges: [...new Set(charges)],
          releasedOn: released?.value ?? null,
          convictedOn: convicted?.value ?? null,
          note,
        };
      }
    }

    if (problems.length > 0) {
      errors.push({ row: r.row, outcome: 'error', errors: problems });
      continue;
    }
    rows.push({
      row: r.row,
      names,
      sex,
      birthYear,
      occupation: occupation === '' ? null : occupation,
      homePlaceId: detention ? null : placeId,
      detention,
    });
  }
  return { rows, errors };
}
