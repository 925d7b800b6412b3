import { intlTag, isLocale, type Locale } from '../i18n/locales.ts';
import { formatDate, translator } from '../i18n/translate.ts';
import type { PresentedSessionReport } from './present-session-report.ts';

/**
 * A session's report as text in one language: headings, sentences and tables, ready for any output (the
 * page, the PDF, the terminal). Every output prints the same document, so that they cannot disagree.
 */

/** The languages of the report's downloads (PDF and CSV). */
export const REPORT_LANGUAGES = ['en', 'fr', 'es'] as const;
/** A language of the report's downloads. */
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** The download language for a language of the site: itself when the report is written in it, else English. */
export function reportLanguage(lang: string): ReportLanguage {
  return (REPORT_LANGUAGES as readonly string[]).includes(lang) ? (lang as ReportLanguage) : 'en';
}

/** A line of a cell; `outside` marks a reply received after the reply window. */
export interface ReportLine {
  text: string;
  outside?: boolean;
}

/** A table cell: its text, and where the page links it; `title` explains an abbreviation. */
export interface ReportCell {
  text: string;
  href?: string;
  title?: string;
  /** The cell as separate lines (the replies of a communication); `text` joins them. */
  lines?: ReportLine[];
  /** The cell as abbreviations with what they stand for (the mandates of a communication); `text` joins them. */
  parts?: Array<{ text: string; title: string }>;
  /** A demonstration record. */
  synthetic?: boolean;
}

/** A column: its heading, whether it holds figures, and its share of the width on paper. */
export interface ReportColumn {
  label: string;
  numeric?: boolean;
  weight: number;
}

/** A table of the report. */
export interface ReportTable {
  id: string;
  caption: string;
  notes: string[];
  /** On paper and in the terminal, what the mark after a demonstration record's reference means (pages show a badge). */
  syntheticNote: string | null;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** The totals row, if the table has one. */
  total: ReportCell[] | null;
  /** What to say instead of an empty table. */
  empty: string;
}

/** Links the page puts into the report; the PDF and the terminal have none. */
export interface ReportLinks {
  communication(slug: string): string;
  session(number: number): string;
}

/** The report as text in a language. */
export interface SessionReportDocument {
  lang: Locale;
  title: string;
  shortTitle: string;
  /** The month of the session and, when known, its meeting days. */
  sessionLine: string;
  /** Each window: its label, its dates, and both as one line (for paper and the terminal). */
  windows: Array<{ label: string; text: string; line: string }>;
  intro: string;
  asOf: string;
  provisional: string | null;
  figures: string[];
  sections: Array<{ id: 'section-a' | 'section-b'; heading: string; intro: string; table: ReportTable }>;
  statistics: { heading: string; tables: ReportTable[]; notes: string[] };
  annex: { heading: string; items: Array<{ title: string; short: string; holders: string | null }>; empty: string };
}

/** Formats figures and shares the way a language writes them. */
function numbers(lang: Locale) {
  const tag = intlTag(lang);
  const count = new Intl.NumberFormat(tag);
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  return {
    count: (n: number) => count.format(n),
    rate: (replied: number, total: number) => (total === 0 ? '—' : percent.format(replied / total)),
  };
}

/** The mark printed after the reference of a demonstration record on paper and in the terminal. */
export const SYNTHETIC_MARK = '†';

const cell = (text: string, extra: Omit<ReportCell, 'text'> = {}): ReportCell => ({ text, ...extra });

/**
 * Writes a presented report in a language (one of the site's; labels missing in it fall back on English as
 * the catalogues do). `links` is given by the page only.
 */
export function sessionReportDocument(report: PresentedSessionReport, language: string, links?: ReportLinks): SessionReportDocument {
  const lang: Locale = isLocale(language) ? language : 'en';
  const t = translator(lang);
  const date = (iso: string) => formatDate(lang, iso);
  const n = numbers(lang);
  const { windows, statistics: s, session } = report;
  const sessionName = (number: number) => t('report.session', { number });
  const slot = t('report.slot', { slot: session.slot, year: String(session.year) });
  const typeCell = (displayType: string) => cell(displayType, { title: t(`type.${displayType}`) });
  const letterCells = (l: PresentedSessionReport['sectionB'][number]['letter']) => [
    cell(l.reference, { ...(links ? { href: links.communication(l.slug) } : {}), synthetic: l.synthetic }),
    cell(date(l.sentDate)),
    typeCell(l.displayType),
    cell(l.addressee.name),
  ];
  const countCells = (row: { count: number; replied: number }) => [
    cell(n.count(row.count)),
    cell(n.count(row.replied)),
    cell(n.rate(row.replied, row.count)),
  ];
  const countColumns: ReportColumn[] = [
    { label: t('report.column.communications'), numeric: true, weight: 1.2 },
    { label: t('report.column.replied'), numeric: true, weight: 1.4 },
    { label: t('report.column.rate'), numeric: true, weight: 1 },
  ];
  const totals = [cell(t('report.total')), ...countCells({ count: s.communications, replied: s.replied })];
  const syntheticNote = `${SYNTHETIC_MARK} ${t('report.synthetic')}`;
  const range = (w: { from: string; to: string }) => t('report.window.range', { from: date(w.from), to: date(w.to) });

  const sectionA: ReportTable = {
    id: 'section-a-table',
    caption: t('report.sectionA.heading', { from: date(windows.sent.from), to: date(windows.sent.to) }),
    notes: [],
    syntheticNote: report.sectionA.some((c) => c.synthetic) ? syntheticNote : null,
    columns: [
      { label: t('report.column.reference'), weight: 1.45 },
      { label: t('report.column.sent'), weight: 1.1 },
      { label: t('report.column.type'), weight: 0.6 },
      { label: t('report.column.addressee'), weight: 1.1 },
      { label: t('report.column.mandates'), weight: 1.7 },
      { label: t('report.column.subject'), weight: 1.9 },
      { label: t('report.column.replies'), weight: 1.6 },
    ],
    rows: report.sectionA.map((c) => {
      const lines: ReportLine[] = c.replies.map((r) => {
        const values = { date: date(r.receivedOn), kind: t(`replyKind.${r.kind}`) };
        return r.inWindow ? { text: t('report.reply.entry', values) } : { text: t('report.reply.outside', { ...values, session: r.reportedIn }), outside: true };
      });
      if (lines.length === 0) lines.push({ text: t('report.reply.none') });
      return [
        ...letterCells(c),
        cell(c.mandates.map((m) => m.short).join('; '), { parts: c.mandates.map((m) => ({ text: m.short, title: m.title })) }),
        cell(c.subject),
        cell(lines.map((l) => l.text).join('\n'), { lines }),
      ];
    }),
    total: null,
    empty: t('report.sectionA.empty'),
  };

  const sectionB: ReportTable = {
    id: 'section-b-table',
    caption: t('report.sectionB.heading', { from: date(windows.replies.from), to: date(windows.replies.to) }),
    notes: [],
    syntheticNote: report.sectionB.some((b) => b.letter.synthetic) ? syntheticNote : null,
    columns: [
      { label: t('report.column.received'), weight: 1.1 },
      { label: t('report.column.kind'), weight: 1.2 },
      { label: t('report.column.reference'), weight: 1.45 },
      { label: t('report.column.sent'), weight: 1.1 },
      { label: t('report.column.type'), weight: 0.6 },
      { label: t('report.column.addressee'), weight: 1.1 },
      { label: t('report.column.listedIn'), weight: 1.1 },
    ],
    rows: report.sectionB.map((b) => [
      cell(date(b.reply.receivedOn)),
      cell(t(`replyKind.${b.reply.kind}`)),
      ...letterCells(b.letter),
      cell(sessionName(b.letter.session), links ? { href: links.session(b.letter.session) } : {}),
    ]),
    total: null,
    empty: t('report.sectionB.empty'),
  };

  const statisticsTables: ReportTable[] = [
    {
      id: 'by-type',
      caption: t('report.statistics.byType'),
      notes: [],
      syntheticNote: null,
      columns: [{ label: t('report.column.type'), weight: 2.4 }, ...countColumns],
      rows: s.byType.map((row) => [cell(`${t(`type.${row.type}`)} (${row.type})`), ...countCells(row)]),
      total: totals,
      empty: t('report.sectionA.empty'),
    },
    {
      id: 'joint',
      caption: t('report.statistics.joint'),
      notes: [],
      syntheticNote: null,
      columns: [{ label: t('report.column.type'), weight: 2.4 }, ...countColumns],
      rows: [
        [cell(t('report.joint.joint')), ...countCells(s.joint.joint)],
        [cell(t('report.joint.single')), ...countCells(s.joint.single)],
      ],
      total: totals,
      empty: t('report.sectionA.empty'),
    },
    {
      id: 'by-addressee',
      caption: t('report.statistics.byAddressee'),
      notes: [],
      syntheticNote: null,
      columns: [{ label: t('report.column.addressee'), weight: 2.4 }, ...countColumns],
      rows: s.byAddressee.map((row) => [cell(row.addressee.name === row.addressee.code ? row.addressee.code : `${row.addressee.name} (${row.addressee.code})`), ...countCells(row)]),
      total: s.byAddressee.length > 0 ? totals : null,
      empty: t('report.sectionA.empty'),
    },
    {
      id: 'by-mandate',
      caption: t('report.statistics.byMandate'),
      notes: [t('report.statistics.byMandateNote')],
      syntheticNote: null,
      columns: [{ label: t('report.column.mandate'), weight: 2.4 }, ...countColumns],
      rows: s.byMandate.map((row) => [cell(row.mandate.title), ...countCells(row)]),
      total: null,
      empty: t('report.sectionA.empty'),
    },
    {
      id: 'earlier',
      caption: t('report.statistics.earlier'),
      notes: [],
      syntheticNote: null,
      columns: [
        { label: t('report.column.kind'), weight: 2.4 },
        { label: t('report.column.count'), numeric: true, weight: 1.2 },
      ],
      rows: s.earlier.byKind.map((row) => [cell(t(`replyKind.${row.kind}`)), cell(n.count(row.count))]),
      total: [cell(t('report.total')), cell(n.count(s.earlier.replies))],
      empty: t('report.sectionB.empty'),
    },
  ];

  const meeting = report.meeting ? t('report.meeting', { start: date(report.meeting.start), end: date(report.meeting.end) }) : null;
  return {
    lang,
    title: t('report.title', { number: session.number }),
    shortTitle: t('report.shortTitle', { number: session.number }),
    sessionLine: meeting ? `${slot} · ${meeting}` : slot,
    windows: [
      { label: t('report.window.sent'), w: windows.sent },
      { label: t('report.window.replies'), w: windows.replies },
    ].map(({ label, w }) => ({ label, text: range(w), line: t('report.window.line', { label, range: range(w) }) })),
    intro: t('report.intro', {
      from: date(windows.sent.from),
      to: date(windows.sent.to),
      repliesFrom: date(windows.replies.from),
      repliesTo: date(windows.replies.to),
    }),
    asOf: t('report.asOf', { date: date(report.asOf) }),
    provisional: report.provisional ? t('report.provisional', { date: date(windows.replies.to) }) : null,
    figures: [
      t('report.summary.communications', { count: s.communications }),
      t('report.summary.replied', { count: s.replied, rate: n.rate(s.replied, s.communications) }),
      t('report.summary.earlier', { count: s.earlier.replies }),
    ],
    sections: [
      { id: 'section-a', heading: sectionA.caption, intro: t('report.sectionA.intro', { date: date(windows.replies.to) }), table: sectionA },
      { id: 'section-b', heading: sectionB.caption, intro: t('report.sectionB.intro'), table: sectionB },
    ],
    statistics: { heading: t('report.statistics.heading'), tables: statisticsTables, notes: [t('report.statistics.repliedNote')] },
    annex: {
      heading: t('report.annex.heading'),
      items: report.mandates.map((m) => ({
        title: m.title,
        short: m.short,
        holders: m.holders.length > 0 ? t('report.annex.holders', { names: new Intl.ListFormat(intlTag(lang), { type: 'conjunction' }).format(m.holders) }) : null,
      })),
      empty: t('report.annex.empty'),
    },
  };
}
