import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { AppError } from '../errors.ts';

/** Where the CLI writes: standard output for results, standard error for messages. Tests capture both. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/** The process's own streams. */
export const processIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** Formats rows as an aligned plain-text table. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Opens a file that must not exist yet: an export never overwrites (CONFLICT), and an unwritable path is FILE_INVALID. */
export async function openNewFile(file: string): Promise<Writable> {
  const stream = createWriteStream(file, { flags: 'wx' });
  try {
    await once(stream, 'open');
    return stream;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new AppError('CONFLICT', `${file} already exists; an export never overwrites a file`, { file });
    throw new AppError('FILE_INVALID', `cannot write ${file} (${code ?? 'error'})`, { file });
  }
}

/** Writes a file that must not exist yet: CONFLICT if it does, FILE_INVALID if it cannot be written. */
export async function writeNewFile(file: string, body: string | Buffer): Promise<void> {
  try {
    await writeFile(file, body, { flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new AppError('CONFLICT', `${file} already exists; it is not overwritten`, { file });
    throw new AppError('FILE_INVALID', `cannot write ${file} (${code ?? 'error'})`, { file });
  }
}

