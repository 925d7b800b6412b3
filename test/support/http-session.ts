import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../src/context.ts';
import { csrfTokens, SESSION_COOKIE } from '../../src/http/session-plugin.ts';

/** Requests as one signed-in person: the session cookie on every request, the CSRF token on every form. */
export interface Browser {
  get(url: string): Promise<LightMyRequestResponse>;
  /** Posts a form (urlencoded) with the session's CSRF token unless `_csrf` is given. */
  post(url: string, form?: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  cookie: string;
  csrf: string;
}

/** A browser holding the session token `sessionToken` (from test/support/accounts.ts). */
export function browserFor(app: FastifyInstance, ctx: AppContext, sessionToken: string): Browser {
  const cookie = `${SESSION_COOKIE}=${sessionToken}`;
  const csrf = csrfTokens(ctx)('s', sessionToken);
  const inject = (options: InjectOptions) => app.inject({ ...options, headers: { cookie, ...(options.headers ?? {}) } });
  return {
    cookie,
    csrf,
    inject,
    get: (url) => inject({ method: 'GET', url }),
    post: (url, form = {}) => inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrf, ...form }) }),
  };
}

/** URL-encodes a form, repeating keys for arrays. */
export function formBody(form: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
}
