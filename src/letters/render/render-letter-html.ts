/**
 * The HTML of a letter: a standalone HTML5 document with semantic markup (header, headings, ol/ul for lists,
 * the footnotes as a section of notes with links both ways) and a print stylesheet for A4. It draws the same
 * LetterDocument as the PDF, so the two never disagree on content. Every piece of text is escaped; the
 * stylesheet is served separately ({@link LETTER_CSS}) because the site's CSP forbids inline styles.
 */
import { readFileSync } from 'node:fs';
import type { Block, LetterDocument, Run } from '../letter-document.ts';
import { publicMarkOf, renderLabels } from './render-labels.ts';
import { escapeHtml } from '../../web/escape-markup.ts';

/** The letter stylesheet (screen and print), to serve at the `stylesheetHref` given to the renderer. */
export const LETTER_CSS: string = readFileSync(new URL('./letter.css', import.meta.url), 'utf8');

/** Options of {@link renderLetterHtml}. */
export interface RenderHtmlOptions {
  /** Where the page links {@link LETTER_CSS} from, e.g. "/assets/letter.css"; no link when left out. */
  stylesheetHref?: string;
}

/** Keeps a language tag to the characters BCP 47 allows; anything else becomes "und". */
function safeLang(tag: string): string {
  return /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : 'und';
}

/** Renders the note markers' ids: the first reference to a note is its back-link target. */
class NoteRefs {
  private readonly seen = new Map<number, number>();
  constructor(private readonly known: Set<number>) {}

  marker(n: number): string {
    const count = (this.seen.get(n) ?? 0) + 1;
    this.seen.set(n, count);
    const id = count === 1 ? `fnref-${n}` : `fnref-${n}-${count}`;
    const label = escapeHtml(String(n));
    if (!this.known.has(n)) return `<sup class="letter-footnote-ref">${label}</sup>`;
    return `<sup class="letter-footnote-ref"><a href="#fn-${n}" id="${id}" role="doc-noteref">${label}</a></sup>`;
  }

  referenced(n: number): boolean {
    return this.seen.has(n);
  }
}

/** Renders runs as inline HTML: strong for bold, em for italic, a marker after a run with a footnote. */
function runsHtml(runs: Run[], notes: NoteRefs): string {
  return runs
    .map((run) => {
      let html = escapeHtml(run.text).replace(/\n/g, '<br>');
      if (run.italic) html = `<em>${html}</em>`;
      if (run.bold) html = `<strong>${html}</strong>`;
      if (run.footnote !== undefined) html += notes.marker(run.footnote);
      return html;
    })
    .join('');
}

/** Renders blocks; headings take the level given (h2 in the body, h3 in the annex). */
function blocksHtml(blocks: Block[], notes: NoteRefs, headingLevel: 2 | 3): string {
  return blocks
    .map((block) => {
      switch (block.kind) {
        case 'heading':
          return `<h${headingLevel}>${runsHtml(block.runs, notes)}</h${headingLevel}>`;
        case 'paragraph':
          return `<p>${runsHtml(block.runs, notes)}</p>`;
        case 'numbered': {
          const start = Number.isInteger(block.start) ? block.start : 1;
          const items = block.items.map((item) => `<li>${runsHtml(item, notes)}</li>`).join('\n');
          return `<ol start="${start}">\n${items}\n</ol>`;
        }
        case 'bullets':
          return `<ul>\n${block.items.map((item) => `<li>${runsHtml(item, notes)}</li>`).join('\n')}\n</ul>`;
      }
      return '';
    })
    .join('\n');
}

/**
 * Renders a letter as a complete HTML5 document in the letter's language.
 *
 * @example reply.type('text/html').send(renderLetterHtml(doc, { stylesheetHref: '/assets/letter.css' }));
 */
export function renderLetterHtml(doc: LetterDocument, options: RenderHtmlOptions = {}): string {
  const labels = renderLabels(doc.language);
  const lang = safeLang(doc.language);
  const notes = new NoteRefs(new Set(doc.footnotes.map((f) => f.number)));
  const reference = doc.reference ?? labels.draft;
  const mark = publicMarkOf(doc);

  const header = [
    mark ? `<p class="letter-public-mark">${escapeHtml(mark)}</p>` : '',
    `<p class="letter-mandates">${escapeHtml(doc.header)}</p>`,
    doc.referenceLine ? `<p class="letter-reference">${escapeHtml(doc.referenceLine)}</p>` : '',
    doc.referenceNote ? `<p class="letter-reference-note">${escapeHtml(doc.referenceNote)}</p>` : '',
    `<p class="letter-date">${escapeHtml(doc.dateLine)}</p>`,
  ].filter(Boolean);

  const body = blocksHtml(doc.body, notes, 2);
  const signatures = doc.signatures
    .map(
      (s) =>
        `<div class="letter-signature"><p class="letter-signature-name">${escapeHtml(s.name)}</p>` +
        `<p class="letter-signature-role">${escapeHtml(s.role)}</p></div>`,
    )
    .join('\n');
  const annex = doc.annex
    ? `<section class="letter-annex" aria-labelledby="letter-annex-title">\n` +
      `<h2 class="letter-annex-title" id="letter-annex-title">${escapeHtml(doc.annex.title)}</h2>\n` +
      `<p class="letter-annex-subtitle">${escapeHtml(doc.annex.subtitle)}</p>\n` +
      `${blocksHtml(doc.annex.body, notes, 3)}\n</section>`
    : '';
  // Markers are numbered as rendered above, so the notes come last; each links back to its first marker.
  const footnotes = doc.footnotes.length
    ? `<section class="letter-footnotes" role="doc-endnotes" aria-label="${escapeHtml(labels.footnotes)}">\n<ol>\n` +
      doc.footnotes
        .map((fn) => {
          const n = escapeHtml(String(fn.number));
          const back = notes.referenced(fn.number)
            ? ` <a class="letter-footnote-back" href="#fnref-${n}" role="doc-backlink" aria-label="${escapeHtml(labels.backToText)}">↩</a>`
            : '';
          return `<li id="fn-${n}" value="${n}">${runsHtml(fn.runs, notes)}${back}</li>`;
        })
        .join('\n') +
      '\n</ol>\n</section>'
    : '';

  const stylesheet = options.stylesheetHref
    ? `\n<link rel="stylesheet" href="${escapeHtml(options.stylesheetHref)}">`
    : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(reference)}</title>${stylesheet}
</head>
<body>
<main>
<article class="letter${doc.publicVersion ? ' letter-public' : ''}" aria-label="${escapeHtml(reference)}">
<header class="letter-header">
${header.join('\n')}
</header>
<div class="letter-body">
<p class="letter-salutation">${escapeHtml(doc.salutation)}</p>
${body}
</div>
<section class="letter-signatures">
${signatures}
</section>
${annex}
${footnotes}
<footer class="letter-running-footer"><span class="letter-running-reference">${escapeHtml(reference)}</span></footer>
</article>
</main>
</body>
</html>
`;
}
