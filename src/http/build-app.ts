import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import type { Logger } from 'pino';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { errorHandler } from './error-handler.ts';
import { htmlErrorHandler } from './html.ts';
import { languagePrefixHooks, stripLanguagePrefix } from './language-prefix.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { apiRoutes } from './routes/api-routes.ts';
import { apiDocsRoutes } from './routes/api-docs-routes.ts';
import { openDataRoutes } from './routes/open-data-routes.ts';
import { publicRoutes } from './routes/public-routes.ts';
import { reportRoutes } from './routes/report-routes.ts';
import { accountRoutes } from './routes/account-routes.ts';
import { intakeRoutes } from './routes/intake-routes.ts';
import { governmentRoutes } from './routes/government-routes.ts';
import { replyReviewRoutes } from './routes/reply-review-routes.ts';
import { staffRoutes } from './routes/staff-routes.ts';
import { registerRoutes } from './routes/register-routes.ts';
import { registerFormRoutes } from './routes/register-form-routes.ts';
import { registerImportRoutes } from './routes/register-import-routes.ts';
import { registerExportRoutes } from './routes/register-export-routes.ts';
import { inquiryRoutes } from './routes/inquiry-routes.ts';
import { statisticsApiRoutes } from './routes/statistics-api-routes.ts';
import { statisticsRoutes } from './routes/statistics-routes.ts';
import { sessionPlugin } from './session-plugin.ts';

/** A route as registered: its method and URL pattern (`/communications/:slug`). */
export interface RegisteredRoute {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The routes of the application, in the order they were registered. */
    registeredRoutes: readonly RegisteredRoute[];
  }
}

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
  const site = { demo: options.demo === true, publication: ctx.settings.publication };
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    bodyLimit: options.bodyLimit ?? 1_048_576,
    trustProxy: false,
    return503OnClosing: true,
    // `/fr/…`, `/ar/…`: the language prefix is taken off before routing; the request keeps its original URL.
    rewriteUrl: stripLanguagePrefix,
    // An address the framework cannot route (percent escapes that are not UTF-8): our 400, as a page or JSON.
    frameworkErrors: (_err, request, reply) => {
      const error = new AppError('VALIDATION_FAILED', 'the address is not valid', { field: 'url' });
      if (request.url.startsWith('/api/')) return errorHandler(error, request, reply);
      return htmlErrorHandler(site)(error, request, reply);
    },
  });
  // Every route as registered, for the route × role matrix test: a route missing from its table fails it.
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
  });
  app.decorate('registeredRoutes', routes);
  languagePrefixHooks(app);
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
  // Forms post `application/x-www-form-urlencoded`, so that every form works without JavaScript.
  await app.register(formbody, { bodyLimit: options.bodyLimit ?? 1_048_576 });
  await app.register(sessionPlugin(ctx));
  await app.register(healthRoutes(ctx));
  // Before the groups whose catch-alls (`/*`, `/api/*`) answer every other address.
  await app.register(statisticsRoutes(ctx, site));
  await app.register(statisticsApiRoutes(ctx));
  await app.register(reportRoutes(ctx, site));
  await app.register(openDataRoutes(ctx));
  await app.register(apiDocsRoutes(ctx, site));
  await app.register(publicRoutes(ctx, { demo: options.demo === true }));
  await app.register(accountRoutes(ctx, site));
  await app.register(intakeRoutes(ctx, site));
  await app.register(governmentRoutes(ctx, site));
  await app.register(replyReviewRoutes(ctx, site));
  await app.register(staffRoutes(ctx, site));
  await app.register(registerRoutes(ctx, site));
  await app.register(registerFormRoutes(ctx, site));
  await app.register(registerImportRoutes(ctx, site));
  await app.register(registerExportRoutes(ctx, site));
  await app.register(inquiryRoutes(ctx, site));
  await app.register(apiRoutes(ctx));
  return app;
}
