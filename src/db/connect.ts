import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { PRECOMPILED_SQL } from './repositories/precompiled.ts';
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
      // A query is written to the server as soon as it is issued, not once the one before it has been
      // answered: a command sends the statements it runs together (runTogether) in one round trip. Each
      // keeps its own sync point, so errors and results stay per statement; Kysely itself still issues one
      // statement at a time.
      pipeline: true,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
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
  // A larger page cache (64 MiB instead of 2 MiB) keeps the indexes a command touches in memory once the
  // register holds tens of thousands of letters; sorts and temporary indexes stay in memory.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  // The WAL is copied back into the database file when it holds this many pages (40 MiB; SQLite's default is
  // 1,000). A command writes some twenty pages, mostly the same hot ones (the audit chain's head and tail,
  // the newest history and index pages): a longer log copies each of them once for many commands, and
  // syncs the database file less often. Every commit is still synced to the WAL (synchronous=FULL).
  sqlite.pragma('wal_autocheckpoint = 10000');
  const db = new Kysely<Database>({ dialect: new SqliteImmediateDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', location: options.file, options, sqlite, close: () => db.destroy() };
}

// Statements kept prepared per SQLite handle; a command runs about twenty distinct ones, the lists a few more.
const STATEMENT_CACHE_SIZE = 256;

/**
 * The SQLite handle as Kysely's driver sees it, with prepared statements reused by their SQL text: the
 * driver prepares every query afresh, and preparing (parsing, planning) costs more than running the short
 * queries of a command. A statement still iterating (a streamed query) is never handed out twice.
 */
function withStatementCache(sqlite: SQLite.Database): Pick<SQLite.Database, 'prepare' | 'close'> {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare: ((source: string) => {
      const hit = cache.get(source);
      if (hit && !hit.busy) {
        // Re-inserted so that the map's order is least recently used first.
        cache.delete(source);
        cache.set(source, hit);
        return hit;
      }
      const stmt = sqlite.prepare(source);
      if (!hit) {
        cache.set(source, stmt);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    }) as SQLite.Database['prepare'],
    close: () => {
      cache.clear();
      return sqlite.close();
    },
  };
}

/**
 * The PostgreSQL pool as Kysely's driver sees it, with the repositories' precompiled statements (the load,
 * update, history and audit statements of every command) prepared once per connection under a name: the
 * server then skips parsing and planning them afresh at each run. Other statements (lists, with their
 * varying filters) stay unnamed, so the set of names per connection is bounded.
 */
function withNamedStatements(pool: pg.Pool): PostgresPool {
  // One wrapper per client, so that Kysely's driver recognises a client it has seen before.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // The statements a command issues together are written to the socket together: held back until the
    // current tick ends, they go out in one write (a system call per statement costs more than the
    // statement's own bytes).
    const stream = (client as unknown as pg.Client).connection.stream;
    let corked = false;
    const uncork = () => {
      corked = false;
      stream.uncork();
    };
    return {
      // A connection still inside a transaction (a command that failed and could not roll back, e.g. on a
      // broken connection) is closed rather than handed to the next user of the pool.
      release: (destroy?: boolean) => {
        const status = client.getTransactionStatus();
        client.release(destroy || status === 'T' || status === 'E');
      },
      query: ((text: unknown, values?: unknown[]) => {
        if (!corked) {
          corked = true;
          stream.cork();
          process.nextTick(uncork);
        }
        if (typeof text === 'string' && PRECOMPILED_SQL.has(text)) return query({ name: statementName(text), text, values });
        return values === undefined ? query(text) : query(text, values);
      }) as PostgresPoolClient['query'],
    };
  };
  return {
    connect: async () => {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) wrappers.set(client, (wrapper = wrap(client)));
      return wrapper;
    },
    end: () => pool.end(),
  };
}

const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `r_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`));
  return name;
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
