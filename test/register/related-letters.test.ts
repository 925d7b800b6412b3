import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { holdPublication } from '../../src/commands/hold-publication.ts';
import { publishDue } from '../../src/commands/publish-due.ts';
import { linkCommunication } from '../../src/commands/register/link-communication.ts';
import { recordEvent } from '../../src/commands/register/record-event.ts';
import { recordPerson } from '../../src/commands/register/record-person.ts';
import { retractCommunication } from '../../src/commands/retract-communication.ts';
import type { AppContext } from '../../src/context.ts';
import type { Communication } from '../../src/domain/communication.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { SYSTEM } from '../../src/policies/principal.ts';
import { presentPublicCommunication } from '../../src/presenters/communication-presenter.ts';
import { getPublishedCommunication, lettersSharingEvents } from '../../src/queries/get-published-communication.ts';
import { relatedLettersView } from '../../src/web/related-letters-view.ts';
import { renderPage } from '../../src/web/render-page.ts';
import { communicationView, pageShell } from '../../src/web/view-models.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { OFFICER, sendNew } from '../support/workflow.ts';

/**
 * "Related letters (same events)" on a public communication's page: the other published letters linked to
 * an event this one is linked to — never an unpublished one, never one that shares only a person, and never
 * anything of the event itself (an internal record).
 */

const EVENT_TITLE = 'EVENTSENTINEL-TITLE-5521';
const EVENT_DESCRIPTION = 'EVENTSENTINEL-DESCRIPTION-5522';

const slugOf = (c: Communication) => c.reference!.replace(/[ /]/g, '-');

/** The "related letters (same events)" section of a page, or null when the page has none. */
function relatedSection(html: string): string | null {
  const start = html.indexOf('aria-labelledby="related-events"');
  if (start < 0) return null;
  return html.slice(start, html.indexOf('</section>', start));
}

for (const dialect of DIALECTS) {
  describe(`related letters through shared events (${dialect})`, () => {
    let ctx: AppContext;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    const letters: Record<'a' | 'b' | 'held' | 'other' | 'person', Communication> = {} as never;

    before(async () => {
      const t = await testContext(dialect, '2022-01-18T08:00:00Z');
      ({ ctx, close } = t);
      app = await buildApp(ctx);
      letters.a = await sendNew(ctx, { subject: 'Letter A about the dispersal' });
      letters.b = await sendNew(ctx, { type: 'UA', mandates: ['wgad'], subject: 'Letter B about the dispersal' });
      letters.held = await sendNew(ctx, { subject: 'HELDSENTINEL-SUBJECT-5523' });
      letters.other = await sendNew(ctx, { subject: 'Letter about another event' });
      letters.person = await sendNew(ctx, { subject: 'Letter about the same person only' });
      const event = await recordEvent(ctx, OFFICER, { type: 'dispersal', title: EVENT_TITLE, description: EVENT_DESCRIPTION, start: { value: '2022-01-04' }, countryCode: 'KAZ' });
      const another = await recordEvent(ctx, OFFICER, { type: 'assembly', title: 'Another event', start: { value: '2022-01-02' }, countryCode: 'KAZ' });
      const person = await recordPerson(ctx, OFFICER, { names: [{ name: 'Aigul Serikova' }], synthetic: true });
      for (const c of [letters.a, letters.b, letters.held]) await linkCommunication(ctx, OFFICER, { communicationId: c.id, recordType: 'event', recordId: event });
      await linkCommunication(ctx, OFFICER, { communicationId: letters.other.id, recordType: 'event', recordId: another });
      for (const c of [letters.a, letters.person]) await linkCommunication(ctx, OFFICER, { communicationId: c.id, recordType: 'person', recordId: person });
      await holdPublication(ctx, OFFICER, letters.held.id, { reason: 'Risk of reprisals.' });
      t.clock.advanceDays(61);
      assert.equal((await publishDue(ctx, SYSTEM)).length, 4, 'all but the held letter are published');
    });
    after(async () => {
      await app.close();
      await close();
    });

    it('lists the other published letters linked to the same event, with public fields only', async () => {
      const related = await lettersSharingEvents(ctx, slugOf(letters.a));
      assert.deepEqual(related, [{ reference: letters.b.reference, slug: slugOf(letters.b), sentDate: letters.b.sentDate, subject: 'Letter B about the dispersal' }]);
      assert.deepEqual(
        (await lettersSharingEvents(ctx, slugOf(letters.b))).map((l) => l.reference),
        [letters.a.reference],
        'both ways',
      );
      assert.deepEqual(await lettersSharingEvents(ctx, slugOf(letters.other)), [], 'another event: nothing related');
      assert.deepEqual(await lettersSharingEvents(ctx, slugOf(letters.person)), [], 'a shared person is not a shared event');
      assert.deepEqual(await lettersSharingEvents(ctx, slugOf(letters.held)), [], 'an unpublished letter finds nothing');
      assert.deepEqual(await lettersSharingEvents(ctx, 'not a slug'), []);
      assert.ok(!JSON.stringify(related).includes('EVENTSENTINEL'), 'nothing of the event');
    });

    it('the page shows them in a section of its own, linked in the page’s language, without the event', async () => {
      for (const lang of ['en', 'fr', 'ar'] as const) {
        const language = { lang, explicit: lang !== 'en' };
        const c = presentPublicCommunication(await getPublishedCommunication(ctx, slugOf(letters.a)), ctx.ref, lang)!;
        const view = { ...communicationView(ctx.ref, language, c), followedBy: [], related: null, relatedByEvents: relatedLettersView(language, await lettersSharingEvents(ctx, c.slug)) };
        const html = renderPage('communication', pageShell(language, c.reference, { path: '/' }), view);
        const section = relatedSection(html);
        assert.ok(section, `${lang}: the section is there`);
        assert.ok(section.includes(letters.b.reference!), `${lang}: letter B is listed`);
        assert.ok(section.includes(`href="${lang === 'en' ? '' : `/${lang}`}/communications/${slugOf(letters.b)}"`), `${lang}: linked in the page's language`);
        assert.ok(!html.includes('EVENTSENTINEL') && !html.includes('HELDSENTINEL'), `${lang}: neither the event nor the held letter`);
      }
      const other = presentPublicCommunication(await getPublishedCommunication(ctx, slugOf(letters.other)), ctx.ref, 'en')!;
      const html = renderPage('communication', pageShell({ lang: 'en', explicit: false }, other.reference, { path: '/' }), { ...communicationView(ctx.ref, { lang: 'en', explicit: false }, other), relatedByEvents: [] });
      assert.equal(relatedSection(html), null, 'no section when nothing is related');
    });

    it(
      'GET /communications/:slug shows the related letters and nothing of the event',
      async () => {
        const res = await app.inject({ method: 'GET', url: `/communications/${slugOf(letters.a)}` });
        assert.equal(res.statusCode, 200);
        const section = relatedSection(res.body);
        assert.ok(section && section.includes(letters.b.reference!), 'letter B is listed as related');
        assert.ok(!section.includes(letters.held.reference!), 'the held letter is not');
        assert.ok(!res.body.includes('EVENTSENTINEL') && !res.body.includes('HELDSENTINEL'), 'nothing of the event or of the held letter');
      },
    );

    it('a letter retracted leaves the list at once', async () => {
      await retractCommunication(ctx, OFFICER, letters.b.id, { reason: 'Published in error.' });
      assert.deepEqual(await lettersSharingEvents(ctx, slugOf(letters.a)), []);
      assert.deepEqual(await lettersSharingEvents(ctx, slugOf(letters.b)), [], 'nor finds others');
      const res = await app.inject({ method: 'GET', url: `/communications/${slugOf(letters.a)}` });
      assert.equal(res.statusCode, 200);
      assert.equal(relatedSection(res.body), null);
      assert.ok(!res.body.includes('EVENTSENTINEL'));
    });
  });
}
