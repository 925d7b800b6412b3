import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { approveReplyPublicVersion } from '../../src/commands/approve-reply-public-version.ts';
import { recordReply } from '../../src/commands/record-reply.ts';
import { submitGovernmentReply } from '../../src/commands/submit-government-reply.ts';
import { verifyAudit } from '../../src/commands/verify-audit.ts';
import type { AppContext } from '../../src/context.ts';
import type { Database } from '../../src/db/schema.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { allowCommunication } from '../../src/policies/communication-policy.ts';
import type { Principal } from '../../src/policies/principal.ts';
import { presentPublicCommunication } from '../../src/presenters/communication-presenter.ts';
import { listRepliesAwaitingReview } from '../../src/queries/list-replies-awaiting-review.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { OFFICER, sendDraft } from '../support/workflow.ts';

const KAZ: Principal = { kind: 'government', name: 'KAZ Focal Point', accountId: 'acc-kaz', stateCode: 'KAZ' };
const BRA: Principal = { kind: 'government', name: 'BRA Focal Point', accountId: 'acc-bra', stateCode: 'BRA' };
const HOLDER: Principal = { kind: 'staff', name: 'Elina Steinerte', role: 'mandate_holder', mandate: 'wgad' };

const TABLES = ['replies', 'reply_texts', 'attachments', 'outbox', 'audit_log', 'communication_events'] as const satisfies ReadonlyArray<keyof Database>;

for (const dialect of DIALECTS) {
  describe(`portal replies: commands and queries (${dialect})`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let close: () => Promise<void>;
    let reference: string;
    let replyId: string;

    const counts = async () => {
      const out: Record<string, number> = {};
      for (const table of TABLES) {
        out[table] = Number((await ctx.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      }
      return out;
    };

    before(async () => {
      ({ ctx, clock, close } = await testContext(dialect, '2022-01-18T08:00:00Z'));
      reference = await sendDraft(ctx, {
        type: 'UA',
        addressee: 'KAZ',
        mandates: ['wgad'],
        subject: 'Detention of Anna Sokolova',
        victims: [{ name: 'Anna Sokolova', variants: ['Sokolova'], publishName: false, publicForm: 'withheld' }],
      });
    });
    after(() => close());

    it('lets case officers alone record and approve a reply\'s public version', () => {
      assert.equal(allowCommunication(OFFICER, 'approve_reply_public'), true);
      assert.equal(allowCommunication(HOLDER, 'approve_reply_public'), false);
      assert.equal(allowCommunication(KAZ, 'approve_reply_public'), false);
    });

    it('refuses a reply from anyone but the focal points of the State, too many documents, or nothing at all, writing nothing', async () => {
      const before = await counts();
      await assert.rejects(submitGovernmentReply(ctx, BRA, reference, { text: 'A reply.' }), { code: 'NOT_FOUND', message: 'no such communication' });
      await assert.rejects(submitGovernmentReply(ctx, OFFICER, reference, { text: 'A reply.' }), { code: 'NOT_FOUND', message: 'no such communication' });
      await assert.rejects(submitGovernmentReply(ctx, KAZ, 'UA KAZ 9/2022', { text: 'A reply.' }), { code: 'NOT_FOUND', message: 'no such communication' });
      const many = Array.from({ length: ctx.files.limits.maxFilesPerOwner + 1 }, (_, i) => ({ name: `${i}.txt`, bytes: Buffer.from(`note ${i}`) }));
      await assert.rejects(submitGovernmentReply(ctx, KAZ, reference, { text: 'A reply.', documents: many }), { code: 'ATTACHMENT_TOO_MANY' });
      await assert.rejects(submitGovernmentReply(ctx, KAZ, reference, { text: '' }), { code: 'VALIDATION_FAILED' });
      await assert.rejects(submitGovernmentReply(ctx, KAZ, reference, { text: 'A reply.', kind: 'threat' }), { code: 'VALIDATION_FAILED' });
      assert.deepEqual(await counts(), before);
    });

    it('counts a reply after the deadline as late, and lists it for review until its public version is approved', async () => {
      clock.advanceDays(70);
      const { communication, receipt } = await submitGovernmentReply(ctx, KAZ, reference, {
        text: 'Ms. Anna Sokolova is in good health.',
        kind: 'substantive',
        language: 'ru',
        documents: [{ name: 'note.txt', bytes: Buffer.from('A note verbale.') }],
      });
      replyId = receipt.replyId;
      assert.equal(communication.replyStatus, 'replied_late');
      assert.equal(receipt.documents.length, 1);
      assert.equal(receipt.receivedOn, '2022-03-29');
      const history = communication.history.at(-1)!;
      assert.equal(history.action, 'reply');
      assert.equal(history.details?.via, 'government_portal');
      assert.equal(history.details?.receipt, receipt.number);

      const waiting = await listRepliesAwaitingReview(ctx, OFFICER);
      assert.deepEqual(waiting.map((w) => [w.replyId, w.reference, w.href]), [[replyId, reference, `/staff/replies/${replyId}`]]);
      await assert.rejects(listRepliesAwaitingReview(ctx, KAZ), { code: 'NOT_FOUND' });
      await assert.rejects(listRepliesAwaitingReview(ctx, HOLDER), { code: 'NOT_FOUND' });
    });

    it('approves by default the text with the letter\'s withheld names withheld; only case officers, only portal replies', async () => {
      await assert.rejects(approveReplyPublicVersion(ctx, KAZ, replyId, {}), { code: 'NOT_FOUND' });
      await assert.rejects(approveReplyPublicVersion(ctx, HOLDER, replyId, {}), { code: 'NOT_FOUND' });
      const staffRecorded = await recordReply(ctx, OFFICER, reference, { receivedOn: '2022-03-29', kind: 'acknowledgment', summary: 'Acknowledged.' });
      const ackId = staffRecorded.replies.find((r) => r.kind === 'acknowledgment')!.id;
      await assert.rejects(approveReplyPublicVersion(ctx, OFFICER, ackId, {}), { code: 'NOT_FOUND' });
      await assert.rejects(approveReplyPublicVersion(ctx, OFFICER, 'not-an-id', {}), { code: 'NOT_FOUND' });

      const { communication, publicText } = await approveReplyPublicVersion(ctx, OFFICER, replyId, {});
      assert.equal(publicText, 'Ms. [name withheld] is in good health.');
      assert.equal(communication.replies.find((r) => r.id === replyId)?.summary, publicText);
      await assert.rejects(approveReplyPublicVersion(ctx, OFFICER, replyId, {}), { code: 'TRANSITION_INVALID' });
      assert.deepEqual(await listRepliesAwaitingReview(ctx, OFFICER), []);

      const published = presentPublicCommunication({ ...communication, publicationStatus: 'published' }, ctx.ref);
      assert.ok(!JSON.stringify(published).includes('Sokolova'));
      assert.deepEqual(published?.replies.find((r) => r.summary === publicText)?.language, 'ru');
    });

    it('keeps the audit chain in agreement with the records', async () => {
      const report = await verifyAudit(ctx);
      assert.deepEqual(report.problems, []);
    });
  });
}
