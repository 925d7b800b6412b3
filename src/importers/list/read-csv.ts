import { AppError } from '../../errors.ts';
import { decodeListText } from './decode-text.ts';
import { LIST_LIMITS } from './list-limits.ts';
import type { ListRow } from './list-table.ts';

/** The delimiters a list may use: comma (the standard), semicolon (spreadsheets in most of Europe and the CIS), tab. */
const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter of a CSV text: the one of comma, semicolon and tab that occurs most often, outside quotes,
 * in its first non-blank line (the header). A comma when none occurs (a one-column list).
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let seen = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (seen) break;
    } else if (!quoted && counts.has(c)) {
      counts.set(c, counts.get(c)! + 1);
      seen = true;
    } else if (c.trim() !== '') seen = true;
  }
  let best: string = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * The records of a CSV text (RFC 4180: quoted values may hold delimiters, quotes written twice and line
 * breaks; CRLF, LF or CR end a record), numbered as a spreadsheet numbers its rows: record 1 is the first,
 * blank records count but are left out. Stops with PAYLOAD_TOO_LARGE past `maxRecords` non-blank records.
 *
 * @example parseCsv('a;b\n1;"x;y"\n', ';') // [{ row: 1, cells: ['a', 'b'] }, { row: 2, cells: ['1', 'x;y'] }]
 * @throws AppError FILE_INVALID when a quoted value is never closed; PAYLOAD_TOO_LARGE past the limit.
 */
export function parseCsv(text: string, delimiter: string, maxRecords = LIST_LIMITS.maxRows + 1): ListRow[] {
  const out: ListRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let row = 1;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== '') {
      out.push({ row, cells });
      if (out.length > maxRecords) throw new AppError('PAYLOAD_TOO_LARGE', `more than ${LIST_LIMITS.maxRows} rows`, { limit: LIST_LIMITS.maxRows });
    }
    cells = [];
    cell = '';
    row++;
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '"' && cell.trim() === '') {
      // A quoted value: up to the closing quote, "" standing for one quote.
      const quotedFrom = row;
      cell = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) throw new AppError('FILE_INVALID', `a quoted value opened on row ${quotedFrom} is never closed`, { reason: 'quote', row: quotedFrom });
        cell += text.slice(i, q);
        if (text[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // Line breaks inside the value do not start new rows of the file for a spreadsheet, nor here.
      continue;
    }
    if (c === '"') {
      // A quote inside an unquoted value is kept as written.
      cell += c;
      i++;
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      // The rest of an unquoted value, in one slice.
      let j = i + 1;
      while (j < n) {
        const d = text[j]!;
        if (d === delimiter || d === '\n' || d === '\r' || d === '"') break;
        j++;
      }
      cell += text.slice(i, j);
      i = j;
    }
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return out;
}

/**
 * Reads a CSV list file: its text ({@link decodeListText}), its delimiter ({@link detectDelimiter}), its
 * records ({@link parseCsv}).
 *
 * @throws AppError FILE_INVALID, PAYLOAD_TOO_LARGE
 */
export function readCsv(bytes: Buffer): ListRow[] {
  const text = decodeListText(bytes);
  return parseCsv(text, detectDelimiter(text));
}
