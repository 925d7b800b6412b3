import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { decideMatch } from '../../commands/register/decide-match.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { createImportJob, getImportJob, startImportJob, type ImportJob } from '../../importers/list/import-jobs.ts';
import { listImportsOverview } from '../../importers/list/list-imports-overview.ts';
import { LIST_FIELDS, type ListMapping } from '../../importers/list/list-fields.ts';
import { LIST_LIMITS } from '../../importers/list/list-limits.ts';
import { listMatchReviews } from '../../importers/list/list-match-reviews.ts';
import { reportCsv } from '../../importers/list/row-report.ts';
import { translator } from '../../i18n/translate.ts';
import { isOfficer } from '../../policies/surface-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import type { SourceKind } from '../../domain/register/vocabulary.ts';
import { accountLanguage, accountShell } from '../../web/account-shell.ts';
import { importErrorText, jobView, reportWords, uploadView, type UploadValues } from '../../web/register-import/import-views.ts';
import { reviewsView } from '../../web/register-import/review-views.ts';
import type { SiteOptions } from '../../web/view-models.ts';
import { toAppError } from '../error-handler.ts';
import { requirePrincipal } from '../guards.ts';
import { htmlErrorHandler, sendPrivateHtml } from '../html.ts';

type Body = Record<string, unknown>;
type IdRequest = FastifyRequest<{ Params: { id: string } }>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Seconds between two reloads of a running import's page (the `Refresh` header: no script needed). */
const REFRESH_SECONDS = 2;

/** The file of an upload, collected as its part arrives. */
const uploads = new WeakMap<FastifyRequest, { name: string; bytes: Buffer }>();

/** Errors of the multipart parser, as the catalogue's codes. */
function multipartError(err: unknown): AppError | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE', `the file is larger than ${LIST_LIMITS.maxBytes / (1024 * 1024)} MB`, { limit: LIST_LIMITS.maxBytes });
  if (code === 'FST_FILES_LIMIT') return new AppError('VALIDATION_FAILED', 'one file at a time', { field: 'file' });
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new AppError('PAYLOAD_TOO_LARGE', 'the form has too many parts');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_PROTO_VIOLATION') return new AppError('VALIDATION_FAILED', 'the form could not be read');
  return undefined;
}

/** Errors a page shows beside its form (the officer can correct and send again); others get the error page. */
function isFormError(err: AppError): boolean {
  return err.status < 500 && !['NOT_FOUND', 'SIGN_IN_REQUIRED', 'CSRF_INVALID'].includes(err.code);
}

/** `attachment`, with an ASCII file name. */
function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"`;
}

/**
 * Imports of lists of persons into the register, for case officers (register policy `import` and
 * `review_match`; anyone else gets the 404 of a missing page, before any upload is read):
 * - `/staff/register/imports`: the upload form (CSV or XLSX, with its source) and the recent imports;
 * - `/staff/register/imports/:id`: the column-mapping step (the file's columns, a select per register
 *   field prefilled from the column names), then the progress of the check or import (the page reloads
 *   itself every few seconds through the `Refresh` header), then the result with the report per row;
 * - `/staff/register/imports/:id/report.csv`: that report as CSV;
 * - `/staff/register/reviews`: the likely matches side by side, each with "same person" and "different".
 * Every page works without JavaScript; every form carries the session's CSRF token.
 */
export function registerImportRoutes(ctx: AppContext, site: SiteOptions): FastifyPluginAsync {
  return async (app) => {
    const htmlErrors = htmlErrorHandler(site);
    app.setErrorHandler((err, request, reply) => htmlErrors(multipartError(err) ?? err, request, reply));
    // Officers only, checked before a body is read: nobody else makes the server hold an upload.
    app.addHook('onRequest', async (request) => {
      requirePrincipal(request, isOfficer);
    });
    await app.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: LIST_LIMITS.maxBytes, files: 1, fields: 20, fieldSize: 10_000, parts: 25, headerPairs: 100 },
      async onFile(this: FastifyRequest, part) {
        const bytes = await part.toBuffer();
        // A file input left empty still sends a part, with no name and no bytes.
        if (part.filename === '' && bytes.length === 0) return;
        uploads.set(this, { name: part.filename, bytes });
      },
    });

    const officer = (request: FastifyRequest): Principal => requirePrincipal(request, isOfficer);
    const langOf = (request: FastifyRequest) => accountLanguage(request).lang;
    const errorText = (request: FastifyRequest, err: AppError) => importErrorText(langOf(request), err);

    // ---- Upload ---------------------------------------------------------------------------------------

    const uploadPage = async (request: FastifyRequest, reply: FastifyReply, values: UploadValues, error: AppError | null) => {
      const principal = officer(request);
      const overview = await listImportsOverview(ctx, principal);
      const t = translator(langOf(request));
      const view = uploadView(accountLanguage(request), {
        csrf: request.csrfToken(),
        values,
        error: error ? errorText(request, error) : null,
        imports: overview.imports,
        pendingReviews: overview.pendingReviews,
      });
      return sendPrivateHtml(reply, accountShell(request, t('registerImport.title'), '/staff/register', site), 'register-import', view, error?.status ?? 200);
    };

    app.get('/staff/register/imports', async (request, reply) => uploadPage(request, reply, { sourceKind: '', sourceLabel: '', receivedOn: '' }, null));

    app.post('/staff/register/imports', async (request, reply) => {
      const principal = officer(request);
      const body = (request.body ?? {}) as Body;
      const values = { sourceKind: str(body.sourceKind), sourceLabel: str(body.sourceLabel), receivedOn: str(body.receivedOn).trim() };
      const file = uploads.get(request);
      try {
        if (!file) throw new AppError('VALIDATION_FAILED', 'file: choose the list to import', { field: 'file' });
        const job = await createImportJob(ctx, principal, {
          bytes: file.bytes,
          fileName: file.name || 'list',
          source: { kind: values.sourceKind as SourceKind, label: values.sourceLabel, receivedOn: values.receivedOn === '' ? null : values.receivedOn },
        });
        return reply.redirect(`/staff/register/imports/${job.id}`, 303);
      } catch (err) {
        const e = toAppError(err);
        if (!isFormError(e)) throw err;
        return uploadPage(request, reply, values, e);
      }
    });

    // ---- A job: mapping, progress, result ---------------------------------------------------------------

    const jobPage = (request: FastifyRequest, reply: FastifyReply, job: ImportJob, error: AppError | null) => {
      const t = translator(langOf(request));
      const view = jobView(accountLanguage(request), job, { csrf: request.csrfToken(), error: error ? errorText(request, error) : null });
      if (view.running) reply.header('refresh', String(REFRESH_SECONDS));
      return sendPrivateHtml(reply, accountShell(request, t('registerImport.job.title', { file: job.fileName }), '/staff/register', site), 'register-import-job', view, error?.status ?? 200);
    };

    app.get<{ Params: { id: string } }>('/staff/register/imports/:id', async (request: IdRequest, reply) => jobPage(request, reply, getImportJob(ctx, officer(request), request.params.id), null));

    app.post<{ Params: { id: string } }>('/staff/register/imports/:id', async (request: IdRequest, reply) => {
      const principal = officer(request);
      const job = getImportJob(ctx, principal, request.params.id);
      const body = (request.body ?? {}) as Body;
      // The selects name columns by position: a column's name may hold anything.
      const mapping: ListMapping = {};
      for (const f of LIST_FIELDS) {
        const chosen = str(body[`map_${f}`]);
        if (chosen === '' || !/^\d+$/.test(chosen)) continue;
        const column = job.header[Number(chosen)];
        if (column) mapping[f] = column;
      }
      try {
        startImportJob(ctx, principal, job.id, { mapping, dryRun: str(body.action) !== 'import' });
        return reply.redirect(`/staff/register/imports/${job.id}`, 303);
      } catch (err) {
        const e = toAppError(err);
        if (!isFormError(e)) throw err;
        job.mapping = mapping;
        return jobPage(request, reply, job, e);
      }
    });

    app.get<{ Params: { id: string } }>('/staff/register/imports/:id/report.csv', async (request: IdRequest, reply) => {
      const job = getImportJob(ctx, officer(request), request.params.id);
      if (!job.result) throw new AppError('NOT_FOUND', 'no report yet');
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachment(`import-report-${job.id}.csv`))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(reportCsv(job.result.report, reportWords(langOf(request))));
    });

    // ---- Reviews ----------------------------------------------------------------------------------------

    const reviewsPage = async (request: FastifyRequest, reply: FastifyReply, extra: { error?: AppError; notice?: string }) => {
      const principal = officer(request);
      const t = translator(langOf(request));
      const page = Number.parseInt(str(((request.query ?? {}) as Body).page), 10);
      const queue = await listMatchReviews(ctx, principal, { page: Number.isFinite(page) ? page : 1 });
      const view = reviewsView(accountLanguage(request), queue, {
        csrf: request.csrfToken(),
        error: extra.error ? errorText(request, extra.error) : null,
        notice: extra.notice ? t(extra.notice) : null,
      });
      return sendPrivateHtml(reply, accountShell(request, t('registerReview.title'), '/staff/register', site), 'register-review', view, extra.error?.status ?? 200);
    };

    app.get('/staff/register/reviews', async (request, reply) => {
      const done = str(((request.query ?? {}) as Body).done);
      return reviewsPage(request, reply, done === 'same' || done === 'different' ? { notice: `registerReview.done.${done}` } : {});
    });

    app.post<{ Params: { id: string } }>('/staff/register/reviews/:id', async (request: IdRequest, reply) => {
      const principal = officer(request);
      const body = (request.body ?? {}) as Body;
      try {
        const decided = await decideMatch(ctx, principal, request.params.id, { decision: str(body.decision), ...(str(body.version) ? { version: str(body.version) } : {}) });
        return reply.redirect(`/staff/register/reviews?done=${decided.decision}`, 303);
      } catch (err) {
        const e = toAppError(err);
        if (!isFormError(e)) throw err;
        return reviewsPage(request, reply, { error: e });
      }
    });
  };
}
