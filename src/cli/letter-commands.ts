import type { Command } from 'commander';
import { principalOf, withContext, type CliEnv } from './cli-env.ts';
import { createDraft } from '../commands/create-draft.ts';
import { AppError } from '../errors.ts';
import { loadCitationLibrary } from '../reference/load-citation-library.ts';
import { loadReferenceData } from '../reference/load-reference-data.ts';
import { formatLetterReport } from '../importers/letter/format-letter-report.ts';
import { letterDraftInput } from '../importers/letter/letter-draft-input.ts';
import { parseLetter, type ParsedLetter } from '../importers/letter/parse-letter.ts';
import { readLetterFile } from '../importers/letter/read-letter-file.ts';

async function parseFile(file: string): Promise<ParsedLetter> {
  return parseLetter(await readLetterFile(file), { ref: loadReferenceData(), citations: loadCitationLibrary() });
}

/** Prints the parse (JSON or the report) and fails, exit code 1, when the letter is not importable. */
function show(env: CliEnv, parsed: ParsedLetter, json: boolean | undefined): void {
  env.io.out(json ? JSON.stringify(parsed, null, 2) : formatLetterReport(parsed));
  if (!parsed.importable) {
    const what = parsed.recognised ? `${parsed.problems.length} problem(s): ${parsed.problems.map((p) => p.code).join(', ')}` : 'the file is not a letter';
    throw new AppError('VALIDATION_FAILED', `letter not importable — ${what}`, { problems: parsed.problems });
  }
}

/**
 * `letter parse FILE [--json]` (what a letter's text or PDF holds, exit code 1 when it cannot be imported) and
 * `letter import FILE [--subject TEXT] [--confirm]` (creates the draft only with `--confirm`, and only from a
 * letter without problems; without `--confirm` it shows what would be imported and writes nothing).
 */
export function registerLetterCommands(program: Command, env: CliEnv): void {
  const letter = program.command('letter').description('read letters (text or PDF) into the register');
  letter
    .command('parse')
    .description('read a letter and show what was and was not recognised')
    .argument('<file>', 'the letter: .txt, .md or .pdf')
    .option('--json', 'print the whole result as JSON')
    .action(async (file: string, o: { json?: boolean }) => {
      show(env, await parseFile(file), o.json);
    });
  letter
    .command('import')
    .description('import a letter as a draft for staff to confirm')
    .argument('<file>', 'the letter: .txt, .md or .pdf')
    .option('--subject <text>', 'the subject of the draft (default: the first sentence of the summary)')
    .option('--confirm', 'create the draft (without it nothing is written)')
    .option('--json', 'print JSON')
    .action(async (file: string, o: { subject?: string; confirm?: boolean; json?: boolean }, cmd: Command) => {
      const parsed = await parseFile(file);
      const input = parsed.importable ? letterDraftInput(parsed, o.subject) : undefined;
      if (!o.confirm || !input) {
        show(env, parsed, o.json);
        env.io.out('nothing imported: run again with --confirm to create the draft');
        return;
      }
      await withContext(env, async (ctx) => {
        const c = await createDraft(ctx, principalOf(cmd), input);
        env.io.out(o.json ? JSON.stringify({ id: c.id, status: c.draftingStatus, from: parsed.reference?.text }) : `draft ${c.id} created from ${parsed.reference?.text} — to confirm`);
      });
    });
}
