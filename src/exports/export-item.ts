import type { PublicRow } from '../db/repositories/public-repository.ts';
import { presentPublicRow } from '../presenters/public-search-presenter.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import { communicationPath } from '../web/view-models.ts';

/**
 * One communication in an export of a search: the API's result row (the public presenter's allow-list,
 * names in the reader's language) with the absolute address of its page.
 */
export function exportItemOf(row: PublicRow, ref: ReferenceData, lang: string, origin: string) {
  const item = presentPublicRow(row, ref, lang);
  return { ...item, url: `${origin}${communicationPath(item.slug)}` };
}

/** A communication as an export holds it. */
export type ExportItem = ReturnType<typeof exportItemOf>;

/**
 * The columns of the CSV export, in order: the header and how each cell is read from an item. One column
 * per value, so that a spreadsheet needs no parsing: mandates are their slugs separated by spaces.
 */
export const CSV_COLUMNS: ReadonlyArray<readonly [header: string, cell: (item: ExportItem) => string]> = [
  ['reference', (i) => i.reference],
  ['type', (i) => i.type],
  ['display_type', (i) => i.displayType],
  ['joint', (i) => String(i.joint)],
  ['addressee_code', (i) => i.addressee.code],
  ['addressee', (i) => i.addressee.name ?? ''],
  ['mandates', (i) => i.mandates.map((m) => m.slug).join(' ')],
  ['sent_date', (i) => i.sentDate],
  ['subject', (i) => i.subject],
  ['summary', (i) => i.summary],
  ['reply_status', (i) => i.replyStatus],
  ['replies', (i) => String(i.replies)],
  ['first_reply_on', (i) => i.firstReplyOn ?? ''],
  ['url', (i) => i.url],
  ['synthetic', (i) => String(i.synthetic)],
];
