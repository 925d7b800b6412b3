import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { recordReply } from '../../src/commands/record-reply.ts';
import { remindOverdueReplies } from '../../src/commands/remind-overdue-replies.ts';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { staff, SYSTEM } from '../../src/policies/principal.ts';
import { readyAccount } from '../support/accounts.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { OFFICER, sendNew } from '../support/workflow.ts';

for (const dialect of DIALECTS) {
  describe(`reminders of overdue replies (${dialect})`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let close: () => Promise<void>;

    before(async () => {
      ({ ctx, clock, close } = await testContext(dialect, '2022-01-18T08:00:00Z'));
      await readyAccount(ctx, clock, { email: 'officer@example.org', displayName: 'Officer', role: 'case_officer' });
      await readyAccount(ctx, clock, { email: 'fp@example.kz', displayName: 'Focal Point', role: 'focal_point', stateCode: 'KAZ', language: 'ru' });
    });
    after(() => close());

    const outbox = () => ctx.store.db.selectFrom('outbox').select(['kind', 'recipient', 'subject']).where('kind', '=', 'reply_overdue').orderBy('recipient').execute();

    it('reminds the officers and the focal points once, after the deadline day, and never for an answered letter', async () => {
      const silent = await sendNew(ctx, { addressee: 'KAZ' });
      const answered = await sendNew(ctx, { addressee: 'KAZ' });
      clock.advanceDays(30);
      await recordReply(ctx, OFFICER, answered.id, { receivedOn: '2022-02-10', kind: 'substantive' });
      assert.equal(await remindOverdueReplies(ctx, SYSTEM), 0, 'nothing is overdue before the deadline');
      clock.set(`${silent.replyDeadline}T20:00:00Z`);
      assert.equal(await remindOverdueReplies(ctx, SYSTEM), 0, 'the deadline day itself is on time');
      clock.advanceDays(1);
      assert.equal(await remindOverdueReplies(ctx, SYSTEM), 2);
      const rows = await outbox();
      assert.deepEqual(rows.map((r) => r.recipient), ['fp@example.kz', 'officer@example.org']);
      assert.ok(rows.every((r) => r.subject.includes(silent.reference!)));
      assert.ok(!rows.some((r) => r.subject.includes(answered.reference!)));
      assert.equal(await remindOverdueReplies(ctx, SYSTEM), 0, 'a second run queues nothing');
    });

    it('is the scheduler’s alone', async () => {
      await assert.rejects(remindOverdueReplies(ctx, staff('Someone')), { code: 'NOT_FOUND' });
    });
  });
}
