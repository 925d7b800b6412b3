import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { approvePublicVersion } from '../../src/commands/approve-public-version.ts';
import { auditSnapshot } from '../../src/commands/change-communication.ts';
import { correctCommunication } from '../../src/commands/correct-communication.ts';
import { createDraft } from '../../src/commands/create-draft.ts';
import { decideDraft } from '../../src/commands/decide-draft.ts';
import { editDraft } from '../../src/commands/edit-draft.ts';
import { holdPublication } from '../../src/commands/hold-publication.ts';
import { linkFollowUp } from '../../src/commands/link-follow-up.ts';
import { publishCommunication } from '../../src/commands/publish-communication.ts';
import { recordReply } from '../../src/commands/record-reply.ts';
import { releaseHold } from '../../src/commands/release-hold.ts';
import { retractCommunication } from '../../src/commands/retract-communication.ts';
import { sendCommunication } from '../../src/commands/send-communication.ts';
import { submitDraft } from '../../src/commands/submit-draft.ts';
import { verifyAudit } from '../../src/commands/verify-audit.ts';
import { withdrawDraft } from '../../src/commands/withdraw-draft.ts';
import type { AppContext } from '../../src/context.ts';
import { readAuditBatch, readAuditHead } from '../../src/db/repositories/audit-repository.ts';
import { loadCommunication } from '../../src/db/repositories/communications-repository.ts';
import { digest } from '../../src/domain/audit-chain.ts';
import type { Communication } from '../../src/domain/communication.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { HOLDERS_2022, OFFICER } from '../support/workflow.ts';

// A command digests the communication as it reads it back inside its transaction (on PostgreSQL by a
// statement that also locks the audit head). verify-audit later recomputes that digest from a plain load:
// for every kind of command, the state a command returns and digests must be exactly what a load after
// commit returns.
for (const dialect of DIALECTS) {
  describe(`the audited state is the stored state, for every command, on ${dialect}`, () => {
    let ctx: AppContext;
    let close: () => Promise<void>;
    before(async () => ({ ctx, close } = await testContext(dialect, '2022-01-18T08:00:00Z')));
    after(() => close());

    /** Runs a command and checks its result and its audit entry against a fresh load after commit. */
    async function checked(kind: string, run: () => Promise<Communication>): Promise<Communication> {
      const returned = await run();
      const stored = await loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, returned.id);
      assert.deepEqual(returned, stored, `${kind}: the state returned is the state stored`);
      const head = await readAuditHead(ctx.store.db);
      const [entry] = await readAuditBatch(ctx.store.db, head.lastSeq - 1, 1);
      assert.equal(entry?.recordId, returned.id, `${kind}: the last audit entry is this command's`);
      assert.equal(entry?.afterDigest, digest(auditSnapshot(stored!)), `${kind}: the entry digests the state stored`);
      return returned;
    }

    test('create, edit, submit, decide, send, reply, link, hold, release, publish, retract, correct, withdraw', async () => {
      const decide = (id: string, mandate: string, decision = 'approved') =>
        checked(`decide ${decision}`, () => decideDraft(ctx, OFFICER, id, { mandate, decision, holder: HOLDERS_2022[mandate], note: `${decision} by ${mandate}` }));
      const sendOne = async (subject: string) => {
        const d = await checked('create', () => createDraft(ctx, OFFICER, { type: 'AL', addressee: 'KAZ', mandates: ['sr-assembly', 'wgad'], subject, questions: ['Q?'] }));
        await checked('edit', () => editDraft(ctx, OFFICER, d.id, { summary: 'Edited summary', questions: ['Q1?', 'Q2?'] }));
        await checked('submit', () => submitDraft(ctx, OFFICER, d.id));
        await decide(d.id, 'sr-assembly', 'changes_requested');
        await checked('edit after a decision', () => editDraft(ctx, OFFICER, d.id, { body: 'A new body.' }));
        await decide(d.id, 'sr-assembly');
        await decide(d.id, 'wgad');
        await checked('approve public version', () => approvePublicVersion(ctx, OFFICER, d.id));
        return checked('send', () => sendCommunication(ctx, OFFICER, d.id));
      };
      const first = await sendOne('First letter');
      const second = await sendOne('Second letter');
      await checked('reply', () => recordReply(ctx, OFFICER, first.id, { receivedOn: '2022-01-18', kind: 'acknowledgment' }));
      await checked('reply', () => recordReply(ctx, OFFICER, first.id, { receivedOn: '2022-01-18', kind: 'substantive', summary: 'The Government replies.' }));
      await checked('link', () => linkFollowUp(ctx, OFFICER, second.id, first.id));
      await checked('hold', () => holdPublication(ctx, OFFICER, first.id, { reason: 'Risk of reprisals.' }));
      await checked('release', () => releaseHold(ctx, OFFICER, first.id, { reason: 'Risk assessed again.' }));
      await checked('publish', () => publishCommunication(ctx, OFFICER, first.id, { reason: 'Published early.' }));
      await checked('correct', () => correctCommunication(ctx, OFFICER, first.id, { reason: 'A typo.', subject: 'First letter, corrected' }));
      await checked('retract', () => retractCommunication(ctx, OFFICER, first.id, { reason: 'Retracted on request.' }));
      const draft = await checked('create', () => createDraft(ctx, OFFICER, { type: 'OL', addressee: 'KAZ', mandates: ['wgad'], subject: 'To withdraw' }));
      await checked('withdraw', () => withdrawDraft(ctx, OFFICER, draft.id, { reason: 'No longer needed.' }));
      const report = await verifyAudit(ctx);
      assert.deepEqual(report.problems, []);
    });
  });
}
