// Letters benchmark: reading the reference letter (AL KAZ 1/2022, about 60,000 characters with its annex)
// from its text and from a PDF, composing it again, and rendering it as PDF and HTML. Target of the issue:
// a letter of that size renders in under 1 s.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { letterDraftInput } from '../src/importers/letter/letter-draft-input.ts';
import { parseLetter } from '../src/importers/letter/parse-letter.ts';
import { readLetterFile } from '../src/importers/letter/read-letter-file.ts';
import { composeLetter } from '../src/letters/compose-letter.ts';
import type { LetterDocument } from '../src/letters/letter-document.ts';
import { renderLetterHtml } from '../src/letters/render/render-letter-html.ts';
import { renderLetterPdf } from '../src/letters/render/render-letter-pdf.ts';
import { loadCitationLibrary } from '../src/reference/load-citation-library.ts';
import { loadReferenceData } from '../src/reference/load-reference-data.ts';
import { since, summarise, type Timings } from './stats.ts';

/** What {@link benchLetters} measured, in milliseconds (and the size of the PDF). */
export interface LettersResult {
  parseText: Timings;
  parsePdf: Timings;
  compose: Timings;
  /** The very first PDF rendering in the process (fonts read and parsed, code not yet optimised). */
  pdfColdMs: number;
  renderPdf: Timings;
  renderHtml: Timings;
  pages: number;
  bytes: number;
}

async function times(runs: number, work: () => unknown): Promise<Timings> {
  await work();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    out.push(since(t));
  }
  return summarise(out);
}

/** Parses, composes and renders the reference letter `runs` times each after a warm-up. */
export async function benchLetters(runs = 20): Promise<LettersResult> {
  const deps = { ref: loadReferenceData(), citations: loadCitationLibrary() };
  const text = readFileSync(new URL('../test/fixtures/AL-KAZ-1-2022.txt', import.meta.url), 'utf8');
  const parsed = parseLetter(text, deps);
  const compose = (): LetterDocument =>
    composeLetter(
      { ...letterDraftInput(parsed), type: 'AL', language: 'en', reference: 'AL KAZ 1/2022', date: '2022-01-18', citations: [], confidentialAnnex: '', victims: [] },
      { ref: deps.ref, periods: { letterDays: 60, otherLetterHours: 48 } },
    );
  const doc = compose();
  let t = performance.now();
  const pdf = await renderLetterPdf(doc);
  const pdfColdMs = since(t);
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-bench-'));
  try {
    const file = join(dir, 'AL-KAZ-1-2022.pdf');
    writeFileSync(file, pdf);
    t = performance.now();
    return {
      parseText: await times(runs, () => parseLetter(text, deps)),
      parsePdf: await times(Math.max(3, Math.floor(runs / 4)), async () => parseLetter(await readLetterFile(file), deps)),
      compose: await times(runs, compose),
      pdfColdMs,
      renderPdf: await times(runs, () => renderLetterPdf(doc)),
      renderHtml: await times(runs, () => renderLetterHtml(doc)),
      pages: pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0,
      bytes: pdf.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
