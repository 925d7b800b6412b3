import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actOf, detentionOf, disappearanceOf, eventOf, figureOf, personOf, sourceOf } from '../../src/commands/register/register-records.ts';
import {
  communicationsOfRecords,
  findDetention,
  findDisappearance,
  findEvents,
  findPersonNames,
  findPersons,
  findPlaces,
  listActsOfPerson,
  listDetentionsOfPerson,
  listDisappearancesOfPerson,
  listFigures,
  listStays,
  sourcesOf,
} from '../../src/db/repositories/register-repository.ts';
import { DIALECTS } from '../support/stores.ts';
import { formWorld, locationOf, type FormWorld } from './form-fixture.ts';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

for (const dialect of DIALECTS) {
  describe(`register forms: recording through the commands (${dialect})`, () => {
    let w: FormWorld;
    before(async () => {
      w = await formWorld(dialect);
    });
    after(async () => {
      await w.close();
    });

    const detentionNow = async (id: string) => {
      const row = (await findDetention(w.ctx.store.db, id))!;
      return detentionOf(w.ctx, row, await listStays(w.ctx.store.db, [id]));
    };

    it('records an event with a vague date range, its places and its source, and goes to its page', async () => {
      const res = await w.officer.post('/staff/register/events/new', {
        type: 'communications_shutdown',
        title: 'Nationwide internet shutdown',
        description: 'Access to the internet was cut across the country.',
        start: '2022-01-05',
        startEnd: '2022-01-06',
        startVague: 'on',
        end: '2022-01-10',
        countryCode: 'kaz',
        placeIds: ['almaty', 'zhanaozen'],
        sourceKind: 'media',
        sourceLabel: 'Press reports of the shutdown',
        sourceReceivedOn: '2022-01-07',
      });
      assert.equal(res.statusCode, 303);
      const m = new RegExp(`^/staff/register/events/(${UUID})$`).exec(locationOf(res));
      assert.ok(m, locationOf(res));
      const event = eventOf((await findEvents(w.ctx.store.db, [m[1]!]))[0]!);
      assert.equal(event.type, 'communications_shutdown');
      assert.equal(event.title, 'Nationwide internet shutdown');
      assert.deepEqual(event.start, { value: '2022-01-05', precision: 'day', end: '2022-01-06', vague: true });
      assert.deepEqual(event.end, { value: '2022-01-10', precision: 'day', end: null, vague: false });
      assert.equal(event.countryCode, 'KAZ');
      assert.deepEqual(event.placeIds, ['almaty', 'zhanaozen']);
      const sources = (await sourcesOf(w.ctx.store.db, 'event', [event.id])).get(event.id)!.map((s) => sourceOf(w.ctx, s));
      assert.deepEqual(sources.map((s) => [s.kind, s.label, s.receivedOn]), [['media', 'Press reports of the shutdown', '2022-01-07']]);
    });

    it('records an event known only by its month, without a source', async () => {
      const res = await w.officer.post('/staff/register/events/new', { type: 'arrest_wave', title: 'Arrests in January', start: '2022-01', countryCode: 'KAZ', sourceKind: 'other', sourceLabel: '' });
      assert.equal(res.statusCode, 303);
      const id = locationOf(res).split('/').pop()!;
      const event = eventOf((await findEvents(w.ctx.store.db, [id]))[0]!);
      assert.deepEqual([event.start.value, event.start.precision, event.end], ['2022-01', 'month', null]);
      assert.equal((await sourcesOf(w.ctx.store.db, 'event', [id])).get(id), undefined);
    });

    it('records a person with name variants in two scripts, one the transliteration of the other', async () => {
      const res = await w.officer.post('/staff/register/persons/new', {
        name1: 'Ерлан Сапаров',
        script1: '',
        translitOf1: '',
        name2: '',
        name3: 'Yerlan Saparov',
        script3: 'latn',
        translitOf3: '1',
        sex: 'm',
        birthYear: '1979',
        occupation: 'journalist at a regional newspaper',
        affiliation: 'journalist',
        homePlaceId: 'almaty',
        identityWithheld: 'on',
        sourceKind: 'ngo_report',
        sourceLabel: 'An NGO report of 10 January',
      });
      assert.equal(res.statusCode, 303);
      const m = new RegExp(`^/staff/register/persons/(${UUID})$`).exec(locationOf(res));
      assert.ok(m, locationOf(res));
      const row = (await findPersons(w.ctx.store.db, [m[1]!]))[0]!;
      const person = personOf(w.ctx, row, await findPersonNames(w.ctx.store.db, [row.id]));
      assert.deepEqual(
        person.names.map((n) => [n.name, n.script, n.transliterationOf]),
        [
          ['Ерлан Сапаров', 'cyrl', null],
          ['Yerlan Saparov', 'latn', 0],
        ],
      );
      assert.deepEqual([person.sex, person.birthYear, person.occupation, person.affiliation, person.homePlaceId, person.identityWithheld], ['m', 1979, 'journalist at a regional newspaper', 'journalist', 'almaty', true]);
      assert.equal(person.synthetic, false);
    });

    it('records an act of a person in an event, and goes to the person’s page', async () => {
      const url = `/staff/register/persons/${w.seed.plainId}/acts/new`;
      const res = await w.officer.post(url, {
        type: 'torture_or_ill_treatment',
        perpetrator: 'police',
        status: 'corroborated',
        eventId: w.seed.eventId,
        date: '2022-01-06',
        placeId: 'almaty',
        description: 'Beaten in the police van.',
        sourceKind: 'other',
        sourceLabel: 'Her lawyer',
      });
      assert.equal(res.statusCode, 303);
      assert.equal(locationOf(res), `/staff/register/persons/${w.seed.plainId}`);
      const acts = (await listActsOfPerson(w.ctx.store.db, w.seed.plainId)).map((a) => actOf(w.ctx, a));
      assert.equal(acts.length, 1);
      assert.deepEqual(
        [acts[0]!.type, acts[0]!.perpetrator, acts[0]!.status, acts[0]!.eventId, acts[0]!.date?.value, acts[0]!.placeId, acts[0]!.description],
        ['torture_or_ill_treatment', 'police', 'corroborated', w.seed.eventId, '2022-01-06', 'almaty', 'Beaten in the police van.'],
      );
    });

    it('records a detention taken to an unknown place: charges one per line, whereabouts unknown', async () => {
      const res = await w.officer.post(`/staff/register/persons/${w.seed.plainId}/detentions/new`, {
        arrested: '2022-01-08',
        arrestPlaceId: 'almaty',
        arrestAuthority: 'Police of Almaty',
        legalBasis: 'Criminal Procedure Code, art. 128',
        charges: 'art. 272 Criminal Code\r\n\r\n  art. 255 Criminal Code  \r\n',
        courtAuthorised: 'yes',
        courtAuthorisedOn: '2022-01-10',
        stayPlaceId: '_unknown',
        staySince: '',
        stayAuthority: 'National Security Committee',
        health: 'Needs insulin.',
        counselAccess: 'no',
        familyContact: 'no',
        sourceKind: 'other',
        sourceLabel: 'Her sister',
      });
      assert.equal(res.statusCode, 303);
      assert.equal(locationOf(res), `/staff/register/persons/${w.seed.plainId}`);
      const rows = await listDetentionsOfPerson(w.ctx.store.db, w.seed.plainId);
      const created = rows.find((r) => r.id !== w.seed.plainDetentionId)!;
      const d = await detentionNow(created.id);
      assert.deepEqual(d.charges, ['art. 272 Criminal Code', 'art. 255 Criminal Code']);
      assert.deepEqual([d.arrested.value, d.arrestPlaceId, d.arrestAuthority, d.courtAuthorised, d.courtAuthorisedOn], ['2022-01-08', 'almaty', 'Police of Almaty', true, '2022-01-10']);
      assert.equal(d.status, 'whereabouts_unknown');
      assert.deepEqual(d.stays.map((s) => [s.placeId, s.since.value, s.authority]), [[null, '2022-01-08', 'National Security Committee']]);
      assert.deepEqual([d.health, d.counselAccess, d.familyContact], ['Needs insulin.', 'no', 'no']);
    });

    it('records a transfer to a place of detention; the detention’s current place and status follow', async () => {
      const before = await detentionNow(w.seed.detentionId);
      const res = await w.officer.post(`/staff/register/detentions/${w.seed.detentionId}/transfer`, {
        version: String(before.version),
        placeId: 'ivs-zhanaozen',
        since: '2022-01-12',
        authority: 'Penitentiary service',
        note: 'Moved by night.',
        sourceKind: 'other',
        sourceLabel: '',
      });
      assert.equal(res.statusCode, 303);
      assert.equal(locationOf(res), `/staff/register/persons/${w.seed.personId}`);
      const d = await detentionNow(w.seed.detentionId);
      assert.equal(d.version, before.version + 1);
      assert.equal(d.currentPlaceId, 'ivs-zhanaozen');
      assert.equal(d.currentAuthority, 'Penitentiary service');
      assert.deepEqual(d.stays.at(-1), { seq: d.stays.length - 1, placeId: 'ivs-zhanaozen', since: { value: '2022-01-12', precision: 'day', end: null, vague: false }, authority: 'Penitentiary service', note: 'Moved by night.' });
    });

    it('changes a detention as the form shows it: release, charges and health', async () => {
      const page = await w.officer.get(`/staff/register/detentions/${w.seed.detentionId}/edit`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /RESTRICTED-HEALTH broken ribs/, 'the health note as it stands');
      const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
      const res = await w.officer.post(`/staff/register/detentions/${w.seed.detentionId}/edit`, {
        version,
        legalBasis: 'Criminal Procedure Code, art. 128',
        charges: 'art. 272 Criminal Code',
        courtAuthorised: 'no',
        courtAuthorisedOn: '',
        health: 'Treated in hospital.',
        counselAccess: 'yes',
        familyContact: 'yes',
        releasedOn: '2022-01-20',
        convictedOn: '',
        sentence: '',
        sourceKind: 'official_statement',
        sourceLabel: 'Statement of the prosecutor',
      });
      assert.equal(res.statusCode, 303);
      assert.equal(locationOf(res), `/staff/register/persons/${w.seed.personId}`);
      const d = await detentionNow(w.seed.detentionId);
      assert.deepEqual([d.status, d.releasedOn, d.health, d.counselAccess, d.familyContact, d.courtAuthorised], ['released', '2022-01-20', 'Treated in hospital.', 'yes', 'yes', false]);
      assert.equal(d.version, Number(version) + 1);
    });

    it('records a disappearance, then its clarification', async () => {
      const res = await w.officer.post(`/staff/register/persons/${w.seed.plainId}/disappearances/new`, {
        lastSeen: '2022-01',
        lastSeenPlaceId: 'zhanaozen',
        lastSeenBy: 'A neighbour',
        relativesSteps: 'A complaint to the prosecutor.',
        actId: '',
        sourceKind: 'other',
        sourceLabel: 'Her mother',
      });
      assert.equal(res.statusCode, 303);
      assert.equal(locationOf(res), `/staff/register/persons/${w.seed.plainId}`);
      const row = (await listDisappearancesOfPerson(w.ctx.store.db, w.seed.plainId))[0]!;
      const d = disappearanceOf(w.ctx, row);
      assert.deepEqual([d.lastSeen.value, d.lastSeen.precision, d.lastSeenPlaceId, d.lastSeenBy, d.relativesSteps, d.status], ['2022-01', 'month', 'zhanaozen', 'A neighbour', 'A complaint to the prosecutor.', 'outstanding']);

      const changed = await w.officer.post(`/staff/register/disappearances/${d.id}/status`, {
        version: String(d.version),
        status: 'clarified',
        clarification: 'Found in a hospital by her lawyer.',
        clarifiedOn: '2022-01-25',
        relativesSteps: 'A complaint to the prosecutor.',
      });
      assert.equal(changed.statusCode, 303);
      const after = disappearanceOf(w.ctx, (await findDisappearance(w.ctx.store.db, d.id))!);
      assert.deepEqual([after.status, after.clarification, after.clarifiedOn, after.version], ['clarified', 'Found in a hospital by her lawyer.', '2022-01-25', d.version + 1]);
    });

    it('records a figure as reported — “over 9,900”, a vague date, part of another figure', async () => {
      const res = await w.officer.post('/staff/register/figures/new', {
        count: '3,393',
        qualifier: 'exact',
        measure: 'injured',
        population: 'security_forces',
        reportedBy: 'Ministry of Health',
        reported: '2022-01',
        reportedEnd: '',
        reportedVague: 'on',
        scopePlaceId: 'almaty',
        partOfId: w.seed.figureId,
        eventId: w.seed.eventId,
        notes: 'Of 4,353 injured.',
        quote: '3,393 of them security forces',
        sourceKind: 'official_statement',
        sourceLabel: 'Ministry of Health briefing',
      });
      assert.equal(res.statusCode, 303);
      assert.equal(locationOf(res), '/staff/register/figures');
      const figure = (await listFigures(w.ctx.store.db, { measures: ['injured'] })).map(figureOf)[0]!;
      assert.deepEqual(
        [figure.count, figure.qualifier, figure.population, figure.reportedBy, figure.reported, figure.partOfId, figure.eventId, figure.quote],
        [3393, 'exact', 'security_forces', 'Ministry of Health', { value: '2022-01', precision: 'month', end: null, vague: true }, w.seed.figureId, w.seed.eventId, '3,393 of them security forces'],
      );
    });

    it('opens the figure form on the measure asked for, its figures first among those to be part of', async () => {
      const res = await w.officer.get('/staff/register/figures/new?measure=detained');
      assert.match(res.body, /<option value="detained" selected>/);
      const partOf = res.body.slice(res.body.indexOf('id="partOfId"'));
      assert.ok(partOf.indexOf('label="Detained"') < partOf.indexOf('label="Injured"'), 'detained figures first');
      assert.match(partOf, /Over 9,900 \(All\) · Interior Ministry · 2022-01-11/);
    });

    it('adds a place of detention with an id made from its local name, and says so on the form', async () => {
      const res = await w.officer.post('/staff/register/places/new', { kind: 'facility', name: 'СИЗО № 1 г. Алматы', nameLocal: '', id: '', parentId: 'almaty', countryCode: 'KAZ', lat: '43,2567', lon: '76.9286', source: '' });
      assert.equal(res.statusCode, 303);
      assert.equal(locationOf(res), '/staff/register/places/new?added=sizo-no-1-g-almaty');
      const place = (await findPlaces(w.ctx.store.db, ['sizo-no-1-g-almaty']))[0]!;
      assert.deepEqual([place.kind, place.name, place.parent_id, place.country_code, Number(place.lat), Number(place.lon)], ['facility', 'СИЗО № 1 г. Алматы', 'almaty', 'KAZ', 43.2567, 76.9286]);
      const page = await w.officer.get(locationOf(res));
      assert.match(page.body, /role="status">“СИЗО № 1 г. Алматы” \(sizo-no-1-g-almaty\) was added to the register\./);
      const transfer = await w.officer.get(`/staff/register/detentions/${w.seed.withheldDetentionId}/transfer`);
      assert.match(transfer.body, /<option value="sizo-no-1-g-almaty">СИЗО № 1 г. Алматы<\/option>/, 'the new place is offered at once');
    });

    it('links a communication by its reference to a person, an event and an act, each once', async () => {
      const form = await w.officer.get(`/staff/register/links/new?recordType=event&recordId=${w.seed.eventId}`);
      assert.match(form.body, /<dd dir="auto">Dispersal of the protest in Zhanaozen<\/dd>/);
      assert.match(form.body, new RegExp(`name="recordId" value="${w.seed.eventId}"`));

      const toPerson = await w.officer.post('/staff/register/links', { communication: 'al kaz 1/2022', recordType: 'person', recordId: w.seed.personId });
      assert.equal(toPerson.statusCode, 303);
      assert.equal(locationOf(toPerson), `/staff/register/persons/${w.seed.personId}`);
      const toEvent = await w.officer.post('/staff/register/links', { communication: 'AL-KAZ-1-2022', recordType: 'event', recordId: w.seed.eventId });
      assert.equal(locationOf(toEvent), `/staff/register/events/${w.seed.eventId}`);
      const toAct = await w.officer.post('/staff/register/links', { communication: w.letter.id, recordType: 'act', recordId: w.seed.actId });
      assert.equal(locationOf(toAct), `/staff/register/persons/${w.seed.personId}`);
      const twice = await w.officer.post('/staff/register/links', { communication: 'AL KAZ 1/2022', recordType: 'person', recordId: w.seed.personId });
      assert.equal(twice.statusCode, 303);
      for (const [type, id] of [['person', w.seed.personId], ['event', w.seed.eventId], ['act', w.seed.actId]] as const) {
        assert.deepEqual((await communicationsOfRecords(w.ctx.store.db, type, [id])).map((l) => l.communication_id), [w.letter.id], type);
      }
    });
  });
}
