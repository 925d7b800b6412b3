// Reading letter files: text as UTF-8, PDFs through pdfjs with lines and paragraphs rebuilt from positions, and
// a clear FILE_INVALID for what cannot be read.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import PDFDocument from 'pdfkit';
import { AppError } from '../../src/errors.ts';
import { parseLetter } from '../../src/importers/letter/parse-letter.ts';
import { readLetterFile } from '../../src/importers/letter/read-letter-file.ts';
import { renderLetterPdf } from '../../src/letters/render/render-letter-pdf.ts';
import { referenceSampleLetter } from '../support/sample-letter.ts';
import { loadCitationLibrary } from '../../src/reference/load-citation-library.ts';
import { loadReferenceData } from '../../src/reference/load-reference-data.ts';

const require = createRequire(import.meta.url);
// Noto Serif (from npm) has Cyrillic; pdfkit's built-in fonts do not.
const FONT = require.resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf');
const FIXTURE = new URL('../fixtures/AL-KAZ-1-2022.txt', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'letter-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Draws paragraphs with pdfkit (text flowing over lines, a gap between paragraphs) and returns the bytes. */
function makePdf(paragraphs: string[], options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 72, ...options });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(FONT).fontSize(11);
    for (const p of paragraphs) doc.text(p, { align: 'justify', paragraphGap: 12, lineGap: 2 });
    doc.end();
  });
}

/** Writes a file into the test's directory and returns its path. */
function file(name: string, data: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/** Asserts that reading `path` fails with `code` and a message matching `message`. */
async function rejects(path: string, code: string, message: RegExp): Promise<void> {
  await assert.rejects(readLetterFile(path), (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

const PARAGRAPHS = [
  'Excellency,',
  'We have the honour to address you in our capacities as Special Rapporteur on the rights to freedom of peaceful assembly and of association, pursuant to Human Rights Council resolution 41/12.',
  'According to the information received, Mr. Жанбулатов Қайрат (Zhanbulatov Kairat), a trade unionist from Zhanaozen, was detained on 6 January 2022 and his family has not been able to establish his fate and whereabouts since then, despite repeated requests to the authorities.',
  'Please accept, Excellency, the assurances of our highest consideration.',
];

describe('readLetterFile — PDF', () => {
  it('reads back a PDF made with pdfkit: paragraphs as blocks, lines joined, the Cyrillic name intact', async () => {
    const path = file('letter.pdf', await makePdf(PARAGRAPHS));
    const text = await readLetterFile(path);
    const blocks = text.split(/\n\s*\n/).map((b) => b.replace(/\s*\n\s*/g, ' ').trim());
    assert.deepEqual(blocks, PARAGRAPHS);
    assert.ok(text.includes('Жанбулатов Қайрат'));
  });

  it('reads a PDF whatever its name, by its signature', async () => {
    const path = file('letter-saved-as.txt', await makePdf(PARAGRAPHS.slice(0, 2)));
    assert.match(await readLetterFile(path), /^Excellency,\n\nWe have the honour/);
  });

  it('refuses a corrupt PDF with FILE_INVALID', async () => {
    const good = await makePdf(PARAGRAPHS);
    await rejects(file('corrupt.pdf', Buffer.concat([good.subarray(0, 9), Buffer.from('garbage '.repeat(50))])), 'FILE_INVALID', /corrupt\.pdf is not a valid PDF/);
    await rejects(file('not-a-pdf.pdf', 'Hello, this is text with a .pdf name.'), 'FILE_INVALID', /not a valid PDF/);
  });

  it('refuses an encrypted PDF with FILE_INVALID, saying it is protected by a password', async () => {
    const path = file('encrypted.pdf', await makePdf(PARAGRAPHS, { userPassword: 'secret', ownerPassword: 'owner', pdfVersion: '1.7' }));
    await rejects(path, 'FILE_INVALID', /encrypted\.pdf is an encrypted PDF protected by a password/);
  });

  it('reads the reference letter rendered to PDF so that it parses like its text', async () => {
    const path = file('AL-KAZ-1-2022.pdf', await renderLetterPdf(referenceSampleLetter()));
    const deps = { ref: loadReferenceData(), citations: loadCitationLibrary() };
    const fromPdf = parseLetter(await readLetterFile(path), deps);
    const fromText = parseLetter(readFileSync(FIXTURE, 'utf8'), deps);
    assert.deepEqual(fromPdf.problems, []);
    assert.equal(fromPdf.importable, true);
    assert.ok(fromPdf.removed.pageNumbers > 1, 'the footers "AL KAZ 1/2022 Page n of N" are dropped');
    for (const field of ['reference', 'date', 'mandates', 'signatories', 'questions', 'summary', 'symbols', 'instruments', 'footnotes'] as const) {
      assert.deepEqual(fromPdf[field], fromText[field], field);
    }
    const figures = (p: typeof fromPdf) => p.candidates.flatMap((c) => (c.kind === 'figure' ? [`${c.count} ${c.what} ${c.date?.value}`] : []));
    assert.deepEqual(figures(fromPdf), figures(fromText));
  });
});

describe('readLetterFile — text', () => {
  it('reads .txt and .md as UTF-8', async () => {
    assert.equal(await readLetterFile(file('a.md', '# Letter\n\nExcellency,\n')), '# Letter\n\nExcellency,\n');
    assert.equal(await readLetterFile(FIXTURE.pathname), readFileSync(FIXTURE, 'utf8'));
  });

  it('refuses binary files and invalid UTF-8 with FILE_INVALID', async () => {
    await rejects(file('binary.txt', new Uint8Array([0x41, 0x00, 0x42, 0x00])), 'FILE_INVALID', /binary file/);
    await rejects(file('latin1.txt', new Uint8Array([0x45, 0x78, 0x63, 0xe9, 0x6c, 0x6c, 0x65, 0x6e, 0x63, 0x65])), 'FILE_INVALID', /not valid UTF-8/);
  });

  it('refuses a missing file with FILE_INVALID', async () => {
    await rejects(join(dir, 'nowhere.txt'), 'FILE_INVALID', /no such file/);
  });
});
