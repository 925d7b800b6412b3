import { stringify } from 'csv-stringify/sync';
import type { PresentedSessionReport } from './present-session-report.ts';

/**
 * The report as CSV: one row per communication of section A and one per reply of section B, told apart by
 * the `section` column. Column names are stable (the same in every language); the names of addressees and
 * mandates are in the report's language. Cells that a spreadsheet would run as a formula are prefixed
 * with `'`, as in the other exports.
 */

type Letter = PresentedSessionReport['sectionB'][number]['letter'];

/** The columns, in order. */
export const SESSION_REPORT_CSV_COLUMNS = [
  'section', 'reference', 'type', 'display_type', 'joint', 'addressee_code', 'addressee', 'mandates', 'mandate_titles',
  'sent_date', 'subject', 'listed_in_session', 'replied_in_window', 'replies_in_window', 'replies_after_window',
  'reply_received_on', 'reply_kind', 'reply_language', 'synthetic',
] as const;

type Column = (typeof SESSION_REPORT_CSV_COLUMNS)[number];

function letterColumns(l: Letter): Partial<Record<Column, string>> {
  return {
    reference: l.reference,
    type: l.type,
    display_type: l.displayType,
    joint: String(l.joint),
    addressee_code: l.addressee.code,
    addressee: l.addressee.name,
    mandates: l.mandates.map((m) => m.slug).join(' '),
    mandate_titles: l.mandates.map((m) => m.title).join('; '),
    sent_date: l.sentDate,
    subject: l.subject,
    listed_in_session: String(l.session),
    synthetic: String(l.synthetic),
  };
}

/** The CSV text of a presented report. */
export function renderSessionReportCsv(report: PresentedSessionReport): string {
  const rows: Array<Partial<Record<Column, string>>> = [
    ...report.sectionA.map((c) => ({
      section: 'A',
      ...letterColumns(c),
      replied_in_window: String(c.repliedInWindow),
      replies_in_window: String(c.replies.filter((r) => r.inWindow).length),
      replies_after_window: String(c.replies.filter((r) => !r.inWindow).length),
    })),
    ...report.sectionB.map((b) => ({
      section: 'B',
      ...letterColumns(b.letter),
      reply_received_on: b.reply.receivedOn,
      reply_kind: b.reply.kind,
      reply_language: b.reply.language,
    })),
  ];
  return stringify(
    rows.map((row) => SESSION_REPORT_CSV_COLUMNS.map((column) => row[column] ?? '')),
    { header: true, columns: [...SESSION_REPORT_CSV_COLUMNS], escape_formulas: true },
  );
}
