import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API_COMPONENTS } from '../../src/api/api-operations.ts';
import { buildOpenApiDocument, openApiDocument, routeOf, type OpenApiParameter } from '../../src/api/openapi.ts';
import type { AppContext } from '../../src/context.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { ERRORS } from '../../src/errors.ts';
import { EXPORT_IGNORED_PARAMETERS } from '../../src/exports/search-export.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { slugSchema } from '../../src/queries/get-published-communication.ts';
import { publicSearchSchema } from '../../src/queries/search-public-communications.ts';
import { testContext } from '../support/stores.ts';

/** Every `$ref` of a JSON value. */
function refsOf(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsOf(v, found);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else refsOf(v, found);
    }
  }
  return found;
}

/** Parses a value with a schema and checks that nothing was dropped or changed: the value is exactly of that shape. */
function assertShape(schema: z.ZodType, value: unknown, what: string): void {
  const parsed = schema.safeParse(value);
  assert.ok(parsed.success, `${what}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))}`);
  assert.deepEqual(parsed.data, value, `${what} has fields the document does not describe`);
}

const queryNames = (params: Array<OpenApiParameter | { $ref: string }>) =>
  params.filter((p): p is OpenApiParameter => !('$ref' in p) && p.in === 'query').map((p) => p.name);

describe('OpenAPI document', () => {
  let ctx: AppContext;
  let close: () => Promise<void>;
  let app: FastifyInstance;

  before(async () => {
    const t = await testContext('sqlite', '2026-11-29T08:00:00Z');
    ({ ctx, close } = t);
    await loadDemo(ctx);
    app = await buildApp(ctx);
  });
  after(async () => {
    await app.close();
    await close();
  });

  it('is a valid OpenAPI 3.1 document, served as JSON', async () => {
    const res = await app.inject('/api/v1/openapi.json');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    const doc = res.json();
    assert.deepEqual(doc, JSON.parse(JSON.stringify(buildOpenApiDocument())), 'the document served is the one built from the schemas');
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(doc.info.license.identifier, 'CC-BY-4.0');
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    assert.deepEqual(result, { valid: true });
    assert.equal(validator.version, '3.1');
    // The validator can fail: a parameter in the body is not OpenAPI 3.
    const broken = structuredClone(doc);
    broken.paths['/api/v1/communications'].get.parameters[0].in = 'body';
    assert.equal((await new Validator().validate(broken)).valid, false);
  });

  it('resolves every reference, and names its components after the zod schemas', () => {
    const doc = openApiDocument();
    assert.deepEqual(Object.keys(doc.components.schemas).sort(), Object.keys(API_COMPONENTS).sort());
    for (const ref of refsOf(doc)) {
      const [, section, kind, name] = ref.split('/');
      assert.equal(section, 'components', ref);
      const table = (doc.components as unknown as Record<string, Record<string, unknown>>)[kind!];
      assert.ok(table && name && Object.hasOwn(table, name), `${ref} resolves`);
    }
    assert.deepEqual((doc.components.schemas.Error as { properties: { error: { properties: { code: { enum: string[] } } } } }).properties.error.properties.code.enum, Object.keys(ERRORS));
  });

  it('describes every public GET route of the API, and only routes that exist', () => {
    const documented = Object.keys(openApiDocument().paths).map(routeOf).sort();
    const registered = app.registeredRoutes.filter((r) => r.method === 'GET').map((r) => r.url);
    const api = registered.filter((u) => u.startsWith('/api/v1/')).sort();
    assert.ok(api.length >= 10, `the API's routes are registered (${api.join(', ')})`);
    for (const url of api) assert.ok(documented.includes(url), `${url} is in the document`);
    for (const url of documented) assert.ok(registered.includes(url), `${url} is a route`);
    assert.ok(documented.includes('/feed.atom'));
  });

  it('takes the search parameters from the schema that validates them, descriptions included', () => {
    const doc = openApiDocument();
    const list = doc.paths['/api/v1/communications']!.get;
    const keys = Object.keys(publicSearchSchema.shape);
    assert.deepEqual(queryNames(list.parameters), keys);
    for (const p of list.parameters) {
      if ('$ref' in p || p.in !== 'query') continue;
      const described = publicSearchSchema.shape[p.name as keyof typeof publicSearchSchema.shape].description;
      assert.ok(described && described.length > 5, `${p.name} is described in the schema`);
      assert.equal(p.description, described, p.name);
      assert.equal(p.required, false);
    }
    const limit = list.parameters.find((p) => !('$ref' in p) && p.name === 'limit') as OpenApiParameter;
    assert.deepEqual([limit.schema.minimum, limit.schema.maximum], [1, 100]);
    for (const path of ['/api/v1/export.csv', '/api/v1/export.json']) {
      assert.deepEqual(queryNames(doc.paths[path]!.get.parameters), keys.filter((k) => !(EXPORT_IGNORED_PARAMETERS as readonly string[]).includes(k)), path);
    }
    const slug = doc.paths['/api/v1/communications/{slug}']!.get.parameters[0] as OpenApiParameter;
    assert.deepEqual([slug.name, slug.in, slug.required, slug.example], ['slug', 'path', true, 'AL-KAZ-1-2022']);
    assert.equal(slug.schema.pattern, (z.toJSONSchema(slugSchema) as { pattern: string }).pattern);
    assert.ok(slugSchema.safeParse(slug.example).success);
  });

  it('lists each operation\'s errors by status, with the error body', () => {
    for (const [path, { get: op }] of Object.entries(openApiDocument().paths)) {
      assert.ok(op.responses['200'], path);
      for (const [status, codes] of Object.entries(op['x-error-codes'])) {
        for (const code of codes) assert.equal(String(ERRORS[code].status), status, `${path}: ${code}`);
        assert.deepEqual((op.responses[status]!.content!['application/json']!.schema as { $ref: string }).$ref, '#/components/schemas/Error');
      }
    }
    const list = openApiDocument().paths['/api/v1/communications']!.get['x-error-codes'];
    assert.deepEqual(list['400']!.sort(), ['ADDRESSEE_UNKNOWN', 'CURSOR_INVALID', 'MANDATE_UNKNOWN', 'QUERY_INVALID', 'VALIDATION_FAILED']);
  });

  it('describes the answers exactly as they are sent', async () => {
    const page = (await app.inject('/api/v1/communications?limit=3&q=detention')).json();
    assert.ok(page.items.length > 0);
    assertShape(API_COMPONENTS.SearchPage, page, 'a search page');
    assertShape(API_COMPONENTS.Communication, (await app.inject('/api/v1/communications/AL-KAZ-1-2022')).json(), 'a communication');
    assertShape(API_COMPONENTS.ExportList, (await app.inject('/api/v1/export.json?addressee=KAZ')).json(), 'a JSON export');
    const dump = (await app.inject('/api/v1/dump.jsonl')).body.trimEnd().split('\n');
    for (const line of dump.slice(0, 20)) assertShape(API_COMPONENTS.DumpRecord, JSON.parse(line), 'a dump record');
    for (const url of ['/api/v1/communications?limit=0', '/api/v1/communications/XX-XXX-1-2000', '/api/v1/communications?cursor=AAAA']) {
      assertShape(API_COMPONENTS.Error, (await app.inject(url)).json(), `the error of ${url}`);
    }
    // The drift check can fail: a field the schema lacks is reported.
    assert.throws(() => assertShape(API_COMPONENTS.SearchPage, { ...page, extra: 1 }, 'a page with more'));
  });

  it('has a page that shows every operation, its parameters and an example, without JavaScript', async () => {
    const res = await app.inject('/api');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    const html = res.body;
    assert.ok(!/<script/i.test(html), 'no script');
    const doc = openApiDocument();
    for (const [path, { get: op }] of Object.entries(doc.paths)) {
      assert.ok(html.includes(`<code dir="ltr">GET ${path}</code>`), `the page shows ${path}`);
      assert.ok(html.includes(`id="${op.operationId}"`), `${path} has an anchor`);
      assert.ok(html.includes(`href="${op['x-example'].replace(/&/g, '&amp;')}"`), `${path} has its example`);
      for (const p of op.parameters) {
        if ('$ref' in p) continue;
        assert.ok(html.includes(`<code dir="ltr">${p.name}</code>`), `${path}: ${p.name}`);
      }
    }
    assert.ok(html.includes('Where the next page starts, as <code dir="ltr">next</code> of the previous answer gave it'), 'descriptions come from the schema, code spans marked up');
    assert.ok(html.includes('href="/api/v1/openapi.json"'));
    assert.ok(html.includes('https://creativecommons.org/licenses/by/4.0/'), 'the licence is stated');
    assert.ok(html.includes('id="error-CURSOR_INVALID"'));
    const fr = await app.inject('/api?lang=fr');
    assert.match(fr.body, /<html lang="fr"/);
    assert.ok(fr.body.includes('Données ouvertes et API'));
    assert.ok(fr.body.includes('href="/api?lang=ar"'), 'the language switcher stays on the page');
    assert.match((await app.inject('/api?lang=ar')).body, /<html lang="ar" dir="rtl"/);
  });
});
