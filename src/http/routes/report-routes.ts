import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { PUBLIC } from '../../policies/principal.ts';
import { getSessionReport, listSessionReports } from '../../queries/session-report.ts';
import { renderSessionReportCsv } from '../../reports/render-session-report-csv.ts';
import { renderSessionReportPdf } from '../../reports/render-session-report-pdf.ts';
import { reportLanguage, sessionReportDocument } from '../../reports/session-report-document.ts';
import { SESSION_REPORTS_PATH, sessionReportPath, sessionReportView, sessionReportsView } from '../../reports/session-report-view.ts';
import { renderPage } from '../../web/render-page.ts';
import { pageShell, type SiteOptions } from '../../web/view-models.ts';
import { htmlErrorHandler, requestLanguage, sendHtml } from '../html.ts';

type NumberRequest = FastifyRequest<{ Params: { number: string } }>;

/**
 * Headers of a download of a report: its type, language and file name (`communications-report-hrc-50-fr.pdf`).
 * The PDF opens in the browser, as the letters' PDFs do; the CSV is saved.
 */
function download(reply: FastifyReply, type: string, lang: string, number: number, extension: 'csv' | 'pdf'): FastifyReply {
  const disposition = extension === 'pdf' ? 'inline' : 'attachment';
  return reply
    .header('content-type', type)
    .header('content-language', lang)
    .header('content-disposition', `${disposition}; filename="communications-report-hrc-${number}-${lang}.${extension}"`)
    .header('cache-control', 'no-cache');
}

/**
 * The communications reports to the Human Rights Council: the list (`GET /reports/sessions`), one report
 * as a page (`GET /reports/sessions/50`), and its downloads (`.csv`, `.pdf`) in English, French or
 * Spanish — the language of the address's prefix (`/fr/reports/sessions/50.pdf`, or `?lang=fr`, which is
 * redirected to it), English for the other languages. Read from the public database only. A session with
 * no report (`abc`, `5`, a session still to come) is the site's 404 page; so are the downloads' errors.
 */
export function reportRoutes(ctx: AppContext, site: SiteOptions = {}): FastifyPluginAsync {
  return async (app) => {
    app.setErrorHandler(htmlErrorHandler(site));

    app.get(SESSION_REPORTS_PATH, async (request, reply) => {
      const language = requestLanguage(request);
      const view = sessionReportsView(language, await listSessionReports(ctx, PUBLIC));
      const shell = pageShell(language, view.heading, { path: SESSION_REPORTS_PATH }, 'reports', site);
      return sendHtml(reply, language.lang, renderPage('session-reports', shell, view));
    });

    app.get(`${SESSION_REPORTS_PATH}/:number`, async (request: NumberRequest, reply) => {
      const language = requestLanguage(request);
      const report = await getSessionReport(ctx, PUBLIC, request.params.number, language.lang);
      const view = sessionReportView(language, report);
      const shell = pageShell(language, view.shortTitle, { path: sessionReportPath(report.session.number) }, 'reports', site);
      return sendHtml(reply, language.lang, renderPage('session-report', shell, view));
    });

    app.get(`${SESSION_REPORTS_PATH}/:number.csv`, async (request: NumberRequest, reply) => {
      const lang = reportLanguage(requestLanguage(request).lang);
      const report = await getSessionReport(ctx, PUBLIC, request.params.number, lang);
      // A byte order mark, so that spreadsheets read the accents of French and Spanish names as UTF-8.
      return download(reply, 'text/csv; charset=utf-8', lang, report.session.number, 'csv').send(`\uFEFF${renderSessionReportCsv(report)}`);
    });

    app.get(`${SESSION_REPORTS_PATH}/:number.pdf`, async (request: NumberRequest, reply) => {
      const lang = reportLanguage(requestLanguage(request).lang);
      const report = await getSessionReport(ctx, PUBLIC, request.params.number, lang);
      const pdf = await renderSessionReportPdf(sessionReportDocument(report, lang), { creationDate: ctx.clock.now() });
      return download(reply, 'application/pdf', lang, report.session.number, 'pdf').send(pdf);
    });
  };
}

