import { stringify } from 'csv-stringify/sync';
import type { SourceKind } from '../../domain/register/vocabulary.ts';
import type { ListMapping } from './list-fields.ts';

/**
 * Why a row cannot be imported, by stable code (the report's, not the error catalogue's: a row is never an
 * HTTP error of its own): `required`, `too_long`, `one_line`, `control_characters`, `birth_year`, `age`,
 * `sex`, `date`, `day_required`, `place_unknown`, `place_ambiguous`, `status`, `status_conflict`,
 * `date_order`, `too_many`, `needs_detention`.
 */
export const ROW_ERROR_CODES = [
  'required',
  'too_long',
  'one_line',
  'control_characters',
  'birth_year',
  'age',
  'sex',
  'date',
  'day_required',
  'place_unknown',
  'place_ambiguous',
  'status',
  'status_conflict',
  'date_order',
  'too_many',
  'needs_detention',
] as const;

/** A row error code (see {@link ROW_ERROR_CODES}). */
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

/** One problem of one row: the field (as mapped), the code, and an English sentence (pages translate the code). */
export interface RowError {
  field: string;
  code: string;
  message: string;
}

/**
 * What became of one row of the file. `created`: a new person; `matched`: the row was found to be a person
 * already in the register (or earlier in the file) and added something to it (a name variant, a detention);
 * `unchanged`: the same, adding nothing (the detention was already recorded); `review`: a likely match, kept
 * apart as a provisional person until staff decide; `error`: the row cannot be imported.
 */
export interface RowReport {
  row: number;
  outcome: 'created' | 'matched' | 'review' | 'unchanged' | 'error';
  /** The person the row created or was attached to (absent in a check, for persons not yet written). */
  personId?: string;
  /** For `review`: the person already known that the row may be. */
  candidateId?: string;
  errors: RowError[];
}

/**
 * The result of an import: `imported` (written, `importId` names the import), `rejected` (some row is at
 * fault: nothing written; the report lists the rows at fault), or `checked` (a dry run: nothing written; the
 * report says what an import would do). `matched` counts the rows attached to a known person, changed or
 * not.
 */
export interface ListImportResult {
  status: 'imported' | 'rejected' | 'checked';
  importId: string | null;
  rows: number;
  created: number;
  matched: number;
  toReview: number;
  report: RowReport[];
}

/** Where a list came from, as the import records it. */
export interface ListSource {
  kind: SourceKind;
  label: string;
  receivedOn?: string | null;
}

/** What an import is asked to do, once the file is read. */
export interface ListImportInput {
  file: Buffer;
  fileName: string;
  format?: 'csv' | 'xlsx';
  mapping: ListMapping;
  source: ListSource;
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** A translator of the report's words (defaults to English). */
export type ReportWords = {
  outcome: (outcome: RowReport['outcome']) => string;
  error: (e: RowError) => string;
  headers: readonly [string, string, string, string, string, string, string];
};

const ENGLISH: ReportWords = {
  outcome: (o) => o,
  error: (e) => e.message,
  headers: ['row', 'outcome', 'person', 'candidate', 'field', 'code', 'message'],
};

/**
 * The report as CSV: one line per row, or per error of a row at fault, with the row number as in the file.
 * Written with a byte-order mark, so that spreadsheets open it as UTF-8.
 *
 * @example reportCsv(result.report) // '\ufeffrow,outcome,person,candidate,field,code,message\n3,error,,,birth_year,birth_year,…'
 */
export function reportCsv(report: readonly RowReport[], words: ReportWords = ENGLISH): string {
  const lines: string[][] = [[...words.headers]];
  for (const r of report) {
    const base = [String(r.row), words.outcome(r.outcome), r.personId ?? '', r.candidateId ?? ''];
    if (r.errors.length === 0) lines.push([...base, '', '', '']);
    for (const e of r.errors) lines.push([...base, e.field, e.code, words.error(e)]);
  }
  // Cells that a spreadsheet would read as a formula are quoted with a leading apostrophe.
  const safe = lines.map((l) => l.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
  return `\ufeff${stringify(safe)}`;
}

/**
 * The report as lines of text for the terminal: the counts, then each row at fault (or, with `all`, every
 * row) as "row N: outcome — field: message".
 */
export function formatReport(result: ListImportResult, all = false): string {
  const head =
    result.status === 'rejected'
      ? `rejected: ${result.report.length} row(s) at fault out of ${result.rows}; nothing imported`
      : `${result.status}${result.importId ? ` (import ${result.importId})` : ''}: ${result.rows} rows, ${result.created} created, ${result.matched} matched, ${result.toReview} to review`;
  const lines = [head];
  for (const r of result.report) {
    if (!all && r.outcome !== 'error' && r.outcome !== 'review') continue;
    const who = r.personId ? ` person ${r.personId}` : '';
    const candidate = r.candidateId ? ` may be ${r.candidateId}` : '';
    const errors = r.errors.map((e) => ` — ${e.field}: ${e.message}`).join('');
    lines.push(`row ${r.row}: ${r.outcome}${who}${candidate}${errors}`);
  }
  return lines.join('\n');
}
