import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/context.ts';
import { iterateCommunications } from '../../src/db/repositories/communications-repository.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { translator } from '../../src/i18n/translate.ts';
import { sendDraft } from '../support/workflow.ts';
import { DIALECTS, testContext } from '../support/stores.ts';

const SENTINEL = 'SENTINEL-STATS-4b1e';
const t = translator('en');
const count = (n: number) => new Intl.NumberFormat('en-GB').format(n);
const percent = (r: number | null) => (r === null ? '—' : new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(r));

/** Text of markup: tags removed, the entities the templates write decoded, spaces collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** The rows of the table with this caption, each as the text of its cells. */
function tableRows(html: string, caption: string): string[][] {
  const start = html.indexOf(`>${caption}</caption>`);
  assert.ok(start >= 0, `no table "${caption}"`);
  const table = html.slice(start, html.indexOf('</table>', start));
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1]!)));
}

/** The key figures of a page: value → label. */
function figures(html: string): string[] {
  return [...html.matchAll(/<li class="figure">([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]!));
}

interface Replies {
  total: number;
  replied: number;
  late: number;
  none: number;
  rate: number | null;
  onTimeRate: number | null;
  lateRate: number | null;
}
interface Stats {
  total: number;
  joint: number;
  jointShare: number | null;
  replies: Replies;
  byYear: Array<{ year: number; count: number; joint: number; replies: Replies }>;
  byType: Array<{ type: string; count: number }>;
  byMandate: Array<{ slug: string; title: string; count: number; joint: number; replies: Replies }>;
  byAddressee: Array<{ id: string; code: string; name: string; count: number; replies: Replies }>;
}

for (const dialect of DIALECTS) {
  describe(`statistics pages and API (${dialect})`, () => {
    let ctx: AppContext;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let published = 0;
    /** A State with no published letter, to which an unpublished one is then sent. */
    let quiet = '';
    /** The answers of the API before that letter was sent. */
    const earlier = new Map<string, string>();
    const WATCHED = ['/api/v1/statistics', '/api/v1/addressees', '/api/v1/mandates', '/api/v1/mandates/sr-executions'];

    before(async () => {
      const c = await testContext(dialect, '2026-11-29T08:00:00Z');
      ({ ctx, close } = c);
      await loadDemo(ctx);
      app = await buildApp(ctx);
      const before = (await app.inject({ url: '/api/v1/addressees' })).json() as { items: Array<{ id: string }> };
      const written = new Set(before.items.map((a) => a.id));
      quiet = ctx.ref.addressees().find((a) => a.kind === 'state' && !written.has(a.id))!.id;
      for (const url of WATCHED) earlier.set(url, (await app.inject({ url })).body);
      // Sent today, so not published for 60 days: it must be counted nowhere.
      await sendDraft(ctx, { type: 'UA', addressee: quiet, mandates: ['sr-executions'], subject: SENTINEL, summary: SENTINEL, questions: [SENTINEL] });
      for await (const batch of iterateCommunications(ctx.store.db, ctx.keys.field, {})) {
        published += batch.filter((x) => x.publicationStatus === 'published').length;
      }
    });
    after(async () => {
      await app.close();
      await close();
    });

    async function json<T>(url: string): Promise<T> {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /application\/json/);
      return res.json() as T;
    }

    async function page(url: string): Promise<string> {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), /text\/html/);
      return res.body;
    }

    it('counts published communications only: held, retracted and unsent letters nowhere', async () => {
      const s = await json<Stats>('/api/v1/statistics');
      assert.ok(published > 40, `the demo publishes letters (${published})`);
      assert.equal(s.total, published);
      assert.ok(!s.byAddressee.some((a) => a.id === quiet), 'the unpublished letter’s addressee is not listed');
      const list = await json<{ items: Array<{ id: string }> }>('/api/v1/addressees');
      assert.ok(!list.items.some((a) => a.id === quiet));
      const one = await json<{ code: string; statistics: Stats }>(`/api/v1/addressees/${quiet}`);
      assert.equal(one.code, quiet);
      assert.equal(one.statistics.total, 0);
      assert.equal(one.statistics.replies.rate, null);
      // The letter sent since changed nothing: not the totals, not its mandate's, not the lists.
      for (const url of WATCHED) assert.equal((await app.inject({ url })).body, earlier.get(url), url);
      for (const url of ['/statistics', `/addressees/${quiet}`, '/mandates/sr-executions', '/api/v1/statistics', '/api/v1/mandates', `/api/v1/addressees/${quiet}`]) {
        const body = (await app.inject({ url })).body;
        assert.ok(!body.includes(SENTINEL), `${url} shows the unpublished letter`);
      }
    });

    it('GET /statistics: every chart an image with its title and description, followed by its table; the figures of the API', async () => {
      const html = await page('/statistics');
      const s = await json<Stats>('/api/v1/statistics');
      const svgs = [...html.matchAll(/<svg [^>]*>/g)].map((m) => m[0]);
      assert.ok(svgs.length >= 6, `charts: ${svgs.length}`);
      for (const svg of svgs) {
        assert.match(svg, /role="img"/);
        const [title, desc] = /aria-labelledby="([^"]+)"/.exec(svg)![1]!.split(' ');
        assert.match(html, new RegExp(`<title id="${title}">[^<]+</title><desc id="${desc}">[^<]+</desc>`));
      }
      assert.equal(html.match(/<table class="stats-table">/g)?.length, 4, 'a table per section');
      assert.ok(!/<script/i.test(html), 'no script');
      assert.ok(html.includes('href="/statistics" aria-current="page"'), 'the navigation names the page');

      assert.deepEqual(figures(html).slice(0, 3), [
        `${count(s.total)} ${t('stats.figure.total', { count: s.total })}`,
        `${percent(s.jointShare)} ${t('stats.figure.joint')}`,
        `${percent(s.replies.rate)} ${t('stats.figure.replied')}`,
      ]);
      assert.deepEqual(
        tableRows(html, t('stats.table.years')),
        s.byYear.map((y) => [String(y.year), count(y.count), count(y.joint), count(y.replies.replied), count(y.replies.late), count(y.replies.none), percent(y.replies.rate)]),
      );
      assert.deepEqual(
        tableRows(html, t('stats.table.types')).map((r) => r.slice(0, 2)),
        s.byType.map((x) => [t(`type.${x.type}`), count(x.count)]),
      );
      assert.deepEqual(
        tableRows(html, t('stats.table.mandates')),
        s.byMandate.map((m) => [m.title, count(m.count), count(m.joint), count(m.replies.replied), count(m.replies.late), count(m.replies.none), percent(m.replies.rate)]),
      );
      assert.deepEqual(
        tableRows(html, t('stats.table.addressees')).map((r) => [r[0], r[1], r.at(-1)]),
        s.byAddressee.map((a) => [a.name, count(a.count), percent(a.replies.rate)]),
      );
      // Links to each addressee's and mandate's page.
      assert.ok(html.includes('href="/addressees/KAZ"'));
      assert.ok(html.includes(`href="/mandates/${s.byMandate[0]!.slug}"`));
    });

    it('GET /addressees/KAZ: its communications newest first, its reply rate over time, totals equal to the API', async () => {
      const html = await page('/addressees/KAZ');
      const { name, statistics: s } = await json<{ name: string; statistics: Stats }>('/api/v1/addressees/KAZ');
      assert.equal(name, 'Kazakhstan');
      assert.match(html, /<h1><span dir="auto">Kazakhstan<\/span><\/h1>/);
      assert.equal(figures(html)[0], `${count(s.total)} ${t('stats.figure.total', { count: s.total })}`);
      assert.ok(s.total >= 1);
      assert.deepEqual(
        tableRows(html, t('stats.table.years')).map((r) => [r[0], r[1], r.at(-1)]),
        s.byYear.map((y) => [String(y.year), count(y.count), percent(y.replies.rate)]),
      );
      assert.ok(html.includes('<svg'), 'charts');
      // The letters: the reference letter among them, newest first, and the search filtered by the State.
      const refs = [...html.matchAll(/class="communications__reference"><a href="([^"]+)" dir="ltr">([^<]+)<\/a>/g)].map((m) => m[2]!);
      assert.ok(refs.includes('AL KAZ 1/2022'));
      assert.equal(refs.length, Math.min(20, s.total));
      const search = await json<{ items: Array<{ reference: string }> }>('/api/v1/communications?addressee=KAZ');
      assert.deepEqual(refs, search.items.map((i) => i.reference).slice(0, refs.length));
      assert.ok(html.includes('href="/?addressee=KAZ"'));
    });

    it('GET /mandates/:slug: title, counts by year, reply rates, the addressees it wrote to most', async () => {
      const html = await page('/mandates/sr-assembly');
      const m = await json<{ slug: string; title: string; statistics: Stats }>('/api/v1/mandates/sr-assembly');
      assert.equal(m.title, ctx.ref.mandateTitle('sr-assembly', 'en'));
      assert.ok(html.includes(`<h1>${m.title}</h1>`));
      assert.equal(figures(html)[0], `${count(m.statistics.total)} ${t('stats.figure.total', { count: m.statistics.total })}`);
      assert.deepEqual(
        tableRows(html, t('stats.table.addressees')).map((r) => [r[0], r[1]]),
        m.statistics.byAddressee.map((a) => [a.name, count(a.count)]),
      );
      assert.ok(m.statistics.byAddressee.some((a) => a.code === 'KAZ'), 'the reference letter was signed by sr-assembly');
      assert.ok(html.includes('href="/?mandate=sr-assembly"'));
      const list = await json<{ total: number; items: Array<{ slug: string; count: number }> }>('/api/v1/mandates');
      assert.equal(list.total, ctx.ref.mandates().length, 'every mandate, with or without letters');
      assert.equal(list.items.find((x) => x.slug === 'sr-assembly')!.count, m.statistics.total);
    });

    it('a real State or mandate without published letters is a page that says so; an unknown one is 404', async () => {
      const name = ctx.ref.addresseeName(quiet, 'en')!;
      const html = await page(`/addressees/${quiet}`);
      assert.ok(textOf(html).includes(t('stats.addressee.empty', { name })));
      assert.ok(!html.includes('<svg'));
      const quietMandate = (await json<{ items: Array<{ slug: string; count: number }> }>('/api/v1/mandates')).items.find((x) => x.count === 0);
      if (quietMandate) assert.ok(textOf(await page(`/mandates/${quietMandate.slug}`)).includes(t('stats.mandate.empty')));

      for (const url of ['/addressees/XYZ', '/addressees/OTH', '/mandates/no-such-mandate', '/fr/addressees/XYZ']) {
        const res = await app.inject({ url });
        assert.equal(res.statusCode, 404, url);
        assert.match(String(res.headers['content-type']), /text\/html/);
      }
      for (const url of ['/api/v1/addressees/XYZ', '/api/v1/mandates/no-such-mandate']) {
        const res = await app.inject({ url });
        assert.equal(res.statusCode, 404, url);
        assert.equal((res.json() as { error: { code: string } }).error.code, 'NOT_FOUND');
      }
    });

    it('one address per page: other spellings are redirected, under the language prefix', async () => {
      const res = await app.inject({ url: '/addressees/kaz' });
      assert.equal(res.statusCode, 301);
      assert.equal(res.headers.location, '/addressees/KAZ');
      const fr = await app.inject({ url: '/fr/mandates/SR-Torture' });
      assert.equal(fr.statusCode, 301);
      assert.equal(fr.headers.location, '/fr/mandates/sr-torture');
    });

    it('speaks the page’s language: French numbers and names, Arabic right to left with mirrored charts', async () => {
      const fr = await page('/fr/statistics');
      assert.match(fr, /<html lang="fr"/);
      assert.ok(fr.includes(translator('fr')('stats.title')));
      const s = await json<Stats>('/api/v1/statistics');
      assert.equal(figures(fr)[0], `${new Intl.NumberFormat('fr').format(s.total)} ${translator('fr')('stats.figure.total', { count: s.total })}`);
      assert.ok(fr.includes('href="/fr/addressees/KAZ"'), 'links keep the prefix');

      const ar = await page('/ar/statistics');
      assert.match(ar, /<html lang="ar" dir="rtl"/);
      const svgs = [...ar.matchAll(/<svg [^>]*>/g)].map((m) => m[0]);
      assert.ok(svgs.length > 0 && svgs.every((svg) => svg.includes('direction="rtl"')));

      const api = await app.inject({ url: '/api/v1/addressees/KAZ', headers: { 'accept-language': 'fr' } });
      assert.equal(api.headers['content-language'], 'fr');
      assert.equal(api.headers['access-control-allow-origin'], '*');
    });
  });
}
