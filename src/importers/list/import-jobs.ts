import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { parseInput } from '../../commands/input.ts';
import { AppError, isAppError } from '../../errors.ts';
import { sanitizeDisplayName } from '../../files/display-name.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { guessMapping, resolveMapping } from './column-mapping.ts';
import { fileSha256, listMappingSchema, listSourceSchema, runListImport, type ImportStage } from './import-person-list.ts';
import type { ListMapping } from './list-fields.ts';
import type { ListTable } from './list-table.ts';
import { readListFile } from './read-list-file.ts';
import type { ListImportResult, ListSource } from './row-report.ts';

/**
 * Import jobs of the web workspace, kept in the server's memory: an upload is read and kept (parsed) while
 * the officer maps its columns; the import then runs in the background, one at a time per server, and its
 * page shows how far it got until the result (with its row report) is there.
 *
 * Kept in memory, not in the database: the uploaded list is personal data that the register holds only
 * once imported (encrypted); a job lives at most {@link JOB_HOURS} hours and is gone after a restart (the
 * officer uploads again). With several application servers, the upload and the pages that follow must reach
 * the same server (sticky sessions), or the job page answers "not found".
 */

/** How long an upload or a result stays, in hours. */
export const JOB_HOURS = 2;
/** Jobs kept per officer (older ones that are not running are dropped). */
const JOBS_PER_OWNER = 3;
/** Jobs kept per server. */
const JOBS_PER_SERVER = 20;
/** Rows shown in the mapping step's preview. */
const PREVIEW_ROWS = 5;

/** Where a job stands. */
export type JobState = 'mapping' | 'queued' | 'running' | 'done' | 'failed';

/** An import job. */
export interface ImportJob {
  id: string;
  owner: string;
  createdAt: number;
  fileName: string;
  format: 'csv' | 'xlsx';
  sha256: string;
  header: string[];
  headerRow: number;
  /** The first rows of the file, as the mapping step shows them. */
  preview: Array<{ row: number; cells: string[] }>;
  rowCount: number;
  source: ListSource;
  /** The guessed mapping, then the one last used. */
  mapping: ListMapping;
  state: JobState;
  stage: ImportStage | null;
  dryRun: boolean;
  done: number;
  total: number;
  result: ListImportResult | null;
  error: AppError | null;
  /** The file as read; dropped once imported. */
  table: ListTable | null;
  /** Settles when the job's run ends (for tests and the CLI-free callers). */
  finished: Promise<void> | null;
}

class ImportJobs {
  readonly jobs = new Map<string, ImportJob>();
  /** Imports run one after another: each holds a large plan in memory and, at the end, the write lock. */
  queue: Promise<void> = Promise.resolve();
}

const registries = new WeakMap<object, ImportJobs>();

function registryOf(ctx: AppContext): ImportJobs {
  let r = registries.get(ctx.store);
  if (!r) registries.set(ctx.store, (r = new ImportJobs()));
  return r;
}

/** Who owns a job: the account, else the principal's name (the CLI's `--as`). */
function ownerOf(principal: Principal): string {
  return principal.kind === 'staff' && principal.accountId ? `account:${principal.accountId}` : `name:${principal.name}`;
}

/** Drops expired jobs, then the owner's and the server's oldest ones beyond the caps (never a running one). */
function prune(ctx: AppContext, registry: ImportJobs, owner: string): void {
  const now = ctx.clock.now().getTime();
  const idle = (j: ImportJob) => j.state !== 'queued' && j.state !== 'running';
  for (const [id, j] of registry.jobs) if (idle(j) && now - j.createdAt > JOB_HOURS * 3600_000) registry.jobs.delete(id);
  const drop = (jobs: ImportJob[], keep: number) => {
    const sorted = jobs.filter(idle).sort((a, b) => a.createdAt - b.createdAt);
    for (const j of sorted.slice(0, Math.max(0, jobs.length - keep))) registry.jobs.delete(j.id);
  };
  drop(
    [...registry.jobs.values()].filter((j) => j.owner === owner),
    JOBS_PER_OWNER - 1,
  );
  drop([...registry.jobs.values()], JOBS_PER_SERVER - 1);
  if (registry.jobs.size >= JOBS_PER_SERVER) throw new AppError('PAYLOAD_TOO_LARGE', 'too many imports are running; try again in a few minutes');
}

/**
 * Reads an uploaded list and keeps it as a job awaiting its column mapping (prefilled by
 * {@link guessMapping}). The file is refused as {@link readListFile} refuses it; the source is checked.
 *
 * @throws AppError NOT_FOUND (not a case officer), FILE_INVALID, PAYLOAD_TOO_LARGE, VALIDATION_FAILED
 */
export async function createImportJob(ctx: AppContext, principal: Principal, upload: { bytes: Buffer; fileName: string; format?: 'csv' | 'xlsx'; source: ListSource }): Promise<ImportJob> {
  authorizeRegister(principal, 'import');
  const source = parseInput(listSourceSchema, upload.source);
  const table = await readListFile(upload.bytes, upload.fileName, upload.format);
  const registry = registryOf(ctx);
  const owner = ownerOf(principal);
  prune(ctx, registry, owner);
  const job: ImportJob = {
    id: randomUUID(),
    owner,
    createdAt: ctx.clock.now().getTime(),
    fileName: sanitizeDisplayName(upload.fileName) || 'list',
    format: table.format,
    sha256: fileSha256(upload.bytes),
    header: table.header,
    headerRow: table.headerRow,
    preview: table.rows.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.row, cells: table.header.map((_, i) => r.cells[i] ?? '') })),
    rowCount: table.rows.length,
    source,
    mapping: guessMapping(table.header),
    state: 'mapping',
    stage: null,
    dryRun: false,
    done: 0,
    total: table.rows.length,
    result: null,
    error: null,
    table,
    finished: null,
  };
  registry.jobs.set(job.id, job);
  return job;
}

/** A job of the principal's; anyone else's (or an expired one) is NOT_FOUND, like a missing page. */
export function getImportJob(ctx: AppContext, principal: Principal, id: string): ImportJob {
  authorizeRegister(principal, 'import');
  const job = registryOf(ctx).jobs.get(id);
  if (!job || job.owner !== ownerOf(principal)) throw new AppError('NOT_FOUND', 'no such import');
  return job;
}

/**
 * Starts a job's check (`dryRun`) or import with a mapping, in the background: the mapping is checked at
 * once (VALIDATION_FAILED, and the job stays where it was); the run then waits for any import before it,
 * and its progress, result or error are kept on the job. A job already imported, queued or running is
 * TRANSITION_INVALID.
 */
export function startImportJob(ctx: AppContext, principal: Principal, id: string, input: { mapping: ListMapping; dryRun: boolean }): ImportJob {
  const job = getImportJob(ctx, principal, id);
  if (job.state === 'queued' || job.state === 'running' || !job.table) throw new AppError('TRANSITION_INVALID', 'this import is running or done');
  const mapping = parseInput(listMappingSchema, input.mapping);
  job.mapping = mapping;
  resolveMapping(job.header, mapping);
  const registry = registryOf(ctx);
  const table = job.table;
  Object.assign(job, { state: 'queued', stage: null, dryRun: input.dryRun, done: 0, total: job.rowCount, result: null, error: null });
  const run = async () => {
    job.state = 'running';
    try {
      const result = await runListImport(
        ctx,
        principal,
        { table, fileName: job.fileName, sha256: job.sha256, mapping, source: job.source, dryRun: input.dryRun },
        {
          yieldBetweenChunks: true,
          onStage: (stage) => {
            job.stage = stage;
            if (stage === 'writing') job.done = 0;
          },
          onProgress: (done, total) => Object.assign(job, { done, total }),
          onWriteProgress: (done, total) => Object.assign(job, { done, total }),
        },
      );
      job.result = result;
      job.state = 'done';
      // Once written, the file is no longer needed: only the result and its report stay.
      if (result.status === 'imported') job.table = null;
    } catch (err) {
      if (!isAppError(err) || err.status >= 500) ctx.logger.error({ err, importJob: job.id }, 'list import failed');
      job.error = isAppError(err) ? err : new AppError('INTERNAL', 'the import failed');
      job.state = 'failed';
    }
  };
  job.finished = registry.queue = registry.queue.then(run, run);
  return job;
}

/** Waits until a job's run has ended (tests; a caller that wants the result rather than the progress page). */
export async function waitForImportJob(ctx: AppContext, principal: Principal, id: string): Promise<ImportJob> {
  const job = getImportJob(ctx, principal, id);
  await job.finished;
  return job;
}
