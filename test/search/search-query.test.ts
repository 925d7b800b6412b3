import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { foldWord, searchText, searchWords } from '../../src/search/fold-text.ts';
import { parseSearchQuery, toFts5, toTsquery, toTsvector } from '../../src/search/search-query.ts';
import { isAppError } from '../../src/errors.ts';

describe('folding the words of the public search', () => {
  it('drops accents and case, in every script, as unaccent would', () => {
    assert.equal(foldWord('Défenseur'), 'defenseur');
    assert.deepEqual(searchWords('Ms. Zhanbolat «Ахмедов», 1/2022'), ['ms', 'zhanbolat', 'ахмедов', '1', '2022']);
    assert.deepEqual(searchWords('Straße Øresund Łódź Æther œuvre'), ['strasse', 'oresund', 'lodz', 'aether', 'oeuvre']);
    assert.deepEqual(searchWords('ﬁn ＡＢＣ１２'), ['fin', 'abc12']);
    // Arabic harakat are marks: the vocalized and the bare word are one word.
    assert.deepEqual(searchWords('مُحَمَّد'), searchWords('محمد'));
    assert.deepEqual(searchWords('Ё ё'), ['е', 'е']);
  });

  it('joins words with single spaces, and cuts very long runs', () => {
    assert.equal(searchText('  A  ', null, 'b-c', undefined), 'a b c');
    assert.equal(searchWords('x'.repeat(300))[0]!.length, 64);
  });
});

describe('the search language', () => {
  it('reads words, phrases, prefixes, exclusions and OR', () => {
    const q = parseSearchQuery('"Arbitrary détention" Kazakhstan detain* -acknowledg* journalist OR blogger')!;
    assert.deepEqual(q.clauses, [
      { anyOf: [{ words: ['arbitrary', 'detention'], prefix: false }], negated: false },
      { anyOf: [{ words: ['kazakhstan'], prefix: false }], negated: false },
      { anyOf: [{ words: ['detain'], prefix: true }], negated: false },
      { anyOf: [{ words: ['acknowledg'], prefix: true }], negated: true },
      { anyOf: [{ words: ['journalist'], prefix: false }, { words: ['blogger'], prefix: false }], negated: false },
    ]);
    assert.equal(toFts5(q), '("arbitrary detention" AND "kazakhstan" AND "detain" * AND ("journalist" OR "blogger")) NOT "acknowledg" *');
    assert.equal(toTsquery(q), "('arbitrary' <-> 'detention') & 'kazakhstan' & 'detain':* & !'acknowledg':* & ('journalist' | 'blogger')");
  });

  it('reads a typed reference as a phrase, and an unclosed quote as running to the end', () => {
    assert.deepEqual(parseSearchQuery('1/2022')!.clauses[0]!.anyOf[0]!.words, ['1', '2022']);
    assert.deepEqual(parseSearchQuery('"peaceful assembly')!.clauses[0]!.anyOf[0]!.words, ['peaceful', 'assembly']);
  });

  it('treats an empty query as no query', () => {
    assert.equal(parseSearchQuery(undefined), undefined);
    assert.equal(parseSearchQuery('   '), undefined);
  });

  it('refuses with QUERY_INVALID what cannot be searched', () => {
    for (const q of ['"', '!!! ???', '-torture', '-"a b"', 'a*', 'x'.repeat(501), Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ')]) {
      assert.throws(() => parseSearchQuery(q), (err: unknown) => isAppError(err) && err.code === 'QUERY_INVALID', q.slice(0, 40));
    }
  });

  it('never produces an expression with a quote or an operator inside a word, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (typed) => {
        let q;
        try {
          q = parseSearchQuery(typed);
        } catch (err) {
          assert.ok(isAppError(err) && err.code === 'QUERY_INVALID');
          return;
        }
        if (!q) return;
        for (const c of q.clauses) for (const p of c.anyOf) for (const w of p.words) assert.match(w, /^[\p{L}\p{N}]+$/u);
        // Every word of the FTS5 expression sits inside double quotes; every lexeme of the tsquery in single quotes.
        assert.doesNotMatch(toFts5(q).replace(/"[^"]*"/g, '').replace(/\b(AND|OR|NOT)\b/g, ''), /[\p{L}\p{N}]/u);
        assert.doesNotMatch(toTsquery(q).replace(/'[^']*'/g, ''), /[\p{L}\p{N}]/u);
      }),
      { numRuns: 500 },
    );
  });
});

describe('tsvector literals', () => {
  it('give each word its positions, as PostgreSQL counts them', () => {
    assert.equal(toTsvector('a b a'), "'a':1,3 'b':2");
    assert.equal(toTsvector(''), '');
  });
});
