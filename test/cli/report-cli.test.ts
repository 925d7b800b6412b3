import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/domain/clock.ts';
import { cliRunner } from '../support/cli.ts';
import { pdfPages } from '../support/pdf-text.ts';

describe('rapporteur report session', () => {
  let dir: string;
  const clock = new ManualClock('2026-11-29T09:00:00Z');
  const run = cliRunner(() => dir, clock);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rapporteur-report-cli-'));
    const demo = await run('demo', '--count', '25');
    assert.equal(demo.code, 0, demo.err);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('prints the windows, the counts and the tables of the report to the 50th session', async () => {
    const r = await run('report', 'session', '50');
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n');
    assert.equal(lines[0], 'Communications report of special procedures to the Human Rights Council, 50th session');
    assert.equal(lines[1], 'June 2022 · Session held from 13 June 2022 to 8 July 2022');
    assert.ok(lines.includes('Communications sent: 1 December 2021 to 28 February 2022'));
    assert.ok(lines.includes('Replies counted: 1 February 2022 to 30 April 2022'));
    assert.match(r.out, /^\d+ communications? sent · /m);
    const a = r.out.slice(r.out.indexOf('A. Communications sent from 1 December 2021'), r.out.indexOf('B. Replies received from 1 February 2022'));
    // The reference letter of 18 January 2022 is in section A, with its type and its first mandates.
    assert.match(a, /^AL KAZ 1\/2022 +18 January 2022 +JAL +Kazakhstan +SR assembly and association; WGAD; WGEID/m);
    assert.match(r.out, /^Communications by type$/m);
    assert.match(r.out, /^Allegation letter \(AL\) +\d+ +\d+ +(\d+(\.\d)?%|—)$/m);
    assert.match(r.out, /^Annex: mandates that sent communications in the window$/m);
    assert.match(r.out, /^- Working Group on Arbitrary Detention \(WGAD\)$/m);
  });

  test('speaks French or Spanish, and writes CSV, HTML and PDF', async () => {
    const fr = await run('report', 'session', '50', '--lang', 'fr');
    assert.equal(fr.code, 0, fr.err);
    assert.match(fr.out, /^Rapport sur les communications des procédures spéciales au Conseil des droits de l’homme, 50e session$/m);
    assert.match(fr.out, /^Communications envoyées : du 1 décembre 2021 au 28 février 2022$/m);

    const csv = await run('report', 'session', '50', '--format', 'csv');
    assert.equal(csv.code, 0, csv.err);
    assert.match(csv.out, /^section,reference,type,display_type,joint,/);
    assert.match(csv.out, /^A,AL KAZ 1\/2022,AL,JAL,true,KAZ,Kazakhstan,/m);

    const html = await run('report', 'session', '50', '--format', 'html', '--lang', 'es');
    assert.equal(html.code, 0, html.err);
    assert.match(html.out, /<html lang="es"/);
    assert.match(html.out, /50\.º período de sesiones/);

    const out = join(dir, 'report-50.pdf');
    const pdf = await run('report', 'session', '50', '--format', 'pdf', '--out', out);
    assert.equal(pdf.code, 0, pdf.err);
    const bytes = readFileSync(out);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match((await pdfPages(bytes)).join(' '), /AL KAZ 1\/2022/);
  });

  test('refuses a session without a report, a PDF to the terminal, a file that exists and a language it does not write', async () => {
    for (const n of ['5', '17', 'abc', '65']) {
      const r = await run('report', 'session', n);
      assert.equal(r.code, 1, n);
      assert.match(r.err, /^error SESSION_UNKNOWN: /, n);
      assert.equal(r.out, '');
    }
    const toTerminal = await run('report', 'session', '50', '--format', 'pdf');
    assert.equal(toTerminal.code, 1);
    assert.match(toTerminal.err, /error VALIDATION_FAILED: --out/);
    const existing = join(dir, 'exists.csv');
    writeFileSync(existing, 'keep');
    const overwrite = await run('report', 'session', '50', '--format', 'csv', '--out', existing);
    assert.equal(overwrite.code, 1);
    assert.match(overwrite.err, /error CONFLICT/);
    assert.equal(readFileSync(existing, 'utf8'), 'keep');
    const russian = await run('report', 'session', '50', '--lang', 'ru');
    assert.equal(russian.code, 2, 'a usage error');
  });
});
