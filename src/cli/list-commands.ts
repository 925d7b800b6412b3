import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { SOURCE_KINDS, type SourceKind } from '../domain/register/vocabulary.ts';
import { AppError } from '../errors.ts';
import { importPersonList } from '../importers/list/import-person-list.ts';
import { isListField, LIST_FIELDS, type ListMapping } from '../importers/list/list-fields.ts';
import { LIST_LIMITS } from '../importers/list/list-limits.ts';
import { formatReport } from '../importers/list/row-report.ts';
import { principalOf, withContext, type CliEnv } from './cli-env.ts';

/**
 * The mapping given as `--map field=Column,field=Column` (repeatable): a comma starts a new pair only when
 * a field name and "=" follow it, so column names may hold commas.
 *
 * @example parseMapOption(['name=ФИО,birth_year=Год рождения']) // { name: 'ФИО', birth_year: 'Год рождения' }
 * @throws AppError VALIDATION_FAILED for a pair that is not `field=Column` or an unknown field
 */
export function parseMapOption(values: readonly string[]): ListMapping {
  const out: ListMapping = {};
  for (const value of values) {
    for (const pair of value.split(/,(?=\s*[a-z_]+\s*=)/)) {
      const m = /^\s*([a-z_]+)\s*=(.*)$/s.exec(pair);
      if (!m) throw new AppError('VALIDATION_FAILED', `--map: "${pair}" is not field=Column`, { field: 'mapping' });
      const field = m[1]!;
      if (!isListField(field)) throw new AppError('VALIDATION_FAILED', `--map: "${field}" is not a field (${LIST_FIELDS.join(', ')})`, { field: 'mapping' });
      out[field] = m[2]!.trim();
    }
  }
  return out;
}

/**
 * `import-list FILE --map field=Column,… --source-kind KIND --source LABEL [--received-on DATE] [--dry-run]`:
 * imports a list of persons (CSV or XLSX) into the register, all or nothing, and prints the report per
 * row (rows at fault and rows left for review; `--all` prints every row, `--json` the whole result). Exit
 * code 1 when the list is rejected (nothing imported) or cannot be read.
 */
export function registerListCommands(program: Command, env: CliEnv): void {
  program
    .command('import-list')
    .description('import a list of persons (CSV or XLSX) into the case register: all rows or none, matched with the persons already there')
    .argument('<file>', 'the list: .csv (UTF-8) or .xlsx, the first row naming the columns')
    .requiredOption('--map <pairs...>', `which column holds which field, as field=Column,… (fields: ${LIST_FIELDS.join(', ')})`)
    .addOption(new Option('--source-kind <kind>', 'the kind of source').choices(SOURCE_KINDS.filter((k) => k !== 'list_import')).default('ngo_report'))
    .requiredOption('--source <label>', 'who sent the list, and which list it is ("NGO list of 12 January 2022")')
    .option('--received-on <date>', 'when the list was received (YYYY-MM-DD)')
    .addOption(new Option('--format <format>', 'the file format (default: from the name)').choices(['csv', 'xlsx']))
    .option('--dry-run', 'check and match every row, and say what an import would do, writing nothing')
    .option('--all', 'print every row of the report, not only rows at fault and rows to review')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        file: string,
        o: { map: string[]; sourceKind: SourceKind; source: string; receivedOn?: string; format?: 'csv' | 'xlsx'; dryRun?: boolean; all?: boolean; json?: boolean },
        cmd: Command,
      ) => {
        const mapping = parseMapOption(o.map);
        let bytes: Buffer;
        try {
          bytes = await readFile(file);
        } catch (err) {
          throw new AppError('FILE_INVALID', `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file });
        }
        if (bytes.length > LIST_LIMITS.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `${file} is larger than ${LIST_LIMITS.maxBytes / (1024 * 1024)} MB`);
        await withContext(env, async (ctx) => {
          const result = await importPersonList(ctx, principalOf(cmd), {
            file: bytes,
            fileName: basename(file),
            ...(o.format ? { format: o.format } : {}),
            mapping,
            source: { kind: o.sourceKind, label: o.source, receivedOn: o.receivedOn ?? null },
            dryRun: o.dryRun === true,
          });
          env.io.out(o.json ? JSON.stringify(result, null, 2) : formatReport(result, o.all === true));
          if (result.status === 'rejected') {
            throw new AppError('VALIDATION_FAILED', `list rejected: ${result.report.length} row(s) at fault (rows ${result.report.map((r) => r.row).slice(0, 20).join(', ')}${result.report.length > 20 ? ', …' : ''}); nothing imported`, { field: 'rows' });
          }
        });
      },
    );
}
