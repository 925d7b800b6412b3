import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.ts';
import { PUBLIC } from '../../policies/principal.ts';
import {
  getAddresseeStatistics,
  getMandateStatistics,
  getPublicStatistics,
  listAddresseeStatistics,
  listMandateStatistics,
} from '../../queries/public-statistics.ts';
import { apiHeaders } from './api-routes.ts';
import { requestLanguage } from '../html.ts';

/**
 * The statistics of the public JSON API, version 1 — the same figures as the statistics pages:
 * `GET /api/v1/statistics` (everything), `GET /api/v1/addressees` (addressees of at least one published
 * letter, with their figures) and `GET /api/v1/addressees/KAZ`, `GET /api/v1/mandates` (every mandate) and
 * `GET /api/v1/mandates/sr-torture`. Shares are fractions rounded to four decimals, null where there is
 * nothing to divide. Names are in the language of `Accept-Language`. An unknown addressee or mandate is
 * the API's 404.
 */
export function statisticsApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/api/v1/statistics', async (request, reply) => {
      const { lang } = requestLanguage(request);
      const statistics = await getPublicStatistics(ctx, PUBLIC, lang);
      apiHeaders(reply, lang);
      return statistics;
    });

    app.get('/api/v1/addressees', async (request, reply) => {
      const { lang } = requestLanguage(request);
      const items = await listAddresseeStatistics(ctx, PUBLIC, lang);
      apiHeaders(reply, lang);
      return { total: items.length, items };
    });

    app.get<{ Params: { code: string } }>('/api/v1/addressees/:code', async (request, reply) => {
      const { lang } = requestLanguage(request);
      const { addressee, statistics } = await getAddresseeStatistics(ctx, PUBLIC, request.params.code, lang);
      apiHeaders(reply, lang);
      return { ...addressee, statistics };
    });

    app.get('/api/v1/mandates', async (request, reply) => {
      const { lang } = requestLanguage(request);
      const items = await listMandateStatistics(ctx, PUBLIC, lang);
      apiHeaders(reply, lang);
      return { total: items.length, items };
    });

    app.get<{ Params: { slug: string } }>('/api/v1/mandates/:slug', async (request, reply) => {
      const { lang } = requestLanguage(request);
      const { mandate, statistics } = await getMandateStatistics(ctx, PUBLIC, request.params.slug, lang);
      apiHeaders(reply, lang);
      return { ...mandate, statistics };
    });
  };
}
