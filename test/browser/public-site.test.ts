import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import type { AppContext } from '../../src/context.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { testContext } from '../support/stores.ts';

const CHROMIUM = '/usr/bin/chromium';

// A person's walk through the public site in a real browser: the list, the reference letter, Arabic.
describe('the public site in Chromium', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed` }, () => {
  let ctx: AppContext;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  const shots = mkdtempSync(join(tmpdir(), 'rapporteur-shots-'));

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

  test('finds the reference letter in the list, opens it, and reads it in Arabic', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(base + '/');
    assert.match(await page.title(), /Rapporteur/);
    assert.ok((await page.locator('text=Synthetic record').count()) > 0, 'synthetic records are marked in the list');
    // The filters fold away until asked for; the facets link the same filter.
    await page.click('summary:has-text("Filter the communications")');
    await page.selectOption('select[name="addressee"]', 'KAZ');
    await page.click('.filters__actions button[type="submit"]');
    assert.match(page.url(), /addressee=KAZ/);
    await page.click('a:has-text("AL KAZ 1/2022")');
    assert.match(page.url(), /\/communications\/AL-KAZ-1-2022$/);
    assert.equal(await page.locator('h1').innerText(), 'AL KAZ 1/2022');
    const text = await page.locator('main').innerText();
    assert.match(text, /Working Group on Arbitrary Detention/);
    assert.match(text, /Kazakhstan/);
    assert.doesNotMatch(text, /Synthetic record/, 'the real letter is not marked synthetic');
    await page.screenshot({ path: join(shots, 'letter.png'), fullPage: true });
    assert.ok(statSync(join(shots, 'letter.png')).size > 10_000);
    await page.click('a[hreflang="ar"]');
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
    await page.screenshot({ path: join(shots, 'letter-ar.png') });
    const missing = await page.goto(base + '/communications/AL-KAZ-999-2022');
    assert.equal(missing?.status(), 404);
  });
});
