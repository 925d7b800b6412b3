// The letter importer on the reference letter AL KAZ 1/2022 (text extracted from its PDF), field by field, and
// on bad input: what is recognised, what is not, and whether the letter may be imported.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseLetter, type ParsedLetter } from '../../src/importers/letter/parse-letter.ts';
import { matchMandateTitle } from '../../src/importers/letter/match-mandate-title.ts';
import { normalizeLetterText } from '../../src/importers/letter/normalize-letter-text.ts';
import { loadCitationLibrary } from '../../src/reference/load-citation-library.ts';
import { loadReferenceData } from '../../src/reference/load-reference-data.ts';

const LETTER = readFileSync(new URL('../fixtures/AL-KAZ-1-2022.txt', import.meta.url), 'utf8');
const deps = { ref: loadReferenceData(), citations: loadCitationLibrary() };
const parse = (text: string): ParsedLetter => parseLetter(text, deps);
const codes = (p: ParsedLetter): string[] => p.problems.map((x) => x.code);

/** The eight questions as the letter asks them, written out by hand from the letter. */
const QUESTIONS = [
  'Please provide any additional information and/or comment(s) you may have on the above-mentioned allegations, including on the allegations of the use of indiscriminate force against protesters and the circumstances of the killing and injury of protesters.',
  'Please provide the details, and where available, the results, of any investigation and judicial or other inquiry undertaken in relation to the above allegations of unlawful deaths, torture, enforced disappearance and arbitrary detention reported in the context of the protests, including violations against journalists, human rights defenders and civil society activists. Please explain whether they were conducted in compliance with international standards, particularly the Minnesota Protocol on the Investigation of Potentially Unlawful Death.',
  'In this regard, please outline the steps taken with the aim of clarifying the fate and whereabouts of disappeared persons. Please also provide information on the measures taken to guarantee that relatives of persons deprived of their liberty, their representative or their counsel, have access to information on their loved ones and to ensure that the latter are authorized to communicate with and be visited by their family, counsel or any other person of their choice.',
  'Please provide information on the legal bases of the above-mentioned arrests and detentions, whether any charges have been brought against the individuals detained, keeping in mind international human rights standards. Please further provide the full list and details of all those arrested at the recent protests, including their whereabouts and, in the event of a transfer between detention facilities, the destination and the authority responsible for the transfer. Please also include information on elements relating to the state of health of these persons deprived of liberty.',
  'Please provide information on the steps taken to investigate the allegations of harassment against and the deaths of journalists, as well as information on any necessary protection measures.',
  'Please indicate what measures were taken to ensure that any use of force by security forces during the above-mentioned protests would only be used against specific individuals to address an imminent threat of death, or serious injury, keeping in mind international human rights standards and the need to avoid unnecessary harm. Please provide further information on any investigations that have taken place or are planned into these allegations.',
  // Split by a page break after "are" in the extraction.
  'Please indicate what measures have been taken to ensure that human rights defenders, journalists, civil society and other media workers are able to carry out their legitimate work in a safe and enabling environment without fear of threats or acts of intimidation, harassment, and prosecution of any sort.',
  "Please provide information in details of how your Excellency's Government's counter-terrorism efforts comply with the United Nations Security Council resolutions 1373 (2001), 1456(2003), 1566 (2004), 1624 (2005), 2178 (2014), 2341 (2017), 2354 (2017), 2368 (2017), 2370 (2017), 2395 (2017) and 2396 (2017); as well as Human Rights Council resolution 35/34 and General Assembly resolutions 49/60, 51/210, 72/123, 72/180 and 73/174 in particular with international human rights law, refugee law, and humanitarian law contained therein.",
];

describe('parseLetter on AL KAZ 1/2022', () => {
  const letter = parse(LETTER);

  it('recognises the letter and finds nothing in the way of importing it', () => {
    assert.equal(letter.recognised, true);
    assert.deepEqual(letter.problems, []);
    assert.deepEqual(letter.warnings, []);
    assert.equal(letter.importable, true);
  });

  it('reads the reference', () => {
    assert.deepEqual(letter.reference, { type: 'AL', code: 'KAZ', number: 1, year: 2022, text: 'AL KAZ 1/2022' });
  });

  it('reads the date', () => {
    assert.equal(letter.date, '2022-01-18');
  });

  it('finds the 8 signing mandates in order, as titled in the header', () => {
    assert.deepEqual(
      letter.mandates.map((m) => m.slug),
      ['sr-assembly', 'wgad', 'wgeid', 'sr-executions', 'sr-expression', 'sr-defenders', 'sr-terrorism', 'sr-torture'],
    );
    assert.equal(letter.mandates[0]!.title, 'Special Rapporteur on the rights to freedom of peaceful assembly and of association');
    assert.equal(letter.mandates[7]!.title, 'Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment');
  });

  it('pairs each mandate with the resolution the opening paragraph cites for it', () => {
    assert.deepEqual(
      letter.mandates.map((m) => `${m.slug} ${m.resolution}`),
      ['sr-assembly 41/12', 'wgad 42/22', 'wgeid 45/3', 'sr-executions 44/5', 'sr-expression 43/4', 'sr-defenders 43/16', 'sr-terrorism 40/16', 'sr-torture 43/20'],
    );
  });

  it('gives the 8 questions whole, without their numbers, question 7 joined across its page break', () => {
    assert.equal(letter.questions.length, 8);
    letter.questions.forEach((q, i) => assert.equal(q, QUESTIONS[i], `question ${i + 1}`));
  });

  it('reads the 8 signatories with their roles as printed, wrapped lines joined', () => {
    assert.deepEqual(letter.signatories, [
      { name: 'Clément Nyasletsossi Voule', role: 'Special Rapporteur on the rights to freedom of peaceful assembly and of association', mandate: 'sr-assembly' },
      { name: 'Elina Steinerte', role: 'Chair-Rapporteur of the Working Group on Arbitrary Detention', mandate: 'wgad' },
      { name: 'Luciano Hazan', role: 'Chair-Rapporteur of the Working Group on Enforced or Involuntary Disappearances', mandate: 'wgeid' },
      { name: 'Morris Tidball-Binz', role: 'Special Rapporteur on extrajudicial, summary or arbitrary executions', mandate: 'sr-executions' },
      { name: 'Irene Khan', role: 'Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression', mandate: 'sr-expression' },
      { name: 'Mary Lawlor', role: 'Special Rapporteur on the situation of human rights defenders', mandate: 'sr-defenders' },
      {
        name: 'Fionnuala Ní Aoláin',
        role: 'Special Rapporteur on the promotion and protection of human rights and fundamental freedoms while countering terrorism',
        mandate: 'sr-terrorism',
      },
      { name: 'Nils Melzer', role: 'Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment', mandate: 'sr-torture' },
    ]);
  });

  it('finds the 29 document symbols the letter writes out, with their pinpoints', () => {
    assert.equal(letter.symbols.length, 29);
    const bySymbol = new Map(letter.symbols.map((s) => [s.symbol, s]));
    assert.deepEqual(bySymbol.get('A/HRC/41/41')?.pinpoints, ['para. 11', 'para. 12']);
    assert.deepEqual(bySymbol.get('A/HRC/RES/12/16')?.pinpoints, ['para. 5(p)(i)']);
    assert.deepEqual(bySymbol.get('A/HRC/47/24')?.pinpoints, ['para. 20', 'para. 22', 'para. 51', 'para. 55']);
    assert.ok(letter.symbols.every((s) => s.inLibrary), 'every symbol of the reference letter is in the citation library');
  });

  it('resolves the resolutions cited by number to their symbols', () => {
    const symbols = letter.resolutions.map((r) => r.symbol);
    for (const s of ['A/HRC/RES/41/12', 'A/HRC/RES/43/20', 'S/RES/1373 (2001)', 'S/RES/1456 (2003)', 'S/RES/2396 (2017)', 'A/HRC/RES/35/34', 'A/RES/49/60', 'A/RES/73/174', 'A/HRC/RES/16/23', 'A/HRC/RES/15/21']) {
      assert.ok(symbols.includes(s), s);
    }
    assert.deepEqual(letter.resolutions.find((r) => r.symbol === 'A/HRC/RES/16/23')?.pinpoints, ['para. 7(b)']);
  });

  it('finds the instruments cited by name, with the provisions cited', () => {
    const byId = new Map(letter.instruments.map((i) => [i.id, i]));
    const provisions = (id: string) => [...(byId.get(id)?.provisions ?? [])].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    assert.deepEqual(provisions('udhr'), ['art. 5', 'art. 11', 'art. 20(1)']);
    assert.ok(byId.has('iccpr'));
    for (const art of ['art. 6', 'art. 7', 'art. 9', 'art. 14', 'art. 19', 'art. 19(3)', 'art. 21', 'art. 22(2)']) assert.ok(provisions('iccpr').includes(art), art);
    assert.deepEqual(provisions('cat'), ['art. 2', 'art. 7', 'art. 12', 'art. 13', 'art. 16']);
    assert.ok(provisions('decl-enforced-disappearance').includes('art. 17'));
    assert.ok(provisions('decl-hrd').includes('art. 1') && provisions('decl-hrd').includes('art. 12'));
    assert.deepEqual(provisions('bpuff'), ['principle 4', 'principle 9']);
    assert.ok(byId.has('minnesota-protocol'));
    assert.equal(byId.get('minnesota-protocol')?.foundBy, 'name');
    assert.equal(byId.get('udhr')?.symbol, 'A/RES/217(III)');
    // "Articles 272 and 255 of the Criminal Code" are no instrument's.
    assert.ok(!letter.instruments.some((i) => i.provisions.includes('art. 272')));
  });

  it('gives the sections, non-empty and in the order of the letter', () => {
    const order = ['opening', 'introduction', 'informationReceived', 'concerns', 'annexPointer', 'questionsIntro', 'closing', 'annex'] as const;
    const plain = normalizeLetterText(LETTER).text;
    let last = -1;
    for (const name of order) {
      const text = letter.sections[name];
      assert.ok(text.length > 0, `${name} is empty`);
      const at = plain.indexOf(text.slice(0, 60));
      assert.ok(at > last, `${name} comes after the previous section`);
      last = at;
    }
    assert.match(letter.sections.opening, /^We have the honour to address you/);
    assert.match(letter.sections.informationReceived, /^Excessive use of force and emergency measures/);
    assert.match(letter.sections.concerns, /^While we do not wish to prejudge/);
    assert.match(letter.sections.closing, /the assurances of our highest consideration\.$/);
    assert.match(letter.sections.annex, /^Annex\n\nReference to international human rights law/);
  });

  it('takes the bold run of the introduction as the summary', () => {
    assert.match(letter.summary ?? '', /^excessive and lethal use of force against protesters .* human rights defenders and journalists\.$/);
  });

  it('collects the footnote with its link, out of the body', () => {
    assert.deepEqual(letter.footnotes, [
      {
        marker: '1',
        text: 'Guiding principles for the search for disappeared persons: https://www.ohchr.org/EN/HRBodies/CED/Pages/Guiding-Principles.aspx',
        links: ['https://www.ohchr.org/EN/HRBodies/CED/Pages/Guiding-Principles.aspx'],
      },
    ]);
    assert.ok(!letter.sections.annex.includes('Guiding principles'));
    assert.match(letter.sections.annex, /international human rights standards and international standards for the policing/);
  });
});

describe('parseLetter on an extraction with running headers and page numbers', () => {
  // At each page break of the fixture (a blank line inside a sentence), insert what other extractions carry:
  // a page number and the reference repeated at the top of the next page.
  let page = 1;
  const variant = LETTER.replace(/([^.:;!?\n”"])\n\n(?=[\p{Ll}])/gu, (_m, last: string) => {
    page++;
    const number = page % 2 === 0 ? String(page) : `Page ${page} of 20`;
    return `${last}\n\n${number}\n\nAL KAZ 1/2022\n\n`;
  });

  it('the variant really has them', () => {
    assert.ok(page >= 10, `${page - 1} page breaks`);
    assert.ok(variant.includes('are\n\n'));
  });

  it('parses to the same questions, signatories and symbols, and reports what it dropped', () => {
    const letter = parse(variant);
    assert.deepEqual(letter.questions, QUESTIONS);
    assert.deepEqual(letter.problems, []);
    assert.equal(letter.signatories.length, 8);
    assert.equal(letter.symbols.length, 29);
    assert.equal(letter.removed.pageNumbers, page - 1);
    assert.equal(letter.removed.runningHeaders, page - 1);
    assert.ok(!letter.questions.some((q) => /AL KAZ|Page \d/.test(q)));
    assert.deepEqual(letter.sections.informationReceived, parse(LETTER).sections.informationReceived);
  });
});

describe('parseLetter on bad input', () => {
  it('an empty file: not recognised', () => {
    const letter = parse(' \n\n ');
    assert.equal(letter.recognised, false);
    assert.equal(letter.importable, false);
    assert.deepEqual(codes(letter), ['LETTER_EMPTY']);
  });

  it('a text that is not a letter: not recognised, and says what it looked for', () => {
    const recipe = 'Lagman\n\nIngredients: 500 g of noodles, 300 g of lamb, 2 onions, 3 tomatoes.\n\nCut the lamb into pieces and fry it with the onions. Add the tomatoes and simmer for 40 minutes.\n\nServe hot over the noodles.';
    const letter = parse(recipe);
    assert.equal(letter.recognised, false);
    assert.equal(letter.importable, false);
    assert.deepEqual(codes(letter), ['NOT_A_LETTER']);
    assert.match(letter.problems[0]!.message, /Mandates of/);
    assert.equal(letter.reference, null);
    assert.deepEqual(letter.questions, []);
  });

  it('a letter truncated after the questions: recognised, questions read, but no closing nor signatures', () => {
    const cut = LETTER.slice(0, LETTER.indexOf('This communication and any response'));
    const letter = parse(cut);
    assert.equal(letter.recognised, true);
    assert.equal(letter.importable, false);
    assert.deepEqual(letter.questions, QUESTIONS);
    assert.deepEqual(codes(letter).sort(), ['SECTION_MISSING', 'SIGNATURES_MISSING']);
    assert.equal(letter.problems.find((p) => p.code === 'SECTION_MISSING')?.where, 'closing');
    assert.deepEqual(letter.signatories, []);
    assert.equal(letter.reference?.text, 'AL KAZ 1/2022');
  });

  it('a header with an unknown mandate title: recognised, the title reported, not importable', () => {
    const unknown = 'the Special Rapporteur on the rights of left-handed persons';
    const text = LETTER.replace('the Special Rapporteur on the situation of human rights defenders;', `${unknown};`);
    assert.notEqual(text, LETTER);
    const letter = parse(text);
    assert.equal(letter.recognised, true);
    assert.equal(letter.importable, false);
    assert.deepEqual(codes(letter), ['MANDATE_UNKNOWN']);
    assert.match(letter.problems[0]!.message, /Special Rapporteur on the rights of left-handed persons/);
    assert.equal(letter.problems[0]!.where, 'header, mandate 6');
    assert.deepEqual(letter.mandates[5], { slug: null, title: 'Special Rapporteur on the rights of left-handed persons', resolution: '43/16' });
    assert.equal(letter.mandates.filter((m) => m.slug !== null).length, 7);
    assert.ok(letter.warnings.some((w) => w.code === 'MANDATE_LISTS_DIFFER'));
  });

  it('an invalid reference: the rest is read, the reference is reported', () => {
    const letter = parse(LETTER.replace('Ref.: AL KAZ 1/2022', 'Ref.: AL KAZ one/2022'));
    assert.equal(letter.recognised, true);
    assert.equal(letter.importable, false);
    assert.equal(letter.reference, null);
    assert.deepEqual(codes(letter), ['REFERENCE_INVALID']);
    assert.match(letter.problems[0]!.message, /"AL KAZ one\/2022" is not a reference/);
    assert.equal(letter.date, '2022-01-18');
    assert.equal(letter.mandates.length, 8);
  });

  it('no date: reported', () => {
    const letter = parse(LETTER.replace('\n18 January 2022\n', '\n'));
    assert.deepEqual(codes(letter), ['DATE_MISSING']);
  });
});

describe('matchMandateTitle', () => {
  const ref = deps.ref;
  it('is tolerant of capitalisation, "the", "and/or" and plurals', () => {
    assert.equal(matchMandateTitle(ref, 'Special Rapporteur on Torture and Other Cruel, Inhuman and Degrading Treatment or Punishment')?.slug, 'sr-torture');
    assert.equal(matchMandateTitle(ref, 'the Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment')?.slug, 'sr-torture');
    assert.equal(matchMandateTitle(ref, 'Special Rapporteur on the right to freedom of peaceful assembly and of association')?.slug, 'sr-assembly');
    assert.equal(matchMandateTitle(ref, 'WORKING GROUP ON ARBITRARY DETENTION')?.slug, 'wgad');
    assert.equal(matchMandateTitle(ref, 'Special Rapporteur on the promotion & protection of human rights and fundamental freedoms while countering terrorism')?.slug, 'sr-terrorism');
  });

  it('matches the French titles stored', () => {
    assert.equal(matchMandateTitle(ref, 'Rapporteur spécial sur la torture et autres peines ou traitements cruels, inhumains ou dégradants')?.slug, 'sr-torture');
  });

  it('does not confuse a mandate with another of the same kind, nor a Working Group with a Special Rapporteur', () => {
    assert.equal(matchMandateTitle(ref, 'Special Rapporteur on the situation of human rights in Cambodia'), undefined);
    assert.equal(matchMandateTitle(ref, 'Special Rapporteur on Arbitrary Detention'), undefined);
    assert.equal(matchMandateTitle(ref, 'Special Rapporteur on the right to education'), undefined);
  });
});
