import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { checkSession, type SessionInfo } from '../accounts/check-session.ts';
import { newToken } from '../accounts/tokens.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { PUBLIC, type Principal } from '../policies/principal.ts';

/**
 * The session cookie. `__Host-` binds it to this host and path `/` over HTTPS (browsers also accept it on
 * `http://localhost`); HttpOnly keeps it from scripts; SameSite=Lax keeps it off cross-site form posts while
 * links from a notification e-mail still open the workspace.
 */
export const SESSION_COOKIE = '__Host-rapporteur-session';
/** The cookie that binds the CSRF token of forms filled before signing in (sign-in, the source's form). */
export const FORM_COOKIE = '__Host-rapporteur-form';
const COOKIE_OPTIONS = { path: '/', secure: true, httpOnly: true, sameSite: 'lax' } as const;

declare module 'fastify' {
  interface FastifyRequest {
    /** The live session of the request (any stage), or null. */
    session: SessionInfo | null;
    /** Who is acting: the signed-in account (full stage only), else the public. */
    principal: Principal;
    /** The CSRF token forms of this page carry in `_csrf`. */
    csrfToken: () => string;
  }
}

/** Methods that change state: each needs the CSRF token of the session (or of the form cookie). */
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Reads the session cookie on every request, sets `request.session` and `request.principal`, and checks
 * the CSRF token of every state-changing request. The token is an HMAC of the session token (or, before
 * signing in, of a random form cookie) under a key derived from the installation's field key: bound to the
 * session, nothing stored, and a token from another session or installation never matches.
 */
export const sessionPlugin = (ctx: AppContext) =>
  fp(async (app) => {
    const tokenFor = csrfTokens(ctx);

    await app.register(cookie);
    app.decorateRequest('session', null);
    // Set by the hook below on every request (Fastify forbids an object as a decorator's shared default).
    app.decorateRequest('principal', null as never);
    app.decorateRequest('csrfToken', function csrfToken(this: FastifyRequest) {
      return '';
    });

    app.addHook('onRequest', async (request, reply) => {
      const sessionToken = request.cookies[SESSION_COOKIE];
      const session = await checkSession(ctx, sessionToken);
      request.session = session;
      request.principal = session?.stage === 'full' ? session.principal : PUBLIC;
      let formSecret = request.cookies[FORM_COOKIE];
      request.csrfToken = () => {
        if (session && sessionToken) return tokenFor('s', sessionToken);
        if (!formSecret || formSecret.length > 100) {
          formSecret = newToken();
          void reply.setCookie(FORM_COOKIE, formSecret, COOKIE_OPTIONS);
        }
        return tokenFor('f', formSecret);
      };
    });

    app.addHook('preHandler', async (request) => {
      // An address with no route answers 404 whatever the method: nothing there could change.
      if (!UNSAFE.has(request.method) || request.routeOptions.url === undefined) return;
      const body = request.body as Record<string, unknown> | undefined;
      const given = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? headerToken(request);
      const sessionToken = request.session ? request.cookies[SESSION_COOKIE] : undefined;
      const formSecret = request.cookies[FORM_COOKIE];
      const expected = sessionToken ? tokenFor('s', sessionToken) : formSecret && formSecret.length <= 100 ? tokenFor('f', formSecret) : undefined;
      if (!given || !expected || !equal(given, expected)) throw new AppError('CSRF_INVALID', 'the form has expired; reload the page and try again');
    });
  });

/**
 * The CSRF token function of an installation: `(kind, secret)` → token, where kind `s` binds a session token
 * and `f` a form cookie. Exported for tests that post as a signed-in user.
 */
export function csrfTokens(ctx: AppContext): (kind: 's' | 'f', secret: string) => string {
  const csrfKey = Buffer.from(hkdfSync('sha256', ctx.keys.field.key, Buffer.alloc(0), 'rapporteur csrf v1', 32));
  return (kind, secret) => createHmac('sha256', csrfKey).update(`${kind}:${secret}`).digest('base64url');
}

function headerToken(request: FastifyRequest): string | undefined {
  const h = request.headers['x-csrf-token'];
  return typeof h === 'string' ? h : undefined;
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Sets the session cookie after sign-in (a new token at every change of stage). */
export function setSessionCookie(reply: FastifyReply, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, COOKIE_OPTIONS);
}

/** Removes the session cookie (sign-out, ended session). */
export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'lax' });
}
