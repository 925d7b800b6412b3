// The benchmark of the acceptance criteria: send throughput and register list queries, on SQLite and
// (when a server answers) PostgreSQL. Run with `npm run bench`; sizes come from the environment:
//   BENCH_SCALE    communications loaded for the list queries (default 100,000)
//   BENCH_SENDS    letters approved and sent one after another (default 2,000; 0 skips the sends)
//   BENCH_QUERIES  measured runs of each list query (default 300, never fewer than 200)
//   BENCH_DATABASE_URL / TEST_DATABASE_URL   the PostgreSQL server (else the default local one, if it answers)
//   BENCH_DIALECTS comma-separated subset of "sqlite,postgres" (default: both)
//   BENCH_PARTS    comma-separated subset of "register,sends,signin,public,letters" (default: all)
import { cpus, platform, totalmem } from 'node:os';
import { sql, type Kysely } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import type { DialectName } from '../src/db/connect.ts';
import type { Database } from '../src/db/schema.ts';
import { bulkLoadSentCommunications } from '../src/db/repositories/bulk-load-repository.ts';
import { generateSyntheticCommunications } from '../src/demo/synthetic-communications.ts';
import { ManualClock } from '../src/domain/clock.ts';
import { loadReferenceData } from '../src/reference/load-reference-data.ts';
import { benchDialects, freshPostgres, freshSqlite, type BenchStore } from './bench-stores.ts';
import { benchListQueries, type QueryResult } from './list-queries.ts';
import { measureCommitFloor, type CommitFloor } from './commit-floor.ts';
import { benchSends, type SendResults, type Throughput } from './send-throughput.ts';
import { benchLetters } from './letters.ts';
import { benchPublicDatabase, withTowns } from './public-database.ts';
import { benchSignIn, type SignInCosts } from './sign-in.ts';
import { fixed, printTable, since, verdict } from './stats.ts';
import { sentCommunicationsFromPlans } from './synthetic-register.ts';

const TARGETS = { sendsPerSecond: { sqlite: 300, postgres: 200 } as Record<DialectName, number>, listP95Ms: 20 };
const CLOCK_START = '2022-01-18T09:00:00Z';
const DATA_FROM = '2011-01-01';
const DATA_TO = '2026-12-31';

/**
 * Writes out what the bulk load left in the log (SQLite: the WAL into the database file; PostgreSQL: a
 * checkpoint), so that the timed commands do not pay for the load's own writes being flushed in the
 * background while they run. PostgreSQL's CHECKPOINT needs a superuser or the pg_checkpoint role; without
 * them the run goes on and says so.
 */
async function settle(db: Kysely<Database>, dialect: DialectName): Promise<string> {
  const start = performance.now();
  if (dialect === 'sqlite') {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    return `WAL checkpoint in ${fixed(since(start) / 1000)} s`;
  }
  try {
    await sql`checkpoint`.execute(db);
    return `CHECKPOINT in ${fixed(since(start) / 1000)} s`;
  } catch (err) {
    return `no CHECKPOINT (${(err as Error).message}): the first timed commands may share the disk with the server's own checkpoint`;
  }
}

/** A row of the sends table: what was timed, how many, the rate, the latencies, and the verdict. */
function sendRow(label: string, t: Throughput | CommitFloor, judged: string): string[] {
  return [label, String(t.count), fixed(t.perSecond), fixed(t.latency.p50, 2), fixed(t.latency.p95, 2), fixed(t.latency.max, 2), judged];
}

function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, not "${raw}"`);
  return n;
}

const scale = envInt('BENCH_SCALE', 100_000);
const sends = envInt('BENCH_SENDS', 2_000, 0);
const queryRuns = envInt('BENCH_QUERIES', 300, 200);
const SIGN_IN_RUNS = 40;
const wanted = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',').map((s) => s.trim());
const parts = new Set((process.env.BENCH_PARTS ?? 'register,sends,signin,public,letters').split(',').map((s) => s.trim()));

const cpu = cpus();
console.log('Rapporteur benchmark');
console.log(`  machine   ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${fixed(totalmem() / 2 ** 30)} GiB, ${platform()}`);
console.log(`  node      ${process.version}`);
console.log(`  scale     ${scale.toLocaleString('en')} communications (BENCH_SCALE), ${sends.toLocaleString('en')} sends (BENCH_SENDS), ${queryRuns} runs per query (BENCH_QUERIES)`);

const { dialects, postgres } = await benchDialects(wanted);

const ref = loadReferenceData();
let t = performance.now();
const plans = generateSyntheticCommunications(ref, { count: scale, from: DATA_FROM, to: DATA_TO, unsentShare: 0 });
const settings = loadConfig({});
const { data, rareTown } = withTowns(sentCommunicationsFromPlans(
  ref,
  plans,
  { replyDays: settings.replyDays, publication: { letterDays: settings.publicationLetterDays, otherLetterHours: settings.publicationOtherLetterHours } },
  new Date(`${DATA_TO}T23:59:59Z`),
));
console.log(`  data      ${data.length.toLocaleString('en')} sent communications ${DATA_FROM} – ${DATA_TO}, seeded, generated in ${fixed(since(t) / 1000)} s`);

interface Outcome {
  dialect: DialectName;
  loadSeconds: number;
  analyzeSeconds: number;
  queries: QueryResult[];
  sends: SendResults | undefined;
  signIn: SignInCosts | undefined;
  publicDatabase: { p95: number; met: boolean } | undefined;
}
const outcomes: Outcome[] = [];

for (const dialect of dialects) {
  console.log(`\n== ${dialect} ==`);
  const fresh: BenchStore = dialect === 'sqlite' ? freshSqlite() : await freshPostgres(postgres!);
  try {
    const clock = new ManualClock(CLOCK_START);
    const ctx = await createContext(settings, { store: fresh.options, clock, logger: pino({ level: 'silent' }) });
    try {
      t = performance.now();
      await bulkLoadSentCommunications(ctx.store.db, ctx.keys.field, data, { dialect });
      const loadSeconds = since(t) / 1000;
      console.log(`  loaded ${data.length.toLocaleString('en')} communications in ${fixed(loadSeconds)} s (${Math.round(data.length / loadSeconds).toLocaleString('en')}/s)`);
      t = performance.now();
      if (dialect === 'sqlite') await sql`analyze`.execute(ctx.store.db);
      else await sql`vacuum analyze communications, communication_mandates, reference_counters, replies, public_communications, public_search`.execute(ctx.store.db);
      const analyzeSeconds = since(t) / 1000;
      console.log(`  ${dialect === 'sqlite' ? 'ANALYZE' : 'VACUUM ANALYZE'} in ${fixed(analyzeSeconds)} s`);
      console.log(`  ${await settle(ctx.store.db, dialect)}`);

      const queries = parts.has('register') ? await benchListQueries(ctx.store.db, ctx.keys.field, data, queryRuns) : [];
      if (parts.has('register')) console.log(`\n  List queries over ${data.length.toLocaleString('en')} communications: page 1, 20 rows, with the total count; ${queryRuns} runs each after a warm-up`);
      if (parts.has('register')) printTable(
        ['query', 'p50 ms', 'p95 ms', 'max ms', 'avg total', 'p95 ≤ 20 ms'],
        queries.map((q) => [q.name, fixed(q.timings.p50, 2), fixed(q.timings.p95, 2), fixed(q.timings.max, 2), fixed(q.averageTotal, 0), verdict(q.timings.p95 <= TARGETS.listP95Ms, '≤ 20 ms')]),
      );

      const publicDatabase = parts.has('public') ? await benchPublicDatabase(ctx, rareTown, queryRuns) : undefined;
      const sendResults = sends > 0 && parts.has('sends') ? await benchSends(ctx, sends) : undefined;
      if (sendResults) {
        const floor = await measureCommitFloor(ctx.store.db);
        const target = TARGETS.sendsPerSecond[dialect];
        console.log(`\n  Sends, sequential, on the loaded store (clock at ${CLOCK_START})`);
        printTable(
          ['operation', 'count', 'per s', 'p50 ms', 'p95 ms', 'max ms', 'target'],
          [
            sendRow('approve → send (one mandate): 2 commands', sendResults.single, verdict(sendResults.single.perSecond >= target, `≥ ${target}/s`)),
            sendRow('approve ×2 → send (joint): 3 commands', sendResults.full, verdict(sendResults.full.perSecond >= target, `≥ ${target}/s`)),
            sendRow('send of an approved draft: 1 command', sendResults.bare, verdict(sendResults.bare.perSecond >= target, `≥ ${target}/s`)),
            sendRow('approve → send, real-size letter (55 KB)', sendResults.real, '(information)'),
            sendRow('empty durable commit', floor, '(floor of this machine)'),
          ],
        );
        console.log(`  Each command is one durable transaction with its audit entry: at this machine's rate of empty durable commits no code exceeds ≈ ${fixed(floor.perSecond / 2)} full sends/s of one mandate, ≈ ${fixed(floor.perSecond / 3)} of two.`);
        console.log('  The send alone checks that every mandate approved, allocates the reference and writes the history and audit entries, in one transaction.');
        console.log('  The real-size letter carries the texts of AL KAZ 1/2022 (body, questions, concerns, annex); the synthetic letters carry a sentence each.');
      }
      const signIn = parts.has('signin') ? await benchSignIn({ ...ctx, clock }, SIGN_IN_RUNS) : undefined;
      if (signIn) {
      console.log(`\n  Signing in (${SIGN_IN_RUNS} sign-ins) and checking a session (${SIGN_IN_RUNS * 20} checks), one after another`);
      printTable(
        ['operation', 'p50 ms', 'p95 ms', 'max ms'],
        [
          ['Argon2id hash (19 MiB, t=2)', fixed(signIn.hash.p50, 1), fixed(signIn.hash.p95, 1), fixed(signIn.hash.max, 1)],
          ['sign-in: password step', fixed(signIn.passwordStep.p50, 1), fixed(signIn.passwordStep.p95, 1), fixed(signIn.passwordStep.max, 1)],
          ['sign-in: TOTP step (+ audit)', fixed(signIn.codeStep.p50, 2), fixed(signIn.codeStep.p95, 2), fixed(signIn.codeStep.max, 2)],
          ['session check per request', fixed(signIn.sessionCheck.p50, 3), fixed(signIn.sessionCheck.p95, 3), fixed(signIn.sessionCheck.max, 3)],
        ],
      );
      }
      outcomes.push({ dialect, loadSeconds, analyzeSeconds, queries, sends: sendResults, signIn, publicDatabase });
    } finally {
      await ctx.store.close();
    }
  } finally {
    await fresh.drop();
  }
}

if (parts.has('letters')) {
console.log('\n== letters (the reference letter AL KAZ 1/2022) ==');
const letters = await benchLetters();
printTable(
  ['operation', 'p50 ms', 'p95 ms', 'max ms', 'target'],
  [
    ['parse its text (letter parse)', fixed(letters.parseText.p50, 2), fixed(letters.parseText.p95, 2), fixed(letters.parseText.max, 2), ''],
    ['parse its PDF', fixed(letters.parsePdf.p50, 1), fixed(letters.parsePdf.p95, 1), fixed(letters.parsePdf.max, 1), ''],
    ['compose from its parts', fixed(letters.compose.p50, 2), fixed(letters.compose.p95, 2), fixed(letters.compose.max, 2), ''],
    [`render PDF (${letters.pages} pages, ${letters.bytes.toLocaleString('en')} bytes)`, fixed(letters.renderPdf.p50, 1), fixed(letters.renderPdf.p95, 1), fixed(letters.renderPdf.max, 1), verdict(letters.renderPdf.p95 < 1000, '< 1 s')],
    ['render PDF, first in a new process', fixed(letters.pdfColdMs, 1), '', '', verdict(letters.pdfColdMs < 1000, '< 1 s')],
    ['render HTML', fixed(letters.renderHtml.p50, 2), fixed(letters.renderHtml.p95, 2), fixed(letters.renderHtml.max, 2), ''],
  ],
);
}

console.log('\n== summary ==');
const rows: string[][] = [];
for (const o of outcomes) {
  const target = TARGETS.sendsPerSecond[o.dialect];
  if (o.sends) {
    rows.push([o.dialect, 'full sends per second (approve → send)', fixed(o.sends.single.perSecond), verdict(o.sends.single.perSecond >= target, `≥ ${target}/s`)]);
    rows.push([o.dialect, 'full sends per second, joint (approve ×2 → send)', fixed(o.sends.full.perSecond), verdict(o.sends.full.perSecond >= target, `≥ ${target}/s`)]);
    rows.push([o.dialect, 'sends per second (the send command alone)', fixed(o.sends.bare.perSecond), verdict(o.sends.bare.perSecond >= target, `≥ ${target}/s`)]);
    rows.push([o.dialect, 'full sends per second, real-size letter (55 KB)', fixed(o.sends.real.perSecond), '(information)']);
  }
  if (o.signIn) {
    rows.push([o.dialect, 'sign-in (password + TOTP): p50 ms', fixed(o.signIn.passwordStep.p50 + o.signIn.codeStep.p50, 1), '(information)']);
    rows.push([o.dialect, 'session check: p50 / p95 ms', `${fixed(o.signIn.sessionCheck.p50, 3)} / ${fixed(o.signIn.sessionCheck.p95, 3)}`, '(information)']);
  }
  if (o.publicDatabase) rows.push([o.dialect, 'public search mix: p95 ms', fixed(o.publicDatabase.p95, 2), verdict(o.publicDatabase.met, 'p95 ≤ 50 ms')]);
  for (const q of o.queries) rows.push([o.dialect, `${q.name}: p50 / p95 ms`, `${fixed(q.timings.p50, 2)} / ${fixed(q.timings.p95, 2)}`, verdict(q.timings.p95 <= TARGETS.listP95Ms, 'p95 ≤ 20 ms')]);
}
printTable(['database', 'figure', 'value', 'verdict'], rows);
