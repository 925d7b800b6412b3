import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { AppContext } from '../../src/context.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { axeViolations } from '../support/axe.ts';
import { testContext } from '../support/stores.ts';

const CHROMIUM = '/usr/bin/chromium';
const LETTER = '/communications/AL-KAZ-1-2022';

/**
 * Every public page type, by a page of the demonstration data: each must exist (a missing one fails, by
 * name) and pass an axe-core scan without serious or critical violations. `status` is the answer expected.
 */
const PAGE_TYPES: ReadonlyArray<{ name: string; path: string; status?: number }> = [
  { name: 'home', path: '/' },
  { name: 'search results', path: '/?q=detention&addressee=KAZ' },
  { name: 'communication', path: LETTER },
  { name: 'letter (HTML)', path: `${LETTER}/letter` },
  { name: 'statistics', path: '/statistics' },
  { name: 'addressee', path: '/addressees/KAZ' },
  { name: 'mandate', path: '/mandates/wgad' },
  { name: 'session reports', path: '/reports/sessions' },
  { name: 'session report', path: '/reports/sessions/50' },
  { name: 'API documentation', path: '/api' },
  { name: 'error page', path: '/communications/AL-KAZ-999-2022', status: 404 },
  { name: 'Arabic home', path: '/ar/' },
  { name: 'Arabic communication', path: `/ar${LETTER}` },
];

/** A desktop and a phone: tables that scroll on a small screen must be reachable by keyboard, for one. */
const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 360, height: 740 },
] as const;

/** The number a count shows in English (`12 communications`, `1,234`). */
const countOf = (text: string) => Number(/\d[\d,]*/.exec(text)?.[0].replace(/,/g, '') ?? NaN);

// The public database in a real browser: search, filter, open, download, read in Arabic; then an
// accessibility scan of every public page type.
describe('the public database in Chromium', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed` }, () => {
  let ctx: AppContext;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  before(async () => {
    ({ ctx, close } = await testContext('sqlite', '2026-11-29T09:00:00Z'));
    await loadDemo(ctx, { syntheticCount: 30 });
    app = await buildApp(ctx, { demo: true });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await close();
  });

  test('searches for a word, applies a facet, opens a communication, downloads its PDF and reads it in Arabic', { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(base + '/');
    await page.fill('#q', 'detention');
    await page.locator('form.search .search__row button[type="submit"]').click();
    await page.waitForURL(/[?&]q=detention/);
    const found = countOf(await page.locator('.result-count strong').innerText());
    assert.ok(found > 1, `the search finds several letters (${found})`);

    // A facet of the results: Kazakhstan, with its count.
    const facet = page.locator('.facet a', { hasText: 'Kazakhstan' }).first();
    const count = countOf(await facet.locator('.facet__count').innerText());
    await facet.click();
    await page.waitForURL(/[?&]addressee=KAZ/);
    assert.match(page.url(), /[?&]q=detention/, 'the facet keeps the words');
    assert.equal(countOf(await page.locator('.result-count strong').innerText()), count, 'as many results as the facet said');
    assert.ok(count >= 1 && count <= found);
    for (const meta of await page.locator('.result__meta').allInnerTexts()) assert.match(meta, /Kazakhstan/);

    await page.locator('.result__title a', { hasText: 'AL KAZ 1/2022' }).click();
    await page.waitForURL(new RegExp(`${LETTER}$`));
    assert.equal(await page.locator('h1').innerText(), 'AL KAZ 1/2022');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[type="application/pdf"]').click()]);
    assert.equal(download.suggestedFilename(), 'AL-KAZ-1-2022.pdf');
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const pdf = Buffer.concat(chunks);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.length > 10_000, `a whole letter (${pdf.length} bytes)`);

    await page.locator('nav.languages a[hreflang="ar"]').click();
    await page.waitForURL(new RegExp(`/ar${LETTER}$`));
    assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    assert.equal(await page.locator('h1').innerText(), 'AL KAZ 1/2022');
    await context.close();
  });

  test('every public page type passes an axe-core scan without serious or critical violations, on a desktop and a phone', { timeout: 300_000 }, async (t) => {
    const missing: string[] = [];
    const serious: string[] = [];
    for (const viewport of VIEWPORTS) {
      // The site's policy allows only its own scripts: the scan's script is let in by the browser, not the site.
      const context: BrowserContext = await browser.newContext({ viewport, bypassCSP: true });
      for (const type of PAGE_TYPES) {
        const page = await context.newPage();
        const res = await page.goto(base + type.path);
        const status = res?.status() ?? 0;
        if (status !== (type.status ?? 200)) {
          missing.push(`${type.name} (${type.path} → ${status})`);
          await page.close();
          continue;
        }
        for (const v of await axeViolations(page)) {
          const line = `${type.name} (${type.path}, ${viewport.width} px): ${v.impact} ${v.id} — ${v.help} — ${v.targets.join(' | ')}`;
          // Moderate and minor findings are reported, not failed.
          if (v.impact === 'serious' || v.impact === 'critical') serious.push(line);
          else t.diagnostic(line);
        }
        await page.close();
      }
      await context.close();
    }
    assert.deepEqual([...new Set(missing)], [], 'page types that do not answer as expected');
    assert.deepEqual(serious, [], 'serious or critical accessibility violations');
  });

  test('the scan sees a violation when there is one', { timeout: 30_000 }, async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(base + '/');
    // An image without a text alternative, and a field without a label: both serious or critical in axe-core.
    await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { body: { insertAdjacentHTML: (where: string, html: string) => void } } }).document;
      doc.body.insertAdjacentHTML('beforeend', '<img src="/static/none.png"><input type="text">');
    });
    const ids = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    assert.ok(ids.includes('image-alt') && ids.includes('label'), ids.join(', '));
    await context.close();
  });
});
