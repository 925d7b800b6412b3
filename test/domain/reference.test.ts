import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../src/errors.ts';
import {
  COMMUNICATION_TYPES,
  displayType,
  formatReference,
  isCommunicationType,
  parseReference,
  referenceSlug,
  type Reference,
} from '../../src/domain/reference.ts';

/** Asserts that parsing fails with REFERENCE_INVALID, as an AppError with status 400. */
function assertInvalid(input: string): void {
  assert.throws(
    () => parseReference(input),
    (err: unknown) => {
      assert.ok(err instanceof AppError, `expected an AppError for ${JSON.stringify(input)}`);
      assert.equal(err.code, 'REFERENCE_INVALID');
      assert.equal(err.status, 400);
      assert.deepEqual(err.details, { input });
      return true;
    },
  );
}

describe('parseReference', () => {
  const cases: Array<[string, Reference]> = [
    ['AL KAZ 1/2022', { type: 'AL', code: 'KAZ', number: 1, year: 2022 }],
    ['AL-KAZ-1-2022', { type: 'AL', code: 'KAZ', number: 1, year: 2022 }],
    ['al kaz 1/2022', { type: 'AL', code: 'KAZ', number: 1, year: 2022 }],
    ['Al Kaz 1/2022', { type: 'AL', code: 'KAZ', number: 1, year: 2022 }],
    [' UA  BRA 2 / 2017 ', { type: 'UA', code: 'BRA', number: 2, year: 2017 }],
    ['UA BRA 2/2017', { type: 'UA', code: 'BRA', number: 2, year: 2017 }],
    ['ua-bra-2-2017', { type: 'UA', code: 'BRA', number: 2, year: 2017 }],
    ['AL KAZ 1 / 2022', { type: 'AL', code: 'KAZ', number: 1, year: 2022 }],
    ['AL\tKAZ\t1/2022', { type: 'AL', code: 'KAZ', number: 1, year: 2022 }],
    ['AL KAZ 1-2022', { type: 'AL', code: 'KAZ', number: 1, year: 2022 }],
    ['AL-KAZ-1/2022', { type: 'AL', code: 'KAZ', number: 1, year: 2022 }],
    ['OL GBR 12/2019', { type: 'OL', code: 'GBR', number: 12, year: 2019 }],
    // From the public database (REFERENCE-FACTS.md).
    ['AL OTH 74/2022', { type: 'AL', code: 'OTH', number: 74, year: 2022 }],
    ['AL USA 30/2025', { type: 'AL', code: 'USA', number: 30, year: 2025 }],
    ['AL CAN 3/2026', { type: 'AL', code: 'CAN', number: 3, year: 2026 }],
    ['AL-OTH-74-2022', { type: 'AL', code: 'OTH', number: 74, year: 2022 }],
    // Bounds that are still accepted.
    ['AL KAZ 99999/2022', { type: 'AL', code: 'KAZ', number: 99999, year: 2022 }],
    ['AL KAZ 1/1980', { type: 'AL', code: 'KAZ', number: 1, year: 1980 }],
    ['AL KAZ 1/2999', { type: 'AL', code: 'KAZ', number: 1, year: 2999 }],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)}`, () => {
      assert.deepEqual(parseReference(input), expected);
    });
  }

  it('reads a number written with a leading zero as the number itself', () => {
    assert.deepEqual(parseReference('AL KAZ 01/2022'), { type: 'AL', code: 'KAZ', number: 1, year: 2022 });
    assert.equal(formatReference(parseReference('AL KAZ 007/2022')), 'AL KAZ 7/2022');
  });

  const junk = [
    '',
    ' ',
    'XX KAZ 1/2022',
    'AX KAZ 1/2022',
    'JAL KAZ 1/2022',
    'AL KAZ 0/2022',
    'AL KAZ 00/2022',
    'AL KAZ 1/22',
    'AL KAZ 1/20222',
    'AL KAZAK 1/2022',
    'AL KZ 1/2022',
    'AL K4Z 1/2022',
    'AL KAZ 1/2022 extra',
    'extra AL KAZ 1/2022',
    'AL KAZ 1/2022/2023',
    'ALKAZ 1/2022',
    'AL KAZ1/2022',
    'AL KAZ 1 2022',
    'AL KAZ 1.5/2022',
    'AL KAZ one/2022',
    'AL KAZ 123456/2022',
    'AL KAZ 1/1979',
    'AL KAZ 1/0000',
    'AL KAZ 1/3000',
    'AL_KAZ_1_2022',
    'AL KAZ 1\\2022',
    "AL KAZ 1/2022'; DROP TABLE communications; --",
    "' OR '1'='1",
    "AL KAZ 1/2022' OR '1'='1",
    'AL KAZ 1/2022 UNION SELECT * FROM users',
    "AL' KAZ 1/2022",
    'AL KAZ 1/2022;',
    '<script>alert(1)</script>',
    'AL KAZ ١/٢٠٢٢', // Arabic-Indic digits are not reference digits
    'АL KAZ 1/2022', // Cyrillic А
  ];
  for (const input of junk) {
    it(`refuses ${JSON.stringify(input)} with REFERENCE_INVALID`, () => assertInvalid(input));
  }
});

describe('formatReference and referenceSlug', () => {
  it('formats as letters print it', () => {
    assert.equal(formatReference({ type: 'AL', code: 'KAZ', number: 1, year: 2022 }), 'AL KAZ 1/2022');
    assert.equal(formatReference({ type: 'UA', code: 'BRA', number: 2, year: 2017 }), 'UA BRA 2/2017');
    assert.equal(formatReference({ type: 'OL', code: 'OTH', number: 74, year: 2022 }), 'OL OTH 74/2022');
  });

  it('slugs as URLs carry it', () => {
    assert.equal(referenceSlug({ type: 'AL', code: 'KAZ', number: 1, year: 2022 }), 'AL-KAZ-1-2022');
    assert.equal(referenceSlug({ type: 'UA', code: 'BRA', number: 2, year: 2017 }), 'UA-BRA-2-2017');
    assert.equal(referenceSlug({ type: 'AL', code: 'USA', number: 30, year: 2025 }), 'AL-USA-30-2025');
  });

  it('normalises messy input to the canonical forms', () => {
    assert.equal(formatReference(parseReference(' UA  BRA 2 / 2017 ')), 'UA BRA 2/2017');
    assert.equal(referenceSlug(parseReference(' UA  BRA 2 / 2017 ')), 'UA-BRA-2-2017');
    assert.equal(formatReference(parseReference('al-kaz-1-2022')), 'AL KAZ 1/2022');
    assert.equal(referenceSlug(parseReference('al kaz 1/2022')), 'AL-KAZ-1-2022');
  });
});

describe('round trips', () => {
  const canonical = [
    'AL KAZ 1/2022',
    'UA BRA 2/2017',
    'AL OTH 74/2022',
    'AL USA 30/2025',
    'AL CAN 3/2026',
    'OL GBR 12/2019',
    'UA CHN 99999/2999',
    'AL FRA 1/1980',
  ];
  for (const text of canonical) {
    it(`format(parse(${JSON.stringify(text)})) gives it back, and the slug parses to the same reference`, () => {
      const ref = parseReference(text);
      assert.equal(formatReference(ref), text);
      const slug = referenceSlug(ref);
      assert.equal(slug, text.replace(/[ /]/g, '-'));
      assert.deepEqual(parseReference(slug), ref);
      assert.equal(referenceSlug(parseReference(slug)), slug);
    });
  }

  it('parse(format(ref)) and parse(slug(ref)) give every reference back', () => {
    for (const type of COMMUNICATION_TYPES) {
      for (const code of ['KAZ', 'OTH', 'USA']) {
        for (const number of [1, 9, 10, 74, 100, 12345]) {
          for (const year of [1980, 2011, 2022, 2026]) {
            const ref: Reference = { type, code, number, year };
            assert.deepEqual(parseReference(formatReference(ref)), ref);
            assert.deepEqual(parseReference(referenceSlug(ref)), ref);
          }
        }
      }
    }
  });
});

describe('isCommunicationType', () => {
  it('accepts exactly AL, UA and OL', () => {
    assert.deepEqual([...COMMUNICATION_TYPES], ['AL', 'UA', 'OL']);
    for (const t of ['AL', 'UA', 'OL']) assert.equal(isCommunicationType(t), true);
    for (const t of ['al', 'JAL', 'JUA', 'JOL', 'XX', '', ' AL', null, undefined, 1, {}]) {
      assert.equal(isCommunicationType(t), false, `expected ${String(t)} not to be a type`);
    }
  });
});

describe('displayType', () => {
  const table: Array<[Reference['type'], number, string]> = [
    ['AL', 0, 'AL'],
    ['AL', 1, 'AL'],
    ['AL', 2, 'JAL'],
    ['AL', 8, 'JAL'], // AL KAZ 1/2022 has eight signing mandates
    ['UA', 1, 'UA'],
    ['UA', 2, 'JUA'],
    ['UA', 3, 'JUA'],
    ['OL', 1, 'OL'],
    ['OL', 2, 'JOL'],
    ['OL', 12, 'JOL'],
  ];
  for (const [type, count, expected] of table) {
    it(`${type} signed by ${count} mandate(s) shows as ${expected}`, () => {
      assert.equal(displayType(type, count), expected);
    });
  }

  it('does not change the reference, which keeps the plain type', () => {
    const ref = parseReference('AL KAZ 1/2022');
    assert.equal(displayType(ref.type, 8), 'JAL');
    assert.equal(formatReference(ref), 'AL KAZ 1/2022');
  });
});
