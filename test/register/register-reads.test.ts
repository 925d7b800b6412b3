import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AppContext } from '../../src/context.ts';
import { getPerson } from '../../src/queries/register/get-person.ts';
import { listDetentions } from '../../src/queries/register/list-detentions.ts';
import { storeDigest } from '../support/snapshot.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { OFFICER } from '../support/workflow.ts';
import { auditedBy, HOLDER, INTERNAL, RESTRICTED, restrictedIn, ROLE_PRINCIPALS, seedRegister, type SeededRegister } from './register-fixture.ts';

/**
 * Reading the register: a person's page and the detention register. A case officer's reads of restricted
 * classes are audited, one entry per class actually shown; a mandate holder reads the facts without any
 * restricted value and leaves no read in the log; whatever one may not see is the same NOT_FOUND as what
 * does not exist, and a refused read writes nothing.
 */

for (const dialect of DIALECTS) {
  describe(`register reads (${dialect})`, () => {
    let ctx: AppContext;
    let close: () => Promise<void>;
    let r: SeededRegister;

    before(async () => {
      ({ ctx, close } = await testContext(dialect, '2022-01-18T08:00:00Z'));
      r = await seedRegister(ctx);
    });
    after(() => close());

    /** Reads and the audit entries they wrote (action, record type, record id). */
    async function reads<T>(run: () => Promise<T>) {
      const { result, entries } = await auditedBy(ctx, run);
      return { result, entries: entries.map((e) => ({ action: e.action, recordType: e.recordType, recordId: e.recordId, actor: e.actor })) };
    }

    it('a case officer’s person page shows every restricted part and audits a read of each class shown', async () => {
      const { result: page, entries } = await reads(() => getPerson(ctx, OFFICER, r.personId));
      assert.deepEqual(
        entries.map((e) => e.action).sort(),
        ['read.detention_place', 'read.health', 'read.sources'],
      );
      for (const e of entries) assert.deepEqual([e.recordType, e.recordId, e.actor], ['person', r.personId, OFFICER.name]);
      const d = page.detentions[0]!;
      assert.equal(d.health, RESTRICTED.health);
      assert.deepEqual(
        d.stays?.map((s) => [s.placeId, s.note]),
        [
          ['ivs-zhanaozen', RESTRICTED.stayNote],
          ['sizo-almaty', RESTRICTED.transferNote],
        ],
      );
      assert.deepEqual(d.transfers?.map((t) => [t.fromPlaceId, t.toPlaceId, t.on.value]), [['ivs-zhanaozen', 'sizo-almaty', '2022-01-09']]);
      assert.equal(page.person.sources?.[0]?.label, RESTRICTED.sourceLabel);
      assert.equal(page.places['sizo-almaty']?.name, 'RESTRICTED-FACILITY-NAME-1', 'the places of detention are named for the officer');
    });

    it('the officer’s reads name only the classes the page actually shows', async () => {
      const withheld = await reads(() => getPerson(ctx, OFFICER, r.withheldId));
      assert.deepEqual(
        withheld.entries.map((e) => e.action).sort(),
        ['read.detention_place', 'read.identity', 'read.relatives', 'read.sources'],
        'no health note: no read of health',
      );
      assert.deepEqual(
        withheld.result.person.names?.map((n) => n.name),
        [RESTRICTED.withheldName, RESTRICTED.withheldNameLatin],
      );
      const plain = await reads(() => getPerson(ctx, OFFICER, r.plainId));
      assert.deepEqual(
        plain.entries.map((e) => e.action),
        ['read.detention_place'],
        'no health, no sources, no withheld name',
      );
    });

    it('a mandate holder’s person page holds no restricted value and writes no read', async () => {
      for (const id of [r.personId, r.withheldId, r.plainId]) {
        const before = await storeDigest(ctx);
        const { result: page, entries } = await reads(() => getPerson(ctx, HOLDER, id));
        assert.deepEqual(entries, [], 'no read to audit');
        assert.equal(await storeDigest(ctx), before, 'nothing written');
        assert.deepEqual(restrictedIn(JSON.stringify(page)), [], `no restricted value on ${id}'s page`);
        for (const d of page.detentions) for (const key of ['health', 'stays', 'transfers', 'arrestPlaceId', 'currentPlaceId', 'sources']) assert.ok(!(key in d), key);
      }
      const page = await getPerson(ctx, HOLDER, r.personId);
      assert.deepEqual(
        page.person.names?.map((n) => n.name),
        [INTERNAL.name, INTERNAL.nameLatin],
        'a name not withheld is shown',
      );
      assert.equal(page.acts[0]?.description, INTERNAL.actDescription, 'acts are internal');
      assert.equal(page.events[0]?.title, INTERNAL.eventTitle);
      assert.deepEqual(page.detentions[0]?.charges, [INTERNAL.charge]);
      const withheld = await getPerson(ctx, HOLDER, r.withheldId);
      assert.ok(!('names' in withheld.person), 'a withheld identity has no names for a holder');
      assert.equal(withheld.person.identityWithheld, true);
      for (const d of withheld.disappearances) for (const key of ['lastSeenBy', 'relativesSteps', 'clarification']) assert.ok(!(key in d), key);
    });

    it('what one may not see is the same NOT_FOUND as what does not exist, and nothing is written', async () => {
      const missing = async (run: () => Promise<unknown>, what: string) => {
        const before = await storeDigest(ctx);
        let message = '';
        await assert.rejects(run, (err: { code?: string; message?: string }) => {
          assert.equal(err.code, 'NOT_FOUND', what);
          message = err.message ?? '';
          return true;
        });
        assert.equal(await storeDigest(ctx), before, `${what}: nothing written`);
        return message;
      };
      const unknown = await missing(() => getPerson(ctx, OFFICER, '00000000-0000-4000-8000-000000000000'), 'an unknown id');
      assert.equal(await missing(() => getPerson(ctx, OFFICER, 'not-a-person'), 'a malformed id'), unknown);
      assert.equal(await missing(() => getPerson(ctx, OFFICER, `${r.personId}' or 1=1 --`), 'an id with SQL'), unknown);
      for (const role of ['admin', 'focal_point', 'source', 'public']) {
        const principal = ROLE_PRINCIPALS[role]!;
        assert.equal(await missing(() => getPerson(ctx, principal, r.personId), `${role}: an existing person`), unknown, `${role}: the same answer`);
        await missing(() => listDetentions(ctx, principal, {}), `${role}: the detention register`);
      }
      await missing(() => listDetentions(ctx, HOLDER, { place: 'sizo-almaty' }), 'a holder filtering by a place of detention');
      await missing(() => listDetentions(ctx, HOLDER, { place: 'no-such-place' }), 'a holder filtering by an unknown place');
    });

    it('the detention register: the officer’s list audits the places it shows (not health), the holder’s nothing', async () => {
      const officer = await reads(() => listDetentions(ctx, OFFICER, {}));
      assert.equal(officer.result.total, 3);
      assert.deepEqual(
        officer.entries.map((e) => [e.action, e.recordType]).sort(),
        [
          ['read.detention_place', 'detention_register'],
          ['read.identity', 'detention_register'],
        ],
      );
      for (const item of officer.result.items) assert.ok(!('health' in item.detention), 'the list never shows health');
      const json = JSON.stringify(officer.result);
      assert.ok(json.includes('sizo-almaty') && json.includes(RESTRICTED.withheldName));

      const holder = await reads(() => listDetentions(ctx, HOLDER, {}));
      assert.deepEqual(holder.entries, []);
      assert.equal(holder.result.total, 3, 'the holder sees the same detentions');
      assert.deepEqual(restrictedIn(JSON.stringify(holder.result)), []);
      assert.ok(!JSON.stringify(holder.result).includes('sizo-almaty') && !JSON.stringify(holder.result).includes('ivs-zhanaozen'), 'no place of detention');

      const byPlace = await listDetentions(ctx, OFFICER, { place: 'sizo-almaty' });
      assert.deepEqual(byPlace.items.map((i) => i.detention.id).sort(), [r.detentionId, r.withheldDetentionId].sort());
      const noContact = await listDetentions(ctx, HOLDER, { contact: 'family' });
      assert.deepEqual(
        noContact.items.map((i) => i.detention.id),
        [r.detentionId],
      );
      await assert.rejects(() => listDetentions(ctx, OFFICER, { from: '2022-13-45x' }), { code: 'VALIDATION_FAILED' });
    });
  });
}
