import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createDraft } from '../../src/commands/create-draft.ts';
import { correctCommunication } from '../../src/commands/correct-communication.ts';
import { publishDue } from '../../src/commands/publish-due.ts';
import { recordReply } from '../../src/commands/record-reply.ts';
import { loadConfig } from '../../src/config.ts';
import { createContext, type AppContext } from '../../src/context.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { sendDraft } from '../support/workflow.ts';
import { SYSTEM, staff } from '../../src/policies/principal.ts';

const SENTINEL = 'SENTINEL-DRAFT-7f3a';
const XSS = '<script>alert(1)</script>';
const officer = staff('Case Officer');

const send = sendDraft;

/**
 * Two letters sent on 18 January 2022 and published 61 days later (one joint, synthetic, with a reply and a
 * correction; one with a script in its summary), one sent on the day of publication (not yet public), and a
 * draft. The last two carry the sentinel everywhere.
 */
async function seed(ctx: AppContext, clock: ManualClock) {
  const joint = await send(ctx, {
    type: 'AL',
    addressee: 'KAZ',
    mandates: ['sr-assembly', 'wgad'],
    synthetic: true,
    subject: 'Alleged excessive use of force against protesters',
    summary: 'Information received concerning the dispersal of peaceful protests.',
    body: `We have the honour to address you in our capacities.\n\nAccording to the information received, protests began on 2 January 2022. Ivan ${SENTINEL} was detained.`,
    questions: ['Please provide any additional information.', 'Please explain the legal basis of the arrests.', `Where is Mr. Ivan ${SENTINEL}?`],
    // A victim who did not consent to publication, and an annex for the Government only: neither is ever public.
    victims: [{ name: `Ivan ${SENTINEL}`, variants: [], publishName: false, publicForm: 'withheld' }],
    confidentialAnnex: `Contact of the family: ${SENTINEL}`,
  });
  clock.advanceHours(1);
  const xss = await send(ctx, {
    type: 'UA',
    addressee: 'KAZ',
    mandates: ['wgad'],
    subject: 'Detention of a journalist',
    summary: `Summary with a payload ${XSS} inside.`,
    body: 'Body.',
  });
  clock.advanceDays(30);
  await recordReply(ctx, officer, joint, { receivedOn: '2022-02-10', kind: 'substantive', language: 'ru', summary: 'The Government replied.' });
  clock.advanceDays(31);
  const secret = {
    type: 'AL',
    addressee: 'KAZ',
    mandates: ['wgad'],
    subject: `Not public ${SENTINEL}`,
    summary: `Summary ${SENTINEL}`,
    body: `Body ${SENTINEL}`,
    questions: [`Question ${SENTINEL}`],
  };
  const unpublished = await send(ctx, secret);
  await createDraft(ctx, officer, secret);
  await publishDue(ctx, SYSTEM);
  await correctCommunication(ctx, officer, joint, { reason: 'A date was wrong.', summary: 'Information received concerning the dispersal of peaceful protests in January 2022.' });
  return { joint, xss, unpublished };
}

/** The URL form of a reference. */
const slug = (reference: string) => reference.replace(/[ /]/g, '-');

describe('public site', () => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let refs: Awaited<ReturnType<typeof seed>>;

  before(async () => {
    const clock = new ManualClock('2022-01-18T09:00:00Z');
    ctx = await createContext(loadConfig({}), {
      store: { kind: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'rapporteur-')), 'db.sqlite') },
      clock,
    });
    refs = await seed(ctx, clock);
    app = await buildApp(ctx);
  });

  after(async () => {
    await app.close();
    await ctx.store.close();
  });

  it('seeds what the tests expect', () => {
    assert.deepEqual(refs, { joint: 'AL KAZ 1/2022', xss: 'UA KAZ 2/2022', unpublished: 'AL KAZ 3/2022' });
  });

  it('answers the health check', async () => {
    const res = await app.inject('/healthz');
    assert.equal(res.statusCode, 200);
  });

  it('lists published communications on the home page, and nothing else', async () => {
    const res = await app.inject('/');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/html; charset=utf-8/);
    assert.ok(res.body.includes('href="/communications/AL-KAZ-1-2022"'));
    assert.ok(res.body.includes('AL KAZ 1/2022'));
    assert.ok(res.body.includes('UA KAZ 2/2022'));
    assert.ok(!res.body.includes('AL KAZ 3/2022'));
    assert.ok(res.body.includes('2 published communications'));
    assert.ok(res.body.includes('Synthetic record — not a real communication'));
    assert.match(res.body, /<abbr title="Joint allegation letter">JAL<\/abbr>/);
    assert.match(res.body, /<form class="search" method="get" action="\/" role="search">/);
  });

  it('never shows an unpublished communication or a draft on any public route', async () => {
    const urls = [
      '/',
      '/?limit=100',
      '/?page=2&limit=1',
      '/?addressee=KAZ&year=2022',
      '/?mandate=wgad&type=AL&reply=none',
      '/fr/',
      '/ar/',
      `/communications/${slug(refs.unpublished)}`,
      `/zh/communications/${slug(refs.unpublished)}`,
      '/communications/al-kaz-3-2022',
      '/api/v1/communications',
      '/api/v1/communications?limit=100',
      '/api/v1/communications?mandate=wgad&limit=100',
      `/api/v1/communications/${slug(refs.unpublished)}`,
    ];
    for (const url of urls) {
      const res = await app.inject(url);
      assert.ok(!res.body.includes(SENTINEL), `${url} leaks an unpublished record`);
      assert.ok(!res.body.includes('KAZ 3/2022') && !res.body.includes('KAZ-3-2022'), `${url} names an unpublished reference`);
    }
  });

  it('shows one communication: reference, type, mandates, questions, reply, history', async () => {
    const res = await app.inject('/communications/AL-KAZ-1-2022');
    assert.equal(res.statusCode, 200);
    const body = res.body;
    assert.ok(body.includes('AL KAZ 1/2022'));
    assert.ok(body.includes('Joint allegation letter'));
    assert.ok(body.includes('18 January 2022'));
    assert.ok(body.includes('Kazakhstan'));
    assert.ok(body.includes('Special Rapporteur on the rights to freedom of peaceful assembly and of association'));
    assert.ok(body.includes('Working Group on Arbitrary Detention'));
    assert.match(body, /<ol class="questions">\s*<li class="prose" dir="auto">Please provide any additional information.<\/li>\s*<li class="prose" dir="auto">Please explain the legal basis of the arrests.<\/li>/);
    assert.ok(body.includes('Received on 10 February 2022'));
    assert.ok(body.includes('The Government replied.'));
    assert.ok(body.includes('in January 2022'), 'the corrected summary is shown');
    assert.ok(body.includes('Corrected') && body.includes('A date was wrong.'), 'the correction is in the public history');
    assert.ok(body.includes('class="banner banner--synthetic"'), 'a synthetic record carries the banner');
    assert.ok(!body.includes('Case Officer'), 'staff names are not public');
  });

  it('gives a record that is not synthetic no banner', async () => {
    const res = await app.inject('/communications/UA-KAZ-2-2022');
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes('banner--synthetic'));
  });

  it('answers unpublished, unknown and malformed references with the same 404 page', async () => {
    const unpublished = await app.inject(`/communications/${slug(refs.unpublished)}`);
    const unknown = await app.inject('/communications/AL-KAZ-99-2022');
    const malformed = await app.inject('/communications/not-a-reference');
    const nowhere = await app.inject('/no/such/page');
    for (const res of [unpublished, unknown, malformed, nowhere]) {
      assert.equal(res.statusCode, 404);
      assert.match(res.headers['content-type'] as string, /^text\/html/);
    }
    assert.equal(unpublished.body, unknown.body);
    assert.equal(unpublished.body, malformed.body);
    assert.equal(unpublished.body, nowhere.body);
    assert.ok(unpublished.body.includes('Page not found'));
  });

  it('redirects a reference written in another case to its one address', async () => {
    const res = await app.inject('/fr/communications/al-kaz-1-2022');
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, '/fr/communications/AL-KAZ-1-2022');
    assert.equal((await app.inject('/communications/al-kaz-1-2022')).headers.location, '/communications/AL-KAZ-1-2022');
  });

  it('refuses bad filters with a 400 page naming the problem', async () => {
    const cases: Array<[string, string, string]> = [
      ['/?mandate=no-such-mandate', 'MANDATE_UNKNOWN', '“no-such-mandate” is not a known mandate.'],
      ['/?addressee=XXX', 'ADDRESSEE_UNKNOWN', '“XXX” is not a known addressee.'],
      ['/?year=abc', 'VALIDATION_FAILED', 'The value given for “Year sent” is not valid.'],
      ['/?type=XX', 'VALIDATION_FAILED', '“Type of letter”'],
      ['/?limit=101', 'VALIDATION_FAILED', '“Results per page”'],
      ['/?page=0', 'VALIDATION_FAILED', '“Page”'],
    ];
    for (const [url, code, text] of cases) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, 400, url);
      assert.match(res.headers['content-type'] as string, /^text\/html/);
      assert.ok(res.body.includes(`Error code: ${code}`), `${url}: ${code}`);
      assert.ok(res.body.includes(text), `${url}: ${text}`);
    }
  });

  it('treats empty form fields as no filter (the form sends every field)', async () => {
    const res = await app.inject('/?q=&addressee=&mandate=&year=&type=&reply=&session=&joint=&from=&to=');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes('2 published communications'));
  });

  it('filters and pages', async () => {
    const ua = await app.inject('/?type=UA');
    assert.ok(ua.body.includes('UA KAZ 2/2022') && !ua.body.includes('AL KAZ 1/2022'));
    const none = await app.inject('/?year=2021');
    assert.ok(none.body.includes('No published communication matches these filters.'));
    const first = await app.inject('/?limit=1');
    assert.ok(first.body.includes('Page 1 of 2'));
    assert.ok(first.body.includes('href="/?limit=1&amp;page=2"'));
    const second = await app.inject('/?limit=1&page=2');
    assert.ok(second.body.includes('AL KAZ 1/2022') && !second.body.includes('UA KAZ 2/2022'));
    assert.ok(second.body.includes('rel="prev"'));
  });

  it('escapes text from records', async () => {
    for (const url of ['/', '/ru/', '/communications/UA-KAZ-2-2022']) {
      const res = await app.inject(url);
      assert.ok(!res.body.includes(XSS), `${url} prints the script raw`);
    }
    // The API gives the text as data, unchanged, as JSON that browsers will not sniff as a page.
    const api = await app.inject('/api/v1/communications/UA-KAZ-2-2022');
    assert.match(api.headers['content-type'] as string, /^application\/json/);
    assert.equal(api.headers['x-content-type-options'], 'nosniff');
    assert.equal(api.json().summary, `Summary with a payload ${XSS} inside.`);
    const page = await app.inject('/communications/UA-KAZ-2-2022');
    assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!/<script/i.test(page.body), 'the pages carry no script at all');
  });

  it('sends security headers and serves the stylesheet for a long time', async () => {
    const res = await app.inject('/');
    const csp = res.headers['content-security-policy'] as string;
    assert.ok(csp.includes("default-src 'none'"));
    assert.ok(csp.includes("style-src 'self'"));
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(!/ style="/.test(res.body), 'no inline styles');
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(res.body)?.[1];
    assert.ok(href?.startsWith('/static/app.css?v='));
    const css = await app.inject(href!);
    assert.equal(css.statusCode, 200);
    assert.match(css.headers['content-type'] as string, /^text\/css/);
    assert.match(css.headers['cache-control'] as string, /max-age=31536000/);
  });

  it('speaks the language asked for, by path prefix or Accept-Language', async () => {
    const ar = await app.inject('/ar/');
    assert.match(ar.body, /<html lang="ar" dir="rtl">/);
    assert.ok(ar.body.includes('رسالتان منشورتان'));
    assert.ok(ar.body.includes('href="/ar/communications/AL-KAZ-1-2022"'), 'links carry the chosen language');
    assert.ok(ar.body.includes('method="get" action="/ar/"'), 'the form keeps it');
    const fr = await app.inject({ url: '/communications/AL-KAZ-1-2022', headers: { 'accept-language': 'de-CH, fr;q=0.8, en;q=0.5' } });
    assert.match(fr.body, /<html lang="fr" dir="ltr">/);
    assert.ok(fr.body.includes('18 janvier 2022'));
    assert.ok(fr.body.includes('Lettre d’allégation conjointe'));
    assert.equal(fr.headers['content-language'], 'fr');
    assert.match(fr.headers.vary as string, /Accept-Language/);
    const fallback = await app.inject('/?lang=xx');
    assert.match(fallback.body, /<html lang="en" dir="ltr">/);
    const notFoundZh = await app.inject('/zh/communications/AL-KAZ-99-2022');
    assert.equal(notFoundZh.statusCode, 404);
    assert.ok(notFoundZh.body.includes('未找到页面'));
  });

  it('says so on every page in demo mode', async () => {
    const demo = await buildApp(ctx, { demo: true });
    try {
      const res = await demo.inject('/');
      assert.ok(res.body.includes('banner--demo'));
      assert.ok(!(await app.inject('/')).body.includes('banner--demo'));
    } finally {
      await demo.close();
    }
  });
});
