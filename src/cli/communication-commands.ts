import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Command, Option } from 'commander';
import { genevaDate } from '../domain/geneva-time.ts';
import { AppError } from '../errors.ts';
import { presentStaffCommunication, presentStaffSummary } from '../presenters/communication-presenter.ts';
import { exportCommunications } from '../queries/export-communications.ts';
import { getCommunication } from '../queries/get-communication.ts';
import { listCommunications } from '../queries/list-communications.ts';
import { principalOf, withContext, type CliEnv } from './cli-env.ts';
import { openNewFile, table } from './output.ts';
import { showCommunication } from './show-communication.ts';

function filterOptions(cmd: Command): Command {
  return cmd
    .option('--addressee <code>', 'a State code (KAZ), OTH, or a non-State addressee id')
    .option('--mandate <slug>', 'a signing mandate (e.g. wgad)')
    .option('--year <yyyy>', 'the reference year')
    .addOption(new Option('--type <type>').choices(['AL', 'UA', 'OL']))
    .addOption(new Option('--reply-status <status>').choices(['none', 'replied', 'replied_late']))
    .addOption(new Option('--status <status>', 'drafting status').choices(['draft', 'submitted', 'approved', 'sent', 'withdrawn']))
    .addOption(new Option('--publication <status>').choices(['scheduled', 'held', 'published', 'retracted']))
    .addOption(new Option('--synthetic <bool>').choices(['true', 'false']));
}

/** `communications list|show` and `export`. */
export function registerCommunicationCommands(program: Command, env: CliEnv): void {
  const group = program.command('communications').description('the register of communications');

  filterOptions(group.command('list').description('list communications, newest first'))
    .option('--page <n>', 'page number', '1')
    .option('--limit <n>', 'rows per page (at most 200)', '20')
    .option('--json', 'print JSON')
    .action(async (opts: Record<string, string | boolean>, cmd: Command) => {
      await withContext(env, async (ctx) => {
        const { json, replyStatus, ...rest } = opts;
        const result = await listCommunications(ctx, principalOf(cmd), { ...rest, replyStatus });
        const rows = result.rows.map((r) => presentStaffSummary(r, ctx.ref));
        if (json) {
          env.io.out(JSON.stringify({ total: result.total, page: result.page, limit: result.limit, items: rows }, null, 2));
          return;
        }
        env.io.out(
          table(
            ['REFERENCE', 'TYPE', 'SENT', 'ADDRESSEE', 'MANDATES', 'STATUS', 'REPLY', 'PUBLICATION', 'SUBJECT'],
            rows.map((r) => [
              r.reference ?? '(draft)',
              r.displayType,
              r.sentDate ?? '',
              r.addressee.code,
              String(r.mandates.length),
              r.draftingStatus,
              r.replyStatus ?? '',
              r.publicationStatus ?? '',
              (r.synthetic ? '[synthetic] ' : '') + truncate(r.subject, 60),
            ]),
          ),
        );
        env.io.out(`${result.total} communication(s); page ${result.page} of ${Math.max(1, Math.ceil(result.total / result.limit))}`);
      });
    });

  group
    .command('show')
    .description('show one communication by reference ("AL KAZ 1/2022" or AL-KAZ-1-2022) or id')
    .argument('<reference>')
    .option('--json', 'print JSON')
    .action(async (reference: string, opts: { json?: boolean }, cmd: Command) => {
      await withContext(env, async (ctx) => {
        const c = await getCommunication(ctx, principalOf(cmd), reference);
        const view = presentStaffCommunication(c, ctx.ref, genevaDate(ctx.clock.now()));
        env.io.out(opts.json ? JSON.stringify(view, null, 2) : showCommunication(view));
      });
    });

  filterOptions(program.command('export').description('export the register (staff view) as JSON or CSV'))
    .addOption(new Option('--format <format>').choices(['json', 'csv']).makeOptionMandatory())
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (opts: Record<string, string>, cmd: Command) => {
      await withContext(env, async (ctx) => {
        const { format, out, publication, status, replyStatus, synthetic, addressee, year, ...rest } = opts;
        if (year !== undefined && !/^\d{4}$/.test(year)) throw new AppError('VALIDATION_FAILED', 'year: a year such as 2022', { field: 'year' });
        const target: Writable = out ? await openNewFile(out) : process.stdout;
        const code = addressee?.toUpperCase();
        const n = await exportCommunications(
          ctx,
          principalOf(cmd),
          format as 'json' | 'csv',
          {
            ...rest,
            ...(code && (code.length === 3 ? { addresseeCode: code } : { addresseeId: addressee })),
            ...(year && { year: Number(year) }),
            ...(replyStatus && { replyStatus }),
            ...(status && { draftingStatus: status }),
            ...(publication && { publicationStatus: publication }),
            ...(synthetic && { synthetic: synthetic === 'true' }),
          },
          target,
        );
        if (out) {
          target.end();
          await finished(target);
          env.io.err(`${n} communication(s) written to ${out}`);
        }
      });
    });
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
