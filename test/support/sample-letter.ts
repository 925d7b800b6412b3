/**
 * Sample letters for the renderers' tests and benchmark, built by hand so that rendering can be worked on
 * before the composer exists. The English sample is the reference letter AL KAZ 1/2022 itself, read from
 * the text fixture (about 60,000 characters with its annex) with one Cyrillic name added; the French and
 * Spanish samples are short letters written in the same form.
 */
import { readFileSync } from 'node:fs';
import type { Block, LetterDocument, Run, Signature } from '../../src/letters/letter-document.ts';

/** Where the reference letter's text lives, found from this file so that the working directory does not matter. */
const FIXTURE = new URL('../fixtures/AL-KAZ-1-2022.txt', import.meta.url);

/** The Cyrillic name that the samples carry (names of victims are often written in Cyrillic). */
export const SAMPLE_CYRILLIC_NAME = 'Жанбулатов Қайрат';

/** A paragraph naming the person in Cyrillic, added to the English sample. */
const CYRILLIC_PARAGRAPH =
  `Among the trade unionists reportedly subjected to enforced disappearance is Mr. ${SAMPLE_CYRILLIC_NAME} ` +
  '(Zhanbulatov Kairat), a member of an independent trade union in Zhanaozen, whose family has been unable to ' +
  'establish his fate and whereabouts since 6 January 2022.';

/** Ends of a sentence or a list entry: a line that ends otherwise was cut by a page break. */
const ENDS_CLAUSE = /[.:;!?][”"’)\]]*$/;

/**
 * Parses markdown-like emphasis of the fixture (`**bold**`, `*italic*`, `[text](#)`, `¹`) into runs.
 *
 * @example parseRuns('the **Annex**¹') // [{text:'the '},{text:'Annex',bold:true,footnote:1}]
 */
export function parseRuns(text: string): Run[] {
  const runs: Run[] = [];
  const pattern = /\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\(#\)|(¹)/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) runs.push({ text: text.slice(last, m.index) });
    if (m[1] !== undefined) runs.push({ text: m[1], bold: true });
    else if (m[2] !== undefined) runs.push({ text: m[2], italic: true });
    else if (m[3] !== undefined) runs.push({ text: m[3] });
    else {
      const prev = runs[runs.length - 1];
      if (prev) prev.footnote = 1;
      else runs.push({ text: '', footnote: 1 });
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last) });
  return runs;
}

/** Joins lines that a page break cut (the next one starts in lower case after an unfinished clause). */
function joinBrokenLines(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && !ENDS_CLAUSE.test(prev) && /^[a-z]/.test(line)) out[out.length - 1] = `${prev} ${line}`;
    else out.push(line);
  }
  return out;
}

/** Turns body lines into blocks: numbered items and bullets are gathered into lists, short lines without a final stop are headings. */
function toBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  for (const line of lines) {
    const numbered = /^(\d+)\.\s+(.*)$/.exec(line);
    const bullet = /^-\s+(.*)$/.exec(line);
    const prev = blocks[blocks.length - 1];
    if (numbered) {
      const runs = parseRuns(numbered[2]!);
      if (prev?.kind === 'numbered') prev.items.push(runs);
      else blocks.push({ kind: 'numbered', start: Number(numbered[1]), items: [runs] });
    } else if (bullet) {
      const runs = parseRuns(bullet[1]!);
      if (prev?.kind === 'bullets') prev.items.push(runs);
      else blocks.push({ kind: 'bullets', items: [runs] });
    } else if (line.length < 120 && !/[.:;,!?][”"’)\]]*$/.test(line)) {
      blocks.push({ kind: 'heading', runs: parseRuns(line) });
    } else {
      blocks.push({ kind: 'paragraph', runs: parseRuns(line) });
    }
  }
  return blocks;
}

/**
 * The reference letter AL KAZ 1/2022 as a LetterDocument: its header, reference, date, the whole body with
 * its headings, emphasis and eight numbered questions, eight signatures, the annex and its footnote, plus a
 * paragraph naming a person in Cyrillic ({@link SAMPLE_CYRILLIC_NAME}).
 *
 * @example const doc = referenceSampleLetter(); doc.body.length > 50
 */
export function referenceSampleLetter(options: { publicVersion?: boolean } = {}): LetterDocument {
  const raw = readFileSync(FIXTURE, 'utf8').split('\n').map((l) => l.trim());
  // The footnote (its text and the URL line under it) sits in the middle of the annex's flow in the extract.
  const noteAt = raw.findIndex((l) => l.startsWith('¹ '));
  const noteText = `${raw[noteAt]!.slice(2)} ${raw[noteAt + 1]!.replace(/^<|>$/g, '')}`;
  const lines = joinBrokenLines(raw.filter((l, i) => l !== '' && i !== noteAt && i !== noteAt + 1));

  const at = (pred: (l: string) => boolean): number => {
    const i = lines.findIndex(pred);
    if (i < 0) throw new Error('the reference letter fixture is not laid out as expected');
    return i;
  };
  const ref = at((l) => l.startsWith('Ref.:'));
  const salutation = at((l) => l === 'Excellency,');
  const closing = at((l) => l.startsWith('Please accept, Excellency'));
  const annex = at((l) => l === 'Annex');

  const body = toBlocks(lines.slice(salutation + 1, closing + 1));
  const received = body.findIndex((b) => b.kind === 'heading');
  const tradeUnions = body.findIndex(
    (b) => b.kind === 'paragraph' && b.runs.some((r) => r.text.includes('leaders of independent trade unions')),
  );
  body.splice(tradeUnions >= 0 ? tradeUnions + 1 : received + 1, 0, { kind: 'paragraph', runs: [{ text: CYRILLIC_PARAGRAPH }] });

  const signatures: Signature[] = [];
  const sigLines = lines.slice(closing + 1, annex);
  for (let i = 0; i + 1 < sigLines.length; i += 2) signatures.push({ name: sigLines[i]!, role: sigLines[i + 1]! });

  return {
    language: 'en',
    reference: lines[ref]!.replace(/^Ref\.:\s*/, ''),
    referenceLine: lines[ref]!,
    referenceNote: lines[ref + 1]!,
    header: lines[0]!,
    dateLine: lines[ref + 2]!,
    salutation: lines[salutation]!,
    body,
    signatures,
    annex: { title: lines[annex]!, subtitle: lines[annex + 1]!, body: toBlocks(lines.slice(annex + 2)) },
    footnotes: [{ number: 1, runs: [{ text: noteText }] }],
    pageLabel: 'Page',
    pageOfLabel: 'of',
    publicVersion: options.publicVersion ?? false,
    publicMark: options.publicVersion ? 'Public version' : null,
  };
}

/**
 * A short letter in French, with accents, the Cyrillic name and a footnote.
 *
 * @example renderLetterPdf(frenchSampleLetter())
 */
export function frenchSampleLetter(): LetterDocument {
  return {
    language: 'fr',
    reference: 'AL KAZ 2/2022',
    referenceLine: 'Réf. : AL KAZ 2/2022',
    referenceNote: '(Veuillez rappeler cette référence dans votre réponse)',
    header:
      'Mandats du Rapporteur spécial sur le droit de réunion pacifique et la liberté d’association ; du Groupe de travail sur la détention arbitraire et du Rapporteur spécial sur la situation des défenseurs des droits de l’homme',
    dateLine: '3 février 2022',
    salutation: 'Excellence,',
    body: [
      {
        kind: 'paragraph',
        runs: [
          { text: 'Nous avons l’honneur de nous adresser à vous en nos qualités de Rapporteur spécial sur le droit de réunion pacifique et la liberté d’association ; Groupe de travail sur la détention arbitraire et Rapporteur spécial sur la situation des défenseurs des droits de l’homme, conformément aux résolutions 41/12, 42/22 et 43/16 du Conseil des droits de l’homme.' },
        ],
      },
      {
        kind: 'paragraph',
        runs: [
          { text: 'À cet égard, nous souhaiterions attirer l’attention du Gouvernement de Votre Excellence sur des informations que nous avons reçues concernant ' },
          { text: 'la détention prolongée de M. ' + SAMPLE_CYRILLIC_NAME + ', syndicaliste à Jañaözen', bold: true },
          { text: ', arrêté le 6 janvier 2022 et dont la famille ignore le sort.', footnote: 1 },
        ],
      },
      { kind: 'heading', runs: [{ text: 'Éléments de fait reçus' }] },
      {
        kind: 'paragraph',
        runs: [
          { text: 'Selon les informations reçues, les forces de l’ordre auraient procédé à des arrestations massives ; ' },
          { text: 'inter alia', italic: true },
          { text: ', des défenseurs des droits de l’homme, des journalistes et des grévistes auraient été privés de liberté sans accès à un avocat. Où se trouvent-ils aujourd’hui ? Leurs proches s’inquiètent légitimement de leur état de santé.' },
        ],
      },
      {
        kind: 'numbered',
        start: 1,
        items: [
          [{ text: 'Veuillez fournir toute information ou tout commentaire complémentaire en relation avec les allégations susmentionnées.' }],
          [{ text: 'Veuillez indiquer le fondement juridique de l’arrestation et de la détention de M. ' + SAMPLE_CYRILLIC_NAME + ', ainsi que le lieu où il se trouve.' }],
          [{ text: 'Veuillez indiquer les mesures prises pour que les défenseurs des droits de l’homme puissent exercer leurs activités légitimes dans un environnement sûr et favorable.' }],
        ],
      },
      { kind: 'paragraph', runs: [{ text: 'Veuillez agréer, Excellence, l’assurance de notre haute considération.' }] },
    ],
    signatures: [
      { name: 'Clément Nyaletsossi Voule', role: 'Rapporteur spécial sur le droit de réunion pacifique et la liberté d’association' },
      { name: 'Elina Steinerte', role: 'Présidente-Rapporteuse du Groupe de travail sur la détention arbitraire' },
      { name: 'Mary Lawlor', role: 'Rapporteuse spéciale sur la situation des défenseurs des droits de l’homme' },
    ],
    annex: {
      title: 'Annexe',
      subtitle: 'Références aux normes internationales relatives aux droits de l’homme',
      body: [
        {
          kind: 'paragraph',
          runs: [{ text: 'En relation avec les faits allégués ci-dessus, nous souhaiterions rappeler au Gouvernement de Votre Excellence les articles 9, 19 et 21 du Pacte international relatif aux droits civils et politiques, auquel le Kazakhstan a adhéré le 24 janvier 2006.' }],
        },
      ],
    },
    footnotes: [{ number: 1, runs: [{ text: 'Les informations reçues ont été communiquées avec le consentement de la famille.' }] }],
    pageLabel: 'Page',
    pageOfLabel: 'sur',
    publicVersion: false,
    publicMark: null,
  };
}

/**
 * A short letter in Spanish, with ñ, accents and inverted punctuation, in its public version.
 *
 * @example renderLetterPdf(spanishSampleLetter())
 */
export function spanishSampleLetter(): LetterDocument {
  return {
    language: 'es',
    reference: 'AL ESP 1/2022',
    referenceLine: 'Ref.: AL ESP 1/2022',
    referenceNote: '(Por favor, utilice esta referencia en su respuesta)',
    header:
      'Mandatos del Relator Especial sobre los derechos a la libertad de reunión pacífica y de asociación y de la Relatora Especial sobre la situación de los defensores de los derechos humanos',
    dateLine: '14 de marzo de 2022',
    salutation: 'Excelencia:',
    body: [
      {
        kind: 'paragraph',
        runs: [
          { text: 'Tenemos el honor de dirigirnos a Usted en nuestra calidad de Relator Especial sobre los derechos a la libertad de reunión pacífica y de asociación y de Relatora Especial sobre la situación de los defensores de los derechos humanos, de conformidad con las resoluciones 41/12 y 43/16 del Consejo de Derechos Humanos.' },
        ],
      },
      {
        kind: 'paragraph',
        runs: [
          { text: 'En este sentido, quisiéramos señalar a la atención urgente del Gobierno de Su Excelencia la información que hemos recibido en relación con ' },
          { text: 'la detención de la señora Begoña Muñoz Ibáñez, defensora de los derechos humanos', bold: true },
          { text: ', durante una manifestación pacífica en La Coruña el año pasado. ¿Dónde se encuentra? ¡Su familia no ha recibido ninguna información!' },
        ],
      },
      {
        kind: 'numbered',
        start: 1,
        items: [
          [{ text: 'Sírvase proporcionar cualquier información o comentario adicional en relación con las alegaciones mencionadas.' }],
          [{ text: 'Sírvase proporcionar información sobre el fundamento jurídico de la detención de la señora Muñoz Ibáñez.' }],
        ],
      },
      { kind: 'paragraph', runs: [{ text: 'Acepte, Excelencia, la expresión de nuestra más distinguida consideración.' }] },
    ],
    signatures: [
      { name: 'Clément Nyaletsossi Voule', role: 'Relator Especial sobre los derechos a la libertad de reunión pacífica y de asociación' },
      { name: 'Mary Lawlor', role: 'Relatora Especial sobre la situación de los defensores de derechos humanos' },
    ],
    annex: null,
    footnotes: [],
    pageLabel: 'Página',
    pageOfLabel: 'de',
    publicVersion: true,
    publicMark: 'Versión pública',
  };
}
