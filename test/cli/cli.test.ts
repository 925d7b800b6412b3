import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { cliRunner } from '../support/cli.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the rapporteur command', () => {
  let dir: string;
  const clock = new ManualClock('2026-11-29T09:00:00Z');
  const run = cliRunner(() => dir, clock);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rapporteur-cli-'));
    const demo = await run('demo', '--count', '25');
    assert.equal(demo.code, 0, demo.err);
    assert.match(demo.out, /demo loaded: 26 communications/);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('shows the reference letter by its reference, in any written form', async () => {
    for (const ref of ['AL KAZ 1/2022', 'al kaz 1/2022', 'AL-KAZ-1-2022']) {
      const r = await run('communications', 'show', ref);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^AL KAZ 1\/2022 {4}JAL/);
      assert.match(r.out, /Addressee: {4}Kazakhstan \(KAZ\)/);
      assert.match(r.out, /Sent: {9}2022-01-18/);
      assert.match(r.out, /Signing mandates \(8\):/);
      assert.match(r.out, /Questions \(8\):/);
      assert.doesNotMatch(r.out, /SYNTHETIC/);
    }
    const json = JSON.parse((await run('communications', 'show', 'AL KAZ 1/2022', '--json')).out) as {
      mandates: Array<{ slug: string }>;
      questions: string[];
      publicationStatus: string;
      synthetic: boolean;
    };
    assert.deepEqual(json.mandates.map((m) => m.slug), ['sr-assembly', 'wgad', 'wgeid', 'sr-executions', 'sr-expression', 'sr-defenders', 'sr-terrorism', 'sr-torture']);
    assert.equal(json.questions.length, 8);
    assert.equal(json.publicationStatus, 'published');
    assert.equal(json.synthetic, false);
  });

  test('lists with filters and marks synthetic records', async () => {
    const r = await run('communications', 'list', '--addressee', 'KAZ', '--json');
    const page = JSON.parse(r.out) as { total: number; items: Array<{ reference: string; synthetic: boolean }> };
    assert.ok(page.items.some((i) => i.reference === 'AL KAZ 1/2022' && !i.synthetic));
    const text = await run('communications', 'list', '--limit', '50');
    assert.match(text.out, /\[synthetic\]/);
    assert.match(text.out, /26 communication\(s\)/);
  });

  test('every invalid input gives a code on stderr, a non-zero exit, and changes nothing', async () => {
    const before = (await run('audit', 'verify')).out;
    const cases: Array<[string[], number, RegExp]> = [
      [['communications', 'show', 'AL KAZ one/2022'], 1, /error REFERENCE_INVALID/],
      [['communications', 'show', 'AL KAZ 999/2022'], 1, /error NOT_FOUND/],
      [['send', 'AL KAZ 1/2022'], 1, /error TRANSITION_INVALID/],
      [['send', 'UA XYZ 1/2022'], 1, /error NOT_FOUND/],
      [['reply', 'AL KAZ 1/2022', '--received-on', '2022-13-01', '--kind', 'substantive'], 1, /error DATE_INVALID/],
      [['reply', 'AL KAZ 1/2022', '--received-on', '2022-02-01', '--kind', 'thanks'], 2, /invalid/i],
      [['communications', 'list', '--mandate', 'sr-nobody'], 1, /error MANDATE_UNKNOWN/],
      [['communications', 'list', '--limit', '100000'], 1, /error VALIDATION_FAILED/],
      [['draft', 'create', '--type', 'AL', '--addressee', 'KAZ', '--mandate', 'wgad'], 1, /error VALIDATION_FAILED: subject/],
      [['hold', 'AL KAZ 1/2022', '--reason', 'x'], 1, /error TRANSITION_INVALID/],
      [['retract', 'AL KAZ 1/2022', '--reason', ''], 1, /error VALIDATION_FAILED/],
      [['--as', '', 'publish-due'], 1, /error VALIDATION_FAILED: actor/],
      [['no-such-command'], 2, /unknown command/],
      [['restore', join(dir, 'missing.sqlite')], 1, /error FILE_INVALID|error STORE_NOT_EMPTY/],
    ];
    for (const [argv, code, message] of cases) {
      const r = await run(...argv);
      assert.equal(r.code, code, `${argv.join(' ')}: ${r.err}`);
      assert.match(r.err, message, argv.join(' '));
      assert.equal(r.out.includes('error'), false);
    }
    assert.equal((await run('audit', 'verify')).out, before, 'the audit chain did not move');
  });

  test('drafts, approves, sends and replies through the CLI, acting as a named person', async () => {
    const created = await run('--as', 'Ana Officer', 'draft', 'create', '--type', 'UA', '--addressee', 'BRA', '--mandate', 'sr-executions', '--subject', 'Threats against a witness', '--question', 'Please provide information.', '--json');
    assert.equal(created.code, 0, created.err);
    const { id } = JSON.parse(created.out) as { id: string };
    assert.equal((await run('--as', 'Ana Officer', 'draft', 'submit', id)).code, 0);
    const decided = await run('--as', 'Ana Officer', 'draft', 'decide', id, '--mandate', 'sr-executions', '--decision', 'approved', '--holder', 'Morris Tidball-Binz');
    assert.equal(decided.code, 0, decided.err);
    const sent = await run('--as', 'Ana Officer', 'send', id);
    assert.match(sent.out, /^UA BRA \d+\/2026 {2}sent/);
    const ref = sent.out.split('  ')[0]!;
    const replied = await run('reply', ref, '--received-on', '2026-11-29', '--kind', 'substantive', '--summary', 'Measures taken');
    assert.match(replied.out, /reply status replied/);
    const shown = await run('communications', 'show', ref);
    assert.match(shown.out, /send {9}Ana Officer/);
  });

  test('exports JSON and CSV with the synthetic mark', async () => {
    const jsonFile = join(dir, 'export.json');
    const csvFile = join(dir, 'export.csv');
    assert.equal((await run('export', '--format', 'json', '--out', jsonFile)).code, 0);
    assert.equal((await run('export', '--format', 'csv', '--out', csvFile, '--addressee', 'KAZ')).code, 0);
    const rows = JSON.parse(readFileSync(jsonFile, 'utf8')) as Array<{ reference: string | null; synthetic: boolean }>;
    assert.equal(rows.length, 27);
    // Only the reference letter and the appeal sent through the CLI above are not synthetic.
    const real = rows.filter((r) => !r.synthetic).map((r) => r.reference ?? '').sort();
    assert.equal(real.length, 2);
    assert.equal(real[0], 'AL KAZ 1/2022');
    assert.match(real[1]!, /^UA BRA \d+\/2026$/);
    const csv = readFileSync(csvFile, 'utf8').trim().split('\n');
    assert.equal(csv[0], 'reference,type,display_type,addressee_code,addressee,mandates,sent_date,subject,summary,drafting_status,reply_status,reply_deadline,publication_status,synthetic');
    assert.ok(csv.some((l) => l.startsWith('AL KAZ 1/2022,AL,JAL,KAZ,Kazakhstan,') && l.endsWith(',false')));
    assert.equal((await run('export', '--format', 'json', '--out', jsonFile)).code, 1, 'an existing file is not overwritten');
    assert.equal((await run('export', '--format', 'xml')).code, 2);
  });

  test('backs up and restores, verifying the audit chain each time', async () => {
    const backup = join(dir, 'backup.sqlite');
    const b = await run('backup', backup);
    assert.equal(b.code, 0, b.err);
    assert.match(b.out, /audit chain verified/);
    assert.ok(existsSync(backup));
    const other = mkdtempSync(join(tmpdir(), 'rapporteur-cli-restore-'));
    try {
      // A backup is restored with the installation's keys, kept apart from it: without the field key its
      // encrypted fields cannot be read.
      cpSync(join(dir, 'var', 'keys'), join(other, 'keys'), { recursive: true });
      const restore = await main(['restore', backup], { out: () => {}, err: () => {} }, { loadConfig: () => loadConfig({ RAPPORTEUR_VAR_DIR: other }), clock });
      assert.equal(restore, 0);
      let out = '';
      await main(['communications', 'show', 'AL KAZ 1/2022'], { out: (t) => void (out += t), err: () => {} }, { loadConfig: () => loadConfig({ RAPPORTEUR_VAR_DIR: other }), clock });
      assert.match(out, /Kazakhstan/);
      assert.equal((await run('restore', backup)).code, 1, 'restoring over a store with data is refused without --force');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  test('--help works on every command, and the bin runs as an executable', async () => {
    for (const argv of [[], ['communications'], ['communications', 'list'], ['draft', 'decide'], ['send'], ['reply'], ['publish-due'], ['export'], ['backup'], ['restore'], ['copy-store'], ['audit', 'verify'], ['serve'], ['migrate']]) {
      const r = await run(...argv, '--help');
      assert.equal(r.code, 0, argv.join(' '));
      assert.match(r.out, /Usage: rapporteur/);
    }
    const out = execFileSync(process.execPath, [join(root, 'bin/rapporteur.js'), 'communications', 'show', 'AL KAZ 1/2022'], {
      env: { ...process.env, RAPPORTEUR_VAR_DIR: join(dir, 'var') },
      encoding: 'utf8',
    });
    assert.match(out, /AL KAZ 1\/2022/);
  });
});
