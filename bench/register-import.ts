import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { AppContext } from '../src/context.ts';
import { importPersonList } from '../src/importers/list/import-person-list.ts';
import type { World } from './register-data.ts';
import { DETAINEE_LIST_MAPPING, detaineeListCsv } from './register-list-csv.ts';
import { OFFICER } from './register-queries.ts';
import { since } from './stats.ts';

/** What importing the list took. */
export interface ImportResult {
  status: string;
  rows: number;
  fileBytes: number;
  /** Rows that name persons already in the register (spelt otherwise). */
  existingRows: number;
  seconds: number;
  created: number;
  matched: number;
  toReview: number;
  /** Memory after a full collection, before the import (the file is already in memory). */
  baseline: { rss: number; heapUsed: number };
  peakRss: number;
  peakHeap: number;
  /** Heap samples taken: when the import never yields to the event loop, only its progress reports sample. */
  heapSamples: number;
  /** The V8 heap limit of the importing process. */
  heapLimit: number;
}

interface MemorySampler {
  /** Takes a heap sample now. */
  sample(): void;
  /** Forgets the peaks so far (after the baseline is taken). */
  reset(): void;
  /** Stops sampling, and gives the peaks. */
  stop(): Promise<{ peakRss: number; peakHeap: number; heapSamples: number }>;
}

/**
 * Samples the process's resident memory every 50 ms from a worker thread (its own event loop keeps
 * sampling while the main thread is busy), and the main thread's heap when asked and every 50 ms that its
 * event loop allows.
 */
async function memorySampler(): Promise<MemorySampler> {
  const shared = new Float64Array(new SharedArrayBuffer(8));
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const peak = new Float64Array(workerData);
     const tick = () => { const rss = process.memoryUsage.rss(); if (rss > peak[0]) peak[0] = rss; };
     const timer = setInterval(tick, 50);
     tick();
     parentPort.postMessage('ready');
     parentPort.on('message', () => { clearInterval(timer); tick(); parentPort.postMessage('done'); });`,
    { eval: true, workerData: shared.buffer },
  );
  await new Promise((resolve) => worker.once('message', resolve));
  let peakHeap = 0;
  let heapSamples = 0;
  const sample = () => {
    const heap = process.memoryUsage().heapUsed;
    heapSamples++;
    if (heap > peakHeap) peakHeap = heap;
  };
  const timer = setInterval(sample, 50);
  return {
    sample,
    reset: () => {
      shared[0] = 0;
      peakHeap = 0;
      heapSamples = 0;
    },
    stop: async () => {
      clearInterval(timer);
      sample();
      worker.postMessage('stop');
      await new Promise((resolve) => worker.once('message', resolve));
      await worker.terminate();
      return { peakRss: shared[0]!, peakHeap, heapSamples };
    },
  };
}

/**
 * Imports a generated list of `rows` detainees through importPersonList as a case officer (mapping given,
 * no dry run): the time from the file in memory to the committed import, and the peak memory above a
 * baseline taken after a full collection (with --expose-gc) once the file and the sampler exist.
 */
export async function benchImport(
  ctx: AppContext,
  world: World,
  scale: number,
  rows: number,
  progress: (done: number, total: number, heapUsed: number) => void = () => {},
): Promise<ImportResult> {
  const { file, existingRows } = detaineeListCsv(world, scale, rows);
  const sampler = await memorySampler();
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const before = process.memoryUsage();
  const baseline = { rss: before.rss, heapUsed: before.heapUsed };
  sampler.reset();
  const t = performance.now();
  const result = await importPersonList(ctx, OFFICER, {
    file,
    fileName: 'synthetic-detainees-2022.csv',
    format: 'csv',
    mapping: DETAINEE_LIST_MAPPING,
    source: { kind: 'list_import', label: 'Synthetic list of detainees (benchmark)', receivedOn: '2026-01-19' },
    onProgress: (done, total) => {
      sampler.sample();
      progress(done, total, process.memoryUsage().heapUsed);
    },
  });
  const seconds = since(t) / 1000;
  const peaks = await sampler.stop();
  return {
    status: result.status,
    rows: result.rows,
    fileBytes: file.length,
    existingRows,
    seconds,
    created: result.created,
    matched: result.matched,
    toReview: result.toReview,
    baseline,
    peakRss: Math.max(peaks.peakRss, baseline.rss),
    peakHeap: Math.max(peaks.peakHeap, baseline.heapUsed),
    heapSamples: peaks.heapSamples,
    heapLimit: getHeapStatistics().heap_size_limit,
  };
}
