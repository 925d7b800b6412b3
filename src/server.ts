import pino from 'pino';
import type { CliIO } from './cli/output.ts';
import { publishDue } from './commands/publish-due.ts';
import { remindOverdueReplies } from './commands/remind-overdue-replies.ts';
import type { Config } from './config.ts';
import { createContext, type AppContext } from './context.ts';
import { DEMO_LINK_HOURS, issueDemoSignIns } from './demo/demo-accounts.ts';
import { loadDemo } from './demo/load-demo.ts';
import { buildApp } from './http/build-app.ts';
import { composeLetter } from './letters/compose-letter.ts';
import { renderLetterPdf } from './letters/render/render-letter-pdf.ts';
import { SYSTEM } from './policies/principal.ts';
import { deliverOutbox } from './notifications/deliver-outbox.ts';
import { mailerFor } from './notifications/mailer.ts';

/**
 * Starts the server: opens and migrates the store, loads the demo on the embedded store (or with
 * `--demo`), runs the publication scheduler, and listens until SIGINT or SIGTERM.
 */
export async function startServer(config: Config, options: { demo: boolean; io: CliIO }): Promise<void> {
  const logger = pino({ level: config.logLevel });
  const ctx = await createContext(config, { logger });
  const demo = options.demo || config.databaseUrl === undefined;
  if (demo) {
    const result = await loadDemo(ctx);
    logger.info(result, result.loaded ? 'demo data loaded' : 'demo data not loaded');
  }
  const app = await buildApp(ctx, { logger, demo });
  const scheduler = startPublicationScheduler(ctx, config.publishIntervalMinutes);
  const outbox = startOutboxScheduler(ctx, config);
  const stop = async () => {
    clearInterval(scheduler);
    outbox.stop();
    await app.close();
    await ctx.store.close();
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  const address = await app.listen({ port: config.port, host: config.host });
  prewarmPdfRenderer(ctx);
  options.io.out(`Rapporteur listening on ${address} (${ctx.store.dialect}: ${ctx.store.location})`);
  if (demo) {
    // A newcomer walks through every surface: one-time links, one per role, printed only here.
    const base = `http://localhost:${new URL(address).port}`;
    options.io.out(`Demonstration mode. One-time sign-in links, valid ${DEMO_LINK_HOURS} hours:`);
    for (const s of await issueDemoSignIns(ctx)) options.io.out(`  ${s.role.padEnd(14)} ${s.name.padEnd(32)} ${base}${s.path}`);
  }
}

/**
 * Renders one small letter in the background after start: the first PDF of a process pays for reading the
 * fonts and compiling the layout code (over a second), which the first visitor should not wait for.
 */
function prewarmPdfRenderer(ctx: AppContext): void {
  const letter = composeLetter(
    {
      type: 'AL', language: 'en', reference: null, date: '2022-01-18', mandates: ['wgad'], subject: '', summary: 'a test', body: 'Text.',
      concerns: '', questions: ['A question?'], annexText: '', citations: [], confidentialAnnex: '', pressRelease: false, victims: [],
    },
    { ref: ctx.ref, periods: ctx.settings.publication },
  );
  void renderLetterPdf(letter).catch((err: unknown) => ctx.logger.warn({ err }, 'PDF renderer warm-up failed'));
}

/**
 * Publishes what is due now and then every `minutes` minutes, and queues reminders of overdue replies. Each
 * run is idempotent and each publication its own audited transaction, so several servers on one PostgreSQL
 * database may all run it.
 */
export function startPublicationScheduler(ctx: AppContext, minutes: number): NodeJS.Timeout | undefined {
  if (minutes <= 0) return undefined;
  const run = async () => {
    try {
      const published = await publishDue(ctx, SYSTEM);
      if (published.length > 0) ctx.logger.info({ published }, 'published due communications');
      const reminders = await remindOverdueReplies(ctx, SYSTEM);
      if (reminders > 0) ctx.logger.info({ reminders }, 'queued reminders of overdue replies');
    } catch (err) {
      ctx.logger.error({ err }, 'publication scheduler failed');
    }
  };
  void run();
  const timer = setInterval(() => void run(), minutes * 60_000);
  timer.unref();
  return timer;
}

/**
 * Delivers the outbox now and then every minute. Without SMTP_URL it says so once and sends nothing: the
 * notifications wait in the outbox until a mail server is configured. Runs never overlap in one process;
 * across servers, claims skip each other's rows.
 */
export function startOutboxScheduler(ctx: AppContext, config: Pick<Config, 'smtpUrl' | 'mailFrom'>): { stop(): void } {
  const mailer = mailerFor(config);
  if (!mailer) {
    ctx.logger.info('SMTP_URL is not set: notifications accumulate in the outbox and are not sent');
    return { stop: () => undefined };
  }
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const report = await deliverOutbox(ctx, mailer);
      if (report.sent + report.retried + report.failed > 0) ctx.logger.info(report, 'outbox delivered');
    } catch (err) {
      ctx.logger.error({ err }, 'outbox delivery failed');
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), 60_000);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      mailer.close();
    },
  };
}
