import { AppError } from '../../errors.ts';
import { LIST_LIMITS } from './list-limits.ts';
import type { ListRow, ListTable } from './list-table.ts';
import { readCsv } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';

const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');

/** A header cell that is a number or a date: the first row is data, and the file has no column names. */
const LOOKS_LIKE_DATA = /^[\d\s.,:/-]+$/;

/**
 * The format of a list file: as given, else by its name's extension (.xlsx; .csv, .tsv, .txt), else by its
 * first bytes (a ZIP container is a workbook).
 */
export function listFormatOf(bytes: Buffer, fileName: string, given?: 'csv' | 'xlsx'): 'csv' | 'xlsx' {
  if (given) return given;
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  return bytes.subarray(0, 4).equals(ZIP_MAGIC) ? 'xlsx' : 'csv';
}

/**
 * Reads a list of persons from a CSV or XLSX file: its header row (the first non-blank row: column names)
 * and its data rows, with their row numbers as in the file. Refused, before anything else happens: an
 * empty or oversized file, a file that is not text (CSV) or not a workbook (XLSX), a file without column
 * names (no header, or a first row that is data), duplicate column names, more rows or columns than the
 * limits, a file with no data rows.
 *
 * @example const table = await readListFile(bytes, 'detainees.csv') // { format: 'csv', header: ['ФИО', 'Год рождения'], rows: [...] }
 * @throws AppError FILE_INVALID (details.reason says why), PAYLOAD_TOO_LARGE
 */
export async function readListFile(bytes: Buffer, fileName: string, format?: 'csv' | 'xlsx'): Promise<ListTable> {
  if (bytes.length === 0) throw new AppError('FILE_INVALID', 'the file is empty', { reason: 'empty' });
  if (bytes.length > LIST_LIMITS.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `the file is larger than ${LIST_LIMITS.maxBytes / (1024 * 1024)} MB`, { limit: LIST_LIMITS.maxBytes });
  }
  const kind = listFormatOf(bytes, fileName, format);
  if (kind === 'xlsx' && !bytes.subarray(0, 4).equals(ZIP_MAGIC)) throw new AppError('FILE_INVALID', 'this file is not an XLSX workbook', { reason: 'not_xlsx' });
  const records = kind === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes);
  return tableOf(kind, records);
}

/** The header and data rows of a file's records, checked (see {@link readListFile}). */
export function tableOf(format: 'csv' | 'xlsx', records: ListRow[]): ListTable {
  const first = records[0];
  if (!first) throw new AppError('FILE_INVALID', 'the file is empty', { reason: 'empty' });
  const header = first.cells.map((c) => c.replace(/\s+/g, ' ').trim());
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  if (header.length === 0) throw new AppError('FILE_INVALID', 'the first row has no column names', { reason: 'no_header' });
  if (header.length > LIST_LIMITS.maxColumns) throw new AppError('FILE_INVALID', `more than ${LIST_LIMITS.maxColumns} columns`, { reason: 'columns' });
  const seen = new Set<string>();
  for (const h of header) {
    if (h === '') continue;
    if (h.length > LIST_LIMITS.maxHeaderLength) throw new AppError('FILE_INVALID', `a column name is longer than ${LIST_LIMITS.maxHeaderLength} characters`, { reason: 'no_header' });
    if (LOOKS_LIKE_DATA.test(h)) {
      throw new AppError('FILE_INVALID', `the first row looks like data ("${h}"), not column names: add a row of column names at the top`, { reason: 'no_header' });
    }
    const key = h.toLowerCase();
    if (seen.has(key)) throw new AppError('FILE_INVALID', `the column "${h}" appears twice: give each column its own name`, { reason: 'duplicate_column', column: h });
    seen.add(key);
  }
  const rows = records.slice(1);
  if (rows.length === 0) throw new AppError('FILE_INVALID', 'the file has column names but no rows', { reason: 'no_rows' });
  if (rows.length > LIST_LIMITS.maxRows) throw new AppError('PAYLOAD_TOO_LARGE', `more than ${LIST_LIMITS.maxRows} rows`, { limit: LIST_LIMITS.maxRows });
  return { format, headerRow: first.row, header, rows };
}
