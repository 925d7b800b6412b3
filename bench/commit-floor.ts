import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import { since, summarise, type Timings } from './stats.ts';

/** How fast the store commits the smallest durable transaction, one after another. */
export interface CommitFloor {
  count: number;
  perSecond: number;
  latency: Timings;
}

/**
 * Measures the durable commit rate of the store as opened (SQLite: WAL with synchronous=FULL; PostgreSQL:
 * the server's own settings): `count` transactions that each update one row of a scratch table. A full send
 * commits three transactions (two approvals and the send), so this rate over three bounds the send rate
 * whatever the code does. The scratch table lives in the benchmark's throwaway store.
 */
export async function measureCommitFloor(db: Kysely<Database>, count = 300): Promise<CommitFloor> {
  await sql`create table bench_commit_probe (id integer primary key, n integer not null)`.execute(db);
  await sql`insert into bench_commit_probe (id, n) values (1, 0)`.execute(db);
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await db.transaction().execute((tx) => sql`update bench_commit_probe set n = n + 1 where id = 1`.execute(tx));
    latencies.push(since(t));
  }
  const elapsed = since(start);
  await sql`drop table bench_commit_probe`.execute(db);
  return { count, perSecond: (count * 1000) / elapsed, latency: summarise(latencies) };
}
