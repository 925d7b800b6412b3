import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { devNull } from 'node:os';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { AppError, isAppError } from '../../errors.ts';
import type { StoreOptions } from '../connect.ts';
import { fsyncPath, pgConnection, runPgTool, tempPathBeside } from './backup-store.ts';

/** Options of {@link restoreStore}. */
export interface RestoreOptions {
  /** Replace a target that already holds communications (its data is lost). */
  force?: boolean;
}

/** What {@link restoreStore} restored. */
export interface RestoreResult {
  /** The SQLite file, or the PostgreSQL schema restored into. */
  target: string;
}

// Tables without which a file is not a Rapporteur store (the rest follow from the migrations).
const REQUIRED_TABLES = ['communications', 'audit_log', 'audit_head'] as const;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const PGDUMP_MAGIC = Buffer.from('PGDMP', 'latin1');

/**
 * Restores a backup made by `backupStore` into a store. Nothing is changed unless the file is a sound
 * backup of this application (FILE_INVALID otherwise) and the target holds no communication
 * (STORE_NOT_EMPTY) — unless `force` is given. The server must not be running on the target.
 *
 * SQLite: the file is checked (SQLite header, `PRAGMA integrity_check`, our tables), copied beside the
 * target and renamed over it, so the target is either the old store or the restored one, never half of
 * each. PostgreSQL: a custom-format dump is read through once to prove it complete, then restored with
 * `pg_restore --clean --if-exists` in a single transaction, into the schema it was taken from (which must be
 * the target's schema, or `public` when the target names none).
 *
 * @example await restoreStore({ kind: 'sqlite', file: 'var/rapporteur.sqlite' }, 'backups/2022-01-18.sqlite')
 */
export async function restoreStore(target: StoreOptions, file: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new AppError('FILE_INVALID', `${file}: no such backup file`, { file });
  return target.kind === 'sqlite' ? restoreSqlite(target.file, file, options) : restorePostgres(target, file, options);
}

async function restoreSqlite(targetFile: string, file: string, options: RestoreOptions): Promise<RestoreResult> {
  if (targetFile === ':memory:') throw new AppError('VALIDATION_FAILED', 'cannot restore into an in-memory store');
  const target = resolve(targetFile);
  if (!startsWith(file, SQLITE_MAGIC)) throw new AppError('FILE_INVALID', `${file} is not an SQLite database`, { file });
  const tmp = tempPathBeside(target);
  try {
    // The copy goes through SQLite's backup API, so a source with a -wal beside it is copied whole; the
    // checks then run on the copy itself, which is exactly what is put in place.
    const source = openSqliteBackup(file);
    try {
      await source.backup(tmp);
    } catch (err) {
      throw new AppError('FILE_INVALID', `${file} is not a readable SQLite database: ${message(err)}`, { file });
    } finally {
      source.close();
    }
    checkSqliteStore(tmp, file);
    if (!options.force && existsSync(target)) refuseNonEmptySqlite(target);
    fsyncPath(tmp);
    // A stale journal beside the new file would be replayed into it: remove them before the rename.
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(target + suffix, { force: true });
    renameSync(tmp, target);
    fsyncPath(dirname(target));
  } finally {
    rmSync(tmp, { force: true });
  }
  return { target };
}

/** Opens a backup read-only; an unreadable file is FILE_INVALID. */
function openSqliteBackup(file: string): SQLite.Database {
  try {
    return new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new AppError('FILE_INVALID', `${file} cannot be opened as an SQLite database: ${message(err)}`, { file });
  }
}

/** Checks that an SQLite file is sound and holds our schema, else FILE_INVALID naming the original file. */
function checkSqliteStore(path: string, shown: string): void {
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(path, { fileMustExist: true });
    // The copy keeps the source's journal mode; a rollback journal leaves no -wal or -shm behind.
    db.pragma('journal_mode = DELETE');
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length > 0) {
      throw new AppError('FILE_INVALID', `${shown} is damaged: ${problems.slice(0, 3).join('; ')}`, { file: shown });
    }
    const present = new Set(
      (db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((r) => r.name),
    );
    const missing = REQUIRED_TABLES.filter((t) => !present.has(t));
    if (missing.length > 0) {
      throw new AppError('FILE_INVALID', `${shown} is an SQLite database but not a Rapporteur store (no ${missing.join(', ')} table)`, { file: shown });
    }
  } catch (err) {
    if (isAppError(err)) throw err;
    throw new AppError('FILE_INVALID', `${shown} is not a sound SQLite database: ${message(err)}`, { file: shown });
  } finally {
    db?.close();
  }
}

/** STORE_NOT_EMPTY when an existing SQLite target holds communications. */
function refuseNonEmptySqlite(target: string): void {
  let db: SQLite.Database | undefined;
  let count = 0;
  try {
    db = new SQLite(target, { readonly: true, fileMustExist: true });
    const table = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'communications'").get();
    if (table) count = (db.prepare('select count(*) as n from communications').get() as { n: number }).n;
  } catch (err) {
    throw new AppError('STORE_NOT_EMPTY', `${target} exists and cannot be read (${message(err)}); use force to replace it`);
  } finally {
    db?.close();
  }
  if (count > 0) {
    throw new AppError('STORE_NOT_EMPTY', `${target} already holds ${count} communication(s); use force to replace them`, { communications: count });
  }
}

async function restorePostgres(
  target: Extract<StoreOptions, { kind: 'postgres' }>,
  file: string,
  options: RestoreOptions,
): Promise<RestoreResult> {
  if (!startsWith(file, PGDUMP_MAGIC)) {
    throw new AppError('FILE_INVALID', `${file} is not a PostgreSQL custom-format dump (pg_dump --format=custom)`, { file });
  }
  const schema = target.schema ?? 'public';
  const { url, env } = pgConnection(target.url);
  let toc: string;
  try {
    toc = await runPgTool('pg_restore', ['--list', file], env);
    // Reading the whole dump (to nowhere) proves it complete before anything in the database is dropped.
    await runPgTool('pg_restore', [`--file=${devNull}`, file], env);
  } catch (err) {
    throw new AppError('FILE_INVALID', `${file} is not a complete PostgreSQL dump: ${message(err)}`, { file });
  }
  const schemas = dumpedSchemas(toc);
  if (!schemas.has(schema)) {
    const found = [...schemas].join(', ');
    throw new AppError(
      'FILE_INVALID',
      found
        ? `${file} holds the store of schema ${found}, not ${schema}: restore it into that schema`
        : `${file} is a PostgreSQL dump but not of a Rapporteur store (no ${REQUIRED_TABLES.join(', ')} tables)`,
      { file },
    );
  }
  if (!options.force) await refuseNonEmptyPostgres(target.url, schema);
  await runPgTool(
    'pg_restore',
    ['--no-owner', '--no-privileges', '--clean', '--if-exists', '--single-transaction', `--dbname=${url}`, file],
    env,
  );
  return { target: schema };
}

/** The schemas in which a dump's table of contents holds all of our required tables. */
function dumpedSchemas(toc: string): Set<string> {
  const tables = new Map<string, Set<string>>();
  for (const line of toc.split('\n')) {
    // e.g. "215; 1259 16390 TABLE t_0a1b communications postgres"
    const m = /^\d+; \d+ \d+ TABLE (\S+) (\S+) /.exec(line);
    if (!m) continue;
    const [, schema = '', name = ''] = m;
    if (!tables.has(schema)) tables.set(schema, new Set());
    tables.get(schema)?.add(name);
  }
  return new Set([...tables].filter(([, names]) => REQUIRED_TABLES.every((t) => names.has(t))).map(([s]) => s));
}

/** STORE_NOT_EMPTY when the target schema holds communications. */
async function refuseNonEmptyPostgres(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const qualified = `${quoteIdent(schema)}.communications`;
    const exists = await client.query<{ t: string | null }>('select to_regclass($1)::text as t', [qualified]);
    if (!exists.rows[0]?.t) return;
    const { rows } = await client.query<{ n: string }>(`select count(*)::text as n from ${qualified}`);
    const count = Number(rows[0]?.n ?? 0);
    if (count > 0) {
      throw new AppError('STORE_NOT_EMPTY', `schema ${schema} already holds ${count} communication(s); use force to replace them`, {
        communications: count,
      });
    }
  } finally {
    await client.end();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** True when a file begins with the given bytes. */
function startsWith(file: string, magic: Buffer): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(magic.length);
    const n = readSync(fd, head, 0, magic.length, 0);
    return n === magic.length && head.equals(magic);
  } finally {
    closeSync(fd);
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
