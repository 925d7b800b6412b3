import { stringify } from 'csv-stringify/sync';
import type { AppContext } from '../context.ts';
import { rowsBySeq, type PublicRow } from '../db/repositories/public-repository.ts';
import type { PublicSelection } from '../queries/search-public-communications.ts';
import { CSV_COLUMNS, type ExportItem } from './export-item.ts';

/** Rows an export reads from the database at a time. */
export const EXPORT_BATCH_SIZE = 500;

/**
 * The parameters of a search that an export does not take: it holds every row the filters select, in
 * their order, not a page of them. They are dropped from the query before it is read.
 */
export const EXPORT_IGNORED_PARAMETERS = ['page', 'cursor', 'limit'] as const;

/** The query of an export: the search's parameters without those of paging. */
export function exportQuery(raw: unknown): Record<string, unknown> {
  const query: Record<string, unknown> = { ...(raw && typeof raw === 'object' ? raw : {}) };
  for (const name of EXPORT_IGNORED_PARAMETERS) delete query[name];
  return query;
}

/**
 * The rows of a search's selection in its order, read a batch at a time: only when the previous batch has
 * been written does the next one leave the database.
 */
export async function* selectionRows(ctx: AppContext, selection: Pick<PublicSelection, 'catalogue' | 'rows'>, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<PublicRow[]> {
  const { rows, catalogue } = selection;
  for (let start = 0; start < rows.length; start += batchSize) {
    const seqs = Array.from(rows.subarray(start, start + batchSize), (i) => catalogue.seq[i]!);
    const found = await rowsBySeq(ctx.store.db, seqs);
    if (found.length > 0) yield found;
  }
}

/**
 * The CSV of an export, a chunk per batch of rows: the header first (alone when nothing matched), then the
 * rows. Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`…) are prefixed with `'`.
 */
export async function* csvChunks(batches: AsyncIterable<PublicRow[]>, present: (row: PublicRow) => ExportItem): AsyncGenerator<string> {
  const columns = CSV_COLUMNS.map(([header]) => header);
  let header = true;
  for await (const batch of batches) {
    const records = batch.map((row) => {
      const item = present(row);
      return CSV_COLUMNS.map(([, cell]) => cell(item));
    });
    yield stringify(records, { header, columns, escape_formulas: true });
    header = false;
  }
  if (header) yield stringify([], { header: true, columns });
}

/** The JSON of an export: one array, an item per line, written a batch at a time. */
export async function* jsonChunks(batches: AsyncIterable<PublicRow[]>, present: (row: PublicRow) => ExportItem): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const batch of batches) {
    const lines = batch.map((row) => JSON.stringify(present(row)));
    yield (first ? '\n' : ',\n') + lines.join(',\n');
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}
