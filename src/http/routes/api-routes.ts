import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import { siteOrigin } from '../../api/site-origin.ts';
import { AppError } from '../../errors.ts';
import { PUBLIC } from '../../policies/principal.ts';
import { presentPublicCommunication } from '../../presenters/communication-presenter.ts';
import { getPublishedCommunication, notFound } from '../../queries/get-published-communication.ts';
import { searchPublicCommunications } from '../../queries/search-public-communications.ts';
import { requestLanguage } from '../html.ts';

/**
 * Headers of every public API answer: open to any origin (it is public data), with the headers a script may
 * read (the next page, an export's count and file name), names varying by language.
 */
export function apiHeaders(reply: FastifyReply, lang: string): FastifyReply {
  return reply
    .header('access-control-allow-origin', '*')
    .header('access-control-expose-headers', 'link, x-total-count, content-disposition')
    .header('content-language', lang)
    .header('vary', 'Accept-Language')
    .header('cache-control', 'no-cache');
}

/** The address of the next page of a search: the same request with the cursor of the next page. */
function nextPageUrl(request: FastifyRequest, cursor: string): string {
  const url = new URL(request.url, siteOrigin(request));
  url.searchParams.delete('page');
  url.searchParams.set('cursor', cursor);
  return url.toString();
}

/**
 * The public JSON API, version 1: published communications only, in their public projection (its
 * OpenAPI document is served at `/api/v1/openapi.json`).
 * `GET /api/v1/communications` takes the site's search parameters (`q addressee mandate type joint year from
 * to reply session sort cursor limit`, `limit` ≤ 100) and answers `{ total, limit, next, facets, items,
 * links }`: `next` is the cursor of the following page (null on the last), `links.next` its address.
 * `GET /api/v1/communications/:slug` answers one communication with its replies. Errors are the error
 * handler's JSON body; a missing, unpublished or malformed reference is the same 404.
 */
export function apiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/api/v1/communications', async (request, reply) => {
      const { lang } = requestLanguage(request);
      const { total, limit, next, facets, items } = await searchPublicCommunications(ctx, PUBLIC, request.query, lang);
      const nextUrl = next === null ? null : nextPageUrl(request, next);
      apiHeaders(reply, lang);
      if (nextUrl) reply.header('link', `<${nextUrl}>; rel="next"`);
      return { total, limit, next, facets, items, links: { next: nextUrl } };
    });

    app.get<{ Params: { slug: string } }>('/api/v1/communications/:slug', async (request, reply) => {
      const { lang } = requestLanguage(request);
      const c = presentPublicCommunication(await getPublishedCommunication(ctx, request.params.slug), ctx.ref, lang);
      if (!c) throw notFound();
      apiHeaders(reply, lang);
      return c;
    });

    // Any other address under /api answers in JSON, not with the site's HTML page.
    app.get('/api/*', async () => {
      throw new AppError('NOT_FOUND', 'no such resource');
    });
  };
}
