import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/context.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { FACETS } from '../../src/search/public-catalogue.ts';
import { DIALECTS, testContext } from '../support/stores.ts';

interface Item {
  reference: string;
  sentDate: string;
  type: string;
  joint: boolean;
  replyStatus: string;
  addressee: { code: string };
  mandates: Array<{ slug: string }>;
}
interface Page {
  total: number;
  limit: number;
  next: string | null;
  links: { next: string | null };
  facets: Record<string, Array<{ value: string; count: number; label?: string }>>;
  items: Item[];
}

for (const dialect of DIALECTS) {
  describe(`search API (${dialect})`, () => {
    let ctx: AppContext;
    let close: () => Promise<void>;
    let app: FastifyInstance;

    before(async () => {
      const t = await testContext(dialect, '2026-11-29T08:00:00Z');
      ({ ctx, close } = t);
      await loadDemo(ctx);
      app = await buildApp(ctx);
    });
    after(async () => {
      await app.close();
      await close();
    });

    async function get(query: string): Promise<Page> {
      const res = await app.inject(`/api/v1/communications?${query}`);
      assert.equal(res.statusCode, 200, `${query}: ${res.body.slice(0, 200)}`);
      return res.json() as Page;
    }

    /** Every result of a search, page after page by the `links.next` address, checking each page on the way. */
    async function walk(query: string, limit: number): Promise<{ total: number; references: string[]; pages: number }> {
      let page = await get(`${query}&limit=${limit}`);
      const total = page.total;
      const references: string[] = [];
      let pages = 0;
      for (;;) {
        pages++;
        assert.equal(page.total, total, 'the total is the same on every page');
        assert.ok(page.items.length <= limit);
        references.push(...page.items.map((i) => i.reference));
        assert.equal(page.links.next === null, page.next === null);
        if (page.next === null) break;
        assert.equal(page.items.length, limit, 'only the last page is short');
        const next = new URL(page.links.next!);
        assert.equal(next.searchParams.get('cursor'), page.next);
        const res = await app.inject(`${next.pathname}${next.search}`);
        assert.equal(res.statusCode, 200);
        page = res.json() as Page;
        assert.ok(pages < 100, 'the walk ends');
      }
      return { total, references, pages };
    }

    it('walks every result by cursor, without duplicates or gaps, in agreement with the total', async () => {
      for (const [query, limit] of [['', 7], ['sort=oldest', 5], ['addressee=KAZ', 1], ['q=detention', 3], ['reply=none&sort=oldest', 4], ['type=UA', 100]] as const) {
        const { total, references, pages } = await walk(query, limit);
        assert.equal(references.length, total, `${query}: as many results as the total`);
        assert.equal(new Set(references).size, references.length, `${query}: no result twice`);
        assert.equal(pages, Math.max(1, Math.ceil(total / limit)), `${query}: the pages the total implies`);
        // One page of everything, from the same search, in the same order: nothing was skipped.
        const all = await get(`${query}&limit=100`);
        assert.ok(all.total <= 100, 'the demo fits one page of 100');
        assert.deepEqual(references, all.items.map((i) => i.reference), `${query}: the same results in the same order`);
      }
      const everything = await get('limit=100');
      assert.ok(everything.total >= 40, `the demo publishes many communications (${everything.total})`);
      const dates = everything.items.map((i) => i.sentDate);
      assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
      const oldest = await get('limit=100&sort=oldest');
      assert.deepEqual(oldest.items.map((i) => i.reference), everything.items.map((i) => i.reference).reverse());
    });

    it('gives every facet with counts that agree with its filter', async () => {
      const page = await get('limit=1');
      assert.deepEqual(Object.keys(page.facets).sort(), [...FACETS].sort());
      for (const facet of FACETS) assert.ok(page.facets[facet]!.length > 0, `${facet} has values`);
      const sum = (facet: string) => page.facets[facet]!.reduce((n, v) => n + v.count, 0);
      for (const facet of ['type', 'joint', 'year', 'reply', 'session', 'addressee']) assert.equal(sum(facet), page.total, `${facet} counts every result once`);
      assert.ok(sum('mandate') >= page.total, 'a joint letter counts for each mandate');
      for (const facet of ['type', 'reply', 'year', 'mandate', 'joint'] as const) {
        for (const v of page.facets[facet]!.slice(0, 3)) {
          assert.equal((await get(`${facet}=${encodeURIComponent(v.value)}&limit=1`)).total, v.count, `${facet}=${v.value}`);
        }
      }
      const kaz = page.facets.addressee!.find((v) => v.value === 'KAZ');
      assert.equal(kaz?.label, 'Kazakhstan');
      const filtered = await get('addressee=KAZ&limit=1');
      assert.equal(filtered.total, kaz.count);
      const filteredSum = (facet: string) => filtered.facets[facet]!.reduce((n, v) => n + v.count, 0);
      assert.equal(filteredSum('type'), filtered.total, 'other facets are counted over the filtered results');
      // A facet is counted without its own filter: the other States keep their counts, to switch to them.
      assert.deepEqual(filtered.facets.addressee, page.facets.addressee);
      const both = await get('addressee=KAZ&type=AL&limit=1');
      assert.equal(both.total, filtered.facets.type!.find((v) => v.value === 'AL')?.count, 'choosing a value gives the count shown');
    });

    it('filters by every parameter of the site', async () => {
      const checks: Array<[string, (i: Item) => boolean]> = [
        ['type=AL', (i) => i.type === 'AL'],
        ['joint=true', (i) => i.joint],
        ['joint=false', (i) => !i.joint],
        ['reply=none', (i) => i.replyStatus === 'none'],
        ['reply=replied_late', (i) => i.replyStatus === 'replied_late'],
        ['addressee=KAZ', (i) => i.addressee.code === 'KAZ'],
        ['mandate=wgad', (i) => i.mandates.some((m) => m.slug === 'wgad')],
        ['year=2022', (i) => i.sentDate.startsWith('2022-')],
        ['from=2021-01-01&to=2022-06-30', (i) => i.sentDate >= '2021-01-01' && i.sentDate <= '2022-06-30'],
      ];
      const all = await get('limit=100');
      for (const [query, keep] of checks) {
        const page = await get(`${query}&limit=100`);
        assert.ok(page.total > 0, `${query} selects something in the demo`);
        assert.deepEqual(page.items.map((i) => i.reference), all.items.filter(keep).map((i) => i.reference), query);
      }
      const letter = await get('q=%22Kazakhstan%22&addressee=KAZ&year=2022&limit=100');
      assert.ok(letter.items.some((i) => i.reference === 'AL KAZ 1/2022'), 'a phrase search with filters finds the reference letter');
      const session = all.items.find((i) => i.reference === 'AL KAZ 1/2022');
      assert.ok(session);
      const bySession = await get('session=50&limit=100');
      assert.ok(bySession.items.some((i) => i.reference === 'AL KAZ 1/2022'), 'a letter of January 2022 is in the report to the 50th session');
    });

    it('answers bad input with 400 or 404 and a code, never a 500', async () => {
      const first = await get('limit=2');
      const cases: Array<[string, number, string]> = [
        ['/api/v1/communications?cursor=AAAA', 400, 'CURSOR_INVALID'],
        ['/api/v1/communications?cursor=bm90LWpzb24', 400, 'CURSOR_INVALID'],
        [`/api/v1/communications?sort=oldest&cursor=${first.next}`, 400, 'CURSOR_INVALID'],
        ['/api/v1/communications?cursor=%24%24%24', 400, 'VALIDATION_FAILED'],
        ['/api/v1/communications?limit=100000', 400, 'VALIDATION_FAILED'],
        ['/api/v1/communications?limit=0', 400, 'VALIDATION_FAILED'],
        ['/api/v1/communications?limit=ten', 400, 'VALIDATION_FAILED'],
        ['/api/v1/communications?mandate=sr-nothing', 400, 'MANDATE_UNKNOWN'],
        ['/api/v1/communications?addressee=ZZZ', 400, 'ADDRESSEE_UNKNOWN'],
        ['/api/v1/communications?q=%22', 400, 'QUERY_INVALID'],
        ['/api/v1/communications?q=-x', 400, 'QUERY_INVALID'],
        ['/api/v1/communications?from=2022-02-30', 400, 'VALIDATION_FAILED'],
        ['/api/v1/communications?from=2023-01-01&to=2022-01-01', 400, 'VALIDATION_FAILED'],
        ['/api/v1/communications?session=1', 400, 'VALIDATION_FAILED'],
        ['/api/v1/communications?joint=maybe', 400, 'VALIDATION_FAILED'],
        ['/api/v1/communications?sort=random', 400, 'VALIDATION_FAILED'],
        ['/api/v1/communications?year=2022&year=2023', 400, 'VALIDATION_FAILED'],
        [`/api/v1/communications?q=${'a'.repeat(501)}`, 400, 'VALIDATION_FAILED'],
        ['/api/v1/communications/AL-KAZ-999-2022', 404, 'NOT_FOUND'],
        ['/api/v1/communications/not-a-reference', 404, 'NOT_FOUND'],
        ['/api/v1/communications/%00', 404, 'NOT_FOUND'],
        ['/api/v1/export.csv?mandate=sr-nothing', 400, 'MANDATE_UNKNOWN'],
        ['/api/v1/export.json?q=%22', 400, 'QUERY_INVALID'],
      ];
      for (const [url, status, code] of cases) {
        const res = await app.inject(url);
        assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 200)}`);
        assert.match(String(res.headers['content-type']), /^application\/json/, url);
        assert.equal(res.json().error.code, code, url);
      }
    });

    it('never answers a 500, whatever a parameter holds', async () => {
      const values = ['', ' ', '%00', '%22', '%22%22', '*', '-', 'OR', '(', ')', 'a*', '%E2%80%8B', '%FF', 'x'.repeat(300), '-1', '0', '1e9', 'NaN', 'null', '[]', '{}', '..%2F..%2F', '%3Cscript%3E', 'AL KAZ 1/2022'];
      const names = ['q', 'addressee', 'mandate', 'type', 'joint', 'year', 'from', 'to', 'reply', 'session', 'sort', 'page', 'cursor', 'limit'];
      for (const name of names) {
        for (const value of values) {
          for (const path of ['/api/v1/communications', '/api/v1/export.csv']) {
            const res = await app.inject(`${path}?${name}=${value}`);
            assert.ok(res.statusCode === 200 || res.statusCode === 400, `${path}?${name}=${value} → ${res.statusCode} ${res.body.slice(0, 200)}`);
            if (res.statusCode === 400) assert.equal(typeof res.json().error.code, 'string');
          }
        }
      }
    });
  });
}
