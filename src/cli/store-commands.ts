import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { createCheckpoint } from '../commands/audit-checkpoint.ts';
import { verifyAudit, type AuditReport, type GivenCheckpoint } from '../commands/verify-audit.ts';
import { createContext } from '../context.ts';
import { openStore, redactUrl, storeOptionsFor } from '../db/connect.ts';
import { backupStore } from '../db/backup/backup-store.ts';
import { copyStore } from '../db/backup/copy-store.ts';
import { restoreStore } from '../db/backup/restore-store.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { formatCheckpoint, parseCheckpoint } from '../domain/audit-checkpoint.ts';
import { AppError } from '../errors.ts';
import { startServer } from '../server.ts';
import { withContext, type CliEnv } from './cli-env.ts';
import { writeNewFile } from './output.ts';

function printReport(env: CliEnv, report: AuditReport): void {
  for (const c of report.checkpoints) {
    const signer = { installation: "this installation's key", other: `key ${c.keyId}, not this installation's: checked with the public key in the file`, invalid: 'a signature that does not hold' }[c.signer];
    env.io.err(`  checkpoint ${c.label}: entry ${c.seq} at ${c.at}, signed with ${signer}`);
  }
  if (report.ok) {
    const against = report.checkpoints.length > 0 ? `, agrees with ${report.checkpoints.length} checkpoint(s)` : '';
    env.io.out(`audit chain verified: ${report.entries} entries, ${report.records} records${against}, head ${report.lastHash.slice(0, 16)}…`);
    return;
  }
  for (const p of report.problems.slice(0, 50)) env.io.err(`  ${p.problem}: ${p.message}`);
  if (report.problems.length > 50) env.io.err(`  … and ${report.problems.length - 50} more`);
  throw new AppError('AUDIT_CHAIN_BROKEN', `audit verification failed: ${report.problems.length} problem(s)`);
}

/** Reads the checkpoint files given to `audit verify`; a missing or malformed file is FILE_INVALID. */
function readCheckpoints(files: readonly string[]): GivenCheckpoint[] {
  return files.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new AppError('FILE_INVALID', `${file}: cannot read the checkpoint (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file });
    }
    return { checkpoint: parseCheckpoint(text, file), label: file };
  });
}

/** `serve`, `migrate`, `demo`, `backup`, `restore`, `copy-store`, `audit verify` and `audit checkpoint`. */
export function registerStoreCommands(program: Command, env: CliEnv): void {
  program
    .command('serve')
    .description('serve the web application (embedded SQLite with demo data unless DATABASE_URL is set)')
    .option('--port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
    .option('--demo', 'load the demo data even on PostgreSQL')
    .action(async (o: { port?: string; host?: string; demo?: boolean }) => {
      const config = env.loadConfig();
      const port = o.port === undefined ? config.port : Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('VALIDATION_FAILED', `--port: "${o.port}" is not a port number`);
      await startServer({ ...config, port, host: o.host ?? config.host }, { demo: o.demo === true, io: env.io });
    });

  program
    .command('migrate')
    .description('bring the store schema up to date')
    .action(async () => {
      const config = env.loadConfig();
      const store = openStore(storeOptionsFor(config.databaseUrl, config.varDir));
      try {
        const applied = await migrateToLatest(store);
        env.io.out(applied.length === 0 ? `schema up to date (${store.location})` : `applied ${applied.join(', ')} (${store.location})`);
      } finally {
        await store.close();
      }
    });

  program
    .command('demo')
    .description('load the demo data (the reference letter and synthetic communications) into an empty store')
    .option('--count <n>', 'number of synthetic communications', '60')
    .action(async (o: { count: string }) => {
      await withContext(env, async (ctx) => {
        const result = await loadDemo(ctx, { syntheticCount: Number(o.count) });
        env.io.out(result.loaded ? `demo loaded: ${result.communications} communications` : `demo not loaded: ${result.reason}`);
      });
    });

  program
    .command('backup')
    .description('write a consistent backup of the store to FILE (SQLite online backup, or pg_dump custom format)')
    .argument('<file>')
    .action(async (file: string) => {
      await withContext(env, async (ctx) => {
        const result = await backupStore(ctx.store, file);
        env.io.out(`backup written: ${result.file} (${result.bytes} bytes)`);
        const check = await createContext(env.loadConfig(), { store: ctx.store.dialect === 'sqlite' ? { kind: 'sqlite', file: result.file, readonly: true } : ctx.store.options, migrate: false });
        try {
          printReport(env, await verifyAudit(check));
        } finally {
          await check.store.close();
        }
      });
    });

  program
    .command('restore')
    .description('restore a backup into the store (refused if the store holds communications, unless --force)')
    .argument('<file>')
    .option('--force', 'replace a store that already holds communications')
    .action(async (file: string, o: { force?: boolean }) => {
      const config = env.loadConfig();
      const target = storeOptionsFor(config.databaseUrl, config.varDir);
      const result = await restoreStore(target, file, { force: o.force === true });
      env.io.out(`restored into ${result.target}`);
      await withContext(env, async (ctx) => printReport(env, await verifyAudit(ctx)));
    });

  program
    .command('copy-store')
    .description('copy this installation (embedded SQLite) into an empty PostgreSQL database')
    .requiredOption('--to <url>', 'postgres://user@host:port/database')
    .action(async (o: { to: string }) => {
      if (!/^postgres(ql)?:\/\//.test(o.to)) throw new AppError('VALIDATION_FAILED', '--to: a PostgreSQL URL such as postgres://user@host/db');
      await withContext(env, async (ctx) => {
        const target = await createContext(env.loadConfig(), { store: { kind: 'postgres', url: o.to }, migrate: false });
        try {
          const result = await copyStore(ctx.store, target.store, (p) => {
            if (p.copied === p.total) env.io.err(`  ${p.table}: ${p.total}`);
          });
          const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
          env.io.out(`copied ${total} rows to ${redactUrl(o.to)}`);
          printReport(env, await verifyAudit(target));
        } finally {
          await target.store.close();
        }
      });
    });

  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('walk the hash chain, check every record against its last audited state, and compare the chain with signed checkpoints')
    .option('--checkpoint <file>', 'a checkpoint written by `audit checkpoint` (repeatable)', (file: string, files: string[]) => [...files, file], [] as string[])
    .action(async (o: { checkpoint: string[] }) => {
      const checkpoints = readCheckpoints(o.checkpoint);
      await withContext(env, async (ctx) => printReport(env, await verifyAudit(ctx, { checkpoints })));
    });
  audit
    .command('checkpoint')
    .description("verify the chain, then sign its head with this installation's key; keep the checkpoint outside the database")
    .option('--out <file>', 'write the checkpoint to a new file (default: standard output)')
    .action(async (o: { out?: string }) => {
      await withContext(env, async (ctx) => {
        const report = await verifyAudit(ctx);
        // The checkpoint itself may go to standard output, so the verification speaks on standard error.
        if (!report.ok) printReport(env, report);
        env.io.err(`audit chain verified: ${report.entries} entries, ${report.records} records`);
        const text = formatCheckpoint(await createCheckpoint(ctx, report));
        if (o.out === undefined) {
          env.io.out(text.trimEnd());
          return;
        }
        await writeNewFile(o.out, text);
        env.io.err(`checkpoint written: ${o.out} (entry ${report.lastSeq}, key ${ctx.keys.auditSigning.keyId})`);
      });
    });
}
