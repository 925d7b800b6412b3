import { createDraft } from '../../src/commands/create-draft.ts';
import { recordTransfer } from '../../src/commands/register/change-detention.ts';
import { linkCommunication } from '../../src/commands/register/link-communication.ts';
import { recordAct } from '../../src/commands/register/record-act.ts';
import { recordDetention } from '../../src/commands/register/record-detention.ts';
import { recordDisappearance } from '../../src/commands/register/record-disappearance.ts';
import { recordEvent } from '../../src/commands/register/record-event.ts';
import { recordFigure } from '../../src/commands/register/record-figure.ts';
import { recordPerson } from '../../src/commands/register/record-person.ts';
import { recordPlaces } from '../../src/commands/register/record-places.ts';
import type { AppContext } from '../../src/context.ts';
import { staff } from '../../src/policies/principal.ts';

/**
 * A small register for the views' tests, recorded through the commands: the reference letter's events and
 * figures (killed: 164 in initial reports by 11 January, 225 per the Prosecutor General on 15 January), and
 * invented persons — a detainee transferred twice and then taken to an unknown place, a person whose
 * identity is withheld, a released detainee, a disappeared person. Restricted fields hold sentinel strings
 * that pages for mandate holders must never contain.
 */

/** Texts that may appear only where a reader may see their class. */
export const SENTINEL = {
  /** In the names of places of detention (class `detention_place`). */
  facility1: 'Remand centre SENTINELPLACEONE',
  facility2: 'Holding facility SENTINELPLACETWO',
  /** A detainee's state of health (class `health`). */
  health: 'SENTINELHEALTH broken ribs after interrogation',
  /** A source's description (class `sources`). */
  source: 'SENTINELSOURCE statement of the lawyer',
  /** The name of a person whose identity is withheld (class `identity`). */
  withheldName: 'Сентинелова Айгуль',
  withheldLatin: 'Sentinelova Aigul',
  /** Who last saw a disappeared person (class `relatives`). */
  lastSeenBy: 'SENTINELRELATIVE the brother',
  /** A note on a stay (class `detention_place`). */
  stayNote: 'SENTINELNOTE cell 14',
} as const;

/** The case officer who records the sample. */
export const RECORDER = staff('Olga Officer');

/** The ids of what {@link seedRegister} recorded. */
export interface RegisterSample {
  events: { zhanaozen: string; spread: string; emergency: string; shutdown: string; openFire: string; arrests: string; dispersal: string };
  persons: { detainee: string; withheld: string; released: string; disappeared: string };
  detention: string;
  draft: string;
}

/** Records the sample register (the clock is expected in 2022 or later). */
export async function seedRegister(ctx: AppContext): Promise<RegisterSample> {
  const by = RECORDER;
  const city = (id: string, name: string, nameLocal: string, lat: number, lon: number) => ({ id, kind: 'city', name, nameLocal, parentId: 'kaz', countryCode: 'KAZ', lat, lon });
  await recordPlaces(ctx, by, [
    { id: 'kaz', kind: 'country', name: 'Kazakhstan', countryCode: 'KAZ' },
    { id: 'mangystau', kind: 'region', name: 'Mangystau region', parentId: 'kaz', countryCode: 'KAZ' },
    city('zhanaozen', 'Zhanaozen', 'Жаңаөзен', 43.34116, 52.86192),
    city('aktau', 'Aktau', 'Ақтау', 43.66105, 51.17392),
    city('almaty', 'Almaty', 'Алматы', 43.25249, 76.9115),
    city('atyrau', 'Atyrau', 'Атырау', 47.1048, 51.88427),
    city('aktobe', 'Aktobe', 'Ақтөбе', 50.27969, 57.20718),
    city('uralsk', 'Uralsk', 'Орал', 51.24601, 51.42558),
    city('taldykorgan', 'Taldykorgan', 'Талдықорған', 45.01556, 78.37389),
    city('shymkent', 'Shymkent', 'Шымкент', 42.30988, 69.60042),
    city('nur-sultan', 'Nur-Sultan', 'Нұр-Сұлтан', 51.1801, 71.44598),
    { id: 'sizo-almaty', kind: 'facility', name: SENTINEL.facility1, parentId: 'almaty', countryCode: 'KAZ' },
    { id: 'ivs-taldykorgan', kind: 'facility', name: SENTINEL.facility2, parentId: 'taldykorgan', countryCode: 'KAZ' },
  ]);
  const letter = { kind: 'communication' as const, label: 'AL KAZ 1/2022' };
  const event = (type: string, title: string, start: object, placeIds: string[], end?: object) =>
    recordEvent(ctx, by, { type, title, start, end, countryCode: 'KAZ', placeIds, description: `${title}, as the letter states.`, sources: [letter] });
  const events = {
    zhanaozen: await event('assembly', 'Protest against the rise in gas prices in Zhanaozen', { value: '2022-01-02' }, ['zhanaozen']),
    spread: await event('assembly', 'Protests spread to Aktau, Almaty, Atyrau, Aktobe and Uralsk', { value: '2022-01-03' }, ['aktau', 'almaty', 'atyrau', 'aktobe', 'uralsk'], { value: '2022-01-05' }),
    emergency: await event('state_of_emergency', 'State of emergency and curfew', { value: '2022-01-05' }, ['kaz'], { value: '2022-01-19' }),
    shutdown: await event('communications_shutdown', 'Nationwide internet shutdown', { value: '2022-01-05' }, ['kaz'], { value: '2022-01-10' }),
    openFire: await event('order_to_shoot', 'Order to open fire without warning', { value: '2022-01-07' }, ['kaz']),
    arrests: await event('arrest_wave', 'Mass arrests across the country', { value: '2022-01' }, ['almaty', 'taldykorgan', 'shymkent']),
    dispersal: await event('dispersal', 'Dispersal of protesters in Almaty with live ammunition', { value: '2022-01-05', vague: true }, ['almaty']),
  };

  const figure = (count: number, measure: string, reportedBy: string | null, reported: object, extra: Record<string, unknown> = {}) =>
    recordFigure(ctx, by, { count, measure, reportedBy, reported, scopePlaceId: 'kaz', ...extra });
  await figure(8, 'killed', 'Interior Ministry', { value: '2022-01-06' }, { population: 'law_enforcement' });
  await figure(164, 'killed', 'initial reports', { value: '2022-01-11', vague: true }, { eventId: events.dispersal, notes: 'By 11 January.' });
  await figure(103, 'killed', 'Health Ministry', { value: '2022-01-11' }, { scopePlaceId: 'almaty' });
  const all = await figure(225, 'killed', "Prosecutor General's Office", { value: '2022-01-15' });
  await figure(19, 'killed', "Prosecutor General's Office", { value: '2022-01-15' }, { population: 'security_forces', partOfId: all });
  await figure(200, 'detained', 'Interior Ministry', { value: '2022-01-05' }, { qualifier: 'over' });
  await figure(8000, 'detained', 'Ministry of Foreign Affairs', { value: '2022-01-09' }, { qualifier: 'close_to' });
  await figure(9900, 'detained', 'Interior Ministry', { value: '2022-01-11' }, { qualifier: 'over' });

  const secret = { kind: 'ngo_report' as const, label: SENTINEL.source };
  const detainee = await recordPerson(ctx, by, {
    names: [{ name: 'Жанбулатов Нурлан' }, { name: 'Zhanbulatov Nurlan', transliterationOf: 0, transliteration: 'icao' }],
    sex: 'm',
    birthYear: 1988,
    occupation: 'Reporter of an invented newspaper',
    affiliation: 'journalist',
    synthetic: true,
    sources: [secret],
  });
  const withheld = await recordPerson(ctx, by, {
    names: [{ name: SENTINEL.withheldName }, { name: SENTINEL.withheldLatin, transliterationOf: 0 }],
    sex: 'f',
    birthYear: 1995,
    affiliation: 'protester',
    identityWithheld: true,
    synthetic: true,
  });
  const released = await recordPerson(ctx, by, { names: [{ name: 'Тестов Ержан' }, { name: 'Testov Yerzhan' }], sex: 'm', birthYear: 1979, affiliation: 'trade_unionist', synthetic: true });
  const disappeared = await recordPerson(ctx, by, { names: [{ name: 'Примерова Мадина' }], sex: 'f', birthYear: 2001, affiliation: 'student', synthetic: true });

  const arrest = await recordAct(ctx, by, {
    personId: detainee,
    eventId: events.arrests,
    type: 'arbitrary_arrest_and_detention',
    perpetrator: 'police',
    date: { value: '2022-01-06' },
    placeId: 'almaty',
    description: 'Arrested while filming the protest.',
    sources: [secret],
  });
  await recordAct(ctx, by, { personId: withheld, eventId: events.dispersal, type: 'injury', perpetrator: 'security_forces', date: { value: '2022-01-05', vague: true }, placeId: 'almaty' });
  await recordAct(ctx, by, { personId: released, eventId: events.arrests, type: 'arbitrary_arrest_and_detention', perpetrator: 'police', placeId: 'shymkent' });
  await recordAct(ctx, by, { personId: disappeared, eventId: events.spread, type: 'enforced_disappearance', perpetrator: 'unknown', date: { value: '2022-01-07' }, placeId: 'almaty' });

  const detention = await recordDetention(ctx, by, {
    personId: detainee,
    actId: arrest,
    arrested: { value: '2022-01-06' },
    arrestPlaceId: 'almaty',
    arrestAuthority: 'Almaty city police',
    legalBasis: 'Criminal Code',
    charges: ['Article 272 (mass riots)', 'Article 255 (act of terrorism)'],
    courtAuthorised: true,
    courtAuthorisedOn: '2022-01-08',
    health: SENTINEL.health,
    counselAccess: 'no',
    familyContact: 'no',
    stays: [
      { placeId: 'sizo-almaty', since: { value: '2022-01-06' }, authority: 'Almaty city police', note: SENTINEL.stayNote },
      { placeId: 'ivs-taldykorgan', since: { value: '2022-01-10' }, authority: 'National Security Committee' },
    ],
    sources: [secret],
  });
  await recordTransfer(ctx, by, detention, { placeId: null, since: { value: '2022-01-14' }, authority: 'National Security Committee', version: 1 });
  await recordDetention(ctx, by, {
    personId: released,
    arrested: { value: '2022-01-07' },
    arrestPlaceId: 'shymkent',
    arrestAuthority: 'Shymkent city police',
    charges: ['Article 272 (mass riots)'],
    courtAuthorised: false,
    counselAccess: 'yes',
    familyContact: 'yes',
    releasedOn: '2022-01-12',
    stays: [{ placeId: 'sizo-almaty', since: { value: '2022-01-07' }, authority: 'Shymkent city police' }],
  });
  await recordDisappearance(ctx, by, { personId: disappeared, lastSeen: { value: '2022-01-07' }, lastSeenPlaceId: 'almaty', lastSeenBy: SENTINEL.lastSeenBy, relativesSteps: 'A complaint to the prosecutor.' });

  const draft = await createDraft(ctx, by, { type: 'AL', addressee: 'KAZ', mandates: ['sr-assembly'], subject: 'Killings and detentions during the January protests', summary: 'Summary.' });
  await linkCommunication(ctx, by, { communicationId: draft.id, recordType: 'event', recordId: events.zhanaozen });
  await linkCommunication(ctx, by, { communicationId: draft.id, recordType: 'person', recordId: detainee });
  return { events, persons: { detainee, withheld, released, disappeared }, detention, draft: draft.id };
}
