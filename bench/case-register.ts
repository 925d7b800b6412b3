// The benchmark of the case register (issue 6, section 7), on SQLite and (when a server answers) PostgreSQL:
// loading a synthetic register, importing a 100,000-row CSV list, the register list with two filters, and the
// person page. The import runs in a process of its own, so that its memory is measured alone and running out
// of it ends only that process. Run with `npm run bench:register`; sizes come from the environment:
//   BENCH_SCALE        persons loaded (default 1,000,000; "1_000_000" and "1,000,000" are read too); acts are
//                      twice as many, detentions half as many
//   BENCH_IMPORT_ROWS  rows of the imported CSV list (default 100,000; 0 skips the import)
//   BENCH_QUERIES      measured runs of each query kind and of the person page (default 300, never fewer than 200)
//   BENCH_BATCH        persons per bulk-load transaction (default 10,000)
//   BENCH_DATABASE_URL / TEST_DATABASE_URL   the PostgreSQL server (else the default local one, if it answers)
//   BENCH_DIALECTS     comma-separated subset of "sqlite,postgres" (default: both)
//   BENCH_PARTS        comma-separated subset of "list,person,import" (default: all; the load always runs)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, platform, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import type { DialectName } from '../src/db/connect.ts';
import { ManualClock } from '../src/domain/clock.ts';
import { loadKeyring } from '../src/security/keys.ts';
import { benchDialects, freshPostgres, freshSqlite, type BenchStore } from './bench-stores.ts';
import { buildWorld } from './register-data.ts';
import { runImportApart, type ImportOutcome } from './register-import-apart.ts';
import { analyzeStore, loadRegister, storeBytes, tableBytes, type LoadResult } from './register-load.ts';
import { FAMILY_NAME_COUNT } from './register-names.ts';
import { benchPersonPage, benchRegisterList, type Latencies, type ListResult } from './register-queries.ts';
import { fixed, printTable, since, verdict } from './stats.ts';

const TARGETS = { listP95Ms: 100, personP95Ms: 50 };
const CLOCK_START = '2026-01-20T09:00:00Z';

function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw.replace(/[_,\s]/g, ''));
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, not "${raw}"`);
  return n;
}

const scale = envInt('BENCH_SCALE', 1_000_000, 10);
const importRows = envInt('BENCH_IMPORT_ROWS', 100_000, 0);
const queryRuns = envInt('BENCH_QUERIES', 300, 200);
const batchSize = envInt('BENCH_BATCH', 10_000, 100);
const wanted = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',').map((s) => s.trim());
const parts = new Set((process.env.BENCH_PARTS ?? 'list,person,import').split(',').map((s) => s.trim()));
const n = (x: number) => Math.round(x).toLocaleString('en');
const mib = (bytes: number) => `${fixed(bytes / 2 ** 20, 0)} MiB`;

const cpu = cpus();
console.log('Rapporteur benchmark: the case register');
console.log(`  machine   ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${fixed(totalmem() / 2 ** 30)} GiB, ${platform()}`);
console.log(`  load      ${loadavg().map((x) => fixed(x, 2)).join(' ')} (load average at start: other processes share the CPUs)`);
console.log(`  node      ${process.version}${typeof globalThis.gc === 'function' ? ', --expose-gc' : ' (without --expose-gc: memory baselines are not collected first)'}`);
console.log(`  scale     ${n(scale)} persons (BENCH_SCALE), ${n(2 * scale)} acts, ${n(scale / 2)} detentions; ${n(importRows)} import rows (BENCH_IMPORT_ROWS); ${queryRuns} runs per query (BENCH_QUERIES)`);

const { dialects, postgres } = await benchDialects(wanted);

const world = buildWorld();
console.log(
  `  data      synthetic, seeded: ${world.cities.length} cities, ${world.facilities.length} places of detention, ${world.events.length} events, ` +
    `${world.authorities.length} authorities, ${FAMILY_NAME_COUNT.toLocaleString('en')} family names; every person and event marked synthetic`,
);

// The installation keys of this run: generated in a temporary directory (never the developer's var/keys),
// which the importing process reads too; removed when the run ends.
const keyDir = mkdtempSync(join(tmpdir(), 'rapporteur-bench-keys-'));
const keys = loadKeyring(keyDir, {});
process.on('exit', () => rmSync(keyDir, { recursive: true, force: true }));

interface Outcome {
  dialect: DialectName;
  load: LoadResult;
  analyzeSeconds: number;
  bytes: number;
  list: { kinds: ListResult[]; mix: Latencies } | undefined;
  person: { timings: Latencies; averageActs: number; averageDetentions: number } | undefined;
  imported: ImportOutcome | undefined;
}
const outcomes: Outcome[] = [];

for (const dialect of dialects) {
  console.log(`\n== ${dialect} ==`);
  const fresh: BenchStore = dialect === 'sqlite' ? freshSqlite() : await freshPostgres(postgres!);
  try {
    const clock = new ManualClock(CLOCK_START);
    const ctx = await createContext(loadConfig({}), { store: fresh.options, clock, logger: pino({ level: 'silent' }), keys });
    try {
      let lastShown = performance.now();
      const load = await loadRegister(ctx, world, scale, batchSize, (done) => {
        if (since(lastShown) > 30_000) {
          lastShown = performance.now();
          console.log(`  … ${n(done)} persons loaded`);
        }
      });
      console.log(
        `  loaded ${n(scale)} persons, ${n(load.rows.register_acts ?? 0)} acts, ${n(load.rows.detentions ?? 0)} detentions in ${fixed(load.seconds)} s ` +
          `(${n(scale / load.seconds)} persons/s; ${n(load.totalRows)} rows in all, ${n(load.totalRows / load.seconds)} rows/s; ` +
          `${load.batches} transactions, one audit entry each; generating the data in memory took ${fixed(load.generateSeconds)} s of it)`,
      );
      printTable(
        ['table', 'rows'],
        Object.entries(load.rows).map(([table, count]) => [table, n(count)]),
      );
      const analyzeSeconds = await analyzeStore(ctx);
      console.log(`  ${dialect === 'sqlite' ? 'ANALYZE' : 'VACUUM ANALYZE'} in ${fixed(analyzeSeconds)} s`);
      const bytes = await storeBytes(ctx);
      console.log(`  store size on disk: ${mib(bytes)}${dialect === 'sqlite' ? ' (database file after a WAL checkpoint)' : ' (every relation of the schema, indexes and TOAST included)'}`);
      const largest = await tableBytes(ctx);
      if (largest.length > 0) console.log(`  largest: ${largest.map((x) => `${x.table} ${mib(x.bytes)}`).join(', ')}`);

      const list = parts.has('list') ? await benchRegisterList(ctx, world, load.facts, queryRuns) : undefined;
      if (list) {
        console.log(`\n  Register list, two filters, as a case officer (page 1 of 50 rows with the total, names and places, audited read); ${queryRuns} runs each after a warm-up`);
        printTable(
          ['query', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'avg total', 'p95 ≤ 100 ms'],
          [
            ...list.kinds.map((q) => [q.name, fixed(q.timings.p50, 1), fixed(q.timings.p95, 1), fixed(q.timings.p99, 1), fixed(q.timings.max, 1), n(q.averageTotal), verdict(q.timings.p95 <= TARGETS.listP95Ms, '≤ 100 ms')]),
            ['all kinds together', fixed(list.mix.p50, 1), fixed(list.mix.p95, 1), fixed(list.mix.p99, 1), fixed(list.mix.max, 1), '', verdict(list.mix.p95 <= TARGETS.listP95Ms, '≤ 100 ms')],
          ],
        );
      }
      const person = parts.has('person') ? await benchPersonPage(ctx, world, scale, queryRuns) : undefined;
      if (person) {
        console.log(`\n  Person page as a case officer (acts, detentions with stays, disappearances, events, sources, places; audited reads), ${queryRuns} random persons`);
        printTable(
          ['query', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'avg acts', 'avg detentions', 'p95 ≤ 50 ms'],
          [['person page', fixed(person.timings.p50, 1), fixed(person.timings.p95, 1), fixed(person.timings.p99, 1), fixed(person.timings.max, 1), fixed(person.averageActs, 2), fixed(person.averageDetentions, 2), verdict(person.timings.p95 <= TARGETS.personP95Ms, '≤ 50 ms')]],
        );
      }
      const imported = parts.has('import') && importRows > 0 ? await runImportApart({ store: fresh.options, keyDir, clock: CLOCK_START, scale, rows: importRows }) : undefined;
      if (imported?.ok) {
        const r = imported.result;
        console.log(`\n  CSV list import through importPersonList as a case officer, in a process of its own: ${n(r.rows)} rows (${mib(r.fileBytes)}), about 30 % persons already in the register under other spellings`);
        printTable(
          ['figure', 'value'],
          [
            ['status', r.status],
            ['time', `${fixed(r.seconds)} s`],
            ['rows per second', n(r.rows / r.seconds)],
            ['rows naming persons already loaded', n(r.existingRows)],
            ['created / matched / to review', `${n(r.created)} / ${n(r.matched)} / ${n(r.toReview)}`],
            ['peak RSS above baseline', `${mib(r.peakRss - r.baseline.rss)} (baseline ${mib(r.baseline.rss)}, peak ${mib(r.peakRss)})`],
            ['peak heap used above baseline', `${mib(r.peakHeap - r.baseline.heapUsed)} (baseline ${mib(r.baseline.heapUsed)}, peak ${mib(r.peakHeap)}; ${n(r.heapSamples)} samples; heap limit ${mib(r.heapLimit)})`],
          ],
        );
      } else if (imported) {
        const p = imported.lastProgress;
        console.log(`\n  CSV list import of ${n(importRows)} rows: FAILED after ${fixed(imported.seconds)} s: ${imported.reason}`);
        if (p) console.log(`  last progress report: ${n(p.done)} of ${n(p.total)} rows matched, heap used ${mib(p.heapUsed)}`);
      }
      outcomes.push({ dialect, load, analyzeSeconds, bytes, list, person, imported });
    } finally {
      await ctx.store.close();
    }
  } finally {
    await fresh.drop();
  }
}

console.log('\n== summary ==');
const rows: string[][] = [];
for (const o of outcomes) {
  rows.push([o.dialect, `load ${n(scale)} persons: s (persons/s, rows/s)`, `${fixed(o.load.seconds)} (${n(scale / o.load.seconds)}, ${n(o.load.totalRows / o.load.seconds)})`, '(information)']);
  rows.push([o.dialect, 'store size on disk', mib(o.bytes), '(information)']);
  if (o.imported?.ok) {
    const r = o.imported.result;
    rows.push([o.dialect, `import ${n(r.rows)} CSV rows: s (rows/s)`, `${fixed(r.seconds)} (${n(r.rows / r.seconds)})`, '(information)']);
    rows.push([o.dialect, 'import peak memory above baseline: RSS / heap', `${mib(r.peakRss - r.baseline.rss)} / ${mib(r.peakHeap - r.baseline.heapUsed)}`, '(information)']);
  } else if (o.imported) {
    const p = o.imported.lastProgress;
    rows.push([o.dialect, `import ${n(importRows)} CSV rows`, `failed after ${fixed(o.imported.seconds)} s${p ? ` (${n(p.done)} rows matched, heap ${mib(p.heapUsed)})` : ''}`, 'IMPORT FAILED']);
  }
  if (o.list) {
    for (const q of o.list.kinds) rows.push([o.dialect, `list ${q.name}: p50 / p95 ms`, `${fixed(q.timings.p50, 1)} / ${fixed(q.timings.p95, 1)}`, verdict(q.timings.p95 <= TARGETS.listP95Ms, 'p95 ≤ 100 ms')]);
    rows.push([o.dialect, 'list, all kinds: p50 / p95 ms', `${fixed(o.list.mix.p50, 1)} / ${fixed(o.list.mix.p95, 1)}`, verdict(o.list.mix.p95 <= TARGETS.listP95Ms, 'p95 ≤ 100 ms')]);
  }
  if (o.person) rows.push([o.dialect, 'person page: p50 / p95 ms', `${fixed(o.person.timings.p50, 1)} / ${fixed(o.person.timings.p95, 1)}`, verdict(o.person.timings.p95 <= TARGETS.personP95Ms, 'p95 ≤ 50 ms')]);
}
if (outcomes.length === 2 && outcomes[0]!.load.seconds > 0) {
  const [a, b] = outcomes as [Outcome, Outcome];
  rows.push([`${b.dialect}/${a.dialect}`, 'load time ratio', fixed(b.load.seconds / a.load.seconds, 2), '(information)']);
  if (a.list && b.list) rows.push([`${b.dialect}/${a.dialect}`, 'list p95 ratio (all kinds)', fixed(b.list.mix.p95 / a.list.mix.p95, 2), '(information)']);
  if (a.person && b.person) rows.push([`${b.dialect}/${a.dialect}`, 'person page p95 ratio', fixed(b.person.timings.p95 / a.person.timings.p95, 2), '(information)']);
  if (a.imported?.ok && b.imported?.ok) rows.push([`${b.dialect}/${a.dialect}`, 'import time ratio', fixed(b.imported.result.seconds / a.imported.result.seconds, 2), '(information)']);
}
printTable(['database', 'figure', 'value', 'verdict'], rows);
