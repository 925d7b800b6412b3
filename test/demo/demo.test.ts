import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { verifyAudit } from '../../src/commands/verify-audit.ts';
import type { AppContext } from '../../src/context.ts';
import { iterateCommunications, type CommunicationSummary } from '../../src/db/repositories/communications-repository.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { generateSyntheticCommunications } from '../../src/demo/synthetic-communications.ts';
import { SYSTEM } from '../../src/policies/principal.ts';
import { getCommunication } from '../../src/queries/get-communication.ts';
import { DIALECTS, testContext } from '../support/stores.ts';

const fixture = readFileSync(new URL('../fixtures/AL-KAZ-1-2022.txt', import.meta.url), 'utf8');
/** The fixture's words with page breaks, emphasis marks and line breaks removed. */
const flat = (s: string) => s.replace(/\*\*|\*/g, '').replace(/\s+/g, ' ').trim();

for (const dialect of DIALECTS) {
  describe(`demo data on ${dialect}`, () => {
    let ctx: AppContext;
    let close: () => Promise<void>;
    let all: CommunicationSummary[] = [];
    before(async () => {
      ({ ctx, close } = await testContext(dialect, '2026-11-29T09:00:00Z'));
      const result = await loadDemo(ctx, { syntheticCount: 80 });
      assert.equal(result.loaded, true);
      for await (const batch of iterateCommunications(ctx.store.db, ctx.keys.field, {})) all = all.concat(batch);
    });
    after(() => close());

    test('the reference letter is sent and published as AL KAZ 1/2022, with the letter’s own mandates and questions', async () => {
      const letter = await getCommunication(ctx, SYSTEM, 'AL KAZ 1/2022');
      assert.equal(letter.synthetic, false);
      assert.equal(letter.sentDate, '2022-01-18');
      assert.equal(letter.addresseeCode, 'KAZ');
      assert.equal(letter.publicationStatus, 'published');
      assert.deepEqual(letter.mandates.map((m) => [m.slug, m.decidedBy]), [
        ['sr-assembly', 'Clément Nyasletsossi Voule'],
        ['wgad', 'Elina Steinerte'],
        ['wgeid', 'Luciano Hazan'],
        ['sr-executions', 'Morris Tidball-Binz'],
        ['sr-expression', 'Irene Khan'],
        ['sr-defenders', 'Mary Lawlor'],
        ['sr-terrorism', 'Fionnuala Ní Aoláin'],
        ['sr-torture', 'Nils Melzer'],
      ]);
      assert.equal(letter.questions.length, 8);
      for (const q of letter.questions) assert.ok(flat(fixture).includes(flat(q)), `question not in the letter: ${q.slice(0, 60)}`);
      assert.ok(flat(fixture).includes(flat(letter.summary).slice(1)), 'the summary is the letter’s own words');
    });

    test('synthetic communications show every situation of a real register, each marked synthetic', () => {
      const synthetic = all.filter((c) => c.reference !== 'AL KAZ 1/2022');
      assert.ok(synthetic.length >= 80);
      assert.ok(synthetic.every((c) => c.synthetic));
      assert.deepEqual(new Set(synthetic.map((c) => c.type)), new Set(['AL', 'UA', 'OL']));
      assert.ok(synthetic.some((c) => c.mandates.length === 1) && synthetic.some((c) => c.mandates.length > 1), 'single and joint');
      assert.ok(synthetic.some((c) => c.addresseeCode === 'OTH'), 'a non-State addressee');
      assert.ok(new Set(synthetic.map((c) => c.sentDate?.slice(0, 4)).filter(Boolean)).size >= 4, 'several years');
      for (const s of ['none', 'replied', 'replied_late']) assert.ok(synthetic.some((c) => c.replyStatus === s), `reply status ${s}`);
      for (const s of ['held', 'retracted', 'published']) assert.ok(synthetic.some((c) => c.publicationStatus === s), `publication ${s}`);
      assert.ok(synthetic.some((c) => c.draftingStatus !== 'sent'), 'drafts for the workspace');
    });

    test('has follow-ups, and the whole history verifies', async () => {
      const loaded = await Promise.all(all.map((c) => getCommunication(ctx, SYSTEM, c.id)));
      const followUp = loaded.find((c) => c.follows.length > 0);
      assert.ok(followUp, 'a follow-up');
      assert.equal(followUp.follows[0]!.reference?.split(' ')[1], followUp.addresseeCode, 'a follow-up to the same addressee');
      const report = await verifyAudit(ctx);
      assert.deepEqual(report.problems, []);
    });

    test('loading again changes nothing', async () => {
      const again = await loadDemo(ctx);
      assert.equal(again.loaded, false);
      assert.equal(again.communications, all.length);
    });
  });
}

test('the generator is deterministic for a seed', () => {
  return testContext('sqlite').then(async ({ ctx, close }) => {
    const a = generateSyntheticCommunications(ctx.ref, { count: 30, seed: 7, from: '2020-01-01', to: '2025-12-31' });
    const b = generateSyntheticCommunications(ctx.ref, { count: 30, seed: 7, from: '2020-01-01', to: '2025-12-31' });
    const c = generateSyntheticCommunications(ctx.ref, { count: 30, seed: 8, from: '2020-01-01', to: '2025-12-31' });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    await close();
  });
});
