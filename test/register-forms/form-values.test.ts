import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detentionInputOf } from '../../src/web/register-forms/detention-form.ts';
import { defaultFieldOf } from '../../src/web/register-forms/form-spec.ts';
import { decimalOf, linesOf, partialDateOf, readValues, sourcesOf, wholeNumberOf } from '../../src/web/register-forms/form-values.ts';
import { personForm, personInputOf } from '../../src/web/register-forms/person-form.ts';
import { placeIdOf } from '../../src/web/register-forms/place-form.ts';
import { transferInputOf } from '../../src/web/register-forms/transfer-form.ts';

describe('register form values', () => {
  it('reads the fields asked for, the first of a repeated one, and every value of a multiple select', () => {
    const v = readValues({ title: ['First', 'Second'], placeIds: ['almaty', '', 'zhanaozen'], other: 'ignored', count: 5 }, ['title', 'count', 'missing'], ['placeIds', 'none']);
    assert.deepEqual(v, { title: 'First', count: '', missing: '', placeIds: ['almaty', 'zhanaozen'], none: [] });
  });

  it('reads counts as people write them, and keeps anything else as no whole number', () => {
    for (const [written, n] of [['9900', 9900], ['9,900', 9900], ['9 900', 9900], ['9.900', 9900], ['9’900', 9900], ['1\u202f234\u202f567', 1_234_567], [' 225 ', 225]] as const) {
      assert.equal(wholeNumberOf({ count: written }, 'count'), n, written);
    }
    assert.equal(wholeNumberOf({ count: '' }, 'count'), null);
    for (const bad of ['many', '2.5', '99,00', '1e3']) assert.ok(!Number.isInteger(wholeNumberOf({ count: bad }, 'count')), bad);
  });

  it('reads coordinates with a point or a comma', () => {
    assert.equal(decimalOf({ lat: '43,25' }, 'lat'), 43.25);
    assert.equal(decimalOf({ lat: '-76.9' }, 'lat'), -76.9);
    assert.equal(decimalOf({ lat: '' }, 'lat'), null);
    assert.ok(Number.isNaN(decimalOf({ lat: '43°15′' }, 'lat')));
  });

  it('reads a partial date with its range and vagueness only where the form has them', () => {
    assert.deepEqual(partialDateOf({ start: ' 2022-01 ', startEnd: '', startVague: 'on' }, 'start'), { value: '2022-01', end: null, vague: true });
    assert.deepEqual(partialDateOf({ date: '2022' }, 'date'), { value: '2022' });
    assert.equal(partialDateOf({ date: '' }, 'date', { optional: true }), null);
    assert.deepEqual(partialDateOf({ date: '' }, 'date'), { value: '' }, 'a required date left blank is for the command to refuse');
  });

  it('makes a source only when it is described, and charges one per line', () => {
    assert.deepEqual(sourcesOf({ sourceKind: 'media', sourceLabel: '  ', sourceReceivedOn: '2022-01-07' }), []);
    assert.deepEqual(sourcesOf({ sourceKind: '', sourceLabel: 'A lawyer', sourceReceivedOn: '' }), [{ kind: 'other', label: 'A lawyer' }]);
    assert.deepEqual(linesOf({ charges: ' art. 272 \r\n\r\nart. 255\n' }, 'charges'), ['art. 272', 'art. 255']);
  });

  it('turns the variants typed into the person’s list of names, transliterations pointing at their new places', () => {
    const input = personInputOf({ name1: '', name2: 'Жанар Ахметова', script2: '', name3: '', name4: 'Zhanar Akhmetova', translitOf4: '2', script4: 'latn' }) as { names: unknown[] };
    assert.deepEqual(input.names, [{ name: 'Жанар Ахметова' }, { name: 'Zhanar Akhmetova', script: 'latn', transliterationOf: 0 }]);
    const blank = personInputOf({ name1: 'Zhanar', translitOf1: '3' }) as { names: Array<{ transliterationOf?: number }> };
    assert.equal(blank.names[0]!.transliterationOf, 0, 'a blank variant is kept as an impossible reference, for the command to refuse');
    assert.equal(personForm.fieldOf!('names.1.transliterationOf', { name1: '', name2: 'A', name4: 'B' }), 'translitOf4');
    assert.equal(personForm.fieldOf!('names', {}), 'name1');
  });

  it('makes one stay from the first place of detention, since the arrest unless said', () => {
    const unknown = detentionInputOf('p', { arrested: '2022-01', stayPlaceId: '_unknown', staySince: '', stayAuthority: '' }) as { stays: unknown[] };
    assert.deepEqual(unknown.stays, [{ placeId: null, since: { value: '2022-01' }, authority: null }]);
    const none = detentionInputOf('p', { arrested: '2022-01-05', stayPlaceId: '' }) as { stays: unknown[] };
    assert.deepEqual(none.stays, []);
    assert.equal((transferInputOf({ placeId: '', version: '2' }) as { placeId: string }).placeId, '', 'no place chosen is not an unknown place');
    assert.ok(Number.isNaN((transferInputOf({ placeId: '_unknown', version: 'two' }) as { version: number }).version));
  });

  it('names the form field a command’s error path is about', () => {
    assert.equal(defaultFieldOf('start.value'), 'start');
    assert.equal(defaultFieldOf('start.end'), 'startEnd');
    assert.equal(defaultFieldOf('sources.0.label'), 'sourceLabel');
    assert.equal(defaultFieldOf('sources.0.receivedOn'), 'sourceReceivedOn');
    assert.equal(defaultFieldOf('placeIds'), 'placeIds');
  });

  it('makes a place id from any name', () => {
    assert.equal(placeIdOf('Жаңаөзен'), 'zhanaozen');
    assert.equal(placeIdOf('ИВС ДП г. Актау'), 'ivs-dp-g-aktau');
    assert.equal(placeIdOf('  Pre-trial detention centre No. 1, Almaty  '), 'pre-trial-detention-centre-no-1-almaty');
    assert.equal(placeIdOf('???'), '');
    assert.ok(placeIdOf('a'.repeat(40) + ' ' + 'b'.repeat(40)).length <= 64);
    assert.doesNotMatch(placeIdOf('a'.repeat(63) + ' b'), /-$/);
  });
});
