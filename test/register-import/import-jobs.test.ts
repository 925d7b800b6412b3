// The web's import jobs: an upload waits for its mapping, imports run one at a time with their progress
// kept, and a job is its owner's alone and does not outlive its hours.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { AppError } from '../../src/errors.ts';
import { createImportJob, getImportJob, JOB_HOURS, startImportJob, waitForImportJob } from '../../src/importers/list/import-jobs.ts';
import type { Principal } from '../../src/policies/principal.ts';
import { DIALECTS, testContext } from '../support/stores.ts';

const OFFICER: Principal = { kind: 'staff', name: 'Olga Officer', role: 'case_officer', accountId: 'a1' };
const OTHER: Principal = { kind: 'staff', name: 'Other Officer', role: 'case_officer', accountId: 'a2' };
const HOLDER: Principal = { kind: 'staff', name: 'Alice Jill Edwards', role: 'mandate_holder', accountId: 'a3', mandate: 'sr-torture' };
const SOURCE = { kind: 'ngo_report' as const, label: 'NGO list' };

/** A list of `n` invented persons, of one family, each with a given name of its own. */
function list(n: number, prefix: string): Buffer {
  // Consonants no romanization folds together, between vowels: every given name keys apart.
  const c = 'bdflmnprtv';
  const given = (i: number) => `B${c[Math.floor(i / 1000) % 10]}a${c[Math.floor(i / 100) % 10]}e${c[Math.floor(i / 10) % 10]}o${c[i % 10]}`;
  const rows = Array.from({ length: n }, (_, i) => `${prefix}ov ${given(i)},${1950 + (i % 50)}`);
  return Buffer.from(`name,year\n${rows.join('\n')}\n`);
}

const isCode = (code: string) => (err: unknown) => err instanceof AppError && err.code === code;

for (const dialect of DIALECTS) {
  describe(`import jobs (${dialect})`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let close: () => Promise<void>;
    before(async () => ({ ctx, clock, close } = await testContext(dialect, '2022-01-18T08:00:00Z')));
    after(() => close());

    it('keeps an upload for its mapping, with the guessed mapping and a preview', async () => {
      const job = await createImportJob(ctx, OFFICER, { bytes: Buffer.from('ФИО;Год рождения\nЖанбулатов Нурлан;1985\n'), fileName: '../lists/список.csv', source: SOURCE });
      assert.deepEqual([job.state, job.fileName, job.rowCount], ['mapping', 'список.csv', 1]);
      assert.deepEqual(job.mapping, { name: 'ФИО', birth_year: 'Год рождения' });
      assert.deepEqual(job.preview, [{ row: 2, cells: ['Жанбулатов Нурлан', '1985'] }]);
      assert.throws(() => startImportJob(ctx, OFFICER, job.id, { mapping: { birth_year: 'Год рождения' }, dryRun: false }), isCode('VALIDATION_FAILED'));
      assert.equal(getImportJob(ctx, OFFICER, job.id).state, 'mapping', 'a refused mapping leaves the job where it was');
    });

    it('runs imports one after another, keeping their progress and results', async () => {
      const first = await createImportJob(ctx, OFFICER, { bytes: list(1200, 'Firstlist'), fileName: 'first.csv', source: SOURCE });
      const second = await createImportJob(ctx, OFFICER, { bytes: list(30, 'Secondlist'), fileName: 'second.csv', source: SOURCE });
      const progress: number[] = [];
      startImportJob(ctx, OFFICER, first.id, { mapping: { name: 'name', birth_year: 'year' }, dryRun: false });
      startImportJob(ctx, OFFICER, second.id, { mapping: { name: 'name', birth_year: 'year' }, dryRun: true });
      assert.equal(second.state, 'queued', 'the second waits for the first');
      assert.throws(() => startImportJob(ctx, OFFICER, first.id, { mapping: { name: 'name' }, dryRun: false }), isCode('TRANSITION_INVALID'));
      while (first.state !== 'done') {
        if (first.stage === 'matching') progress.push(first.done);
        await new Promise((resolve) => setImmediate(resolve));
      }
      assert.ok(progress.some((d) => d > 0 && d < 1200), `progress was seen between the chunks: ${progress.join(',')}`);
      assert.equal(first.result?.status, 'imported');
      assert.equal(first.result?.created, 1200);
      assert.equal(first.table, null, 'the file is dropped once imported');
      await waitForImportJob(ctx, OFFICER, second.id);
      assert.deepEqual([second.state, second.result?.status, second.result?.created], ['done', 'checked', 30]);
      assert.notEqual(second.table, null, 'a checked file stays, to be imported');
    });

    it('is its owner’s alone, for case officers only, and gone after its hours', async () => {
      const job = await createImportJob(ctx, OFFICER, { bytes: Buffer.from('name\nA Person\n'), fileName: 'x.csv', source: SOURCE });
      assert.throws(() => getImportJob(ctx, OTHER, job.id), isCode('NOT_FOUND'));
      assert.throws(() => getImportJob(ctx, HOLDER, job.id), isCode('NOT_FOUND'));
      await assert.rejects(() => createImportJob(ctx, HOLDER, { bytes: Buffer.from('name\nA Person\n'), fileName: 'x.csv', source: SOURCE }), isCode('NOT_FOUND'));
      await assert.rejects(() => createImportJob(ctx, OFFICER, { bytes: Buffer.from('name\nA Person\n'), fileName: 'x.csv', source: { kind: 'ngo_report', label: '' } }), isCode('VALIDATION_FAILED'));
      clock.advanceHours(JOB_HOURS + 1);
      await createImportJob(ctx, OTHER, { bytes: Buffer.from('name\nA Person\n'), fileName: 'y.csv', source: SOURCE });
      assert.throws(() => getImportJob(ctx, OFFICER, job.id), isCode('NOT_FOUND'));
    });
  });
}
