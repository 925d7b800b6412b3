// `rapporteur import-list` as the CLI runs it: the report per row on stdout, an error (exit code 1 in
// `main`) with nothing written when the list is rejected.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Command } from 'commander';
import type { CliEnv } from '../../src/cli/cli-env.ts';
import { parseMapOption, registerListCommands } from '../../src/cli/list-commands.ts';
import { loadConfig } from '../../src/config.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { AppError } from '../../src/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'list-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const clock = new ManualClock('2022-01-18T08:00:00Z');

/** Runs `rapporteur <args>` with only the list command, on the installation in `dir`. */
async function run(args: string[]): Promise<{ out: string; err: unknown }> {
  const lines: string[] = [];
  const env: CliEnv = { io: { out: (s) => lines.push(s), err: (s) => lines.push(s) }, loadConfig: () => loadConfig({ RAPPORTEUR_VAR_DIR: join(dir, 'var') }), clock };
  const program = new Command('rapporteur').exitOverride().option('--as <name>', 'the person acting', 'system');
  registerListCommands(program, env);
  try {
    await program.parseAsync(args, { from: 'user' });
    return { out: lines.join('\n'), err: undefined };
  } catch (err) {
    return { out: lines.join('\n'), err };
  }
}

describe('rapporteur import-list', () => {
  const good = join(dir, 'good.csv');
  const broken = join(dir, 'broken.csv');
  writeFileSync(good, 'ФИО;Год рождения;Пол\nЖанбулатов Нурлан;1985;м\nZhanbulatov Nurlan;1985;m\nТестова Мария;2001;ж\n');
  writeFileSync(broken, 'ФИО;Год рождения\nЖанбулатов Нурлан;1985\n;1990\nТестова Мария;две тысячи\n');
  const map = ['--map', 'name=ФИО,birth_year=Год рождения', '--map', 'sex=Пол'];

  it('reads --map pairs, a comma starting a new pair only before field=', () => {
    assert.deepEqual(parseMapOption(['name=Name, as written,birth_year=Year']), { name: 'Name, as written', birth_year: 'Year' });
    assert.throws(() => parseMapOption(['shoe_size=Size']), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED');
  });

  it('checks with --dry-run, writing nothing', async () => {
    const { out, err } = await run(['import-list', good, ...map, '--source-kind', 'ngo_report', '--source', 'NGO list of 12 Jan', '--dry-run', '--as', 'Olga Officer']);
    assert.equal(err, undefined);
    assert.match(out, /^checked: 3 rows, 2 created, 1 matched, 0 to review/);
  });

  it('imports, printing the counts; a second run creates nothing', async () => {
    const first = await run(['import-list', good, ...map, '--source', 'NGO list of 12 Jan', '--all', '--as', 'Olga Officer']);
    assert.equal(first.err, undefined);
    assert.match(first.out, /^imported \(import [0-9a-f-]{36}\): 3 rows, 2 created, 1 matched, 0 to review/);
    assert.match(first.out, /row 3: matched person [0-9a-f-]{36}/);
    const second = await run(['import-list', good, ...map, '--source', 'NGO list of 12 Jan', '--json', '--as', 'Olga Officer']);
    assert.equal(second.err, undefined);
    const json = JSON.parse(second.out) as { status: string; created: number; matched: number };
    assert.deepEqual([json.status, json.created, json.matched], ['imported', 0, 3]);
  });

  it('rejects a list with broken rows: the rows on stdout, an error (exit code 1) and nothing imported', async () => {
    const { out, err } = await run(['import-list', broken, '--map', 'name=ФИО,birth_year=Год рождения', '--source', 'broken list']);
    assert.ok(err instanceof AppError && err.code === 'VALIDATION_FAILED', String(err));
    assert.match(err.message, /rows 3, 4/);
    assert.match(out, /^rejected: 2 row\(s\) at fault out of 3; nothing imported/);
    assert.match(out, /row 3: error — name: no name/);
    assert.match(out, /row 4: error — birth_year: "две тысячи" is not a year of birth/);
    const dry = await run(['import-list', broken, '--map', 'name=ФИО,birth_year=Год рождения', '--source', 'broken list', '--dry-run']);
    assert.ok(dry.err instanceof AppError, 'a check of a broken list fails too');
    // With only the names mapped, row 3 is blank in every mapped column (skipped), and row 4 is fine.
    const names = await run(['import-list', broken, '--map', 'name=ФИО', '--source', 'broken list', '--dry-run']);
    assert.equal(names.err, undefined);
    assert.match(names.out, /^checked: 2 rows/);
  });

  it('refuses a file it cannot read and a mapping naming no column of the file', async () => {
    const missing = await run(['import-list', join(dir, 'nope.csv'), '--map', 'name=ФИО', '--source', 'x']);
    assert.ok(missing.err instanceof AppError && missing.err.code === 'FILE_INVALID');
    const unmapped = await run(['import-list', good, '--map', 'name=Name', '--source', 'x']);
    assert.ok(unmapped.err instanceof AppError && unmapped.err.code === 'VALIDATION_FAILED');
  });
});
