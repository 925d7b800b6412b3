import { timingSafeEqual } from 'node:crypto';
import multipart, { type MultipartFile, type MultipartValue } from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { auditRead } from '../../commands/audit-read.ts';
import { submitGovernmentReply, GOVERNMENT_REPLY_MAX_CHARS } from '../../commands/submit-government-reply.ts';
import type { AppContext } from '../../context.ts';
import { genevaDate } from '../../domain/geneva-time.ts';
import { AppError, isAppError } from '../../errors.ts';
import { translator } from '../../i18n/translate.ts';
import { renderLetterPdf } from '../../letters/render/render-letter-pdf.ts';
import type { Principal } from '../../policies/principal.ts';
import { presentGovernmentCommunication, presentGovernmentSummary, type GovernmentSummary } from '../../presenters/government-presenter.ts';
import { composeLetterFor } from '../../queries/compose-communication-letter.ts';
import { getPortalReply, portalRepliesOf } from '../../queries/get-portal-replies.ts';
import { getCommunication } from '../../queries/get-communication.ts';
import { listCommunications } from '../../queries/list-communications.ts';
import { accountLanguage, accountShell } from '../../web/account-shell.ts';
import { governmentCommunicationView, governmentListView, governmentPath, receiptView, type ReplyFormState } from '../../web/government-views.ts';
import { errorView, type SiteOptions } from '../../web/view-models.ts';
import { toAppError } from '../error-handler.ts';
import { requirePrincipal } from '../guards.ts';
import { isFocalPoint } from '../../policies/surface-policy.ts';
import { htmlErrorHandler, sendPrivateHtml } from '../html.ts';

type Params = { slug: string };

/** A document as the reply form uploaded it; `truncated` when it was larger than the limit. */
interface UploadedDocument {
  name: string;
  bytes: Buffer;
  truncated: boolean;
}

/** The reply form's fields once the multipart body is read. */
interface ReplyForm {
  _csrf?: string;
  text: string;
  kind: string;
  language: string;
  documents: UploadedDocument[];
  /** A field longer than the form allows (cut by the parser): refused rather than stored cut. */
  truncated: boolean;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The one answer for a communication that is missing, not sent, or sent to another State. */
const notFound = () => new AppError('NOT_FOUND', 'no such communication');

/** Any way of not finding a communication, in the same words. */
function asNotFound(err: unknown): never {
  if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'REFERENCE_INVALID')) throw notFound();
  throw err;
}

/** Errors of the multipart parser, as the catalogue names them. */
function multipartError(err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  if (code === 'FST_FILES_LIMIT') return new AppError('ATTACHMENT_TOO_MANY', 'too many files');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE', 'the form is too large');
  if (code === 'FST_PROTO_VIOLATION' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_MP_PREMATURE_CLOSE') {
    return new AppError('VALIDATION_FAILED', 'the form could not be read');
  }
  return err;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The value of a multipart field (the first, if repeated). */
function fieldValue(field: unknown): { value: string; truncated: boolean } {
  const one = (Array.isArray(field) ? field[0] : field) as Partial<MultipartValue<unknown>> | undefined;
  return { value: str(one?.value), truncated: one?.valueTruncated === true };
}

/**
 * Turns the multipart body into the reply form: the fields' values, and the documents with their bytes
 * (buffered by `onFile` below).
 */
function readMultipartForm(body: unknown): ReplyForm {
  const b = (body ?? {}) as Record<string, unknown>;
  const csrf = fieldValue(b._csrf);
  const text = fieldValue(b.text);
  const kind = fieldValue(b.kind);
  const language = fieldValue(b.language);
  const files = (Array.isArray(b.documents) ? b.documents : b.documents ? [b.documents] : []) as Array<MultipartFile & { _buf?: Buffer | null }>;
  const documents = files
    .filter((f) => f.type === 'file')
    // A file input left empty still sends a part with no name and no bytes.
    .filter((f) => !(f.filename === '' && (f._buf?.length ?? 0) === 0))
    .map((f) => ({ name: f.filename, bytes: f._buf ?? Buffer.alloc(0), truncated: f.file.truncated }));
  return {
    _csrf: csrf.value,
    text: text.value,
    kind: kind.value,
    language: language.value,
    documents,
    truncated: text.truncated || kind.truncated || language.truncated || csrf.truncated,
  };
}

type WithReplyForm = FastifyRequest & { replyForm?: ReplyForm };

/** The reply form's fields: read from the multipart body, or a urlencoded form (text only). */
function replyFormOf(request: FastifyRequest): ReplyForm {
  const form = (request as WithReplyForm).replyForm;
  if (form) return form;
  const b = (request.body ?? {}) as Record<string, unknown>;
  return { text: str(b.text), kind: str(b.kind), language: str(b.language), documents: [], truncated: false };
}

/**
 * The government portal: the focal points of a State see the communications sent to it, with the reply
 * deadline (`GET /government`), read and download each letter as sent (`GET /government/communications/:slug`,
 * `…/letter.pdf`, the download audited), and reply under its reference with text and documents
 * (`POST /government/communications/:slug/replies`, multipart) to get a receipt
 * (`GET /government/communications/:slug/replies/:replyId`). Every page needs a focal point's session;
 * every read goes through the communication policy, so that a letter to another State, a draft, or a
 * reference that does not exist are the same 404.
 */
export function governmentRoutes(ctx: AppContext, site: SiteOptions): FastifyPluginAsync {
  return async (app) => {
    const pages = htmlErrorHandler(site);
    app.setErrorHandler((err, request, reply) => pages(multipartError(err), request, reply));

    const limits = ctx.files.limits;
    // Uploads are read here only: no other group of routes accepts multipart bodies.
    await app.register(multipart, {
      attachFieldsToBody: true,
      throwFileSizeLimit: false,
      limits: {
        // A byte over the limit is enough to know the file is refused; the rest is discarded, not buffered.
        fileSize: limits.maxFileBytes + 1,
        files: limits.maxFilesPerOwner,
        fields: 10,
        parts: limits.maxFilesPerOwner + 10,
        fieldSize: GOVERNMENT_REPLY_MAX_CHARS * 4 + 1024,
      },
      async onFile(this: FastifyRequest, part: MultipartFile) {
        // Before a file is buffered, the form's CSRF token (the form's first field) must be there and right:
        // a forged or stale form is refused without taking its files into memory.
        const given = fieldValue((part.fields as Record<string, unknown>)._csrf).value;
        if (!given || !sameToken(given, this.csrfToken())) {
          part.file.resume();
          throw new AppError('CSRF_INVALID', 'the form has expired; reload the page and try again');
        }
        await part.toBuffer();
      },
    });
    app.addHook('preValidation', async (request) => {
      if (!request.isMultipart()) return;
      // The session's CSRF check (before every handler) reads `_csrf` as a string from the body.
      const form = readMultipartForm(request.body);
      (request as WithReplyForm).replyForm = form;
      request.body = { _csrf: form._csrf };
    });

    const focalPoint = (request: FastifyRequest) => requirePrincipal(request, isFocalPoint) as Extract<Principal, { kind: 'government' }>;
    const today = () => genevaDate(ctx.clock.now());

    app.get('/government', async (request, reply) => {
      const principal = focalPoint(request);
      const { lang } = accountLanguage(request);
      const query = (request.query ?? {}) as Record<string, unknown>;
      const page = await listCommunications(ctx, principal, { page: query.page ?? 1, limit: 20 });
      const rows = page.rows.map((s) => presentGovernmentSummary(s, ctx.ref, today(), lang)).filter((r): r is GovernmentSummary => r !== undefined);
      const state = ctx.ref.addresseeName(principal.stateCode, lang) ?? principal.stateCode;
      const view = governmentListView(accountLanguage(request), state, { total: page.total, page: page.page, limit: page.limit, rows });
      return sendPrivateHtml(reply, accountShell(request, view.heading, '/government', site), 'government-list', view);
    });

    const communicationPage = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, principal: Principal, form: ReplyFormState, status = 200) => {
      const { lang } = accountLanguage(request);
      const { communication, letter } = await composeLetterFor(ctx, principal, request.params.slug).catch(asNotFound);
      const c = presentGovernmentCommunication(communication, await portalRepliesOf(ctx, communication), ctx.ref, today(), lang);
      if (!c) throw notFound();
      const view = governmentCommunicationView(accountLanguage(request), c, letter, { ...form, csrf: request.csrfToken(), limits });
      return sendPrivateHtml(reply, accountShell(request, `${c.reference} — ${c.subject}`, '/government', site), 'government-communication', view, status);
    };

    app.get<{ Params: Params }>('/government/communications/:slug', async (request, reply) => {
      const principal = focalPoint(request);
      return communicationPage(request, reply, principal, { text: '', kind: 'substantive', language: accountLanguage(request).lang, error: null });
    });

    app.get<{ Params: Params }>('/government/communications/:slug/letter.pdf', async (request, reply) => {
      const principal = focalPoint(request);
      const { communication, letter } = await composeLetterFor(ctx, principal, request.params.slug).catch(asNotFound);
      // The full letter names victims and carries the confidential annex: who downloaded it is in the chain.
      await auditRead(ctx, principal, { recordType: 'communication', recordId: communication.id, what: 'full_letter' });
      const pdf = await renderLetterPdf(letter, { creationDate: new Date(communication.sentAt ?? 0) });
      const name = (communication.reference ?? 'letter').replace(/[^A-Za-z0-9]+/g, '-');
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${name}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    });

    app.post<{ Params: Params }>(
      '/government/communications/:slug/replies',
      // Refused before the body is read: only a signed-in focal point may upload anything here.
      { onRequest: async (request) => void focalPoint(request) },
      async (request, reply) => {
        const principal = focalPoint(request);
        const form = replyFormOf(request);
        const state: ReplyFormState = { text: form.text, kind: form.kind || 'substantive', language: form.language || 'en', error: null };
        try {
          if (form.truncated) throw new AppError('VALIDATION_FAILED', 'text: the reply is too long for the form; attach it as a document', { field: 'text' });
          const tooLarge = form.documents.find((d) => d.truncated);
          if (tooLarge) {
            throw new AppError('ATTACHMENT_TOO_LARGE', `a file is larger than the limit of ${limits.maxFileBytes} bytes`, { limit: limits.maxFileBytes });
          }
          const { receipt } = await submitGovernmentReply(ctx, principal, request.params.slug, {
            text: form.text,
            kind: form.kind || undefined,
            language: form.language || undefined,
            documents: form.documents.map((d) => ({ name: d.name, bytes: d.bytes })),
          });
          const slug = request.params.slug;
          return reply.redirect(`${governmentPath(slug)}/replies/${encodeURIComponent(receipt.replyId)}`, 303);
        } catch (err) {
          const e = toAppError(err);
          if (e.code === 'NOT_FOUND' || e.code === 'REFERENCE_INVALID') throw notFound();
          if (e.status >= 500 || e.code === 'CONFLICT') throw err;
          const language = accountLanguage(request);
          const message =
            e.code === 'VALIDATION_FAILED' && e.details?.field === 'text' ? translator(language.lang)('gov.reply.error.text') : errorView(language, e).message;
          return communicationPage(request, reply, principal, { ...state, error: message }, e.status);
        }
      },
    );

    app.get<{ Params: Params & { replyId: string } }>('/government/communications/:slug/replies/:replyId', async (request, reply) => {
      const principal = focalPoint(request);
      const { lang } = accountLanguage(request);
      const { communication, reply: r } = await getPortalReply(ctx, principal, request.params.replyId, 'read').catch(asNotFound);
      // The receipt lives under its own communication's address only.
      const named = await getCommunication(ctx, principal, request.params.slug).catch(asNotFound);
      if (named.id !== communication.id || communication.reference === null) throw notFound();
      const view = receiptView(
        accountLanguage(request),
        {
          number: r.receipt,
          replyId: r.replyId,
          reference: communication.reference,
          receivedAt: r.submittedAt,
          receivedOn: r.receivedOn,
          documents: r.documents.map((d) => ({ id: d.id, displayName: d.displayName, sha256: d.sha256, size: d.size, mediaType: d.mediaType })),
        },
        request.params.slug,
      );
      return sendPrivateHtml(reply, accountShell(request, translator(lang)('gov.receipt.title'), '/government', site), 'government-receipt', view);
    });
  };
}
