import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from '../../src/domain/canonical-json.ts';

/** What a serializer does with a value: its text, or the fact that it refused it. */
function outcome(serialize: (value: unknown) => string | undefined, value: unknown): { text: string | undefined } | { refused: true } {
  try {
    return { text: serialize(value) };
  } catch {
    return { refused: true };
  }
}

// Any sequence of UTF-16 code units, lone surrogates included.
const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((units) => String.fromCharCode(...units));
const anyValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    codeUnits,
    fc.string({ unit: 'binary' }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(codeUnits, fc.string({ unit: 'binary', maxLength: 4 })), tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('canonical JSON (RFC 8785), as the audit chain digests it', () => {
  it('writes what the reference implementation writes, character for character, and refuses what it refuses', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        assert.deepEqual(outcome(canonicalJson, value), outcome(canonicalize, value));
      }),
      { numRuns: 3000 },
    );
  });

  it('sorts keys by UTF-16 code units and writes numbers as ECMAScript does', () => {
    const value = { '\u20ac': 'Euro', '\r': 'CR', '\ufb33': 'Hebrew', '1': 'one', '\ud83d\ude00': 'emoji', '\u0080': 'ctrl', 'ö': 'o' };
    assert.equal(canonicalJson(value), '{"\\r":"CR","1":"one","\u0080":"ctrl","ö":"o","\u20ac":"Euro","\ud83d\ude00":"emoji","\ufb33":"Hebrew"}');
    assert.equal(canonicalJson([1e21, -0, 0.1 + 0.2, 5e-324, 333333333.3333333, 1e-7]), '[1e+21,0,0.30000000000000004,5e-324,333333333.3333333,1e-7]');
    assert.equal(canonicalJson({ b: undefined, a: [undefined, 1], d: new Date('2022-01-18T09:00:00Z') }), '{"a":[null,1],"d":"2022-01-18T09:00:00.000Z"}');
  });

  it('refuses NaN, infinities, lone surrogates in values and keys, and circular references', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    for (const bad of [Number.NaN, Infinity, -Infinity, 'a\ud800', '\udc00b', { ['k\ud83d']: 1 }, [1, ['\udfff']], circular]) {
      assert.throws(() => canonicalJson(bad), Error);
      assert.throws(() => canonicalize(bad), Error);
    }
  });

  it('gives the same text for a whole letter (the reference letter, 61 KB, in several scripts)', () => {
    const letter = readFileSync(new URL('../fixtures/AL-KAZ-1-2022.txt', import.meta.url), 'utf8');
    const value = { body: letter, questions: letter.split('\n\n').slice(0, 20), names: ['Жанбулатов', 'Zhanbulatov', 'ژانبولاتوف', '让布拉托夫'] };
    assert.equal(canonicalJson(value), canonicalize(value));
  });
});
