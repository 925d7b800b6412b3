import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { AppError } from '../../errors.ts';
import { LIST_LIMITS } from './list-limits.ts';
import type { ListRow } from './list-table.ts';

/**
 * Checks a spreadsheet's ZIP container from its central directory alone, before anything is inflated: a
 * readable ZIP, with a workbook part, within the entry and uncompressed-size caps, no encrypted entries.
 * Declared sizes are what the inflater is then held to, so a decompression bomb is refused here.
 */
async function checkContainer(bytes: Buffer): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true });
  } catch (err) {
    throw new AppError('FILE_INVALID', `the spreadsheet cannot be read: ${(err as Error).message}`, { reason: 'corrupt' });
  }
  try {
    if (zip.entryCount > LIST_LIMITS.maxXlsxEntries) throw new AppError('FILE_INVALID', 'the spreadsheet has too many parts', { reason: 'entries' });
    let declared = 0;
    let workbook = false;
    try {
      for await (const entry of zip.eachEntry()) {
        if (entry.fileName === 'xl/workbook.xml') workbook = true;
        if ((entry.generalPurposeBitFlag & 0x1) !== 0) throw new AppError('FILE_INVALID', 'the spreadsheet is encrypted: save it without a password', { reason: 'encrypted' });
        declared += entry.uncompressedSize;
        if (declared > LIST_LIMITS.maxXlsxUncompressedBytes) throw new AppError('PAYLOAD_TOO_LARGE', 'the spreadsheet is too large once unpacked', { reason: 'size' });
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('FILE_INVALID', `the spreadsheet cannot be read: ${(err as Error).message}`, { reason: 'corrupt' });
    }
    if (!workbook) throw new AppError('FILE_INVALID', 'this ZIP file is not an XLSX workbook', { reason: 'not_xlsx' });
  } finally {
    zip.close();
  }
}

/** Two digits. */
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The text of a cell as a list means it: numbers as written (1985, not 1985.0), dates (cells formatted as
 * dates, which the reader gives as UTC midnights) as YYYY-MM-DD, the text of rich text, hyperlinks and
 * formula results; an error value as its code (#N/A), which validation then refuses where it matters.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  return '';
}

/**
 * Reads the first worksheet of an XLSX workbook: every non-empty row with its sheet row number and its
 * cells as text ({@link cellText}). A file that is not a readable workbook is FILE_INVALID; one of more
 * than the row limit is PAYLOAD_TOO_LARGE.
 *
 * @throws AppError FILE_INVALID, PAYLOAD_TOO_LARGE
 */
export async function readXlsx(bytes: Buffer): Promise<ListRow[]> {
  await checkContainer(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new AppError('FILE_INVALID', `the spreadsheet cannot be read: ${(err as Error).message}`, { reason: 'corrupt' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('FILE_INVALID', 'the workbook has no worksheet', { reason: 'empty' });
  const out: ListRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: string[] = [];
    // `values` is indexed from 1 (column A), with holes for empty cells.
    for (let c = 1; c < values.length; c++) cells.push(cellText(values[c] ?? null));
    if (cells.every((x) => x.trim() === '')) return;
    if (out.length > LIST_LIMITS.maxRows) throw new AppError('PAYLOAD_TOO_LARGE', `more than ${LIST_LIMITS.maxRows} rows`, { limit: LIST_LIMITS.maxRows });
    out.push({ row: rowNumber, cells });
  });
  return out;
}
