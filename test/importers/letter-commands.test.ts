// `letter parse` and `letter import` as the CLI runs them: JSON on stdout, and an error (exit code 1 in
// `main`) with nothing written when the letter cannot be imported.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Command } from 'commander';
import type { CliEnv } from '../../src/cli/cli-env.ts';
import { AppError } from '../../src/errors.ts';
import { registerLetterCommands } from '../../src/cli/letter-commands.ts';

const FIXTURE = new URL('../fixtures/AL-KAZ-1-2022.txt', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'letter-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `rapporteur <args>` with only the letter commands; what it printed, and the error it ended with. */
async function run(args: string[]): Promise<{ out: string; err: unknown }> {
  const lines: string[] = [];
  const env: CliEnv = {
    io: { out: (s) => lines.push(s), err: (s) => lines.push(s) },
    loadConfig: () => {
      throw new Error('no store is opened by parse, nor by import without --confirm');
    },
  };
  const program = new Command('rapporteur').exitOverride();
  registerLetterCommands(program, env);
  try {
    await program.parseAsync(args, { from: 'user' });
    return { out: lines.join('\n'), err: undefined };
  } catch (err) {
    return { out: lines.join('\n'), err };
  }
}

describe('rapporteur letter parse', () => {
  it('gives the acceptance fields of AL-KAZ-1-2022.txt as JSON', async () => {
    const { out, err } = await run(['letter', 'parse', FIXTURE, '--json']);
    assert.equal(err, undefined);
    const json = JSON.parse(out) as {
      reference: { text: string };
      date: string;
      mandates: Array<{ slug: string; resolution: string }>;
      questions: string[];
      signatories: unknown[];
      symbols: unknown[];
    };
    assert.equal(json.reference.text, 'AL KAZ 1/2022');
    assert.equal(json.date, '2022-01-18');
    assert.equal(json.mandates.length, 8);
    assert.deepEqual(json.mandates.map((m) => m.resolution), ['41/12', '42/22', '45/3', '44/5', '43/4', '43/16', '40/16', '43/20']);
    assert.equal(json.questions.length, 8);
    assert.equal(json.signatories.length, 8);
    assert.equal(json.symbols.length, 29);
  });

  it('prints a report by default', async () => {
    const { out, err } = await run(['letter', 'parse', FIXTURE]);
    assert.equal(err, undefined);
    assert.match(out, /^Letter AL KAZ 1\/2022 — recognised, can be imported as a draft/);
    assert.match(out, /sr-torture\s+43\/20\s+Special Rapporteur on torture/);
  });

  it('ends in an error for a letter with problems, after printing what it recognised', async () => {
    const path = join(dir, 'bad-ref.txt');
    writeFileSync(path, readFileSync(FIXTURE, 'utf8').replace('Ref.: AL KAZ 1/2022', 'Ref.: AL KAZ one/2022'));
    const { out, err } = await run(['letter', 'parse', path]);
    assert.ok(err instanceof AppError);
    assert.equal(err.code, 'VALIDATION_FAILED');
    assert.match(err.message, /REFERENCE_INVALID/);
    assert.match(out, /problem REFERENCE_INVALID/);
  });

  it('ends in an error for a file that is not a letter, and for an unreadable one', async () => {
    const recipe = join(dir, 'recipe.txt');
    writeFileSync(recipe, 'Lagman\n\nCut the lamb and fry it with the onions.');
    const notLetter = await run(['letter', 'parse', recipe]);
    assert.ok(notLetter.err instanceof AppError);
    assert.match(notLetter.err.message, /not a letter/);
    const pdf = join(dir, 'broken.pdf');
    writeFileSync(pdf, '%PDF-1.7\nbroken');
    const broken = await run(['letter', 'parse', pdf]);
    assert.ok(broken.err instanceof AppError);
    assert.equal(broken.err.code, 'FILE_INVALID');
  });
});

describe('rapporteur letter import', () => {
  it('writes nothing without --confirm (the store is not even opened)', async () => {
    const { out, err } = await run(['letter', 'import', FIXTURE]);
    assert.equal(err, undefined);
    assert.match(out, /nothing imported: run again with --confirm/);
  });

  it('refuses a letter with problems even with --confirm', async () => {
    const path = join(dir, 'truncated.txt');
    const text = readFileSync(FIXTURE, 'utf8');
    writeFileSync(path, text.slice(0, text.indexOf('This communication and any response')));
    const { err } = await run(['letter', 'import', path, '--confirm']);
    assert.ok(err instanceof AppError);
    assert.match(err.message, /SIGNATURES_MISSING/);
  });
});

describe('letterDraftInput', () => {
  it('gives a valid draft from the reference letter, and refuses a letter with problems', async () => {
    const { parseLetter } = await import('../../src/importers/letter/parse-letter.ts');
    const { letterDraftInput } = await import('../../src/importers/letter/letter-draft-input.ts');
    const { draftContentSchema } = await import('../../src/commands/create-draft.ts');
    const { loadReferenceData } = await import('../../src/reference/load-reference-data.ts');
    const { loadCitationLibrary } = await import('../../src/reference/load-citation-library.ts');
    const deps = { ref: loadReferenceData(), citations: loadCitationLibrary() };
    const text = readFileSync(FIXTURE, 'utf8');
    const draft = draftContentSchema.parse(letterDraftInput(parseLetter(text, deps)));
    assert.equal(draft.type, 'AL');
    assert.equal(draft.addressee, 'KAZ');
    assert.equal(draft.mandates.length, 8);
    assert.equal(draft.questions.length, 8);
    assert.match(draft.subject, /^Excessive and lethal use of force against protesters/);
    assert.match(draft.body, /^Excessive use of force and emergency measures/);
    assert.throws(() => letterDraftInput(parseLetter(text.replace('Ref.: AL KAZ 1/2022', 'Ref.: AL KAZ one/2022'), deps)), /REFERENCE_INVALID/);
  });
});
