import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../src/errors.ts';
import {
  canonicalSymbol,
  formatSymbol,
  parseSymbol,
  SYMBOL_BODIES,
  SYMBOL_KINDS,
  type DocumentSymbol,
} from '../../src/domain/document-symbol.ts';

/** A symbol with every derived field at its "does not apply" value, overridden by `parts`. */
function symbol(parts: Partial<DocumentSymbol> & Pick<DocumentSymbol, 'organ' | 'components' | 'kind' | 'body'>): DocumentSymbol {
  return {
    suffixes: [],
    adoptionYear: undefined,
    session: undefined,
    specialSession: false,
    year: undefined,
    number: undefined,
    country: undefined,
    ...parts,
  };
}

/** Asserts that parsing fails with VALIDATION_FAILED on the symbol field, as an AppError with status 400. */
function assertInvalid(input: string): void {
  assert.throws(
    () => parseSymbol(input),
    (err: unknown) => {
      assert.ok(err instanceof AppError, `expected an AppError for ${JSON.stringify(input)}`);
      assert.equal(err.code, 'VALIDATION_FAILED');
      assert.equal(err.status, 400);
      assert.deepEqual(err.details, { field: 'symbol', input });
      return true;
    },
  );
}

// The vectors: every symbol here is canonical, so it must also survive formatSymbol(parseSymbol(x)) unchanged.
const VECTORS: Array<[string, DocumentSymbol]> = [
  [
    'A/HRC/49/21',
    symbol({ organ: 'A', components: ['HRC', '49', '21'], kind: 'report', body: 'HRC', session: 49, number: '21' }),
  ],
  [
    'A/HRC/RES/38/7',
    symbol({ organ: 'A', components: ['HRC', 'RES', '38', '7'], kind: 'resolution', body: 'HRC', session: 38, number: '7' }),
  ],
  [
    'A/RES/73/173',
    symbol({ organ: 'A', components: ['RES', '73', '173'], kind: 'resolution', body: 'GA', session: 73, number: '173' }),
  ],
  [
    'S/RES/1373 (2001)',
    symbol({
      organ: 'S',
      components: ['RES', '1373'],
      adoptionYear: 2001,
      kind: 'resolution',
      body: 'SC',
      year: 2001,
      number: '1373',
    }),
  ],
  [
    'CCPR/C/GC/37',
    symbol({ organ: 'CCPR', components: ['C', 'GC', '37'], kind: 'general-comment', body: 'CCPR', number: '37' }),
  ],
  [
    'A/HRC/WGAD/2020/5',
    symbol({ organ: 'A', components: ['HRC', 'WGAD', '2020', '5'], kind: 'opinion', body: 'WGAD', year: 2020, number: '5' }),
  ],
  [
    'A/HRC/29/25/Add.2',
    symbol({
      organ: 'A',
      components: ['HRC', '29', '25'],
      suffixes: [{ type: 'Add', number: 2 }],
      kind: 'report',
      body: 'HRC',
      session: 29,
      number: '25',
    }),
  ],
  [
    'E/CN.4/1992/20',
    symbol({ organ: 'E', components: ['CN.4', '1992', '20'], kind: 'report', body: 'CHR', year: 1992, number: '20' }),
  ],
  [
    'CCPR/C/THA/CO/2',
    symbol({
      organ: 'CCPR',
      components: ['C', 'THA', 'CO', '2'],
      kind: 'concluding-observations',
      body: 'CCPR',
      number: '2',
      country: 'THA',
    }),
  ],
  [
    'A/HRC/40/38/Add.1',
    symbol({
      organ: 'A',
      components: ['HRC', '40', '38'],
      suffixes: [{ type: 'Add', number: 1 }],
      kind: 'report',
      body: 'HRC',
      session: 40,
      number: '38',
    }),
  ],
  [
    // The compilation of the Committee's general comments, revised, then its 13th addendum: the suffixes
    // stack in the order written. Classified by structure, so "other".
    'CCPR/C/21/Rev.1/Add.13',
    symbol({
      organ: 'CCPR',
      components: ['C', '21'],
      suffixes: [
        { type: 'Rev', number: 1 },
        { type: 'Add', number: 13 },
      ],
      kind: 'other',
      body: 'CCPR',
      number: '21',
    }),
  ],
  ['A/61/312', symbol({ organ: 'A', components: ['61', '312'], kind: 'report', body: 'GA', session: 61, number: '312' })],
  [
    'A/HRC/43/46/Add.1',
    symbol({
      organ: 'A',
      components: ['HRC', '43', '46'],
      suffixes: [{ type: 'Add', number: 1 }],
      kind: 'report',
      body: 'HRC',
      session: 43,
      number: '46',
    }),
  ],
  [
    'A/HRC/47/24/Add.2',
    symbol({
      organ: 'A',
      components: ['HRC', '47', '24'],
      suffixes: [{ type: 'Add', number: 2 }],
      kind: 'report',
      body: 'HRC',
      session: 47,
      number: '24',
    }),
  ],
  [
    'E/C.12/KAZ/CO/2',
    symbol({
      organ: 'E',
      components: ['C.12', 'KAZ', 'CO', '2'],
      kind: 'concluding-observations',
      body: 'CESCR',
      number: '2',
      country: 'KAZ',
    }),
  ],
  [
    'CERD/C/KAZ/CO/8-10',
    symbol({
      organ: 'CERD',
      components: ['C', 'KAZ', 'CO', '8-10'],
      kind: 'concluding-observations',
      body: 'CERD',
      number: '8-10',
      country: 'KAZ',
    }),
  ],
  [
    'A/HRC/RES/S-29/1',
    symbol({
      organ: 'A',
      components: ['HRC', 'RES', 'S-29', '1'],
      kind: 'resolution',
      body: 'HRC',
      session: 29,
      specialSession: true,
      number: '1',
    }),
  ],
  [
    'E/CN.4/RES/2005/80',
    symbol({ organ: 'E', components: ['CN.4', 'RES', '2005', '80'], kind: 'resolution', body: 'CHR', year: 2005, number: '80' }),
  ],
  [
    'E/CN.4/Sub.2/1998/13',
    symbol({
      organ: 'E',
      components: ['CN.4', 'Sub.2', '1998', '13'],
      kind: 'report',
      body: 'SubCommission',
      year: 1998,
      number: '13',
    }),
  ],
  [
    'A/HRC/49/L.23',
    symbol({ organ: 'A', components: ['HRC', '49', 'L.23'], kind: 'other', body: 'HRC', session: 49, number: 'L.23' }),
  ],
  [
    'A/HRC/49/NGO/12',
    symbol({ organ: 'A', components: ['HRC', '49', 'NGO', '12'], kind: 'other', body: 'HRC', session: 49, number: '12' }),
  ],
  ['S/2022/10', symbol({ organ: 'S', components: ['2022', '10'], kind: 'other', body: 'SC', year: 2022, number: '10' })],
  [
    'S/RES/2178',
    symbol({ organ: 'S', components: ['RES', '2178'], kind: 'resolution', body: 'SC', number: '2178' }),
  ],
  [
    'CCPR/C/KAZ/2',
    symbol({ organ: 'CCPR', components: ['C', 'KAZ', '2'], kind: 'report', body: 'CCPR', number: '2', country: 'KAZ' }),
  ],
  [
    'HRI/GEN/1/Rev.9',
    symbol({
      organ: 'HRI',
      components: ['GEN', '1'],
      suffixes: [{ type: 'Rev', number: 9 }],
      kind: 'other',
      body: 'HRI',
      number: '1',
    }),
  ],
  [
    'E/CN.4/2006/53/Add.1/Corr.1',
    symbol({
      organ: 'E',
      components: ['CN.4', '2006', '53'],
      suffixes: [
        { type: 'Add', number: 1 },
        { type: 'Corr', number: 1 },
      ],
      kind: 'report',
      body: 'CHR',
      year: 2006,
      number: '53',
    }),
  ],
];

describe('parseSymbol', () => {
  for (const [input, expected] of VECTORS) {
    it(`reads ${input}`, () => assert.deepEqual(parseSymbol(input), expected));
  }

  it('gives every vector a kind and a body from the published lists', () => {
    for (const [input] of VECTORS) {
      const s = parseSymbol(input);
      assert.ok(SYMBOL_KINDS.includes(s.kind), input);
      assert.ok(SYMBOL_BODIES.includes(s.body), input);
    }
  });

  it('covers every kind with the vectors', () => {
    const kinds = new Set(VECTORS.map(([, s]) => s.kind));
    assert.deepEqual([...kinds].sort(), [...SYMBOL_KINDS].sort());
  });

  it('accepts S/RES/1373(2001) without the space, as the same resolution', () => {
    assert.deepEqual(parseSymbol('S/RES/1373(2001)'), parseSymbol('S/RES/1373 (2001)'));
  });

  const lenient: Array<[string, string]> = [
    ['S/RES/1373(2001)', 'S/RES/1373 (2001)'],
    ['S/RES/1373  ( 2001 )', 'S/RES/1373 (2001)'],
    [' A/HRC/49/21 ', 'A/HRC/49/21'],
    ['a/hrc/49/21', 'A/HRC/49/21'],
    ['A / HRC / 49 / 21', 'A/HRC/49/21'],
    ['ccpr/c/21/rev.1/add.13', 'CCPR/C/21/Rev.1/Add.13'],
    ['e/cn.4/sub.2/1998/13', 'E/CN.4/Sub.2/1998/13'],
    ['A/HRC/RES/s-29/1', 'A/HRC/RES/S-29/1'],
    ['A/HRC/29/25/ADD.2', 'A/HRC/29/25/Add.2'],
  ];
  for (const [input, canonical] of lenient) {
    it(`reads ${JSON.stringify(input)} as ${canonical}`, () => assert.equal(formatSymbol(parseSymbol(input)), canonical));
  }

  const junk = [
    '',
    '   ',
    'A',
    'A/HRC',
    'A/4', // one component only: too easily something else ("grade A/4")
    '24/7',
    '18/01/2022',
    '41/12',
    '1/2',
    'and/or',
    'X/HRC/49/21',
    'UN/HRC/49/21',
    'CCPR/C/GC',
    'A/HRC/49/21/',
    'A//HRC/49/21',
    '/A/HRC/49/21',
    'A/HRC/049/21',
    'A/HRC/49 21',
    'A/HRC/Add.1/25',
    'A/HRC/49/21 (2001)',
    'S/RES/1373 (1800)',
    'S/RES/1373 (20011)',
    'S/RES/1373 2001',
    'A/HRC/49/21/Add.0',
    'A/HRC/49/21/Add.x',
    'A/HRC/4-9/2_1',
    'AL KAZ 1/2022',
    'https://undocs.org/A/HRC/41/41',
    'article 19(3)',
  ];
  for (const input of junk) {
    it(`refuses ${JSON.stringify(input)}`, () => assertInvalid(input));
  }
});

describe('formatSymbol', () => {
  for (const [input] of VECTORS) {
    it(`round-trips ${input}`, () => assert.equal(formatSymbol(parseSymbol(input)), input));
  }

  it('writes a symbol built by hand, suffixes in order and the year after one space', () => {
    assert.equal(
      formatSymbol({
        organ: 'CCPR',
        components: ['C', '21'],
        suffixes: [
          { type: 'Rev', number: 1 },
          { type: 'Add', number: 13 },
        ],
        adoptionYear: undefined,
      }),
      'CCPR/C/21/Rev.1/Add.13',
    );
    assert.equal(
      formatSymbol({ organ: 'S', components: ['RES', '2396'], suffixes: [], adoptionYear: 2017 }),
      'S/RES/2396 (2017)',
    );
  });
});

describe('canonicalSymbol', () => {
  it('answers the canonical form, or undefined for anything that is not a symbol', () => {
    assert.equal(canonicalSymbol('a/hrc/41/41'), 'A/HRC/41/41');
    assert.equal(canonicalSymbol('S/RES/1566(2004)'), 'S/RES/1566 (2004)');
    assert.equal(canonicalSymbol('24/7'), undefined);
    assert.equal(canonicalSymbol('A/HRC'), undefined);
  });
});
