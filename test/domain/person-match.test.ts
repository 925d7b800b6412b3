import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { transliterateCyrillic } from '../../src/domain/transliterate.ts';
import {
  MATCH_POINTS,
  MATCH_REASONS,
  MATCH_THRESHOLDS,
  matchPerson,
  type MatchVerdict,
  type PersonFacts,
} from '../../src/domain/person-match.ts';

const NURLAN: PersonFacts = { names: ['Жанбулатов Нұрлан Серикович'], sex: 'm', birthYear: 1990, place: 'Жаңаөзен' };

describe('matchPerson: same person', () => {
  it('says same for equal keys and birth year, across scripts and name order', () => {
    const result = matchPerson({ names: ['Nurlan Zhanbulatov'], birthYear: 1990 }, { names: ['Жанбулатов Нұрлан'], birthYear: 1990 });
    assert.deepEqual(result, { verdict: 'same', score: 0.8, reasons: ['family_key', 'given_key', 'birth_year'] });
  });

  it('adds place, patronymic and sex when both sides know them', () => {
    const result = matchPerson(
      { names: ['Janbulatov Nurlan Serikuly'], sex: 'm', birthYear: 1990, place: 'Zhanaozen' },
      NURLAN,
    );
    assert.deepEqual(result, {
      verdict: 'same',
      score: 1,
      reasons: ['family_key', 'given_key', 'patronymic_key', 'sex', 'birth_year', 'place'],
    });
  });

  it('finds the match through any of several name variants', () => {
    const result = matchPerson(
      { names: ['Н. Жанбулатов', 'JANBULATOV Nurlan'], birthYear: 1990 },
      { names: ['Zhanbulatov N.', 'Жанбулатов Нұрлан'], birthYear: 1990 },
    );
    assert.equal(result.verdict, 'same');
  });

  it('property: a person re-imported from a list, in either script, is found as the same person', () => {
    const families = ['Жанбулатов', 'Жанбулатова', 'Иванов', 'Сергеева', 'Трубецкий', 'Ким', 'Цой', 'Нұрланұлы'];
    const givens = ['Нұрлан', 'Айгүл', 'Ержан', 'Қайрат', 'Юлия', 'Фёдор', 'Әлібек', 'Сергей'];
    fc.assert(
      fc.property(
        fc.constantFrom(...families),
        fc.constantFrom(...givens),
        fc.integer({ min: 1900, max: 2024 }),
        fc.option(fc.constantFrom('Алматы', 'Жаңаөзен', 'kz-ala'), { nil: null }),
        fc.boolean(),
        (family, given, birthYear, place, latin) => {
          const stored: PersonFacts = { names: [`${family} ${given}`], birthYear, place };
          const name = latin ? transliterateCyrillic(`${family} ${given}`) : `${family} ${given}`;
          const again: PersonFacts = { names: [name], birthYear, place: place === null ? null : transliterateCyrillic(place) };
          assert.equal(matchPerson(again, stored).verdict, 'same');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('matchPerson: likely (to human review)', () => {
  it('says likely when the birth year is unknown on one side', () => {
    const result = matchPerson({ names: ['Nurlan Zhanbulatov'] }, NURLAN);
    assert.deepEqual(result, {
      verdict: 'likely',
      score: 0.6,
      reasons: ['family_key', 'given_key', 'birth_year_unknown'],
    });
  });

  it('says likely when the birth years are one apart', () => {
    const result = matchPerson({ names: ['Zhanbulatov Nurlan'], birthYear: 1991 }, NURLAN);
    assert.equal(result.verdict, 'likely');
    assert.ok(result.reasons.includes('birth_year_near'));
  });

  it('never says same when birth years are more than one apart', () => {
    const result = matchPerson({ names: ['Zhanbulatov Nurlan Serikovich'], birthYear: 1985, place: 'Zhanaozen' }, NURLAN);
    assert.equal(result.verdict, 'likely');
    assert.ok(result.reasons.includes('birth_year_conflict'));
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2024 }), fc.integer({ min: 2, max: 80 }), fc.boolean(), (year, gap, later) => {
        const other = later ? year + gap : year - gap;
        const verdict = matchPerson({ ...NURLAN, birthYear: year }, { ...NURLAN, birthYear: other }).verdict;
        assert.notEqual(verdict, 'same');
      }),
      { numRuns: 200 },
    );
  });

  it('says likely, not same, when the places differ', () => {
    const result = matchPerson({ names: ['Nurlan Zhanbulatov'], birthYear: 1990, place: 'Almaty' }, NURLAN);
    assert.equal(result.verdict, 'likely');
    assert.ok(result.reasons.includes('place_conflict'));
  });

  it('says likely for an initial that agrees', () => {
    const result = matchPerson({ names: ['Zhanbulatov N.'], birthYear: 1990 }, NURLAN);
    assert.deepEqual(result, { verdict: 'likely', score: 0.65, reasons: ['family_key', 'given_initial', 'birth_year'] });
  });

  it('says likely when the names agree only with the order swapped', () => {
    const result = matchPerson({ names: ['Sergei Kim'], birthYear: 1970 }, { names: ['Kim Sergei'], birthYear: 1970 });
    assert.equal(result.verdict, 'likely');
    assert.ok(result.reasons.includes('name_order_swapped'));
    // The same order in another script is not a swap.
    assert.equal(matchPerson({ names: ['Ким Сергей'], birthYear: 1970 }, { names: ['Kim Sergei'], birthYear: 1970 }).verdict, 'same');
  });
});

describe('matchPerson: different', () => {
  it('says different for different family names', () => {
    const result = matchPerson({ names: ['Ivanov Sergei'], birthYear: 1980 }, { names: ['Petrov Sergei'], birthYear: 1980 });
    assert.equal(result.verdict, 'different');
    assert.ok(result.reasons.includes('family_conflict'));
    assert.ok(result.score < MATCH_THRESHOLDS.likely);
  });

  it('says Жанбулатов and Жанбулатова are one family but different people', () => {
    const family = matchPerson({ names: ['Жанбулатова'], birthYear: 1990 }, { names: ['Жанбулатов'], birthYear: 1990 });
    assert.equal(family.verdict, 'different');
    assert.ok(family.reasons.includes('family_key'));
    assert.ok(family.reasons.includes('family_sex_conflict'));

    const sister = matchPerson({ names: ['Zhanbulatova Aigul'], birthYear: 1990 }, NURLAN);
    assert.equal(sister.verdict, 'different');

    const yearUnknown = matchPerson({ names: ['Zhanbulatova Nurlan'] }, NURLAN);
    assert.equal(yearUnknown.verdict, 'different');
  });

  it('lets a different ending through to review only when given name and birth year both agree', () => {
    const result = matchPerson({ names: ['Жанбулатова Нұрлан'], birthYear: 1990 }, NURLAN);
    assert.equal(result.verdict, 'likely');
    assert.ok(result.reasons.includes('family_sex_conflict'));
  });

  it('treats a patronymic of the other sex like a family ending of the other sex', () => {
    const brother = { names: ['Zhanbulatov Nurlan Serikovich'], birthYear: 1990 };
    assert.equal(matchPerson({ names: ['Zhanbulatova Aigul Serikovna'], birthYear: 1990 }, brother).verdict, 'different');
    const slip = matchPerson({ names: ['Zhanbulatov Nurlan Serikovna'], birthYear: 1990 }, brother);
    assert.equal(slip.verdict, 'likely');
    assert.ok(slip.reasons.includes('patronymic_sex_conflict'));
  });

  it('says different for a different given name, initial or patronymic in the same family', () => {
    assert.equal(matchPerson({ names: ['Zhanbulatov Yerzhan'], birthYear: 1990 }, NURLAN).verdict, 'different');
    assert.equal(matchPerson({ names: ['Zhanbulatov A.'], birthYear: 1990 }, NURLAN).verdict, 'different');
    const cousin = matchPerson({ names: ['Zhanbulatov Nurlan Bolatovich'], birthYear: 1990 }, NURLAN);
    assert.equal(cousin.verdict, 'different');
    assert.ok(cousin.reasons.includes('patronymic_conflict'));
  });

  it('says different when the recorded sexes differ', () => {
    const result = matchPerson({ names: ['Kim Sasha'], sex: 'f', birthYear: 1990 }, { names: ['Kim Sasha'], sex: 'm', birthYear: 1990 });
    assert.equal(result.verdict, 'different');
    assert.ok(result.reasons.includes('sex_conflict'));
  });

  it('says different on a family name alone, without anything to back it', () => {
    const result = matchPerson({ names: ['Zhanbulatov'] }, NURLAN);
    assert.deepEqual(result, { verdict: 'different', score: 0.35, reasons: ['family_key', 'given_unknown', 'birth_year_unknown'] });
  });

  it('says different, with no_name, when a side has no usable name', () => {
    assert.deepEqual(matchPerson({ names: [] }, NURLAN), { verdict: 'different', score: 0, reasons: ['no_name'] });
    assert.deepEqual(matchPerson(NURLAN, { names: ['', ' . '] }), { verdict: 'different', score: 0, reasons: ['no_name'] });
  });
});

describe('matchPerson: thresholds and properties', () => {
  it('documents its thresholds as the sum of the evidence that reaches them', () => {
    assert.equal(MATCH_POINTS.family + MATCH_POINTS.given + MATCH_POINTS.birthYear, MATCH_THRESHOLDS.same * 100);
    assert.equal(MATCH_POINTS.family + MATCH_POINTS.givenInitial, MATCH_THRESHOLDS.likely * 100);
  });

  const people = fc.record({
    names: fc.array(
      fc.constantFrom(
        'Жанбулатов Нұрлан Серикович',
        'Nurlan Zhanbulatov',
        'Zhanbulatova Aigul Bolat kyzy',
        'Жанбулатова Нұрлан',
        'Zhanbulatov N.',
        'Kim Sergei',
        'Сергей Ким',
        'Ivanov Sergei Sergeevich',
        'Ivanova',
        '',
      ),
      { maxLength: 3 },
    ),
    sex: fc.constantFrom<'m' | 'f' | null | undefined>('m', 'f', null, undefined),
    birthYear: fc.option(fc.integer({ min: 1985, max: 1995 }), { nil: null }),
    place: fc.option(fc.constantFrom('Almaty', 'Алматы', 'Zhanaozen', 'kz-ala'), { nil: null }),
  });
  const band: Record<MatchVerdict, [number, number]> = {
    same: [MATCH_THRESHOLDS.same, 1],
    likely: [MATCH_THRESHOLDS.likely, MATCH_THRESHOLDS.same],
    different: [0, MATCH_THRESHOLDS.likely],
  };

  it('property: the score lies in its verdict band, reasons are known, unique and ordered', () => {
    fc.assert(
      fc.property(people, people, (a, b) => {
        const result = matchPerson(a, b);
        const [low, high] = band[result.verdict];
        assert.ok(result.score >= low && (result.score < high || (high === 1 && result.score === 1)), JSON.stringify(result));
        const indexes = result.reasons.map((reason) => MATCH_REASONS.indexOf(reason));
        assert.ok(indexes.every((index) => index >= 0));
        assert.deepEqual(indexes, [...new Set(indexes)].sort((x, y) => x - y));
      }),
      { numRuns: 400 },
    );
  });

  it('property: symmetric and deterministic', () => {
    fc.assert(
      fc.property(people, people, (a, b) => {
        const ab = matchPerson(a, b);
        const ba = matchPerson(b, a);
        assert.deepEqual([ab.verdict, ab.score], [ba.verdict, ba.score]);
        assert.deepEqual(matchPerson(a, b), ab);
      }),
      { numRuns: 400 },
    );
  });
});
