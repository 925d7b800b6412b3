import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { correctCommunication } from '../../src/commands/correct-communication.ts';
import { holdPublication } from '../../src/commands/hold-publication.ts';
import { publishCommunication } from '../../src/commands/publish-communication.ts';
import { publishDue } from '../../src/commands/publish-due.ts';
import { recordReply } from '../../src/commands/record-reply.ts';
import { releaseHold } from '../../src/commands/release-hold.ts';
import { retractCommunication } from '../../src/commands/retract-communication.ts';
import { verifyAudit } from '../../src/commands/verify-audit.ts';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { SYSTEM, PUBLIC } from '../../src/policies/principal.ts';
import { presentPublicCommunication } from '../../src/presenters/communication-presenter.ts';
import { getCommunication } from '../../src/queries/get-communication.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { storeDigest } from '../support/snapshot.ts';
import { OFFICER, sendNew } from '../support/workflow.ts';
import { removeAuditProtection } from '../support/audit-protection.ts';

for (const dialect of DIALECTS) {
  describe(`publication over time on ${dialect}`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let close: () => Promise<void>;
    const refs: Record<string, string> = {};
    before(async () => {
      ({ ctx, clock, close } = await testContext(dialect, '2022-01-18T09:00:00Z'));
      refs.letter = (await sendNew(ctx, { type: 'AL', addressee: 'KAZ' })).reference!;
      refs.appeal = (await sendNew(ctx, { type: 'UA', addressee: 'KAZ' })).reference!;
      refs.held = (await sendNew(ctx, { type: 'AL', addressee: 'BRA' })).reference!;
      refs.other = (await sendNew(ctx, { type: 'OL', addressee: 'USA', mandates: ['sr-terrorism'] })).reference!;
      clock.set('2022-01-20T10:00:00Z');
      refs.later = (await sendNew(ctx, { type: 'AL', addressee: 'KAZ' })).reference!;
    });
    after(() => close());

    test('nothing is public before its time; an other letter after 48 hours', async () => {
      clock.set('2022-01-20T08:59:00Z');
      assert.deepEqual(await publishDue(ctx, SYSTEM), []);
      await assert.rejects(() => getCommunication(ctx, PUBLIC, refs.other!), { code: 'NOT_FOUND' });
      clock.set('2022-01-20T09:00:00Z');
      assert.deepEqual(await publishDue(ctx, SYSTEM), [refs.other]);
      const pub = await getCommunication(ctx, PUBLIC, refs.other!);
      assert.equal(pub.publicationStatus, 'published');
      // Idempotent: a second run at the same time publishes nothing and writes nothing.
      const before = await storeDigest(ctx);
      assert.deepEqual(await publishDue(ctx, SYSTEM), []);
      assert.equal(await storeDigest(ctx), before);
    });

    test('after 60 days exactly what is due is published, never what is held', async () => {
      clock.set('2022-01-25T09:00:00Z');
      await holdPublication(ctx, OFFICER, refs.held!, { reason: 'Risk of reprisals against the family', until: '2022-06-01' });
      await assert.rejects(() => holdPublication(ctx, OFFICER, refs.held!, { reason: 'again' }), { code: 'TRANSITION_INVALID' });
      clock.set('2022-02-20T09:00:00Z');
      await recordReply(ctx, OFFICER, refs.letter!, { receivedOn: '2022-02-18', kind: 'substantive', summary: 'The Government replies.' });
      clock.set('2022-03-19T08:59:59Z');
      assert.deepEqual(await publishDue(ctx, SYSTEM), []);
      clock.set('2022-03-19T09:00:00Z');
      assert.deepEqual((await publishDue(ctx, SYSTEM)).sort(), [refs.appeal, refs.letter].sort());
      clock.set('2022-12-31T12:00:00Z');
      assert.deepEqual(await publishDue(ctx, SYSTEM), [refs.later]);
      // Held long after its date and its review date: still not public.
      await assert.rejects(() => getCommunication(ctx, PUBLIC, refs.held!), { code: 'NOT_FOUND' });
      const letter = presentPublicCommunication(await getCommunication(ctx, PUBLIC, refs.letter!), ctx.ref);
      assert.equal(letter?.replies.length, 1);
      assert.equal(letter?.replyStatus, 'replied');
    });

    test('a reply received after publication is published with it', async () => {
      clock.set('2023-01-05T09:00:00Z');
      await recordReply(ctx, OFFICER, refs.appeal!, { receivedOn: '2023-01-04', kind: 'substantive', summary: 'A late reply.' });
      const pub = presentPublicCommunication(await getCommunication(ctx, PUBLIC, refs.appeal!), ctx.ref);
      assert.equal(pub?.replyStatus, 'replied_late');
      assert.deepEqual(pub?.replies.map((r) => r.receivedOn), ['2023-01-04']);
    });

    test('release, publish early, retract and correct, each with its reason in the public history', async () => {
      await releaseHold(ctx, OFFICER, refs.held!, { reason: 'Family relocated; risk assessed as low' });
      assert.deepEqual(await publishDue(ctx, SYSTEM), [refs.held]);
      await retractCommunication(ctx, OFFICER, refs.letter!, { reason: 'A victim withdrew consent to publication' });
      await assert.rejects(() => getCommunication(ctx, PUBLIC, refs.letter!), { code: 'NOT_FOUND' });
      await assert.rejects(() => correctCommunication(ctx, OFFICER, refs.letter!, { reason: 'x', summary: 'y' }), { code: 'TRANSITION_INVALID' });
      await publishCommunication(ctx, OFFICER, refs.letter!, { reason: 'Consent confirmed again' });
      await correctCommunication(ctx, OFFICER, refs.letter!, { reason: 'Wrong date in the summary', summary: 'Corrected summary.' });
      const pub = presentPublicCommunication(await getCommunication(ctx, PUBLIC, refs.letter!), ctx.ref);
      assert.equal(pub?.summary, 'Corrected summary.');
      assert.deepEqual(
        pub?.history.map((h) => [h.action, h.reason]),
        [
          ['publish', null],
          ['retract', 'A victim withdrew consent to publication'],
          ['publish', 'Consent confirmed again'],
          ['correct', 'Wrong date in the summary'],
        ],
      );
      assert.equal(JSON.stringify(pub).includes('Test Officer'), false, 'the public record names no staff member');
      await assert.rejects(() => publishCommunication(ctx, OFFICER, refs.letter!, { reason: 'twice' }), { code: 'TRANSITION_INVALID' });
    });

    test('audit verify passes after all of it, and fails after a row is altered directly', async () => {
      const ok = await verifyAudit(ctx);
      assert.deepEqual(ok.problems, []);
      // A record changed around the commands.
      await sql`update communications set summary = 'forged' where reference = ${refs.later}`.execute(ctx.store.db);
      const forged = await verifyAudit(ctx);
      assert.equal(forged.ok, false);
      assert.ok(forged.problems.some((p) => p.problem === 'record_mismatch' && p.message.includes(refs.later!)));
      await sql`update communications set summary = ${''} where reference = ${refs.later}`.execute(ctx.store.db);
      assert.equal((await verifyAudit(ctx)).ok, true, 'restoring the row restores the verification');
      // An audit entry edited, by someone who first removed the log's protection.
      await removeAuditProtection(ctx);
      await sql`update audit_log set actor = 'someone else' where seq = 3`.execute(ctx.store.db);
      const edited = await verifyAudit(ctx);
      assert.ok(edited.problems.some((p) => p.problem === 'entry_edited' && p.seq === 3));
      await sql`update audit_log set actor = 'Test Officer' where seq = 3`.execute(ctx.store.db);
      assert.equal((await verifyAudit(ctx)).ok, true);
      // The tail cut off.
      await sql`delete from audit_log where seq = (select max(seq) from audit_log)`.execute(ctx.store.db);
      const cut = await verifyAudit(ctx);
      assert.ok(cut.problems.some((p) => p.problem === 'tail_cut'));
    });
  });
}
