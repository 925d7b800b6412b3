import { Command } from 'commander';
import { correctCommunication } from '../commands/correct-communication.ts';
import { holdPublication } from '../commands/hold-publication.ts';
import { publishCommunication } from '../commands/publish-communication.ts';
import { publishDue } from '../commands/publish-due.ts';
import { releaseHold } from '../commands/release-hold.ts';
import { retractCommunication } from '../commands/retract-communication.ts';
import type { Communication } from '../domain/communication.ts';
import { principalOf, withContext, type CliEnv } from './cli-env.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `hold`, `release`, `publish`, `retract`, `correct` and `publish-due`. */
export function registerPublicationCommands(program: Command, env: CliEnv): void {
  const done = (c: Communication) => env.io.out(`${c.reference}  publication ${c.publicationStatus}`);

  program
    .command('hold')
    .description('hold a scheduled publication (e.g. risk of reprisals); the scheduler never publishes it')
    .argument('<reference>')
    .requiredOption('--reason <text>')
    .option('--until <date>', 'date by which the hold is to be reviewed (YYYY-MM-DD)')
    .action(async (ref: string, o: { reason: string; until?: string }, cmd: Command) => {
      await withContext(env, async (ctx) => done(await holdPublication(ctx, principalOf(cmd), ref, o)));
    });

  program
    .command('release')
    .description('release a hold: the communication is scheduled again')
    .argument('<reference>')
    .requiredOption('--reason <text>')
    .action(async (ref: string, o: { reason: string }, cmd: Command) => {
      await withContext(env, async (ctx) => done(await releaseHold(ctx, principalOf(cmd), ref, o)));
    });

  program
    .command('publish')
    .description('publish now (early, after a hold, or again after a retraction)')
    .argument('<reference>')
    .requiredOption('--reason <text>')
    .action(async (ref: string, o: { reason: string }, cmd: Command) => {
      await withContext(env, async (ctx) => done(await publishCommunication(ctx, principalOf(cmd), ref, o)));
    });

  program
    .command('retract')
    .description('retract a published communication')
    .argument('<reference>')
    .requiredOption('--reason <text>')
    .action(async (ref: string, o: { reason: string }, cmd: Command) => {
      await withContext(env, async (ctx) => done(await retractCommunication(ctx, principalOf(cmd), ref, o)));
    });

  program
    .command('correct')
    .description('correct a published communication; the correction shows in its public history')
    .argument('<reference>')
    .requiredOption('--reason <text>')
    .option('--subject <text>')
    .option('--summary <text>')
    .option('--question <text>', 'the corrected questions, in order (repeat the option)', collect)
    .action(async (ref: string, o: { reason: string; subject?: string; summary?: string; question?: string[] }, cmd: Command) => {
      const input = { reason: o.reason, subject: o.subject, summary: o.summary, questions: o.question };
      await withContext(env, async (ctx) => done(await correctCommunication(ctx, principalOf(cmd), ref, input)));
    });

  program
    .command('publish-due')
    .description('publish every communication whose publication time has come (never a held one)')
    .action(async (_o: unknown, cmd: Command) => {
      await withContext(env, async (ctx) => {
        const refs = await publishDue(ctx, principalOf(cmd));
        env.io.out(refs.length === 0 ? 'nothing due' : `published ${refs.length}: ${refs.join(', ')}`);
      });
    });
}
