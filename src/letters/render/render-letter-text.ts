import type { Block, LetterDocument, Run } from '../letter-document.ts';

const runs = (r: Run[]) => r.map((x) => x.text).join('');

function blocks(list: Block[]): string[] {
  return list.map((b) => {
    if (b.kind === 'paragraph' || b.kind === 'heading') return runs(b.runs);
    if (b.kind === 'numbered') return b.items.map((item, i) => `${b.start + i}. ${runs(item)}`).join('\n');
    return b.items.map((item) => `- ${runs(item)}`).join('\n');
  });
}

/**
 * The letter as plain text, paragraphs separated by blank lines, in the order of the printed letter: for
 * the terminal, for comparing the full and public versions, and for reading a composed letter back.
 */
export function renderLetterText(doc: LetterDocument): string {
  const out: string[] = [];
  if (doc.publicMark) out.push(`[${doc.publicMark}]`);
  out.push(doc.header);
  if (doc.referenceLine) out.push([doc.referenceLine, doc.referenceNote].filter(Boolean).join('\n'));
  out.push(doc.dateLine, doc.salutation, ...blocks(doc.body));
  out.push(...doc.signatures.map((s) => `${s.name}\n${s.role}`));
  if (doc.annex) out.push(doc.annex.title, doc.annex.subtitle, ...blocks(doc.annex.body));
  for (const f of doc.footnotes) out.push(`${f.number} ${runs(f.runs)}`);
  return `${out.join('\n\n')}\n`;
}
