import type { BulkAct, BulkDetention, BulkDisappearance, BulkEvent, BulkPerson, BulkPlace, BulkRegisterBatch, BulkSource } from '../src/db/repositories/register-bulk-repository.ts';
import { seededRandom, type Random } from '../src/demo/random.ts';
import type { PartialDate } from '../src/domain/register/partial-date.ts';
import { detentionStatusOf } from '../src/domain/register/records.ts';
import { AFFILIATIONS } from '../src/domain/register/vocabulary.ts';
import { transliterateCyrillic } from '../src/domain/transliterate.ts';
import { drawFamily, drawGiven, familyFor, patronymicFor, type FamilyName } from './register-names.ts';

/**
 * The synthetic case register of the benchmark: Kazakh cities and a few hundred places of detention, a few
 * hundred events, and persons with acts, detentions (each with one to three places of detention and its
 * charges) and disappearances. Everything is invented and marked synthetic; the same seed gives the same
 * register on every machine. Person `i` is a pure function of the seed and `i`, so that the import
 * benchmark can write other spellings of persons already loaded without keeping them in memory.
 */

const SEED = 20_220_105;
const MS_PER_DAY = 86_400_000;
const DAY0 = Date.UTC(2012, 0, 1);
const DAYS = Math.round((Date.UTC(2025, 11, 31) - DAY0) / MS_PER_DAY) + 1;
const DAY_TEXT = Array.from({ length: DAYS + 400 }, (_, d) => new Date(DAY0 + d * MS_PER_DAY).toISOString().slice(0, 10));
// The January 2022 events: a third of all arrests fall between the 2nd and the 20th.
const JANUARY_2022 = Math.round((Date.UTC(2022, 0, 2) - DAY0) / MS_PER_DAY);

/** A city of the synthetic register, with the weight of its share of the facts. */
export interface City {
  id: string;
  name: string;
  local: string;
  lat: number;
  lon: number;
  weight: number;
}

// Approximate city coordinates (for the map); ids carry "syn-" so they never collide with the gazetteer's.
const CITY_LIST: ReadonlyArray<readonly [string, string, string, number, number, number]> = [
  ['almaty', 'Almaty', 'Алматы', 43.25, 76.92, 10],
  ['astana', 'Astana', 'Астана', 51.18, 71.45, 7],
  ['shymkent', 'Shymkent', 'Шымкент', 42.32, 69.59, 6],
  ['karaganda', 'Karaganda', 'Караганда', 49.8, 73.1, 4],
  ['aktobe', 'Aktobe', 'Актобе', 50.28, 57.21, 3],
  ['taraz', 'Taraz', 'Тараз', 42.9, 71.37, 3],
  ['pavlodar', 'Pavlodar', 'Павлодар', 52.29, 76.97, 3],
  ['oskemen', 'Oskemen', 'Усть-Каменогорск', 49.95, 82.61, 3],
  ['semey', 'Semey', 'Семей', 50.41, 80.23, 2],
  ['atyrau', 'Atyrau', 'Атырау', 47.09, 51.92, 3],
  ['kostanay', 'Kostanay', 'Костанай', 53.21, 63.62, 2],
  ['kyzylorda', 'Kyzylorda', 'Кызылорда', 44.85, 65.51, 2],
  ['uralsk', 'Uralsk', 'Уральск', 51.23, 51.37, 2],
  ['petropavl', 'Petropavl', 'Петропавловск', 54.87, 69.15, 2],
  ['aktau', 'Aktau', 'Актау', 43.65, 51.16, 3],
  ['zhanaozen', 'Zhanaozen', 'Жанаозен', 43.34, 52.86, 3],
  ['taldykorgan', 'Taldykorgan', 'Талдыкорган', 45.02, 78.37, 2],
  ['turkistan', 'Turkistan', 'Туркестан', 43.3, 68.25, 2],
  ['kokshetau', 'Kokshetau', 'Кокшетау', 53.28, 69.4, 1],
  ['temirtau', 'Temirtau', 'Темиртау', 50.05, 72.96, 1],
  ['ekibastuz', 'Ekibastuz', 'Экибастуз', 51.72, 75.32, 1],
  ['zhezkazgan', 'Zhezkazgan', 'Жезказган', 47.78, 67.71, 1],
  ['balkhash', 'Balkhash', 'Балхаш', 46.85, 74.98, 1],
  ['kulsary', 'Kulsary', 'Кульсары', 46.95, 54.01, 1],
  ['zharkent', 'Zharkent', 'Жаркент', 44.16, 80.0, 1],
];

/** A place of detention and who holds people there. */
export interface Facility {
  id: string;
  city: City;
  name: string;
  local: string;
  authority: string;
  /** How the facility is used: first after arrest, then pre-trial, then after conviction. */
  stage: 'arrest' | 'pretrial' | 'prison';
}

/** The charges detentions cite, most frequent first (Criminal Code of Kazakhstan). */
export const CHARGES = [
  'art. 272 Criminal Code',
  'art. 293 Criminal Code',
  'art. 380 Criminal Code',
  'art. 174 Criminal Code',
  'art. 255 Criminal Code',
  'art. 287 Criminal Code',
  'art. 179 Criminal Code',
  'art. 274 Criminal Code',
  'art. 405 Criminal Code',
  'art. 256 Criminal Code',
  'art. 378 Criminal Code',
  'art. 188 Criminal Code',
  'art. 191 Criminal Code',
  'art. 200 Criminal Code',
  'art. 400 Criminal Code',
] as const;

const EVENT_TYPES = ['assembly', 'dispersal', 'use_of_force', 'arrest_wave', 'attack_on_journalists', 'trial', 'other'] as const;
const OTHER_ACTS = ['injury', 'torture_or_ill_treatment', 'harassment', 'prosecution', 'threat', 'denial_of_counsel', 'killing', 'other'] as const;
const PERPETRATORS = ['police', 'security_forces', 'national_security', 'military', 'prison_staff', 'judiciary', 'unidentified_armed_individuals', 'unknown'] as const;
const SOURCE_KINDS = ['list_import', 'ngo_report', 'media', 'official_statement', 'submission', 'reply'] as const;
const OCCUPATIONS = ['oil worker', 'teacher', 'student', 'driver', 'journalist', 'lawyer', 'engineer', 'nurse', 'trader', 'unemployed'] as const;

/** The fixed part of the register: places, events, and what the generators draw from. */
export interface World {
  cities: City[];
  facilities: Facility[];
  places: BulkPlace[];
  events: BulkEvent[];
  /** Every authority a detention can name. */
  authorities: string[];
  eventsByCity: Map<string, BulkEvent[]>;
  /** Facilities by city id and stage, and of every city by stage. */
  facilitiesAt: Map<string, Facility[]>;
  /** Positions in `facilities` and `authorities`, by id and name. */
  facilityIndex: Map<string, number>;
  authorityIndex: Map<string, number>;
  /** Distinct values of `arrested_on` in text order (for checking date filters). */
  arrestedValues: string[];
}

/** The cities, facilities (about 250) and events (about 400) of the synthetic register. */
export function buildWorld(): World {
  const r = seededRandom(SEED);
  const cities: City[] = CITY_LIST.map(([id, name, local, lat, lon, weight]) => ({ id: `syn-${id}`, name, local, lat, lon, weight }));
  const facilities: Facility[] = [];
  for (const c of cities) {
    const police = `Police Department of ${c.name}`;
    const penitentiary = `Penitentiary Committee, ${c.name}`;
    const security = `National Security Committee, ${c.name} department`;
    facilities.push({ id: `${c.id}-ivs`, city: c, name: `Temporary detention facility, ${c.name} police`, local: `ИВС ДП г. ${c.local}`, authority: police, stage: 'arrest' });
    const stations = 2 + c.weight;
    for (let n = 1; n <= stations; n++) {
      facilities.push({ id: `${c.id}-station-${n}`, city: c, name: `Police station No. ${n}, ${c.name}`, local: `Отдел полиции № ${n}, г. ${c.local}`, authority: police, stage: 'arrest' });
    }
    facilities.push({ id: `${c.id}-knb`, city: c, name: `National Security Committee detention facility, ${c.name}`, local: `СИЗО ДКНБ, г. ${c.local}`, authority: security, stage: 'pretrial' });
    for (let n = 1; n <= (c.weight >= 3 ? 2 : 1); n++) {
      facilities.push({ id: `${c.id}-sizo-${n}`, city: c, name: `Pre-trial detention centre No. ${n}, ${c.name}`, local: `СИЗО № ${n}, г. ${c.local}`, authority: penitentiary, stage: 'pretrial' });
    }
    for (let n = 1; n <= 1 + Math.floor(c.weight / 4); n++) {
      const code = `${100 + r.int(1, 899)}/${n}`;
      facilities.push({ id: `${c.id}-colony-${n}`, city: c, name: `Penal colony ${code}, ${c.name} area`, local: `Учреждение ${code}, ${c.local}`, authority: penitentiary, stage: 'prison' });
    }
  }
  const places: BulkPlace[] = [
    { id: 'syn-kaz', kind: 'country', name: 'Kazakhstan', nameLocal: 'Казахстан', parentId: null, countryCode: 'KAZ', lat: null, lon: null, source: 'synthetic (benchmark)' },
    ...cities.map((c) => ({ id: c.id, kind: 'city', name: c.name, nameLocal: c.local, parentId: 'syn-kaz', countryCode: 'KAZ', lat: c.lat, lon: c.lon, source: 'synthetic (benchmark), approximate coordinates' })),
    ...facilities.map((f) => ({ id: f.id, kind: 'facility', name: `${f.name} (synthetic)`, nameLocal: f.local, parentId: f.city.id, countryCode: 'KAZ', lat: null, lon: null, source: 'synthetic (benchmark)' })),
  ];
  const events: BulkEvent[] = [];
  for (let n = 0; n < 400; n++) {
    const city = weighted(r, cities);
    const day = r.chance(0.4) ? JANUARY_2022 + r.int(0, 14) : r.int(0, DAYS - 1);
    const type = r.pick(EVENT_TYPES);
    const start: PartialDate = r.chance(0.9) ? { value: DAY_TEXT[day]!, precision: 'day' } : { value: DAY_TEXT[day]!.slice(0, 7), precision: 'month' };
    events.push({
      id: uuid(r),
      type,
      title: `Synthetic event ${n + 1}: ${type.replace(/_/g, ' ')} in ${city.name}`,
      description: 'Invented for the register benchmark; no real event.',
      start,
      end: r.chance(0.3) ? { value: DAY_TEXT[day + r.int(1, 5)]!, precision: 'day' } : null,
      countryCode: 'KAZ',
      placeIds: r.chance(0.2) ? [city.id, weighted(r, cities).id].filter((v, i, a) => a.indexOf(v) === i) : [city.id],
      createdAt: `${DAY_TEXT[day + 1]}T09:00:00.000Z`,
    });
  }
  const eventsByCity = new Map<string, BulkEvent[]>();
  for (const e of events) for (const p of e.placeIds) eventsByCity.set(p, [...(eventsByCity.get(p) ?? []), e]);
  const authorities = [...new Set(facilities.flatMap((f) => [f.authority, `National Security Committee, ${f.city.name} department`]))];
  const facilitiesAt = new Map<string, Facility[]>();
  for (const f of facilities) {
    for (const key of [`${f.city.id}/${f.stage}`, `*/${f.stage}`, `${f.city.id}/*`]) facilitiesAt.set(key, [...(facilitiesAt.get(key) ?? []), f]);
  }
  const facilityIndex = new Map(facilities.map((f, n) => [f.id, n]));
  const authorityIndex = new Map(authorities.map((a, n) => [a, n]));
  const arrestedValues = [...new Set([...DAY_TEXT.slice(0, DAYS), ...DAY_TEXT.slice(0, DAYS).map((d) => d.slice(0, 7)), ...DAY_TEXT.slice(0, DAYS).map((d) => d.slice(0, 4))])].sort();
  return { cities, facilities, places, events, authorities, eventsByCity, facilitiesAt, facilityIndex, authorityIndex, arrestedValues };
}

/** Who person `i` is: enough to write the person, and to write the same person again spelt otherwise. */
export interface Identity {
  id: string;
  /** The recorded sex (null: unknown); `nameSex` is the form the names take. */
  sex: 'm' | 'f' | null;
  nameSex: 'm' | 'f';
  family: FamilyName;
  given: string;
  /** Father's name, for the patronymic (null: none written). */
  father: string | null;
  kazakhPatronymic: boolean;
  birthYear: number | null;
  home: City | null;
  /** The Cyrillic full name, official order: family, given, patronymic. */
  cyrillic: string;
  /** Its ICAO 9303 transliteration, as a passport writes it (family and given name). */
  latin: string;
}

/** Person `i` of the register: a pure function of the seed and `i`. Indexes past the register give new people. */
export function identityAt(world: World, i: number): Identity {
  const r = seededRandom((Math.imul(SEED, 0x9e3779b1) + i) | 0);
  const id = uuid(r);
  const nameSex: 'm' | 'f' = r.chance(0.72) ? 'm' : 'f';
  const sex = r.chance(0.01) ? null : nameSex;
  const family = drawFamily(r);
  const given = drawGiven(r, nameSex, family.kazakh);
  const father = r.chance(0.85) ? drawGiven(r, 'm', family.kazakh) : null;
  const kazakhPatronymic = family.kazakh && r.chance(0.15);
  const birthYear = r.chance(0.95) ? r.int(1950, 2006) : null;
  const home = r.chance(0.8) ? weighted(r, world.cities) : null;
  const familyName = familyFor(family, nameSex);
  const cyrillic = [familyName, given, father ? patronymicFor(father, nameSex, kazakhPatronymic) : null].filter(Boolean).join(' ');
  const latin = transliterateCyrillic(`${familyName} ${given}`);
  return { id, sex, nameSex, family, given, father, kazakhPatronymic, birthYear, home, cyrillic, latin };
}

/** The columns of one detention that the register's filters read, kept compactly for checking counts. */
export interface DetentionFacts {
  placeIndex: Int16Array;
  status: Uint8Array;
  authorityIndex: Int16Array;
  /** Bit `k` set: the detention cites CHARGES[k]. */
  charges: Uint32Array;
  /** Index of `arrested_on` in `world.arrestedValues`. */
  arrested: Uint16Array;
  /** Bit 1: no contact with family; bit 2: no access to counsel. */
  noContact: Uint8Array;
  count: number;
}

/** Detention statuses in the order `DetentionFacts.status` numbers them. */
export const STATUS_CODES = ['in_custody', 'whereabouts_unknown', 'released', 'convicted'] as const;

/** Room for the facts of `n` detentions. */
export function detentionFacts(n: number): DetentionFacts {
  return {
    placeIndex: new Int16Array(n),
    status: new Uint8Array(n),
    authorityIndex: new Int16Array(n),
    charges: new Uint32Array(n),
    arrested: new Uint16Array(n),
    noContact: new Uint8Array(n),
    count: 0,
  };
}

/** How much of each kind a batch of persons `[start, start + count)` holds: acts 2×, detentions ½×, per the brief. */
export function batchShape(start: number, count: number): { acts: number; detentions: number; disappearances: number } {
  const half = (n: number) => Math.floor(n / 2);
  const hundredth = (n: number) => Math.floor(n / 100);
  return { acts: 2 * count, detentions: half(start + count) - half(start), disappearances: hundredth(start + count) - hundredth(start) };
}

/**
 * Persons `[start, start + count)` with their acts, detentions and disappearances, and the sources they
 * cite. Acts number twice the persons (each detention and disappearance has its act; every person has at
 * least one), detentions half; a detention has one to three places of detention, transfers between them
 * by the authority holding the person, and one to three charges.
 */
export function registerBatch(world: World, start: number, count: number, facts?: DetentionFacts): BulkRegisterBatch {
  const r = seededRandom((Math.imul(SEED ^ 0x5bd1e995, 31) + start) | 0);
  const shape = batchShape(start, count);
  const now = '2026-01-15T10:00:00.000Z';
  const sources: BulkSource[] = Array.from({ length: 8 }, (_, n) => {
    const kind = r.pick(SOURCE_KINDS);
    return { id: uuid(r), kind, label: `Synthetic benchmark source ${start}-${n} (${kind.replace(/_/g, ' ')})`, receivedOn: DAY_TEXT[r.int(JANUARY_2022, DAYS - 1)]!, createdAt: now };
  });
  const cite = () => (r.chance(0.1) ? r.sample(sources, 2).map((s) => s.id) : [r.pick(sources).id]);

  const identities = Array.from({ length: count }, (_, k) => identityAt(world, start + k));
  const persons: BulkPerson[] = identities.map((p) => ({
    id: p.id,
    names: [
      { name: p.cyrillic, script: 'cyrl', transliterationOf: null, transliteration: null },
      { name: p.latin, script: 'latn', transliterationOf: 0, transliteration: 'icao9303' },
    ],
    sex: p.sex,
    birthYear: p.birthYear,
    occupation: r.chance(0.3) ? r.pick(OCCUPATIONS) : null,
    affiliation: r.chance(0.7) ? (r.chance(0.5) ? 'protester' : r.pick(AFFILIATIONS)) : null,
    homePlaceId: p.home?.id ?? null,
    identityWithheld: r.chance(0.03),
    createdAt: `${DAY_TEXT[r.int(JANUARY_2022, DAYS - 1)]}T${String(r.int(7, 18)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00.000Z`,
    sourceIds: cite(),
  }));

  const acts: BulkAct[] = [];
  const actCount = new Uint8Array(count);
  const act = (k: number, type: string, on: PartialDate | null, city: City | null): BulkAct => {
    actCount[k]!++;
    const events = city ? world.eventsByCity.get(city.id) : undefined;
    const a: BulkAct = {
      id: uuid(r),
      personId: identities[k]!.id,
      eventId: events && r.chance(0.7) ? r.pick(events).id : null,
      type,
      perpetrator: type === 'enforced_disappearance' ? r.pick(['national_security', 'unidentified_armed_individuals', 'security_forces']) : r.pick(PERPETRATORS),
      status: r.chance(0.3) ? 'corroborated' : 'alleged',
      on,
      placeId: city?.id ?? null,
      description: `Synthetic ${type.replace(/_/g, ' ')}: invented for the register benchmark.`,
      createdAt: now,
      sourceIds: cite(),
    };
    acts.push(a);
    return a;
  };

  const detentions: BulkDetention[] = [];
  for (let n = 0; n < shape.detentions; n++) {
    const k = r.int(0, count - 1);
    const d = detention(world, r, identities[k]!, (type, on, city) => act(k, type, on, city).id, cite);
    detentions.push(d);
    if (facts) record(world, facts, d);
  }
  const disappearances: BulkDisappearance[] = [];
  for (let n = 0; n < shape.disappearances; n++) {
    const k = r.int(0, count - 1);
    const city = identities[k]!.home ?? weighted(r, world.cities);
    const day = arrestDay(r);
    const lastSeen: PartialDate = { value: DAY_TEXT[day]!, precision: 'day' };
    const status = r.chance(0.7) ? 'outstanding' : r.chance(0.7) ? 'clarified' : 'closed';
    disappearances.push({
      id: uuid(r),
      personId: identities[k]!.id,
      actId: act(k, 'enforced_disappearance', lastSeen, city).id,
      lastSeen,
      lastSeenPlaceId: city.id,
      lastSeenBy: 'A relative (synthetic)',
      relativesSteps: 'Inquiries at the police and the prosecutor’s office (synthetic).',
      status,
      clarification: status === 'outstanding' ? '' : 'Fate clarified by the authorities (synthetic).',
      clarifiedOn: status === 'outstanding' ? null : DAY_TEXT[day + r.int(5, 300)]!,
      createdAt: now,
      sourceIds: cite(),
    });
  }
  // Every person has at least one act; the rest go to persons at random, up to twice the persons.
  for (let k = 0; k < count && acts.length < shape.acts; k++) {
    if (actCount[k] === 0) act(k, r.pick(OTHER_ACTS), { value: DAY_TEXT[arrestDay(r)]!, precision: 'day' }, identities[k]!.home);
  }
  while (acts.length < shape.acts) {
    const k = r.int(0, count - 1);
    act(k, r.pick(OTHER_ACTS), r.chance(0.9) ? { value: DAY_TEXT[arrestDay(r)]!, precision: 'day' } : null, identities[k]!.home);
  }
  return { sources, persons, acts, detentions, disappearances };
}

/** A detention of person `p`, with its act (made through `actOf`). */
function detention(
  world: World,
  r: Random,
  p: Identity,
  actOf: (type: string, on: PartialDate, city: City) => string,
  cite: () => string[],
): BulkDetention {
  const city = r.chance(0.8) && p.home ? p.home : weighted(r, world.cities);
  const day = arrestDay(r);
  const precision = r.chance(0.85) ? 'day' : r.chance(0.8) ? 'month' : 'year';
  const arrested: PartialDate = { value: precision === 'day' ? DAY_TEXT[day]! : DAY_TEXT[day]!.slice(0, precision === 'month' ? 7 : 4), precision };
  const at = (cityId: string, stage: Facility['stage']) => world.facilitiesAt.get(`${cityId}/${stage}`)!;
  const first = r.pick(at(city.id, 'arrest'));
  const byKnb = r.chance(0.15);
  const arrestAuthority = byKnb ? `National Security Committee, ${city.name} department` : first.authority;
  const stays: Array<{ placeId: string | null; since: PartialDate; authority: string | null; note: string }> = [];
  const stayCount = r.chance(0.03) ? 0 : r.chance(0.45) ? 1 : r.chance(0.6) ? 2 : 3;
  let since = day;
  for (let s = 0; s < stayCount; s++) {
    const stage = s === 0 ? 'arrest' : s === 1 ? 'pretrial' : 'prison';
    // Mostly in the city of arrest; one transfer in ten to another city.
    const place = s === 0 ? first : r.pick(at(r.chance(0.1) ? '*' : city.id, stage));
    const unknown = s > 0 && s === stayCount - 1 && r.chance(0.12);
    stays.push({
      placeId: unknown ? null : place.id,
      since: { value: DAY_TEXT[since]!, precision: 'day' },
      authority: s === 0 && byKnb ? arrestAuthority : place.authority,
      note: r.chance(0.2) ? 'Transferred at night; family not informed (synthetic).' : '',
    });
    since += r.int(1, 60);
  }
  const outcome = r.chance(0.4) ? 'released' : r.chance(0.35) ? 'convicted' : 'held';
  const end = DAY_TEXT[since + r.int(0, 200)]!;
  const charges = r.sample(CHARGES.slice(0, 6), 1).concat(r.chance(0.4) ? [r.pick(CHARGES)] : []).concat(r.chance(0.1) ? [r.pick(CHARGES)] : []);
  const contact = () => (r.chance(0.5) ? 'yes' : r.chance(0.5) ? 'no' : 'unknown');
  const courtAuthorised = r.chance(0.2) ? null : r.chance(0.7);
  return {
    id: uuid(r),
    personId: p.id,
    actId: actOf(r.chance(0.9) ? 'arbitrary_arrest_and_detention' : 'incommunicado_detention', arrested, city),
    arrested,
    arrestPlaceId: city.id,
    arrestAuthority,
    legalBasis: r.chance(0.6) ? 'art. 128 Criminal Procedure Code' : null,
    charges: [...new Set(charges)],
    courtAuthorised,
    courtAuthorisedOn: courtAuthorised ? DAY_TEXT[day + r.int(1, 3)]! : null,
    health: r.chance(0.15) ? 'Injuries reported on arrest (synthetic).' : '',
    counselAccess: contact(),
    familyContact: contact(),
    releasedOn: outcome === 'released' ? end : null,
    convictedOn: outcome === 'convicted' ? end : null,
    sentence: outcome === 'convicted' ? `${r.int(1, 12)} years (synthetic)` : null,
    stays,
    createdAt: `${DAY_TEXT[day + 2]}T10:00:00.000Z`,
    sourceIds: cite(),
  };
}

/** Notes what the list filters read of a detention, as the repository will derive it. */
function record(world: World, facts: DetentionFacts, d: BulkDetention): void {
  const n = facts.count++;
  if (n >= facts.status.length) throw new Error('more detentions than room for their facts');
  const last = d.stays[d.stays.length - 1];
  const place = last?.placeId ?? null;
  const authority = last?.authority ?? d.arrestAuthority;
  facts.placeIndex[n] = place === null ? -1 : world.facilityIndex.get(place)!;
  facts.status[n] = STATUS_CODES.indexOf(detentionStatusOf(d));
  facts.authorityIndex[n] = authority === null ? -1 : world.authorityIndex.get(authority)!;
  facts.charges[n] = d.charges.reduce((bits, c) => bits | (1 << CHARGES.indexOf(c as (typeof CHARGES)[number])), 0);
  facts.arrested[n] = sortedIndex(world.arrestedValues, d.arrested.value);
  facts.noContact[n] = (d.familyContact === 'no' ? 1 : 0) | (d.counselAccess === 'no' ? 2 : 0);
}

/** The index of the first value ≥ `v` in a sorted list (its own index when present). */
export function sortedIndex(sorted: readonly string[], v: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A day of arrest: a third in the January 2022 events, the rest spread over 2012–2025. */
function arrestDay(r: Random): number {
  return r.chance(0.33) ? JANUARY_2022 + r.int(0, 18) : r.int(0, DAYS - 1);
}

/** A city drawn by weight. */
function weighted(r: Random, cities: readonly City[]): City {
  let total = 0;
  for (const c of cities) total += c.weight;
  let x = r.int(0, total - 1);
  for (const c of cities) {
    if (x < c.weight) return c;
    x -= c.weight;
  }
  return cities[cities.length - 1]!;
}

const HEX = Array.from({ length: 256 }, (_, n) => n.toString(16).padStart(2, '0'));

/** A version-4 UUID drawn from the seeded source (ids look like the commands' random ones). */
function uuid(r: Random): string {
  const b: number[] = [];
  for (let n = 0; n < 8; n++) {
    const x = r.int(0, 0xffff);
    b.push(x >> 8, x & 0xff);
  }
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.map((x) => HEX[x]!).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
