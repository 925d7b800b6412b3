import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { isoDate, parseInput, text } from '../../commands/input.ts';
import { readAuditHead } from '../../db/repositories/audit-repository.ts';
import { changedSince } from '../../db/repositories/list-import-repository.ts';
import { listPlaces } from '../../db/repositories/register-repository.ts';
import { genevaDate } from '../../domain/geneva-time.ts';
import { SOURCE_KINDS } from '../../domain/register/vocabulary.ts';
import { sanitizeDisplayName } from '../../files/display-name.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { resolveMapping } from './column-mapping.ts';
import { LIST_FIELDS, type ListMapping } from './list-fields.ts';
import type { ListTable } from './list-table.ts';
import { PlaceIndex } from './place-index.ts';
import { planImport, prepareRows } from './plan-import.ts';
import { readListFile } from './read-list-file.ts';
import type { ListImportInput, ListImportResult, ListSource } from './row-report.ts';
import { validateRows } from './validate-rows.ts';
import { writeImport } from './write-import.ts';

export type { ListImportResult, RowReport } from './row-report.ts';
export type { ListField } from './list-fields.ts';

/** Where a source came from, as an import takes it. */
export const listSourceSchema = z
  .object({
    kind: z.enum(SOURCE_KINDS),
    label: text(1000).pipe(z.string().min(1, 'a source needs a description')),
    receivedOn: isoDate.nullish(),
  })
  .strict();

/** A mapping as an import takes it: register field → column name. */
export const listMappingSchema = z.partialRecord(z.enum(LIST_FIELDS), z.string().max(300));

const inputSchema = z.object({
  file: z.instanceof(Buffer, { message: 'a file is required' }),
  fileName: text(300).pipe(z.string().min(1, 'a file name is required')),
  format: z.enum(['csv', 'xlsx']).optional(),
  mapping: listMappingSchema,
  source: listSourceSchema,
  dryRun: z.boolean().optional(),
  onProgress: z.custom<(done: number, total: number) => void>((v) => v === undefined || typeof v === 'function').optional(),
});

/** A list file once read, with what an import of it is asked to do. */
export interface PreparedList {
  table: ListTable;
  fileName: string;
  sha256: string;
  mapping: ListMapping;
  source: ListSource;
  dryRun: boolean;
}

/** Stages of an import, for a progress display. */
export type ImportStage = 'checking' | 'matching' | 'writing';

/** What a long import tells its caller as it goes. */
export interface ImportHooks {
  onStage?: (stage: ImportStage) => void;
  /** Rows matched so far, out of the rows to match. */
  onProgress?: (done: number, total: number) => void;
  /** While writing: records written so far (persons, detentions), out of those to write. */
  onWriteProgress?: (done: number, total: number) => void;
  /** Whether matching lets other requests run between chunks (yes for the web; no need in the CLI). */
  yieldBetweenChunks?: boolean;
}

/** The SHA-256 of a file, as the import records it. */
export function fileSha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Imports a list of persons (CSV or XLSX) into the register, all or nothing:
 * 1. the file is read (FILE_INVALID, PAYLOAD_TOO_LARGE) and the mapping checked against its columns
 *    (VALIDATION_FAILED) — nothing is written for any of these;
 * 2. every row is checked (names, sex, birth year or age, places of the register, dates, status); if any
 *    row is at fault the result is `rejected`, the report names each such row by its number in the file
 *    (header = row 1), and nothing is written;
 * 3. every row is matched against the register and the rows before it ({@link planImport});
 * 4. unless `dryRun` (`checked`: the report says what would happen), everything is written in ONE
 *    transaction with one audit entry ({@link writeImport}): `imported`.
 *
 * Case officers only (register policy `import`); anyone else: NOT_FOUND. `onProgress` is told the rows
 * matched so far.
 *
 * @example
 * const result = await importPersonList(ctx, officer, {
 *   file, fileName: 'list.csv', mapping: { name: 'ФИО', birth_year: 'Год рождения' },
 *   source: { kind: 'ngo_report', label: 'NGO list of 12 January' },
 * }) // { status: 'imported', importId: '…', rows: 120, created: 100, matched: 18, toReview: 2, report: [...] }
 */
export async function importPersonList(
  ctx: AppContext,
  principal: Principal,
  input: ListImportInput,
): Promise<ListImportResult> {
  authorizeRegister(principal, 'import');
  const data = parseInput(inputSchema, input);
  const table = await readListFile(data.file, data.fileName, data.format);
  return runListImport(
    ctx,
    principal,
    { table, fileName: data.fileName, sha256: fileSha256(data.file), mapping: data.mapping, source: data.source, dryRun: data.dryRun === true },
    { ...(data.onProgress ? { onProgress: data.onProgress } : {}) },
  );
}

/**
 * Steps 2 to 4 of {@link importPersonList} on a file already read: what the web's import job runs after
 * the column-mapping step, with its stages reported.
 */
export async function runListImport(ctx: AppContext, principal: Principal, list: PreparedList, hooks: ImportHooks = {}): Promise<ListImportResult> {
  authorizeRegister(principal, 'import');
  const source = parseInput(listSourceSchema, list.source);
  const mapping = parseInput(listMappingSchema, list.mapping);
  const columns = resolveMapping(list.table.header, mapping);
  hooks.onStage?.('checking');
  const places = new PlaceIndex((await listPlaces(ctx.store.db)).map((p) => ({ id: p.id, kind: p.kind, name: p.name, nameLocal: p.name_local })));
  const today = genevaDate(ctx.clock.now());
  const ageYear = Number((source.receivedOn ?? today).slice(0, 4));
  const { rows, errors } = validateRows(list.table, columns, { places, today, ageYear });
  const total = rows.length + errors.length;
  if (errors.length > 0) return { status: 'rejected', importId: null, rows: total, created: 0, matched: 0, toReview: 0, report: errors };

  hooks.onStage?.('matching');
  const prepared = prepareRows(ctx, rows);
  // Every change of the register appends to the audit chain: no entry after this one but reads means no change.
  const seen = (await readAuditHead(ctx.store.db)).lastSeq;
  const plan = await planImport(ctx, ctx.store.db, prepared, { ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}), yieldBetweenChunks: hooks.yieldBetweenChunks ?? false });
  const counts = (p: typeof plan) => ({ rows: total, created: p.created, matched: p.matched + p.unchanged, toReview: p.toReview });
  if (list.dryRun) {
    // Persons a check would create do not exist: the report names only persons already in the register.
    const planned = new Set(plan.newPersons.map((p) => p.id));
    const report = plan.report.map((r) => {
      const { personId, candidateId, ...rest } = r;
      return { ...rest, ...(personId && !planned.has(personId) ? { personId } : {}), ...(candidateId && !planned.has(candidateId) ? { candidateId } : {}) };
    });
    return { status: 'checked', importId: null, ...counts(plan), report };
  }

  hooks.onStage?.('writing');
  const meta = { fileName: sanitizeDisplayName(list.fileName) || 'list', sha256: list.sha256, format: list.table.format, mapping, source, rows: total };
  const { importId, written } = await ctx.store.db.transaction().execute(async (tx) => {
    // The plan was made outside this transaction, so that the rest of the application kept answering and
    // the progress showed. It stands if no command changed anything since it was begun; otherwise it is
    // made again here, where nothing moves (on SQLite the write lock is held; on PostgreSQL a change
    // committed while the import writes is not seen, as with any two commands at once).
    const current = (await changedSince(tx, seen)) ? await planImport(ctx, tx, prepared) : plan;
    return { importId: await writeImport(tx, ctx, principal, current, meta, hooks.onWriteProgress), written: current };
  });
  return { status: 'imported', importId, ...counts(written), report: written.report };
}
