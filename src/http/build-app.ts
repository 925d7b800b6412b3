import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { errorHandler } from './error-handler.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { apiRoutes } from './routes/api-routes.ts';
import { publicRoutes } from './routes/public-routes.ts';

/** Options of {@link buildApp}. */
export interface AppOptions {
  /** The server's pino logger; without one (tests) Fastify logs nothing. */
  logger?: Logger;
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
  /** Demo mode: pages say that the data are a demonstration. */
  demo?: boolean;
}

/**
 * The HTTP application, without listening: tests drive it with `inject()`, `serve` listens. Route groups
 * are registered as separate encapsulated plugins, so what one group decorates the others cannot reach.
 */
export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    bodyLimit: options.bodyLimit ?? 1_048_576,
    trustProxy: false,
    return503OnClosing: true,
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((_req, reply) => errorHandler(new AppError('NOT_FOUND', 'no such page'), _req, reply));
  await app.register(healthRoutes(ctx));
  await app.register(publicRoutes(ctx, { demo: options.demo === true }));
  await app.register(apiRoutes(ctx));
  return app;
}
