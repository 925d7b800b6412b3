import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { recordEvent } from '../../src/commands/register/record-event.ts';
import { recordPerson } from '../../src/commands/register/record-person.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { readyAccount } from '../support/accounts.ts';
import { browserFor, type Browser } from '../support/http-session.ts';
import { storeDigest } from '../support/snapshot.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { RECORDER, seedRegister, SENTINEL, type RegisterSample } from './register-sample.ts';

/** Every sentinel of a restricted class except the withheld name (checked on its own). */
const RESTRICTED = [SENTINEL.facility1, SENTINEL.facility2, SENTINEL.health, SENTINEL.source, SENTINEL.lastSeenBy, SENTINEL.stayNote];
const WITHHELD = [SENTINEL.withheldName, SENTINEL.withheldLatin];

/** The number of rows of the register table of a page (rows of its body). */
const rowsOf = (html: string, id: string) => {
  const table = new RegExp(`<caption id="${id}-caption">[\\s\\S]*?</tbody>`).exec(html)?.[0] ?? '';
  return (table.match(/<tr>/g) ?? []).length - 1;
};

for (const dialect of DIALECTS) {
  describe(`the case register's pages (${dialect})`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let officer: Browser;
    let holder: Browser;
    let admin: Browser;
    let s: RegisterSample;

    /** Every page of the register with the sample's ids. */
    const pages = () => [
      '/staff/register',
      '/staff/register/events',
      '/staff/register/events?type=assembly',
      `/staff/register/events/${s.events.zhanaozen}`,
      `/staff/register/events/${s.events.dispersal}`,
      `/staff/register/events/${s.events.arrests}`,
      '/staff/register/figures',
      '/staff/register/figures?measure=killed',
      '/staff/register/figures?measure=detained',
      '/staff/register/persons',
      '/staff/register/persons?q=Zhanbulatov',
      `/staff/register/persons/${s.persons.detainee}`,
      `/staff/register/persons/${s.persons.withheld}`,
      `/staff/register/persons/${s.persons.released}`,
      `/staff/register/persons/${s.persons.disappeared}`,
      '/staff/register/detentions',
      '/staff/register/detentions?status=whereabouts_unknown',
      '/staff/register/detentions?contact=either',
    ];

    before(async () => {
      ({ ctx, clock, close } = await testContext(dialect, '2022-01-18T08:00:00Z'));
      app = await buildApp(ctx);
      s = await seedRegister(ctx);
      const o = await readyAccount(ctx, clock, { email: 'officer@example.org', displayName: 'Olga Officer', role: 'case_officer' });
      const h = await readyAccount(ctx, clock, { email: 'holder@example.org', displayName: 'Clément Voule', role: 'mandate_holder', mandate: 'sr-assembly' });
      const a = await readyAccount(ctx, clock, { email: 'admin@example.org', displayName: 'Ada Admin', role: 'admin' });
      officer = browserFor(app, ctx, o.sessionToken);
      holder = browserFor(app, ctx, h.sessionToken);
      admin = browserFor(app, ctx, a.sessionToken);
    });
    after(async () => {
      await app.close();
      await close();
    });

    it('every page renders for a case officer and a mandate holder, and for nobody else', async () => {
      for (const url of pages()) {
        for (const [who, b] of [['officer', officer], ['holder', holder]] as const) {
          const res = await b.get(url);
          assert.equal(res.statusCode, 200, `${who} ${url}: ${res.body.slice(0, 300)}`);
          assert.equal(res.headers['cache-control'], 'no-store', url);
          assert.match(res.body, /<nav class="register-nav"/, url);
        }
        const other = await admin.get(url);
        assert.equal(other.statusCode, 404, `admin ${url}`);
        const anonymous = await app.inject({ method: 'GET', url });
        assert.equal(anonymous.statusCode, 303, `anonymous ${url}`);
        assert.match(String(anonymous.headers.location), /^\/sign-in\?next=/);
      }
    });

    it('the overview draws the timeline, the map and the figures chart, each an image followed by its table', async () => {
      const html = (await officer.get('/staff/register')).body;
      const svgs = html.match(/<svg[^>]*role="img"[^>]*>/g) ?? [];
      assert.equal(svgs.length, 3, 'three charts');
      for (const id of ['timeline-chart', 'map-chart', 'overview-figures-chart']) {
        assert.match(html, new RegExp(`<svg[^>]*aria-labelledby="${id}-title ${id}-desc"`), id);
        assert.match(html, new RegExp(`<title id="${id}-title">[^<]+</title><desc id="${id}-desc">[^<]+</desc>`), id);
      }
      // The timeline: every event labelled, grouped by type, vague dates drawn dashed.
      const timeline = /<svg[^>]*timeline[\s\S]*?<\/svg>/.exec(html)![0];
      for (const title of ['Protest against the rise in gas prices in Zhanaozen', 'State of emergency and curfew', 'Nationwide internet shutdown', 'Order to open fire without warning']) {
        assert.ok(timeline.includes(`>${title}</text>`), title);
      }
      for (const group of ['Assembly', 'State of emergency', 'Communications shutdown', 'Arrest wave']) assert.ok(timeline.includes(`>${group}</text>`), group);
      assert.match(timeline, /stroke-dasharray="3 2"/, 'a vague or imprecise date is dashed');
      assert.match(timeline, /<rect[^>]*width="[\d.]+"[^>]*height="10"/, 'a period is a bar');
      // The map: country outlines, the places sized and labelled; places of detention never on it.
      const map = /<svg[^>]*places-map[\s\S]*?<\/svg>/.exec(html)![0];
      assert.ok((map.match(/<path d="M/g) ?? []).length >= 5, 'Kazakhstan and its neighbours');
      for (const place of ['Almaty', 'Zhanaozen', 'Aktau', 'Uralsk']) assert.ok(map.includes(`>${place}</text>`), place);
      for (const country of ['Kazakhstan', 'Russia', 'China']) assert.ok(map.includes(country), country);
      const radii = [...map.matchAll(/<circle[^>]*r="([\d.]+)"/g)].map((m) => Number(m[1]));
      assert.ok(Math.max(...radii) > Math.min(...radii), 'points are sized by activity');
      // The figures chart: one series per source, the disagreement shown.
      const figures = /<svg[^>]*figures-chart[\s\S]*?<\/svg>/.exec(html)![0];
      for (const source of ['initial reports', 'Prosecutor General&#39;s Office']) assert.ok(figures.includes(`>${source}</text>`), source);
      assert.ok(figures.includes('>164</text>') && figures.includes('>225</text>'));
      assert.ok(figures.includes('Sources disagree: their latest counts range from 164 to 225.'));
      assert.ok(!figures.includes('>103</text>'), 'a count for one city is not compared with the national ones');
      // Each chart is followed by the table of its data.
      assert.equal(rowsOf(html, 'timeline-table'), 7);
      assert.equal(rowsOf(html, 'map-table'), 9, 'every place of an event or an act, the country too');
      assert.equal(rowsOf(html, 'overview-figures-table'), 5, 'every killed figure, never merged');
      for (const secret of RESTRICTED) assert.ok(!html.includes(secret), secret);
    });

    it('the figures page lists every report of a measure with its qualifier, source, date precision, scope and whole', async () => {
      const html = (await officer.get('/staff/register/figures?measure=killed')).body;
      assert.match(html, /<h1>Figures: Killed<\/h1>/);
      assert.equal(rowsOf(html, 'figures-table'), 5);
      assert.ok(html.includes('by 11 January 2022 (vague)'), 'a vague date says so');
      assert.ok(html.includes('Law enforcement') && html.includes('Security forces'));
      assert.ok(html.includes('225 (Prosecutor General&#39;s Office, 15 January 2022)'), 'the figure 19 is part of 225');
      const detained = (await officer.get('/staff/register/figures?measure=detained')).body;
      for (const count of ['over 200', 'close to 8,000', 'over 9,900']) assert.ok(detained.includes(count), count);
      assert.match(detained, /aria-current="page">Detained \(3\)/);
      const none = await officer.get('/staff/register/figures?measure=charged');
      assert.equal(none.statusCode, 200);
      assert.match(none.body, /No figure of this measure is recorded\./);
    });

    it('events are listed in time order and filtered by type; an event shows its places, acts, figures and communications', async () => {
      const all = (await officer.get('/staff/register/events')).body;
      const titles = [...all.matchAll(/<th scope="row" dir="auto"><a href="\/staff\/register\/events\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
      assert.equal(titles.length, 7);
      assert.equal(titles[0], 'Mass arrests across the country', 'January 2022 starts on the 1st');
      assert.equal(titles[1], 'Protest against the rise in gas prices in Zhanaozen');
      const assemblies = (await officer.get('/staff/register/events?type=assembly')).body;
      assert.equal(rowsOf(assemblies, 'events'), 2);
      assert.ok(!assemblies.includes('Nationwide internet shutdown'));
      const dated = (await officer.get('/staff/register/events?from=2022-01-06&to=2022-01-07')).body;
      assert.equal(rowsOf(dated, 'events'), 1);

      const event = (await officer.get(`/staff/register/events/${s.events.zhanaozen}`)).body;
      assert.match(event, /Zhanaozen \(Жаңаөзен\)/);
      assert.ok(event.includes(`href="/staff/drafts/${s.draft}"`), 'the linked draft');
      assert.match(event, /AL KAZ 1\/2022/, 'the officer sees the sources');
      const dispersal = (await officer.get(`/staff/register/events/${s.events.dispersal}`)).body;
      assert.ok(dispersal.includes(SENTINEL.withheldName), 'an officer sees a withheld identity, audited');
      assert.ok(dispersal.includes('164'));
      const holderDispersal = (await holder.get(`/staff/register/events/${s.events.dispersal}`)).body;
      assert.ok(holderDispersal.includes('Identity withheld'));
      for (const secret of [...WITHHELD, 'AL KAZ 1/2022']) assert.ok(!holderDispersal.includes(secret), secret);
    });

    it('a person page shows names in their scripts, every act and the detention history as places and transfers', async () => {
      const html = (await officer.get(`/staff/register/persons/${s.persons.detainee}`)).body;
      assert.match(html, /<h1 dir="auto">Жанбулатов Нурлан<\/h1>/);
      assert.match(html, /Zhanbulatov Nurlan<\/span> <span class="muted">· Latin · transliteration of Жанбулатов Нурлан \(icao\)/);
      assert.ok(html.includes('Arbitrary arrest and detention'));
      assert.ok(html.includes(`href="/staff/register/events/${s.events.arrests}"`));
      const journey = /<ol class="register-journey">[\s\S]*?<\/ol>/.exec(html)![0];
      const steps = [...journey.matchAll(/register-journey__step--(\w+)/g)].map((m) => m[1]);
      assert.deepEqual(steps, ['arrest', 'place', 'transfer', 'place', 'transfer', 'unknown']);
      assert.ok(journey.indexOf(SENTINEL.facility1) < journey.indexOf(SENTINEL.facility2));
      assert.ok(journey.includes('by National Security Committee'));
      assert.ok(journey.includes('Whereabouts unknown'));
      for (const secret of RESTRICTED.filter((x) => x !== SENTINEL.lastSeenBy)) assert.ok(html.includes(secret), `the officer sees ${secret}`);
      assert.ok(html.includes('Article 272 (mass riots)'));
      assert.ok(html.includes('Authorised by a court on 8 January 2022'));
      assert.ok(html.includes(`href="/staff/drafts/${s.draft}"`), 'the linked communication');

      const gone = (await officer.get(`/staff/register/persons/${s.persons.disappeared}`)).body;
      assert.ok(gone.includes('Disappeared: last seen 7 January 2022'));
      assert.ok(gone.includes(SENTINEL.lastSeenBy));
    });

    it('a mandate holder gets every page without places of detention, health, sources, relatives or withheld names, and reading writes nothing', async () => {
      const before = await storeDigest(ctx);
      for (const url of pages()) {
        const html = (await holder.get(url)).body;
        for (const secret of [...RESTRICTED, ...WITHHELD]) assert.ok(!html.includes(secret), `${url} shows "${secret}" to a mandate holder`);
      }
      assert.equal(await storeDigest(ctx), before, 'no restricted read to audit, nothing written');
      const person = (await holder.get(`/staff/register/persons/${s.persons.detainee}`)).body;
      assert.ok(person.includes('Places of detention are not shown to you (3 known).'));
      assert.ok(person.includes('Article 272 (mass riots)'), 'charges are internal');
      assert.ok(!person.includes('State of health'));
      const withheld = (await holder.get(`/staff/register/persons/${s.persons.withheld}`)).body;
      assert.match(withheld, /<h1>Identity withheld<\/h1>/);
      const detentions = (await holder.get('/staff/register/detentions')).body;
      assert.ok(!detentions.includes('name="place"'), 'no place filter for a holder');
      assert.ok(!detentions.includes('Place of detention'));
    });

    it('an officer reading restricted parts leaves a read in the audit chain', async () => {
      const before = await storeDigest(ctx);
      await officer.get(`/staff/register/persons/${s.persons.detainee}`);
      const after1 = await storeDigest(ctx);
      assert.notEqual(after1, before, 'the person page is audited');
      await officer.get(`/staff/register/events/${s.events.zhanaozen}`);
      assert.notEqual(await storeDigest(ctx), after1, 'the sources of an event are audited');
    });

    it('the persons search finds a name in any script, and never a withheld person for a holder', async () => {
      for (const q of ['Zhanbulatov', 'Жанбулатов', 'Janbulatov Nurlan']) {
        for (const b of [officer, holder]) {
          const html = (await b.get(`/staff/register/persons?q=${encodeURIComponent(q)}`)).body;
          assert.ok(html.includes(`href="/staff/register/persons/${s.persons.detainee}"`), q);
        }
      }
      const byOfficer = (await officer.get(`/staff/register/persons?q=${encodeURIComponent('Sentinelova')}`)).body;
      assert.ok(byOfficer.includes(`href="/staff/register/persons/${s.persons.withheld}"`));
      const byHolder = (await holder.get(`/staff/register/persons?q=${encodeURIComponent('Sentinelova')}`)).body;
      assert.ok(!byHolder.includes(s.persons.withheld), 'a holder cannot confirm that a withheld person is in the register');
      assert.match(byHolder, /No person of the register has that name\./);
      const listed = (await officer.get('/staff/register/persons')).body;
      assert.equal(rowsOf(listed, 'persons'), 2, 'the persons detained');
    });

    it('the detention register filters, and names its two lists', async () => {
      const all = (await officer.get('/staff/register/detentions')).body;
      assert.equal(rowsOf(all, 'detentions'), 2);
      assert.ok(all.includes('name="place"'), 'the officer may filter by place');
      assert.ok(all.includes('href="/staff/register/detentions?status=whereabouts_unknown"'));
      assert.ok(all.includes('href="/staff/register/detentions?contact=either"'));
      const unknown = (await officer.get('/staff/register/detentions?status=whereabouts_unknown')).body;
      assert.equal(rowsOf(unknown, 'detentions'), 1);
      assert.ok(unknown.includes('Жанбулатов Нурлан'));
      assert.match(unknown, /aria-current="page">Whereabouts unknown/);
      const noContact = (await officer.get('/staff/register/detentions?contact=either')).body;
      assert.equal(rowsOf(noContact, 'detentions'), 1);
      assert.ok(!noContact.includes('Тестов Ержан'));
      const charged = (await officer.get(`/staff/register/detentions?charge=${encodeURIComponent('Article 255 (act of terrorism)')}`)).body;
      assert.equal(rowsOf(charged, 'detentions'), 1);
      const released = (await officer.get('/staff/register/detentions?status=released&authority=')).body;
      assert.equal(rowsOf(released, 'detentions'), 1);
      assert.ok(released.includes('Тестов Ержан'));
      const held = (await officer.get('/staff/register/detentions?place=sizo-almaty')).body;
      assert.equal(rowsOf(held, 'detentions'), 1, 'the released detainee was last held there; the other was moved on');
      assert.ok(held.includes('Тестов Ержан'));
      const gone = (await officer.get('/staff/register/detentions?place=ivs-taldykorgan')).body;
      assert.match(gone, /No detention matches these filters\./);
      const paged = (await officer.get('/staff/register/detentions?limit=1')).body;
      assert.equal(rowsOf(paged, 'detentions'), 1);
      assert.ok(paged.includes('href="/staff/register/detentions?limit=1&amp;page=2"'), 'the next page keeps the filters');
    });

    it('a place filter is the same 404 as a missing page for a holder; bad values are a 400 page; unknown ids are 404', async () => {
      const before = await storeDigest(ctx);
      const place = await holder.get('/staff/register/detentions?place=sizo-almaty');
      assert.equal(place.statusCode, 404);
      assert.ok(!place.body.includes(SENTINEL.facility1));
      assert.equal(place.body, (await holder.get(`/staff/register/persons/${randomUUID()}`)).body, 'the same answer as a missing record');
      for (const url of [
        '/staff/register/events?type=bogus',
        '/staff/register/events?from=yesterday',
        '/staff/register/figures?measure=bogus',
        '/staff/register/persons?page=0',
        '/staff/register/persons?page=x',
        '/staff/register/detentions?status=bogus',
        '/staff/register/detentions?contact=nobody',
        '/staff/register/detentions?from=2022-1-5',
        '/staff/register/detentions?limit=1000',
        '/staff/register/detentions?colour=red',
      ]) {
        const res = await officer.get(url);
        assert.equal(res.statusCode, 400, url);
        assert.match(res.body, /VALIDATION_FAILED/, url);
        assert.match(res.body, /<h1>This request could not be understood<\/h1>/, url);
      }
      for (const url of [`/staff/register/events/${randomUUID()}`, '/staff/register/events/not-an-id', `/staff/register/persons/${randomUUID()}`, '/staff/register/persons/42', '/staff/register/nowhere']) {
        for (const b of [officer, holder]) assert.equal((await b.get(url)).statusCode, 404, url);
      }
      assert.equal(await storeDigest(ctx), before, 'refused requests write nothing');
    });

    it('pages speak the language asked for, and keep it in their links', async () => {
      const fr = await officer.get('/fr/staff/register');
      assert.equal(fr.statusCode, 200);
      assert.match(fr.body, /<h1>Registre des cas<\/h1>/);
      assert.ok(fr.body.includes('href="/fr/staff/register/events"'));
      const asked = await officer.get('/staff/register/detentions?lang=ar&status=whereabouts_unknown');
      assert.equal(asked.statusCode, 301, 'a language asked for moves to its prefix');
      const ar = await officer.get(String(asked.headers.location));
      assert.equal(ar.statusCode, 200, `the language is no filter (${asked.headers.location})`);
      assert.match(ar.body, /<html lang="ar" dir="rtl">/);
      assert.match(ar.body, /direction="rtl"|سجل الاحتجاز/);
      const arOverview = await officer.get('/ar/staff/register');
      assert.match(arOverview.body, /<svg[^>]*direction="rtl"/);
    });

    it('text from records is escaped everywhere, charts included', async () => {
      const payload = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
      const event = await recordEvent(ctx, RECORDER, { type: 'other', title: `Title ${payload}`, description: payload, start: { value: '2022-01-08' }, countryCode: 'KAZ', placeIds: ['almaty'] });
      const person = await recordPerson(ctx, RECORDER, { names: [{ name: `Name ${payload}` }], occupation: payload });
      for (const url of ['/staff/register', '/staff/register/events', `/staff/register/events/${event}`, `/staff/register/persons/${person}`, `/staff/register/persons?q=${encodeURIComponent('Name')}`]) {
        const html = (await officer.get(url)).body;
        assert.ok(!html.includes('<script>alert(1)') && !html.includes('<img src=x'), url);
        assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), `${url} shows the text, escaped`);
      }
    });
  });
}
