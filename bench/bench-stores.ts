import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DialectName, StoreOptions } from '../src/db/connect.ts';

/** The PostgreSQL server tried when neither BENCH_DATABASE_URL nor TEST_DATABASE_URL is set. */
export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, empty store for one benchmark run, and how to throw it away. */
export interface BenchStore {
  options: StoreOptions;
  drop(): Promise<void>;
}

/** A new SQLite file in a new temporary directory, removed by `drop`. */
export function freshSqlite(): BenchStore {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-bench-'));
  return { options: { kind: 'sqlite', file: join(dir, 'rapporteur.sqlite') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A new PostgreSQL schema (pool of 10 connections), dropped with everything in it by `drop`. */
export async function freshPostgres(url: string): Promise<BenchStore> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  await withClient(url, (c) => c.query(`create schema ${schema}`));
  return {
    options: { kind: 'postgres', url, schema, poolSize: 10 },
    drop: () => withClient(url, (c) => c.query(`drop schema if exists ${schema} cascade`)).then(() => undefined),
  };
}

/**
 * The PostgreSQL URL to benchmark: BENCH_DATABASE_URL or TEST_DATABASE_URL when set (a failure to connect
 * is then an error), else the default local server if it answers within two seconds, else none.
 */
export async function postgresUrl(env: NodeJS.ProcessEnv = process.env): Promise<{ url: string | undefined; note: string }> {
  const named = env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL;
  if (named) return { url: named, note: 'from the environment' };
  try {
    await withClient(DEFAULT_POSTGRES_URL, (c) => c.query('select 1'), 2000);
    return { url: DEFAULT_POSTGRES_URL, note: 'default local server' };
  } catch {
    return { url: undefined, note: `no server at ${DEFAULT_POSTGRES_URL}; set BENCH_DATABASE_URL to include PostgreSQL` };
  }
}

/** The server's version string, for the report. */
export async function postgresVersion(url: string): Promise<string> {
  const r = await withClient(url, (c) => c.query<{ server_version: string }>('show server_version'));
  return r.rows[0]?.server_version ?? '?';
}

async function withClient<T>(url: string, run: (c: pg.Client) => Promise<T>, timeoutMs?: number): Promise<T> {
  const client = new pg.Client({ connectionString: url, ...(timeoutMs ? { connectionTimeoutMillis: timeoutMs } : {}) });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * The databases a benchmark runs on: SQLite and PostgreSQL as `wanted` names them (BENCH_DIALECTS), PostgreSQL
 * only when a server answers (see {@link postgresUrl}). Prints one line for each, as every benchmark's header does.
 */
export async function benchDialects(wanted: readonly string[]): Promise<{ dialects: DialectName[]; postgres: string | undefined }> {
  const pgUrl = wanted.includes('postgres') ? await postgresUrl() : { url: undefined, note: 'not requested (BENCH_DIALECTS)' };
  const dialects: DialectName[] = [];
  if (wanted.includes('sqlite')) dialects.push('sqlite');
  if (pgUrl.url) dialects.push('postgres');
  console.log(`  sqlite    ${dialects.includes('sqlite') ? 'WAL, synchronous=FULL, temporary file' : 'not requested'}`);
  console.log(`  postgres  ${pgUrl.url ? `${await postgresVersion(pgUrl.url)} (${pgUrl.note}), fresh schema, pool of 10` : pgUrl.note}`);
  return { dialects, postgres: pgUrl.url };
}
