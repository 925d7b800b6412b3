import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.ts';
import { PUBLIC } from '../../policies/principal.ts';
import { findAddressee, findMandate, getAddresseeStatistics, getMandateStatistics, getPublicStatistics } from '../../queries/public-statistics.ts';
import { searchPublicCommunications } from '../../queries/search-public-communications.ts';
import { addresseePath, addresseeView, mandatePath, mandateView, statisticsView } from '../../stats/statistics-views.ts';
import { renderPage } from '../../web/render-page.ts';
import { pageShell, type SiteOptions } from '../../web/view-models.ts';
import { htmlErrorHandler, requestLanguage, sendHtml } from '../html.ts';

/**
 * The statistics pages: the figures of the whole public database (`GET /statistics`), of one addressee
 * (`GET /addressees/KAZ`) and of one mandate (`GET /mandates/sr-torture`), each chart followed by its table.
 * An addressee or mandate the reference data does not know is the site's 404 page; a known one without any
 * published letter is a page that says so. Published communications only: the figures come from the
 * public database.
 */
export function statisticsRoutes(ctx: AppContext, site: SiteOptions = {}): FastifyPluginAsync {
  return async (app) => {
    app.setErrorHandler(htmlErrorHandler(site));

    app.get('/statistics', async (request, reply) => {
      const language = requestLanguage(request);
      const view = statisticsView(language, await getPublicStatistics(ctx, PUBLIC, language.lang));
      const shell = pageShell(language, view.heading, { path: '/statistics' }, 'statistics', site);
      return sendHtml(reply, language.lang, renderPage('statistics', shell, view));
    });

    app.get<{ Params: { code: string } }>('/addressees/:code', async (request, reply) => {
      const language = requestLanguage(request);
      const a = findAddressee(ctx, request.params.code);
      // `kaz` and the like: one address per addressee (a redirect keeps the language prefix).
      if (a.id !== request.params.code) return reply.redirect(addresseePath(a.id), 301);
      const data = await getAddresseeStatistics(ctx, PUBLIC, a.id, language.lang);
      const latest = await searchPublicCommunications(ctx, PUBLIC, { addressee: a.id }, language.lang);
      const view = addresseeView(language, data, latest);
      const shell = pageShell(language, view.heading, { path: addresseePath(a.id) }, null, site);
      return sendHtml(reply, language.lang, renderPage('addressee', shell, view));
    });

    app.get<{ Params: { slug: string } }>('/mandates/:slug', async (request, reply) => {
      const language = requestLanguage(request);
      const m = findMandate(ctx, request.params.slug);
      if (m.slug !== request.params.slug) return reply.redirect(mandatePath(m.slug), 301);
      const data = await getMandateStatistics(ctx, PUBLIC, m.slug, language.lang);
      const latest = await searchPublicCommunications(ctx, PUBLIC, { mandate: m.slug }, language.lang);
      const view = mandateView(language, data, latest);
      const shell = pageShell(language, view.heading, { path: mandatePath(m.slug) }, null, site);
      return sendHtml(reply, language.lang, renderPage('mandate', shell, view));
    });
  };
}
