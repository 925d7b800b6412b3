import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { approvePublicVersion } from '../../src/commands/approve-public-version.ts';
import { changeCommunication } from '../../src/commands/change-communication.ts';
import { createDraft } from '../../src/commands/create-draft.ts';
import { decideDraft } from '../../src/commands/decide-draft.ts';
import { editDraft } from '../../src/commands/edit-draft.ts';
import { sendCommunication } from '../../src/commands/send-communication.ts';
import { submitDraft } from '../../src/commands/submit-draft.ts';
import { verifyAudit } from '../../src/commands/verify-audit.ts';
import type { AppContext } from '../../src/context.ts';
import { iterateCommunications, listCommunications, loadCommunication } from '../../src/db/repositories/communications-repository.ts';
import { AppError } from '../../src/errors.ts';
import { FIELD_ENVELOPE_PREFIX } from '../../src/security/field-cipher.ts';
import { DIALECTS, testContext, type TestStore } from '../support/stores.ts';
import { HOLDERS_2022, OFFICER } from '../support/workflow.ts';

// Names and annex texts that appear nowhere else in the letter (not in its subject, summary or body), so
// that finding one of them in the store can only mean that the restricted columns hold it in clear.
const HIDDEN = { name: 'Zhanar WITHHELDVICTIM', variant: 'WITHHELDVARIANT', annex: 'CONFIDENTIAL-ANNEX-FOR-THE-GOVERNMENT' };
const EDITED = { name: 'Timur SECONDHIDDENVICTIM', annex: 'EDITED-CONFIDENTIAL-ANNEX-TEXT' };
const SECRETS = [HIDDEN.name, HIDDEN.variant, HIDDEN.annex, EDITED.name, EDITED.annex];

const withheld = (name: string, variants: string[] = []) => ({ name, variants, publishName: false, publicForm: 'withheld' as const });
const isDecryptionFailure = (err: unknown) => err instanceof AppError && err.code === 'FIELD_DECRYPTION_FAILED';

async function rawColumns(ctx: AppContext, id: string): Promise<{ victims: string; confidential_annex: string }> {
  return ctx.store.db.selectFrom('communications').select(['victims', 'confidential_annex']).where('id', '=', id).executeTakeFirstOrThrow();
}

for (const dialect of DIALECTS) {
  describe(`letters: victims and the confidential annex are encrypted at rest (${dialect})`, () => {
    let ctx: AppContext;
    let store: TestStore;
    let close: () => Promise<void>;
    before(async () => ({ ctx, store, close } = await testContext(dialect, '2022-01-18T08:00:00Z')));
    after(() => close());

    it('a letter created, edited and sent keeps its victims and confidential annex encrypted in the rows and the database file; a load gives them back', async () => {
      const mandates = ['sr-assembly', 'wgad'];
      const draft = await createDraft(ctx, OFFICER, {
        type: 'AL', addressee: 'KAZ', mandates, subject: 'Detention of a human rights defender', body: 'The defender was detained.',
        questions: ['Please explain.'], victims: [withheld(HIDDEN.name, [HIDDEN.variant])], confidentialAnnex: HIDDEN.annex,
      });
      assert.deepEqual(draft.victims, [withheld(HIDDEN.name, [HIDDEN.variant])]);
      assert.equal(draft.confidentialAnnex, HIDDEN.annex);

      await submitDraft(ctx, OFFICER, draft.id);
      const victims = [withheld(HIDDEN.name, [HIDDEN.variant]), withheld(EDITED.name)];
      const edited = await editDraft(ctx, OFFICER, draft.id, { victims, confidentialAnnex: EDITED.annex });
      assert.deepEqual(edited.victims, victims, 'the edit returns the plain values');
      assert.equal(edited.confidentialAnnex, EDITED.annex);
      for (const mandate of mandates) await decideDraft(ctx, OFFICER, draft.id, { mandate, decision: 'approved', holder: HOLDERS_2022[mandate] });
      await approvePublicVersion(ctx, OFFICER, draft.id);
      const sent = await sendCommunication(ctx, OFFICER, draft.id);
      assert.equal(sent.draftingStatus, 'sent');

      const raw = await rawColumns(ctx, draft.id);
      for (const [column, value] of Object.entries(raw)) {
        assert.ok(value.startsWith(`${FIELD_ENVELOPE_PREFIX}:`), `${column} is stored encrypted`);
        for (const secret of SECRETS) assert.ok(!value.includes(secret), `${column} does not hold ${secret} in clear`);
      }

      const loaded = await loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, draft.id);
      assert.deepEqual(loaded?.victims, victims);
      assert.equal(loaded?.confidentialAnnex, EDITED.annex);
      assert.deepEqual(loaded, sent, 'the state a command returns is the state a load gives');
      const page = await listCommunications(ctx.store.db, ctx.keys.field, { addresseeCode: 'KAZ' }, { limit: 20, offset: 0 });
      assert.deepEqual(page.rows.find((r) => r.id === draft.id)?.victims, victims, 'the register list decrypts the victims');
      const exported = [];
      for await (const batch of iterateCommunications(ctx.store.db, ctx.keys.field, {})) exported.push(...batch);
      assert.deepEqual(exported.find((r) => r.id === draft.id)?.victims, victims, 'so does the export');
      assert.deepEqual((await verifyAudit(ctx)).problems, [], 'the audit chain verifies on the decrypted state');

      if (store.options.kind === 'sqlite') {
        const file = store.options.file;
        assert.ok(existsSync(`${file}-wal`), 'the WAL file is part of the copy');
        const bytes = Buffer.concat([file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
        for (const secret of SECRETS) assert.equal(bytes.indexOf(Buffer.from(secret, 'utf8')), -1, `${secret} is in clear in the database file`);
        // The search finds clear text when there is some: the subject is stored in clear.
        assert.notEqual(bytes.indexOf(Buffer.from('Detention of a human rights defender', 'utf8')), -1);
      }
    });

    it('empty victims and annex are encrypted too, so that the store does not tell which letters have them', async () => {
      const draft = await createDraft(ctx, OFFICER, { type: 'OL', addressee: 'KAZ', mandates: ['wgad'], subject: 'A letter without victims' });
      const raw = await rawColumns(ctx, draft.id);
      assert.ok(raw.victims.startsWith(`${FIELD_ENVELOPE_PREFIX}:`) && raw.confidential_annex.startsWith(`${FIELD_ENVELOPE_PREFIX}:`));
      const loaded = await loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, draft.id);
      assert.deepEqual(loaded?.victims, []);
      assert.equal(loaded?.confidentialAnnex, '');
    });

    it('a value moved to another row or column does not decrypt there', async () => {
      const source = await createDraft(ctx, OFFICER, { type: 'AL', addressee: 'KAZ', mandates: ['wgad'], subject: 'Source of the value', victims: [withheld(HIDDEN.name)], confidentialAnnex: HIDDEN.annex });
      const target = await createDraft(ctx, OFFICER, { type: 'AL', addressee: 'KAZ', mandates: ['wgad'], subject: 'Target of the value' });
      const moved = await rawColumns(ctx, source.id);
      const load = (id: string) => loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, id);

      await ctx.store.db.updateTable('communications').set({ victims: moved.victims }).where('id', '=', target.id).execute();
      await assert.rejects(load(target.id), isDecryptionFailure, 'victims moved to another row');
      await assert.rejects(listCommunications(ctx.store.db, ctx.keys.field, { addresseeCode: 'KAZ' }, { limit: 100, offset: 0 }), isDecryptionFailure, 'nor in a list');

      const own = await rawColumns(ctx, target.id);
      await ctx.store.db.updateTable('communications').set({ victims: own.confidential_annex }).where('id', '=', target.id).execute();
      await assert.rejects(load(target.id), isDecryptionFailure, 'the annex moved into the victims column of its own row');

      await ctx.store.db.updateTable('communications').set({ confidential_annex: moved.confidential_annex, victims: own.victims }).where('id', '=', target.id).execute();
      await assert.rejects(load(target.id), isDecryptionFailure, 'the annex moved to another row');

      const report = await verifyAudit(ctx);
      assert.deepEqual(
        report.problems.map((p) => [p.problem, p.message.includes(target.id)]),
        [['record_mismatch', true]],
        'verify-audit reports the altered letter, and only it',
      );
    });

    it('a change that sets a restricted column without a reload (the one-statement path) writes it encrypted and predicts the plain value', async () => {
      const draft = await createDraft(ctx, OFFICER, { type: 'AL', addressee: 'KAZ', mandates: ['wgad'], subject: 'Predicted state' });
      // Without further writes (`also`) the runner derives the state after from the loaded row and the patch.
      const victims = [withheld(EDITED.name)];
      const changed = await changeCommunication(ctx, OFFICER, 'edit', draft.id, () => ({
        patch: { victims: JSON.stringify(victims), confidential_annex: EDITED.annex },
        history: { details: { fields: ['victims', 'confidentialAnnex'] } },
      }));
      assert.deepEqual(changed.victims, victims);
      assert.equal(changed.confidentialAnnex, EDITED.annex);
      assert.deepEqual(await loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, draft.id), changed, 'the predicted state is the state a load gives');
      const raw = await rawColumns(ctx, draft.id);
      assert.ok(!raw.victims.includes(EDITED.name) && !raw.confidential_annex.includes(EDITED.annex));
      assert.ok(raw.victims.startsWith(`${FIELD_ENVELOPE_PREFIX}:`) && raw.confidential_annex.startsWith(`${FIELD_ENVELOPE_PREFIX}:`));
      assert.deepEqual((await verifyAudit(ctx)).problems.filter((p) => p.message.includes(draft.id)), []);
    });

    it('a row written before encryption (plain JSON and text) is read as it is, and encrypted by the next edit', async () => {
      const draft = await createDraft(ctx, OFFICER, { type: 'AL', addressee: 'KAZ', mandates: ['wgad'], subject: 'An older letter', victims: [withheld('Older Name')], confidentialAnnex: 'Older annex' });
      await ctx.store.db
        .updateTable('communications')
        .set({ victims: JSON.stringify([withheld('Older Name')]), confidential_annex: 'Older annex' })
        .where('id', '=', draft.id)
        .execute();
      const loaded = await loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, draft.id);
      assert.deepEqual(loaded, draft, 'the plain values read back as they were');

      const edited = await editDraft(ctx, OFFICER, draft.id, { confidentialAnnex: 'Newer annex' });
      assert.equal(edited.confidentialAnnex, 'Newer annex');
      assert.deepEqual(edited.victims, [withheld('Older Name')], 'a column the edit leaves alone still reads back');
      const raw = await rawColumns(ctx, draft.id);
      assert.ok(raw.confidential_annex.startsWith(`${FIELD_ENVELOPE_PREFIX}:`), 'the column the edit wrote is encrypted');
      assert.deepEqual(await loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, draft.id), edited);
    });
  });
}
