import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { composeLetter, type LetterParts } from '../../src/letters/compose-letter.ts';
import type { Block, LetterDocument, Run } from '../../src/letters/letter-document.ts';
import { LETTER_LANGUAGES, letterText, letterTextKeys } from '../../src/letters/letter-boilerplate.ts';
import { loadReferenceData } from '../../src/reference/load-reference-data.ts';

const ref = loadReferenceData();
const ctx = { ref, periods: { letterDays: 60, otherLetterHours: 48 } };
const fixture = readFileSync(new URL('../fixtures/AL-KAZ-1-2022.txt', import.meta.url), 'utf8');
const fixtureParagraphs = fixture.split(/\n\s*\n/).map((p) => p.trim());
const demo = JSON.parse(readFileSync(new URL('../../data/demo/al-kaz-1-2022.json', import.meta.url), 'utf8')) as {
  reference: string;
  mandates: string[];
  summary: string;
  subject: string;
  body: string;
  questions: string[];
};

const runsText = (runs: Run[]) => runs.map((r) => r.text).join('');
const blockTexts = (blocks: Block[]) =>
  blocks.flatMap((b) => (b.kind === 'paragraph' || b.kind === 'heading' ? [runsText(b.runs)] : b.items.map(runsText)));
const allText = (d: LetterDocument) =>
  [d.header, d.referenceLine, d.dateLine, d.salutation, ...blockTexts(d.body), ...d.signatures.flatMap((s) => [s.name, s.role]), ...blockTexts(d.annex?.body ?? [])].join('\n');

function parts(overrides: Partial<LetterParts> = {}): LetterParts {
  return {
    type: 'AL',
    language: 'en',
    reference: demo.reference,
    date: '2022-01-18',
    mandates: demo.mandates,
    subject: demo.subject,
    summary: demo.summary,
    body: demo.body,
    concerns: 'While we do not wish to prejudge the accuracy of these allegations, we are gravely concerned.',
    questions: demo.questions,
    annexText: '',
    citations: [],
    confidentialAnnex: '',
    pressRelease: true,
    victims: [],
    ...overrides,
  };
}

test('the reference letter composes with the header, opening and signatures the real letter prints', () => {
  const doc = composeLetter(parts(), ctx);
  assert.equal(doc.header, fixtureParagraphs.find((p) => p.startsWith('Mandates of')));
  assert.equal(runsText((doc.body[0] as { runs: Run[] }).runs), fixtureParagraphs.find((p) => p.startsWith('We have the honour')));
  assert.equal(doc.referenceLine, 'Ref.: AL KAZ 1/2022');
  assert.equal(doc.referenceNote, '(Please use this reference in your reply)');
  assert.equal(doc.dateLine, '18 January 2022');
  assert.equal(doc.salutation, 'Excellency,');
  const signatureBlock = fixture.slice(fixture.indexOf('Clément Nyasletsossi Voule'), fixture.indexOf('\nAnnex')).replace(/\s+/g, ' ').trim();
  assert.equal(doc.signatures.map((s) => `${s.name} ${s.role}`).join(' '), signatureBlock);
  for (const closing of [
    'This communication and any response received from your Excellency\'s Government will be made public via the communications reporting',
    'While awaiting a reply, we urge that all necessary interim measures be taken to halt the alleged violations',
    'We may publicly express our concerns in the near future',
    'Please accept, Excellency, the assurances of our highest consideration.',
  ]) {
    assert.ok(allText(doc).includes(closing), closing);
  }
  const numbered = doc.body.find((b) => b.kind === 'numbered');
  assert.equal(numbered?.kind === 'numbered' && numbered.items.length, 8);
  assert.equal(doc.annex, null, 'no annex without annex text or citations');
});

test('one mandate speaks in the singular', () => {
  const doc = composeLetter(parts({ mandates: ['sr-torture'], pressRelease: false }), ctx);
  assert.equal(doc.header, 'Mandate of the Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment');
  assert.equal(
    runsText((doc.body[0] as { runs: Run[] }).runs),
    'I have the honour to address you in my capacity as Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment, pursuant to Human Rights Council resolution 43/20.',
  );
  assert.match(allText(doc), /Please accept, Excellency, the assurances of my highest consideration\./);
  assert.doesNotMatch(allText(doc), /We may publicly express/);
  assert.deepEqual(doc.signatures, [{ name: 'Nils Melzer', role: 'Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment' }]);
});

test('an other letter is published after 48 hours and asks for no interim measures', () => {
  const doc = composeLetter(parts({ type: 'OL', reference: 'OL KAZ 2/2022' }), { ...ctx, periods: { letterDays: 60, otherLetterHours: 48 } });
  const all = allText(doc);
  assert.match(all, /made public via the communications reporting website after 48 hours/);
  assert.doesNotMatch(all, /interim measures/);
  assert.doesNotMatch(all, /According to the information received/);
});

test('a draft has no reference line', () => {
  const doc = composeLetter(parts({ reference: null }), ctx);
  assert.equal(doc.referenceLine, null);
  assert.equal(doc.reference, null);
});

test('French and Spanish letters use their own boilerplate and dates', () => {
  const fr = composeLetter(parts({ language: 'fr' }), ctx);
  assert.equal(fr.salutation, 'Excellence,');
  assert.equal(fr.dateLine, '18 janvier 2022');
  assert.match(runsText((fr.body[0] as { runs: Run[] }).runs), /^Nous avons l'honneur de nous adresser à vous en nos qualités de .*, conformément aux résolutions 41\/12, 42\/22, 45\/3, 44\/5, 43\/4, 43\/16, 40\/16 et 43\/20 du Conseil des droits de l'homme\.$/);
  const es = composeLetter(parts({ language: 'es', mandates: ['wgad'] }), ctx);
  assert.equal(es.salutation, 'Excelencia:');
  assert.equal(es.dateLine, '18 de enero de 2022');
  assert.match(allText(es), /Acepte, Excelencia, la expresión de mi más distinguida consideración\./);
});

test('the annex is composed from the chosen citations and free text', () => {
  const doc = composeLetter(
    parts({
      annexText: 'We would first like to recall article 20 (1) of the Universal Declaration of Human Rights.',
      citations: [
        { pin: 'Article 9', title: 'International Covenant on Civil and Political Rights', symbol: null, statement: 'No one may be arbitrarily arrested or detained.' },
        { pin: null, title: 'Minnesota Protocol on the Investigation of Potentially Unlawful Death', symbol: null, statement: 'It sets standards for investigating deaths.' },
      ],
    }),
    ctx,
  );
  assert.equal(doc.annex?.title, 'Annex');
  assert.equal(doc.annex?.subtitle, 'Reference to international human rights law');
  const annex = blockTexts(doc.annex!.body);
  assert.ok(annex.includes('Article 9 of the International Covenant on Civil and Political Rights: No one may be arbitrarily arrested or detained.'));
  assert.ok(annex.includes('The Minnesota Protocol on the Investigation of Potentially Unlawful Death: It sets standards for investigating deaths.'));
  assert.match(allText(doc), /please refer to the Annex on Reference to international human rights law attached/);
});

test('the public version withholds names everywhere and leaves the confidential annex out', () => {
  const p = parts({
    body: 'On 5 January, Қайрат Жанбулатов, a trade unionist, was detained. Maria Lopez, a journalist, was injured.',
    questions: ['Please provide information on the whereabouts of Mr. Жанбулатов.'],
    confidentialAnnex: 'Contact of the family: SENTINEL-CONFIDENTIAL',
    victims: [
      { name: 'Қайрат Жанбулатов', variants: ['Жанбулатов'], publishName: false, publicForm: 'initials' },
      { name: 'Maria Lopez', variants: [], publishName: true, publicForm: 'initials' },
    ],
  });
  const full = allText(composeLetter(p, ctx, 'full'));
  const pub = composeLetter(p, ctx, 'public');
  assert.match(full, /Қайрат Жанбулатов/);
  assert.match(full, /SENTINEL-CONFIDENTIAL/);
  assert.doesNotMatch(allText(pub), /Жанбулатов|SENTINEL-CONFIDENTIAL/);
  assert.match(allText(pub), /Қ\. Ж\., a trade unionist/);
  assert.match(allText(pub), /Maria Lopez/);
  assert.equal(pub.publicMark, 'Public version');
});

test('every boilerplate message exists in English, French and Spanish', () => {
  const en = letterTextKeys('en');
  for (const lang of LETTER_LANGUAGES) {
    assert.deepEqual(letterTextKeys(lang), en, lang);
    const t = letterText(lang);
    for (const key of en) assert.ok(t(key, { count: 2, list: 'x', title: 't', titles: 't', resolutions: 'r', days: 60, hours: 48, reference: 'R', pin: 'p', symbol: '', statement: 's' }).length > 0);
  }
});
