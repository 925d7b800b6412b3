import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { auditRead } from '../../src/commands/audit-read.ts';
import { editDraft } from '../../src/commands/edit-draft.ts';
import { createDraft } from '../../src/commands/create-draft.ts';
import { verifyAudit } from '../../src/commands/verify-audit.ts';
import type { AppContext } from '../../src/context.ts';
import { readAuditBatch, readAuditHead, readLatestDigests } from '../../src/db/repositories/audit-repository.ts';
import { PUBLIC } from '../../src/policies/principal.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { OFFICER, sendNew } from '../support/workflow.ts';

for (const dialect of DIALECTS) {
  describe(`reads of restricted data are audited, on ${dialect}`, () => {
    let ctx: AppContext;
    let close: () => Promise<void>;
    before(async () => ({ ctx, close } = await testContext(dialect, '2022-01-18T08:00:00Z')));
    after(() => close());

    test('a read is an entry read.<what> by its reader, with no digests, and the chain and records still verify', async () => {
      const letter = await sendNew(ctx);
      const latestBefore = await readLatestDigests(ctx.store.db, 'communication');
      const entry = await auditRead(ctx, OFFICER, { recordType: 'communication', recordId: letter.id, what: 'source_identity' });
      await auditRead(ctx, OFFICER, { recordType: 'attachment', recordId: 'a1b2c3', what: 'download' });
      assert.deepEqual(
        { action: entry.action, actor: entry.actor, recordId: entry.recordId, beforeDigest: entry.beforeDigest, afterDigest: entry.afterDigest },
        { action: 'read.source_identity', actor: 'Test Officer', recordId: letter.id, beforeDigest: null, afterDigest: null },
      );
      const head = await readAuditHead(ctx.store.db);
      const [last] = await readAuditBatch(ctx.store.db, head.lastSeq - 1, 1);
      assert.equal(last?.action, 'read.download');
      assert.deepEqual(await readLatestDigests(ctx.store.db, 'communication'), latestBefore, 'a read is not a state of the record');
      assert.deepEqual((await verifyAudit(ctx)).problems, []);

      // A change after a read is again the record's last audited state; a change around the commands still shows.
      const draft = await createDraft(ctx, OFFICER, { type: 'OL', addressee: 'KAZ', mandates: ['wgad'], subject: 'Read, then edited' });
      await auditRead(ctx, OFFICER, { recordType: 'communication', recordId: draft.id, what: 'detention_place' });
      await editDraft(ctx, OFFICER, draft.id, { summary: 'Edited after the read' });
      await auditRead(ctx, OFFICER, { recordType: 'communication', recordId: draft.id, what: 'detention_place' });
      assert.deepEqual((await verifyAudit(ctx)).problems, []);
      await sql`update communications set summary = 'forged' where id = ${draft.id}`.execute(ctx.store.db);
      assert.deepEqual((await verifyAudit(ctx)).problems.map((p) => p.problem), ['record_mismatch']);
      await sql`update communications set summary = 'Edited after the read' where id = ${draft.id}`.execute(ctx.store.db);
      assert.deepEqual((await verifyAudit(ctx)).problems, []);
    });

    test('a read names who read, the public too', async () => {
      const entry = await auditRead(ctx, PUBLIC, { recordType: 'communication', recordId: 'x', what: 'letter' });
      assert.equal(entry.actor, 'public');
    });

    test('bad input is VALIDATION_FAILED and writes nothing', async () => {
      const head = await readAuditHead(ctx.store.db);
      for (const bad of [
        { recordType: 'communication', recordId: 'x', what: '' },
        { recordType: 'communication', recordId: 'x', what: 'Source Identity' },
        { recordType: 'communication', recordId: 'x', what: 'x'.repeat(60) },
        { recordType: 'Communication', recordId: 'x', what: 'source_identity' },
        { recordType: 'communication', recordId: '', what: 'source_identity' },
        { recordType: 'communication', recordId: 'x'.repeat(65), what: 'source_identity' },
      ]) {
        await assert.rejects(() => auditRead(ctx, OFFICER, bad), { code: 'VALIDATION_FAILED' }, JSON.stringify(bad));
      }
      assert.deepEqual(await readAuditHead(ctx.store.db), head);
    });
  });
}
