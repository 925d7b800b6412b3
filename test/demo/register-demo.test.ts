// The case register's demo: every figure the reference letter states, with its source and date; the letter's
// events by date and place; invented persons, marked synthetic, with detentions, transfers and a
// disappearance; and nothing added when it is loaded again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { confirmFigureCandidates } from '../../src/commands/register/confirm-figure-candidates.ts';
import { detentionOf, disappearanceOf, eventOf, figureOf, personOf, sourceOf } from '../../src/commands/register/register-records.ts';
import { verifyAudit } from '../../src/commands/verify-audit.ts';
import type { AppContext } from '../../src/context.ts';
import { readAuditBatch, readAuditHead } from '../../src/db/repositories/audit-repository.ts';
import {
  findPersonNames,
  findPersons,
  linksOfCommunication,
  listDetentionsOfPerson,
  listDisappearancesOfPerson,
  listEvents,
  listFigures,
  listPlaces,
  listStays,
  sourcesOf,
} from '../../src/db/repositories/register-repository.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { loadRegisterDemo } from '../../src/demo/register/load-register-demo.ts';
import { transfersOf, type Detention, type Disappearance, type Figure, type Person, type RegisterEvent } from '../../src/domain/register/records.ts';
import { PUBLIC, SYSTEM, staff, type Principal } from '../../src/policies/principal.ts';
import { getCommunication } from '../../src/queries/get-communication.ts';
import { isAppError } from '../../src/errors.ts';
import { DIALECTS, testContext } from '../support/stores.ts';

const OFFICER = staff('Test Officer');

type Row = [
  count: number,
  qualifier: string,
  measure: string,
  population: string,
  reportedBy: string | null,
  date: string,
  vague: boolean,
  scope: string,
  partOf: number | null,
];

/**
 * Every figure AL KAZ 1/2022 states, read from the letter by hand: the count with its qualifier, what it
 * counts, whose people, who reported it, on which date ("vague" when the sentence gives no date of its own
 * and the date is the one the letter states before it), for which place, and the figure it is part of.
 */
const LETTER_FIGURES: Row[] = [
  // 3 January: "In the afternoon, an estimated 1,000 people assembled in the city square" (Zhanaozen).
  [1000, 'approximately', 'assembled', 'all', null, '2022-01-03', true, 'zhanaozen', null],
  // "while a reported 20 protesters and activists were detained" (Almaty).
  [20, 'exact', 'detained', 'protesters_and_activists', null, '2022-01-03', true, 'almaty', null],
  // "By that evening, approximately 6,000 people had rallied in the square" (Aktau).
  [6000, 'approximately', 'assembled', 'all', null, '2022-01-03', true, 'aktau', null],
  // 4 January: "in Atyrau with over 5,000 people, in Almaty with approximately 1,000 protesters".
  [5000, 'over', 'assembled', 'all', null, '2022-01-04', true, 'atyrau', null],
  [1000, 'approximately', 'assembled', 'protesters', null, '2022-01-04', true, 'almaty', null],
  // 5 January: "the reported death of two soldiers" at Almaty International Airport.
  [2, 'exact', 'killed', 'security_forces', null, '2022-01-05', true, 'almaty', null],
  // "The Interior Ministry confirmed that over 200 persons had been detained".
  [200, 'over', 'detained', 'all', 'Interior Ministry', '2022-01-05', true, 'kazakhstan', null],
  // "On 6 January 2022, the Interior Ministry announced … approximately 2,000 people were brought to police stations".
  [2000, 'approximately', 'brought_to_police_stations', 'all', 'Interior Ministry', '2022-01-06', false, 'almaty', null],
  // "The Interior Ministry reported that 2,298 people had been arrested, that 317 members of the security
  // forces were injured, and that eight members of law enforcement had been killed".
  [2298, 'exact', 'arrested', 'all', 'Interior Ministry', '2022-01-06', true, 'kazakhstan', null],
  [317, 'exact', 'injured', 'security_forces', 'Interior Ministry', '2022-01-06', true, 'kazakhstan', null],
  [8, 'exact', 'killed', 'law_enforcement', 'Interior Ministry', '2022-01-06', true, 'kazakhstan', null],
  // "In Zhanaozen, a reported 6’000 people gathered to protest in the city center."
  [6000, 'exact', 'assembled', 'all', null, '2022-01-06', true, 'zhanaozen', null],
  // After 9 January: the Ministry of Foreign Affairs: "detained close to 8,000 people".
  [8000, 'close_to', 'detained', 'all', 'Ministry of Foreign Affairs', '2022-01-09', true, 'kazakhstan', null],
  // "On 11 January 2022, the Interior Ministry reported that security forces had detained over 9,900 people".
  [9900, 'over', 'detained', 'all', 'Interior Ministry', '2022-01-11', false, 'kazakhstan', null],
  // "Initial reports indicated a total of 164 people killed" (by 11 January).
  [164, 'exact', 'killed', 'all', 'initial reports', '2022-01-11', true, 'kazakhstan', null],
  // "Three of the casualties were persons under the age of 18 … according to the Ombudsperson for Children’s Rights."
  [3, 'exact', 'casualties', 'children', "Ombudsperson for Children's Rights", '2022-01-11', true, 'kazakhstan', null],
  // "The Health Ministry specified that 103 people had been killed in the city of Almaty alone."
  [103, 'exact', 'killed', 'all', 'Health Ministry', '2022-01-11', true, 'almaty', null],
  // "On 15 January 2022, the Prosecutor General’s office raised the reported death toll to 225 people killed …
  // including 19 members of the security forces."
  [225, 'exact', 'killed', 'all', "Prosecutor General's Office", '2022-01-15', false, 'kazakhstan', null],
  [19, 'exact', 'killed', 'security_forces', "Prosecutor General's Office", '2022-01-15', false, 'kazakhstan', 225],
  // "The Prosecutor’s office further reported that 4,353 people had been injured, of which 3,393 were members of the security forces."
  [4353, 'exact', 'injured', 'all', "Prosecutor General's Office", '2022-01-15', true, 'kazakhstan', null],
  [3393, 'exact', 'injured', 'security_forces', "Prosecutor General's Office", '2022-01-15', true, 'kazakhstan', 4353],
  // "672 people … were placed in temporary detention facilities, while 446 of them were detained with
  // court-issued authorization, as of 15 January 2022."
  [672, 'exact', 'in_temporary_detention', 'all', "Prosecutor General's Office", '2022-01-15', false, 'kazakhstan', null],
  [446, 'exact', 'detained_with_court_authorization', 'all', "Prosecutor General's Office", '2022-01-15', false, 'kazakhstan', 672],
  // "According to the Border Guard Service, 366 people were arrested and detained while attempting to cross borders".
  [366, 'exact', 'arrested', 'all', 'Border Guard Service', '2022-01-15', true, 'kazakhstan', null],
];

interface Loaded {
  letterId: string;
  figures: Figure[];
  events: RegisterEvent[];
  persons: Person[];
  detentions: Detention[];
  disappearances: Disappearance[];
}

/** Everything the register holds after the demo, read through the repositories and the record mappers. */
async function readRegister(ctx: AppContext, letterId: string): Promise<Loaded> {
  const db = ctx.store.db;
  const figures = (await listFigures(db)).map(figureOf);
  const events = (await listEvents(db)).map(eventOf);
  const personIds = (await readAuditBatch(db, 0, 100_000)).filter((e) => e.action === 'person.created').map((e) => e.recordId);
  const names = await findPersonNames(db, personIds);
  const persons = (await findPersons(db, personIds)).map((p) => personOf(ctx, p, names));
  const detentions: Detention[] = [];
  const disappearances: Disappearance[] = [];
  for (const id of personIds) {
    const rows = await listDetentionsOfPerson(db, id);
    const stays = await listStays(
      db,
      rows.map((r) => r.id),
    );
    detentions.push(...rows.map((r) => detentionOf(ctx, r, stays)));
    disappearances.push(...(await listDisappearancesOfPerson(db, id)).map((r) => disappearanceOf(ctx, r)));
  }
  return { letterId, figures, events, persons, detentions, disappearances };
}

for (const dialect of DIALECTS) {
  describe(`the case register's demo on ${dialect}`, () => {
    let ctx: AppContext;
    let close: () => Promise<void>;
    let r: Loaded;
    before(async () => {
      ({ ctx, close } = await testContext(dialect, '2026-11-29T09:00:00Z'));
      assert.equal((await loadDemo(ctx, { syntheticCount: 6 })).loaded, true);
      r = await readRegister(ctx, (await getCommunication(ctx, SYSTEM, 'AL KAZ 1/2022')).id);
    });
    after(() => close());

    test('every figure the letter states is in the register, with its source, date and place', async () => {
      assert.equal(r.figures.length, LETTER_FIGURES.length, 'the letter’s figures and no others');
      const sources = await sourcesOf(
        ctx.store.db,
        'figure',
        r.figures.map((f) => f.id),
      );
      const unmatched = [...r.figures];
      for (const [count, qualifier, measure, population, reportedBy, date, vague, scope, partOf] of LETTER_FIGURES) {
        const what = `${count} ${measure} (${population}) — ${reportedBy ?? 'unattributed'}, ${date}`;
        const i = unmatched.findIndex((f) => f.count === count && f.measure === measure && f.population === population && f.reported.value === date && f.scopePlaceId === scope);
        assert.ok(i >= 0, `in the register: ${what}`);
        const f = unmatched.splice(i, 1)[0]!;
        assert.equal(f.qualifier, qualifier, `${what}: qualifier`);
        assert.equal(f.reportedBy, reportedBy, `${what}: reported by`);
        assert.deepEqual(f.reported, { value: date, precision: 'day', end: null, vague }, `${what}: date and precision`);
        assert.equal(f.partOfId === null ? null : r.figures.find((p) => p.id === f.partOfId)?.count, partOf, `${what}: part of`);
        assert.ok(f.quote.length > 20 && /\d|two|eight|three/i.test(f.quote), `${what}: the letter’s sentence`);
        const [source, ...more] = (sources.get(f.id) ?? []).map((s) => sourceOf(ctx, s));
        assert.equal(more.length, 0, `${what}: one source`);
        assert.equal(source?.kind, 'communication', `${what}: a communication source`);
        assert.equal(source?.communicationId, r.letterId, `${what}: AL KAZ 1/2022`);
        assert.equal(source?.label, reportedBy ? `AL KAZ 1/2022 (allegation letter), citing ${reportedBy}` : 'AL KAZ 1/2022 (allegation letter)');
      }
      assert.deepEqual(unmatched, []);
      const f9900 = r.figures.find((f) => f.count === 9900);
      assert.equal(f9900?.quote, 'On 11 January 2022, the Interior Ministry reported that security forces had detained over 9,900 people in connection with the protests.');
    });

    test('figures over time by source: 164 killed by 11 January, 225 per the Prosecutor General on 15 January', () => {
      const killed = r.figures.filter((f) => f.measure === 'killed' && f.population === 'all' && f.scopePlaceId === 'kazakhstan');
      assert.deepEqual(
        killed.map((f) => [f.count, f.reportedBy, f.reported.value, f.reported.vague]),
        [
          [164, 'initial reports', '2022-01-11', true],
          [225, "Prosecutor General's Office", '2022-01-15', false],
        ],
      );
      const detained = r.figures.filter((f) => f.measure === 'detained' && f.population === 'all').map((f) => f.count);
      assert.deepEqual(detained, [200, 8000, 9900]);
    });

    test('figures belong to their events where obvious', () => {
      const eventOfFigure = (count: number, place = 'kazakhstan') => r.events.find((e) => e.id === r.figures.find((f) => f.count === count && f.scopePlaceId === place)?.eventId);
      assert.equal(eventOfFigure(2000, 'almaty')?.type, 'arrest_wave');
      assert.match(eventOfFigure(2000, 'almaty')?.title ?? '', /Karasaybatyr and Masanchi/);
      assert.equal(eventOfFigure(9900)?.type, 'arrest_wave');
      assert.equal(eventOfFigure(225)?.type, 'use_of_force');
      assert.deepEqual(eventOfFigure(1000, 'zhanaozen')?.placeIds, ['zhanaozen']);
      assert.equal(eventOfFigure(1000, 'zhanaozen')?.start.value, '2022-01-03');
    });

    test('the letter’s events by date and place, each citing and linked to the letter', async () => {
      const find = (type: string, start: string, place: string) => r.events.find((e) => e.type === type && e.start.value === start && e.placeIds.includes(place));
      const zhanaozen = find('assembly', '2022-01-02', 'zhanaozen');
      assert.ok(zhanaozen, 'Zhanaozen, 2 January');
      assert.deepEqual(zhanaozen.start, { value: '2022-01-02', precision: 'day', end: null, vague: false });
      const emergency = find('state_of_emergency', '2022-01-05', 'kazakhstan');
      assert.ok(emergency, 'the nationwide state of emergency from 5 January');
      assert.equal(emergency.end?.value, '2022-01-19');
      assert.ok(find('state_of_emergency', '2022-01-05', 'mangystau'), 'first in Mangystau and Almaty');
      assert.ok(find('curfew', '2022-01-05', 'kazakhstan'), 'the curfew');
      const shutdown = find('communications_shutdown', '2022-01-05', 'kazakhstan');
      assert.ok(shutdown, 'the nationwide internet shutdown from 5 January');
      assert.equal(shutdown.end, null, 'the letter does not say when it ended');
      assert.ok(find('military_deployment', '2022-01-06', 'kazakhstan'), 'the CSTO from 6 January');
      assert.match(find('order_to_shoot', '2022-01-07', 'kazakhstan')?.title ?? '', /open fire/);
      for (const city of ['aktau', 'almaty', 'atyrau', 'aktobe', 'uralsk', 'taraz', 'shymkent']) {
        assert.ok(r.events.some((e) => e.placeIds.includes(city)), `an event in ${city}`);
      }
      const range = r.events.find((e) => e.start.end === '2022-01-05');
      assert.equal(range?.start.value, '2022-01-04', 'the night of 4-5 January, a range');
      assert.ok(r.events.some((e) => e.start.precision === 'month' && e.start.vague), 'the letter’s undated events: the month, vague');
      assert.ok(r.events.every((e) => !e.synthetic && e.countryCode === 'KAZ'));

      const links = await linksOfCommunication(ctx.store.db, r.letterId);
      const linked = new Set(links.filter((l) => l.record_type === 'event').map((l) => l.record_id));
      const sources = await sourcesOf(
        ctx.store.db,
        'event',
        r.events.map((e) => e.id),
      );
      const places = new Set((await listPlaces(ctx.store.db)).map((p) => p.id));
      for (const e of r.events) {
        assert.ok(linked.has(e.id), `linked to the letter: ${e.title}`);
        const s = (sources.get(e.id) ?? []).map((x) => sourceOf(ctx, x));
        assert.deepEqual(
          s.map((x) => [x.kind, x.communicationId, x.label]),
          [['communication', r.letterId, 'AL KAZ 1/2022 (allegation letter)']],
          e.title,
        );
        for (const p of e.placeIds) assert.ok(places.has(p), `${e.title}: place ${p}`);
      }
    });

    test('places: the gazetteer with the country, and invented places of detention in their cities', async () => {
      const places = (await listPlaces(ctx.store.db)).map((p) => ({ ...p, lat: p.lat === null ? null : Number(p.lat), lon: p.lon === null ? null : Number(p.lon) }));
      const byId = new Map(places.map((p) => [p.id, p]));
      const country = byId.get('kazakhstan');
      assert.equal(country?.kind, 'country');
      assert.equal(country?.country_code, 'KAZ');
      assert.ok(country.lat !== null && country.lat > 40 && country.lat < 56 && country.lon !== null && country.lon > 46 && country.lon < 88, 'inside Kazakhstan');
      assert.equal(byId.get('zhanaozen')?.parent_id, 'mangystau');
      assert.equal(byId.get('mangystau')?.parent_id, 'kazakhstan');
      const facility = byId.get('idf-almaty');
      assert.equal(facility?.kind, 'facility');
      assert.equal(facility?.parent_id, 'almaty');
      assert.deepEqual([facility?.lat, facility?.lon], [byId.get('almaty')?.lat, byId.get('almaty')?.lon]);
      assert.match(facility?.source ?? '', /invented/);
    });

    test('persons: all invented and marked synthetic, named in Cyrillic and Latin', async () => {
      assert.ok(r.persons.length >= 6 && r.persons.length <= 12, `${r.persons.length} persons`);
      for (const p of r.persons) {
        assert.equal(p.synthetic, true, p.names[0]?.name);
        assert.ok(p.names.some((n) => n.script === 'cyrl'), 'a Cyrillic name');
        const latin = p.names.find((n) => n.transliteration === 'icao9303');
        assert.ok(latin && latin.script === 'latn' && latin.transliterationOf !== null, 'a Latin name per ICAO 9303, naming what it transliterates');
        assert.equal(p.names[latin.transliterationOf!]?.script, 'cyrl');
        const sources = (await sourcesOf(ctx.store.db, 'person', [p.id])).get(p.id) ?? [];
        assert.deepEqual(
          sources.map((s) => sourceOf(ctx, s).label),
          ['Demonstration data: invented for the demo, not drawn from any source'],
        );
      }
      const names = r.persons.map((p) => p.names[0]!.name);
      assert.ok(names.some((n) => n.endsWith('Жанбулатов')) && names.some((n) => n.endsWith('Жанбулатова')), 'a man and a woman sharing a family name');
      assert.ok(r.persons.some((p) => p.identityWithheld), 'a person whose identity is withheld');
      for (const a of ['journalist', 'human_rights_defender', 'trade_unionist', 'activist']) assert.ok(r.persons.some((p) => p.affiliation === a), a);
      const links = await linksOfCommunication(ctx.store.db, r.letterId);
      assert.ok(links.some((l) => l.record_type === 'person'), 'persons linked to the letter');
    });

    test('detentions: transfers, whereabouts unknown, no contact, a release, charges, two authorities; a disappearance', () => {
      const d = r.detentions;
      assert.ok(d.some((x) => transfersOf(x.stays).length >= 1), 'a transfer');
      assert.ok(d.some((x) => x.stays.length >= 3), 'three places of detention');
      const unknown = d.find((x) => x.status === 'whereabouts_unknown');
      assert.ok(unknown, 'whereabouts unknown');
      assert.equal(unknown.stays.at(-1)?.placeId, null);
      assert.equal(transfersOf(unknown.stays).at(-1)?.toPlaceId, null);
      assert.ok(d.some((x) => x.familyContact === 'no' && x.counselAccess === 'no'), 'no contact with family or counsel');
      assert.ok(d.some((x) => x.status === 'released' && x.releasedOn === '2022-01-10'), 'a release');
      assert.ok(d.some((x) => x.charges.includes('art. 272 Criminal Code (mass riots)')), 'art. 272');
      assert.ok(d.some((x) => x.charges.includes('art. 255 Criminal Code (act of terrorism)')), 'art. 255');
      assert.ok(d.some((x) => x.arrestAuthority === 'Police') && d.some((x) => x.arrestAuthority === 'National Security Committee (KNB)'), 'police and KNB');
      assert.ok(d.some((x) => x.health.length > 0), 'health notes');
      const gone = r.disappearances.find((x) => x.status === 'outstanding');
      assert.ok(gone, 'an outstanding disappearance');
      assert.equal(gone.lastSeen.value, '2022-01-08');
      assert.ok(gone.lastSeenPlaceId && gone.relativesSteps.length > 0 && gone.lastSeenBy.length > 0);
      assert.equal(d.find((x) => x.personId === gone.personId)?.status, 'whereabouts_unknown', 'the disappeared was last held in a known place, then taken somewhere unknown');
    });

    test('confirming candidates: a bad candidate, an unknown event or a principal without the right writes nothing', async () => {
      const head = await readAuditHead(ctx.store.db);
      const good = {
        kind: 'figure',
        count: 12,
        qualifier: null,
        what: 'detained',
        whose: 'journalists',
        reportedBy: null,
        reportedByText: null,
        date: { value: '2022-01-10', precision: 'day' },
        dateSource: 'sentence',
        scope: [{ id: 'almaty', name: 'Almaty', kind: 'city', region: null, lat: null, lon: null }],
        scopeSource: 'sentence',
        partOf: null,
        text: '12',
        sentence: 'On 10 January 2022, 12 journalists were detained in Almaty.',
      };
      const refused: Array<[unknown, Principal, string]> = [
        [{ communicationId: r.letterId, candidates: [good, { ...good, what: 'evacuated', text: '13' }] }, OFFICER, 'VALIDATION_FAILED'],
        [{ communicationId: r.letterId, candidates: [good, { ...good, date: { value: '2022-13-45', precision: 'day' }, text: '14' }] }, OFFICER, 'VALIDATION_FAILED'],
        [{ communicationId: r.letterId, candidates: [good], events: [{ index: 0, eventId: '0b7c1e2a-4a8f-4b7e-9d6c-2f1e3a4b5c6d' }] }, OFFICER, 'VALIDATION_FAILED'],
        [{ communicationId: r.letterId, candidates: [good], confirm: [1] }, OFFICER, 'VALIDATION_FAILED'],
        [{ communicationId: r.letterId, candidates: [good] }, PUBLIC, 'NOT_FOUND'],
      ];
      for (const [input, principal, code] of refused) {
        await assert.rejects(confirmFigureCandidates(ctx, principal, input), (e: unknown) => isAppError(e) && e.code === code, JSON.stringify(input).slice(0, 200));
      }
      assert.deepEqual(await readAuditHead(ctx.store.db), head);
      assert.equal((await listFigures(ctx.store.db)).length, LETTER_FIGURES.length);
    });

    test('loading again adds nothing, and the audit chain verifies', async () => {
      const head = await readAuditHead(ctx.store.db);
      assert.equal((await loadDemo(ctx)).loaded, false);
      const again = await loadRegisterDemo(ctx, r.letterId);
      assert.equal(again.loaded, false);
      assert.deepEqual(await readAuditHead(ctx.store.db), head);
      assert.equal((await listFigures(ctx.store.db)).length, LETTER_FIGURES.length);
      assert.equal((await listEvents(ctx.store.db)).length, r.events.length);
      assert.deepEqual((await verifyAudit(ctx)).problems, []);
    });
  });
}
