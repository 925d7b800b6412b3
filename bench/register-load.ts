import { statSync } from 'node:fs';
import { sql } from 'kysely';
import type { AppContext } from '../src/context.ts';
import { bulkLoadPlacesAndEvents, bulkLoadRegisterBatch, type BulkCounts } from '../src/db/repositories/register-bulk-repository.ts';
import { batchShape, detentionFacts, registerBatch, type DetentionFacts, type World } from './register-data.ts';
import { since } from './stats.ts';

/** The actor the bulk load's audit entries name. */
export const LOADER = 'Benchmark Loader';

/** What loading the register took. */
export interface LoadResult {
  seconds: number;
  /** Of which generating the data in memory (not the store's work). */
  generateSeconds: number;
  rows: BulkCounts;
  totalRows: number;
  batches: number;
  facts: DetentionFacts;
}

/**
 * Loads the synthetic register of `scale` persons (acts 2×, detentions ½×) through the bulk repository:
 * places and events first, then batches of `batchSize` persons, each in one transaction with one audit
 * entry. The time counted is the whole load as a user would wait for it: generating, sealing, inserting.
 */
export async function loadRegister(ctx: AppContext, world: World, scale: number, batchSize: number, progress: (done: number) => void): Promise<LoadResult> {
  const at = ctx.clock.now().toISOString();
  const audit = { actor: LOADER, at };
  let detentions = 0;
  for (let start = 0; start < scale; start += batchSize) detentions += batchShape(start, Math.min(batchSize, scale - start)).detentions;
  const facts = detentionFacts(detentions);
  const rows: BulkCounts = {};
  const add = (c: BulkCounts) => {
    for (const [k, v] of Object.entries(c)) rows[k] = (rows[k] ?? 0) + v;
  };
  const t = performance.now();
  let generateMs = 0;
  add(await bulkLoadPlacesAndEvents(ctx.store.db, world.places, world.events, audit));
  let batches = 1;
  for (let start = 0; start < scale; start += batchSize) {
    const g = performance.now();
    const batch = registerBatch(world, start, Math.min(batchSize, scale - start), facts);
    generateMs += since(g);
    add(await bulkLoadRegisterBatch(ctx.store.db, ctx, batch, audit));
    batches++;
    progress(Math.min(scale, start + batchSize));
  }
  const seconds = since(t) / 1000;
  return { seconds, generateSeconds: generateMs / 1000, rows, totalRows: Object.values(rows).reduce((a, b) => a + b, 0), batches, facts };
}

/** Refreshes the planner's statistics after the load (as an operator would after a bulk load); seconds taken. */
export async function analyzeStore(ctx: AppContext): Promise<number> {
  const t = performance.now();
  if (ctx.store.dialect === 'sqlite') await sql`analyze`.execute(ctx.store.db);
  else await sql`vacuum analyze`.execute(ctx.store.db);
  return since(t) / 1000;
}

/** The store's size on disk in bytes: the SQLite file after a checkpoint, or every relation of the PostgreSQL schema. */
export async function storeBytes(ctx: AppContext): Promise<number> {
  if (ctx.store.dialect === 'sqlite') {
    await sql`pragma wal_checkpoint(truncate)`.execute(ctx.store.db);
    const file = (ctx.store.options as { file: string }).file;
    const size = (f: string) => {
      try {
        return statSync(f).size;
      } catch {
        return 0;
      }
    };
    return size(file) + size(`${file}-wal`);
  }
  const r = await sql<{ bytes: string | null }>`
    select sum(pg_total_relation_size(c.oid))::text as bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'm')`.execute(ctx.store.db);
  return Number(r.rows[0]?.bytes ?? 0);
}

/** Bytes of a relation group per table (largest first), for the report. */
export async function tableBytes(ctx: AppContext): Promise<Array<{ table: string; bytes: number }>> {
  if (ctx.store.dialect === 'sqlite') {
    try {
      const r = await sql<{ name: string; bytes: number }>`select name, sum(pgsize) as bytes from dbstat group by name order by bytes desc limit 12`.execute(ctx.store.db);
      return r.rows.map((x) => ({ table: x.name, bytes: Number(x.bytes) }));
    } catch {
      return []; // dbstat is not compiled into every SQLite
    }
  }
  const r = await sql<{ table: string; bytes: string }>`
    select c.relname as table, pg_total_relation_size(c.oid)::text as bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r'
    order by pg_total_relation_size(c.oid) desc limit 12`.execute(ctx.store.db);
  return r.rows.map((x) => ({ table: x.table, bytes: Number(x.bytes) }));
}
