import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { totpCode } from '../../src/accounts/totp.ts';
import { publishDue } from '../../src/commands/publish-due.ts';
import { recordReply } from '../../src/commands/record-reply.ts';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { safeNext } from '../../src/http/html.ts';
import { canonicalLanguageUrl } from '../../src/http/language-prefix.ts';
import { FORM_COOKIE, SESSION_COOKIE } from '../../src/http/session-plugin.ts';
import { LOCALE_CODES, localePath, splitLocalePath } from '../../src/i18n/locales.ts';
import { formatDate } from '../../src/i18n/translate.ts';
import { SYSTEM } from '../../src/policies/principal.ts';
import { readyAccount, TEST_PASSWORD, type ReadyAccount } from '../support/accounts.ts';
import { browserFor, formBody } from '../support/http-session.ts';
import { testContext } from '../support/stores.ts';
import { OFFICER, sendDraft } from '../support/workflow.ts';

const LETTER = '/communications/AL-KAZ-1-2022';

/**
 * The addresses a page links to or posts to inside the site, leaving out the language switcher and the
 * `hreflang` alternates (which name other languages on purpose) and the stylesheet.
 */
function siteLinks(html: string): string[] {
  const links: string[] = [];
  for (const [tag] of html.matchAll(/<(?:a|form|link)\b[^>]*>/g)) {
    if (/\shreflang="/.test(tag) || /\srel="stylesheet"/.test(tag)) continue;
    const value = /\s(?:href|action)="([^"]*)"/.exec(tag)?.[1];
    if (value?.startsWith('/')) links.push(value.replace(/&amp;/g, '&'));
  }
  return links;
}

/** Asserts that every link of a page stays in the language of its prefix (the API and files excepted). */
function assertLinksKeep(prefix: string, res: LightMyRequestResponse): void {
  const links = siteLinks(res.body);
  assert.ok(links.length > 0, 'the page has links');
  // Unprefixed by design: the API (and its page, which takes ?lang=), the static files and the feed.
  const strays = links.filter((l) => !l.startsWith(`${prefix}/`) && !/^\/(api\/|api\?|api$|static\/|feed\.atom$)/.test(l));
  assert.deepEqual(strays, [], `links of a ${prefix}/ page without the prefix`);
}

/** The `hreflang` alternates in a page's head, by language. */
function alternatesOf(html: string): Record<string, string> {
  const head = html.slice(0, html.indexOf('</head>'));
  return Object.fromEntries([...head.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));
}

/** The language switcher's links, by language. */
function switcherOf(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<a href="([^"]+)" lang="([^"]+)" hreflang="[^"]+"/g)].map((m) => [m[2]!, m[1]!.replace(/&amp;/g, '&')]));
}

const htmlTag = (res: LightMyRequestResponse) => /<html lang="([^"]+)" dir="([^"]+)">/.exec(res.body)?.slice(1, 3);

describe('the language as a path prefix', () => {
  let ctx: AppContext;
  let clock: ManualClock;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let officer: ReadyAccount;

  before(async () => {
    ({ ctx, clock, close } = await testContext('sqlite', '2022-01-18T09:00:00Z'));
    await sendDraft(ctx, {
      type: 'AL',
      addressee: 'KAZ',
      mandates: ['sr-assembly', 'wgad'],
      subject: 'Alleged excessive use of force against protesters',
      summary: 'Information received concerning the dispersal of peaceful protests.',
      body: 'We have the honour to address you.',
    });
    clock.advanceDays(20);
    await recordReply(ctx, OFFICER, 'AL KAZ 1/2022', { receivedOn: '2022-02-07', kind: 'substantive', language: 'ru', summary: 'The Government replied.' });
    clock.advanceDays(45);
    await publishDue(ctx, SYSTEM);
    app = await buildApp(ctx);
    officer = await readyAccount(ctx, clock, { email: 'officer@example.org', displayName: 'Olga Officer', role: 'case_officer' });
  });
  after(async () => {
    await app.close();
    await close();
  });

  it('answers every page under each prefix in its language, with lang and dir', async () => {
    for (const lang of LOCALE_CODES) {
      for (const path of ['/', LETTER]) {
        const res = await app.inject(`/${lang}${path}`);
        assert.equal(res.statusCode, 200, `/${lang}${path}`);
        assert.deepEqual(htmlTag(res), [lang, lang === 'ar' ? 'rtl' : 'ltr'], `/${lang}${path}`);
        assert.equal(res.headers['content-language'], lang);
      }
    }
    const fr = await app.inject(`/fr${LETTER}`);
    assert.ok(fr.body.includes('18 janvier 2022') && fr.body.includes('Lettre d’allégation conjointe'));
    const ru = await app.inject(`/ru${LETTER}`);
    assert.ok(ru.body.includes(formatDate('ru', '2022-01-18')) && ru.body.includes('Совместное письмо'));
    const ar = await app.inject(`/ar${LETTER}`);
    assert.ok(ar.body.includes(formatDate('ar', '2022-01-18')), 'dates as Intl writes them in Arabic');
    assert.ok(ar.body.includes('رسالة ادعاء مشتركة'));
  });

  it('formats numbers as each language writes them', async () => {
    // The footer states the publication period (60 days) through the catalogue's plural, formatted by Intl.
    const ar = await app.inject('/ar/');
    assert.ok(ar.body.includes(`${new Intl.NumberFormat('ar').format(60)} يوماً`));
    const fr = await app.inject('/fr/');
    assert.ok(fr.body.includes('60 jours'));
    const ru = await app.inject('/ru/');
    assert.ok(ru.body.includes('60 дней'));
  });

  it('keeps the prefix on every link and form of a prefixed page', async () => {
    for (const prefix of ['/fr', '/ar', '/en']) {
      assertLinksKeep(prefix, await app.inject(`${prefix}/`));
      assertLinksKeep(prefix, await app.inject(`${prefix}${LETTER}`));
      assertLinksKeep(prefix, await app.inject(`${prefix}/submit`));
    }
    const fr = await app.inject(`/fr${LETTER}`);
    assert.ok(fr.body.includes(`href="/fr${LETTER}/letter"`));
    // The error page links home in its language too.
    const missing = await app.inject('/es/communications/AL-KAZ-99-2022');
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(htmlTag(missing), ['es', 'ltr']);
    assertLinksKeep('/es', missing);
  });

  it('keeps links unprefixed when the language came from the browser', async () => {
    const res = await app.inject({ url: LETTER, headers: { 'accept-language': 'fr-CH, fr;q=0.9' } });
    assert.deepEqual(htmlTag(res), ['fr', 'ltr']);
    const links = siteLinks(res.body);
    assert.ok(links.includes('/'), 'home is unprefixed');
    assert.ok(links.every((l) => splitLocalePath(l) === undefined), 'no link is prefixed');
  });

  it('serves English unprefixed and under /en/; a prefix wins over the browser’s language', async () => {
    const plain = await app.inject('/');
    const en = await app.inject({ url: '/en/', headers: { 'accept-language': 'fr' } });
    assert.deepEqual(htmlTag(plain), ['en', 'ltr']);
    assert.deepEqual(htmlTag(en), ['en', 'ltr']);
    assert.deepEqual(htmlTag(await app.inject({ url: '/', headers: { 'accept-language': 'ru' } })), ['ru', 'ltr']);
    assert.deepEqual(htmlTag(await app.inject({ url: '/ar/', headers: { 'accept-language': 'fr' } })), ['ar', 'rtl']);
  });

  it('redirects /fr to /fr/, keeping the query', async () => {
    const bare = await app.inject('/fr');
    assert.equal(bare.statusCode, 301);
    assert.equal(bare.headers.location, '/fr/');
    assert.equal((await app.inject('/ar?year=2022')).headers.location, '/ar/?year=2022');
  });

  it('redirects an old ?lang= link (GET and HEAD) to the prefixed address, without lang', async () => {
    const old = await app.inject(`${LETTER}?lang=fr`);
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, `/fr${LETTER}`);
    const home = await app.inject('/?year=2022&lang=ar&type=AL');
    assert.equal(home.statusCode, 301);
    assert.equal(home.headers.location, '/ar/?year=2022&type=AL');
    const head = await app.inject({ method: 'HEAD', url: '/?lang=es' });
    assert.equal(head.statusCode, 301);
    assert.equal(head.headers.location, '/es/');
    // An unknown language is ignored, and a prefix wins over ?lang=.
    const unknown = await app.inject('/?lang=xx');
    assert.equal(unknown.statusCode, 200);
    assert.deepEqual(htmlTag(unknown), ['en', 'ltr']);
    const both = await app.inject('/fr/?lang=es');
    assert.equal(both.statusCode, 200);
    assert.deepEqual(htmlTag(both), ['fr', 'ltr']);
    // A form's POST is answered where it was sent, in the language it names.
    const post = await app.inject({ method: 'POST', url: '/follow?lang=ru', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'code=x' });
    assert.equal(post.statusCode, 403);
    assert.deepEqual(htmlTag(post), ['ru', 'ltr']);
  });

  it('answers an unknown prefix with the ordinary 404 page', async () => {
    const nowhere = await app.inject('/no-such-page');
    for (const url of ['/xx/', `/xx${LETTER}`, '/FR/', '/fr-ch/', '/xx']) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.body, nowhere.body, url);
    }
    assert.ok(nowhere.body.includes('Page not found'));
  });

  it('leaves the API and the static files unprefixed', async () => {
    const api = await app.inject({ url: '/api/v1/communications', headers: { 'accept-language': 'ru' } });
    assert.equal(api.statusCode, 200);
    assert.match(api.headers['content-type'] as string, /^application\/json/);
    assert.equal(api.headers['content-language'], 'ru');
    const asked = await app.inject('/api/v1/communications?lang=fr');
    assert.equal(asked.statusCode, 200, 'the API is not redirected');
    assert.equal(asked.headers['content-language'], 'fr');
    assert.equal((await app.inject('/fr/api/v1/communications')).statusCode, 404);
    const css = (await app.inject('/')).body.match(/<link rel="stylesheet" href="([^"]+)">/)?.[1] ?? '';
    assert.ok(css.startsWith('/static/'));
    assert.equal((await app.inject(css)).statusCode, 200);
    assert.equal((await app.inject(`/fr${css}`)).statusCode, 404);
    assert.equal((await app.inject('/healthz')).statusCode, 200);
  });

  it('lists the page in every language as hreflang alternates, and switches language on the same page', async () => {
    const es = await app.inject(`/es${LETTER}`);
    assert.deepEqual(alternatesOf(es.body), {
      en: `/en${LETTER}`,
      fr: `/fr${LETTER}`,
      es: `/es${LETTER}`,
      ru: `/ru${LETTER}`,
      ar: `/ar${LETTER}`,
      zh: `/zh${LETTER}`,
      'x-default': LETTER,
    });
    const switcher = switcherOf(es.body);
    assert.equal(switcher.ar, `/ar${LETTER}`);
    assert.equal(switcher.en, `/en${LETTER}`);
    assert.match(es.body, new RegExp(`<a href="/es${LETTER}" lang="es" hreflang="es" aria-current="true">`));
    // The switcher keeps the page's filters.
    const filtered = switcherOf((await app.inject('/fr/?year=2022')).body);
    assert.equal(filtered.es, '/es/?year=2022');
    assert.equal(filtered.en, '/en/?year=2022');
    // An error page names no address in other languages.
    assert.deepEqual(alternatesOf((await app.inject('/fr/communications/AL-KAZ-99-2022')).body), {});
  });

  it('keeps the prefix through sign-in and on the workspace’s links and redirects', async () => {
    const away = await app.inject('/fr/staff/drafts');
    assert.equal(away.statusCode, 303);
    assert.equal(away.headers.location, '/fr/sign-in?next=%2Fstaff%2Fdrafts');

    const page = await app.inject(String(away.headers.location));
    assert.deepEqual(htmlTag(page), ['fr', 'ltr']);
    assert.ok(page.body.includes('action="/fr/sign-in"'));
    const formCookie = page.cookies.find((c) => c.name === FORM_COOKIE)!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const post = (url: string, cookie: string, form: Record<string, string>) =>
      app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody(form) });
    const step1 = await post('/fr/sign-in', `${FORM_COOKIE}=${formCookie.value}`, { _csrf: csrf, email: officer.email, password: TEST_PASSWORD, next: '/staff/drafts' });
    assert.equal(step1.statusCode, 303);
    assert.equal(step1.headers.location, '/fr/sign-in/code?next=%2Fstaff%2Fdrafts');
    const half = `${SESSION_COOKIE}=${step1.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
    const codePage = await app.inject({ url: String(step1.headers.location), headers: { cookie: half } });
    assert.ok(codePage.body.includes('action="/fr/sign-in/code"'));
    const step2 = await post('/fr/sign-in/code', half, {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(codePage.body)![1]!,
      code: totpCode(officer.secret, clock.now()),
      next: '/staff/drafts',
    });
    assert.equal(step2.statusCode, 303);
    assert.equal(step2.headers.location, '/fr/staff/drafts');

    const browser = browserFor(app, ctx, step2.cookies.find((c) => c.name === SESSION_COOKIE)!.value);
    for (const url of ['/fr/staff', '/fr/staff/drafts', '/fr/staff/search?q=protesters', '/fr/staff/submissions']) {
      const res = await browser.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.deepEqual(htmlTag(res), ['fr', 'ltr'], url);
      assertLinksKeep('/fr', res);
      assert.deepEqual(alternatesOf(res.body), {}, 'no alternates on a private page');
    }
    const out = await browser.post('/fr/sign-out');
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/fr/');
  });

  it('never lets a return address leave the site, prefixed or not', () => {
    assert.equal(safeNext('/fr/staff'), '/fr/staff');
    assert.equal(safeNext('/staff?x=1'), '/staff?x=1');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example/', '/fr/sign-in', '/sign-in/code', '/ar/sign-in?next=/x', ' /staff']) {
      assert.equal(safeNext(bad), undefined, bad);
    }
    // Prefixing never turns a path into another origin, and never prefixes twice.
    assert.equal(localePath('fr', '//evil.example/x'), '//evil.example/x');
    assert.equal(localePath('fr', '/fr/staff'), '/fr/staff');
    assert.equal(localePath('fr', '/api/v1/communications'), '/api/v1/communications');
    assert.equal(canonicalLanguageUrl('//evil.example/?lang=fr'), undefined);
  });

  it('lays out Arabic pages mirrored: the stylesheet uses logical properties only', () => {
    const css = readFileSync(new URL('../../src/web/static/app.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const properties = css.match(/(?:^|[\s;{])(?:(?:margin|padding|border|inset)-(?:left|right|top|bottom)[a-z-]*|left|right|top|bottom)\s*:[^;}]*/gm) ?? [];
    const values = css.match(/(?:text-align|float|clear)\s*:\s*(?:left|right)\b/g) ?? [];
    assert.deepEqual([...properties, ...values].map((p) => p.replace(/^[\s;{]+/, '').trim()), []);
  });
});
