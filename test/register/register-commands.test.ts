import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { changeDetention, recordTransfer } from '../../src/commands/register/change-detention.ts';
import { linkCommunication } from '../../src/commands/register/link-communication.ts';
import { recordAct } from '../../src/commands/register/record-act.ts';
import { recordDetention } from '../../src/commands/register/record-detention.ts';
import { changeDisappearance, recordDisappearance } from '../../src/commands/register/record-disappearance.ts';
import { recordEvent } from '../../src/commands/register/record-event.ts';
import { recordFigure } from '../../src/commands/register/record-figure.ts';
import { recordPerson } from '../../src/commands/register/record-person.ts';
import { recordPlaces } from '../../src/commands/register/record-places.ts';
import type { AppContext } from '../../src/context.ts';
import { STORE_TABLES } from '../../src/db/backup/copy-store.ts';
import { findDetention, findDisappearance } from '../../src/db/repositories/register-repository.ts';
import type { Database } from '../../src/db/schema.ts';
import { storeDigest } from '../support/snapshot.ts';
import { DIALECTS, testContext, type TestStore } from '../support/stores.ts';
import { OFFICER, sendNew } from '../support/workflow.ts';
import { auditedBy, PLACES, ROLE_PRINCIPALS } from './register-fixture.ts';

/**
 * The commands of the case register: each writes its rows and exactly one audit entry; bad input is a
 * stable error code and writes nothing at all; encrypted columns hold envelopes and the store never holds
 * their clear text; a detention's status follows its facts.
 */

/** Clear texts written into encrypted columns: none may be found anywhere in the store. */
const SECRET = {
  cyrillic: 'Секретбек Тайнов',
  latin: 'Sekretbek Tainov',
  health: 'CLEAR-HEALTH-7731 diabetic, no insulin',
  stayNote: 'CLEAR-STAY-NOTE-7732',
  transferNote: 'CLEAR-TRANSFER-NOTE-7733',
  label: 'CLEAR-SOURCE-LABEL-7734 a cousin',
  description: 'CLEAR-ACT-DESCRIPTION-7735',
  lastSeenBy: 'CLEAR-LAST-SEEN-BY-7736',
  relativesSteps: 'CLEAR-RELATIVES-STEPS-7737',
  clarification: 'CLEAR-CLARIFICATION-7738',
} as const;

/** Every row of every table, as one text. */
async function allRows(ctx: AppContext): Promise<string> {
  const parts: string[] = [];
  for (const t of STORE_TABLES) parts.push(JSON.stringify(await ctx.store.db.selectFrom(t as keyof Database).selectAll().execute()));
  return parts.join('\n');
}

for (const dialect of DIALECTS) {
  describe(`register commands (${dialect})`, () => {
    let ctx: AppContext;
    let store: TestStore;
    let close: () => Promise<void>;
    let personId = '';
    let eventId = '';

    before(async () => {
      const t = await testContext(dialect, '2022-01-18T08:00:00Z');
      ({ ctx, store, close } = t);
    });
    after(() => close());

    /** Runs a command and checks it appended exactly one audit entry, of this action, by the officer. */
    async function once<T>(action: string, run: () => Promise<T>): Promise<T> {
      const { result, entries } = await auditedBy(ctx, run);
      assert.deepEqual(
        entries.map((e) => e.action),
        [action],
        `${action}: one audit entry`,
      );
      assert.equal(entries[0]!.actor, OFFICER.name);
      return result;
    }

    /** Runs a command that must fail with `code` and checks that the store did not change at all. */
    async function refused(code: string, run: () => Promise<unknown>, what: string): Promise<void> {
      const before = await storeDigest(ctx);
      await assert.rejects(run, (err: { code?: string }) => {
        assert.equal(err.code, code, what);
        return true;
      });
      assert.equal(await storeDigest(ctx), before, `${what}: nothing written`);
    }

    it('records places once: one audit entry, and none when they are all there already', async () => {
      const added = await once('place.created', () => recordPlaces(ctx, OFFICER, PLACES));
      assert.equal(added, PLACES.length);
      const { result, entries } = await auditedBy(ctx, () => recordPlaces(ctx, OFFICER, PLACES));
      assert.equal(result, 0);
      assert.deepEqual(entries, []);
      assert.equal((await ctx.store.db.selectFrom('register_places').select('id').execute()).length, PLACES.length);
    });

    it('each command writes its rows and one audit entry', async () => {
      const db = ctx.store.db;
      eventId = await once('event.created', () =>
        recordEvent(ctx, OFFICER, {
          type: 'dispersal',
          title: 'Dispersal in Zhanaozen',
          start: { value: '2022-01-04' },
          end: { value: '2022-01-05' },
          countryCode: 'KAZ',
          placeIds: ['zhanaozen', 'almaty'],
          sources: [{ kind: 'media', label: SECRET.label }],
        }),
      );
      const event = await db.selectFrom('register_events').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
      assert.equal(event.start_precision, 'day');
      assert.deepEqual(
        (await db.selectFrom('event_places').select('place_id').where('event_id', '=', eventId).orderBy('position').execute()).map((r) => r.place_id),
        ['zhanaozen', 'almaty'],
      );
      assert.equal((await db.selectFrom('fact_sources').selectAll().where('record_id', '=', eventId).execute()).length, 1);

      personId = await once('person.created', () =>
        recordPerson(ctx, OFFICER, { names: [{ name: SECRET.cyrillic }, { name: SECRET.latin, transliterationOf: 0, transliteration: 'icao9303' }], birthYear: 1980 }),
      );
      const names = await db.selectFrom('person_names').selectAll().where('person_id', '=', personId).orderBy('position').execute();
      assert.deepEqual(
        names.map((n) => n.script),
        ['cyrl', 'latn'],
      );
      assert.ok((await db.selectFrom('person_keys').selectAll().where('person_id', '=', personId).execute()).length > 0, 'the name index has keys');

      const actId = await once('act.created', () => recordAct(ctx, OFFICER, { personId, eventId, type: 'torture_or_ill_treatment', description: SECRET.description }));
      assert.ok(await db.selectFrom('register_acts').select('id').where('id', '=', actId).executeTakeFirst());

      const detentionId = await once('detention.created', () =>
        recordDetention(ctx, OFFICER, {
          personId,
          actId,
          arrested: { value: '2022-01-05' },
          arrestPlaceId: 'zhanaozen',
          charges: ['art. 272 Criminal Code', 'art. 255 Criminal Code'],
          health: SECRET.health,
          stays: [
            { placeId: 'ivs-zhanaozen', since: { value: '2022-01-05' }, note: SECRET.stayNote },
            { placeId: 'sizo-almaty', since: { value: '2022-01-08' }, authority: 'Penitentiary Service' },
          ],
        }),
      );
      assert.equal((await db.selectFrom('detention_stays').selectAll().where('detention_id', '=', detentionId).execute()).length, 2);
      assert.equal((await db.selectFrom('detention_charges').selectAll().where('detention_id', '=', detentionId).execute()).length, 2);
      assert.equal((await findDetention(db, detentionId))!.current_place_id, 'sizo-almaty');

      await once('detention.transferred', () => recordTransfer(ctx, OFFICER, detentionId, { version: 1, placeId: 'almaty', since: { value: '2022-01-10' }, note: SECRET.transferNote }));
      assert.equal((await db.selectFrom('detention_stays').selectAll().where('detention_id', '=', detentionId).execute()).length, 3);
      await once('detention.changed', () => changeDetention(ctx, OFFICER, detentionId, { version: 2, counselAccess: 'no', charges: ['art. 272 Criminal Code'] }));
      const changed = (await findDetention(db, detentionId))!;
      assert.equal(Number(changed.version), 3);
      assert.equal(changed.counsel_access, 'no');
      assert.deepEqual(
        (await db.selectFrom('detention_charges').select('charge').where('detention_id', '=', detentionId).execute()).map((r) => r.charge),
        ['art. 272 Criminal Code'],
      );

      const disappearanceId = await once('disappearance.created', () =>
        recordDisappearance(ctx, OFFICER, { personId, lastSeen: { value: '2022-01-07' }, lastSeenPlaceId: 'almaty', lastSeenBy: SECRET.lastSeenBy, relativesSteps: SECRET.relativesSteps }),
      );
      await once('disappearance.changed', () => changeDisappearance(ctx, OFFICER, disappearanceId, { version: 1, status: 'clarified', clarification: SECRET.clarification, clarifiedOn: '2022-01-15' }));
      const clarified = (await findDisappearance(db, disappearanceId))!;
      assert.equal(clarified.status, 'clarified');
      assert.equal(clarified.clarified_on, '2022-01-15');

      const figureId = await once('figure.created', () =>
        recordFigure(ctx, OFFICER, { count: 164, measure: 'killed', reported: { value: '2022-01-11', vague: true }, scopePlaceId: 'almaty', eventId, originKey: 'a1b2c3d4e5f60718' }),
      );
      const figure = await db.selectFrom('register_figures').selectAll().where('id', '=', figureId).executeTakeFirstOrThrow();
      assert.equal(Number(figure.reported_vague), 1);

      const letter = await sendNew(ctx);
      assert.equal(await once('event.linked', () => linkCommunication(ctx, OFFICER, { communicationId: letter.id, recordType: 'event', recordId: eventId })), true);
      const again = await auditedBy(ctx, () => linkCommunication(ctx, OFFICER, { communicationId: letter.id, recordType: 'event', recordId: eventId }));
      assert.equal(again.result, false, 'linking twice changes nothing');
      assert.deepEqual(again.entries, [], 'and writes no audit entry');
    });

    it('bad input is a stable error code and writes nothing', async () => {
      const detentionId = await recordDetention(ctx, OFFICER, { personId, arrested: { value: '2022-01-05' }, stays: [{ placeId: 'ivs-zhanaozen', since: { value: '2022-01-06' } }] });
      const disappearanceId = await recordDisappearance(ctx, OFFICER, { personId, lastSeen: { value: '2022-01-07' } });
      const unknownId = '00000000-0000-4000-8000-00000000abcd';
      const event = (over: Record<string, unknown>) => recordEvent(ctx, OFFICER, { type: 'assembly', title: 'A protest', start: { value: '2022-01-02' }, countryCode: 'KAZ', ...over });

      await refused('VALIDATION_FAILED', () => event({ start: { value: '2022-13' } }), 'a month 13');
      await refused('VALIDATION_FAILED', () => event({ start: { value: '2022-02-30' } }), 'a day that does not exist');
      await refused('VALIDATION_FAILED', () => event({ start: { value: '2 January 2022' } }), 'a date written in words');
      await refused('VALIDATION_FAILED', () => event({ start: { value: '2022-01-02', precision: 'month' } }), 'a precision the value does not have');
      await refused('VALIDATION_FAILED', () => event({ start: { value: '2022-01-05' }, end: { value: '2022-01-02' } }), 'an end before the start');
      await refused('VALIDATION_FAILED', () => event({ start: { value: '2022-01-05', end: '2022-01-02' } }), 'a range ending before it starts');
      await refused('VALIDATION_FAILED', () => event({ placeIds: ['zhanaozen', 'no-such-place'] }), 'an unknown place id');
      await refused('VALIDATION_FAILED', () => event({ placeIds: ['Not A Place Id'] }), 'a malformed place id');
      await refused('VALIDATION_FAILED', () => event({ sources: [{ kind: 'media', label: 'A new source' }, { id: unknownId }] }), 'an unknown source after a new one');
      await refused('VALIDATION_FAILED', () => event({ title: 'Two\nlines' }), 'a title of two lines');

      await refused('VALIDATION_FAILED', () => recordPerson(ctx, OFFICER, { names: [] }), 'a person without a name');
      await refused('VALIDATION_FAILED', () => recordPerson(ctx, OFFICER, { names: [{ name: 'A Name' }], homePlaceId: 'no-such-place' }), 'an unknown home place');
      await refused('VALIDATION_FAILED', () => recordAct(ctx, OFFICER, { personId: unknownId, type: 'killing' }), 'an act of an unknown person');
      await refused('VALIDATION_FAILED', () => recordAct(ctx, OFFICER, { personId, eventId: unknownId, type: 'killing' }), 'an act in an unknown event');
      await refused('VALIDATION_FAILED', () => recordAct(ctx, OFFICER, { personId, type: 'shot' }), 'an act type outside the vocabulary');
      await refused('VALIDATION_FAILED', () => recordDetention(ctx, OFFICER, { personId: unknownId, arrested: { value: '2022-01-05' } }), 'a detention of an unknown person');
      await refused(
        'VALIDATION_FAILED',
        () => recordDetention(ctx, OFFICER, { personId, arrested: { value: '2022-01-05' }, stays: [{ placeId: 'no-such-place', since: { value: '2022-01-05' } }] }),
        'a stay at an unknown place',
      );
      await refused(
        'VALIDATION_FAILED',
        () =>
          recordDetention(ctx, OFFICER, {
            personId,
            arrested: { value: '2022-01-05' },
            stays: [
              { placeId: 'almaty', since: { value: '2022-01-08' } },
              { placeId: 'zhanaozen', since: { value: '2022-01-06' } },
            ],
          }),
        'stays out of time order',
      );
      await refused('VALIDATION_FAILED', () => recordDetention(ctx, OFFICER, { personId, arrested: { value: '2022-01-05' }, stays: [{ placeId: 'almaty', since: { value: '2022-01-04' } }] }), 'held before the arrest');
      await refused('VALIDATION_FAILED', () => recordDetention(ctx, OFFICER, { personId, arrested: { value: '2022-01-05' }, releasedOn: '2022-01-01' }), 'released before the arrest');

      await refused('VALIDATION_FAILED', () => recordTransfer(ctx, OFFICER, detentionId, { version: 1, placeId: 'almaty', since: { value: '2022-01-05' } }), 'a transfer dated before the last place');
      await refused('VALIDATION_FAILED', () => recordTransfer(ctx, OFFICER, detentionId, { version: 1, placeId: 'no-such-place', since: { value: '2022-01-09' } }), 'a transfer to an unknown place');
      await refused('CONFLICT', () => recordTransfer(ctx, OFFICER, detentionId, { version: 2, placeId: 'almaty', since: { value: '2022-01-09' } }), 'a transfer against a stale version');
      await refused('NOT_FOUND', () => recordTransfer(ctx, OFFICER, unknownId, { version: 1, placeId: 'almaty', since: { value: '2022-01-09' } }), 'a transfer of an unknown detention');
      await refused('NOT_FOUND', () => recordTransfer(ctx, OFFICER, 'not-an-id', { version: 1, placeId: 'almaty', since: { value: '2022-01-09' } }), 'a transfer of a malformed id');
      await refused('CONFLICT', () => changeDetention(ctx, OFFICER, detentionId, { version: 7, health: 'changed' }), 'a change against a stale version');
      await refused('VALIDATION_FAILED', () => changeDetention(ctx, OFFICER, detentionId, { version: 1, releasedOn: '2021-12-31' }), 'a release before the arrest');
      await refused('CONFLICT', () => changeDisappearance(ctx, OFFICER, disappearanceId, { version: 2, status: 'closed', clarification: 'Closed.' }), 'a disappearance changed against a stale version');
      await refused('VALIDATION_FAILED', () => changeDisappearance(ctx, OFFICER, disappearanceId, { version: 1, status: 'clarified' }), 'clarified without saying how');
      await refused('CONFLICT', () => recordFigure(ctx, OFFICER, { count: 164, measure: 'killed', reported: { value: '2022-01-11' }, scopePlaceId: 'almaty', originKey: 'a1b2c3d4e5f60718' }), 'a figure confirmed twice');
      await refused('VALIDATION_FAILED', () => recordFigure(ctx, OFFICER, { count: -1, measure: 'killed', reported: { value: '2022-01-11' }, scopePlaceId: 'almaty' }), 'a negative count');
      await refused('VALIDATION_FAILED', () => linkCommunication(ctx, OFFICER, { communicationId: unknownId, recordType: 'event', recordId: eventId }), 'a link to an unknown communication');

      // Anyone who may not edit the register is refused as if nothing were there, and nothing changes.
      for (const role of ['mandate_holder', 'admin', 'focal_point', 'source', 'public']) {
        const principal = ROLE_PRINCIPALS[role]!;
        await refused('NOT_FOUND', () => recordEvent(ctx, principal, { type: 'assembly', title: 'A protest', start: { value: '2022-01-02' }, countryCode: 'KAZ' }), `${role}: record an event`);
        await refused('NOT_FOUND', () => recordTransfer(ctx, principal, detentionId, { version: 1, placeId: 'almaty', since: { value: '2022-01-09' } }), `${role}: record a transfer`);
      }
    });

    it('encrypted columns hold envelopes; the store never holds their clear text', async () => {
      const db = ctx.store.db;
      const sealed = [
        ...(await db.selectFrom('person_names').select('name as v').execute()),
        ...(await db.selectFrom('register_acts').select('description as v').execute()),
        ...(await db.selectFrom('detentions').select('health as v').execute()),
        ...(await db.selectFrom('detention_stays').select('note as v').execute()),
        ...(await db.selectFrom('disappearances').select(['last_seen_by as v']).execute()),
        ...(await db.selectFrom('disappearances').select(['relatives_steps as v']).execute()),
        ...(await db.selectFrom('disappearances').select(['clarification as v']).execute()),
        ...(await db.selectFrom('register_sources').select('label as v').execute()),
      ];
      assert.ok(sealed.length >= 15, `${sealed.length} sealed values`);
      for (const { v } of sealed) assert.match(v, /^enc1:/, 'an enc1: envelope');

      const everything = await allRows(ctx);
      for (const [what, clear] of Object.entries(SECRET)) assert.ok(!everything.includes(clear), `${what} in clear in a table`);
      if (store.options.kind === 'sqlite') {
        // The file itself, and its write-ahead log, byte for byte.
        const file = store.options.file;
        const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
        for (const [what, clear] of Object.entries(SECRET)) assert.equal(bytes.indexOf(Buffer.from(clear, 'utf8')), -1, `${what} in clear in the database file`);
      }
    });

    it('a detention’s status follows its facts: unknown place, release, conviction', async () => {
      const db = ctx.store.db;
      const status = async (id: string) => {
        const row = (await findDetention(db, id))!;
        return { status: row.status, place: row.current_place_id, version: Number(row.version) };
      };
      const none = await recordDetention(ctx, OFFICER, { personId, arrested: { value: '2022-01-05' } });
      assert.deepEqual(await status(none), { status: 'whereabouts_unknown', place: null, version: 1 }, 'no known place: whereabouts unknown');

      const id = await recordDetention(ctx, OFFICER, { personId, arrested: { value: '2022-01-05' }, stays: [{ placeId: 'ivs-zhanaozen', since: { value: '2022-01-05' } }] });
      assert.deepEqual(await status(id), { status: 'in_custody', place: 'ivs-zhanaozen', version: 1 });
      await recordTransfer(ctx, OFFICER, id, { version: 1, placeId: null, since: { value: '2022-01-07' }, authority: 'National Security Committee' });
      assert.deepEqual(await status(id), { status: 'whereabouts_unknown', place: null, version: 2 }, 'moved to a place nobody names');
      const unknownStay = await db.selectFrom('detention_stays').selectAll().where('detention_id', '=', id).where('seq', '=', 1).executeTakeFirstOrThrow();
      assert.equal(unknownStay.place_id, null);
      await recordTransfer(ctx, OFFICER, id, { version: 2, placeId: 'sizo-almaty', since: { value: '2022-01-09' } });
      assert.deepEqual(await status(id), { status: 'in_custody', place: 'sizo-almaty', version: 3 }, 'found again');
      await changeDetention(ctx, OFFICER, id, { version: 3, convictedOn: '2022-03-01', sentence: 'Five years' });
      assert.equal((await status(id)).status, 'convicted');
      await changeDetention(ctx, OFFICER, id, { version: 4, releasedOn: '2022-03-02' });
      assert.equal((await status(id)).status, 'released');
      const before = await storeDigest(ctx);
      await assert.rejects(() => recordTransfer(ctx, OFFICER, id, { version: 5, placeId: 'almaty', since: { value: '2022-03-05' } }), { code: 'TRANSITION_INVALID' });
      assert.equal(await storeDigest(ctx), before, 'no transfer after a release, and nothing written');

      const released = await recordDetention(ctx, OFFICER, { personId, arrested: { value: '2022-01-05' }, releasedOn: '2022-01-06' });
      assert.equal((await status(released)).status, 'released', 'released on record');
    });
  });
}
