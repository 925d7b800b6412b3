import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { addSubmissionNote } from '../../commands/submissions/add-note.ts';
import { addInformation } from '../../commands/submissions/add-information.ts';
import { changeSubmissionStatus } from '../../commands/submissions/change-status.ts';
import { createDraftFromSubmission } from '../../commands/submissions/create-draft-from-submission.ts';
import { answerQuestion, messageSource } from '../../commands/submissions/send-message.ts';
import { followSubmission } from '../../commands/submissions/source-follow.ts';
import { submitIntake, type IntakeFile } from '../../commands/submissions/submit-intake.ts';
import { withdrawConsent } from '../../commands/submissions/withdraw-consent.ts';
import { recordsFromSubmission } from '../../queries/register/records-from-submission.ts';
import type { AppContext } from '../../context.ts';
import { genevaDate } from '../../domain/geneva-time.ts';
import { COMMUNICATION_TYPES } from '../../domain/reference.ts';
import { newReceiptCode, newSubmissionReference, SUBMISSION_STATUSES, type SubmissionStatus } from '../../domain/submission.ts';
import { AppError, isAppError } from '../../errors.ts';
import { intlTag, type Locale } from '../../i18n/locales.ts';
import { formatDate, translator } from '../../i18n/translate.ts';
import type { Principal } from '../../policies/principal.ts';
import { presentForSource, presentForStaff } from '../../presenters/submission-presenter.ts';
import { downloadSubmissionAttachment, getSourceView, getStaffSubmission, listInbox, revealSubmitter } from '../../queries/submission-views.ts';
import { accountLanguage, accountShell } from '../../web/account-shell.ts';
import { errorMessage } from '../../web/error-message.ts';
import { hrefWith, pageShell, siteHref, type PageLanguage, type SiteOptions } from '../../web/view-models.ts';
import { requirePrincipal } from '../guards.ts';
import { isOfficer } from '../../policies/surface-policy.ts';
import { htmlErrorHandler, requestLanguage, sendPrivateHtml } from '../html.ts';

type Body = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** Submissions from one address per hour: a person reporting sends a few; a script sends many. */
const SUBMIT_RATE = { max: 5, timeWindow: '1 hour' };
/** Status-page requests (code entry and every action on it) from one address per ten minutes. */
const FOLLOW_RATE = { max: 30, timeWindow: '10 minutes' };
/** Victims the form has room for; more are described in the circumstances or added later. */
const VICTIM_SLOTS = 3;
/** The honeypot field: hidden by the stylesheet (no script), left empty by people, filled by form robots. */
const HONEYPOT = 'website';

/** The files of a multipart request, collected as the parts arrive (see the multipart registration). */
const uploads = new WeakMap<FastifyRequest, IntakeFile[]>();

/** Errors of the multipart parser, as the catalogue's codes. */
function multipartError(err: unknown): AppError | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('ATTACHMENT_TOO_LARGE', 'a file is larger than the limit');
  if (code === 'FST_FILES_LIMIT') return new AppError('ATTACHMENT_TOO_MANY', 'too many files');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new AppError('PAYLOAD_TOO_LARGE', 'the form has too many parts');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_PROTO_VIOLATION') return new AppError('VALIDATION_FAILED', 'the form could not be read');
  return undefined;
}

/** Errors a page shows inside its form (the person can correct and send again); others get the error page. */
function isFormError(err: unknown): err is AppError {
  return isAppError(err) && err.status < 500 && !['NOT_FOUND', 'CSRF_INVALID', 'RATE_LIMITED', 'SIGN_IN_REQUIRED'].includes(err.code);
}

/**
 * The source's side (the public intake form, the receipt, the status page reached with the receipt code)
 * and the case officers' side (the submissions inbox, a submission, its attachments). Every page works
 * without JavaScript, also in Tor Browser at its safest setting: plain forms, the honeypot hidden by CSS,
 * rate limits by address. The receipt code travels only in POST bodies, never in a URL, so it stays out
 * of histories, logs and Referer headers; source pages are never stored by the browser.
 */
export function intakeRoutes(ctx: AppContext, site: SiteOptions): FastifyPluginAsync {
  return async (app) => {
    const htmlErrors = htmlErrorHandler(site);
    app.setErrorHandler((err, request, reply) => htmlErrors(multipartError(err) ?? err, request, reply));
    await app.register(rateLimit, { global: false, errorResponseBuilder: () => new AppError('RATE_LIMITED', 'too many requests from this address; wait and try again') });
    // Parsed before the CSRF check (which reads `_csrf` from the body); files stay in memory until a
    // command has checked them, and nothing is written for a refused request.
    await app.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: ctx.files.limits.maxFileBytes, files: ctx.files.limits.maxFilesPerOwner, fields: 100, fieldSize: 100_000, parts: 120, headerPairs: 100 },
      async onFile(this: FastifyRequest, part) {
        const bytes = await part.toBuffer();
        // A file input left empty still sends a part, with no name and no bytes.
        if (part.filename === '' && bytes.length === 0) return;
        const files = uploads.get(this) ?? [];
        files.push({ name: part.filename, bytes });
        uploads.set(this, files);
      },
    });

    /* ------------------------------------------------------------ the source's side */

    const publicShell = (request: FastifyRequest, titleKey: string, path: string) => {
      const language = requestLanguage(request);
      return { language, shell: pageShell(language, translator(language.lang)(titleKey), { path }, null, site) };
    };
    // Forms post to their page under the page's language prefix (even a language the browser chose): the
    // answer is in the language the form was read in. The code never goes in an address.
    const actionOf = (language: PageLanguage, path: string) => siteHref({ lang: language.lang, explicit: true }, path);

    const formPage = (request: FastifyRequest, reply: FastifyReply, values: IntakeValues, error: AppError | null, status = 200) => {
      const { language, shell } = publicShell(request, 'intake.title', '/submit');
      const states = ctx.ref
        .addressees()
        .filter((a) => a.kind === 'state')
        .map((a) => ({ value: a.code, label: ctx.ref.addresseeName(a.id, language.lang) ?? a.code }))
        .sort((a, b) => a.label.localeCompare(b.label, intlTag(language.lang)));
      return sendPrivateHtml(reply, shell, 'intake-form', {
        csrf: request.csrfToken(),
        action: actionOf(language, '/submit'),
        followHref: siteHref(language, '/follow'),
        error: error ? errorText(language.lang, error) : null,
        values,
        states: states.map((s) => ({ ...s, selected: s.value === values.country })),
        honeypot: HONEYPOT,
        maxMb: Math.floor(ctx.files.limits.maxFileBytes / (1024 * 1024)),
        maxFiles: ctx.files.limits.maxFilesPerOwner,
      }, status);
    };

    const receiptPage = (request: FastifyRequest, reply: FastifyReply, receipt: string, reference: string) => {
      const { language, shell } = publicShell(request, 'intake.receipt.title', '/submit');
      return sendPrivateHtml(reply, shell, 'intake-receipt', {
        receipt,
        reference,
        csrf: request.csrfToken(),
        followAction: actionOf(language, '/follow'),
      });
    };

    const codePage = (request: FastifyRequest, reply: FastifyReply, error: AppError | null, status = 200) => {
      const { language, shell } = publicShell(request, 'follow.title', '/follow');
      return sendPrivateHtml(reply, shell, 'follow-code', {
        csrf: request.csrfToken(),
        action: actionOf(language, '/follow'),
        error: error ? errorText(language.lang, error) : null,
      }, status);
    };

    const statusPage = async (request: FastifyRequest, reply: FastifyReply, source: Principal, code: string, extra: { notice?: string; error?: AppError } = {}, status = 200) => {
      const { language, shell } = publicShell(request, 'follow.status.title', '/follow');
      const t = translator(language.lang);
      const view = presentForSource(await getSourceView(ctx, source));
      return sendPrivateHtml(reply, shell, 'follow-status', {
        csrf: request.csrfToken(),
        code,
        actions: {
          add: actionOf(language, '/follow/add'),
          answer: actionOf(language, '/follow/answer'),
          withdraw: actionOf(language, '/follow/withdraw-consent'),
          refresh: actionOf(language, '/follow'),
        },
        notice: extra.notice ? t(extra.notice) : null,
        error: extra.error ? errorText(language.lang, extra.error) : null,
        reference: view.reference,
        status: t(`submissionStatus.${view.status}`),
        statusHelp: t(`follow.statusHelp.${view.status}`),
        received: formatDate(language.lang, genevaDate(new Date(view.receivedAt))),
        final: view.final,
        anyConsent: view.victims.some((v) => v.publishName),
        victims: view.victims,
        messages: view.messages.map((m) => ({ ...m, date: formatDate(language.lang, genevaDate(new Date(m.createdAt))) })),
        maxMb: Math.floor(ctx.files.limits.maxFileBytes / (1024 * 1024)),
      }, status);
    };

    /** Runs a source's action on the status page: the code is checked first, errors are shown on the page. */
    const asSource = async (request: FastifyRequest, reply: FastifyReply, run: (source: Principal, body: Body) => Promise<string>) => {
      const body = (request.body ?? {}) as Body;
      const code = str(body.code);
      let source: Principal;
      try {
        source = await followSubmission(ctx, code);
      } catch (err) {
        if (isAppError(err) && err.code === 'NOT_FOUND') return codePage(request, reply, err, 404);
        throw err;
      }
      try {
        const notice = await run(source, body);
        return statusPage(request, reply, source, code, { notice });
      } catch (err) {
        if (!isFormError(err)) throw err;
        return statusPage(request, reply, source, code, { error: err }, err.status);
      }
    };

    app.get('/submit', async (request, reply) => formPage(request, reply, emptyValues(), null));

    app.post('/submit', { config: { rateLimit: SUBMIT_RATE } }, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      const files = uploads.get(request) ?? [];
      if (str(body[HONEYPOT]).trim() !== '') {
        // A robot filled the field people never see: nothing is stored, and it is told nothing different.
        request.log.info('intake: honeypot filled; nothing stored');
        return receiptPage(request, reply, newReceiptCode(), newSubmissionReference());
      }
      const values = valuesOf(body);
      try {
        const result = await submitIntake(ctx, request.principal, inputOf(values, requestLanguage(request).lang), files);
        return receiptPage(request, reply, result.receipt, result.submission.reference);
      } catch (err) {
        if (!isFormError(err)) throw err;
        return formPage(request, reply, values, err, err.status);
      }
    });

    // Where status e-mails point: the status page is reached by entering the code.
    app.get('/intake/status', async (request, reply) => reply.redirect(siteHref(requestLanguage(request), '/follow'), 303));

    app.get('/follow', async (request, reply) => codePage(request, reply, null));

    app.post('/follow', { config: { rateLimit: FOLLOW_RATE } }, async (request, reply) => asSource(request, reply, async () => ''));

    app.post('/follow/add', { config: { rateLimit: FOLLOW_RATE } }, async (request, reply) =>
      asSource(request, reply, async (source, body) => {
        await addInformation(ctx, source, sourceId(source), { text: str(body.text) }, uploads.get(request) ?? []);
        return 'follow.added';
      }),
    );

    app.post('/follow/answer', { config: { rateLimit: FOLLOW_RATE } }, async (request, reply) =>
      asSource(request, reply, async (source, body) => {
        await answerQuestion(ctx, source, sourceId(source), { questionId: str(body.questionId), text: str(body.text) }, uploads.get(request) ?? []);
        return 'follow.answered';
      }),
    );

    app.post('/follow/withdraw-consent', { config: { rateLimit: FOLLOW_RATE } }, async (request, reply) =>
      asSource(request, reply, async (source, body) => {
        await withdrawConsent(ctx, source, sourceId(source), { victim: str(body.victim) });
        return 'follow.withdrawn';
      }),
    );

    /* ------------------------------------------------------------ the case officers' side */

    app.get('/staff/submissions', async (request, reply) => {
      const principal = requirePrincipal(request, isOfficer);
      const query = (request.query ?? {}) as Body;
      const status = (SUBMISSION_STATUSES as readonly string[]).includes(str(query.status)) ? (str(query.status) as SubmissionStatus) : undefined;
      const page = Number.parseInt(str(query.page), 10);
      const inbox = await listInbox(ctx, principal, { ...(status ? { status } : {}), page: Number.isFinite(page) ? page : 1 });
      const language = accountLanguage(request);
      const t = translator(language.lang);
      const pages = Math.max(1, Math.ceil((status ? inbox.counts[status] : inbox.total) / inbox.pageSize));
      return sendPrivateHtml(reply, accountShell(request, t('staffSubmissions.title'), '/staff/submissions', site), 'staff-submissions', {
        filters: [
          { label: t('staffSubmissions.all'), count: inbox.total, href: siteHref(language, '/staff/submissions'), current: status === undefined },
          ...SUBMISSION_STATUSES.map((s) => ({ label: t(`submissionStatus.${s}`), count: inbox.counts[s], href: siteHref(language, '/staff/submissions', { status: s }), current: s === status })),
        ],
        items: inbox.items.map((i) => ({
          href: siteHref(language, `/staff/submissions/${i.header.id}`),
          reference: i.header.reference,
          received: i.header.createdAt.slice(0, 16).replace('T', ' '),
          status: t(`submissionStatus.${i.header.status}`),
          country: i.header.countryCode ? (ctx.ref.addresseeName(i.header.countryCode, language.lang) ?? i.header.countryCode) : '',
          language: i.header.language,
          summary: i.summary,
          victims: i.victims,
          attachments: i.attachments,
          flagged: i.header.consentChangedAfterDraftAt !== null,
        })),
        previous: inbox.page > 1 ? siteHref(language, '/staff/submissions', { status, page: inbox.page - 1 }) : null,
        next: inbox.page < pages ? siteHref(language, '/staff/submissions', { status, page: inbox.page + 1 }) : null,
        pageLabel: t('staffSubmissions.page', { page: inbox.page, pages }),
      });
    });

    const staffPage = async (request: FastifyRequest, reply: FastifyReply, principal: Principal, id: string, extra: { error?: AppError; notice?: string; identity?: Awaited<ReturnType<typeof revealSubmitter>> } = {}, status = 200) => {
      const view = presentForStaff(await getStaffSubmission(ctx, principal, id));
      const language = accountLanguage(request);
      const t = translator(language.lang);
      const base = siteHref(language, `/staff/submissions/${view.header.id}`);
      const addressees = ctx.ref.addressees().map((a) => ({ value: a.code, label: ctx.ref.addresseeName(a.id, language.lang) ?? a.code, selected: a.code === view.header.countryCode }));
      return sendPrivateHtml(reply, accountShell(request, `${t('staffSubmission.title')} ${view.header.reference}`, '/staff/submissions', site), 'staff-submission', {
        csrf: request.csrfToken(),
        base,
        error: extra.error ? errorText(language.lang, extra.error) : null,
        notice: extra.notice ? t(extra.notice) : null,
        header: {
          ...view.header,
          statusLabel: t(`submissionStatus.${view.header.status}`),
          received: view.header.createdAt.slice(0, 16).replace('T', ' '),
          country: view.header.countryCode ? (ctx.ref.addresseeName(view.header.countryCode, language.lang) ?? view.header.countryCode) : '',
          draftHref: view.header.communicationId ? siteHref(language, `/staff/drafts/${view.header.communicationId}`) : null,
        },
        facts: view.facts,
        victims: view.victims,
        messages: view.messages.map((m) => ({ ...m, at: m.createdAt.slice(0, 16).replace('T', ' '), kindLabel: t(`staffSubmission.kind.${m.kind}`) })),
        notes: view.notes.map((n) => ({ ...n, at: n.createdAt.slice(0, 16).replace('T', ' ') })),
        records: (await recordsFromSubmission(ctx, principal, view.header.id)).map((r) => ({
          label: t('staffSubmission.record', { type: r.recordType, id: r.recordId.slice(0, 8) }),
          href: r.path ? siteHref(language, r.path) : null,
        })),
        attachments: view.attachments.map((a) => ({
          ...a,
          href: siteHref(language, `/staff/attachments/${a.id}`),
          originalHref: siteHref(language, `/staff/attachments/${a.id}`, { version: 'original' }),
        })),
        notifiable: view.notifiable,
        identity: extra.identity ?? null,
        statuses: SUBMISSION_STATUSES.filter((s) => s !== view.header.status).map((s) => ({ value: s, label: t(`submissionStatus.${s}`) })),
        types: COMMUNICATION_TYPES.map((ty) => ({ value: ty, label: t(`type.${ty}`) })),
        addressees,
        mandates: ctx.ref.mandates().map((m) => ({ value: m.slug, label: ctx.ref.mandateTitle(m.slug, language.lang) ?? m.slug })),
      }, status);
    };

    /** A case officer's form post on a submission: the command, then back to the page (or the page with the error). */
    const staffAction = (path: string, run: (principal: Principal, id: string, body: Body) => Promise<string>) =>
      app.post<{ Params: { id: string } }>(`/staff/submissions/:id/${path}`, async (request, reply) => {
        const principal = requirePrincipal(request, isOfficer);
        const body = (request.body ?? {}) as Body;
        try {
          const notice = await run(principal, request.params.id, body);
          return reply.redirect(hrefWith(`/staff/submissions/${encodeURIComponent(request.params.id)}`, { done: notice }), 303);
        } catch (err) {
          if (!isFormError(err)) throw err;
          return staffPage(request, reply, principal, request.params.id, { error: err }, err.status);
        }
      });

    app.get<{ Params: { id: string } }>('/staff/submissions/:id', async (request, reply) => {
      const principal = requirePrincipal(request, isOfficer);
      const done = str(((request.query ?? {}) as Body).done);
      const notice = ['status', 'message', 'note', 'draft'].includes(done) ? `staffSubmission.done.${done}` : undefined;
      return staffPage(request, reply, principal, request.params.id, notice ? { notice } : {});
    });

    // The identity is shown only on an explicit request, by POST (never prefetched, never a link to share),
    // and the read is audited before it is shown.
    app.post<{ Params: { id: string } }>('/staff/submissions/:id/identity', async (request, reply) => {
      const principal = requirePrincipal(request, isOfficer);
      const identity = await revealSubmitter(ctx, principal, request.params.id);
      return staffPage(request, reply, principal, request.params.id, { identity });
    });

    staffAction('status', async (principal, id, body) => {
      await changeSubmissionStatus(ctx, principal, id, { status: str(body.status), ...(str(body.version) ? { version: str(body.version) } : {}) });
      return 'status';
    });
    staffAction('message', async (principal, id, body) => {
      await messageSource(ctx, principal, id, { text: str(body.text), requestInformation: str(body.requestInformation) === 'yes' });
      return 'message';
    });
    staffAction('note', async (principal, id, body) => {
      await addSubmissionNote(ctx, principal, id, { text: str(body.text) });
      return 'note';
    });
    staffAction('draft', async (principal, id, body) => {
      await createDraftFromSubmission(ctx, principal, id, {
        type: str(body.type),
        addressee: str(body.addressee),
        mandates: list(body.mandates),
        language: str(body.language) || 'en',
        subject: str(body.subject),
      });
      return 'draft';
    });

    app.get<{ Params: { id: string }; Querystring: { version?: string } }>('/staff/attachments/:id', async (request, reply) => {
      const principal = requirePrincipal(request, isOfficer);
      const which = request.query.version === 'original' ? 'original' : 'cleaned';
      const { record, bytes } = await downloadSubmissionAttachment(ctx, principal, request.params.id, which);
      return reply
        .header('content-type', record.mediaType)
        .header('content-disposition', contentDisposition(record.displayName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'no-store')
        .send(bytes);
    });
  };
}

/** The submission of a source principal. */
function sourceId(p: Principal): string {
  return p.kind === 'source' ? p.submissionId : '';
}

/** The message of an error in the page's language, naming the field it is about, with its stable code. */
function errorText(lang: Locale, err: AppError): string {
  const t = translator(lang);
  const message = errorMessage(lang, err, (field) => (t(`intake.field.${field}`) !== `intake.field.${field}` ? `intake.field.${field}` : undefined));
  return `${message} ${t('error.code', { code: err.code })}`;
}

/** `attachment`, with the display name in ASCII and in full (RFC 6266); quotes and controls never pass. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** What the intake form holds, to show it again after an error. */
interface IntakeValues {
  victims: Array<{ n: number; name: string; details: string; publish: boolean }>;
  incidentDate: string;
  place: string;
  country: string;
  perpetrators: string;
  circumstances: string;
  domesticSteps: string;
  summary: string;
  name: string;
  organisation: string;
  relationship: string;
  email: string;
  phone: string;
  other: string;
}

function emptyValues(): IntakeValues {
  return valuesOf({});
}

function valuesOf(body: Body): IntakeValues {
  return {
    victims: Array.from({ length: VICTIM_SLOTS }, (_, i) => ({
      n: i + 1,
      name: str(body[`victim${i + 1}_name`]),
      details: str(body[`victim${i + 1}_details`]),
      publish: str(body[`victim${i + 1}_publish`]) === 'yes',
    })),
    incidentDate: str(body.incidentDate),
    place: str(body.place),
    country: str(body.country),
    perpetrators: str(body.perpetrators),
    circumstances: str(body.circumstances),
    domesticSteps: str(body.domesticSteps),
    summary: str(body.summary),
    name: str(body.name),
    organisation: str(body.organisation),
    relationship: str(body.relationship),
    email: str(body.email),
    phone: str(body.phone),
    other: str(body.other),
  };
}

/** The command's input from the form: empty victim slots are left out. */
function inputOf(v: IntakeValues, language: Locale) {
  return {
    language,
    submitter: { name: v.name, organisation: v.organisation, relationship: v.relationship, email: v.email.trim(), phone: v.phone, other: v.other },
    victims: v.victims.filter((x) => x.name.trim() !== '' || x.details.trim() !== '').map((x) => ({ name: x.name, details: x.details, publishName: x.publish })),
    incidentDate: v.incidentDate,
    place: v.place,
    ...(v.country.trim() ? { country: v.country } : {}),
    perpetrators: v.perpetrators,
    circumstances: v.circumstances,
    domesticSteps: v.domesticSteps,
    summary: v.summary,
  };
}
