import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/domain/clock.ts';
import { cliRunner } from '../support/cli.ts';

describe('rapporteur audit checkpoint and audit verify --checkpoint', () => {
  let dir: string;
  const clock = new ManualClock('2026-11-29T09:00:00Z');
  const run = cliRunner(() => dir, clock);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rapporteur-audit-cli-'));
    const demo = await run('demo', '--count', '2');
    assert.equal(demo.code, 0, demo.err);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('writes a signed checkpoint to a new file, with the keys kept in the state directory', async () => {
    const file = join(dir, 'checkpoint.json');
    const r = await run('audit', 'checkpoint', '--out', file);
    assert.equal(r.code, 0, r.err);
    const checkpoint = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(checkpoint), ['format', 'keyId', 'seq', 'hash', 'entries', 'at', 'publicKey', 'signature']);
    assert.equal(checkpoint.at, '2026-11-29T09:00:00.000Z');
    assert.match(String(checkpoint.publicKey), /^-----BEGIN PUBLIC KEY-----/);
    assert.equal(statSync(join(dir, 'var', 'keys')).mode & 0o777, 0o700);
    assert.match(r.err, new RegExp(`checkpoint written: .*key ${String(checkpoint.keyId)}`));
    const again = await run('audit', 'checkpoint', '--out', file);
    assert.equal(again.code, 1);
    assert.match(again.err, /error CONFLICT/);

    const stdout = await run('audit', 'checkpoint');
    assert.equal(stdout.code, 0, stdout.err);
    assert.equal((JSON.parse(stdout.out) as { seq: number }).seq, checkpoint.seq, 'standard output holds the checkpoint alone');
  });

  test('verifies against checkpoints, and refuses a forged one or a file that is none', async () => {
    const file = join(dir, 'checkpoint.json');
    const ok = await run('audit', 'verify', '--checkpoint', file, '--checkpoint', file);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /audit chain verified: .*agrees with 2 checkpoint\(s\)/);
    assert.match(ok.err, /signed with this installation's key/);

    const forged = join(dir, 'forged.json');
    const checkpoint = JSON.parse(readFileSync(file, 'utf8')) as { seq: number };
    writeFileSync(forged, JSON.stringify({ ...checkpoint, seq: checkpoint.seq + 5 }));
    const refused = await run('audit', 'verify', '--checkpoint', forged);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /checkpoint_invalid: the checkpoint .*forged\.json cannot be trusted/);
    assert.match(refused.err, /error AUDIT_CHAIN_BROKEN/);

    writeFileSync(join(dir, 'not.json'), '{"hello": 1}');
    for (const bad of [join(dir, 'missing.json'), join(dir, 'not.json')]) {
      const r = await run('audit', 'verify', '--checkpoint', bad);
      assert.equal(r.code, 1);
      assert.match(r.err, /error FILE_INVALID/);
    }
  });
});
