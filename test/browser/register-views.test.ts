import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { totpCode } from '../../src/accounts/totp.ts';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { readyAccount, TEST_PASSWORD, type ReadyAccount } from '../support/accounts.ts';
import { axeViolations } from '../support/axe.ts';
import { testContext } from '../support/stores.ts';
import { seedRegister, SENTINEL, type RegisterSample } from '../register-views/register-sample.ts';

const CHROMIUM = '/usr/bin/chromium';

/**
 * The case register's views in a real browser: a case officer signs in through the pages, opens the
 * overview (timeline, map, figures chart), the figures of a measure, a person's page with the detention
 * history and the detention register with its filter form; the charts must be drawn and visible, the
 * overview must pass an axe-core scan, and pictures of the three charts are written for a person to look
 * at (to SCREENSHOT_DIR when set, else to a temporary folder removed afterwards unless KEEP_SCREENSHOTS=1).
 */
describe('the case register in Chromium', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed` }, () => {
  let ctx: AppContext;
  let clock: ManualClock;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let sample: RegisterSample;
  const contexts: BrowserContext[] = [];
  const people: Record<'officer' | 'holder', ReadyAccount> = {} as never;
  const asked = process.env.SCREENSHOT_DIR;
  const shots = asked ?? mkdtempSync(join(tmpdir(), 'rapporteur-register-shots-'));

  before(async () => {
    mkdirSync(shots, { recursive: true });
    ({ ctx, clock, close } = await testContext('sqlite', '2022-01-18T08:00:00Z'));
    sample = await seedRegister(ctx);
    people.officer = await readyAccount(ctx, clock, { email: 'officer@ohchr.test', displayName: 'Ana Officer', role: 'case_officer' });
    people.holder = await readyAccount(ctx, clock, { email: 'assembly@ohchr.test', displayName: 'Clément Voule', role: 'mandate_holder', mandate: 'sr-assembly' });
    app = await buildApp(ctx);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    // The session cookies are `__Host-` and Secure: a browser keeps them over plain HTTP only for localhost.
    base = `http://localhost:${new URL(address).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP localhost 127.0.0.1'],
    });
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    await close?.();
    if (asked || process.env.KEEP_SCREENSHOTS === '1') console.log(`screenshots: ${shots}`);
    else rmSync(shots, { recursive: true, force: true });
  });

  /** Signs in through the pages (password, then the TOTP code of the moment) in a context of its own. */
  const signIn = async (who: ReadyAccount): Promise<Page> => {
    // The scan's script is let in by the browser, not the site, whose policy allows only its own scripts.
    const context = await browser.newContext({ baseURL: base, locale: 'en-GB', viewport: { width: 1280, height: 900 }, bypassCSP: true });
    contexts.push(context);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('E-mail address').fill(who.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/sign-in\/code$/);
    await page.getByLabel('Code').fill(totpCode(who.secret, clock.now()));
    clock.advanceSeconds(31);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/staff$/);
    return page;
  };

  /** A picture of one element, checked to be a real picture (not a blank few bytes). */
  const shoot = async (page: Page, selector: string, name: string) => {
    const path = join(shots, `${name}.png`);
    await page.locator(selector).screenshot({ path });
    assert.ok(statSync(path).size > 8_000, `${name}: a picture was taken`);
  };

  /** Asserts that an SVG chart is in the page, visible, of a real size, and named as an image. */
  const visibleChart = async (page: Page, selector: string) => {
    const chart = page.locator(selector);
    assert.equal(await chart.count(), 1, selector);
    assert.ok(await chart.isVisible(), `${selector} is visible`);
    const box = await chart.boundingBox();
    assert.ok(box && box.width > 500 && box.height > 150, `${selector} has a real size (${JSON.stringify(box)})`);
    assert.equal(await chart.getAttribute('role'), 'img');
    assert.ok((await chart.locator('title').first().textContent())?.trim(), `${selector} has a title`);
    assert.ok((await chart.locator('desc').first().textContent())?.trim(), `${selector} has a description`);
  };

  test('an officer opens the overview, the figures, a person and the detention register; the charts are drawn', { timeout: 120_000 }, async () => {
    const page = await signIn(people.officer);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Register' }).click();
    await page.waitForURL(/\/staff\/register$/);
    assert.equal(await page.locator('h1').innerText(), 'Case register');
    await visibleChart(page, 'svg.timeline');
    await visibleChart(page, 'svg.places-map');
    await visibleChart(page, 'svg.figures-chart');
    assert.ok((await page.locator('svg.places-map path').count()) >= 5, 'country outlines');
    assert.ok((await page.locator('svg.places-map circle').count()) >= 8, 'the places as points');
    // Labels of the timeline's events do not run past the chart.
    const width = (await page.locator('svg.timeline').getAttribute('viewBox'))!.split(' ').map(Number)[2]!;
    const timelineLabels = await page.locator('svg.timeline .timeline__event text').evaluateAll((els) =>
      els.map((e) => {
        const b = (e as unknown as { getBBox(): { x: number; width: number } }).getBBox();
        return { x: b.x, width: b.width };
      }),
    );
    assert.equal(timelineLabels.length, 7, 'every event labelled');
    for (const box of timelineLabels) assert.ok(box.x >= 0 && box.x + box.width <= width + 1, `a label inside the chart (${box.x}, ${box.width})`);
    // Labels of the map's places overlap no other.
    const labels = await page.locator('svg.places-map .places-map__labels text').evaluateAll((els) =>
      els.map((e) => {
        const b = (e as unknown as { getBBox(): { x: number; y: number; width: number; height: number } }).getBBox();
        return { x: b.x, y: b.y, width: b.width, height: b.height };
      }),
    );
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        const [a, b] = [labels[i]!, labels[j]!];
        const apart = a.x + a.width <= b.x + 1 || b.x + b.width <= a.x + 1 || a.y + a.height <= b.y + 1 || b.y + b.height <= a.y + 1;
        assert.ok(apart, `map labels ${i} and ${j} overlap`);
      }
    }
    await shoot(page, 'svg.timeline', 'timeline');
    await shoot(page, 'svg.places-map', 'map');
    await shoot(page, 'svg.figures-chart', 'figures');
    await page.screenshot({ path: join(shots, 'overview.png'), fullPage: true });

    const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      serious.map((v) => `${v.impact} ${v.id} — ${v.help} — ${v.targets.join(' | ')}`),
      [],
      'the overview passes axe-core',
    );

    await page.getByRole('link', { name: 'All figures of this measure, and the other measures' }).click();
    await page.waitForURL(/\/staff\/register\/figures\?measure=killed$/);
    await visibleChart(page, 'svg.figures-chart');
    assert.equal(await page.locator('#figures-table-caption + thead + tbody tr, table:has(#figures-table-caption) tbody tr').count(), 5);
    await page.getByRole('link', { name: /^Detained \(3\)$/ }).click();
    await page.waitForURL(/measure=detained$/);
    await visibleChart(page, 'svg.figures-chart');
    await shoot(page, 'svg.figures-chart', 'figures-detained');

    await page.goto(`/staff/register/persons?q=${encodeURIComponent('Zhanbulatov')}`);
    await page.getByRole('link', { name: 'Жанбулатов Нурлан' }).click();
    await page.waitForURL(new RegExp(`/staff/register/persons/${sample.persons.detainee}$`));
    const steps = page.locator('.register-journey__step');
    assert.equal(await steps.count(), 6, 'arrest, two places, two transfers, whereabouts unknown');
    assert.ok(await steps.last().isVisible());
    assert.equal(await steps.last().locator('.register-journey__title').innerText(), 'Whereabouts unknown');
    await page.locator('.register-detention').first().screenshot({ path: join(shots, 'detention-history.png') });

    await page.goto('/staff/register/detentions');
    await page.getByLabel('Status').selectOption('whereabouts_unknown');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/status=whereabouts_unknown/);
    assert.equal(await page.locator('table:has(#detentions-caption) tbody tr').count(), 1);
    await page.getByRole('link', { name: 'No contact with family or counsel' }).click();
    await page.waitForURL(/contact=either$/);
    assert.equal(await page.locator('table:has(#detentions-caption) tbody tr').count(), 1);
    await page.screenshot({ path: join(shots, 'detentions.png'), fullPage: true });

    await page.goto('/ar/staff/register');
    await visibleChart(page, 'svg.timeline');
    await shoot(page, 'svg.timeline', 'timeline-ar');
  });

  test('a mandate holder sees the charts, and no place of detention or health', { timeout: 60_000 }, async () => {
    const page = await signIn(people.holder);
    await page.goto('/staff/register');
    await visibleChart(page, 'svg.timeline');
    await visibleChart(page, 'svg.places-map');
    await page.goto(`/staff/register/persons/${sample.persons.detainee}`);
    const text = await page.locator('main').innerText();
    assert.ok(text.includes('Places of detention are not shown to you (3 known).'));
    for (const secret of [SENTINEL.facility1, SENTINEL.facility2, SENTINEL.health, SENTINEL.source]) assert.ok(!text.includes(secret), secret);
    await page.goto('/staff/register/detentions');
    assert.equal(await page.locator('select[name="place"]').count(), 0);
  });
});
