import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { main } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config.ts';
import { createContext } from '../../src/context.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { enqueueNotification } from '../../src/notifications/enqueue-notification.ts';
import { SmtpSink } from './smtp-sink.ts';

describe('rapporteur outbox', () => {
  let dir: string;
  let sink: SmtpSink;
  const clock = new ManualClock('2022-03-20T08:00:00Z');
  const run = async (env: Record<string, string>, ...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await main(argv, { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) }, {
      loadConfig: () => loadConfig({ RAPPORTEUR_VAR_DIR: join(dir, 'var'), ...env }),
      clock,
    });
    return { code, out, err };
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rapporteur-outbox-'));
    sink = await SmtpSink.start();
    const ctx = await createContext(loadConfig({ RAPPORTEUR_VAR_DIR: join(dir, 'var') }), { clock, logger: pino({ level: 'silent' }) });
    try {
      for (const [i, recipient] of ['focal.point@mission.example', 'case.officer@ohchr.example'].entries()) {
        await ctx.store.db.transaction().execute((tx) =>
          enqueueNotification(tx, { kind: 'reply_overdue', recipient, subject: `Reply overdue: AL KAZ ${i + 1}/2022`, text: 'Text.', dedupeKey: `k:${i}`, at: clock.now() }),
        );
      }
    } finally {
      await ctx.store.close();
    }
  });
  after(async () => {
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('lists, says that nothing is sent without SMTP_URL, and delivers with it', async () => {
    const list = await run({}, 'outbox', 'list');
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /reply_overdue\s+focal\.point@mission\.example\s+pending\s+0/);
    assert.match(list.out, /2 notification\(s\)/);

    const idle = await run({}, 'outbox', 'deliver');
    assert.equal(idle.code, 0, idle.err);
    assert.match(idle.err, /SMTP_URL is not set: nothing sent; 2 notification\(s\) wait in the outbox/);
    assert.equal(sink.messages.length, 0);

    const smtp = { SMTP_URL: sink.url(), MAIL_FROM: 'Rapporteur <no-reply@example.org>' };
    const sent = await run(smtp, 'outbox', 'deliver');
    assert.equal(sent.code, 0, sent.err);
    assert.match(sent.out, /sent 2, to retry 0, failed 0; pending 0/);
    assert.deepEqual(sink.messages.map((m) => m.subject).sort(), ['Reply overdue: AL KAZ 1/2022', 'Reply overdue: AL KAZ 2/2022']);

    const json = JSON.parse((await run({}, 'outbox', 'list', '--status', 'sent', '--json')).out) as Array<Record<string, unknown>>;
    assert.equal(json.length, 2);
    assert.ok(json.every((r) => r.status === 'sent' && r.attempts === 1 && !('text' in r)));
  });

  test('refuses a bad option or a mail server without a sender, with a code', async () => {
    assert.equal((await run({}, 'outbox', 'list', '--status', 'lost')).code, 2);
    const limit = await run({}, 'outbox', 'list', '--limit', 'many');
    assert.equal(limit.code, 1);
    assert.match(limit.err, /error VALIDATION_FAILED/);
    const noFrom = await run({ SMTP_URL: sink.url() }, 'outbox', 'deliver');
    assert.equal(noFrom.code, 1);
    assert.match(noFrom.err, /error VALIDATION_FAILED: configuration MAIL_FROM/);
  });
});
