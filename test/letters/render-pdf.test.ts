// The PDF renderer, read back with pdfjs-dist: what a reader (or a screen reader, or a search index) gets out
// of the file must be the letter, word for word, in Latin and Cyrillic, with a footer on every page.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Block, LetterDocument, Run } from '../../src/letters/letter-document.ts';
import { renderLetterPdf } from '../../src/letters/render/render-letter-pdf.ts';
import { extract, squash, type PageText } from '../support/pdf-text.ts';
import {
  SAMPLE_CYRILLIC_NAME,
  frenchSampleLetter,
  referenceSampleLetter,
  spanishSampleLetter,
} from '../support/sample-letter.ts';

const runsText = (runs: Run[]): string => runs.map((r) => r.text).join('');

/** The index of the first page whose text contains `needle`, or -1. */
const pageOf = (pages: PageText[], needle: string): number => pages.findIndex((p) => p.text.includes(needle));

describe('renderLetterPdf — the reference letter', () => {
  const doc = referenceSampleLetter();
  let pdf: Buffer;
  let pages: PageText[];
  let info: Record<string, unknown>;
  let all: string;

  before(async () => {
    let t = performance.now();
    pdf = await renderLetterPdf(doc);
    const cold = performance.now() - t;
    t = performance.now();
    await renderLetterPdf(doc);
    const warm = performance.now() - t;
    ({ pages, info } = await extract(pdf));
    // The footer is drawn last on each page; without it, paragraphs that cross a page read on.
    all = pages.map((p, i) => p.text.replace(` AL KAZ 1/2022 Page ${i + 1} of ${pages.length}`, '')).join(' ');
    console.log(
      `reference letter (${pages.length} pages, ${pdf.length} bytes): first render ${cold.toFixed(0)} ms, next ${warm.toFixed(0)} ms`,
    );
  });

  it('is a PDF of several A4 pages with the title and language in its metadata', () => {
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pages.length >= 2, `${pages.length} pages`);
    assert.equal(info.Title, 'AL KAZ 1/2022');
    assert.equal(info.Language, 'en');
  });

  it('starts with the header, the reference, the date and the salutation, in that order', () => {
    const first = pages[0]!.text;
    const at = [doc.header, 'Ref.: AL KAZ 1/2022', '(Please use this reference in your reply)', '18 January 2022', 'Excellency,'].map(
      (s) => first.indexOf(s),
    );
    assert.ok(at.every((i) => i >= 0), `found at ${at.join(', ')}`);
    assert.deepEqual([...at].sort((a, b) => a - b), at);
  });

  it('prints every paragraph of the body and annex word for word', () => {
    const blocks: Block[] = [...doc.body, ...(doc.annex?.body ?? [])];
    for (const block of blocks) {
      const texts = block.kind === 'heading' || block.kind === 'paragraph' ? [runsText(block.runs)] : block.items.map(runsText);
      for (const t of texts) assert.ok(all.includes(squash(t)), `missing: ${t.slice(0, 80)}…`);
    }
  });

  it('sets bold runs in the bold face', () => {
    const bold = pages[0]!.items.filter((i) => i.font.endsWith('NotoSerif-Bold')).map((i) => i.str).join(' ');
    assert.match(squash(bold), /excessive and lethal use of force against protesters/);
    const regular = pages[0]!.items.filter((i) => i.font.endsWith('NotoSerif-Regular')).map((i) => i.str).join(' ');
    assert.doesNotMatch(regular, /lethal use of force/);
  });

  it('numbers every question and prints its text after its number', () => {
    const list = doc.body.find((b) => b.kind === 'numbered');
    assert.ok(list && list.kind === 'numbered');
    assert.equal(list.items.length, 8);
    list.items.forEach((item, i) => {
      assert.ok(all.includes(`${list.start + i}. ${squash(runsText(item))}`), `question ${list.start + i}`);
    });
  });

  it('prints each signature with its name and title on one page', () => {
    for (const sig of doc.signatures) {
      const name = pageOf(pages, sig.name);
      assert.ok(name >= 0, sig.name);
      assert.ok(pages[name]!.text.includes(`${sig.name} ${sig.role}`), `${sig.name} is apart from "${sig.role}"`);
    }
  });

  it('starts the annex on a new page', () => {
    const annex = pages.findIndex((p) => p.text.startsWith('Annex Reference to international human rights law'));
    assert.ok(annex > 0, 'no page starts with the annex title');
    const last = doc.signatures[doc.signatures.length - 1]!;
    assert.ok(pageOf(pages, last.role) < annex);
  });

  it('round-trips the Cyrillic name exactly', () => {
    assert.ok(all.includes(SAMPLE_CYRILLIC_NAME));
    assert.ok(all.includes(`Mr. ${SAMPLE_CYRILLIC_NAME} (Zhanbulatov Kairat)`));
  });

  it('puts the footnote at the bottom of the page where its marker falls', () => {
    const marker = pageOf(pages, 'whereabouts of disappeared persons.1');
    assert.ok(marker >= 0, 'marker not found');
    const note = pageOf(pages, 'Guiding principles for the search for disappeared persons:');
    assert.equal(note, marker);
    assert.ok(pages[note]!.text.includes('https://www.ohchr.org/EN/HRBodies/CED/Pages/Guiding-Principles.aspx'));
  });

  it('writes the reference and "Page n of N" on every page', () => {
    pages.forEach((p, i) => {
      assert.ok(p.text.includes(`Page ${i + 1} of ${pages.length}`), `page ${i + 1}`);
      assert.ok(p.text.includes('AL KAZ 1/2022'), `reference on page ${i + 1}`);
    });
    assert.ok(!all.includes('Public version'));
  });

  it('gives the same bytes for the same letter', async () => {
    assert.ok((await renderLetterPdf(doc)).equals(pdf));
    const dated = await renderLetterPdf(doc, { creationDate: new Date('2022-01-18T09:00:00Z') });
    assert.ok(!dated.equals(pdf));
    assert.ok(dated.equals(await renderLetterPdf(doc, { creationDate: new Date('2022-01-18T09:00:00Z') })));
  });
});

describe('renderLetterPdf — other languages and versions', () => {
  it('prints a French letter with its accents, its footnote and French page labels', async () => {
    const doc = frenchSampleLetter();
    const { pages, info } = await extract(await renderLetterPdf(doc));
    const all = pages.map((p) => p.text).join(' ');
    assert.equal(info.Language, 'fr');
    for (const s of ['Réf. : AL KAZ 2/2022', 'Veuillez agréer, Excellence, l’assurance de notre haute considération.', 'À cet égard', 'Éléments de fait reçus', 'Où se trouvent-ils aujourd’hui ?', 'Présidente-Rapporteuse', 'Annexe']) {
      assert.ok(all.includes(s), s);
    }
    assert.ok(all.includes(`M. ${SAMPLE_CYRILLIC_NAME}, syndicaliste à Jañaözen`));
    assert.ok(all.includes('Les informations reçues ont été communiquées avec le consentement de la famille.'));
    pages.forEach((p, i) => assert.ok(p.text.includes(`Page ${i + 1} sur ${pages.length}`)));
  });

  it('prints a Spanish public version with ñ, inverted marks and the public mark on every page', async () => {
    const doc = spanishSampleLetter();
    const { pages, info } = await extract(await renderLetterPdf(doc));
    const all = pages.map((p) => p.text).join(' ');
    assert.equal(info.Language, 'es');
    for (const s of ['Begoña Muñoz Ibáñez', '¿Dónde se encuentra? ¡Su familia no ha recibido ninguna información!', 'Excelencia:', 'Sírvase proporcionar']) {
      assert.ok(all.includes(s), s);
    }
    pages.forEach((p, i) => {
      assert.ok(p.text.includes('Versión pública'), `mark on page ${i + 1}`);
      assert.ok(p.text.includes(`Página ${i + 1} de ${pages.length}`));
    });
    assert.ok(!all.includes('Annex'));
  });

  it('prints the document\'s own public mark', async () => {
    const doc: LetterDocument = { ...frenchSampleLetter(), publicVersion: true, publicMark: 'Version publique (noms retenus)' };
    const { pages } = await extract(await renderLetterPdf(doc));
    pages.forEach((p) => assert.ok(p.text.includes('Version publique (noms retenus)')));
  });

  it('marks a public version without its own mark, and titles a draft "Draft"', async () => {
    const doc: LetterDocument = {
      ...referenceSampleLetter({ publicVersion: true }),
      publicMark: null,
      reference: null,
      referenceLine: null,
      referenceNote: null,
    };
    const { pages, info } = await extract(await renderLetterPdf(doc));
    assert.equal(info.Title, 'Draft');
    pages.forEach((p, i) => {
      assert.ok(p.text.includes('Public version'), `mark on page ${i + 1}`);
      assert.ok(p.text.includes(`Draft Page ${i + 1} of ${pages.length}`), `footer on page ${i + 1}`);
    });
    assert.ok(!pages[0]!.text.includes('Ref.:'));
  });

  it('keeps hostile or odd text drawable: control characters, long words, markers without notes', async () => {
    const doc: LetterDocument = {
      ...spanishSampleLetter(),
      body: [
        { kind: 'paragraph', runs: [{ text: 'a\u0000b\u0007c <script>alert(1)</script> ' + 'x'.repeat(400), footnote: 9 }] },
        { kind: 'bullets', items: [[{ text: 'línea\nsegunda' }]] },
      ],
      footnotes: [{ number: 2, runs: [{ text: 'Nota sin marcador.' }] }],
    };
    const { pages } = await extract(await renderLetterPdf(doc));
    const all = pages.map((p) => p.text).join(' ');
    assert.ok(all.includes('abc <script>alert(1)</script>'));
    assert.ok(all.includes('Nota sin marcador.'), 'a note without a marker is still printed');
  });
});
