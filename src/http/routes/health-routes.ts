import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../context.ts';
import { pingStore } from '../../db/repositories/health-repository.ts';

/** `GET /healthz`: 200 when the store answers, 503 when it does not (for load balancers and monitors). */
export function healthRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/healthz', async (_request, reply) => {
      try {
        await pingStore(ctx.store.db);
        return { status: 'ok', store: ctx.store.dialect };
      } catch {
        return reply.status(503).send({ status: 'unavailable' });
      }
    });
  };
}
