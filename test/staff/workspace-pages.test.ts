import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { approvePublicVersion } from '../../src/commands/approve-public-version.ts';
import { createDraft } from '../../src/commands/create-draft.ts';
import { decideDraft } from '../../src/commands/decide-draft.ts';
import { holdPublication } from '../../src/commands/hold-publication.ts';
import { sendCommunication } from '../../src/commands/send-communication.ts';
import { submitDraft } from '../../src/commands/submit-draft.ts';
import type { AppContext } from '../../src/context.ts';
import { loadCommunication } from '../../src/db/repositories/communications-repository.ts';
import type { Communication } from '../../src/domain/communication.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { staff } from '../../src/policies/principal.ts';
import { readyAccount, signIn, type ReadyAccount } from '../support/accounts.ts';
import { browserFor, type Browser } from '../support/http-session.ts';
import { storeDigest } from '../support/snapshot.ts';
import { DIALECTS, testContext } from '../support/stores.ts';

const OFFICER = staff('Olga Officer');

/** Holders in office on 29 November 2026. */
const HOLDERS_2026: Record<string, string> = {
  'sr-torture': 'Alice Jill Edwards',
  'sr-assembly': 'Gina Romero',
  'sr-executions': 'Morris Tidball-Binz',
};

const XSS = '<script>alert(1)</script>';

/** A draft created, submitted and (unless `stop`) approved by every mandate, its public version approved and sent. */
async function letter(
  ctx: AppContext,
  input: { type: 'AL' | 'UA' | 'OL'; addressee: string; mandates: string[]; subject: string; body?: string; questions?: string[] },
  stop?: 'draft' | 'submitted',
): Promise<Communication> {
  const draft = await createDraft(ctx, OFFICER, { summary: `Summary of ${input.subject}`, ...input });
  if (stop === 'draft') return draft;
  await submitDraft(ctx, OFFICER, draft.id);
  if (stop === 'submitted') return (await loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, draft.id))!;
  for (const m of input.mandates) await decideDraft(ctx, OFFICER, draft.id, { mandate: m, decision: 'approved', holder: HOLDERS_2026[m] });
  await approvePublicVersion(ctx, OFFICER, draft.id);
  return sendCommunication(ctx, OFFICER, draft.id);
}

for (const dialect of DIALECTS) {
  describe(`staff workspace pages (${dialect})`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let officer: Browser;
    let torture: Browser;
    let assembly: Browser;
    let alpha: Communication;
    let beta: Communication;
    let gamma: Communication;
    let held: Communication;
    let xssDraft: Communication;
    let xssSent: Communication;

    let accounts: ReadyAccount[] = [];
    /** Sessions end when idle: after the clock moves by days, everyone signs in again. */
    const signInAll = async () => {
      const browsers: Browser[] = [];
      for (const a of accounts) browsers.push(browserFor(app, ctx, await signIn(ctx, clock, a)));
      [officer, torture, assembly] = browsers as [Browser, Browser, Browser];
    };
    const load = async (id: string) => (await loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, id))!;

    before(async () => {
      ({ ctx, clock, close } = await testContext(dialect, '2026-11-29T09:00:00Z'));
      app = await buildApp(ctx);
      alpha = await letter(ctx, { type: 'UA', addressee: 'KAZ', mandates: ['sr-torture'], subject: 'Alpha case of ill-treatment' });
      clock.advanceHours(1);
      beta = await letter(ctx, { type: 'AL', addressee: 'BRA', mandates: ['sr-assembly'], subject: 'Beta dispersal of a protest' });
      clock.advanceHours(1);
      held = await letter(ctx, { type: 'AL', addressee: 'BRA', mandates: ['sr-executions'], subject: 'Delta killings in custody' });
      await holdPublication(ctx, OFFICER, held.id, { reason: 'Risk of reprisals against the family.', until: '2027-01-15' });
      gamma = await letter(ctx, { type: 'AL', addressee: 'KAZ', mandates: ['sr-assembly'], subject: 'Gamma assembly draft' }, 'submitted');
      xssDraft = await letter(ctx, { type: 'UA', addressee: 'KAZ', mandates: ['sr-torture'], subject: `Payload ${XSS}`, body: `Body ${XSS}`, questions: [`Question ${XSS}?`] }, 'submitted');
      xssSent = await letter(ctx, { type: 'UA', addressee: 'KAZ', mandates: ['sr-torture'], subject: `Sent payload ${XSS}`, body: `Body ${XSS}`, questions: [`Question ${XSS}?`] });
      assert.equal(alpha.reference, 'UA KAZ 1/2026');
      assert.equal(beta.reference, 'AL BRA 1/2026');
      accounts = [
        await readyAccount(ctx, clock, { email: 'officer@example.org', displayName: 'Olga Officer', role: 'case_officer' }),
        await readyAccount(ctx, clock, { email: 't@example.org', displayName: 'Alice Jill Edwards', role: 'mandate_holder', mandate: 'sr-torture' }),
        await readyAccount(ctx, clock, { email: 'a@example.org', displayName: 'Gina Romero', role: 'mandate_holder', mandate: 'sr-assembly' }),
      ];
      await signInAll();
    });
    after(async () => {
      await app.close();
      await close();
    });

    it('the officer records a reply; the page links to its review; a reply dated in the future is refused', async () => {
      const page = `/staff/communications/${alpha.id}`;
      const before = await storeDigest(ctx);
      const future = await officer.post(`${page}/replies`, { receivedOn: '2026-12-31', kind: 'substantive', language: 'ru', summary: 'Too early.' });
      assert.equal(future.statusCode, 400);
      assert.match(future.body, /role="alert">This is not a valid date\./);
      assert.match(future.body, /Too early\./, 'what was typed is kept');
      assert.equal(await storeDigest(ctx), before, 'nothing written');

      clock.advanceDays(3);
      await signInAll();
      const ok = await officer.post(`${page}/replies`, { receivedOn: '2026-12-01', kind: 'substantive', language: 'ru', summary: 'The Government replied.' });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, `${page}?done=reply`);
      const c = await load(alpha.id);
      assert.equal(c.replyStatus, 'replied');
      const shown = await officer.get(page);
      assert.ok(shown.body.includes(`href="/staff/replies/${c.replies[0]!.id}"`), 'a link to the reply review page');
      assert.match(shown.body, /The Government replied\./);
    });

    it('the officer holds, releases, publishes and retracts, each with its reason; a refused step writes nothing', async () => {
      const page = `/staff/communications/${alpha.id}`;
      assert.equal((await officer.post(`${page}/hold`, { reason: 'Risk of reprisals.', until: '2027-01-10' })).statusCode, 303);
      let c = await load(alpha.id);
      assert.deepEqual([c.publicationStatus, c.heldUntil, c.holdReason], ['held', '2027-01-10', 'Risk of reprisals.']);
      const heldPage = await officer.get(page);
      assert.match(heldPage.body, /Risk of reprisals\./);
      assert.match(heldPage.body, /action="[^"]+\/release"/);

      const before = await storeDigest(ctx);
      const noReason = await officer.post(`${page}/release`, { reason: '' });
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /role="alert">The value given for “Reason” is not valid\./);
      const again = await officer.post(`${page}/hold`, { reason: 'Twice.' });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /role="alert">/);
      assert.equal(await storeDigest(ctx), before);

      assert.equal((await officer.post(`${page}/release`, { reason: 'The risk has passed.' })).statusCode, 303);
      assert.equal((await load(alpha.id)).publicationStatus, 'scheduled');
      assert.equal((await officer.post(`${page}/publish`, { reason: 'Press release today.' })).statusCode, 303);
      c = await load(alpha.id);
      assert.equal(c.publicationStatus, 'published');
      assert.ok((await officer.get(page)).body.includes('href="/communications/UA-KAZ-1-2026"'), 'a link to the public page');
      assert.equal((await app.inject({ method: 'GET', url: '/communications/UA-KAZ-1-2026' })).statusCode, 200);
      assert.equal((await officer.post(`${page}/retract`, { reason: 'A victim withdrew consent.' })).statusCode, 303);
      assert.equal((await load(alpha.id)).publicationStatus, 'retracted');
      assert.equal((await app.inject({ method: 'GET', url: '/communications/UA-KAZ-1-2026' })).statusCode, 404);
      const history = (await officer.get(page)).body;
      for (const reason of ['Risk of reprisals.', 'The risk has passed.', 'Press release today.', 'A victim withdrew consent.']) assert.ok(history.includes(reason), reason);
    });

    it('mandate holders may read but not act on a sent letter; the forms are the officers’ alone', async () => {
      const page = `/staff/communications/${alpha.id}`;
      assert.equal((await torture.get(page)).statusCode, 200);
      assert.equal((await assembly.get(page)).statusCode, 404, 'not signed by its mandate');
      const before = await storeDigest(ctx);
      for (const path of ['replies', 'hold', 'release', 'publish', 'retract', 'approve-public']) {
        const res = await torture.post(`${page}/${path}`, { reason: 'Holder tries.', receivedOn: '2026-12-01', kind: 'substantive' });
        assert.equal(res.statusCode, 404, path);
      }
      assert.equal((await torture.post(`/staff/drafts/${gamma.id}/submit`)).statusCode, 404);
      assert.equal((await torture.get('/staff/drafts/new')).statusCode, 404);
      assert.equal(await storeDigest(ctx), before);
    });

    it('the deadlines page lists publication due by date, holds with their review dates, and replies overdue as the clock moves', async () => {
      let page = await officer.get('/staff/deadlines');
      assert.equal(page.statusCode, 200);
      const section = (html: string, id: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));
      let due = section(page.body, 'publication-due');
      assert.ok(due.includes(beta.id) && due.includes(xssSent.id), 'scheduled letters are due');
      assert.ok(!due.includes(alpha.id) && !due.includes(held.id), 'retracted and held ones are not');
      assert.ok(due.indexOf(beta.id) < due.indexOf(xssSent.id), 'the earliest due first');
      const holds = section(page.body, 'publication-held');
      assert.ok(holds.includes(held.id));
      assert.match(holds, /15 January 2027/);
      assert.match(holds, /Risk of reprisals against the family\./);
      assert.ok(!section(page.body, 'replies-overdue').includes(beta.id), 'nothing overdue yet');

      clock.advanceDays(61);
      await signInAll();
      page = await officer.get('/staff/deadlines');
      const overdue = section(page.body, 'replies-overdue');
      assert.ok(overdue.includes(beta.id) && overdue.includes(xssSent.id) && overdue.includes(held.id));
      assert.ok(!overdue.includes(alpha.id), 'a letter that was answered is not overdue');
      due = section(page.body, 'publication-due');
      assert.ok(due.includes(beta.id), 'past due, waiting for the scheduler');

      const home = await officer.get('/staff');
      assert.equal(home.statusCode, 200);
      assert.match(section(home.body, 'repliesOverdue'), /3 letters/);
      assert.match(section(home.body, 'publicationHeld'), /1 letter/);
      assert.match(section(home.body, 'awaitingDecisions'), /2 letters/);
      assert.match(home.body, /href="\/staff\/submissions\?status=received"/, 'the inbox count links to the inbox');

      // A mandate holder's deadlines are those of the letters its mandate signs.
      const mine = await assembly.get('/staff/deadlines');
      assert.ok(mine.body.includes(beta.id));
      assert.ok(!mine.body.includes(held.id) && !mine.body.includes(xssSent.id));
    });

    it('search finds by reference (either form), subject and summary; a holder never finds another mandate’s letters', async () => {
      for (const q of ['UA KAZ 1/2026', 'ua-kaz-1-2026', 'alpha CASE', 'Summary of Alpha']) {
        const res = await officer.get(`/staff/search?q=${encodeURIComponent(q)}`);
        assert.equal(res.statusCode, 200, q);
        assert.ok(res.body.includes(`/staff/communications/${alpha.id}`), q);
      }
      const drafts = await officer.get('/staff/search?q=gamma');
      assert.ok(drafts.body.includes(`/staff/drafts/${gamma.id}`), 'drafts are found too');
      assert.match(drafts.body, /<h2 id="submissions-title">/, 'officers search the submissions too');
      const wildcard = await officer.get(`/staff/search?q=${encodeURIComponent('%_')}`);
      assert.match(wildcard.body, /nothing found/, 'LIKE wildcards are taken literally');

      const holder = await torture.get('/staff/search?q=a');
      assert.equal(holder.statusCode, 400, 'one character is too short');
      assert.match(holder.body, /role="alert"/);
      const mine = await torture.get('/staff/search?q=case');
      assert.ok(mine.body.includes(alpha.id));
      const others = await torture.get('/staff/search?q=gamma');
      assert.ok(!others.body.includes(gamma.id), 'another mandate’s draft is never found');
      assert.doesNotMatch(others.body, /<h2 id="submissions-title"/, 'holders do not search submissions');
      const byRef = await assembly.get(`/staff/search?q=${encodeURIComponent('UA KAZ 1/2026')}`);
      assert.ok(!byRef.body.includes(alpha.id), 'not even by its reference');
    });

    it('every POST without the CSRF token is refused with CSRF_INVALID and writes nothing', async () => {
      const drafts = ['edit', 'submit', 'withdraw', 'approve-public', 'send', 'decide'].map((p) => `/staff/drafts/${gamma.id}/${p}`);
      const letters = ['replies', 'hold', 'release', 'publish', 'retract', 'approve-public'].map((p) => `/staff/communications/${beta.id}/${p}`);
      const before = await storeDigest(ctx);
      for (const url of ['/staff/drafts/new', ...drafts, ...letters]) {
        for (const who of [officer, assembly]) {
          const res = await who.inject({
            method: 'POST',
            url,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: new URLSearchParams({ reason: 'No token.', decision: 'approved', subject: 'x', type: 'AL', addressee: 'KAZ', mandates: 'wgad' }).toString(),
          });
          assert.equal(res.statusCode, 403, url);
          assert.match(res.body, /CSRF_INVALID/, url);
        }
        const forged = await officer.post(url, { _csrf: 'forged', reason: 'Forged token.' });
        assert.equal(forged.statusCode, 403, url);
      }
      assert.equal(await storeDigest(ctx), before);
    });

    it('a script in a subject, body or question is escaped on every page', async () => {
      const created = await officer.post('/staff/drafts/new', {
        type: 'OL', addressee: 'KAZ', mandates: ['sr-torture'], subject: `Form ${XSS}`, body: `Form body ${XSS}`, questions: `Form question ${XSS}`,
        victims: `Name ${XSS} | withhold`,
      });
      assert.equal(created.statusCode, 303);
      const formDraft = String(created.headers.location).split('?')[0]!;
      const invalid = await officer.post('/staff/drafts/new', { type: 'OL', addressee: 'KAZ', mandates: ['sr-torture'], subject: `Bad ${XSS}`, victims: 'No choice here' });
      assert.equal(invalid.statusCode, 400);
      const pages = [
        invalid,
        await officer.get('/staff'),
        await officer.get('/staff/drafts'),
        await officer.get(formDraft),
        await officer.get(`/staff/drafts/${xssDraft.id}`),
        await torture.get(`/staff/drafts/${xssDraft.id}`),
        await torture.get('/staff'),
        await officer.get(`/staff/communications/${xssSent.id}`),
        await officer.get(`/staff/communications/${xssSent.id}/letter`),
        await officer.get('/staff/deadlines'),
        await officer.get(`/staff/search?q=${encodeURIComponent(XSS)}`),
        await officer.get('/staff/search?q=payload'),
      ];
      for (const res of pages) {
        assert.ok(res.statusCode === 200 || res.statusCode === 400, String(res.statusCode));
        assert.ok(!res.body.includes(XSS), `raw script on a page: ${res.body.slice(res.body.indexOf('<script'), res.body.indexOf('<script') + 80)}`);
      }
      assert.ok(pages.some((p) => p.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;')));
    });

    it('every workspace page is private: never stored by a browser or proxy', async () => {
      const urls = [
        '/staff', '/staff/drafts', '/staff/drafts?status=withdrawn', '/staff/drafts/new', `/staff/drafts/${gamma.id}`,
        `/staff/communications/${beta.id}`, `/staff/communications/${beta.id}/letter`, `/staff/communications/${beta.id}/letter.pdf`,
        '/staff/deadlines', '/staff/search', '/staff/search?q=beta',
      ];
      for (const url of urls) {
        const res = await officer.get(url);
        assert.equal(res.statusCode, 200, url);
        assert.equal(res.headers['cache-control'], 'no-store', url);
      }
      const anonymous = await app.inject({ method: 'GET', url: '/staff/drafts' });
      assert.equal(anonymous.statusCode, 303);
      assert.match(String(anonymous.headers.location), /^\/sign-in\?next=%2Fstaff%2Fdrafts/);
    });
  });
}
