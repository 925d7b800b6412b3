import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { changeCommunication } from '../../src/commands/change-communication.ts';
import type { AppContext } from '../../src/context.ts';
import { claimDueOutboxMessages, countOutboxByStatus, listOutboxMessages } from '../../src/db/repositories/outbox-repository.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { AppError } from '../../src/errors.ts';
import { deliverOutbox, LEASE_MINUTES, MAX_ATTEMPTS, RETRY_DELAYS_MINUTES } from '../../src/notifications/deliver-outbox.ts';
import { enqueueNotification } from '../../src/notifications/enqueue-notification.ts';
import { createSmtpMailer, type Mailer } from '../../src/notifications/mailer.ts';
import { notifyCommunicationSent } from '../../src/notifications/notification-events.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { OFFICER, sendNew } from '../support/workflow.ts';
import { SmtpSink, startClosingServer } from './smtp-sink.ts';

const FROM = 'Rapporteur <no-reply@example.org>';

for (const dialect of DIALECTS) {
  describe(`the outbox on ${dialect}`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let close: () => Promise<void>;
    let sink: SmtpSink;
    let mailer: Mailer;
    let n = 0;
    const advanceMinutes = (m: number) => clock.set(new Date(clock.now().getTime() + m * 60_000));
    const enqueue = (recipient: string, subject: string, dedupeKey = `test:${++n}:${recipient}`) =>
      ctx.store.db.transaction().execute((tx) =>
        enqueueNotification(tx, { kind: 'reply_received', recipient, subject, text: `Text of ${subject}.`, dedupeKey, at: clock.now() }),
      );
    const clear = () => ctx.store.db.deleteFrom('outbox').execute();

    before(async () => {
      ({ ctx, clock, close } = await testContext(dialect, '2022-01-18T09:00:00Z'));
      sink = await SmtpSink.start();
      mailer = createSmtpMailer(sink.url(), FROM);
    });
    after(async () => {
      mailer.close();
      await sink.close();
      await close();
    });
    beforeEach(async () => {
      await clear();
      sink.messages.length = 0;
      sink.refuseNext = 0;
    });

    test('enqueue, then deliver: the message arrives with its recipient and subject, and the row is sent', async () => {
      assert.equal(await enqueue('focal.point@mission.example', 'Communication AL KAZ 1/2022'), true);
      const [pending] = await listOutboxMessages(ctx.store.db);
      assert.equal(pending?.status, 'pending');
      assert.equal(pending?.attempts, 0);

      const report = await deliverOutbox(ctx, mailer);
      assert.deepEqual(report, { sent: 1, retried: 0, failed: 0, pending: 0 });
      assert.equal(sink.messages.length, 1);
      const mail = sink.messages[0]!;
      assert.deepEqual(mail.envelopeTo, ['focal.point@mission.example']);
      assert.equal(mail.to, 'focal.point@mission.example');
      assert.equal(mail.from, FROM);
      assert.equal(mail.subject, 'Communication AL KAZ 1/2022');
      assert.equal(mail.text.trim(), 'Text of Communication AL KAZ 1/2022.');
      assert.equal(mail.messageId, `<${pending!.id}@example.org>`);
      const [sent] = await listOutboxMessages(ctx.store.db);
      assert.equal(sent?.status, 'sent');
      assert.equal(sent?.attempts, 1);
      assert.equal(sent?.sentAt, clock.now().toISOString());

      // Nothing is sent twice.
      assert.deepEqual(await deliverOutbox(ctx, mailer), { sent: 0, retried: 0, failed: 0, pending: 0 });
      assert.equal(sink.messages.length, 1);
    });

    test('the same dedupe key is one row and one message, however often it is enqueued', async () => {
      const key = 'reply_overdue:c-1:focal.point@mission.example';
      assert.equal(await enqueue('focal.point@mission.example', 'Reply overdue', key), true);
      assert.equal(await enqueue('focal.point@mission.example', 'Reply overdue', key), false);
      await deliverOutbox(ctx, mailer);
      assert.equal(await enqueue('focal.point@mission.example', 'Reply overdue', key), false, 'not even after it was sent');
      await deliverOutbox(ctx, mailer);
      assert.equal(sink.messages.length, 1);
      assert.equal((await listOutboxMessages(ctx.store.db)).length, 1);
    });

    test('a rolled-back transaction enqueues nothing, and a refused command sends nothing', async () => {
      await assert.rejects(
        ctx.store.db.transaction().execute(async (tx) => {
          await enqueueNotification(tx, { kind: 'reply_received', recipient: 'a@example.org', subject: 'S', text: 'T', dedupeKey: 'k:1', at: clock.now() });
          throw new Error('the command failed after enqueuing');
        }),
        /the command failed/,
      );
      const c = await sendNew(ctx);
      await assert.rejects(
        changeCommunication(ctx, OFFICER, 'reply', c.id, async (loaded, now, tx) => {
          assert.equal(await notifyCommunicationSent(tx, loaded, [{ address: 'focal@mission.example', lang: 'en' }], now), 1);
          throw new AppError('REPLY_BEFORE_SENDING', 'refused after enqueuing');
        }),
        { code: 'REPLY_BEFORE_SENDING' },
      );
      assert.deepEqual(await listOutboxMessages(ctx.store.db), []);
      await deliverOutbox(ctx, mailer);
      assert.equal(sink.messages.length, 0);
      // A malformed address is refused before anything is written.
      await assert.rejects(enqueue('not an address', 'S'), { code: 'VALIDATION_FAILED' });
      await assert.rejects(enqueue('a@example.org', 'two\r\nBcc: lines'), { code: 'VALIDATION_FAILED' });
    });

    test('a server that refuses (451): the attempt is counted, retried after the backoff, and eventually sent', async () => {
      await enqueue('focal.point@mission.example', 'Retried');
      sink.refuseNext = 2;
      assert.deepEqual(await deliverOutbox(ctx, mailer), { sent: 0, retried: 1, failed: 0, pending: 1 });
      let [row] = await listOutboxMessages(ctx.store.db);
      assert.equal(row?.status, 'pending');
      assert.equal(row?.attempts, 1);
      assert.match(row?.lastError ?? '', /451/);
      assert.equal(row?.nextAttemptAt, new Date(clock.now().getTime() + RETRY_DELAYS_MINUTES[0]! * 60_000).toISOString());

      // Not before its time.
      advanceMinutes(RETRY_DELAYS_MINUTES[0]! - 0.5);
      assert.equal((await deliverOutbox(ctx, mailer)).retried, 0);
      advanceMinutes(0.5);
      assert.equal((await deliverOutbox(ctx, mailer)).retried, 1);
      [row] = await listOutboxMessages(ctx.store.db);
      assert.equal(row?.attempts, 2);
      assert.equal(row?.nextAttemptAt, new Date(clock.now().getTime() + RETRY_DELAYS_MINUTES[1]! * 60_000).toISOString());

      advanceMinutes(RETRY_DELAYS_MINUTES[1]!);
      assert.equal((await deliverOutbox(ctx, mailer)).sent, 1);
      [row] = await listOutboxMessages(ctx.store.db);
      assert.equal(row?.status, 'sent');
      assert.equal(row?.attempts, 3);
      assert.equal(row?.lastError, null);
      assert.equal(sink.messages.length, 1);
      assert.equal(sink.messages[0]?.subject, 'Retried');
    });

    test('a server that closes the connection: retried with backoff, then failed; the stored error has no credentials', async () => {
      const down = await startClosingServer();
      const failing = createSmtpMailer(down.url('rapporteur:s3cret-passw0rd'), FROM, { timeoutMs: 5000 });
      try {
        await enqueue('focal.point@mission.example', 'Never arrives');
        assert.equal((await deliverOutbox(ctx, failing)).retried, 1);
        for (const delay of RETRY_DELAYS_MINUTES.slice(0, -1)) {
          advanceMinutes(delay);
          assert.equal((await deliverOutbox(ctx, failing)).retried, 1);
        }
        advanceMinutes(RETRY_DELAYS_MINUTES.at(-1)!);
        assert.deepEqual(await deliverOutbox(ctx, failing), { sent: 0, retried: 0, failed: 1, pending: 0 });
        const [row] = await listOutboxMessages(ctx.store.db);
        assert.equal(row?.status, 'failed');
        assert.equal(row?.attempts, MAX_ATTEMPTS);
        assert.ok(row?.lastError && row.lastError.length > 0);
        assert.doesNotMatch(row.lastError, /s3cret|passw0rd|rapporteur:/);
        // A failed row is not tried again.
        advanceMinutes(24 * 60);
        assert.deepEqual(await deliverOutbox(ctx, failing), { sent: 0, retried: 0, failed: 0, pending: 0 });
      } finally {
        failing.close();
        await down.close();
      }
    });

    test('a worker that died mid-send loses nothing: its row goes back when the lease ends', async () => {
      await enqueue('focal.point@mission.example', 'Interrupted');
      const now = clock.now();
      const claimed = await claimDueOutboxMessages(ctx.store.db, ctx.store.dialect, {
        now: now.toISOString(),
        leaseUntil: new Date(now.getTime() + LEASE_MINUTES * 60_000).toISOString(),
        limit: 10,
        maxAttempts: MAX_ATTEMPTS,
      });
      assert.equal(claimed.length, 1);
      assert.equal(claimed[0]?.status, 'sending');
      // ...and the worker dies here. Another run within the lease leaves the row alone.
      advanceMinutes(LEASE_MINUTES - 1);
      assert.equal((await deliverOutbox(ctx, mailer)).sent, 0);
      assert.equal((await countOutboxByStatus(ctx.store.db)).sending, 1);
      advanceMinutes(1);
      assert.equal((await deliverOutbox(ctx, mailer)).sent, 1);
      const [row] = await listOutboxMessages(ctx.store.db);
      assert.equal(row?.status, 'sent');
      assert.equal(row?.attempts, 2);
      assert.equal(sink.messages.length, 1);
    });

    test('two workers at once send every message exactly once', async () => {
      const other = createSmtpMailer(sink.url(), FROM);
      try {
        for (let i = 0; i < 45; i++) await enqueue(`person${i}@example.org`, `Message ${i}`);
        const [a, b] = await Promise.all([deliverOutbox(ctx, mailer), deliverOutbox(ctx, other)]);
        assert.equal(a.sent + b.sent, 45);
        assert.equal(sink.messages.length, 45);
        assert.equal(new Set(sink.messages.map((m) => m.messageId)).size, 45);
        assert.equal((await countOutboxByStatus(ctx.store.db)).sent, 45);
      } finally {
        other.close();
      }
    });

    test('without a mail server the outbox accumulates', async () => {
      await enqueue('a@example.org', 'Waits');
      await enqueue('b@example.org', 'Waits too');
      assert.deepEqual(await deliverOutbox(ctx, undefined), { sent: 0, retried: 0, failed: 0, pending: 2 });
      assert.equal(sink.messages.length, 0);
      assert.equal((await deliverOutbox(ctx, mailer)).sent, 2);
    });
  });
}
