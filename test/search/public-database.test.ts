import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { correctCommunication } from '../../src/commands/correct-communication.ts';
import { publishCommunication } from '../../src/commands/publish-communication.ts';
import { publishDue } from '../../src/commands/publish-due.ts';
import { recordReply } from '../../src/commands/record-reply.ts';
import { retractCommunication } from '../../src/commands/retract-communication.ts';
import { createContext, type AppContext } from '../../src/context.ts';
import { loadConfig } from '../../src/config.ts';
import { isAppError } from '../../src/errors.ts';
import { PUBLIC, SYSTEM } from '../../src/policies/principal.ts';
import { searchPublicCommunications } from '../../src/queries/search-public-communications.ts';
import { DIALECTS, testContext, testKeys } from '../support/stores.ts';
import { OFFICER, sendDraft } from '../support/workflow.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import pino from 'pino';

const WITHHELD = 'Қайрат Жанбулатов';
const SECRET = 'SENTINEL-HELD-93ac';

/** Everything the public database holds, as one text: every column of every row, and the index's words. */
async function publicTables(ctx: AppContext): Promise<string> {
  const rows = await ctx.store.db.selectFrom('public_communications').selectAll().execute();
  const words = ctx.store.dialect === 'sqlite'
    ? '' // a contentless FTS5 table keeps no text to read back; its words are searched below instead
    : (await sql<{ w: string }>`select words::text as w from public_search`.execute(ctx.store.db)).rows.map((r) => r.w).join(' ');
  return JSON.stringify(rows) + words;
}

const refs = async (ctx: AppContext, query: Record<string, string>) =>
  (await searchPublicCommunications(ctx, PUBLIC, { limit: '100', ...query })).items.map((i) => i.reference);

for (const dialect of DIALECTS) {
  describe(`public database (${dialect})`, () => {
    let t: Awaited<ReturnType<typeof testContext>>;
    let ctx: AppContext;
    let clock: ManualClock;
    let first: string;

    before(async () => {
      t = await testContext(dialect);
      ctx = t.ctx;
      clock = t.clock;
      first = await sendDraft(ctx, {
        type: 'AL', addressee: 'KAZ', mandates: ['sr-assembly', 'wgad'],
        subject: 'Alleged arbitrary détention of protesters',
        summary: `Detention of ${WITHHELD} and Maria Lopez after peaceful protests.`,
        body: `On 5 January, ${WITHHELD} was arrested in Almaty.`,
        questions: ['Please provide the legal basis of the detention.'],
        victims: [
          { name: WITHHELD, variants: ['Жанбулатов'], publishName: false, publicForm: 'initials' },
          { name: 'Maria Lopez', variants: [], publishName: true },
        ],
      });
      await sendDraft(ctx, { type: 'UA', addressee: 'RUS', mandates: ['sr-torture'], subject: 'Torture of a journalist in custody', summary: 'Beatings reported.' });
      await sendDraft(ctx, { type: 'OL', addressee: 'KAZ', mandates: ['sr-assembly'], subject: SECRET, summary: SECRET });
    });
    after(() => t.close());

    it('holds nothing before publication', async () => {
      assert.equal((await searchPublicCommunications(ctx, PUBLIC, {})).total, 0);
      assert.equal(await ctx.store.db.selectFrom('public_communications').select('id').execute().then((r) => r.length), 0);
    });

    it('receives each letter in its public version when it is published, names withheld', async () => {
      clock.advanceDays(61);
      await publishDue(ctx, SYSTEM);
      // The OL was published 48 hours after sending; hold it back out of public view by retracting it.
      await retractCommunication(ctx, OFFICER, refOf(await refs(ctx, { type: 'OL' })), { reason: 'Risk of reprisals.' });
      assert.deepEqual((await refs(ctx, {})).sort(), [first, 'UA RUS 1/2022'].sort());
      const everything = await publicTables(ctx);
      assert.ok(!everything.includes(WITHHELD) && !everything.includes('Жанбулатов') && !everything.toLowerCase().includes('жанбулатов'));
      assert.ok(!everything.includes(SECRET));
      assert.ok(everything.includes('Maria Lopez'));
      assert.deepEqual(await refs(ctx, { q: 'Жанбулатов' }), []);
      assert.deepEqual(await refs(ctx, { q: SECRET }), []);
      assert.deepEqual(await refs(ctx, { q: 'lopez' }), [first]);
    });

    it('finds words without their accents, phrases, prefixes, references and exclusions', async () => {
      assert.deepEqual(await refs(ctx, { q: 'detention' }), [first]);
      assert.deepEqual(await refs(ctx, { q: 'DÉTENTION' }), [first]);
      assert.deepEqual(await refs(ctx, { q: '"arbitrary detention"' }), [first]);
      assert.deepEqual(await refs(ctx, { q: '"detention arbitrary"' }), []);
      assert.deepEqual(await refs(ctx, { q: 'journ*' }), ['UA RUS 1/2022']);
      assert.deepEqual(await refs(ctx, { q: 'AL KAZ 1/2022' }), [first]);
      assert.deepEqual((await refs(ctx, { q: 'protesters OR journalist' })).sort(), [first, 'UA RUS 1/2022'].sort());
      assert.deepEqual(await refs(ctx, { q: 'protesters -almaty' }), []);
    });

    it('follows corrections, replies and retractions in the same transaction', async () => {
      await correctCommunication(ctx, OFFICER, 'UA RUS 1/2022', { reason: 'Wrong city.', summary: 'Beatings reported in Kazan.' });
      assert.deepEqual(await refs(ctx, { q: 'kazan' }), ['UA RUS 1/2022']);
      assert.deepEqual(await refs(ctx, { q: 'reported' }), ['UA RUS 1/2022']);
      await recordReply(ctx, OFFICER, 'UA RUS 1/2022', { receivedOn: genevaToday(clock), kind: 'substantive', language: 'ru', summary: 'Правительство отрицает применение пыток.' });
      assert.deepEqual(await refs(ctx, { q: 'пыток' }), ['UA RUS 1/2022']);
      assert.deepEqual(await refs(ctx, { reply: 'replied_late' }), ['UA RUS 1/2022']);
      await retractCommunication(ctx, OFFICER, 'UA RUS 1/2022', { reason: 'Safety of the family.' });
      assert.deepEqual(await refs(ctx, { q: 'пыток' }), []);
      assert.deepEqual(await refs(ctx, {}), [first]);
      await publishCommunication(ctx, OFFICER, 'UA RUS 1/2022', { reason: 'Reviewed.' });
      assert.deepEqual(await refs(ctx, { q: 'пыток' }), ['UA RUS 1/2022']);
    });

    it('counts every facet with the other filters applied, and a second process sees every change', async () => {
      const page = await searchPublicCommunications(ctx, PUBLIC, { addressee: 'KAZ' });
      assert.equal(page.total, 1);
      // The addressee facet still shows the other State, the others are counted within KAZ.
      assert.deepEqual(page.facets.addressee.map((v) => [v.value, v.count]).sort(), [['KAZ', 1], ['RUS', 1]]);
      assert.deepEqual(page.facets.type.map((v) => [v.value, v.count]), [['AL', 1]]);
      assert.deepEqual(page.facets.joint.map((v) => [v.value, v.count]), [['true', 1]]);
      assert.deepEqual(page.facets.mandate.map((v) => v.value).sort(), ['sr-assembly', 'wgad']);

      const other = await createContext(loadConfig({}), { store: t.store.options, clock, logger: pino({ level: 'silent' }), keys: testKeys(), files: ctx.files });
      try {
        assert.equal((await searchPublicCommunications(other, PUBLIC, {})).total, 2);
        await retractCommunication(ctx, OFFICER, first, { reason: 'Reprisals.' });
        assert.deepEqual(await refs(other, {}), ['UA RUS 1/2022']);
        await publishCommunication(ctx, OFFICER, first, { reason: 'Reviewed.' });
        assert.equal((await searchPublicCommunications(other, PUBLIC, {})).total, 2);
      } finally {
        await other.store.close();
      }
    });

    it('refuses bad filters with a code and writes nothing', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ q: '-only' }, 'QUERY_INVALID'],
        [{ limit: '1000' }, 'VALIDATION_FAILED'],
        [{ from: '2022-02-30' }, 'VALIDATION_FAILED'],
        [{ from: '2023-01-01', to: '2022-01-01' }, 'VALIDATION_FAILED'],
        [{ mandate: 'sr-nothing' }, 'MANDATE_UNKNOWN'],
        [{ addressee: 'XYZ' }, 'ADDRESSEE_UNKNOWN'],
        [{ cursor: 'bm90LWEtY3Vyc29y' }, 'CURSOR_INVALID'],
        [{ q: ['a', 'b'] }, 'VALIDATION_FAILED'],
        [{ session: '5' }, 'VALIDATION_FAILED'],
      ];
      for (const [input, code] of cases) {
        await assert.rejects(searchPublicCommunications(ctx, PUBLIC, input), (err: unknown) => isAppError(err) && err.code === code, JSON.stringify(input));
      }
    });
  });
}

function refOf(list: string[]): string {
  assert.equal(list.length, 1);
  return list[0]!;
}

function genevaToday(clock: ManualClock): string {
  return clock.now().toISOString().slice(0, 10);
}
