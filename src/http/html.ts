import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { negotiateLocale, splitLocalePath } from '../i18n/locales.ts';
import { renderPage, type PageShell } from '../web/render-page.ts';
import { errorView, hrefWith, pageShell, type PageLanguage, type SiteOptions } from '../web/view-models.ts';
import { toAppError } from './error-handler.ts';
import { pathLanguage } from './language-prefix.ts';

/**
 * Language of a request: the path prefix (`/fr/…`), else `?lang=` (a GET with it is redirected to the
 * prefix first, so this is a form's POST or the API), else `Accept-Language`, else English. The first two
 * are explicit: the page's links then carry the prefix.
 */
export function requestLanguage(request: FastifyRequest): PageLanguage {
  const prefix = pathLanguage(request);
  if (prefix) return { lang: prefix, explicit: true };
  const query = request.query as Record<string, unknown> | undefined;
  return negotiateLocale(query?.lang, request.headers['accept-language']);
}

/** Sends an HTML page: the language it speaks, and that it varies with `Accept-Language`. */
export function sendHtml(reply: FastifyReply, lang: string, html: string, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-language', lang)
    .header('vary', 'Accept-Language')
    // A retracted letter must leave caches at once: pages may be stored, but are revalidated each time.
    .header('cache-control', 'no-cache')
    .send(html);
}

/** Sends a page of a signed-in person: never stored by a browser or a proxy (shared computers, back button). */
export function sendPrivateHtml(reply: FastifyReply, shell: PageShell, template: string, view: object, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-language', shell.lang)
    .header('cache-control', 'no-store')
    .send(renderPage(template, shell, view));
}

/**
 * The error handler of a group of HTML pages: an error page in the visitor's language with the code, never
 * a stack trace; a request that needs a session is sent to the sign-in page (then back where it was going).
 */
export function htmlErrorHandler(site: SiteOptions) {
  return (err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(err);
    if (appError.code === 'INTERNAL') request.log.error({ err }, 'unhandled error');
    if (appError.code === 'SIGN_IN_REQUIRED' && request.method === 'GET') {
      // `request.url` is the address without its language prefix; the redirect keeps the prefix, and so
      // does the one after signing in (see language-prefix.ts).
      return reply.redirect(hrefWith('/sign-in', { next: safeNext(request.url) }), 303);
    }
    const language = requestLanguage(request);
    const view = errorView(language, appError);
    // The error page links to the home page in other languages, never to the address asked for.
    const shell = pageShell(language, view.heading, { path: '/' }, null, site);
    shell.alternates = null;
    return sendHtml(reply, language.lang, renderPage('error', shell, view), view.status);
  };
}

/**
 * A path to return to after signing in: only a path of this site, never another origin, and never the
 * sign-in pages themselves (under a language prefix or not).
 */
export function safeNext(next: unknown): string | undefined {
  if (typeof next !== 'string' || next.length > 500) return undefined;
  if (!/^\/(?![/\\])[^\s]*$/.test(next)) return undefined;
  const path = splitLocalePath(next)?.rest ?? next;
  return path.startsWith('/sign-in') ? undefined : next;
}

/** The error thrown when a page needs a signed-in account. */
export function signInRequired(): AppError {
  return new AppError('SIGN_IN_REQUIRED', 'please sign in');
}
