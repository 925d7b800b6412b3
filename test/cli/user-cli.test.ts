import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/domain/clock.ts';
import { cliRunner } from '../support/cli.ts';

describe('rapporteur user', () => {
  let dir: string;
  const clock = new ManualClock('2026-11-29T09:00:00Z');
  const run = cliRunner(() => dir, clock);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'rapporteur-user-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('creates the first admin with a one-time link and no password; only once', async () => {
    const first = await run('user', 'create', '--admin', '--email', 'Admin@Example.org', '--name', 'A. Admin', '--url', 'https://rapporteur.example.org/');
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /invited A\. Admin <admin@example\.org> as admin/);
    assert.match(first.out, /^ {2}https:\/\/rapporteur\.example\.org\/account\/setup\/[A-Za-z0-9_-]{43}$/m);
    assert.doesNotMatch(first.out, /password/i);
    const second = await run('user', 'create', '--admin', '--email', 'other@example.org', '--name', 'Other');
    assert.equal(second.code, 1);
    assert.match(second.err, /^error ACCOUNT_EXISTS/);
  });

  test('invites, lists and disables; bad input is refused with a code', async () => {
    const invited = await run('--as', 'A. Admin', 'user', 'invite', '--role', 'focal_point', '--state', 'KAZ', '--email', 'fp@example.kz', '--name', 'Focal Point');
    assert.equal(invited.code, 0, invited.err);
    assert.match(invited.out, /as focal_point of KAZ/);
    for (const [args, code] of [
      [['--role', 'focal_point', '--email', 'x@example.org', '--name', 'X'], 'VALIDATION_FAILED'],
      [['--role', 'mandate_holder', '--mandate', 'sr-nothing', '--email', 'y@example.org', '--name', 'Y'], 'MANDATE_UNKNOWN'],
      [['--role', 'emperor', '--email', 'z@example.org', '--name', 'Z'], 'VALIDATION_FAILED'],
      [['--role', 'case_officer', '--email', 'fp@example.kz', '--name', 'Again'], 'ACCOUNT_EXISTS'],
    ] as const) {
      const res = await run('user', 'invite', ...args);
      assert.equal(res.code, 1, args.join(' '));
      assert.match(res.err, new RegExp(`^error ${code}`));
    }
    const list = await run('user', 'list');
    assert.match(list.out, /fp@example\.kz\s+Focal Point\s+focal_point\s+KAZ\s+invited/);
    assert.equal((await run('user', 'disable', 'fp@example.kz')).code, 0);
    assert.match((await run('user', 'list')).out, /fp@example\.kz.*disabled/);
    assert.match((await run('user', 'disable', 'nobody@example.org')).err, /^error NOT_FOUND/);
  });
});
