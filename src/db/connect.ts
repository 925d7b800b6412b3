import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { SqliteImmediateDialect } from './sqlite-immediate-dialect.ts';

/** The two stores the same code serves. */
export type DialectName = 'sqlite' | 'postgres';

/** An open store: the Kysely instance and what kind of database is behind it. */
export interface Store {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where the data lives: the SQLite file, or the PostgreSQL URL without its password. */
  location: string;
  /** How the store was opened (the PostgreSQL URL and schema, or the SQLite file), for backup and copy. */
  options: StoreOptions;
  /** The SQLite handle, for online backup; undefined on PostgreSQL. */
  sqlite: SQLite.Database | undefined;
  close(): Promise<void>;
}

/** How to open a store: a PostgreSQL URL (optionally with a schema), or an SQLite file. */
export type StoreOptions =
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number }
  | { kind: 'sqlite'; file: string; readonly?: boolean };

// PostgreSQL returns BIGINT (count(*), sums) as text by default; these counts fit a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * Opens a store. SQLite runs in WAL mode with `synchronous=FULL` (a committed letter survives a power cut),
 * foreign keys on, and a busy timeout so that concurrent writers wait rather than fail.
 *
 * @example const store = openStore({ kind: 'sqlite', file: 'var/rapporteur.sqlite' })
 */
export function openStore(options: StoreOptions): Store {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      location: redactUrl(options.url) + (options.schema ? ` (schema ${options.schema})` : ''),
      options,
      sqlite: undefined,
      close: () => db.destroy(),
    };
  }
  if (options.readonly) {
    // For checking a backup without touching it: no journal mode change, no writes.
    const sqlite = new SQLite(options.file, { readonly: true, fileMustExist: true });
    const db = new Kysely<Database>({ dialect: new SqliteImmediateDialect({ database: sqlite }) });
    return { db, dialect: 'sqlite', location: options.file, options, sqlite, close: () => db.destroy() };
  }
  if (options.file !== ':memory:') mkdirSync(join(options.file, '..'), { recursive: true });
  const sqlite = new SQLite(options.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<Database>({ dialect: new SqliteImmediateDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', location: options.file, options, sqlite, close: () => db.destroy() };
}

/** The store options of an installation: PostgreSQL when a URL is set, else the SQLite file in the state directory. */
export function storeOptionsFor(databaseUrl: string | undefined, varDir: string): StoreOptions {
  return databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'sqlite', file: join(varDir, 'rapporteur.sqlite') };
}

/** A PostgreSQL URL with its password hidden, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}
