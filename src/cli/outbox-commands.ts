import { Command, Option } from 'commander';
import { z } from 'zod';
import { listOutboxMessages, OUTBOX_STATUSES, type OutboxStatus } from '../db/repositories/outbox-repository.ts';
import { AppError } from '../errors.ts';
import { deliverOutbox } from '../notifications/deliver-outbox.ts';
import { mailerFor } from '../notifications/mailer.ts';
import { withContext, type CliEnv } from './cli-env.ts';
import { table } from './output.ts';

const limitSchema = z.coerce.number().int().min(1).max(10_000);

/** `outbox list` and `outbox deliver`: what the notification outbox holds, and a delivery run by hand. */
export function registerOutboxCommands(program: Command, env: CliEnv): void {
  const outbox = program.command('outbox').description('the outbox of e-mail notifications');

  outbox
    .command('list')
    .description('list notifications, newest first (recipients and subjects; never the text)')
    .addOption(new Option('--status <status>', 'only this status').choices([...OUTBOX_STATUSES]))
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'as JSON')
    .action(async (o: { status?: OutboxStatus; limit: string; json?: boolean }) => {
      const limit = limitSchema.safeParse(o.limit);
      if (!limit.success) throw new AppError('VALIDATION_FAILED', '--limit: a whole number from 1 to 10000', { field: 'limit' });
      await withContext(env, async (ctx) => {
        const rows = await listOutboxMessages(ctx.store.db, { ...(o.status ? { status: o.status } : {}), limit: limit.data });
        if (o.json) {
          env.io.out(JSON.stringify(rows.map(({ text: _text, ...row }) => row), null, 2));
          return;
        }
        env.io.out(
          table(
            ['created', 'kind', 'recipient', 'status', 'attempts', 'next attempt', 'subject', 'last error'],
            rows.map((r) => [
              r.createdAt.slice(0, 16),
              r.kind,
              r.recipient,
              r.status,
              String(r.attempts),
              r.status === 'pending' || r.status === 'sending' ? r.nextAttemptAt.slice(0, 16) : '',
              r.subject,
              r.lastError ?? '',
            ]),
          ),
        );
        env.io.out(`${rows.length} notification(s)`);
      });
    });

  outbox
    .command('deliver')
    .description('send what is due now through SMTP_URL (what the server does every minute)')
    .action(async () => {
      const config = env.loadConfig();
      await withContext(env, async (ctx) => {
        const mailer = mailerFor(config);
        if (!mailer) {
          const report = await deliverOutbox(ctx, undefined);
          env.io.err(`SMTP_URL is not set: nothing sent; ${report.pending} notification(s) wait in the outbox`);
          return;
        }
        try {
          const r = await deliverOutbox(ctx, mailer);
          env.io.out(`sent ${r.sent}, to retry ${r.retried}, failed ${r.failed}; pending ${r.pending}`);
        } finally {
          mailer.close();
        }
      });
    });
}
