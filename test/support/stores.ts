import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { createContext, type AppContext } from '../../src/context.ts';
import type { StoreOptions } from '../../src/db/connect.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { loadKeyring, type Keyring } from '../../src/security/keys.ts';
import { attachmentSettings } from '../../src/files/attachment-limits.ts';

let keyring: Keyring | undefined;

/**
 * The keys of this test file's installation: generated once per test file (each runs in its own process) in
 * a temporary state directory of its own, never in the developer's `var/keys`.
 */
export function testKeys(): Keyring {
  if (!keyring) {
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-keys-'));
    try {
      keyring = loadKeyring(dir, {});
    } finally {
      // The keys are in memory from here on; the files are not needed again.
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return keyring;
}

/** The dialects a data-layer test runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const DIALECTS: ReadonlyArray<'sqlite' | 'postgres'> = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** A fresh, empty store of one dialect, private to the caller, and how to throw it away. */
export interface TestStore {
  options: StoreOptions;
  drop(): Promise<void>;
}

/**
 * Makes a fresh store: an SQLite file in a new temporary directory, or a new PostgreSQL schema in the
 * test database, so that test files can run in parallel without seeing each other's rows.
 */
export async function freshStore(dialect: 'sqlite' | 'postgres'): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-test-'));
    return { options: { kind: 'sqlite', file: join(dir, 'rapporteur.sqlite') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await withClient(url, (c) => c.query(`create schema ${schema}`));
  return {
    options: { kind: 'postgres', url, schema },
    drop: () => withClient(url, (c) => c.query(`drop schema if exists ${schema} cascade`)).then(() => undefined),
  };
}

async function withClient<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A context on a fresh store with a manual clock (default: the reference letter's date). */
export async function testContext(
  dialect: 'sqlite' | 'postgres',
  start = '2022-01-18T08:00:00Z',
): Promise<{ ctx: AppContext; clock: ManualClock; store: TestStore; close(): Promise<void> }> {
  const store = await freshStore(dialect);
  const clock = new ManualClock(start);
  const filesDir = mkdtempSync(join(tmpdir(), 'rapporteur-files-'));
  const ctx = await createContext(loadConfig({}), { store: store.options, clock, logger: pino({ level: 'silent' }), keys: testKeys(), files: attachmentSettings(filesDir, {}) });
  return {
    ctx,
    clock,
    store,
    close: async () => {
      await ctx.store.close();
      await store.drop();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

