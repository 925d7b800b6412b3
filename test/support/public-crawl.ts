import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../src/context.ts';
import { LOCALE_CODES, localePath } from '../../src/i18n/locales.ts';
import { extract, squash } from './pdf-text.ts';

/**
 * The public surface of the application as a visitor without a session finds it: every registered GET
 * route, its path parameters filled from the public records, classified by asking it. Tests that must cover
 * every public output (sentinels, bad input, page types) start from here, so that a route added later is
 * covered without anyone listing it.
 */

/** Values to try for path parameters, by parameter name (`slug`, `code`, `number`, `*`…). */
export type ParamPool = Record<string, readonly string[]>;

const unique = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/**
 * The values of the public records that public addresses take: the slugs of published letters and of the
 * mandates that signed them, the addressees written to (States by code, others by id), the sessions whose
 * reports list them; the first sitemap file, a link token that was never issued, and a missing page for
 * the catch-alls (`*`). A parameter whose name is not here is tried with every value.
 */
export async function publicParamPool(ctx: AppContext): Promise<Record<string, string[]>> {
  const rows = await ctx.store.db.selectFrom('public_communications').select(['slug', 'addressee_code', 'addressee_id', 'mandates', 'session']).execute();
  return {
    slug: unique([...rows.map((r) => r.slug), ...rows.flatMap((r) => JSON.parse(r.mandates) as string[])]),
    code: unique(rows.map((r) => (r.addressee_code === 'OTH' ? r.addressee_id : r.addressee_code))),
    number: unique(rows.flatMap((r) => (r.session === null ? [] : [String(r.session)]))),
    part: ['1.xml'],
    token: ['not-a-link-token-that-was-issued'],
    '*': ['no-such-page'],
  };
}

/** The names of the path parameters of a route pattern, in order (`*` for a catch-all). */
export function paramNames(url: string): string[] {
  return [...url.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
}

/** A route pattern with its parameters replaced by the values given (URL-encoded unless `raw`). */
export function fillPath(url: string, values: readonly string[], raw = false): string {
  let i = 0;
  return url.replace(/:(\w+)|\*/g, () => {
    const v = values[i++] ?? '';
    return raw ? v : encodeURIComponent(v);
  });
}

/** Every concrete path of a route pattern with values from the pool (a parameter not in it takes every value). */
export function pathsOf(url: string, pool: ParamPool): string[] {
  const all = unique(Object.entries(pool).flatMap(([k, v]) => (k === '*' ? [] : v)));
  let combos: string[][] = [[]];
  for (const name of paramNames(url)) {
    const values = pool[name] ?? all;
    combos = combos.flatMap((c) => values.map((v) => [...c, v]));
  }
  return combos.map((c) => fillPath(url, c));
}

/** True for the answer of a page that needs a session: a redirect to the sign-in page. */
export function isSignInRedirect(res: LightMyRequestResponse): boolean {
  return res.statusCode >= 300 && res.statusCode < 400 && String(res.headers.location ?? '').startsWith('/sign-in');
}

/** A GET route as a visitor without a session finds it. */
export interface RouteProbe {
  url: string;
  /**
   * `public`: at least one filled path answers something other than a 404 (or it is a catch-all, whose
   * answer is the 404 page); `sign-in`: it sends the visitor to sign in; `unanswered`: every path tried was a
   * 404 — a route needing values the pool lacks, to be added to {@link publicParamPool}.
   */
  kind: 'public' | 'sign-in' | 'unanswered';
  catchAll: boolean;
  /** Every path tried. */
  paths: string[];
  /** The paths that answered other than 404. */
  answered: string[];
}

/** Asks every registered GET route, without a session, on every path the pool gives it. */
export async function probeGetRoutes(app: FastifyInstance, pool: ParamPool): Promise<RouteProbe[]> {
  const probes: RouteProbe[] = [];
  for (const { method, url } of app.registeredRoutes) {
    if (method !== 'GET') continue;
    const catchAll = url.includes('*');
    const paths = pathsOf(url, pool);
    const answered: string[] = [];
    let signIn = false;
    for (const path of paths) {
      const res = await app.inject({ method: 'GET', url: path });
      if (isSignInRedirect(res)) signIn = true;
      else if (res.statusCode !== 404) answered.push(path);
    }
    const kind = signIn ? 'sign-in' : catchAll || answered.length > 0 ? 'public' : 'unanswered';
    probes.push({ url, kind, catchAll, paths, answered });
  }
  return probes;
}

/** A request of the crawl: a path and, for addresses without a language prefix (the API), the language asked. */
export interface Visit {
  url: string;
  lang?: string;
}

/**
 * A path in every language: as it is, and under each language's prefix — or, for the addresses that take
 * none (the API, static files), with that language in `Accept-Language`.
 */
export function languageVariants(path: string): Visit[] {
  const out: Visit[] = [{ url: path }];
  for (const lang of LOCALE_CODES) out.push({ url: localePath(lang, path), lang });
  return out;
}

/** A path with query parameters added. */
export function withQuery(path: string, params: Record<string, string>): string {
  const q = new URLSearchParams(params).toString();
  return q ? `${path}${path.includes('?') ? '&' : '?'}${q}` : path;
}

/** An answer as a reader finds it: the text of the body (of each page for a PDF) and every header. */
export interface Fetched extends Visit {
  status: number;
  contentType: string;
  headers: string;
  /** The body as text; a PDF's extracted text and metadata. */
  text: string;
  location?: string;
}

const isPdf = (res: LightMyRequestResponse) =>
  String(res.headers['content-type'] ?? '').startsWith('application/pdf') || res.rawPayload.subarray(0, 5).toString('latin1') === '%PDF-';

/** Requests a visit without a session and reads its answer as text (a PDF's text is extracted with pdfjs). */
export async function fetchText(app: FastifyInstance, visit: Visit): Promise<Fetched> {
  const res = await app.inject({ method: 'GET', url: visit.url, headers: visit.lang ? { 'accept-language': visit.lang } : {} });
  let text = res.body;
  if (isPdf(res) && res.statusCode === 200) {
    const { pages, info } = await extract(res.rawPayload);
    // Words broken across lines are found too: the text is given also without any white space.
    const all = [...pages.map((p) => p.text), ...Object.values(info).map((v) => squash(String(v)))].join('\n');
    text = `${all}\n${all.replace(/\s+/g, '')}`;
  }
  const location = res.headers.location === undefined ? undefined : String(res.headers.location);
  return { ...visit, status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), headers: JSON.stringify(res.headers), text, ...(location ? { location } : {}) };
}

/**
 * The addresses of this site that an answer links to: `href`, `src` and `action` attributes, sitemap
 * `<loc>`s, and URLs in JSON or text, absolute ones kept only for the host the requests go to.
 */
export function linksOf(f: Fetched): string[] {
  const found = new Set<string>();
  const add = (raw: string) => {
    const value = raw.replace(/&amp;/g, '&');
    let url: URL;
    try {
      url = new URL(value, 'http://localhost');
    } catch {
      return;
    }
    if (url.host !== 'localhost' && url.host !== 'localhost:80') return;
    if (!value.startsWith('/') && !/^https?:\/\/localhost(?::80)?\//.test(value)) return;
    found.add(url.pathname + url.search);
  };
  for (const m of f.text.matchAll(/\s(?:href|src|action)="([^"]*)"/g)) add(m[1]!);
  for (const m of f.text.matchAll(/<loc>([^<]*)<\/loc>/g)) add(m[1]!);
  for (const m of f.text.matchAll(/https?:\/\/localhost(?::80)?\/[^\s"'<>,]*/g)) add(m[0]);
  if (f.location) add(f.location);
  return [...found];
}
