import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { translator } from '../../i18n/translate.ts';
import { PUBLIC } from '../../policies/principal.ts';
import { presentPublicCommunication } from '../../presenters/communication-presenter.ts';
import { getPublishedCommunication, lettersSharingEvents, notFound } from '../../queries/get-published-communication.ts';
import { relatedLettersView } from '../../web/related-letters-view.ts';
import { searchPublicCommunications } from '../../queries/search-public-communications.ts';
import { followedByView, relatedView, searchView } from '../../web/search-view.ts';
import { LETTER_CSS, renderLetterHtml } from '../../letters/render/render-letter-html.ts';
import { renderLetterPdf } from '../../letters/render/render-letter-pdf.ts';
import { composePublishedLetter } from '../../queries/compose-communication-letter.ts';
import { renderPage, STYLESHEET } from '../../web/render-page.ts';
import {
  communicationPath,
  communicationView,
  pageShell,
  siteHref,
  type SiteOptions,
} from '../../web/view-models.ts';
import { htmlErrorHandler, requestLanguage, sendHtml } from '../html.ts';

/**
 * The public site: the list of published communications (`GET /`), one communication
 * (`GET /communications/AL-KAZ-1-2022`), the stylesheet, and an HTML page for every error in this group,
 * including any other address (`GET /*`). Everything works without JavaScript; there is none. In demo mode
 * every page carries a banner saying so.
 */
export function publicRoutes(ctx: AppContext, options: SiteOptions = {}): FastifyPluginAsync {
  const site: SiteOptions = { publication: ctx.settings.publication, ...options };
  return async (app) => {
    app.setErrorHandler(htmlErrorHandler(site));

    app.get('/static/app.css', async (_request, reply) => {
      return reply
        .header('content-type', 'text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(STYLESHEET.body);
    });

    app.get('/', async (request, reply) => {
      const language = requestLanguage(request);
      const result = await searchPublicCommunications(ctx, PUBLIC, request.query, language.lang);
      const view = searchView(ctx.ref, language, result);
      const shell = pageShell(language, translator(language.lang)('home.title'), { path: '/', params: view.params }, 'communications', site);
      return sendHtml(reply, language.lang, renderPage('home', shell, view));
    });

    app.get<{ Params: { slug: string } }>('/communications/:slug', async (request, reply) => {
      const language = requestLanguage(request);
      const c = presentPublicCommunication(await getPublishedCommunication(ctx, request.params.slug), ctx.ref, language.lang);
      if (!c) throw notFound();
      if (c.slug && c.slug !== request.params.slug) {
        // `al-kaz-1-2022` and the like: one address per letter.
        return reply.redirect(siteHref(language, communicationPath(c.slug)), 301);
      }
      const sameAddressee = await searchPublicCommunications(ctx, PUBLIC, { addressee: c.addressee.code === 'OTH' ? undefined : c.addressee.code, limit: 6 }, language.lang);
      const view = {
        ...communicationView(ctx.ref, language, c),
        followedBy: followedByView(language, c.followedBy),
        related: c.addressee.code === 'OTH' ? null : relatedView(language, sameAddressee, c.reference, c.addressee.code, c.addressee.name ?? c.addressee.code),
        relatedByEvents: relatedLettersView(language, await lettersSharingEvents(ctx, c.slug ?? '')),
      };
      const shell = pageShell(language, `${c.reference} — ${c.subject}`, { path: communicationPath(c.slug ?? '') }, null, site);
      return sendHtml(reply, language.lang, renderPage('communication', shell, view));
    });

    app.get('/static/letter.css', async (_request, reply) => {
      return reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(LETTER_CSS);
    });

    // The public version of the letter as the Government received it, names withheld where the victims chose.
    app.get<{ Params: { slug: string } }>('/communications/:slug/letter', async (request, reply) => {
      const { letter } = await composePublishedLetter(ctx, request.params.slug);
      return sendHtml(reply, letter.language, renderLetterHtml(letter, { stylesheetHref: '/static/letter.css' }));
    });

    app.get<{ Params: { slug: string } }>('/communications/:slug/letter.pdf', async (request, reply) => {
      const { communication, letter } = await composePublishedLetter(ctx, request.params.slug);
      const pdf = await renderLetterPdf(letter, { creationDate: new Date(communication.publishedAt ?? communication.sentAt ?? 0) });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${request.params.slug.toUpperCase()}.pdf"`)
        .header('cache-control', 'no-cache')
        .send(pdf);
    });

    app.get('/*', async () => {
      throw new AppError('NOT_FOUND', 'no such page');
    });
  };
}
