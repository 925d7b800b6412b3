import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { answerInquiry } from '../../commands/register/answer-inquiry.ts';
import { INQUIRY_STATUSES, newInquiryReference, submitInquiry, type InquiryStatus } from '../../commands/register/submit-inquiry.ts';
import type { AppContext } from '../../context.ts';
import { AppError, isAppError } from '../../errors.ts';
import type { Locale } from '../../i18n/locales.ts';
import { translator } from '../../i18n/translate.ts';
import type { Principal } from '../../policies/principal.ts';
import { isOfficer } from '../../policies/surface-policy.ts';
import { getInquiry, listInquiries } from '../../queries/register/inquiry-views.ts';
import { accountLanguage, accountShell } from '../../web/account-shell.ts';
import { errorMessage } from '../../web/error-message.ts';
import {
  INQUIRY_HONEYPOT,
  inquiryFieldLabel,
  inquiryFormField,
  inquiryFormValues,
  inquiryInputOf,
  MAX_OTHER_NAMES,
  relationOptions,
  type InquiryFormValues,
} from '../../web/inquiries/inquiry-form.ts';
import { inquiryListView, inquiryPageView, type AnswerFormValues } from '../../web/inquiries/staff-inquiry-view.ts';
import { hrefWith, pageShell, siteHref, type SiteOptions } from '../../web/view-models.ts';
import { requirePrincipal } from '../guards.ts';
import { htmlErrorHandler, requestLanguage, sendPrivateHtml } from '../html.ts';

type Body = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Inquiries from one address per hour, as for the intake form: a family asks a few times; a script asks many. */
const INQUIRY_RATE = { max: 5, timeWindow: '1 hour' };
/** The public form's address. */
const FORM_PATH = '/inquiries/new';

/** Errors a page shows inside its form (the person can correct and send again); others get the error page. */
function isFormError(err: unknown): err is AppError {
  return isAppError(err) && err.status < 500 && !['NOT_FOUND', 'RATE_LIMITED', 'SIGN_IN_REQUIRED'].includes(err.code);
}

/** The message of an error in the page's language, naming the field it is about, with its stable code. */
function errorText(lang: Locale, err: AppError, label: (field: string) => string | undefined): string {
  const t = translator(lang);
  return `${errorMessage(lang, err, label)} ${t('error.code', { code: err.code })}`;
}

/**
 * Whereabouts inquiries. The public side: a relative or counsel asks about a person with a plain form (no
 * script, honeypot hidden by CSS, rate-limited by address, in the intake form's languages, Arabic right to
 * left) and gets a receipt with a reference that opens nothing; the answer to the form is the same whether
 * or not the register knows the person, and nothing of the register is ever shown there. The staff side
 * (case officers only; everyone else gets the 404 of a missing page): the list, one inquiry with the
 * candidate records that may be the person, and the form that records what staff decided to tell the
 * inquirer and how — the system itself never tells the inquirer anything.
 */
export function inquiryRoutes(ctx: AppContext, site: SiteOptions): FastifyPluginAsync {
  return async (app) => {
    const htmlErrors = htmlErrorHandler(site);
    app.setErrorHandler((err, request, reply) => {
      // A public form whose token expired is shown again with what was typed: a family member who took an
      // hour to write should not lose it. Nothing was written (the check runs before the handler).
      if (isAppError(err) && err.code === 'CSRF_INVALID' && request.method === 'POST' && request.routeOptions.url === FORM_PATH) {
        return formPage(request, reply, inquiryFormValues((request.body ?? {}) as Body), err, err.status);
      }
      return htmlErrors(err, request, reply);
    });
    await app.register(rateLimit, { global: false, errorResponseBuilder: () => new AppError('RATE_LIMITED', 'too many requests from this address; wait and try again') });

    /* ------------------------------------------------------------ the public side */

    const publicShell = (request: FastifyRequest, titleKey: string) => {
      const language = requestLanguage(request);
      return { language, shell: pageShell(language, translator(language.lang)(titleKey), { path: FORM_PATH }, null, site) };
    };

    function formPage(request: FastifyRequest, reply: FastifyReply, values: InquiryFormValues, error: AppError | null, status = 200): FastifyReply {
      const { language, shell } = publicShell(request, 'inquiry.title');
      const field = error ? inquiryFormField(str(error.details?.field)) : undefined;
      return sendPrivateHtml(
        reply,
        shell,
        'inquiry-form',
        {
          csrf: request.csrfToken(),
          // The post goes to the page's language prefix, so that the answer is in the language the form was read in.
          action: siteHref({ lang: language.lang, explicit: true }, FORM_PATH),
          error: error ? errorText(language.lang, error, (f) => {
            const name = inquiryFormField(f);
            return name ? inquiryFieldLabel(name) : undefined;
          }) : null,
          invalid: field ?? null,
          values,
          relations: relationOptions(shell.t, values.relation),
          maxOtherNames: MAX_OTHER_NAMES,
          honeypot: INQUIRY_HONEYPOT,
          intakeHref: siteHref(language, '/submit'),
        },
        status,
      );
    }

    const receiptPage = (request: FastifyRequest, reply: FastifyReply, reference: string) => {
      const { shell } = publicShell(request, 'inquiry.receipt.title');
      return sendPrivateHtml(reply, shell, 'inquiry-receipt', { reference });
    };

    app.get(FORM_PATH, async (request, reply) => formPage(request, reply, inquiryFormValues(), null));

    app.post(FORM_PATH, { config: { rateLimit: INQUIRY_RATE } }, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      if (str(body[INQUIRY_HONEYPOT]).trim() !== '') {
        // A robot filled the field people never see: nothing is stored, and it is told nothing different.
        request.log.info('inquiry: honeypot filled; nothing stored');
        return receiptPage(request, reply, newInquiryReference());
      }
      const values = inquiryFormValues(body);
      try {
        const { reference } = await submitInquiry(ctx, request.principal, inquiryInputOf(values, requestLanguage(request).lang));
        return receiptPage(request, reply, reference);
      } catch (err) {
        if (!isFormError(err)) throw err;
        return formPage(request, reply, values, err, err.status);
      }
    });

    /* ------------------------------------------------------------ the case officers' side */

    app.get('/staff/inquiries', async (request, reply) => {
      const principal = requirePrincipal(request, isOfficer);
      const query = (request.query ?? {}) as Body;
      const status = (INQUIRY_STATUSES as readonly string[]).includes(str(query.status)) ? (str(query.status) as InquiryStatus) : undefined;
      const page = Number.parseInt(str(query.page), 10);
      const list = await listInquiries(ctx, principal, { ...(status ? { status } : {}), page: Number.isFinite(page) ? page : 1 });
      const language = accountLanguage(request);
      const t = translator(language.lang);
      return sendPrivateHtml(reply, accountShell(request, t('inquiry.staff.title'), '/staff/inquiries', site), 'inquiry-list', inquiryListView(language, list, status));
    });

    const staffPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      principal: Principal,
      id: string,
      extra: { error?: AppError; notice?: string; values?: AnswerFormValues } = {},
      status = 200,
    ) => {
      const inquiry = await getInquiry(ctx, principal, id);
      const language = accountLanguage(request);
      const t = translator(language.lang);
      const error = extra.error
        ? errorText(language.lang, extra.error, (f) => (['answer', 'channel', 'personId', 'status', 'version'].includes(f) ? `inquiry.answer.field.${f}` : undefined))
        : null;
      const view = inquiryPageView(language, inquiry, {
        csrf: request.csrfToken(),
        error,
        notice: extra.notice ? t(extra.notice) : null,
        ...(extra.values ? { values: extra.values } : {}),
      });
      return sendPrivateHtml(reply, accountShell(request, `${t('inquiry.staff.inquiry')} ${inquiry.reference}`, '/staff/inquiries', site), 'inquiry-page', view, status);
    };

    app.get<{ Params: { id: string } }>('/staff/inquiries/:id', async (request, reply) => {
      const principal = requirePrincipal(request, isOfficer);
      const done = str(((request.query ?? {}) as Body).done);
      const notice = done === 'answered' || done === 'closed' ? `inquiry.staff.done.${done}` : undefined;
      return staffPage(request, reply, principal, request.params.id, notice ? { notice } : {});
    });

    app.post<{ Params: { id: string } }>('/staff/inquiries/:id/answer', async (request, reply) => {
      const principal = requirePrincipal(request, isOfficer);
      const body = (request.body ?? {}) as Body;
      const values: AnswerFormValues = { answer: str(body.answer), channel: str(body.channel), personId: str(body.personId), status: str(body.status) };
      try {
        await answerInquiry(ctx, principal, request.params.id, {
          version: Number.parseInt(str(body.version), 10),
          answer: values.answer,
          channel: values.channel,
          personId: values.personId === '' ? null : values.personId,
          status: values.status,
        });
        return reply.redirect(hrefWith(`/staff/inquiries/${encodeURIComponent(request.params.id)}`, { done: values.status }), 303);
      } catch (err) {
        if (!isFormError(err)) throw err;
        return staffPage(request, reply, principal, request.params.id, { error: err, values }, err.status);
      }
    });
  };
}
