import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initials, publicTextParts, redactNames, type Victim } from '../../src/letters/public-version.ts';

const withheld = (name: string, variants: string[] = [], publicForm: Victim['publicForm'] = 'initials'): Victim => ({ name, variants, publishName: false, publicForm });

test('initials keep the script of the name', () => {
  assert.equal(initials('Жанбулатов Қайрат'), 'Ж. Қ.');
  assert.equal(initials('Anna-Maria Ortiz'), 'A.-M. O.');
  assert.equal(initials('  ali   hassan '), 'A. H.');
});

test('every spelling of a withheld name is replaced, whole words only, whatever the case', () => {
  const v = withheld('Қайрат Жанбулатов', ['Kairat Zhanbulatov', 'Zhanbulatov']);
  const text = 'Қайрат Жанбулатов was arrested. Mr. ZHANBULATOV (Kairat Zhanbulatov) and Жанбулатов Қайрат were moved. Zhanbulatova is his sister.';
  assert.equal(redactNames(text, [v], '[name withheld]'), 'Қ. Ж. was arrested. Mr. Қ. Ж. (Қ. Ж.) and Қ. Ж. were moved. Zhanbulatova is his sister.');
});

test('a name that may be published is left alone; a withheld one may become a marker', () => {
  const published: Victim = { name: 'Maria Lopez', variants: [], publishName: true, publicForm: 'initials' };
  const hidden = withheld('Juan Perez', [], 'withheld');
  assert.equal(redactNames('Maria Lopez and Juan Perez', [published, hidden], '[nombre omitido]'), 'Maria Lopez and [nombre omitido]');
});

test('names inside other words are not touched', () => {
  assert.equal(redactNames('Nur-Sultan, Nurlan and Nur', [withheld('Nur', [])], '[name withheld]'), 'Nur-Sultan, Nurlan and N.');
});

test('the public parts redact subject, summary, body, concerns, questions and annex text', () => {
  const v = withheld('Ivan Petrov');
  const parts = publicTextParts(
    { subject: 'Ivan Petrov', summary: 'about Ivan Petrov', body: 'Ivan Petrov', concerns: 'Ivan Petrov', questions: ['Where is Ivan Petrov?'], annexText: 'Ivan Petrov' },
    [v],
    '[name withheld]',
  );
  assert.doesNotMatch(JSON.stringify(parts), /Petrov/);
  assert.deepEqual(parts.questions, ['Where is I. P.?']);
});
