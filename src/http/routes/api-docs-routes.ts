import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.ts';
import { apiDocsView } from '../../api/api-docs-view.ts';
import { openApiDocument } from '../../api/openapi.ts';
import { LOCALE_CODES } from '../../i18n/locales.ts';
import { renderPage } from '../../web/render-page.ts';
import { hrefWith, pageShell, type SiteOptions } from '../../web/view-models.ts';
import { htmlErrorHandler, requestLanguage, sendHtml } from '../html.ts';
import { apiHeaders } from './api-routes.ts';

/**
 * The API's documentation: its OpenAPI 3.1 document (`GET /api/v1/openapi.json`), generated from the zod
 * schemas that validate the requests, and a page that shows it (`GET /api`), server-rendered from the same
 * document. The page takes no language prefix (no API address does): its language is `?lang=` or
 * `Accept-Language`, and its switcher links `?lang=`.
 */
export function apiDocsRoutes(ctx: AppContext, site: SiteOptions = {}): FastifyPluginAsync {
  const options: SiteOptions = { publication: ctx.settings.publication, ...site };
  return async (app) => {
    app.get('/api/v1/openapi.json', async (request, reply) => {
      apiHeaders(reply, requestLanguage(request).lang);
      return openApiDocument();
    });

    await app.register(async (page) => {
      page.setErrorHandler(htmlErrorHandler(options));
      page.get('/api', async (request, reply) => {
        const language = requestLanguage(request);
        const shell = pageShell(language, '', { path: '/api' }, null, options);
        const view = apiDocsView(openApiDocument(), shell.t);
        shell.title = view.heading;
        shell.languages = LOCALE_CODES.map((code) => ({ ...shell.languages.find((l) => l.code === code)!, href: hrefWith('/api', { lang: code }) }));
        shell.alternates = [...LOCALE_CODES.map((code) => ({ hreflang: code as string, href: hrefWith('/api', { lang: code }) })), { hreflang: 'x-default', href: '/api' }];
        return sendHtml(reply, language.lang, renderPage('api-docs', shell, view));
      });
    });
  };
}
