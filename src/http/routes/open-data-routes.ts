import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { LICENCE_LINK_HEADER } from '../../api/data-licence.ts';
import { siteOrigin } from '../../api/site-origin.ts';
import type { PublicRow } from '../../db/repositories/public-repository.ts';
import { genevaDate } from '../../domain/geneva-time.ts';
import { atomFeed, FEED_SIZE } from '../../exports/atom-feed.ts';
import { exportItemOf } from '../../exports/export-item.ts';
import { publicDumpLines } from '../../exports/public-dump.ts';
import { csvChunks, exportQuery, jsonChunks, selectionRows } from '../../exports/search-export.ts';
import { robotsTxt, sitemapIndex, sitemapPart, sitemapParts } from '../../exports/sitemap.ts';
import { textStream } from '../../exports/text-stream.ts';
import { PUBLIC } from '../../policies/principal.ts';
import { publicCount, recentPublicChanges } from '../../queries/public-open-data.ts';
import { selectPublic } from '../../queries/search-public-communications.ts';
import { requestLanguage } from '../html.ts';
import { apiHeaders } from './api-routes.ts';

/** The site's own pages a sitemap lists, when the site has them. */
const SITE_PAGES = ['/', '/statistics', '/reports', '/reports/sessions', '/api'] as const;

/**
 * The open data of the public database: exports of any search (`/api/v1/export.csv`, `/api/v1/export.json`
 * — the search's filters, every row they select), the full dump (`/api/v1/dump.jsonl`), the Atom feed of
 * what was published or corrected last (`/feed.atom`), the sitemap and `robots.txt`. All read the public
 * database only; the downloads are streamed a batch at a time, in bounded memory, and state their licence.
 */
export function openDataRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    /** The headers of a download: its type, its file name with today's date, its licence. */
    const download = (reply: FastifyReply, lang: string, type: string, name: string, extension: string) =>
      apiHeaders(reply, lang)
        .header('content-type', type)
        .header('content-disposition', `attachment; filename="${name}-${genevaDate(ctx.clock.now())}.${extension}"`)
        .header('link', LICENCE_LINK_HEADER);

    for (const format of ['csv', 'json'] as const) {
      app.get(`/api/v1/export.${format}`, async (request, reply) => {
        const { lang } = requestLanguage(request);
        // Validated, authorized and selected before the first byte: a bad filter is still a 400 with its code.
        const selection = await selectPublic(ctx, PUBLIC, exportQuery(request.query));
        const origin = siteOrigin(request);
        const present = (row: PublicRow) => exportItemOf(row, ctx.ref, lang, origin);
        const rows = selectionRows(ctx, selection);
        download(reply, lang, format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8', 'communications', format);
        reply.header('x-total-count', String(selection.rows.length));
        return reply.send(textStream(format === 'csv' ? csvChunks(rows, present) : jsonChunks(rows, present)));
      });
    }

    app.get('/api/v1/dump.jsonl', async (_request, reply) => {
      const lines = publicDumpLines(ctx, PUBLIC);
      download(reply, 'en', 'application/x-ndjson; charset=utf-8', 'rapporteur-public-communications', 'jsonl');
      return reply.send(textStream(lines));
    });

    app.get('/feed.atom', async (request, reply) => {
      const language = requestLanguage(request);
      const rows = await recentPublicChanges(ctx, PUBLIC, FEED_SIZE);
      const xml = atomFeed({ origin: siteOrigin(request), language, rows, now: ctx.clock.now().toISOString() });
      return reply
        .header('content-type', 'application/atom+xml; charset=utf-8')
        .header('content-language', language.lang)
        .header('vary', 'Accept-Language')
        .header('cache-control', 'no-cache')
        .header('link', LICENCE_LINK_HEADER)
        .send(xml);
    });

    /** The site's pages that exist in this application, for the sitemap. */
    const sitePages = () => {
      const registered = new Set(app.registeredRoutes.filter((r) => r.method === 'GET').map((r) => r.url));
      return SITE_PAGES.filter((p) => registered.has(p));
    };

    const sendXml = (reply: FastifyReply, body: string | ReturnType<typeof textStream>) =>
      reply.header('content-type', 'application/xml; charset=utf-8').header('cache-control', 'no-cache').send(body);

    app.get('/sitemap.xml', async (request, reply) => {
      const origin = siteOrigin(request);
      const parts = sitemapParts(await publicCount(ctx, PUBLIC));
      if (parts > 1) return sendXml(reply, sitemapIndex(origin, parts));
      return sendXml(reply, textStream(sitemapPart(ctx.store.db, origin, 1, sitePages())));
    });

    app.get<{ Params: { part: string } }>('/sitemaps/:part', async (request, reply) => {
      const match = /^([1-9]\d{0,5})\.xml$/.exec(request.params.part);
      const part = match ? Number(match[1]) : 0;
      const total = await publicCount(ctx, PUBLIC);
      if (part < 1 || part > sitemapParts(total)) throw new AppError('NOT_FOUND', 'no such sitemap');
      return sendXml(reply, textStream(sitemapPart(ctx.store.db, siteOrigin(request), part, sitePages())));
    });

    app.get('/robots.txt', async (request, reply) => {
      return reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(robotsTxt(siteOrigin(request)));
    });
  };
}
