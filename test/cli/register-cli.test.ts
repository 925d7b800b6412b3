import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { createContext, type AppContext } from '../../src/context.ts';
import { readAuditHead } from '../../src/db/repositories/audit-repository.ts';
import { listFigures } from '../../src/db/repositories/register-repository.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { cliRunner } from '../support/cli.ts';
import { sendNew } from '../support/workflow.ts';

const LETTER = fileURLToPath(new URL('../fixtures/AL-KAZ-1-2022.txt', import.meta.url));

describe('rapporteur register figures', () => {
  let dir: string;
  const clock = new ManualClock('2022-01-18T09:00:00Z');
  const run = cliRunner(() => dir, clock);

  /** Opens the installation the CLI runs on, for the test to look into. */
  async function withStore<T>(use: (ctx: AppContext) => Promise<T>): Promise<T> {
    const ctx = await createContext(loadConfig({ RAPPORTEUR_VAR_DIR: join(dir, 'var') }), { clock, logger: pino({ level: 'silent' }) });
    try {
      return await use(ctx);
    } finally {
      await ctx.store.close();
    }
  }

  /** The figures of the register, and the head of the audit chain: what a run that writes nothing leaves alone. */
  const state = () => withStore(async (ctx) => ({ figures: (await listFigures(ctx.store.db)).map((f) => [f.count, f.part_of_id !== null]), head: await readAuditHead(ctx.store.db) }));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rapporteur-register-cli-'));
    // An installation whose first letter to Kazakhstan in 2022 is AL KAZ 1/2022, and an empty register.
    const reference = await withStore(async (ctx) => (await sendNew(ctx, { subject: 'Protests in Kazakhstan' })).reference);
    assert.equal(reference, 'AL KAZ 1/2022');
    clock.set(new Date('2022-01-20T09:00:00Z'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('without --confirm: lists the letter’s figures as they would be recorded, and writes nothing', async () => {
    const before = await state();
    const r = await run('register', 'figures', LETTER, '--communication', 'AL KAZ 1/2022');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Figures stated in AL KAZ 1\/2022 \(allegation letter\): 24 of 24$/m);
    assert.match(r.out, /^ {2}7 {2}over 200 detained, people — Interior Ministry — 2022-01-05 \(vague\) — kazakhstan {2}→ over 200 detained\/all {2}\[to record\]$/m);
    assert.match(r.out, /^ 14 {2}over 9,900 detained, people — Interior Ministry — 2022-01-11 — kazakhstan {2}→ over 9900 detained\/all {2}\[to record\]$/m);
    assert.match(r.out, /^ 23 {2}446 detained with court authorization, people — Prosecutor General's Office — 2022-01-15 — kazakhstan {2}→ 446 detained_with_court_authorization\/all/m);
    assert.equal((r.out.match(/\[to record\]/g) ?? []).length, 24);
    assert.match(r.out, /nothing recorded: run again with --confirm to record 24 figure\(s\)/);
    assert.deepEqual(await state(), before);
    assert.deepEqual(before.figures, []);

    const json = await run('register', 'figures', LETTER, '--json');
    assert.equal(json.code, 0, json.err);
    const plan = JSON.parse(json.out) as { communication: { reference: string }; figures: Array<{ number: number; figure: { count: number; originKey: string; reported: { vague: boolean } }; existingId: string | null }> };
    assert.equal(plan.communication.reference, 'AL KAZ 1/2022', 'the letter’s own reference when --communication is not given');
    assert.deepEqual(
      plan.figures.map((f) => f.number),
      Array.from({ length: 24 }, (_, i) => i + 1),
    );
    assert.equal(plan.figures[13]?.figure.count, 9900);
    assert.equal(plan.figures[13]?.figure.reported.vague, false);
    assert.ok(plan.figures.every((f) => /^[0-9a-f]{64}$/.test(f.figure.originKey) && f.existingId === null));
    assert.deepEqual(await state(), before);
  });

  test('with --confirm --only: records those figures, a part with the figure it is part of', async () => {
    const r = await run('register', 'figures', LETTER, '--communication', 'AL-KAZ-1-2022', '--confirm', '--only', '18,19');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^recorded {2}18 {2}225 killed, people — Prosecutor General's Office — 2022-01-15 — kazakhstan {2}→ 225 killed\/all {2}[0-9a-f-]{36}$/m);
    assert.match(r.out, /^recorded {2}19 {2}19 killed, security forces/m);
    assert.match(r.out, /^2 figure\(s\) recorded, 0 already in the register \(AL KAZ 1\/2022 \(allegation letter\)\)$/m);
    // Both were recorded in the same instant: compare them in count order, not in the order of their ids.
    assert.deepEqual(
      [...(await state()).figures].sort((a, b) => Number(b[0]) - Number(a[0])),
      [
        [225, false],
        [19, true],
      ],
    );
  });

  test('with --confirm: records the others, says which were there already; a second run records none', async () => {
    const first = await run('register', 'figures', LETTER, '--communication', 'AL KAZ 1/2022', '--confirm');
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /^22 figure\(s\) recorded, 2 already in the register/m);
    assert.match(first.out, /^already {3}18 {2}225 killed, people {2}[0-9a-f-]{36}$/m);
    const after = await state();
    assert.equal(after.figures.length, 24);
    assert.equal(after.figures.filter(([, part]) => part).length, 3, '19 of 225, 3,393 of 4,353, 446 of 672');

    const second = await run('register', 'figures', LETTER, '--confirm');
    assert.equal(second.code, 0, second.err);
    assert.match(second.out, /^0 figure\(s\) recorded, 24 already in the register/m);
    assert.doesNotMatch(second.out, /^recorded/m);
    assert.deepEqual(await state(), after, 'nothing written');

    const shown = await run('register', 'figures', LETTER);
    assert.equal((shown.out.match(/\[already in the register\]/g) ?? []).length, 24);
    assert.match(shown.out, /to record 0 figure\(s\)/);
  });

  test('bad input: a code on stderr, a non-zero exit, and nothing written', async () => {
    const before = await state();
    const cases: Array<[string[], number, RegExp]> = [
      [['register', 'figures', LETTER, '--only', '25'], 1, /error VALIDATION_FAILED: --only: "25" is not a figure of the list \(1 to 24\)/],
      [['register', 'figures', LETTER, '--only', 'two', '--confirm'], 1, /error VALIDATION_FAILED: --only/],
      [['register', 'figures', LETTER, '--communication', 'AL KAZ 9/2022', '--confirm'], 1, /error NOT_FOUND/],
      [['register', 'figures', LETTER, '--communication', '0b7c1e2a-4a8f-4b7e-9d6c-2f1e3a4b5c6d', '--confirm'], 1, /error VALIDATION_FAILED: communicationId: no such communication/],
      [['register', 'figures', join(dir, 'missing.txt')], 1, /error /],
      [['register', 'figures'], 2, /missing required argument/],
    ];
    for (const [argv, code, message] of cases) {
      const r = await run(...argv);
      assert.equal(r.code, code, `${argv.join(' ')}: ${r.err}`);
      assert.match(r.err, message, argv.join(' '));
    }
    assert.deepEqual(await state(), before);
  });
});

describe('rapporteur register figures on the demo', () => {
  let dir: string;
  const run = cliRunner(() => dir, new ManualClock('2026-11-29T09:00:00Z'));
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rapporteur-register-demo-cli-'));
    const demo = await run('demo', '--count', '3');
    assert.equal(demo.code, 0, demo.err);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the demo confirmed the letter’s figures through the same path: confirming the letter’s file records none', async () => {
    const r = await run('register', 'figures', LETTER, '--confirm');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^0 figure\(s\) recorded, 24 already in the register \(AL KAZ 1\/2022 \(allegation letter\)\)$/m);
  });
});
