import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { localePath, negotiateLocale, splitLocalePath, type Locale } from '../i18n/locales.ts';

/**
 * The language as a path prefix: `/fr/communications/AL-KAZ-1-2022` is the page of
 * `/communications/AL-KAZ-1-2022` in French. The prefix is taken off before routing (so every route answers
 * under every prefix without being registered six times) and read back from the request's original URL.
 */

/**
 * Fastify's `rewriteUrl`: the address without its language prefix. `/fr` alone is routed as `/` (the hook
 * below sends it to `/fr/`).
 */
export function stripLanguagePrefix(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const split = splitLocalePath(url);
  if (!split) return url;
  return split.rest.startsWith('/') ? split.rest : `/${split.rest}`;
}

/** The language named by the prefix of the address the request came to, if any. */
export function pathLanguage(request: FastifyRequest): Locale | undefined {
  return splitLocalePath(request.originalUrl)?.lang;
}

/**
 * Where a GET or HEAD should go instead, if anywhere: `/fr` → `/fr/`, and an old link with `?lang=fr` →
 * the same page under `/fr/` without `lang` (the path prefix then says it). An address with a prefix keeps
 * it: the prefix wins over `?lang=`.
 *
 * @example canonicalLanguageUrl('/communications/AL-KAZ-1-2022?lang=fr') // '/fr/communications/AL-KAZ-1-2022'
 */
export function canonicalLanguageUrl(originalUrl: string): string | undefined {
  const split = splitLocalePath(originalUrl);
  if (split) return split.rest === '' || split.rest.startsWith('?') ? `/${split.lang}/${split.rest}` : undefined;
  const q = originalUrl.indexOf('?');
  if (q < 0) return undefined;
  const path = originalUrl.slice(0, q);
  const params = new URLSearchParams(originalUrl.slice(q + 1));
  const asked = params.getAll('lang');
  const chosen = asked.length === 1 ? negotiateLocale(asked[0], undefined) : undefined;
  if (!chosen?.explicit) return undefined;
  const prefixed = localePath(chosen.lang, path);
  // The API and static files take no prefix: their `?lang=` stays a parameter.
  if (prefixed === path) return undefined;
  params.delete('lang');
  const query = params.toString();
  return query ? `${prefixed}?${query}` : prefixed;
}

/**
 * The hooks of the language prefix, for the root instance: old `?lang=` links and `/fr` are redirected
 * (301, GET and HEAD only: a form's POST is answered where it was sent), and every redirect of a request
 * that came under a prefix stays under it (`/fr/sign-in` → `/fr/sign-in/code`, `/fr/staff` →
 * `/fr/sign-in?next=…`), so that a route's redirect never needs to know the prefix.
 */
export function languagePrefixHooks(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const target = canonicalLanguageUrl(request.originalUrl);
    if (target) return reply.redirect(target, 301);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const location = reply.getHeader('location');
    const lang = typeof location === 'string' ? pathLanguage(request) : undefined;
    if (lang && typeof location === 'string') reply.header('location', localePath(lang, location));
    return payload;
  });
}
