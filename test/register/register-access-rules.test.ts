import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Act, Detention, Disappearance, Figure, Person, RegisterEvent, Source } from '../../src/domain/register/records.ts';
import { allowRegister, authorizeClass, authorizeRegister, REGISTER_ACTIONS, RESTRICTED_CLASSES, visibleClasses, type RestrictedClass } from '../../src/policies/register-policy.ts';
import {
  presentAct,
  presentDetention,
  presentDisappearance,
  presentEvent,
  presentFigure,
  presentPerson,
  revealedClasses,
} from '../../src/presenters/register-presenter.ts';
import { ROLE_PRINCIPALS } from './register-fixture.ts';

/**
 * The register's policy and presenter, directly: which role may do what, which restricted classes each
 * sees, and that a restricted field of a class the reader may not see is absent from the view — not empty,
 * not null: absent — so that nothing downstream can show it.
 */

/** What each role may do with the register, in the order of REGISTER_ACTIONS. */
const EXPECTED: Record<string, readonly string[]> = {
  case_officer: REGISTER_ACTIONS,
  mandate_holder: ['view', 'inquire'],
  admin: ['inquire'],
  focal_point: ['inquire'],
  source: ['inquire'],
  public: ['inquire'],
  system: ['view', 'edit', 'import', 'inquire'],
};

const ALL: ReadonlySet<RestrictedClass> = new Set(RESTRICTED_CLASSES);
const NONE: ReadonlySet<RestrictedClass> = new Set();

const S = {
  name: 'SECRET-NAME Жанбулатова',
  nameLatin: 'SECRET-NAME-LATIN Zhanbulatova',
  health: 'SECRET-HEALTH',
  note: 'SECRET-STAY-NOTE',
  label: 'SECRET-SOURCE-LABEL',
  lastSeenBy: 'SECRET-LAST-SEEN-BY',
  steps: 'SECRET-RELATIVES-STEPS',
  clarification: 'SECRET-CLARIFICATION',
  facility: 'sizo-secret-facility',
  facility2: 'ivs-secret-facility',
};
const secretsIn = (view: unknown) => Object.values(S).filter((v) => JSON.stringify(view).includes(v));

const at = '2022-01-18T08:00:00.000Z';
const source: Source = { id: 's1', kind: 'ngo_report', label: S.label, submissionId: null, communicationId: null, importId: null, receivedOn: '2022-01-10' };
const person = (identityWithheld: boolean): Person => ({
  id: 'p1',
  names: [
    { name: S.name, script: 'cyrl', transliterationOf: null, transliteration: null },
    { name: S.nameLatin, script: 'latn', transliterationOf: 0, transliteration: 'icao9303' },
  ],
  sex: 'f',
  birthYear: 1990,
  occupation: 'journalist',
  affiliation: 'journalist',
  homePlaceId: 'almaty',
  identityWithheld,
  synthetic: true,
  createdAt: at,
  updatedAt: at,
  version: 1,
});
const detention = (health = S.health): Detention => ({
  id: 'd1',
  personId: 'p1',
  actId: null,
  arrested: { value: '2022-01-05', precision: 'day' },
  arrestPlaceId: S.facility,
  arrestAuthority: 'National Security Committee',
  legalBasis: 'art. 128 Criminal Procedure Code',
  charges: ['art. 272 Criminal Code'],
  courtAuthorised: true,
  courtAuthorisedOn: '2022-01-07',
  currentPlaceId: S.facility2,
  currentAuthority: 'National Security Committee',
  status: 'in_custody',
  health,
  counselAccess: 'no',
  familyContact: 'no',
  releasedOn: null,
  convictedOn: null,
  sentence: null,
  stays: [
    { seq: 0, placeId: S.facility, since: { value: '2022-01-05', precision: 'day' }, authority: 'Police', note: S.note },
    { seq: 1, placeId: S.facility2, since: { value: '2022-01-09', precision: 'day' }, authority: 'National Security Committee', note: '' },
  ],
  createdAt: at,
  updatedAt: at,
  version: 2,
});
const disappearance: Disappearance = {
  id: 'x1',
  personId: 'p1',
  actId: null,
  lastSeen: { value: '2022-01-07', precision: 'day' },
  lastSeenPlaceId: 'almaty',
  lastSeenBy: S.lastSeenBy,
  relativesSteps: S.steps,
  status: 'clarified',
  clarification: S.clarification,
  clarifiedOn: '2022-01-15',
  createdAt: at,
  updatedAt: at,
  version: 2,
};
const act: Act = {
  id: 'a1',
  personId: 'p1',
  eventId: 'e1',
  type: 'arbitrary_arrest_and_detention',
  perpetrator: 'police',
  status: 'alleged',
  date: { value: '2022-01-05', precision: 'day' },
  placeId: 'almaty',
  description: 'Arrested at the square',
  createdAt: at,
  version: 1,
};
const event: RegisterEvent = {
  id: 'e1',
  type: 'dispersal',
  title: 'Dispersal',
  description: 'Dispersed',
  start: { value: '2022-01-04', precision: 'day' },
  end: null,
  countryCode: 'KAZ',
  placeIds: ['almaty'],
  synthetic: true,
  createdAt: at,
  updatedAt: at,
  version: 1,
};
const figure: Figure = {
  id: 'f1',
  count: 9900,
  qualifier: 'over',
  measure: 'detained',
  population: 'all',
  reportedBy: 'Interior Ministry',
  reported: { value: '2022-01-11', precision: 'day' },
  scopePlaceId: 'kaz',
  partOfId: null,
  eventId: 'e1',
  notes: 'Internal note',
  quote: 'over 9,900',
  createdAt: at,
};

describe('register policy', () => {
  for (const [role, principal] of Object.entries(ROLE_PRINCIPALS)) {
    it(`${role}: may ${EXPECTED[role]!.join(', ')} and nothing else`, () => {
      const allowed = REGISTER_ACTIONS.filter((a) => allowRegister(principal, a));
      assert.deepEqual(allowed, [...EXPECTED[role]!]);
      for (const action of REGISTER_ACTIONS) {
        if (allowed.includes(action)) assert.doesNotThrow(() => authorizeRegister(principal, action));
        else assert.throws(() => authorizeRegister(principal, action), { code: 'NOT_FOUND' }, `${role} ${action}: the answer of a missing record`);
      }
    });

    it(`${role}: sees ${role === 'case_officer' ? 'every restricted class' : 'no restricted class'}`, () => {
      const classes = visibleClasses(principal);
      assert.deepEqual([...classes].sort(), role === 'case_officer' ? [...RESTRICTED_CLASSES].sort() : []);
      for (const cls of RESTRICTED_CLASSES) {
        if (classes.has(cls)) assert.doesNotThrow(() => authorizeClass(principal, cls));
        else assert.throws(() => authorizeClass(principal, cls), { code: 'NOT_FOUND' });
      }
    });
  }
});

describe('register presenter', () => {
  it('a person: names present unless withheld from the reader; sources only with the class', () => {
    const open = presentPerson(person(false), NONE, [source]);
    assert.equal(open.names?.length, 2, 'a name not withheld is internal: every viewer sees it');
    assert.ok(!('sources' in open), 'no sources without the class');

    const withheldForHolder = presentPerson(person(true), NONE, [source]);
    assert.ok(!('names' in withheldForHolder), 'a withheld identity: no names at all');
    assert.equal(withheldForHolder.identityWithheld, true, 'the reader is told the identity is withheld');
    assert.deepEqual(secretsIn(withheldForHolder), []);

    const withheldForOfficer = presentPerson(person(true), ALL, [source]);
    assert.deepEqual(
      withheldForOfficer.names?.map((n) => n.name),
      [S.name, S.nameLatin],
    );
    assert.equal(withheldForOfficer.sources?.[0]?.label, S.label);
  });

  it('a detention: places over time and transfers only with detention_place, health only with health', () => {
    const holder = presentDetention(detention(), NONE, [source]);
    for (const key of ['arrestPlaceId', 'currentPlaceId', 'stays', 'transfers', 'health', 'sources']) assert.ok(!(key in holder), `${key} is absent`);
    assert.equal(holder.stayCount, 2, 'how many places is no place');
    assert.deepEqual(holder.charges, ['art. 272 Criminal Code'], 'charges are internal');
    assert.equal(holder.currentAuthority, 'National Security Committee', 'authorities are internal');
    assert.deepEqual(secretsIn(holder), []);

    const officer = presentDetention(detention(), ALL, [source]);
    assert.equal(officer.health, S.health);
    assert.equal(officer.arrestPlaceId, S.facility);
    assert.deepEqual(officer.transfers, [{ fromPlaceId: S.facility, toPlaceId: S.facility2, on: { value: '2022-01-09', precision: 'day' }, authority: 'National Security Committee' }]);
    assert.equal(officer.stays?.[0]?.note, S.note);

    const placesOnly = presentDetention(detention(), new Set<RestrictedClass>(['detention_place']));
    assert.ok('stays' in placesOnly && !('health' in placesOnly) && !('sources' in placesOnly), 'each class on its own');
    const healthOnly = presentDetention(detention(), new Set<RestrictedClass>(['health']));
    assert.ok('health' in healthOnly && !('stays' in healthOnly) && !('arrestPlaceId' in healthOnly));
  });

  it('a disappearance: who last saw, the relatives’ steps and the clarification only with relatives', () => {
    const holder = presentDisappearance(disappearance, NONE, [source]);
    for (const key of ['lastSeenBy', 'relativesSteps', 'clarification', 'sources']) assert.ok(!(key in holder), `${key} is absent`);
    assert.equal(holder.status, 'clarified');
    assert.deepEqual(secretsIn(holder), []);
    const officer = presentDisappearance(disappearance, ALL, [source]);
    assert.deepEqual([officer.lastSeenBy, officer.relativesSteps, officer.clarification], [S.lastSeenBy, S.steps, S.clarification]);
  });

  it('acts, events and figures: internal, but their sources only with the class', () => {
    for (const view of [presentAct(act, NONE, [source]), presentEvent(event, NONE, [source]), presentFigure(figure, NONE, [source])]) {
      assert.ok(!('sources' in view), 'sources absent');
      assert.deepEqual(secretsIn(view), []);
    }
    assert.equal(presentAct(act, NONE).description, 'Arrested at the square');
    assert.equal(presentEvent(event, NONE).title, 'Dispersal');
    assert.equal(presentFigure(figure, NONE).count, 9900);
    for (const view of [presentAct(act, ALL, [source]), presentEvent(event, ALL, [source]), presentFigure(figure, ALL, [source])]) {
      assert.equal(view.sources?.[0]?.label, S.label);
    }
    assert.ok(!('createdAt' in presentEvent(event, ALL)) && !('createdAt' in presentFigure(figure, ALL)));
  });

  it('the classes a view reveals: only what it shows, so only that is audited', () => {
    const holderViews = {
      persons: [presentPerson(person(true), NONE)],
      detentions: [presentDetention(detention(), NONE)],
      disappearances: [presentDisappearance(disappearance, NONE)],
      sourced: [presentAct(act, NONE, [source])],
    };
    assert.deepEqual(revealedClasses(holderViews), [], 'a holder’s view reveals nothing');

    const officerViews = {
      persons: [presentPerson(person(true), ALL, [source])],
      detentions: [presentDetention(detention(), ALL)],
      disappearances: [presentDisappearance(disappearance, ALL)],
      sourced: [presentPerson(person(true), ALL, [source])],
    };
    assert.deepEqual(revealedClasses(officerViews).sort(), ['detention_place', 'health', 'identity', 'relatives', 'sources']);

    const nothingHeld = revealedClasses({ persons: [presentPerson(person(false), ALL, [])], detentions: [presentDetention(detention(''), ALL)], sourced: [presentAct(act, ALL, [])] });
    assert.deepEqual(nothingHeld, ['detention_place'], 'no withheld name, no health note, no source: none of those is read');
  });
});
