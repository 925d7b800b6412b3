import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.ts';
import { genevaDate } from '../../domain/geneva-time.ts';
import { registerCsvChunks, registerJsonChunks } from '../../exports/register-export.ts';
import { textStream } from '../../exports/text-stream.ts';
import { isOfficer } from '../../policies/surface-policy.ts';
import { exportRegister } from '../../queries/register/export-register.ts';
import type { SiteOptions } from '../../web/view-models.ts';
import { requirePrincipal } from '../guards.ts';
import { htmlErrorHandler } from '../html.ts';

const TYPES = { csv: 'text/csv; charset=utf-8; header=present', json: 'application/json; charset=utf-8' } as const;

/**
 * Exports of the case register for staff: `GET /staff/register/export.csv?what=…` and
 * `/staff/register/export.json?what=…`, `what` one of persons, acts, detentions, disappearances, events,
 * figures. Case officers only (the register policy's `export`); any other account gets the 404 page, the
 * public the sign-in page. Each field is as the exporter may see it, the restricted classes the file holds
 * are audited as read before its first byte, and the file is streamed a batch at a time, never stored by a
 * browser or a proxy.
 */
export function registerExportRoutes(ctx: AppContext, site: SiteOptions): FastifyPluginAsync {
  return async (app) => {
    app.setErrorHandler(htmlErrorHandler(site));

    for (const format of ['csv', 'json'] as const) {
      app.get(`/staff/register/export.${format}`, async (request, reply) => {
        const principal = requirePrincipal(request, isOfficer);
        // Validated, authorized, audited and its first batch read before the first byte: errors keep their status.
        const exported = await exportRegister(ctx, principal, request.query);
        const chunks = format === 'csv' ? registerCsvChunks(exported) : registerJsonChunks(exported);
        return reply
          .header('content-type', TYPES[format])
          .header('content-disposition', `attachment; filename="register-${exported.what}-${genevaDate(ctx.clock.now())}.${format}"`)
          .header('cache-control', 'no-store')
          .send(textStream(chunks));
      });
    }
  };
}
