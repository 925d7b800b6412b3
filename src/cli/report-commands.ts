import { Option, type Command } from 'commander';
import { AppError } from '../errors.ts';
import { PUBLIC } from '../policies/principal.ts';
import { getSessionReport } from '../queries/session-report.ts';
import { renderSessionReportCsv } from '../reports/render-session-report-csv.ts';
import { renderSessionReportPdf } from '../reports/render-session-report-pdf.ts';
import { REPORT_LANGUAGES, SYNTHETIC_MARK, sessionReportDocument, type ReportCell, type ReportTable, type SessionReportDocument } from '../reports/session-report-document.ts';
import { sessionReportPath, sessionReportView } from '../reports/session-report-view.ts';
import { renderPage } from '../web/render-page.ts';
import { pageShell } from '../web/view-models.ts';
import { withContext, type CliEnv } from './cli-env.ts';
import { table, writeNewFile } from './output.ts';

const FORMATS = ['text', 'csv', 'html', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

/** A cell on one terminal line: a reply per `;`, a demonstration record marked. */
function cellText(c: ReportCell): string {
  const text = c.lines ? c.lines.map((l) => l.text).join('; ') : c.text;
  return c.synthetic ? `${text} ${SYNTHETIC_MARK}` : text;
}

function tableText(t: ReportTable): string {
  if (t.rows.length === 0) return t.empty;
  const rows = (t.total ? [...t.rows, t.total] : t.rows).map((r) => r.map(cellText));
  return [table(t.columns.map((c) => c.label), rows), ...t.notes, ...(t.syntheticNote ? [t.syntheticNote] : [])].join('\n');
}

/** The report for the terminal: title, windows, figures, both sections, the statistics and the mandates. */
export function reportText(doc: SessionReportDocument): string {
  const out = [doc.title, doc.sessionLine, '', ...doc.windows.map((w) => w.line), ''];
  if (doc.provisional) out.push(doc.provisional);
  out.push(doc.asOf, doc.figures.join(' · '));
  for (const s of doc.sections) out.push('', s.heading, '', tableText(s.table));
  out.push('', doc.statistics.heading);
  for (const t of doc.statistics.tables) out.push('', t.caption, tableText(t));
  out.push('', ...doc.statistics.notes, '', doc.annex.heading);
  if (doc.annex.items.length === 0) out.push(doc.annex.empty);
  for (const m of doc.annex.items) out.push(`- ${m.title}${m.short === m.title ? '' : ` (${m.short})`}${m.holders ? `\n  ${m.holders}` : ''}`);
  return out.join('\n');
}

/**
 * `report session N [--format text|csv|html|pdf] [--lang en|fr|es] [--out FILE]`: the communications report
 * to a session of the Human Rights Council, drawn from the public database as the site shows it.
 */
export function registerReportCommands(program: Command, env: CliEnv): void {
  const report = program.command('report').description('the communications reports to the Human Rights Council');
  report
    .command('session')
    .description('the report to a session: communications sent in its window with their replies, replies to earlier ones, statistics, mandates')
    .argument('<number>', 'the session number (18 or later)')
    .addOption(new Option('--format <format>').choices(FORMATS).default('text'))
    .addOption(new Option('--lang <lang>', 'the language of the report').choices(REPORT_LANGUAGES).default('en'))
    .option('--out <file>', 'write to a file (required for pdf); an existing file is never overwritten')
    .action(async (number: string, o: { format: Format; lang: (typeof REPORT_LANGUAGES)[number]; out?: string }) => {
      if (o.format === 'pdf' && !o.out) throw new AppError('VALIDATION_FAILED', '--out: a PDF is written to a file', { field: 'out' });
      await withContext(env, async (ctx) => {
        const presented = await getSessionReport(ctx, PUBLIC, number, o.lang);
        let body: string | Buffer;
        if (o.format === 'csv') body = renderSessionReportCsv(presented);
        else if (o.format === 'pdf') body = await renderSessionReportPdf(sessionReportDocument(presented, o.lang), { creationDate: ctx.clock.now() });
        else if (o.format === 'html') {
          const language = { lang: o.lang, explicit: true };
          const view = sessionReportView(language, presented);
          body = renderPage('session-report', pageShell(language, view.shortTitle, { path: sessionReportPath(presented.session.number) }), view);
        } else body = reportText(sessionReportDocument(presented, o.lang));
        if (o.out) {
          await writeNewFile(o.out, body);
          env.io.err(`report to session ${presented.session.number} (${o.format}, ${o.lang}) written to ${o.out}`);
        } else env.io.out(String(body));
      });
    });
}
