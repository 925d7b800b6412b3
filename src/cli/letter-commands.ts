import { Option, type Command } from 'commander';
import { principalOf, withContext, type CliEnv } from './cli-env.ts';
import { writeNewFile } from './output.ts';
import { approvePublicVersion } from '../commands/approve-public-version.ts';
import { createDraft } from '../commands/create-draft.ts';
import { isPublicVersionApproved } from '../letters/public-version-of.ts';
import { diffPublicVersion, formatDiffForTerminal } from '../letters/public-version-diff.ts';
import { renderLetterHtml } from '../letters/render/render-letter-html.ts';
import { renderLetterPdf } from '../letters/render/render-letter-pdf.ts';
import { renderLetterText } from '../letters/render/render-letter-text.ts';
import { composeCommunicationLetter } from '../queries/compose-communication-letter.ts';
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
  const letter = program.command('letter').description('compose, render and read letters');
  letter
    .command('compose')
    .description('compose the letter of a communication: the full version (to the Government) or the public version')
    .argument('<reference>', 'a reference ("AL KAZ 1/2022") or a draft id')
    .option('--public', 'the public version: withheld names replaced, no confidential annex')
    .addOption(new Option('--format <format>').choices(['text', 'html', 'pdf']).default('text'))
    .option('--out <file>', 'write to a file (required for pdf)')
    .action(async (ref: string, o: { public?: boolean; format: 'text' | 'html' | 'pdf'; out?: string }, cmd: Command) => {
      if (o.format === 'pdf' && !o.out) throw new AppError('VALIDATION_FAILED', '--out: a PDF is written to a file', { field: 'out' });
      await withContext(env, async (ctx) => {
        const { communication, letter: doc } = await composeCommunicationLetter(ctx, principalOf(cmd), ref, o.public ? 'public' : 'full');
        const body =
          o.format === 'pdf'
            ? await renderLetterPdf(doc, { creationDate: new Date(communication.sentAt ?? ctx.clock.now()) })
            : o.format === 'html'
              ? renderLetterHtml(doc)
              : renderLetterText(doc);
        if (o.out) {
          await writeNewFile(o.out, body);
          env.io.err(`${o.public ? 'public' : 'full'} version of ${communication.reference ?? communication.id} written to ${o.out}`);
        } else env.io.out(String(body));
      });
    });
  letter
    .command('public-version')
    .description('compare the full letter with its public version, word by word, and say whether it is approved')
    .argument('<reference>')
    .action(async (ref: string, _o: unknown, cmd: Command) => {
      await withContext(env, async (ctx) => {
        const principal = principalOf(cmd);
        const full = await composeCommunicationLetter(ctx, principal, ref, 'full');
        const pub = await composeCommunicationLetter(ctx, principal, ref, 'public');
        env.io.out(formatDiffForTerminal(diffPublicVersion(renderLetterText(full.letter), renderLetterText(pub.letter))));
        const c = full.communication;
        env.io.out(
          isPublicVersionApproved(c)
            ? `public version approved by ${c.publicVersion?.approvedBy} on ${c.publicVersion?.approvedAt.slice(0, 10)}`
            : c.publicVersion
              ? 'the text changed after its public version was approved: approve it again before publication'
              : 'public version not approved: run `letter approve-public` before publication',
        );
      });
    });
  letter
    .command('approve-public')
    .description('approve the public version as it stands (publication publishes only an approved public version)')
    .argument('<reference>')
    .action(async (ref: string, _o: unknown, cmd: Command) => {
      await withContext(env, async (ctx) => {
        const c = await approvePublicVersion(ctx, principalOf(cmd), ref);
        env.io.out(`${c.reference ?? c.id}  public version approved`);
      });
    });
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
