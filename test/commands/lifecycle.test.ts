import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDraft } from '../../src/commands/create-draft.ts';
import { decideDraft } from '../../src/commands/decide-draft.ts';
import { editDraft } from '../../src/commands/edit-draft.ts';
import { linkFollowUp } from '../../src/commands/link-follow-up.ts';
import { recordReply } from '../../src/commands/record-reply.ts';
import { sendCommunication } from '../../src/commands/send-communication.ts';
import { submitDraft } from '../../src/commands/submit-draft.ts';
import { withdrawDraft } from '../../src/commands/withdraw-draft.ts';
import { verifyAudit } from '../../src/commands/verify-audit.ts';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { getCommunication } from '../../src/queries/get-communication.ts';
import { PUBLIC } from '../../src/policies/principal.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { storeDigest } from '../support/snapshot.ts';
import { HOLDERS_2022, OFFICER, sendNew } from '../support/workflow.ts';

async function rejects(ctx: AppContext, code: string, run: () => Promise<unknown>): Promise<void> {
  const beforeDigest = await storeDigest(ctx);
  await assert.rejects(run, (err: { code?: string }) => {
    assert.equal(err.code, code);
    return true;
  });
  assert.equal(await storeDigest(ctx), beforeDigest, `a refused command (${code}) changed the store`);
}

for (const dialect of DIALECTS) {
  describe(`communication lifecycle on ${dialect}`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let close: () => Promise<void>;
    before(async () => {
      ({ ctx, clock, close } = await testContext(dialect));
    });
    after(() => close());

    test('a draft goes out for signature, is approved by every mandate and is sent with the next reference', async () => {
      const draft = await createDraft(ctx, OFFICER, {
        type: 'AL',
        addressee: 'kaz',
        mandates: ['sr-assembly', 'wgad', 'sr-torture'],
        subject: 'Excessive use of force against protesters',
        questions: ['Please provide information.', 'Please explain the legal basis.'],
      });
      assert.equal(draft.reference, null);
      assert.equal(draft.draftingStatus, 'draft');
      assert.deepEqual(draft.mandates.map((m) => [m.slug, m.decision]), [
        ['sr-assembly', 'pending'],
        ['wgad', 'pending'],
        ['sr-torture', 'pending'],
      ]);
      await rejects(ctx, 'TRANSITION_INVALID', () => sendCommunication(ctx, OFFICER, draft.id));
      await rejects(ctx, 'TRANSITION_INVALID', () => decideDraft(ctx, OFFICER, draft.id, { mandate: 'wgad', decision: 'approved', holder: 'Elina Steinerte' }));
      await submitDraft(ctx, OFFICER, draft.id);
      await rejects(ctx, 'TRANSITION_INVALID', () => submitDraft(ctx, OFFICER, draft.id));
      await decideDraft(ctx, OFFICER, draft.id, { mandate: 'sr-assembly', decision: 'approved', holder: 'Clément Nyasletsossi Voule' });
      await rejects(ctx, 'TRANSITION_INVALID', () =>
        decideDraft(ctx, OFFICER, draft.id, { mandate: 'sr-assembly', decision: 'declined', holder: 'Clément Nyasletsossi Voule' }),
      );
      await rejects(ctx, 'HOLDER_NOT_IN_OFFICE', () => decideDraft(ctx, OFFICER, draft.id, { mandate: 'wgad', decision: 'approved', holder: 'Irene Khan' }));
      await rejects(ctx, 'MANDATE_NOT_SIGNING', () =>
        decideDraft(ctx, OFFICER, draft.id, { mandate: 'sr-expression', decision: 'approved', holder: 'Irene Khan' }),
      );
      await decideDraft(ctx, OFFICER, draft.id, { mandate: 'wgad', decision: 'approved', holder: 'Elina Steinerte' });
      const approved = await decideDraft(ctx, OFFICER, draft.id, { mandate: 'sr-torture', decision: 'approved', holder: 'Nils Melzer' });
      assert.equal(approved.draftingStatus, 'approved');

      clock.set('2022-01-18T09:30:00Z');
      const sent = await sendCommunication(ctx, OFFICER, draft.id);
      assert.equal(sent.reference, 'AL KAZ 1/2022');
      assert.equal(sent.sentDate, '2022-01-18');
      assert.equal(sent.replyDeadline, '2022-03-19');
      assert.equal(sent.replyStatus, 'none');
      assert.equal(sent.publicationStatus, 'scheduled');
      assert.equal(sent.publishDueAt, '2022-03-19T09:30:00.000Z');
      await rejects(ctx, 'TRANSITION_INVALID', () => sendCommunication(ctx, OFFICER, draft.id));
      await rejects(ctx, 'TRANSITION_INVALID', () => editDraft(ctx, OFFICER, draft.id, { subject: 'changed after sending' }));
      assert.deepEqual(
        sent.history.map((h) => h.action),
        ['create', 'submit', 'decide', 'decide', 'decide', 'send'],
      );
      assert.ok(sent.history.every((h) => h.actor === 'Test Officer'));
    });

    test('numbers count per addressee code and Geneva year across all types, and restart each year', async () => {
      clock.set('2022-02-01T10:00:00Z');
      assert.equal((await sendNew(ctx, { type: 'UA', addressee: 'KAZ' })).reference, 'UA KAZ 2/2022');
      assert.equal((await sendNew(ctx, { type: 'OL', addressee: 'KAZ', mandates: ['sr-terrorism'] })).reference, 'OL KAZ 3/2022');
      assert.equal((await sendNew(ctx, { type: 'AL', addressee: 'BRA' })).reference, 'AL BRA 1/2022');
      // Two different non-State addressees share the one OTH sequence of the year.
      assert.equal((await sendNew(ctx, { type: 'AL', addressee: 'oth-glencore' })).reference, 'AL OTH 1/2022');
      assert.equal((await sendNew(ctx, { type: 'AL', addressee: 'oth-microsoft' })).reference, 'AL OTH 2/2022');
      // 23:30 UTC on 31 December is already 1 January in Geneva.
      clock.set('2022-12-31T23:30:00Z');
      const newYear = await sendNew(ctx, { type: 'AL', addressee: 'KAZ', mandates: ['sr-executions'] });
      assert.equal(newYear.reference, 'AL KAZ 1/2023');
      assert.equal(newYear.sentDate, '2023-01-01');
    });

    test('editing a text out for signature resets every decision; withdrawing ends the draft', async () => {
      clock.set('2022-02-10T09:00:00Z');
      const draft = await createDraft(ctx, OFFICER, { type: 'UA', addressee: 'BRA', mandates: ['sr-assembly', 'wgad'], subject: 'Arrests of organisers' });
      await submitDraft(ctx, OFFICER, draft.id);
      await decideDraft(ctx, OFFICER, draft.id, { mandate: 'sr-assembly', decision: 'approved', holder: HOLDERS_2022['sr-assembly'] });
      const changes = await decideDraft(ctx, OFFICER, draft.id, {
        mandate: 'wgad',
        decision: 'changes_requested',
        holder: HOLDERS_2022.wgad,
        note: 'Add the court decision.',
      });
      assert.equal(changes.draftingStatus, 'submitted');
      const edited = await editDraft(ctx, OFFICER, draft.id, { summary: 'With the court decision of 3 February.' });
      assert.equal(edited.draftingStatus, 'submitted');
      assert.deepEqual(edited.mandates.map((m) => m.decision), ['pending', 'pending']);
      await rejects(ctx, 'CONFLICT', () => editDraft(ctx, OFFICER, draft.id, { summary: 'stale', expectedVersion: 1 }));
      const withdrawn = await withdrawDraft(ctx, OFFICER, draft.id, { reason: 'Overtaken by events' });
      assert.equal(withdrawn.draftingStatus, 'withdrawn');
      await rejects(ctx, 'TRANSITION_INVALID', () => submitDraft(ctx, OFFICER, draft.id));
      await rejects(ctx, 'VALIDATION_FAILED', () => withdrawDraft(ctx, OFFICER, draft.id, { reason: '   ' }));
    });

    test('an edit changes only the parts it names: the victims and their consent survive an edit of the body', async () => {
      const victims = [{ name: 'Aigerim Nurlanovna', variants: [], publishName: false, publicForm: 'withheld' }];
      const draft = await createDraft(ctx, OFFICER, {
        type: 'AL', addressee: 'KAZ', mandates: ['sr-assembly'], subject: 'Kept parts', summary: 'A summary.',
        questions: ['First?', 'Second?'], victims, language: 'fr', pressRelease: true,
      });
      const edited = await editDraft(ctx, OFFICER, draft.id, { body: 'A new body.' });
      assert.equal(edited.body, 'A new body.');
      assert.deepEqual(edited.victims, victims);
      assert.deepEqual(edited.questions, ['First?', 'Second?']);
      assert.equal(edited.summary, 'A summary.');
      assert.equal(edited.language, 'fr');
      assert.equal(edited.pressRelease, true);
    });

    test('reply status is derived: acknowledgment alone is none, on time is replied, after the deadline is late', async () => {
      clock.set('2022-03-01T09:00:00Z');
      const a = await sendNew(ctx, { addressee: 'USA' });
      const b = await sendNew(ctx, { addressee: 'USA' });
      await rejects(ctx, 'DATE_INVALID', () => recordReply(ctx, OFFICER, a.reference!, { receivedOn: '2022-02-28', kind: 'substantive' }));
      await rejects(ctx, 'DATE_INVALID', () => recordReply(ctx, OFFICER, a.reference!, { receivedOn: '2022-03-02', kind: 'substantive' }));
      clock.set('2022-06-01T09:00:00Z');
      const ack = await recordReply(ctx, OFFICER, a.reference!, { receivedOn: '2022-03-10', kind: 'acknowledgment' });
      assert.equal(ack.replyStatus, 'none');
      const onTime = await recordReply(ctx, OFFICER, a.reference!, { receivedOn: '2022-04-30', kind: 'substantive', language: 'en', summary: 'Information on the investigation.' });
      assert.equal(onTime.replyStatus, 'replied');
      assert.equal(onTime.replyDeadline, '2022-04-30');
      const late = await recordReply(ctx, OFFICER, b.reference!, { receivedOn: '2022-05-01', kind: 'partial' });
      assert.equal(late.replyStatus, 'replied_late');
      const draft = await createDraft(ctx, OFFICER, { type: 'AL', addressee: 'USA', mandates: ['wgad'], subject: 'Unsent' });
      await rejects(ctx, 'REPLY_BEFORE_SENDING', () => recordReply(ctx, OFFICER, draft.id, { receivedOn: '2022-05-01', kind: 'substantive' }));
      await rejects(ctx, 'VALIDATION_FAILED', () => recordReply(ctx, OFFICER, a.reference!, { receivedOn: '2022-05-01', kind: 'thanks' }));
    });

    test('follow-ups link to earlier sent communications only', async () => {
      clock.set('2022-03-15T09:00:00Z');
      const first = await getCommunication(ctx, OFFICER, 'AL KAZ 1/2022');
      const second = await createDraft(ctx, OFFICER, {
        type: 'AL',
        addressee: 'KAZ',
        mandates: ['wgad'],
        subject: 'Follow-up on detentions',
        follows: ['AL-KAZ-1-2022'],
      });
      assert.deepEqual(second.follows, [{ id: first.id, reference: 'AL KAZ 1/2022', published: false }]);
      const reloaded = await getCommunication(ctx, OFFICER, first.id);
      assert.deepEqual(reloaded.followedBy.map((f) => f.id), [second.id]);
      const unsent = await createDraft(ctx, OFFICER, { type: 'AL', addressee: 'KAZ', mandates: ['wgad'], subject: 'Another draft' });
      await rejects(ctx, 'FOLLOW_UP_INVALID', () => linkFollowUp(ctx, OFFICER, second.id, unsent.id));
      await rejects(ctx, 'FOLLOW_UP_INVALID', () => linkFollowUp(ctx, OFFICER, second.id, 'AL KAZ 1/2022'));
      await rejects(ctx, 'FOLLOW_UP_INVALID', () => linkFollowUp(ctx, OFFICER, second.id, second.id));
      await rejects(ctx, 'NOT_FOUND', () => linkFollowUp(ctx, OFFICER, second.id, 'AL KAZ 99/2022'));
    });

    test('bad input to every command is refused with a code and changes nothing', async () => {
      const id = (await getCommunication(ctx, OFFICER, 'AL KAZ 1/2022')).id;
      const cases: Array<[string, () => Promise<unknown>]> = [
        ['VALIDATION_FAILED', () => createDraft(ctx, OFFICER, {})],
        ['VALIDATION_FAILED', () => createDraft(ctx, OFFICER, { type: 'XX', addressee: 'KAZ', mandates: ['wgad'], subject: 's' })],
        ['VALIDATION_FAILED', () => createDraft(ctx, OFFICER, { type: 'AL', addressee: 'KAZ', mandates: [], subject: 's' })],
        ['VALIDATION_FAILED', () => createDraft(ctx, OFFICER, { type: 'AL', addressee: 'KAZ', mandates: ['wgad'], subject: '' })],
        ['VALIDATION_FAILED', () => createDraft(ctx, OFFICER, { type: 'AL', addressee: 'KAZ', mandates: ['wgad', 'wgad'], subject: 's' })],
        ['VALIDATION_FAILED', () => createDraft(ctx, OFFICER, { type: 'AL', addressee: 'KAZ', mandates: ['wgad'], subject: 'x'.repeat(501) })],
        ['VALIDATION_FAILED', () => createDraft(ctx, OFFICER, { type: 'AL', addressee: 'KAZ', mandates: ['wgad'], subject: 'bell\u0007' })],
        ['VALIDATION_FAILED', () => createDraft(ctx, OFFICER, 'not an object')],
        ['ADDRESSEE_UNKNOWN', () => createDraft(ctx, OFFICER, { type: 'AL', addressee: 'XYZ', mandates: ['wgad'], subject: 's' })],
        ['ADDRESSEE_UNKNOWN', () => createDraft(ctx, OFFICER, { type: 'AL', addressee: 'OTH', mandates: ['wgad'], subject: 's' })],
        ['MANDATE_UNKNOWN', () => createDraft(ctx, OFFICER, { type: 'AL', addressee: 'KAZ', mandates: ['sr-nothing'], subject: 's' })],
        ['REFERENCE_INVALID', () => sendCommunication(ctx, OFFICER, 'AL KAZ one/2022')],
        ['NOT_FOUND', () => sendCommunication(ctx, OFFICER, 'AL KAZ 404/2022')],
        ['NOT_FOUND', () => sendCommunication(ctx, OFFICER, '00000000-0000-4000-8000-000000000000')],
        ['VALIDATION_FAILED', () => decideDraft(ctx, OFFICER, id, { mandate: 'wgad', decision: 'maybe', holder: 'X' })],
        ['DATE_INVALID', () => recordReply(ctx, OFFICER, id, { receivedOn: '2022-02-30', kind: 'substantive' })],
        ['VALIDATION_FAILED', () => recordReply(ctx, OFFICER, id, { receivedOn: '30/03/2022', kind: 'substantive' })],
        ['NOT_FOUND', () => getCommunication(ctx, PUBLIC, 'AL KAZ 2/2022')],
      ];
      for (const [code, run] of cases) await rejects(ctx, code, run);
    });

    test('the audit chain verifies after all of it', async () => {
      const report = await verifyAudit(ctx);
      assert.deepEqual(report.problems, []);
      assert.ok(report.entries > 40, `expected many audit entries, got ${report.entries}`);
    });
  });
}
