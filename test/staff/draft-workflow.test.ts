import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { loadCommunication } from '../../src/db/repositories/communications-repository.ts';
import { readyAccount } from '../support/accounts.ts';
import { browserFor, type Browser } from '../support/http-session.ts';
import { storeDigest } from '../support/snapshot.ts';
import { DIALECTS, testContext } from '../support/stores.ts';

/** The three mandates of the joint urgent appeal and their holders in office on 29 November 2026. */
const HOLDERS = [
  { mandate: 'sr-torture', name: 'Alice Jill Edwards', email: 'torture@example.org' },
  { mandate: 'sr-assembly', name: 'Gina Romero', email: 'assembly@example.org' },
  { mandate: 'sr-executions', name: 'Morris Tidball-Binz', email: 'executions@example.org' },
] as const;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** The form of the joint urgent appeal, as the officer fills it in. */
const APPEAL = {
  type: 'UA',
  addressee: 'KAZ',
  mandates: HOLDERS.map((h) => h.mandate),
  language: 'en',
  subject: 'Detention and alleged ill-treatment of a trade unionist',
  summary: 'Information received concerning the detention of a trade unionist.',
  body: 'According to the information received, Ivan Petrov was arrested on 2 November 2026.\n\nHe was held incommunicado.',
  questions: 'Please provide any additional information.\nPlease indicate where Ivan Petrov is held.',
  victims: 'Ivan Petrov | withhold',
  concerns: 'We express grave concern.',
  annexText: 'Article 9 of the International Covenant on Civil and Political Rights.',
  confidentialAnnex: '',
};

for (const dialect of DIALECTS) {
  describe(`staff workspace: a joint urgent appeal from draft to sending (${dialect})`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let officer: Browser;
    const holders = new Map<string, Browser>();
    let outsider: Browser;
    let draftId = '';

    const decisions = async () => (await loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, draftId))!.mandates.map((m) => `${m.slug}:${m.decision}`);
    const status = async () => (await loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, draftId))!.draftingStatus;

    before(async () => {
      ({ ctx, clock, close } = await testContext(dialect, '2026-11-29T09:00:00Z'));
      app = await buildApp(ctx);
      const o = await readyAccount(ctx, clock, { email: 'officer@example.org', displayName: 'Olga Officer', role: 'case_officer' });
      officer = browserFor(app, ctx, o.sessionToken);
      for (const h of HOLDERS) {
        const a = await readyAccount(ctx, clock, { email: h.email, displayName: h.name, role: 'mandate_holder', mandate: h.mandate });
        holders.set(h.mandate, browserFor(app, ctx, a.sessionToken));
      }
      const x = await readyAccount(ctx, clock, { email: 'expression@example.org', displayName: 'Irene Khan', role: 'mandate_holder', mandate: 'sr-expression' });
      outsider = browserFor(app, ctx, x.sessionToken);
    });
    after(async () => {
      await app.close();
      await close();
    });

    it('the officer creates the joint urgent appeal through the form and submits it', async () => {
      const form = await officer.get('/staff/drafts/new');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /name="_csrf" value="[^"]+"/);
      assert.match(form.body, /<select id="mandates" name="mandates" multiple/);

      const created = await officer.post('/staff/drafts/new', APPEAL);
      assert.equal(created.statusCode, 303);
      draftId = UUID.exec(String(created.headers.location))![0];
      assert.equal(created.headers.location, `/staff/drafts/${draftId}?done=create`);

      const page = await officer.get(`/staff/drafts/${draftId}`);
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.match(page.body, /Detention and alleged ill-treatment of a trade unionist/);
      assert.equal((page.body.match(/>pending</g) ?? []).length, 3, 'each of the three mandates is pending');
      assert.deepEqual(await decisions(), ['sr-torture:pending', 'sr-assembly:pending', 'sr-executions:pending'], 'signing order as chosen');

      const submitted = await officer.post(`/staff/drafts/${draftId}/submit`);
      assert.equal(submitted.statusCode, 303);
      assert.equal(await status(), 'submitted');
    });

    it('each holder sees the draft awaiting its decision, on its home page and in its drafts', async () => {
      for (const h of HOLDERS) {
        const b = holders.get(h.mandate)!;
        const home = await b.get('/staff');
        assert.equal(home.statusCode, 200);
        assert.match(home.body, /Drafts awaiting your decision/);
        assert.ok(home.body.includes(`/staff/drafts/${draftId}`), `${h.mandate} sees the draft on its home page`);
        const list = await b.get('/staff/drafts');
        assert.ok(list.body.includes(`/staff/drafts/${draftId}`));
        const page = await b.get(`/staff/drafts/${draftId}`);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /action="\/staff\/drafts\/[^"]+\/decide"/, 'the decision form');
        assert.doesNotMatch(page.body, /\/submit"|\/send"|\/edit"|\/withdraw"/, 'no officer forms for a holder');
      }
    });

    it('a holder of another mandate gets the same 404 as a missing draft, for the page and the decision', async () => {
      const missing = await outsider.get('/staff/drafts/00000000-0000-4000-8000-000000000000');
      const refused = await outsider.get(`/staff/drafts/${draftId}`);
      assert.equal(refused.statusCode, 404);
      assert.equal(refused.body, missing.body);
      assert.equal((await outsider.get(`/staff/communications/${draftId}/letter`)).statusCode, 404);
      const list = await outsider.get('/staff/drafts');
      assert.ok(!list.body.includes(draftId), 'not in its list');
      const before = await storeDigest(ctx);
      const post = await outsider.post(`/staff/drafts/${draftId}/decide`, { decision: 'approved' });
      assert.equal(post.statusCode, 404);
      assert.equal(post.body, missing.body);
      assert.equal(await storeDigest(ctx), before, 'nothing written');
      assert.equal((await outsider.get('/staff/drafts/not-an-id')).body, missing.body);
    });

    it('one holder requests changes, another approves; deciding twice is refused on the page', async () => {
      const assembly = holders.get('sr-assembly')!;
      const asked = await assembly.post(`/staff/drafts/${draftId}/decide`, { decision: 'changes_requested', note: 'Please name the place of detention.' });
      assert.equal(asked.statusCode, 303);
      const torture = holders.get('sr-torture')!;
      assert.equal((await torture.post(`/staff/drafts/${draftId}/decide`, { decision: 'approved' })).statusCode, 303);
      assert.deepEqual(await decisions(), ['sr-torture:approved', 'sr-assembly:changes_requested', 'sr-executions:pending']);

      const before = await storeDigest(ctx);
      const again = await torture.post(`/staff/drafts/${draftId}/decide`, { decision: 'declined' });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /role="alert">This cannot be done to the record in its current state\./);
      assert.equal(await storeDigest(ctx), before, 'a refused decision writes nothing');

      const page = await officer.get(`/staff/drafts/${draftId}`);
      assert.match(page.body, /Please name the place of detention\./);
      assert.match(page.body, /changes requested/);
    });

    it('the officer edits the text: every approval is reset and the draft is out for signature again', async () => {
      const page = await officer.get(`/staff/drafts/${draftId}`);
      const version = /name="expectedVersion" value="(\d+)"/.exec(page.body)![1]!;
      const stale = await officer.post(`/staff/drafts/${draftId}/edit`, { ...APPEAL, body: `${APPEAL.body}\n\nStale.`, expectedVersion: String(Number(version) - 1) });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /role="alert">Someone else changed this record/);
      assert.match(stale.body, /Stale\./, 'what was typed is kept in the form');
      const edited = await officer.post(`/staff/drafts/${draftId}/edit`, {
        ...APPEAL,
        body: `${APPEAL.body}\n\nHe is held at the pre-trial detention centre of Almaty.`,
        expectedVersion: version,
      });
      assert.equal(edited.statusCode, 303);
      assert.equal(await status(), 'submitted');
      assert.deepEqual(await decisions(), ['sr-torture:pending', 'sr-assembly:pending', 'sr-executions:pending']);
      const c = (await loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, draftId))!;
      assert.equal((c.history.at(-1)?.details as { decisionsReset?: boolean }).decisionsReset, true);
      assert.match(c.body, /pre-trial detention centre of Almaty/);
      // Every other part stays as it was: the victim is still withheld, the questions still there.
      assert.deepEqual(c.victims, [{ name: 'Ivan Petrov', variants: [], publishName: false, publicForm: 'withheld' }]);
      assert.equal(c.questions.length, 2);
      assert.equal(c.summary, APPEAL.summary);
      const unchanged = await officer.post(`/staff/drafts/${draftId}/edit`, { ...APPEAL, body: c.body, expectedVersion: String(c.version) });
      assert.equal(unchanged.headers.location, `/staff/drafts/${draftId}?done=unchanged`);
    });

    it('a former holder of the mandate is refused with the message, and nothing is written', async () => {
      const former = await readyAccount(ctx, clock, { email: 'former@example.org', displayName: 'Nils Melzer', role: 'mandate_holder', mandate: 'sr-torture' });
      const b = browserFor(app, ctx, former.sessionToken);
      const before = await storeDigest(ctx);
      const res = await b.post(`/staff/drafts/${draftId}/decide`, { decision: 'approved' });
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /role="alert">This person did not hold the mandate on that date\./);
      assert.equal(await storeDigest(ctx), before);
    });

    it('every holder approves; the officer compares and approves the public version, then sends', async () => {
      for (const h of HOLDERS) {
        const res = await holders.get(h.mandate)!.post(`/staff/drafts/${draftId}/decide`, { decision: 'approved', note: '' });
        assert.equal(res.statusCode, 303, h.mandate);
      }
      assert.equal(await status(), 'approved');

      const page = await officer.get(`/staff/drafts/${draftId}`);
      assert.match(page.body, /<del>Ivan Petrov<\/del>|<del>[^<]*Ivan[^<]*<\/del>/, 'the withheld name is marked in the full letter');
      assert.match(page.body, /<ins>[^<]*withheld[^<]*<\/ins>/, 'and its replacement in the public version');
      assert.match(page.body, /action="\/staff\/drafts\/[^"]+\/send"/);

      assert.equal((await officer.post(`/staff/drafts/${draftId}/approve-public`)).statusCode, 303);
      const sent = await officer.post(`/staff/drafts/${draftId}/send`);
      assert.equal(sent.statusCode, 303);
      assert.equal(sent.headers.location, `/staff/communications/${draftId}?done=send`);
      const c = (await loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, draftId))!;
      assert.equal(c.reference, 'UA KAZ 1/2026');

      const letter = await officer.get(String(sent.headers.location));
      assert.equal(letter.statusCode, 200);
      assert.match(letter.body, /<dd dir="ltr" id="reference">UA KAZ 1\/2026<\/dd>/);
      assert.match(letter.body, /The letter was sent and its reference allocated\./);
      assert.match(letter.body, /28 January 2027/, 'the reply deadline, 60 days after sending');
      // The draft's address now leads to the letter.
      assert.equal((await officer.get(`/staff/drafts/${draftId}`)).headers.location, `/staff/communications/${draftId}`);
      // A signing mandate's holder reads it, without the officer's forms.
      const holderView = await holders.get('sr-torture')!.get(`/staff/communications/${draftId}`);
      assert.equal(holderView.statusCode, 200);
      assert.doesNotMatch(holderView.body, /\/hold"|\/replies"|\/publish"/);
    });

    it('staff read the full letter in HTML and PDF, never cached, and each reading is audited', async () => {
      const html = await officer.get(`/staff/communications/${draftId}/letter`);
      assert.equal(html.statusCode, 200);
      assert.equal(html.headers['cache-control'], 'no-store');
      assert.match(html.body, /Ivan Petrov/, 'the full version names the victim');
      const pdf = await holders.get('sr-assembly')!.get(`/staff/communications/${draftId}/letter.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.headers['cache-control'], 'no-store');
      assert.match(String(pdf.headers['content-disposition']), /UA-KAZ-1-2026\.pdf/);
      const reads = await ctx.store.db.selectFrom('audit_log').select(['actor', 'action']).where('action', '=', 'read.full_letter').execute();
      assert.deepEqual(reads.map((r) => r.actor).sort(), ['Gina Romero', 'Olga Officer']);
    });
  });
}
