import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { PUBLIC } from '../../policies/principal.ts';
import { listPublishedCommunications } from '../../queries/list-published-communications.ts';
import { presentPublicCommunication } from '../../presenters/communication-presenter.ts';
import { getPublishedCommunication, notFound } from '../../queries/get-published-communication.ts';
import { requestLanguage } from '../html.ts';

/** Headers of every public API answer: open to any origin (it is public data), names vary by language. */
function apiHeaders(reply: FastifyReply, lang: string): FastifyReply {
  return reply
    .header('access-control-allow-origin', '*')
    .header('content-language', lang)
    .header('vary', 'Accept-Language')
    .header('cache-control', 'no-cache');
}

/**
 * The public JSON API, version 1: published communications only, in their public projection.
 * `GET /api/v1/communications` takes the same filters as the site (`addressee mandate year type replyStatus
 * page limit`, `limit` ≤ 100) and answers `{ total, page, limit, items }`; `GET /api/v1/communications/:slug`
 * answers one communication. Errors are the error handler's JSON body; a missing, unpublished or malformed
 * reference is the same 404.
 */
export function apiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/api/v1/communications', async (request, reply) => {
      const { lang } = requestLanguage(request);
      const { total, page, limit, items } = await listPublishedCommunications(ctx, PUBLIC, request.query, lang);
      apiHeaders(reply, lang);
      return { total, page, limit, items };
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
