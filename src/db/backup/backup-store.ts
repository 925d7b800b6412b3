import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { AppError } from '../../errors.ts';
import type { Store } from '../connect.ts';

/**
 * Writes a backup of a store to a new file, which it never overwrites (CONFLICT if it exists).
 *
 * SQLite: the online backup API copies the pages of a consistent snapshot while the server keeps
 * writing, and the copy is switched to a rollback journal so that the backup is one self-contained file.
 * PostgreSQL: `pg_dump` in custom format (restorable with `pg_restore`), limited to the store's schema
 * when it has one, without owners or privileges so that it restores under any role.
 *
 * The backup is written to a temporary file beside the target and put in place only once complete, so a
 * failed backup leaves nothing behind.
 *
 * @example await backupStore(ctx.store, 'backups/rapporteur-2022-01-18.sqlite') // { file, bytes }
 */
export async function backupStore(store: Store, file: string): Promise<{ file: string; bytes: number }> {
  const target = resolve(file);
  if (existsSync(target)) throw new AppError('CONFLICT', `${file} already exists; a backup never overwrites a file`, { file });
  if (!existsSync(dirname(target))) throw new AppError('VALIDATION_FAILED', `the directory of ${file} does not exist`, { file });
  const tmp = tempPathBeside(target);
  try {
    if (store.options.kind === 'sqlite') {
      if (!store.sqlite) throw new AppError('INTERNAL', 'an SQLite store without its SQLite handle');
      await store.sqlite.backup(tmp);
      selfContained(tmp);
    } else {
      const { url, env } = pgConnection(store.options.url);
      const args = ['--format=custom', '--no-owner', '--no-privileges', `--file=${tmp}`];
      if (store.options.schema) args.push(`--schema=${quotePattern(store.options.schema)}`);
      args.push(`--dbname=${url}`);
      await runPgTool('pg_dump', args, env);
    }
    fsyncPath(tmp);
    putInPlace(tmp, target, file);
  } finally {
    rmSync(tmp, { force: true });
  }
  return { file: target, bytes: statSync(target).size };
}

/** Switches a fresh SQLite backup from WAL to a rollback journal, so that it needs no -wal or -shm beside it. */
function selfContained(file: string): void {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** Moves a finished file to its name without ever replacing an existing file (a hard link fails if the name is taken). */
function putInPlace(tmp: string, target: string, shown: string): void {
  try {
    linkSync(tmp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new AppError('CONFLICT', `${shown} already exists; a backup never overwrites a file`, { file: shown });
    // Some file systems have no hard links; fall back to a rename after one more check.
    if (existsSync(target)) throw new AppError('CONFLICT', `${shown} already exists; a backup never overwrites a file`, { file: shown });
    renameSync(tmp, target);
  }
  fsyncPath(dirname(target));
}

/**
 * A name for a temporary file in the same directory as `file` (so that the final rename is atomic), hidden
 * and unique.
 */
export function tempPathBeside(file: string): string {
  return join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Flushes a file or directory to disk; directories cannot be fsynced on every platform, which is harmless. */
export function fsyncPath(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // best effort: the data is written either way
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * A PostgreSQL URL for the client tools, with any password moved to `PGPASSWORD` so that it does not
 * appear in the process list.
 */
export function pgConnection(rawUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  try {
    const u = new URL(rawUrl);
    if (u.password) {
      env.PGPASSWORD = decodeURIComponent(u.password);
      u.password = '';
    }
    return { url: u.toString(), env };
  } catch {
    return { url: rawUrl, env };
  }
}

/** A schema name as a pg_dump pattern that matches exactly that name (double quotes turn off wildcards). */
function quotePattern(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Runs a PostgreSQL client tool without a shell and resolves with its standard output; a failure is an
 * INTERNAL error carrying the tool's own message (the tail of its standard error).
 */
export function runPgTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      const hint = e.code === 'ENOENT' ? `${tool} was not found: install the PostgreSQL client tools` : e.message;
      reject(new AppError('INTERNAL', hint, { tool }));
    });
    child.on('close', (code, signal) => {
      if (code === 0) resolvePromise(Buffer.concat(out).toString('utf8'));
      else reject(new AppError('INTERNAL', `${tool} failed (${signal ?? `exit ${code}`}): ${err.trim()}`, { tool }));
    });
  });
}
