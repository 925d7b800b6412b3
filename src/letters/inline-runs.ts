import type { Block, Run } from './letter-document.ts';

/**
 * Reads the light markup staff (and the importer) use in letter text: `**bold**` and `*italic*` (or
 * `_italic_`). Anything else is literal text; an unclosed marker is kept as written.
 *
 * @example parseRuns('the **Annex** attached') // [{text:'the '},{text:'Annex',bold:true},{text:' attached'}]
 */
export function parseRuns(text: string): Run[] {
  const runs: Run[] = [];
  const pattern = /\*\*([^*]+?)\*\*|\*([^*\s][^*]*?)\*|_([^_\s][^_]*?)_/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) runs.push({ text: text.slice(last, m.index) });
    if (m[1] !== undefined) runs.push({ text: m[1], bold: true });
    else runs.push({ text: m[2] ?? m[3] ?? '', italic: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last) });
  return runs.filter((r) => r.text.length > 0);
}

/**
 * Splits free text into blocks: paragraphs separated by blank lines; consecutive lines starting with "- " or
 * "• " make a bulleted list; lines starting with "1. ", "2. " … a numbered list.
 */
export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.split(/\n\s*\n/).map((c) => c.trim()).filter(Boolean)) {
    const lines = chunk.split('\n').map((l) => l.trim());
    if (lines.every((l) => /^[-•]\s+/.test(l))) {
      blocks.push({ kind: 'bullets', items: lines.map((l) => parseRuns(l.replace(/^[-•]\s+/, ''))) });
    } else if (lines.every((l) => /^\d+\.\s+/.test(l))) {
      blocks.push({ kind: 'numbered', start: Number(/^(\d+)/.exec(lines[0]!)![1]), items: lines.map((l) => parseRuns(l.replace(/^\d+\.\s+/, ''))) });
    } else {
      blocks.push({ kind: 'paragraph', runs: parseRuns(lines.join(' ')) });
    }
  }
  return blocks;
}
