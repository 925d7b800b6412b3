import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FastifyInstance } from 'fastify';
import { sentCommunicationsFromPlans } from '../../bench/synthetic-register.ts';
import { createDraft } from '../../src/commands/create-draft.ts';
import { approvePublicVersion } from '../../src/commands/approve-public-version.ts';
import { correctCommunication } from '../../src/commands/correct-communication.ts';
import { decideDraft } from '../../src/commands/decide-draft.ts';
import { holdPublication } from '../../src/commands/hold-publication.ts';
import { publishCommunication } from '../../src/commands/publish-communication.ts';
import { retractCommunication } from '../../src/commands/retract-communication.ts';
import { sendCommunication } from '../../src/commands/send-communication.ts';
import { submitDraft } from '../../src/commands/submit-draft.ts';
import type { AppContext } from '../../src/context.ts';
import { bulkLoadSentCommunications } from '../../src/db/repositories/bulk-load-repository.ts';
import { countPublic } from '../../src/db/repositories/public-dump-repository.ts';
import type { PublicRow } from '../../src/db/repositories/public-repository.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { generateSyntheticCommunications } from '../../src/demo/synthetic-communications.ts';
import { exportItemOf } from '../../src/exports/export-item.ts';
import { csvChunks, EXPORT_BATCH_SIZE } from '../../src/exports/search-export.ts';
import { textStream } from '../../src/exports/text-stream.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { SYSTEM, staff } from '../../src/policies/principal.ts';
import { getCommunication } from '../../src/queries/get-communication.ts';
import { siteHref } from '../../src/web/view-models.ts';
import { DIALECTS, testContext } from '../support/stores.ts';

/** In every field that must never be public: a withheld name, a confidential annex, unpublished letters. */
const SENTINEL = 'Sentinel7f3a';
const OFFICER = staff('Open Data Officer');
/** Holders in office in November 2026. */
const HOLDERS: Record<string, string> = { 'sr-torture': 'Alice Jill Edwards', 'sr-assembly': 'Gina Romero' };

/** Drafts, approves and sends a letter signed by two mandates; its reference. */
async function send(ctx: AppContext, input: Record<string, unknown>): Promise<{ id: string; reference: string }> {
  const mandates = ['sr-torture', 'sr-assembly'];
  const draft = await createDraft(ctx, OFFICER, { type: 'AL', addressee: 'KAZ', mandates, questions: ['Please explain.'], ...input });
  await submitDraft(ctx, OFFICER, draft.id);
  for (const mandate of mandates) await decideDraft(ctx, OFFICER, draft.id, { mandate, decision: 'approved', holder: HOLDERS[mandate] });
  await approvePublicVersion(ctx, OFFICER, draft.id);
  const sent = await sendCommunication(ctx, OFFICER, draft.id);
  return { id: sent.id, reference: sent.reference! };
}

const slugOf = (reference: string) => reference.replace(/[ /]/g, '-');

interface Item { reference: string; url: string; subject: string; replyStatus: string; replies: number; addressee: { code: string; name?: string } }

for (const dialect of DIALECTS) {
  describe(`open data (${dialect})`, () => {
    let ctx: AppContext;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    const hidden: string[] = [];
    let published = '';

    before(async () => {
      const t = await testContext(dialect, '2026-11-29T08:00:00Z');
      ({ ctx, close } = t);
      await loadDemo(ctx);
      // Public, with a withheld victim's name in its text and a confidential annex: neither may come out.
      const open = await send(ctx, {
        subject: 'Detention of a trade unionist in Almaty',
        summary: `Ivar ${SENTINEL} was detained.`,
        body: `Ivar ${SENTINEL} was detained on 1 November.`,
        confidentialAnnex: `${SENTINEL} annex`,
        victims: [{ name: `Ivar ${SENTINEL}`, publishName: false, publicForm: 'withheld' }],
      });
      await publishCommunication(ctx, OFFICER, open.id, { reason: 'Published early for the test.' });
      published = open.reference;
      const held = await send(ctx, { subject: `Held ${SENTINEL}`, summary: SENTINEL });
      await holdPublication(ctx, OFFICER, held.id, { reason: 'Risk of reprisals.' });
      const retracted = await send(ctx, { subject: `Retracted ${SENTINEL}`, summary: SENTINEL });
      await publishCommunication(ctx, OFFICER, retracted.id, { reason: 'Published early for the test.' });
      await retractCommunication(ctx, OFFICER, retracted.id, { reason: 'Risk of reprisals.' });
      const scheduled = await send(ctx, { subject: `Scheduled ${SENTINEL}`, summary: SENTINEL });
      await createDraft(ctx, OFFICER, { type: 'UA', addressee: 'KAZ', mandates: ['sr-torture'], subject: `Draft ${SENTINEL}` });
      hidden.push(held.reference, retracted.reference, scheduled.reference);
      t.clock.advanceHours(1);
      await correctCommunication(ctx, OFFICER, open.id, { reason: 'A date was wrong.', body: `Ivar ${SENTINEL} was detained on 2 November.` });
      app = await buildApp(ctx);
    });
    after(async () => {
      await app.close();
      await close();
    });

    /** Every result of a search through the API, page by page. */
    async function searchAll(query: string): Promise<Item[]> {
      const items: Item[] = [];
      let url: string | null = `/api/v1/communications?${query}&limit=100`;
      while (url) {
        const page = (await app.inject(url)).json() as { items: Item[]; links: { next: string | null } };
        items.push(...page.items);
        url = page.links.next ? new URL(page.links.next).pathname + new URL(page.links.next).search : null;
      }
      return items;
    }

    it('exports a search as CSV: a header, then the rows the search gives, in its order', async () => {
      for (const query of ['', 'addressee=KAZ', 'q=detention', 'sort=oldest&reply=none', 'year=1999']) {
        const res = await app.inject(`/api/v1/export.csv?${query}`);
        assert.equal(res.statusCode, 200, query);
        assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
        assert.match(String(res.headers['content-disposition']), /^attachment; filename="communications-2026-11-29\.csv"$/);
        assert.equal(res.headers.link, '<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
        const [header, ...rows] = parseCsv(res.body, { relax_column_count: false }) as string[][];
        assert.deepEqual(header, ['reference', 'type', 'display_type', 'joint', 'addressee_code', 'addressee', 'mandates', 'sent_date', 'subject', 'summary', 'reply_status', 'replies', 'first_reply_on', 'url', 'synthetic']);
        const expected = await searchAll(query);
        assert.equal(res.headers['x-total-count'], String(expected.length));
        assert.deepEqual(rows.map((r) => r[0]), expected.map((i) => i.reference), `${query}: the search's rows`);
        const at = (name: string) => header!.indexOf(name);
        for (const [k, row] of rows.entries()) {
          const item = expected[k]!;
          assert.equal(row[at('url')], `http://localhost/communications/${slugOf(item.reference)}`);
          assert.equal(row[at('reply_status')], item.replyStatus);
          assert.equal(row[at('replies')], String(item.replies));
          assert.equal(row[at('addressee')], item.addressee.name);
          assert.equal(row[at('subject')]!.replace(/^'/, ''), item.subject);
        }
        if (query === 'year=1999') assert.equal(rows.length, 0, 'nothing matched: the header alone');
      }
    });

    it('exports a search as JSON: the rows of the search, each with its address', async () => {
      const res = await app.inject('/api/v1/export.json?addressee=KAZ&sort=oldest');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-disposition']), /filename="communications-2026-11-29\.json"/);
      const items = res.json() as Item[];
      const expected = await searchAll('addressee=KAZ&sort=oldest');
      assert.deepEqual(items.map(({ url: _url, ...rest }) => rest), expected);
      assert.ok(items.every((i) => i.url.endsWith(`/communications/${slugOf(i.reference)}`)));
      assert.deepEqual((await app.inject('/api/v1/export.json?year=1999')).json(), []);
      // Paging parameters do not cut an export short.
      assert.equal((await app.inject('/api/v1/export.json?addressee=KAZ&limit=1&page=3')).json().length, expected.length);
    });

    it('dumps every public record as JSON Lines, one valid object per line, with its licence', async () => {
      const res = await app.inject('/api/v1/dump.jsonl');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^application\/x-ndjson/);
      assert.match(String(res.headers['content-disposition']), /^attachment; filename="rapporteur-public-communications-2026-11-29\.jsonl"$/);
      assert.equal(res.headers.link, '<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
      assert.ok(res.body.endsWith('\n'));
      const lines = res.body.slice(0, -1).split('\n');
      const records = lines.map((line) => JSON.parse(line) as { reference: string; body: string; replies: unknown[]; history: Array<{ action: string }> });
      assert.ok(records.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r) && typeof r.reference === 'string'));
      const total = (await app.inject('/api/v1/communications?limit=1')).json().total;
      assert.equal(records.length, total, 'as many records as the search counts');
      assert.equal(records.length, await countPublic(ctx.store.db), 'as many records as public rows');
      assert.equal(new Set(records.map((r) => r.reference)).size, records.length);
      const letter = records.find((r) => r.reference === 'AL KAZ 1/2022');
      assert.ok(letter && letter.body.length > 1000, 'the full public text');
      assert.ok(records.some((r) => r.replies.length > 0), 'with the replies');
      const corrected = records.find((r) => r.reference === published);
      assert.deepEqual(corrected?.history.map((h) => h.action), ['publish', 'correct']);
    });

    it('publishes an Atom feed of the published and corrected communications only', async () => {
      const res = await app.inject('/feed.atom');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^application\/atom\+xml/);
      assert.equal(XMLValidator.validate(res.body), true);
      const feed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(res.body).feed;
      assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom');
      for (const key of ['id', 'title', 'updated', 'author', 'link']) assert.ok(feed[key] !== undefined, `the feed has its ${key}`);
      const entries = [feed.entry].flat() as Array<Record<string, unknown>>;
      const total = (await app.inject('/api/v1/communications?limit=1')).json().total as number;
      assert.equal(entries.length, Math.min(50, total));
      const everything = new Set((await searchAll('')).map((i) => slugOf(i.reference)));
      const updated = entries.map((e) => String(e.updated));
      assert.deepEqual(updated, [...updated].sort().reverse(), 'last changed first');
      for (const e of entries) {
        for (const key of ['id', 'title', 'updated', 'link', 'summary']) assert.ok(e[key] !== undefined, `an entry has its ${key}`);
        const href = String((e.link as Record<string, string>)['@href']);
        assert.equal((e.link as Record<string, string>)['@rel'], 'alternate');
        assert.ok(everything.has(href.split('/').pop()!), `${href} is a published communication`);
        assert.ok(!Number.isNaN(Date.parse(String(e.updated))));
      }
      const first = entries[0]!;
      assert.equal(String(first.id), `http://localhost/communications/${slugOf(published)}`, 'the correction put it first');
      assert.equal((first.category as Record<string, string>)['@term'], 'corrected');
      assert.ok(entries.some((e) => (e.category as Record<string, string>)['@term'] === 'published'));
      // In another language: its texts, and links to the pages in that language.
      const fr = await app.inject('/fr/feed.atom');
      assert.equal(XMLValidator.validate(fr.body), true);
      assert.match(fr.body, /xml:lang="fr"/);
      const frenchPage = siteHref({ lang: 'fr', explicit: true }, `/communications/${slugOf(published)}`);
      assert.ok(fr.body.includes(`href="http://localhost${frenchPage}"`), `links to ${frenchPage}`);
    });

    it('escapes what it writes into the feed', async () => {
      const res = await app.inject({ url: '/feed.atom', headers: { host: 'evil"><x>.example' } });
      assert.equal(XMLValidator.validate(res.body), true);
      assert.ok(res.body.includes('http://localhost/feed.atom'), 'a host that is not a host name is not echoed');
    });

    it('lists the public pages in a sitemap, which robots.txt names', async () => {
      const robots = await app.inject('/robots.txt');
      assert.equal(robots.statusCode, 200);
      assert.match(robots.body, /^Sitemap: http:\/\/localhost\/sitemap\.xml$/m);
      assert.match(robots.body, /^Disallow: \/staff$/m);
      const res = await app.inject('/sitemap.xml');
      assert.equal(res.statusCode, 200);
      assert.equal(XMLValidator.validate(res.body), true);
      const set = new XMLParser().parse(res.body).urlset;
      const locs = ([set.url].flat() as Array<{ loc: string }>).map((u) => u.loc);
      assert.ok(locs.includes('http://localhost/'));
      assert.ok(locs.includes('http://localhost/api'));
      const pages = locs.filter((l) => l.includes('/communications/')).map((l) => l.split('/').pop()!).sort();
      assert.deepEqual(pages, (await searchAll('')).map((i) => slugOf(i.reference)).sort(), 'every published communication, and no other');
      assert.equal((await app.inject('/sitemaps/1.xml')).body, res.body);
      for (const part of ['2.xml', '0.xml', 'x.xml', '1']) assert.equal((await app.inject(`/sitemaps/${part}`)).statusCode, 404, part);
    });

    it('lets nothing unpublished or withheld out of any output', async () => {
      // The sentinel is in the register (the check below could fail), only not in its public outputs.
      const kept = await getCommunication(ctx, SYSTEM, published);
      assert.ok(kept.body.includes(SENTINEL) && kept.confidentialAnnex.includes(SENTINEL));
      const urls = [
        '/api/v1/export.csv', '/api/v1/export.json', `/api/v1/export.csv?q=${SENTINEL}`, '/api/v1/dump.jsonl', '/feed.atom', '/fr/feed.atom',
        '/sitemap.xml', '/sitemaps/1.xml', '/robots.txt', '/api/v1/communications?limit=100', `/api/v1/communications?q=${SENTINEL}`,
        `/api/v1/communications/${slugOf(published)}`, '/api/v1/openapi.json', '/api',
      ];
      for (const url of urls) {
        const res = await app.inject(url);
        assert.equal(res.statusCode, 200, url);
        assert.ok(!res.body.toLowerCase().includes(SENTINEL.toLowerCase()), `${url} leaks a withheld or unpublished text`);
        for (const reference of hidden) {
          assert.ok(!res.body.includes(reference) && !res.body.includes(slugOf(reference)), `${url} names ${reference}, which is not public`);
        }
      }
      assert.equal((await app.inject(`/api/v1/export.json?q=${SENTINEL}`)).json().length, 0, 'withheld words are not searchable');
      const dump = (await app.inject('/api/v1/dump.jsonl')).body;
      assert.ok(dump.includes(published), 'the public letter itself is there, its names withheld');
    });
  });
}

describe('streaming an export', () => {
  let ctx: AppContext;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let published = 0;

  before(async () => {
    const t = await testContext('sqlite', '2026-11-29T08:00:00Z');
    ({ ctx, close } = t);
    const plans = generateSyntheticCommunications(ctx.ref, { count: 2600, seed: 11, from: '2019-01-01', to: '2026-09-30', unsentShare: 0 });
    const data = sentCommunicationsFromPlans(ctx.ref, plans, { replyDays: ctx.settings.replyDays, publication: ctx.settings.publication }, ctx.clock.now());
    await bulkLoadSentCommunications(ctx.store.db, ctx.keys.field, data, { dialect: 'sqlite' });
    published = await countPublic(ctx.store.db);
    app = await buildApp(ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await app.close();
    await close();
  });

  it('sends 2,000 rows and more as a stream, not as one buffered body', async () => {
    assert.ok(published > 2000, `${published} public rows`);
    const { port } = app.server.address() as AddressInfo;
    const { headers, chunks, body } = await new Promise<{ headers: Record<string, unknown>; chunks: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/v1/export.csv' }, (res) => {
        let chunks = 0;
        const parts: Buffer[] = [];
        res.on('data', (b: Buffer) => {
          chunks++;
          parts.push(b);
        });
        res.on('end', () => resolve({ headers: res.headers, chunks, body: Buffer.concat(parts).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(headers['content-length'], undefined, 'no length known in advance: the body was not built whole');
    assert.equal(headers['transfer-encoding'], 'chunked');
    assert.ok(chunks > 1, `several chunks (${chunks})`);
    const rows = parseCsv(body) as string[][];
    assert.equal(rows.length - 1, published);
    assert.equal(headers['x-total-count'], String(published));
  });

  it('reads the next batch only when the previous one was taken', async () => {
    const batches = 6;
    let pulled = 0;
    const rows = (await ctx.store.db.selectFrom('public_communications').selectAll().limit(EXPORT_BATCH_SIZE).execute()) as PublicRow[];
    async function* source(): AsyncGenerator<PublicRow[]> {
      for (let i = 0; i < batches; i++) {
        pulled++;
        yield rows;
      }
    }
    const stream = textStream(csvChunks(source(), (row) => exportItemOf(row, ctx.ref, 'en', 'http://localhost')));
    const reader = stream[Symbol.asyncIterator]();
    const first = await reader.next();
    assert.ok(!first.done && String(first.value).startsWith('reference,'));
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    assert.ok(pulled <= 2, `a reader that waits holds back the database: ${pulled} of ${batches} batches read`);
    let lines = String(first.value).split('\n').length - 1;
    for (let next = await reader.next(); !next.done; next = await reader.next()) lines += String(next.value).split('\n').length - 1;
    assert.equal(pulled, batches);
    assert.equal(lines, 1 + batches * rows.length);
  });
});
