import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { createDraft } from '../../src/commands/create-draft.ts';
import { holdPublication } from '../../src/commands/hold-publication.ts';
import { publishDue } from '../../src/commands/publish-due.ts';
import { recordReply } from '../../src/commands/record-reply.ts';
import { retractCommunication } from '../../src/commands/retract-communication.ts';
import type { AppContext } from '../../src/context.ts';
import { rowsOfSession, rowsWithRepliesIn } from '../../src/db/repositories/public-report-repository.ts';
import { recordOfRow } from '../../src/db/repositories/public-repository.ts';
import { sessionWindows } from '../../src/domain/sessions-calendar.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { SYSTEM } from '../../src/policies/principal.ts';
import { extract } from '../support/pdf-text.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { OFFICER, sendDraft } from '../support/workflow.ts';

const SENTINEL = 'SENTINEL-HELD-5c1e';
const RETRACTED = 'SENTINEL-RETRACTED-2b9d';

/**
 * Letters on both sides of the edges of the 50th session's windows (sent 1 December 2021 to 28 February
 * 2022, replies counted 1 February to 30 April 2022), sent at times whose Geneva date differs from their
 * UTC date; a held letter in the window carrying the sentinel; replies in and out of the windows.
 */
async function seed(ctx: AppContext, clock: { set(to: string): void }) {
  const letter = (subject: string, extra: Record<string, unknown> = {}) => ({
    type: 'AL',
    addressee: 'KAZ',
    mandates: ['wgad'],
    subject,
    questions: ['Please provide information.'],
    ...extra,
  });
  clock.set('2021-11-30T10:00:00Z');
  const earlier = await sendDraft(ctx, letter('Sent on the last day of the 49th session window'));
  // 23:30 UTC on 30 November is 00:30 on 1 December in Geneva: the first day of the 50th session's window.
  clock.set('2021-11-30T23:30:00Z');
  const edge = await sendDraft(ctx, letter('Sent at the first hour of the window', { type: 'UA', addressee: 'BRA' }));
  clock.set('2022-01-18T09:00:00Z');
  const joint = await sendDraft(ctx, letter('A joint letter', { mandates: ['sr-assembly', 'wgad'], synthetic: true }));
  clock.set('2022-01-20T09:00:00Z');
  const held = await sendDraft(ctx, letter(`Held ${SENTINEL}`, { summary: `Summary ${SENTINEL}`, body: `Body ${SENTINEL}` }));
  await holdPublication(ctx, OFFICER, held, { reason: 'Risk of reprisals against the family.' });
  await createDraft(ctx, OFFICER, letter(`Draft ${SENTINEL}`));
  clock.set('2022-01-25T09:00:00Z');
  const retracted = await sendDraft(ctx, letter(`Retracted ${RETRACTED}`, { addressee: 'EGY' }));
  // 22:30 UTC on 28 February is 23:30 in Geneva, still the last day; an hour later is 1 March.
  clock.set('2022-02-28T22:30:00Z');
  const lastDay = await sendDraft(ctx, letter('Comments on a draft law', { type: 'OL' }));
  clock.set('2022-02-28T23:30:00Z');
  const next = await sendDraft(ctx, letter('Sent at the first hour of the next window'));
  clock.set('2022-05-15T09:00:00Z');
  await publishDue(ctx, SYSTEM);
  await retractCommunication(ctx, OFFICER, retracted, { reason: 'Published by mistake.' });
  await recordReply(ctx, OFFICER, earlier, { receivedOn: '2022-02-10', kind: 'substantive', language: 'ru', summary: 'A reply.' });
  await recordReply(ctx, OFFICER, joint, { receivedOn: '2022-04-30', kind: 'partial', language: 'en', summary: 'A partial reply.' });
  await recordReply(ctx, OFFICER, edge, { receivedOn: '2022-05-10', kind: 'substantive', language: 'pt', summary: 'A late reply.' });
  await recordReply(ctx, OFFICER, held, { receivedOn: '2022-03-01', kind: 'substantive', language: 'ru', summary: `Reply ${SENTINEL}` });
  await recordReply(ctx, OFFICER, retracted, { receivedOn: '2022-03-02', kind: 'substantive', language: 'ar', summary: `Reply ${RETRACTED}` });
  return { earlier, edge, joint, held, lastDay, next, retracted };
}

/** The part of a page between two element ids. */
function between(html: string, from: string, to: string): string {
  const start = html.indexOf(`id="${from}"`);
  const end = html.indexOf(`id="${to}"`);
  assert.ok(start >= 0 && end > start, `${from} before ${to}`);
  return html.slice(start, end);
}

for (const dialect of DIALECTS) {
  describe(`reports to the Council (${dialect})`, () => {
    let app: FastifyInstance;
    let ctx: AppContext;
    let close: () => Promise<void>;
    let refs: Awaited<ReturnType<typeof seed>>;

    before(async () => {
      const t = await testContext(dialect, '2021-11-30T10:00:00Z');
      ({ ctx, close } = t);
      refs = await seed(t.ctx, t.clock);
      app = await buildApp(t.ctx);
    });
    after(async () => {
      await app.close();
      await close();
    });

    it('seeds the letters the tests expect', () => {
      assert.deepEqual(refs, {
        earlier: 'AL KAZ 1/2021',
        edge: 'UA BRA 1/2021',
        joint: 'AL KAZ 1/2022',
        held: 'AL KAZ 2/2022',
        lastDay: 'OL KAZ 3/2022',
        next: 'AL KAZ 4/2022',
        retracted: 'AL EGY 1/2022',
      });
    });

    it('reads from the public database the rows of a session and those with a reply in its reply window, filtered in SQL', async () => {
      const references = (rows: Array<{ document: string }>) => rows.map((r) => recordOfRow(r).reference).sort();
      const w50 = sessionWindows(50);
      assert.deepEqual(references(await rowsOfSession(ctx.store.db, 50, w50.sent)), [refs.joint, refs.lastDay, refs.edge].sort());
      assert.deepEqual(references(await rowsWithRepliesIn(ctx.store.db, ctx.store.dialect, w50.sent.from, w50.replies)), [refs.earlier]);
      // May to July 2022: the late reply to the letter of the 50th session; not the joint letter's of 30 April.
      const w51 = sessionWindows(51);
      assert.deepEqual(references(await rowsOfSession(ctx.store.db, 51, w51.sent)), [refs.next]);
      assert.deepEqual(references(await rowsWithRepliesIn(ctx.store.db, ctx.store.dialect, w51.sent.from, w51.replies)), [refs.edge]);
      const w49 = sessionWindows(49);
      assert.deepEqual(references(await rowsWithRepliesIn(ctx.store.db, ctx.store.dialect, w49.sent.from, w49.replies)), []);
    });

    it('lists the reports from the 18th session to the latest whose window has started', async () => {
      const res = await app.inject('/reports/sessions');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      // On 15 May 2022 the window of the 51st session (September 2022) is open; the 52nd's is not.
      assert.ok(res.body.includes('href="/reports/sessions/51"'));
      assert.ok(res.body.includes('href="/reports/sessions/18"'));
      assert.ok(!res.body.includes('href="/reports/sessions/52"'));
      assert.match(res.body, /Communications report, 50th session/);
      assert.match(res.body, /June 2022/);
      const fr = await app.inject('/fr/reports/sessions');
      assert.ok(fr.body.includes('href="/fr/reports/sessions/50"'));
      assert.match(fr.body, /Rapport sur les communications, 50e session/);
    });

    it('shows the report of a session: its windows, section A and section B', async () => {
      const res = await app.inject('/reports/sessions/50');
      assert.equal(res.statusCode, 200);
      const page = res.body;
      assert.match(page, /Human Rights Council, 50th session/);
      assert.match(page, /1 December 2021 to 28 February 2022/);
      assert.match(page, /1 February 2022 to 30 April 2022/);
      const a = between(page, 'section-a', 'section-b');
      const b = between(page, 'section-b', 'statistics');
      for (const ref of [refs.edge, refs.joint, refs.lastDay]) assert.ok(a.includes(ref), `${ref} is in section A`);
      for (const ref of [refs.earlier, refs.next]) assert.ok(!a.includes(ref), `${ref} is not in section A`);
      assert.ok(a.indexOf(refs.edge) < a.indexOf(refs.joint) && a.indexOf(refs.joint) < a.indexOf(refs.lastDay), 'in date order');
      assert.ok(a.includes('href="/communications/UA-BRA-1-2021"'));
      assert.match(a, /30 April 2022: Partial reply/);
      assert.match(a, /10 May 2022: Reply — outside the window, counted in the report of the 51st session/);
      assert.ok(b.includes(refs.earlier) && !b.includes(refs.joint), 'section B holds the reply to the earlier letter');
      assert.match(b, /10 February 2022/);
      assert.ok(b.includes('href="/reports/sessions/49"'));
      assert.match(page, /3 communications sent/);
      assert.match(page, /1 replied to within the window \(33\.3%\)/);
      assert.match(page, /1 reply to earlier communications/);
      assert.match(page, /Working Group on Arbitrary Detention/);
      assert.match(page, /Elina Steinerte/);
      assert.ok(page.includes('href="/fr/reports/sessions/50.pdf"') && page.includes('href="/es/reports/sessions/50.csv"'));
    });

    it('counts a late reply in the next report, and the letter sent an hour later there too', async () => {
      const page = (await app.inject('/reports/sessions/51')).body;
      const a = between(page, 'section-a', 'section-b');
      const b = between(page, 'section-b', 'statistics');
      assert.ok(a.includes(refs.next) && !a.includes(refs.lastDay));
      assert.ok(b.includes(refs.edge) && b.includes('10 May 2022'));
      assert.match(page, /The reply window closes on 31 July 2022/);
      const earlier = between((await app.inject('/reports/sessions/49')).body, 'section-a', 'section-b');
      assert.ok(earlier.includes(refs.earlier) && !earlier.includes(refs.edge));
    });

    it('speaks the language of the site, and falls back on English labels for none', async () => {
      const fr = await app.inject('/fr/reports/sessions/50');
      assert.equal(fr.statusCode, 200);
      assert.match(fr.body, /<html lang="fr"/);
      assert.match(fr.body, /Conseil des droits de l’homme, 50e session/);
      assert.match(fr.body, /Groupe de travail sur la détention arbitraire/);
      const es = await app.inject('/es/reports/sessions/50');
      assert.match(es.body, /50\.º período de sesiones/);
      const ar = await app.inject('/ar/reports/sessions/50');
      assert.equal(ar.statusCode, 200);
      assert.match(ar.body, /<html lang="ar" dir="rtl"/);
      const ru = await app.inject('/ru/reports/sessions/50');
      assert.match(ru.body, /50-я сессия/);
      const zh = await app.inject('/zh/reports/sessions/50');
      assert.equal(zh.statusCode, 200);
      assert.match(zh.body, /Communications report/, 'Chinese falls back on the English labels');
    });

    it('gives the report as CSV: a row per communication of section A and per reply of section B', async () => {
      const res = await app.inject('/reports/sessions/50.csv');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.match(String(res.headers['content-disposition']), /attachment; filename="communications-report-hrc-50-en\.csv"/);
      const lines = res.body.replace(/^\uFEFF/, '').trim().split('\n');
      assert.match(lines[0]!, /^section,reference,type,display_type,joint,addressee_code,addressee,mandates,mandate_titles,sent_date,/);
      assert.equal(lines.length, 1 + 3 + 1);
      assert.deepEqual(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(',')), ['A,UA BRA 1/2021', 'A,AL KAZ 1/2022', 'A,OL KAZ 3/2022', 'B,AL KAZ 1/2021']);
      assert.match(lines[2]!, /,2022-01-18,A joint letter,50,true,1,0,,,,true$/);
      assert.match(lines[4]!, /,2021-11-30,Sent on the last day of the 49th session window,49,,,,2022-02-10,substantive,ru,false$/);
    });

    it('gives the CSV and the PDF in French or Spanish, by prefix or ?lang=', async () => {
      const redirect = await app.inject('/reports/sessions/50.csv?lang=fr');
      assert.equal(redirect.statusCode, 301);
      assert.equal(redirect.headers.location, '/fr/reports/sessions/50.csv');
      const csv = await app.inject('/fr/reports/sessions/50.csv');
      assert.equal(csv.headers['content-language'], 'fr');
      assert.match(csv.body, /Groupe de travail sur la détention arbitraire/);
      // Russian has no report of its own: the download is in English.
      const ru = await app.inject('/ru/reports/sessions/50.pdf');
      assert.equal(ru.headers['content-language'], 'en');
      const es = await app.inject('/es/reports/sessions/50.pdf');
      assert.equal(es.statusCode, 200);
      const text = (await extract(es.rawPayload)).pages.map((p) => p.text).join(' ');
      assert.match(text, /Informe sobre las comunicaciones/);
      assert.match(text, /Grupo de Trabajo sobre la Detención Arbitraria/i);
    });

    it('gives the report as an A4 PDF with its title, windows and tables', async () => {
      const res = await app.inject('/reports/sessions/50.pdf');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      const { pages, info } = await extract(res.rawPayload);
      assert.equal(info.Title, 'Communications report, 50th session');
      const text = pages.map((p) => p.text).join(' ');
      assert.match(text, /Communications sent: 1 December 2021 to 28 February 2022/);
      for (const ref of [refs.earlier, refs.edge, refs.joint, refs.lastDay]) assert.ok(text.includes(ref), `${ref} in the PDF`);
      assert.match(text, /Communications by type/);
      assert.match(text, /Page 1 of \d/);
    });

    it('shows a held, retracted or unpublished communication nowhere in any report', async () => {
      const urls = ['/reports/sessions', '/reports/sessions/50', '/reports/sessions/51', '/fr/reports/sessions/50', '/reports/sessions/50.csv', '/reports/sessions/51.csv'];
      for (const url of urls) {
        const body = (await app.inject(url)).body;
        assert.ok(!body.includes(SENTINEL) && !body.includes(RETRACTED), `${url} leaks the held or the retracted letter`);
        assert.ok(!body.includes(refs.held) && !body.includes(refs.retracted), `${url} names the held or the retracted letter`);
      }
      for (const url of ['/reports/sessions/50.pdf', '/fr/reports/sessions/51.pdf']) {
        const text = (await extract((await app.inject(url)).rawPayload)).pages.map((p) => p.text).join(' ');
        assert.ok(text.length > 100);
        assert.ok(!text.includes(SENTINEL) && !text.includes(refs.held), `${url} leaks the held letter`);
        assert.ok(!text.includes(RETRACTED) && !text.includes(refs.retracted), `${url} leaks the retracted letter`);
      }
      const index = (await app.inject('/reports/sessions')).body;
      assert.match(index, /3 published communications/, 'the count of the 50th session leaves the held letter out');
    });

    it('answers a session without a report with the site’s 404 page, never a 500', async () => {
      for (const n of ['abc', '5', '17', '52', '999', '50.5', '-50', '0050x', '50.txt', '1e2', '%20', '99999999999999999999']) {
        for (const suffix of ['', '.csv', '.pdf']) {
          const url = `/reports/sessions/${n}${suffix}`;
          const res = await app.inject(url);
          assert.equal(res.statusCode, 404, url);
          assert.match(String(res.headers['content-type']), /^text\/html/, url);
          assert.match(res.body, /class="error-page"/, url);
        }
      }
      const trailing = await app.inject('/reports/sessions/');
      assert.equal(trailing.statusCode, 404);
    });
  });
}
