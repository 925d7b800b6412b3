// Letter rendering benchmark: the reference letter (AL KAZ 1/2022, about 60,000 characters with its annex)
// rendered as PDF and as HTML. Target of the issue: a letter of that size renders in under 1 s.
import { renderLetterHtml } from '../src/letters/render/render-letter-html.ts';
import { renderLetterPdf } from '../src/letters/render/render-letter-pdf.ts';
import { referenceSampleLetter } from '../test/support/sample-letter.ts';
import { since, summarise } from './stats.ts';

/** Figures of {@link benchLetterRender}, in milliseconds, pages and bytes. */
export interface LetterRenderResult {
  /** The very first PDF rendering in the process (fonts read and parsed, code not yet optimised). */
  pdfColdMs: number;
  pdfMedianMs: number;
  pdfP95Ms: number;
  htmlMedianMs: number;
  pages: number;
  bytes: number;
}

/** Counts the pages of a PDF that pdfkit wrote (one "/Type /Page" object per page). */
function countPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
}

/**
 * Renders the reference letter `runs` times as PDF and as HTML after a warm-up, and returns the medians.
 *
 * @example const r = await benchLetterRender(); console.log(`${r.pdfMedianMs.toFixed(0)} ms, ${r.pages} pages`);
 */
export async function benchLetterRender(runs = 20): Promise<LetterRenderResult> {
  const doc = referenceSampleLetter();
  let t = performance.now();
  const first = await renderLetterPdf(doc);
  const pdfColdMs = since(t);
  await renderLetterPdf(doc);
  renderLetterHtml(doc);

  const pdfTimes: number[] = [];
  const htmlTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    await renderLetterPdf(doc);
    pdfTimes.push(since(t));
    t = performance.now();
    renderLetterHtml(doc);
    htmlTimes.push(since(t));
  }
  const pdf = summarise(pdfTimes);
  return {
    pdfColdMs,
    pdfMedianMs: pdf.p50,
    pdfP95Ms: pdf.p95,
    htmlMedianMs: summarise(htmlTimes).p50,
    pages: countPages(first),
    bytes: first.length,
  };
}

// Run directly: `node --import tsx bench/letter-render.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchLetterRender();
  console.log(
    `letter render: PDF first ${r.pdfColdMs.toFixed(0)} ms, median ${r.pdfMedianMs.toFixed(0)} ms, p95 ${r.pdfP95Ms.toFixed(0)} ms; ` +
      `HTML median ${r.htmlMedianMs.toFixed(1)} ms; ${r.pages} pages, ${r.bytes} bytes`,
  );
}
