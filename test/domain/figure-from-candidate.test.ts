// From the letter importer's figure candidates to the figures the register records: codes of the vocabulary,
// dates with their precision (vague when the sentence gives none), scope, parts, source and origin key.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { recordFigureSchema } from '../../src/commands/register/record-figure.ts';
import {
  candidateOccurrences,
  figureFromCandidate,
  figureOriginKey,
  letterLabel,
  partOfIndex,
  type CandidateContext,
  type FigureInput,
} from '../../src/domain/register/figure-from-candidate.ts';
import type { FigureCandidate } from '../../src/importers/letter/extract-fact-candidates.ts';
import { parseLetter } from '../../src/importers/letter/parse-letter.ts';
import { loadCitationLibrary } from '../../src/reference/load-citation-library.ts';
import { loadReferenceData } from '../../src/reference/load-reference-data.ts';

const LETTER = readFileSync(new URL('../fixtures/AL-KAZ-1-2022.txt', import.meta.url), 'utf8');
const figures = parseLetter(LETTER, { ref: loadReferenceData(), citations: loadCitationLibrary() }).candidates.filter((c): c is FigureCandidate => c.kind === 'figure');
const COMMUNICATION = '0b7c1e2a-4a8f-4b7e-9d6c-2f1e3a4b5c6d';
const CONTEXT: CandidateContext = { communicationId: COMMUNICATION, letter: 'AL KAZ 1/2022 (allegation letter)', countryPlaceId: 'kazakhstan', letterDate: '2022-01-18' };
const KAZ = { id: 'kaz', name: 'Kazakhstan', kind: 'country' as const, region: null, lat: null, lon: null };

/** The one candidate of the fixture with this count (and place), checked to be unique. */
function candidate(count: number, place?: string): FigureCandidate {
  const found = figures.filter((f) => f.count === count && (place === undefined || f.scope.some((p) => p.id === place)));
  assert.equal(found.length, 1, `one candidate of ${count}`);
  return found[0]!;
}

/** The figure input of a candidate, which must map. */
function mapped(c: FigureCandidate, context: Partial<CandidateContext> = {}): FigureInput {
  const m = figureFromCandidate(c, { ...CONTEXT, ...context });
  assert.ok(m.ok, m.ok ? '' : m.problem);
  return m.input;
}

/** A made-up candidate for the cases the letter does not have. */
function made(over: Partial<FigureCandidate>): FigureCandidate {
  return {
    kind: 'figure',
    count: 12,
    qualifier: null,
    what: 'detained',
    whose: 'people',
    reportedBy: null,
    reportedByText: null,
    date: { value: '2022-01-10', precision: 'day' },
    dateSource: 'sentence',
    scope: [KAZ],
    scopeSource: 'country',
    partOf: null,
    text: '12',
    sentence: 'On 10 January 2022, 12 people were detained.',
    ...over,
  };
}

describe('figureFromCandidate', () => {
  it('over 9,900 detained — Interior Ministry, 11 January: every field', () => {
    const c = candidate(9900);
    const input = mapped(c, { eventId: '11111111-2222-4333-8444-555555555555' });
    assert.deepEqual(input, {
      count: 9900,
      qualifier: 'over',
      measure: 'detained',
      population: 'all',
      reportedBy: 'Interior Ministry',
      reported: { value: '2022-01-11', precision: 'day', end: null, vague: false },
      scopePlaceId: 'kazakhstan',
      partOfId: null,
      eventId: '11111111-2222-4333-8444-555555555555',
      notes: '',
      quote: 'On 11 January 2022, the Interior Ministry reported that security forces had detained over 9,900 people in connection with the protests.',
      originKey: figureOriginKey(COMMUNICATION, c),
      sources: [{ kind: 'communication', label: 'AL KAZ 1/2022 (allegation letter), citing Interior Ministry', communicationId: COMMUNICATION }],
    });
    assert.match(input.originKey, /^[0-9a-f]{64}$/);
  });

  it('measures and populations of the vocabulary', () => {
    const codes = (count: number, place?: string) => {
      const i = mapped(candidate(count, place));
      return [i.measure, i.population];
    };
    assert.deepEqual(codes(672), ['in_temporary_detention', 'all']);
    assert.deepEqual(codes(446), ['detained_with_court_authorization', 'all']);
    assert.deepEqual(codes(2000), ['brought_to_police_stations', 'all']);
    assert.deepEqual(codes(20), ['detained', 'protesters_and_activists']);
    assert.deepEqual(codes(19), ['killed', 'security_forces']);
    assert.deepEqual(codes(8), ['killed', 'law_enforcement']);
    assert.deepEqual(codes(3), ['casualties', 'children']);
    assert.deepEqual(codes(366), ['arrested', 'all']);
    assert.deepEqual(codes(1000, 'almaty'), ['assembled', 'protesters']);
  });

  it('qualifiers: over, close to, approximately; "an estimated" and "a reported" keep the letter’s words', () => {
    assert.equal(mapped(candidate(200)).qualifier, 'over');
    assert.equal(mapped(candidate(8000)).qualifier, 'close_to');
    assert.equal(mapped(candidate(6000, 'aktau')).qualifier, 'approximately');
    assert.equal(mapped(candidate(6000, 'aktau')).notes.includes('As the letter words it'), false);
    const estimated = mapped(candidate(1000, 'zhanaozen'));
    assert.equal(estimated.qualifier, 'approximately');
    assert.match(estimated.notes, /As the letter words it: "an estimated 1,000"\./);
    // "A reported 20" is twenty, as reported: an attribution, not an approximation.
    const reported = mapped(candidate(20));
    assert.equal(reported.qualifier, 'exact');
    assert.match(reported.notes, /"a reported 20"/);
    assert.equal(mapped(candidate(225)).qualifier, 'exact');
    assert.equal(mapped(made({ qualifier: 'nearly' })).qualifier, 'close_to');
    assert.equal(mapped(made({ qualifier: 'at least' })).qualifier, 'at_least');
    assert.equal(mapped(made({ qualifier: 'more than' })).qualifier, 'over');
  });

  it('a date from the context is vague; a date of the sentence is not; a range keeps its end', () => {
    const c200 = candidate(200);
    assert.equal(c200.dateSource, 'context');
    assert.deepEqual(mapped(c200).reported, { value: '2022-01-05', precision: 'day', end: null, vague: true });
    assert.match(mapped(c200).notes, /The sentence gives no date/);
    assert.deepEqual(mapped(candidate(164)).reported, { value: '2022-01-11', precision: 'day', end: null, vague: true });
    assert.deepEqual(mapped(candidate(225)).reported, { value: '2022-01-15', precision: 'day', end: null, vague: false });
    assert.deepEqual(mapped(made({ date: { value: '2022-01-04', precision: 'day', end: '2022-01-05' } })).reported, { value: '2022-01-04', precision: 'day', end: '2022-01-05', vague: false });
    assert.deepEqual(mapped(made({ date: { value: '2022-01', precision: 'month', vague: true } })).reported, { value: '2022-01', precision: 'month', end: null, vague: true });
  });

  it('a candidate without a date is the month of the letter, vague; without a letter date it cannot be recorded', () => {
    const undated = made({ date: null, dateSource: null });
    const input = mapped(undated);
    assert.deepEqual(input.reported, { value: '2022-01', precision: 'month', end: null, vague: true });
    assert.match(input.notes, /no date for this figure/);
    const m = figureFromCandidate(undated, { ...CONTEXT, letterDate: null });
    assert.equal(m.ok, false);
    assert.match(m.ok ? '' : m.problem, /no date/);
  });

  it('a measure outside the vocabulary cannot be recorded', () => {
    const m = figureFromCandidate(made({ what: 'evacuated' }), CONTEXT);
    assert.deepEqual(m, { ok: false, problem: 'no measure in the vocabulary for "evacuated"' });
  });

  it('a population outside the vocabulary is "all", with the letter’s word in the notes', () => {
    const input = mapped(made({ whose: 'residents' }));
    assert.equal(input.population, 'all');
    assert.match(input.notes, /Whose people, as the letter words it: "residents"\./);
    assert.equal(mapped(made({ whose: null })).population, 'all');
  });

  it('scope: the city, the country for a figure placed nowhere, the shared region or the country for several places', () => {
    assert.equal(mapped(candidate(103)).scopePlaceId, 'almaty');
    assert.equal(mapped(candidate(9900)).scopePlaceId, 'kazakhstan');
    // Two streets of Almaty: the city they share.
    const streets = mapped(candidate(2000));
    assert.equal(streets.scopePlaceId, 'almaty');
    assert.match(streets.notes, /About Karasaybatyr and Masanchi\./);
    const zhanaozen = { id: 'zhanaozen', name: 'Zhanaozen', kind: 'city' as const, region: 'mangystau', lat: 43.34116, lon: 52.86192 };
    const aktau = { id: 'aktau', name: 'Aktau', kind: 'city' as const, region: 'mangystau', lat: 43.66105, lon: 51.17392 };
    assert.equal(mapped(made({ scope: [zhanaozen, aktau] })).scopePlaceId, 'mangystau');
    assert.equal(mapped(made({ scope: [] })).scopePlaceId, 'kazakhstan');
  });

  it('the reporting body as the letter words it is kept when it differs from its canonical name', () => {
    assert.match(mapped(candidate(4353)).notes, /Reported by, as the letter words it: "Prosecutor’s office"\./);
    // "Ombudsperson for Children’s Rights" differs only by its apostrophe: nothing to note.
    assert.equal(mapped(candidate(3)).notes.includes('Reported by'), false);
    assert.equal(mapped(candidate(2, 'almaty')).sources[0]!.label, 'AL KAZ 1/2022 (allegation letter)');
  });

  it('parts: the candidate a part belongs to, and the figure recorded for it', () => {
    const index = (count: number) => figures.findIndex((f) => f.count === count);
    assert.equal(partOfIndex(figures, index(19)), index(225));
    assert.equal(partOfIndex(figures, index(3393)), index(4353));
    assert.equal(partOfIndex(figures, index(446)), index(672));
    assert.equal(partOfIndex(figures, index(225)), null);
    const parent = '99999999-8888-4777-8666-555555555555';
    assert.equal(mapped(candidate(19), { partOfId: parent }).partOfId, parent);
    const orphan = mapped(candidate(19));
    assert.equal(orphan.partOfId, null);
    assert.match(orphan.notes, /Part of a figure of 225 that is not in the register\./);
    // A part whose whole was stated in an earlier sentence is found there.
    const list = [made({ count: 50, text: '50', sentence: 'A.' }), made({ count: 7, text: '7', sentence: 'B.', partOf: 50 })];
    assert.equal(partOfIndex(list, 1), 0);
  });

  it('origin keys: the same candidate of the same communication, the same key; anything else, another', () => {
    const c = candidate(9900);
    assert.equal(figureOriginKey(COMMUNICATION, c), figureOriginKey(COMMUNICATION, { text: c.text, sentence: c.sentence }));
    assert.notEqual(figureOriginKey(COMMUNICATION, c), figureOriginKey('1b7c1e2a-4a8f-4b7e-9d6c-2f1e3a4b5c6d', c));
    assert.notEqual(figureOriginKey(COMMUNICATION, c), figureOriginKey(COMMUNICATION, c, 1));
    const keys = new Set(figures.map((f, i) => figureOriginKey(COMMUNICATION, f, candidateOccurrences(figures)[i])));
    assert.equal(keys.size, figures.length, 'every candidate of the letter has its own key');
    assert.deepEqual(candidateOccurrences([{ text: '5', sentence: 'x' }, { text: '5', sentence: 'x' }, { text: '5', sentence: 'y' }]), [0, 1, 0]);
  });

  it('every figure of the reference letter maps to a valid input of recordFigure', () => {
    assert.equal(figures.length, 24);
    for (const c of figures) {
      const parsed = recordFigureSchema.safeParse(mapped(c));
      assert.ok(parsed.success, `${c.count}: ${parsed.success ? '' : parsed.error.message}`);
    }
  });

  it('names the letter by its reference and its type', () => {
    assert.equal(letterLabel('AL KAZ 1/2022', 'AL'), 'AL KAZ 1/2022 (allegation letter)');
    assert.equal(letterLabel('UA KAZ 2/2022', 'UA'), 'UA KAZ 2/2022 (urgent appeal)');
    assert.equal(letterLabel('OL KAZ 3/2022', 'OL'), 'OL KAZ 3/2022 (other letter)');
  });
});
