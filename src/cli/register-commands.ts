import type { Command } from 'commander';
import { principalOf, withContext, type CliEnv } from './cli-env.ts';
import { confirmFigureCandidates, planFigureCandidates, type PlannedFigure } from '../commands/register/confirm-figure-candidates.ts';
import { resolveCommunicationId } from '../commands/resolve-communication.ts';
import type { FigureInput } from '../domain/register/figure-from-candidate.ts';
import { AppError } from '../errors.ts';
import type { FigureCandidate } from '../importers/letter/extract-fact-candidates.ts';
import { parseLetter } from '../importers/letter/parse-letter.ts';
import { readLetterFile } from '../importers/letter/read-letter-file.ts';
import { loadCitationLibrary } from '../reference/load-citation-library.ts';
import { loadReferenceData } from '../reference/load-reference-data.ts';

/** "1,2,5" or "3-7" (1-based, as listed) → 0-based indices; a number outside 1…count is VALIDATION_FAILED. */
function parseOnly(only: string, count: number): number[] {
  const out: number[] = [];
  for (const part of only.split(',').map((s) => s.trim())) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    const from = m ? Number(m[1]) : NaN;
    const to = m?.[2] ? Number(m[2]) : from;
    if (!m || from < 1 || to < from || to > count) throw new AppError('VALIDATION_FAILED', `--only: "${part}" is not a figure of the list (1 to ${count})`, { field: 'only' });
    for (let n = from; n <= to; n++) out.push(n - 1);
  }
  return out;
}

/** One figure on one line: the letter's words, then what the register records. */
function line(number: number, c: FigureCandidate, input: FigureInput | null): string {
  const words = `${c.qualifier ? `${c.qualifier} ` : ''}${c.text} ${c.what}${c.whose ? `, ${c.whose}` : ''}`;
  if (!input) return `${String(number).padStart(3)}  ${words}`;
  const date = `${input.reported.value}${input.reported.end ? `/${input.reported.end}` : ''}${input.reported.vague ? ' (vague)' : ''}`;
  const record = `${input.qualifier === 'exact' ? '' : `${input.qualifier} `}${input.count} ${input.measure}/${input.population}`;
  return `${String(number).padStart(3)}  ${words} — ${c.reportedBy ?? 'not attributed'} — ${date} — ${input.scopePlaceId}  → ${record}`;
}

function status(f: PlannedFigure): string {
  if (f.problem) return `  [cannot be recorded: ${f.problem}]`;
  return f.existingId ? '  [already in the register]' : '  [to record]';
}

/**
 * `register figures FILE [--communication REF] [--only 1,2,5] [--confirm] [--json]`: the figures a letter
 * states, as the letter importer finds them, and what each would be in the register; with `--confirm` they
 * are recorded (those already recorded from the same letter are not recorded again) and the command says
 * what it recorded and what was already there. Without `--confirm` nothing is written.
 */
export function registerRegisterCommands(program: Command, env: CliEnv): void {
  const register = program.command('register').description('the case register: events, persons, detentions and the figures each source reported');
  register
    .command('figures')
    .description('record the figures a letter states (shown first; written only with --confirm)')
    .argument('<file>', 'the letter: .txt, .md or .pdf')
    .option('--communication <reference>', 'the communication that states them: a reference ("AL KAZ 1/2022") or an id (default: the letter’s own reference)')
    .option('--only <numbers>', 'only these figures, by their number in the list: 1,2,5 or 3-7')
    .option('--confirm', 'record them (without it nothing is written)')
    .option('--json', 'print JSON')
    .action(async (file: string, o: { communication?: string; only?: string; confirm?: boolean; json?: boolean }, cmd: Command) => {
      const parsed = parseLetter(await readLetterFile(file), { ref: loadReferenceData(), citations: loadCitationLibrary() });
      const candidates = parsed.candidates.filter((c): c is FigureCandidate => c.kind === 'figure');
      const which = o.communication ?? parsed.reference?.text;
      if (!which) throw new AppError('VALIDATION_FAILED', '--communication: the letter has no reference; name the communication that states the figures', { field: 'communication' });
      const confirm = o.only === undefined ? undefined : parseOnly(o.only, candidates.length);
      await withContext(env, async (ctx) => {
        const principal = principalOf(cmd);
        const input = {
          communicationId: await resolveCommunicationId(ctx, which),
          candidates,
          ...(confirm ? { confirm } : {}),
          ...(parsed.date ? { letterDate: parsed.date } : {}),
        };
        if (!o.confirm) {
          const plan = await planFigureCandidates(ctx, principal, input);
          const toRecord = plan.figures.filter((f) => f.existingId === null && f.problem === null).length;
          if (o.json) {
            env.io.out(JSON.stringify({ communication: plan.communication, figures: plan.figures.map((f) => ({ number: f.index + 1, figure: f.input, problem: f.problem, existingId: f.existingId })) }, null, 2));
          } else {
            env.io.out(`Figures stated in ${plan.communication.label}: ${plan.figures.length} of ${candidates.length}`);
            for (const f of plan.figures) env.io.out(line(f.index + 1, f.candidate, f.input) + status(f));
          }
          // Beside JSON, on stderr, so that stdout stays one JSON document.
          (o.json ? env.io.err : env.io.out)(`nothing recorded: run again with --confirm to record ${toRecord} figure(s)`);
          return;
        }
        const done = await confirmFigureCandidates(ctx, principal, input);
        if (o.json) {
          env.io.out(
            JSON.stringify({ communication: done.communication, recorded: done.recorded.map((r) => ({ number: r.index + 1, id: r.id })), already: done.already.map((r) => ({ number: r.index + 1, id: r.id })) }, null, 2),
          );
          return;
        }
        for (const r of done.recorded) env.io.out(`recorded ${line(r.index + 1, candidates[r.index]!, r.input)}  ${r.id}`);
        for (const r of done.already) env.io.out(`already  ${line(r.index + 1, candidates[r.index]!, null)}  ${r.id}`);
        env.io.out(`${done.recorded.length} figure(s) recorded, ${done.already.length} already in the register (${done.communication.label})`);
      });
    });
}
