import { nameKeyReadings, phoneticKey, type NameKey, type NameSex } from './name-key.ts';

/**
 * Deciding whether an incoming person (from a Government's reply, an NGO list, a family's report) is a
 * person already in the register. The decision is deterministic and explained by reason codes; a 'likely'
 * goes to a human, who confirms or rejects it, so the rules below err towards 'likely' rather than a
 * silent 'same'. Re-importing a list finds every person it created as 'same', which is what keeps
 * re-imports free of duplicates.
 *
 * ## Evidence and points (out of 100)
 * | evidence | points | reason |
 * |---|---|---|
 * | family keys equal (gender-neutral stem) | 35 | `family_key` |
 * | given-name keys equal | 25 | `given_key` |
 * | only an initial on one side, and it agrees | 10 | `given_initial` |
 * | patronymics (father's name) equal | 10 | `patronymic_key` |
 * | birth years equal | 20 | `birth_year` |
 * | birth years one apart (lists often give an age, not a year) | 10 | `birth_year_near` |
 * | places equal (same id, or same name in any script) | 10 | `place` |
 * | birth years two or more apart | −10 | `birth_year_conflict` |
 * | places differ | −10 | `place_conflict` |
 * | family endings show different sexes (Zhanbulatov / Zhanbulatova) | −10 | `family_sex_conflict` |
 * | patronymics show different sexes (Serikovich / Serikovna) | −10 | `patronymic_sex_conflict` |
 *
 * Informational reasons, no points: `given_unknown`, `birth_year_unknown`, `sex` (both sexes recorded and
 * equal), `name_order_swapped` (the names agree only when one of them is read in its less probable order).
 *
 * ## Verdict
 * 1. By {@link MATCH_THRESHOLDS}: 80 points or more is 'same', 45 or more 'likely', less 'different'.
 *    80 is exactly family + given name + birth year: nothing weaker reaches it.
 * 2. Vetoes make the verdict 'different' whatever the points:
 *    - `family_conflict` (family keys differ; `no_name` when a side has no name at all);
 *    - `given_conflict` (both given names, or both initials, known and different: siblings share a family);
 *    - `patronymic_conflict` (both known and different: cousins share family and given names);
 *    - `sex_conflict` (both sexes recorded and different);
 *    - `family_sex_conflict` or `patronymic_sex_conflict`, UNLESS the given names and the birth years are
 *      both equal. Zhanbulatov and Zhanbulatova are, by default, two people of one family (husband and
 *      wife, brother and sister). But given names are gendered too, so a woman does not normally share the
 *      given name of a man of her family born the same year: when given name and birth year agree, the odd
 *      ending is more likely a clerical slip (or a declined form copied from a Russian sentence) than a
 *      second person, and a human should look.
 * 3. Caps keep the verdict at 'likely' at most: no `given_key`; no `birth_year` (unknown, near or in
 *    conflict: two birth years more than one apart are never 'same'); `place_conflict`; a sex conflict
 *    that rule 2 let through; `name_order_swapped`.
 * 4. The score is points / 100, clamped into its verdict's band: 'same' in [0.80, 1], 'likely' in
 *    [0.45, 0.79], 'different' in [0, 0.44]. So a score sorts a review queue and never contradicts the
 *    verdict.
 *
 * Each side may carry several name variants (scripts, spellings) and a name may have two readings (order
 * unknown): every pair is compared and the best result kept (verdict first, then score, then the first
 * pair in input order), so the answer does not depend on anything but the inputs.
 */

/** Every reason code {@link matchPerson} can give, in the order it lists them. */
export const MATCH_REASONS = [
  'no_name',
  'family_key',
  'family_conflict',
  'family_sex_conflict',
  'name_order_swapped',
  'given_key',
  'given_initial',
  'given_conflict',
  'given_unknown',
  'patronymic_key',
  'patronymic_conflict',
  'patronymic_sex_conflict',
  'sex',
  'sex_conflict',
  'birth_year',
  'birth_year_near',
  'birth_year_conflict',
  'birth_year_unknown',
  'place',
  'place_conflict',
] as const;

/** One of {@link MATCH_REASONS}. @example const r: MatchReason = 'birth_year_conflict'; */
export type MatchReason = (typeof MATCH_REASONS)[number];

/** The outcome of a comparison. @example const v: MatchVerdict = 'likely'; */
export type MatchVerdict = 'same' | 'likely' | 'different';

/**
 * Points per piece of evidence (see the module comment); penalties are subtracted.
 *
 * @example MATCH_POINTS.family + MATCH_POINTS.given + MATCH_POINTS.birthYear // 80
 */
export const MATCH_POINTS = {
  family: 35,
  given: 25,
  givenInitial: 10,
  patronymic: 10,
  birthYear: 20,
  birthYearNear: 10,
  place: 10,
  birthYearConflict: -10,
  placeConflict: -10,
  sexEndingConflict: -10,
} as const;

/**
 * Score thresholds of the verdicts (score = points / 100).
 *
 * @example MATCH_THRESHOLDS.same // 0.8
 */
export const MATCH_THRESHOLDS = { same: 0.8, likely: 0.45 } as const;

/** What is known of a person on either side of a comparison. @example const p: PersonFacts = { names: ['Жанбулатов Нұрлан'], birthYear: 1990 }; */
export interface PersonFacts {
  /** Name variants, in any script and order ("Жанбулатов Нұрлан", "Nurlan Zhanbulatov"). */
  names: readonly string[];
  /** Recorded sex, when the source states it. */
  sex?: NameSex | null;
  /** Year of birth (an age in a list converted by the importer). */
  birthYear?: number | null;
  /** A place id or a place name (compared by id, or by name across scripts). */
  place?: string | null;
}

/** The result of {@link matchPerson}. @example const m: PersonMatch = { verdict: 'likely', score: 0.6, reasons: ['family_key', 'given_key', 'birth_year_unknown'] }; */
export interface PersonMatch {
  verdict: MatchVerdict;
  /** 0..1, within the verdict's band (see {@link MATCH_THRESHOLDS}). */
  score: number;
  /** Reason codes from {@link MATCH_REASONS}, in that order. */
  reasons: MatchReason[];
}

/** One reading of one name variant, and whether it is the less probable order of that name. */
interface Reading {
  key: NameKey;
  alternative: boolean;
}

/** The non-name facts, normalised once per side. */
interface Facts {
  sex: NameSex | null;
  birthYear: number | null;
  place: string | null;
}

/** Rank of a verdict, for choosing the best pair. */
const RANK: Readonly<Record<MatchVerdict, number>> = { same: 2, likely: 1, different: 0 };

/** Order of the reason codes, for a stable list. */
const REASON_ORDER: ReadonlyMap<MatchReason, number> = new Map(MATCH_REASONS.map((reason, index) => [reason, index]));

/** Every reading of every name variant that has a family key. */
function readingsOf(names: readonly string[]): Reading[] {
  const out: Reading[] = [];
  for (const name of names) {
    nameKeyReadings(name).forEach((key, index) => {
      if (key.family !== '') out.push({ key, alternative: index > 0 });
    });
  }
  return out;
}

/** The facts other than names, with unusable values (NaN, fractional years, blank places) as unknown. */
function factsOf(person: PersonFacts): Facts {
  const year = person.birthYear;
  const place = person.place === undefined || person.place === null ? '' : phoneticKey(person.place);
  return {
    sex: person.sex ?? null,
    birthYear: typeof year === 'number' && Number.isInteger(year) ? year : null,
    place: place === '' ? null : place,
  };
}

/**
 * Compares an incoming person with one already in the register. Pure and deterministic.
 *
 * @example
 * matchPerson(
 *   { names: ['Nurlan Zhanbulatov'], birthYear: 1990 },
 *   { names: ['Жанбулатов Нұрлан Серикович'], birthYear: 1990 },
 * ) // { verdict: 'same', score: 0.8, reasons: ['family_key', 'given_key', 'birth_year'] }
 */
export function matchPerson(incoming: PersonFacts, existing: PersonFacts): PersonMatch {
  const left = readingsOf(incoming.names);
  const right = readingsOf(existing.names);
  if (left.length === 0 || right.length === 0) return { verdict: 'different', score: 0, reasons: ['no_name'] };
  const leftFacts = factsOf(incoming);
  const rightFacts = factsOf(existing);
  let best: PersonMatch | null = null;
  for (const a of left) {
    for (const b of right) {
      const result = comparePair(a, b, leftFacts, rightFacts);
      if (best === null || RANK[result.verdict] > RANK[best.verdict] || (RANK[result.verdict] === RANK[best.verdict] && result.score > best.score)) {
        best = result;
      }
    }
  }
  return best!;
}

/** Compares one reading of each side, with the other facts, by the rules in the module comment. */
function comparePair(a: Reading, b: Reading, left: Facts, right: Facts): PersonMatch {
  const reasons: MatchReason[] = [];
  let points = 0;
  let veto = false;
  let cap = false;
  let sexEndingConflict = false;

  // Family name.
  if (a.key.family === b.key.family) {
    reasons.push('family_key');
    points += MATCH_POINTS.family;
    if (a.key.familySex !== null && b.key.familySex !== null && a.key.familySex !== b.key.familySex) {
      reasons.push('family_sex_conflict');
      points += MATCH_POINTS.sexEndingConflict;
      sexEndingConflict = true;
    }
  } else {
    reasons.push('family_conflict');
    veto = true;
  }
  if (a.alternative || b.alternative) {
    reasons.push('name_order_swapped');
    cap = true;
  }

  // Given name: full keys when both have one, else initials.
  let givenEqual = false;
  if (a.key.given !== null && b.key.given !== null) {
    givenEqual = a.key.given === b.key.given;
    if (givenEqual) {
      reasons.push('given_key');
      points += MATCH_POINTS.given;
    }
  } else if (a.key.givenInitial !== null && b.key.givenInitial !== null) {
    if (a.key.givenInitial === b.key.givenInitial) {
      reasons.push('given_initial');
      points += MATCH_POINTS.givenInitial;
    }
  } else {
    reasons.push('given_unknown');
  }
  const givenKnownBoth = (a.key.given !== null && b.key.given !== null) || (a.key.givenInitial !== null && b.key.givenInitial !== null);
  if (givenKnownBoth && !reasons.includes('given_key') && !reasons.includes('given_initial')) {
    reasons.push('given_conflict');
    veto = true;
  }
  if (!givenEqual) cap = true;

  // Patronymic.
  if (a.key.patronymic !== null && b.key.patronymic !== null) {
    if (a.key.patronymic === b.key.patronymic) {
      reasons.push('patronymic_key');
      points += MATCH_POINTS.patronymic;
      if (a.key.patronymicSex !== null && b.key.patronymicSex !== null && a.key.patronymicSex !== b.key.patronymicSex) {
        reasons.push('patronymic_sex_conflict');
        points += MATCH_POINTS.sexEndingConflict;
        sexEndingConflict = true;
      }
    } else {
      reasons.push('patronymic_conflict');
      veto = true;
    }
  }

  // Recorded sex.
  if (left.sex !== null && right.sex !== null) {
    if (left.sex === right.sex) reasons.push('sex');
    else {
      reasons.push('sex_conflict');
      veto = true;
    }
  }

  // Birth year.
  let yearEqual = false;
  if (left.birthYear !== null && right.birthYear !== null) {
    const gap = Math.abs(left.birthYear - right.birthYear);
    if (gap === 0) {
      yearEqual = true;
      reasons.push('birth_year');
      points += MATCH_POINTS.birthYear;
    } else if (gap === 1) {
      reasons.push('birth_year_near');
      points += MATCH_POINTS.birthYearNear;
    } else {
      reasons.push('birth_year_conflict');
      points += MATCH_POINTS.birthYearConflict;
    }
  } else {
    reasons.push('birth_year_unknown');
  }
  if (!yearEqual) cap = true;

  // Place.
  if (left.place !== null && right.place !== null) {
    if (left.place === right.place) {
      reasons.push('place');
      points += MATCH_POINTS.place;
    } else {
      reasons.push('place_conflict');
      points += MATCH_POINTS.placeConflict;
      cap = true;
    }
  }

  // A different sex shown by the endings: a second person of the family, unless given name and year agree.
  if (sexEndingConflict) {
    if (givenEqual && yearEqual) cap = true;
    else veto = true;
  }

  return finish(points, veto, cap, reasons);
}

/** Applies thresholds, vetoes and caps, and clamps the score into the verdict's band. */
function finish(points: number, veto: boolean, cap: boolean, reasons: MatchReason[]): PersonMatch {
  const same = Math.round(MATCH_THRESHOLDS.same * 100);
  const likely = Math.round(MATCH_THRESHOLDS.likely * 100);
  let verdict: MatchVerdict = points >= same ? 'same' : points >= likely ? 'likely' : 'different';
  if (veto) verdict = 'different';
  else if (cap && verdict === 'same') verdict = 'likely';
  const clamped =
    verdict === 'same'
      ? Math.min(Math.max(points, same), 100)
      : verdict === 'likely'
        ? Math.min(Math.max(points, likely), same - 1)
        : Math.min(Math.max(points, 0), likely - 1);
  reasons.sort((x, y) => REASON_ORDER.get(x)! - REASON_ORDER.get(y)!);
  return { verdict, score: clamped / 100, reasons };
}
