import { createHash } from 'node:crypto';
import type { FigureCandidate } from '../../importers/letter/extract-fact-candidates.ts';
import type { PartialDate } from './partial-date.ts';
import type { FigureMeasure, FigurePopulation, FigureQualifier } from './vocabulary.ts';

/**
 * From a figure the letter importer found (a candidate, src/importers/letter/extract-fact-candidates.ts) to
 * the figure the register records once a person has confirmed it. Pure: the command that writes it
 * (src/commands/register/confirm-figure-candidates.ts) supplies the ids it cannot know.
 *
 * Decisions, so that a figure says no more and no less than the letter:
 * - what → measure and whose → population map one to one where the vocabulary has the word; a population
 *   the vocabulary lacks ("residents", "civilians") is recorded as `all` and the letter's word kept in the
 *   notes; "protesters and journalists" becomes `protesters`, its words kept likewise.
 * - qualifiers: "over"/"more than" → over; "approximately", "about", "around", "roughly", "some", "an
 *   estimated" → approximately; "close to", "nearly", "almost" → close_to; "at least" → at_least; "up to" →
 *   up_to. "A reported 20" is not an approximation but an attribution ("20, reportedly"), so it stays
 *   `exact`. Whenever the code is not the letter's own word, the words are kept in the notes.
 * - the date is the candidate's, with its precision and range; it is `vague` when the candidate is vague or
 *   when the sentence itself gives no date and the importer took the last date stated before it
 *   (`dateSource: 'context'`): "Initial reports indicated … 164 people killed" is "by 11 January", not
 *   "on 11 January". A candidate without any date is recorded as the month of the letter, vague.
 * - the scope is the one place the figure is about; the country when the letter names none; for several
 *   places, the region they share, else the country, with the places named in the notes.
 * - the source is the letter, citing the body it quotes; the quote is the letter's sentence.
 */

/** A source of a figure: the communication that stated it. */
export interface LetterSource {
  kind: 'communication';
  label: string;
  communicationId: string;
}

/** The input of `recordFigure` for a confirmed candidate (see src/commands/register/record-figure.ts). */
export interface FigureInput {
  count: number;
  qualifier: FigureQualifier;
  measure: FigureMeasure;
  population: FigurePopulation;
  reportedBy: string | null;
  reported: PartialDate;
  scopePlaceId: string;
  partOfId: string | null;
  eventId: string | null;
  notes: string;
  quote: string;
  originKey: string;
  sources: LetterSource[];
}

/** What a candidate becomes: the figure's input, or why it cannot be recorded as it stands. */
export type FigureMapping = { ok: true; input: FigureInput } | { ok: false; problem: string };

/** What {@link figureFromCandidate} needs besides the candidate. */
export interface CandidateContext {
  /** The communication that states the figure. */
  communicationId: string;
  /** The letter as a source's label names it: "AL KAZ 1/2022 (allegation letter)" (see {@link letterLabel}). */
  letter: string;
  /** The register's place for the country ("kazakhstan"): the scope of a figure the letter places nowhere. */
  countryPlaceId: string;
  /** The letter's date (YYYY-MM-DD), for a candidate without a date. */
  letterDate?: string | null;
  /** The figure this one is part of, when it is in the register ("19 … including" → the 225). */
  partOfId?: string | null;
  /** The event the figure belongs to. */
  eventId?: string | null;
  /** The how-many-th candidate with the same number in the same sentence (0 for the first): see {@link figureOriginKey}. */
  occurrence?: number;
}

const MEASURES: Readonly<Record<string, FigureMeasure>> = {
  killed: 'killed',
  injured: 'injured',
  casualties: 'casualties',
  detained: 'detained',
  arrested: 'arrested',
  'in temporary detention': 'in_temporary_detention',
  'detained with court authorization': 'detained_with_court_authorization',
  'brought to police stations': 'brought_to_police_stations',
  assembled: 'assembled',
  disappeared: 'disappeared',
  charged: 'charged',
  released: 'released',
};

// The letter's word for whose people, and the population it is recorded as; `exact` when nothing is lost.
const POPULATIONS: Readonly<Record<string, { population: FigurePopulation; exact: boolean }>> = {
  people: { population: 'all', exact: true },
  persons: { population: 'all', exact: true },
  individuals: { population: 'all', exact: true },
  protesters: { population: 'protesters', exact: true },
  demonstrators: { population: 'protesters', exact: true },
  'protesters and activists': { population: 'protesters_and_activists', exact: true },
  'security forces': { population: 'security_forces', exact: true },
  'law enforcement': { population: 'law_enforcement', exact: true },
  police: { population: 'law_enforcement', exact: true },
  military: { population: 'military', exact: true },
  'armed forces': { population: 'military', exact: true },
  children: { population: 'children', exact: true },
  journalists: { population: 'journalists', exact: true },
  'foreign nationals': { population: 'foreign_nationals', exact: true },
};

// The letter's qualifier and the code it is recorded as; `exact` when the code is the letter's own word.
const QUALIFIERS: Readonly<Record<string, { qualifier: FigureQualifier; exact: boolean }>> = {
  over: { qualifier: 'over', exact: true },
  'more than': { qualifier: 'over', exact: false },
  approximately: { qualifier: 'approximately', exact: true },
  about: { qualifier: 'approximately', exact: false },
  around: { qualifier: 'approximately', exact: false },
  roughly: { qualifier: 'approximately', exact: false },
  some: { qualifier: 'approximately', exact: false },
  'an estimated': { qualifier: 'approximately', exact: false },
  'close to': { qualifier: 'close_to', exact: true },
  nearly: { qualifier: 'close_to', exact: false },
  almost: { qualifier: 'close_to', exact: false },
  'at least': { qualifier: 'at_least', exact: true },
  'up to': { qualifier: 'up_to', exact: true },
  'fewer than': { qualifier: 'under', exact: false },
  'less than': { qualifier: 'under', exact: false },
  under: { qualifier: 'under', exact: true },
  // An attribution, not an approximation: "a reported 20 protesters" is 20, as reported.
  'a reported': { qualifier: 'exact', exact: false },
};

const TYPE_NAMES: Readonly<Record<string, string>> = { AL: 'allegation letter', UA: 'urgent appeal', OL: 'other letter' };

/**
 * How a source's label names a letter: its reference and its type in words.
 *
 * @example letterLabel('AL KAZ 1/2022', 'AL') // 'AL KAZ 1/2022 (allegation letter)'
 */
export function letterLabel(reference: string, type: string): string {
  const name = TYPE_NAMES[type];
  return name ? `${reference} (${name})` : reference;
}

/**
 * The origin key of a candidate: the SHA-256 (hex) of the communication's id, the number as written and its
 * sentence, so that confirming the same candidate of the same letter twice finds the figure already there.
 * `occurrence` tells apart the same number written twice in one sentence (the first keeps the plain key).
 */
export function figureOriginKey(communicationId: string, candidate: Pick<FigureCandidate, 'text' | 'sentence'>, occurrence = 0): string {
  const parts = [communicationId, candidate.text, candidate.sentence, ...(occurrence > 0 ? [`#${occurrence}`] : [])];
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/** For each candidate, the how-many-th it is with the same number written in the same sentence (0, 1…). */
export function candidateOccurrences(candidates: readonly Pick<FigureCandidate, 'text' | 'sentence'>[]): number[] {
  const seen = new Map<string, number>();
  return candidates.map((c) => {
    const key = `${c.text}\n${c.sentence}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n;
  });
}

/**
 * The index of the candidate that candidate `index` is part of ("225 … including 19" → the 225), or null: the
 * nearest candidate before it with the count its `partOf` names, preferably in the same sentence.
 */
export function partOfIndex(candidates: readonly Pick<FigureCandidate, 'count' | 'partOf' | 'sentence'>[], index: number): number | null {
  const c = candidates[index];
  if (!c || c.partOf === null) return null;
  let fallback: number | null = null;
  for (let i = index - 1; i >= 0; i--) {
    const other = candidates[i]!;
    if (other.count !== c.partOf) continue;
    if (other.sentence === c.sentence) return i;
    fallback ??= i;
  }
  return fallback;
}

const apostrophes = (s: string) => s.replace(/[’‘`]/g, "'").toLowerCase();

/** The count as the letter wrote it, with its qualifier: "an estimated 1,000". */
function asWritten(c: FigureCandidate): string {
  return c.qualifier ? `${c.qualifier} ${c.text}` : c.text;
}

/** The date of a candidate as the register records it (see the module's decisions). */
function reportedDate(c: FigureCandidate, letterDate: string | null | undefined): { date: PartialDate; note: string | null } | null {
  if (c.date) {
    return {
      date: { value: c.date.value, precision: c.date.precision, end: c.date.end ?? null, vague: c.date.vague === true || c.dateSource === 'context' },
      note: c.dateSource === 'context' ? 'The sentence gives no date: dated by the date the letter states before it.' : null,
    };
  }
  if (!letterDate || !/^\d{4}-\d{2}/.test(letterDate)) return null;
  return { date: { value: letterDate.slice(0, 7), precision: 'month', end: null, vague: true }, note: 'The letter gives no date for this figure: recorded as the month of the letter.' };
}

/** The place a figure is about (see the module's decisions), and a note naming the places when several. */
function scopeOf(c: FigureCandidate, countryPlaceId: string): { placeId: string; note: string | null } {
  const places = c.scope;
  if (places.length === 0) return { placeId: countryPlaceId, note: null };
  if (places.length === 1) return { placeId: places[0]!.kind === 'country' ? countryPlaceId : places[0]!.id, note: null };
  const regions = new Set(places.map((p) => p.region));
  const shared = regions.size === 1 ? [...regions][0] : null;
  return { placeId: shared ?? countryPlaceId, note: `About ${places.map((p) => p.name).join(' and ')}.` };
}

/**
 * Maps a confirmed figure candidate to the input of `recordFigure` (see the module's decisions), or says
 * why it cannot be recorded: a measure outside the vocabulary, or no date at all.
 *
 * @example
 * figureFromCandidate(candidate, { communicationId, letter: 'AL KAZ 1/2022 (allegation letter)', countryPlaceId: 'kazakhstan' })
 * // { ok: true, input: { count: 9900, qualifier: 'over', measure: 'detained', population: 'all',
 * //   reportedBy: 'Interior Ministry', reported: { value: '2022-01-11', precision: 'day', end: null, vague: false },
 * //   scopePlaceId: 'kazakhstan', … sources: [{ kind: 'communication', label: 'AL KAZ 1/2022 (allegation letter), citing Interior Ministry', … }] } }
 */
export function figureFromCandidate(c: FigureCandidate, context: CandidateContext): FigureMapping {
  const measure = MEASURES[c.what.toLowerCase()];
  if (!measure) return { ok: false, problem: `no measure in the vocabulary for "${c.what}"` };
  const dated = reportedDate(c, context.letterDate);
  if (!dated) return { ok: false, problem: 'no date: neither the figure nor the letter is dated' };
  const notes: string[] = [];

  const qualifierWords = c.qualifier?.toLowerCase() ?? null;
  const q = qualifierWords === null ? { qualifier: 'exact' as const, exact: true } : (QUALIFIERS[qualifierWords] ?? { qualifier: 'exact' as const, exact: false });
  if (!q.exact) notes.push(`As the letter words it: "${asWritten(c)}".`);

  const whoseWords = c.whose?.toLowerCase() ?? null;
  const p = whoseWords === null ? { population: 'all' as const, exact: true } : (POPULATIONS[whoseWords] ?? { population: 'all' as const, exact: false });
  if (!p.exact) notes.push(`Whose people, as the letter words it: "${c.whose}".`);

  if (c.reportedBy && c.reportedByText && apostrophes(c.reportedByText) !== apostrophes(c.reportedBy)) {
    notes.push(`Reported by, as the letter words it: "${c.reportedByText}".`);
  }
  const scope = scopeOf(c, context.countryPlaceId);
  if (scope.note) notes.push(scope.note);
  if (dated.note) notes.push(dated.note);
  const partOfId = c.partOf === null ? null : (context.partOfId ?? null);
  if (c.partOf !== null && partOfId === null) notes.push(`Part of a figure of ${c.partOf} that is not in the register.`);

  return {
    ok: true,
    input: {
      count: c.count,
      qualifier: q.qualifier,
      measure,
      population: p.population,
      reportedBy: c.reportedBy,
      reported: dated.date,
      scopePlaceId: scope.placeId,
      partOfId,
      eventId: context.eventId ?? null,
      notes: notes.join(' '),
      quote: c.sentence,
      originKey: figureOriginKey(context.communicationId, c, context.occurrence ?? 0),
      sources: [{ kind: 'communication', label: c.reportedBy ? `${context.letter}, citing ${c.reportedBy}` : context.letter, communicationId: context.communicationId }],
    },
  };
}
