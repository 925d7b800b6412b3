// Dates, places and figures of the facts of AL KAZ 1/2022 as candidates: each figure the letter states, with
// what it counts, who reported it, when and where, and nothing that is not a figure.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  extractFactCandidates,
  type DateCandidate,
  type FactCandidate,
  type FigureCandidate,
  type PlaceCandidate,
} from '../../src/importers/letter/extract-fact-candidates.ts';
import { loadGazetteer } from '../../src/importers/letter/load-gazetteer.ts';
import { parseLetter } from '../../src/importers/letter/parse-letter.ts';
import { loadCitationLibrary } from '../../src/reference/load-citation-library.ts';
import { loadReferenceData } from '../../src/reference/load-reference-data.ts';

const LETTER = readFileSync(new URL('../fixtures/AL-KAZ-1-2022.txt', import.meta.url), 'utf8');
const candidates = parseLetter(LETTER, { ref: loadReferenceData(), citations: loadCitationLibrary() }).candidates;
const figures = candidates.filter((c): c is FigureCandidate => c.kind === 'figure');
const gazetteer = loadGazetteer();

const figuresOf = (c: FactCandidate[]) => c.filter((x): x is FigureCandidate => x.kind === 'figure');
const datesOf = (c: FactCandidate[]) => c.filter((x): x is DateCandidate => x.kind === 'date');

/** The one figure with this count (and, when several share it, this place), checked to be unique. */
function figure(count: number, place?: string): FigureCandidate {
  const found = figures.filter((f) => f.count === count && (place === undefined || f.scope.some((p) => p.name === place)));
  assert.equal(found.length, 1, `one figure of ${count}${place ? ` in ${place}` : ''}, found ${found.length}`);
  return found[0]!;
}

/** A figure written compactly for comparison. */
function summary(f: FigureCandidate) {
  return {
    count: f.count,
    qualifier: f.qualifier,
    what: f.what,
    whose: f.whose,
    reportedBy: f.reportedBy,
    date: f.date?.value ?? null,
    scope: f.scope.map((p) => p.name),
    partOf: f.partOf,
  };
}

describe('figures of AL KAZ 1/2022', () => {
  it('over 200 detained — Interior Ministry, 5 January (the date of the sentences before)', () => {
    const f = figure(200);
    assert.deepEqual(summary(f), { count: 200, qualifier: 'over', what: 'detained', whose: 'people', reportedBy: 'Interior Ministry', date: '2022-01-05', scope: ['Kazakhstan'], partOf: null });
    assert.equal(f.dateSource, 'context');
    assert.equal(f.scopeSource, 'country');
    assert.match(f.sentence, /^The Interior Ministry confirmed that over 200 persons had been detained/);
  });

  it('2,298 arrested, 317 security forces injured, 8 law enforcement killed — Interior Ministry, 6 January', () => {
    assert.deepEqual(summary(figure(2298)), { count: 2298, qualifier: null, what: 'arrested', whose: 'people', reportedBy: 'Interior Ministry', date: '2022-01-06', scope: ['Kazakhstan'], partOf: null });
    assert.deepEqual(summary(figure(317)), { count: 317, qualifier: null, what: 'injured', whose: 'security forces', reportedBy: 'Interior Ministry', date: '2022-01-06', scope: ['Kazakhstan'], partOf: null });
    const eight = figure(8);
    assert.deepEqual(summary(eight), { count: 8, qualifier: null, what: 'killed', whose: 'law enforcement', reportedBy: 'Interior Ministry', date: '2022-01-06', scope: ['Kazakhstan'], partOf: null });
    assert.equal(eight.text, 'eight');
  });

  it('approximately 2,000 brought to police stations in Karasaybatyr and Masanchi — Interior Ministry, 6 January', () => {
    const f = figure(2000);
    assert.deepEqual(summary(f), {
      count: 2000,
      qualifier: 'approximately',
      what: 'brought to police stations',
      whose: 'people',
      reportedBy: 'Interior Ministry',
      date: '2022-01-06',
      scope: ['Karasaybatyr', 'Masanchi'],
      partOf: null,
    });
    assert.equal(f.dateSource, 'sentence');
  });

  it('close to 8,000 detained — Ministry of Foreign Affairs, dated by the paragraph (9 January)', () => {
    assert.deepEqual(summary(figure(8000)), { count: 8000, qualifier: 'close to', what: 'detained', whose: 'people', reportedBy: 'Ministry of Foreign Affairs', date: '2022-01-09', scope: ['Kazakhstan'], partOf: null });
  });

  it('over 9,900 detained — Interior Ministry, 11 January, from the sentence itself', () => {
    const f = figure(9900);
    assert.deepEqual(summary(f), { count: 9900, qualifier: 'over', what: 'detained', whose: 'people', reportedBy: 'Interior Ministry', date: '2022-01-11', scope: ['Kazakhstan'], partOf: null });
    assert.deepEqual(f.date, { value: '2022-01-11', precision: 'day' });
    assert.equal(f.dateSource, 'sentence');
    assert.equal(f.text, '9,900');
    assert.equal(f.sentence, 'On 11 January 2022, the Interior Ministry reported that security forces had detained over 9,900 people in connection with the protests.');
  });

  it('164 killed — initial reports, by 11 January', () => {
    assert.deepEqual(summary(figure(164)), { count: 164, qualifier: null, what: 'killed', whose: 'people', reportedBy: 'initial reports', date: '2022-01-11', scope: ['Kazakhstan'], partOf: null });
  });

  it('three children among the casualties — Ombudsperson for Children’s Rights', () => {
    const f = figure(3);
    assert.deepEqual(summary(f), { count: 3, qualifier: null, what: 'casualties', whose: 'children', reportedBy: "Ombudsperson for Children's Rights", date: '2022-01-11', scope: ['Kazakhstan'], partOf: null });
    assert.equal(f.reportedByText, 'Ombudsperson for Children’s Rights');
  });

  it('103 killed in Almaty — Health Ministry', () => {
    assert.deepEqual(summary(figure(103)), { count: 103, qualifier: null, what: 'killed', whose: 'people', reportedBy: 'Health Ministry', date: '2022-01-11', scope: ['Almaty'], partOf: null });
  });

  it('225 killed including 19 members of the security forces — Prosecutor General, 15 January: two figures', () => {
    assert.deepEqual(summary(figure(225)), { count: 225, qualifier: null, what: 'killed', whose: 'people', reportedBy: "Prosecutor General's Office", date: '2022-01-15', scope: ['Kazakhstan'], partOf: null });
    assert.deepEqual(summary(figure(19)), { count: 19, qualifier: null, what: 'killed', whose: 'security forces', reportedBy: "Prosecutor General's Office", date: '2022-01-15', scope: ['Kazakhstan'], partOf: 225 });
  });

  it('4,353 injured, of which 3,393 members of the security forces — across a page break', () => {
    const f = figure(4353);
    assert.deepEqual(summary(f), { count: 4353, qualifier: null, what: 'injured', whose: 'people', reportedBy: "Prosecutor General's Office", date: '2022-01-15', scope: ['Kazakhstan'], partOf: null });
    assert.equal(f.reportedByText, 'Prosecutor’s office');
    assert.match(f.sentence, /4,353 people had been injured, of which 3,393/);
    assert.deepEqual(summary(figure(3393)), { count: 3393, qualifier: null, what: 'injured', whose: 'security forces', reportedBy: "Prosecutor General's Office", date: '2022-01-15', scope: ['Kazakhstan'], partOf: 4353 });
  });

  it('672 in temporary detention, 446 of them with court authorisation — as of 15 January', () => {
    assert.deepEqual(summary(figure(672)), { count: 672, qualifier: null, what: 'in temporary detention', whose: 'people', reportedBy: "Prosecutor General's Office", date: '2022-01-15', scope: ['Kazakhstan'], partOf: null });
    const f = figure(446);
    assert.deepEqual(summary(f), { count: 446, qualifier: null, what: 'detained with court authorization', whose: 'people', reportedBy: "Prosecutor General's Office", date: '2022-01-15', scope: ['Kazakhstan'], partOf: 672 });
    assert.equal(f.dateSource, 'sentence');
  });

  it('366 arrested at the borders — Border Guard Service', () => {
    assert.deepEqual(summary(figure(366)), { count: 366, qualifier: null, what: 'arrested', whose: 'people', reportedBy: 'Border Guard Service', date: '2022-01-15', scope: ['Kazakhstan'], partOf: null });
  });

  it('crowd sizes as figures of kind "assembled", each in its city', () => {
    assert.deepEqual(summary(figure(1000, 'Zhanaozen')), { count: 1000, qualifier: 'an estimated', what: 'assembled', whose: 'people', reportedBy: null, date: '2022-01-03', scope: ['Zhanaozen'], partOf: null });
    assert.deepEqual(summary(figure(6000, 'Aktau')), { count: 6000, qualifier: 'approximately', what: 'assembled', whose: 'people', reportedBy: null, date: '2022-01-03', scope: ['Aktau'], partOf: null });
    assert.deepEqual(summary(figure(5000)), { count: 5000, qualifier: 'over', what: 'assembled', whose: 'people', reportedBy: null, date: '2022-01-04', scope: ['Atyrau'], partOf: null });
    assert.deepEqual(summary(figure(1000, 'Almaty')), { count: 1000, qualifier: 'approximately', what: 'assembled', whose: 'protesters', reportedBy: null, date: '2022-01-04', scope: ['Almaty'], partOf: null });
    const zhanaozen = figure(6000, 'Zhanaozen');
    assert.deepEqual(summary(zhanaozen), { count: 6000, qualifier: 'a reported', what: 'assembled', whose: 'people', reportedBy: null, date: '2022-01-06', scope: ['Zhanaozen'], partOf: null });
    assert.equal(zhanaozen.text, '6’000');
    // "On 4 January": the year is taken from the dates before.
    assert.equal(figure(5000).date?.yearInferred, true);
  });

  it('a reported 20 protesters and activists detained in Almaty, 3 January', () => {
    assert.deepEqual(summary(figure(20)), { count: 20, qualifier: 'a reported', what: 'detained', whose: 'protesters and activists', reportedBy: null, date: '2022-01-03', scope: ['Almaty'], partOf: null });
  });

  it('the reported death of two soldiers at the airport, 5 January', () => {
    assert.deepEqual(summary(figure(2)), { count: 2, qualifier: null, what: 'killed', whose: 'security forces', reportedBy: null, date: '2022-01-05', scope: ['Almaty'], partOf: null });
  });

  it('and nothing else: no dates, ages, durations, instances or vague quantities as figures', () => {
    assert.deepEqual(
      figures.map((f) => f.count),
      [1000, 20, 6000, 5000, 1000, 2, 200, 2000, 2298, 317, 8, 6000, 8000, 9900, 164, 3, 103, 225, 19, 4353, 3393, 672, 446, 366],
    );
    for (const f of figures) assert.ok(f.sentence.length > 20 && f.sentence.includes(f.text), `figure ${f.count} keeps its sentence`);
  });
});

describe('dates and places of AL KAZ 1/2022', () => {
  const dates = datesOf(candidates);
  const places = candidates.filter((c): c is PlaceCandidate => c.kind === 'place');

  it('dates with their precision: days, a night across two days, a range of days', () => {
    assert.deepEqual(dates[0]!.date, { value: '2022-01-02', precision: 'day' });
    assert.equal(dates[0]!.text, '2 January 2022');
    const night = dates.find((d) => d.text.includes('night'));
    assert.deepEqual(night?.date, { value: '2022-01-04', precision: 'day', end: '2022-01-05' });
    const range = dates.find((d) => d.text === 'from 7 to 8 January 2022');
    assert.deepEqual(range?.date, { value: '2022-01-07', precision: 'day', end: '2022-01-08' });
    assert.deepEqual(dates.find((d) => d.text === '4 January')?.date, { value: '2022-01-04', precision: 'day', yearInferred: true });
    assert.ok(dates.every((d) => d.date.value.startsWith('2022-01')));
  });

  it('every place of the gazetteer that the facts name, with its kind and region', () => {
    assert.deepEqual(
      places.map((p) => p.place.id).sort(),
      ['aktau', 'aktobe', 'almaty', 'almaty-region', 'atyrau', 'karasaybatyr', 'kyzylorda', 'mangystau', 'masanchi', 'nur-sultan', 'shymkent', 'taldykorgan', 'taraz', 'uralsk', 'zhanaozen'],
    );
    const zhanaozen = places.find((p) => p.place.id === 'zhanaozen')!;
    assert.equal(zhanaozen.place.kind, 'city');
    assert.equal(zhanaozen.place.region, 'mangystau');
    assert.match(zhanaozen.sentence, /^In the morning of 2 January 2022, several hundreds of citizens assembled in the city of Zhanaozen/);
    assert.equal(places.find((p) => p.place.id === 'mangystau')?.place.kind, 'region');
    // "the streets of Karasaybatyr and Masanchi": streets of Almaty.
    assert.equal(places.find((p) => p.place.id === 'masanchi')?.place.kind, 'street');
    assert.equal(places.find((p) => p.place.id === 'masanchi')?.place.region, 'almaty');
    // "the Republic and Astana Squares" are squares of Almaty, not the capital.
    assert.ok(!places.find((p) => p.place.id === 'nur-sultan')?.sentence.includes('Astana Squares'));
  });
});

describe('extractFactCandidates on single sentences', () => {
  it('month precision, and vague when "since the beginning of"', () => {
    const d = datesOf(extractFactCandidates('Protests have taken place since the beginning of January 2022. Arrests continued in February 2022.'));
    assert.deepEqual(d.map((x) => x.date), [
      { value: '2022-01', precision: 'month', vague: true },
      { value: '2022-02', precision: 'month' },
    ]);
  });

  it('the example of the issue', () => {
    const [f] = figuresOf(extractFactCandidates('On 11 January 2022, the Interior Ministry reported that security forces had detained over 9,900 people.', { gazetteer }));
    assert.equal(f?.count, 9900);
    assert.equal(f?.qualifier, 'over');
    assert.equal(f?.what, 'detained');
    assert.equal(f?.reportedBy, 'Interior Ministry');
    assert.deepEqual(f?.date, { value: '2022-01-11', precision: 'day' });
  });

  it('leaves out what counts no people or says nothing happened to them', () => {
    const text =
      'The Office opened 13 pre-trial investigations. Penalties range from eight years to life. A four-year-old girl was among them. ' +
      'Two journalists were filming. The curfew ran from 11 p.m. to 7 a.m. Hundreds of residents gathered.';
    assert.deepEqual(figuresOf(extractFactCandidates(text, { gazetteer })), []);
  });
});
