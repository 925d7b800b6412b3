import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { openApiDocument } from '../../src/api/openapi.ts';
import { publishDue } from '../../src/commands/publish-due.ts';
import { recordReply } from '../../src/commands/record-reply.ts';
import type { AppContext } from '../../src/context.ts';
import { ERRORS, type ErrorCode } from '../../src/errors.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { translator } from '../../src/i18n/translate.ts';
import { SYSTEM } from '../../src/policies/principal.ts';
import { publicSearchSchema } from '../../src/queries/search-public-communications.ts';
import { fillPath, paramNames, probeGetRoutes, publicParamPool, type RouteProbe } from '../support/public-crawl.ts';
import { storeDigest } from '../support/snapshot.ts';
import { testContext } from '../support/stores.ts';
import { OFFICER, sendNew } from '../support/workflow.ts';

/**
 * Bad input on the public side: for every public GET route (found in the registered routes, whatever was
 * added since), arbitrary query strings — keys among the parameters the site and the API know, values
 * from huge and negative numbers to unicode, `%00`, repeated keys, very long strings, broken cursors and
 * base64, impossible dates and unknown facet values — and arbitrary path parameters (malformed references,
 * `..%2F`, huge strings). Every answer is a success, a redirect within the site, or a 400, 404 or 410
 * carrying a stable error code (the JSON body's `code`, the HTML page's code); never a 500; and nothing is
 * written. One store (SQLite): what is tested is the validation in front of the queries.
 */

/** Property runs per route: enough to meet each kind of value several times, few enough for a minute in all. */
const RUNS = 40;

/** The statuses a public route may answer anything with. */
const ALLOWED = (status: number) => (status >= 200 && status < 400) || status === 400 || status === 404 || status === 410;

/** Percent-encodes any text (a lone surrogate becomes U+FFFD first: it has no UTF-8 form). */
const enc = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

/** Values sent as they are, already encoded or deliberately malformed. */
const RAW_FRAGMENTS = ['%00', '%', '%zz', '%E0%A4%A', '%FF%FE', '%C0%AE', '..%2F..%2F', '%2E%2E', '&', '=', '%26q%3D1', '+', '%20%20', '%0A%0D'];

/** Text-like values, encoded. */
const textValue = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 300, maxLength: 6000 }),
  fc.constantFrom('\u0000', 'Ａ', 'ق', '٣', '𝟘', '\u202e', '"', '"unclosed', '*', 'a*', '-', '--x', 'OR', 'A OR', '""', '()', '<script>', "' or 1=1 --"),
);

/** Numbers of every size and form, encoded. */
const numberValue = fc.oneof(
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.double().map(String),
  fc.constantFrom('1e309', '-1', '0', '-0', '0x10', '1.5', '+3', ' 5 ', '١٢', 'NaN', 'Infinity', '9'.repeat(400)),
);

/** Dates valid, impossible and malformed. */
const dateValue = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 12000 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom('2022-02-30', '2022-02-29', '2024-02-29', '2022-13-01', '2022-1-1', '20220118', '2022-01-18T00:00:00Z', '-2022-01-01', '0000-00-00'),
);

/** Cursors: base64 and base64url of anything, of JSON of the right and wrong shapes, and not base64 at all. */
const cursorValue = fc.oneof(
  fc.base64String({ maxLength: 80 }),
  fc.json({ maxDepth: 2 }).map((j) => Buffer.from(j).toString('base64url')),
  fc
    .tuple(fc.constantFrom('newest', 'oldest', 'x', ''), fc.oneof(fc.string(), fc.integer()), fc.oneof(fc.string({ maxLength: 60 }), fc.constant(null)))
    .map((t) => Buffer.from(JSON.stringify(t)).toString('base64url')),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.constantFrom('====', 'a', '-_-_', 'eyJ', 'W10', 'x'.repeat(500)),
);

/** Values that the filters know, and values of the right kind that nothing has (unknown facet values). */
const filterValue = fc.constantFrom(
  'KAZ', 'BRA', 'kaz', 'ZZZ', 'OTH', 'oth-unknown', 'wgad', 'sr-assembly', 'sr-nothing', 'AL', 'UA', 'OL', 'XX', 'al',
  'true', 'false', 'maybe', '2022', '1979', '3000', '50', '17', '1000', 'replied', 'replied_late', 'none', 'later',
  'newest', 'oldest', 'random', '1', '20', '100', '101', '5000', '5001', 'detention', '"peaceful assembly"', 'detain*', 'd*',
  '-detention', 'KAZ OR BRA', 'en', 'fr', 'ar', 'zz', 'original', '1.xml',
);

/** One encoded value of a query parameter. */
const queryValue = fc.oneof(
  { arbitrary: filterValue.map(enc), weight: 4 },
  { arbitrary: numberValue.map(enc), weight: 2 },
  { arbitrary: dateValue.map(enc), weight: 2 },
  { arbitrary: cursorValue.map(enc), weight: 2 },
  { arbitrary: textValue.map(enc), weight: 2 },
  { arbitrary: fc.constantFrom(...RAW_FRAGMENTS), weight: 1 },
);

/** A query string over known parameter names (and a few unknown or odd ones), keys possibly repeated. */
function queryString(names: readonly string[]) {
  const key = fc.oneof(
    { arbitrary: fc.constantFrom(...names), weight: 8 },
    { arbitrary: fc.string({ maxLength: 12 }).map(enc), weight: 1 },
    { arbitrary: fc.constantFrom('__proto__', 'constructor', 'q[]', 'a[b]', '', 'lang', '%00', 'Q', 'LIMIT'), weight: 1 },
  );
  const pair = fc.tuple(key, fc.option(queryValue, { freq: 10 }));
  return fc.tuple(fc.array(pair, { maxLength: 6 }), fc.boolean()).map(([pairs, repeat]) => {
    const all = repeat && pairs.length > 0 ? [...pairs, pairs[0]!] : pairs;
    return all.map(([k, v]) => (v === null ? k : `${k}=${v}`)).join('&');
  });
}

/** A path segment: a value the public records hold, or a malformed one. */
function segment(valid: readonly string[]) {
  const bad = fc.oneof(
    fc.constantFrom(
      'AL-XXX-0-0', 'AL-KAZ-0-2022', 'al-kaz-1-2022', 'XX-KAZ-1-2022', 'AL-KAZ-99999-9999', 'AL-KAZ-1-2022.pdf', 'AL KAZ 1/2022',
      '-1', '0', '99999999999999999999', '1e309', 'NaN', '0.xml', '9999999.xml', 'index.xml', '.', '..', 'kaz', 'WGAD',
    ).map(enc),
    fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '..%2F', '%2E%2E%2F', '%00', '%E0%A4%A', '%', '%C0%AE', '%2F', '%5C..%5C'),
    fc.string({ unit: 'grapheme', maxLength: 40 }).map(enc),
    fc.string({ unit: 'grapheme-ascii', minLength: 101, maxLength: 3000 }).map(enc),
    fc.stringMatching(/^[A-Z]{2}-[A-Z]{3}-\d{1,6}-\d{1,5}$/),
  );
  return valid.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...valid.map(enc)), weight: 3 }, { arbitrary: bad, weight: 2 }) : bad;
}

/** The path of a route: each parameter a segment, under a language prefix or not (a wrong one too). */
function pathOf(route: RouteProbe, pool: Record<string, string[]>) {
  const segments = paramNames(route.url).map((name) => segment(pool[name] ?? []));
  return fc
    .tuple(fc.oneof({ arbitrary: fc.constant(''), weight: 6 }, { arbitrary: fc.constantFrom('/fr', '/ar', '/xx', '/FR'), weight: 1 }), fc.tuple(...segments))
    .map(([prefix, values]) => `${prefix}${fillPath(route.url, values, true)}`);
}

/** The error code an answer carries, if any: the JSON body's, or the HTML page's (its 404 page has its title). */
function errorCodeOf(res: LightMyRequestResponse): string | undefined {
  const type = String(res.headers['content-type'] ?? '');
  if (type.startsWith('application/json')) {
    const body = JSON.parse(res.body) as { error?: { code?: string } };
    return body.error?.code;
  }
  if (type.startsWith('text/html')) {
    const lang = /<html lang="([^"]+)"/.exec(res.body)?.[1] ?? 'en';
    const t = translator(lang);
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    if (res.statusCode === 404 && res.body.includes(escape(t('error.title.404')))) return 'NOT_FOUND';
    return (Object.keys(ERRORS) as ErrorCode[]).find((code) => ERRORS[code].status === res.statusCode && res.body.includes(escape(t('error.code', { code }))));
  }
  return undefined;
}

/** Checks one answer; returns what is wrong with it, if anything. */
function problemWith(res: LightMyRequestResponse, url: string): string | undefined {
  const where = `GET ${url.length > 300 ? `${url.slice(0, 300)}…` : url} → ${res.statusCode}`;
  if (!ALLOWED(res.statusCode)) return `${where} ${res.body.slice(0, 500)}`;
  if (res.statusCode >= 300 && res.statusCode < 400) {
    const location = String(res.headers.location ?? '');
    if (!/^\/(?![/\\])/.test(location)) return `${where}: redirects outside the site, to "${location}"`;
  }
  if (res.statusCode >= 400) {
    const code = errorCodeOf(res);
    if (code === undefined) return `${where}: no error code in the body (${String(res.headers['content-type'])}) ${res.body.slice(0, 300)}`;
    if (ERRORS[code as ErrorCode]?.status !== res.statusCode) return `${where}: code ${code} does not go with this status`;
  }
  return undefined;
}

describe('public routes answer bad input with 400, 404 or 410 and a code, never a 500, and write nothing', () => {
  let ctx: AppContext;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let pool: Record<string, string[]>;
  let routes: RouteProbe[] = [];
  let names: string[] = [];
  /** How often each route answered each status. */
  const seen: Record<string, Record<number, number>> = {};

  before(async () => {
    const t = await testContext('sqlite', '2022-01-18T08:00:00Z');
    ({ ctx, close } = t);
    const joint = await sendNew(ctx, { type: 'AL', addressee: 'KAZ', mandates: ['sr-assembly', 'wgad'], subject: 'Detention of peaceful protesters' });
    await sendNew(ctx, { type: 'UA', addressee: 'BRA', mandates: ['sr-expression'], subject: 'Threats against a journalist' });
    await sendNew(ctx, { type: 'OL', addressee: 'KAZ', mandates: ['sr-terrorism'], subject: 'Draft law on extremism' });
    t.clock.advanceDays(30);
    await recordReply(ctx, OFFICER, joint.id, { receivedOn: '2022-02-17', kind: 'substantive', language: 'ru', summary: 'The Government replied.' });
    t.clock.advanceDays(31);
    await publishDue(ctx, SYSTEM);
    app = await buildApp(ctx);
    pool = await publicParamPool(ctx);
    routes = (await probeGetRoutes(app, pool)).filter((p) => p.kind === 'public');
    // The parameters known: the search's, the API's (from its OpenAPI document), the language, and every
    // field name and link parameter of the public pages themselves.
    const known = new Set<string>([...Object.keys(publicSearchSchema.shape), 'lang']);
    const doc = openApiDocument();
    for (const path of Object.values(doc.paths)) {
      for (const p of path.get.parameters) {
        const param = '$ref' in p ? doc.components.parameters[p.$ref.split('/').pop()!] : p;
        if (param?.in === 'query') known.add(param.name);
      }
    }
    for (const route of routes) {
      const res = await app.inject({ method: 'GET', url: route.answered[0] ?? route.paths[0]! });
      for (const m of res.body.matchAll(/<(?:input|select|textarea)\b[^>]*\sname="([^"]+)"/g)) known.add(m[1]!);
      for (const m of res.body.matchAll(/[?&](?:amp;)?([A-Za-z_][\w-]*)=/g)) known.add(m[1]!);
    }
    names = [...known].sort();
  });
  after(async () => {
    await app?.close();
    await close();
  });

  it('finds the public routes and the parameters they take', () => {
    const urls = routes.map((r) => r.url);
    for (const url of ['/', '/communications/:slug', '/api/v1/communications', '/api/v1/communications/:slug', '/*', '/api/*']) assert.ok(urls.includes(url), url);
    for (const name of ['q', 'addressee', 'mandate', 'type', 'joint', 'year', 'from', 'to', 'reply', 'session', 'sort', 'page', 'cursor', 'limit', 'lang']) {
      assert.ok(names.includes(name), name);
    }
  });

  it('answers every route, whatever its query and path, with a code and without writing', async (t) => {
    for (const route of routes) {
      await t.test(`GET ${route.url}`, async () => {
        const before = await storeDigest(ctx);
        await fc.assert(
          fc.asyncProperty(pathOf(route, pool), queryString(names), async (path, query) => {
            const url = query ? `${path}?${query}` : path;
            const res = await app.inject({ method: 'GET', url });
            const problem = problemWith(res, url);
            (seen[route.url] ??= {})[res.statusCode] = (seen[route.url]![res.statusCode] ?? 0) + 1;
            assert.equal(problem, undefined, problem);
          }),
          { numRuns: RUNS },
        );
        assert.equal(await storeDigest(ctx), before, `GET ${route.url} changed the store`);
      });
    }
  });

  it('met successes and refusals, on the search above all', () => {
    const statuses = new Set(Object.values(seen).flatMap((counts) => Object.keys(counts).map(Number)));
    for (const status of [200, 400, 404]) assert.ok(statuses.has(status), `some answer was a ${status}: ${JSON.stringify(seen)}`);
    for (const url of ['/', '/api/v1/communications']) {
      assert.ok(seen[url]?.[200] && seen[url]?.[400], `${url} both answered and refused: ${JSON.stringify(seen[url])}`);
    }
  });

  it('would see a 500, a refusal without a code, and a redirect off the site', async () => {
    const bad = Fastify({ logger: false });
    bad.get('/boom', async () => {
      throw new Error('unexpected');
    });
    bad.get('/bare', async (_request, reply) => reply.code(400).send('bad'));
    bad.get('/page', async (_request, reply) => reply.code(400).type('text/html').send('<html lang="en"><p>Something is wrong</p></html>'));
    bad.get('/away', async (_request, reply) => reply.redirect('//evil.example/', 302));
    bad.get('/fine', async () => ({ ok: true }));
    for (const url of ['/boom', '/bare', '/page', '/away']) assert.notEqual(problemWith(await bad.inject({ method: 'GET', url }), url), undefined, url);
    assert.equal(problemWith(await bad.inject({ method: 'GET', url: '/fine' }), '/fine'), undefined);
    await bad.close();
  });

  it('answers the cases named in the issue exactly', async () => {
    const cases: Array<[string, number, string]> = [
      ['/api/v1/communications?limit=100000', 400, 'VALIDATION_FAILED'],
      ['/api/v1/communications?limit=-1', 400, 'VALIDATION_FAILED'],
      ['/api/v1/communications?cursor=bm90LWEtY3Vyc29y', 400, 'CURSOR_INVALID'],
      ['/api/v1/communications?cursor=%25%25%25', 400, 'VALIDATION_FAILED'],
      ['/api/v1/communications?from=2022-02-30', 400, 'VALIDATION_FAILED'],
      ['/api/v1/communications?addressee=ZZZ', 400, 'ADDRESSEE_UNKNOWN'],
      ['/api/v1/communications?mandate=sr-nothing', 400, 'MANDATE_UNKNOWN'],
      ['/api/v1/communications?type=XX', 400, 'VALIDATION_FAILED'],
      ['/api/v1/communications?q=%22', 400, 'QUERY_INVALID'],
      ['/api/v1/communications?q=a&q=b', 400, 'VALIDATION_FAILED'],
      ['/api/v1/communications/AL-XXX-0-0', 404, 'NOT_FOUND'],
      ['/api/v1/communications/..%2F..%2Fetc%2Fpasswd', 404, 'NOT_FOUND'],
      ['/communications/AL-XXX-0-0', 404, 'NOT_FOUND'],
      ['/?page=1e309', 400, 'VALIDATION_FAILED'],
      ['/fr/?year=20222', 400, 'VALIDATION_FAILED'],
    ];
    for (const [url, status, code] of cases) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, status, url);
      assert.equal(errorCodeOf(res), code, url);
    }
  });
});
