import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StoreOptions } from '../src/db/connect.ts';
import type { ImportResult } from './register-import.ts';

/** What the importing process is asked to do. */
export interface ImportJob {
  store: StoreOptions;
  /** The directory of the installation keys the register was loaded under. */
  keyDir: string;
  clock: string;
  scale: number;
  rows: number;
}

/** What the importing process reports. */
export type ImportMessage =
  | { kind: 'ready' }
  | { kind: 'progress'; done: number; total: number; heapUsed: number }
  | { kind: 'result'; result: ImportResult }
  | { kind: 'error'; message: string };

/** The import's figures, or why there are none (and how far matching had gone). */
export type ImportOutcome =
  | { ok: true; result: ImportResult }
  | { ok: false; reason: string; lastProgress: { done: number; total: number; heapUsed: number } | null; seconds: number };

/**
 * Runs the list import in a child process on the same store (the benchmark's own connection stays open but
 * idle meanwhile): memory is then measured for the import alone, and an import that exhausts its heap
 * (the default V8 limit, as a server would run it) is reported instead of ending the benchmark.
 */
export function runImportApart(job: ImportJob): Promise<ImportOutcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = fork(fileURLToPath(new URL('./register-import-worker.ts', import.meta.url)), [], {
      execArgv: ['--expose-gc', '--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let outcome: ImportOutcome | undefined;
    let lastProgress: { done: number; total: number; heapUsed: number } | null = null;
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-4000);
    });
    child.on('message', (m: ImportMessage) => {
      if (m.kind === 'ready') child.send({ ...job } satisfies ImportJob);
      else if (m.kind === 'progress') lastProgress = m;
      else if (m.kind === 'result') outcome = { ok: true, result: m.result };
      else outcome = { ok: false, reason: m.message, lastProgress, seconds: (performance.now() - started) / 1000 };
    });
    child.on('exit', (code, signal) => {
      if (outcome) return resolve(outcome);
      const oom = /heap out of memory|Allocation failed/i.test(stderr);
      const reason = oom ? 'the importing process ran out of heap memory' : `the importing process ended (code ${code ?? '-'}, signal ${signal ?? '-'}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
      resolve({ ok: false, reason, lastProgress, seconds: (performance.now() - started) / 1000 });
    });
  });
}
