import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { createDraft } from '../commands/create-draft.ts';
import { decideDraft } from '../commands/decide-draft.ts';
import { editDraft } from '../commands/edit-draft.ts';
import { linkFollowUp } from '../commands/link-follow-up.ts';
import { recordReply } from '../commands/record-reply.ts';
import { sendCommunication } from '../commands/send-communication.ts';
import { submitDraft } from '../commands/submit-draft.ts';
import { withdrawDraft } from '../commands/withdraw-draft.ts';
import type { Communication } from '../domain/communication.ts';
import { AppError } from '../errors.ts';
import { principalOf, withContext, type CliEnv } from './cli-env.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function readText(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new AppError('FILE_INVALID', `cannot read ${file}`, { file });
  }
}

function contentOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--type <type>').choices(['AL', 'UA', 'OL']))
    .option('--addressee <code>', "a State's alpha-3 code (KAZ) or a non-State addressee id")
    .option('--mandate <slug>', 'a signing mandate, in signing order (repeat the option)', collect)
    .addOption(new Option('--language <lang>').choices(['en', 'fr', 'es']))
    .option('--subject <text>')
    .option('--summary <text>')
    .option('--body-file <file>', 'the information received, from a text file')
    .option('--question <text>', 'a numbered question, in order (repeat the option)', collect);
}

function contentInput(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: o.type,
    addressee: o.addressee,
    mandates: o.mandate,
    language: o.language,
    subject: o.subject,
    summary: o.summary,
    body: readText(o.bodyFile as string | undefined),
    questions: o.question,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

function report(env: CliEnv, c: Communication, json: boolean | undefined): void {
  if (json) env.io.out(JSON.stringify({ id: c.id, reference: c.reference, status: c.draftingStatus, version: c.version }));
  else env.io.out(`${c.reference ?? c.id}  ${c.draftingStatus}`);
}

/** `draft …`, `send`, `reply` and `follow-up`: the drafting and sending workflow. */
export function registerDraftCommands(program: Command, env: CliEnv): void {
  const draft = program.command('draft').description('create and route drafts for signature');

  contentOptions(draft.command('create').description('create a draft'))
    .option('--follows <reference>', 'an earlier communication this one follows up (repeatable)', collect)
    .option('--json', 'print JSON')
    .action(async (o: Record<string, unknown>, cmd: Command) => {
      await withContext(env, async (ctx) => {
        const c = await createDraft(ctx, principalOf(cmd), { ...contentInput(o), follows: o.follows ?? [] });
        report(env, c, o.json as boolean);
      });
    });

  contentOptions(draft.command('edit').description('edit a draft (resets the decisions if it was out for signature)').argument('<id>'))
    .option('--json', 'print JSON')
    .action(async (id: string, o: Record<string, unknown>, cmd: Command) => {
      await withContext(env, async (ctx) => report(env, await editDraft(ctx, principalOf(cmd), id, contentInput(o)), o.json as boolean));
    });

  draft
    .command('submit')
    .description('submit a draft for signature by its mandates')
    .argument('<id>')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      await withContext(env, async (ctx) => report(env, await submitDraft(ctx, principalOf(cmd), id), false));
    });

  draft
    .command('decide')
    .description("record a signing mandate's decision on the current text")
    .argument('<id>')
    .requiredOption('--mandate <slug>')
    .addOption(new Option('--decision <decision>').choices(['approved', 'changes_requested', 'declined']).makeOptionMandatory())
    .requiredOption('--holder <name>', 'the mandate holder deciding (must be in office)')
    .option('--note <text>')
    .action(async (id: string, o: Record<string, string>, cmd: Command) => {
      await withContext(env, async (ctx) =>
        report(env, await decideDraft(ctx, principalOf(cmd), id, { mandate: o.mandate, decision: o.decision, holder: o.holder, note: o.note }), false),
      );
    });

  draft
    .command('withdraw')
    .description('withdraw a draft that will not be sent')
    .argument('<id>')
    .requiredOption('--reason <text>')
    .action(async (id: string, o: { reason: string }, cmd: Command) => {
      await withContext(env, async (ctx) => report(env, await withdrawDraft(ctx, principalOf(cmd), id, { reason: o.reason }), false));
    });

  program
    .command('send')
    .description('send an approved draft: allocates its reference')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }, cmd: Command) => {
      await withContext(env, async (ctx) => report(env, await sendCommunication(ctx, principalOf(cmd), id), o.json));
    });

  program
    .command('reply')
    .description('record a reply received under a reference')
    .argument('<reference>')
    .requiredOption('--received-on <date>', 'YYYY-MM-DD')
    .addOption(new Option('--kind <kind>').choices(['substantive', 'partial', 'acknowledgment']).makeOptionMandatory())
    .option('--language <code>', 'language of the reply', 'en')
    .option('--summary <text>', 'a summary of the reply', '')
    .action(async (ref: string, o: Record<string, string>, cmd: Command) => {
      await withContext(env, async (ctx) => {
        const c = await recordReply(ctx, principalOf(cmd), ref, { receivedOn: o.receivedOn, kind: o.kind, language: o.language, summary: o.summary });
        env.io.out(`${c.reference}  reply recorded; reply status ${c.replyStatus}`);
      });
    });

  program
    .command('follow-up')
    .description('link a communication to an earlier one it follows up')
    .argument('<reference>')
    .requiredOption('--follows <reference>')
    .action(async (ref: string, o: { follows: string }, cmd: Command) => {
      await withContext(env, async (ctx) => report(env, await linkFollowUp(ctx, principalOf(cmd), ref, o.follows), false));
    });
}
