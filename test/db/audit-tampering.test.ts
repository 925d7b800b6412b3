import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createCheckpoint } from '../../src/commands/audit-checkpoint.ts';
import { auditRead } from '../../src/commands/audit-read.ts';
import { recordReply } from '../../src/commands/record-reply.ts';
import { verifyAudit, type AuditReport, type GivenCheckpoint } from '../../src/commands/verify-audit.ts';
import type { AppContext } from '../../src/context.ts';
import { readAuditBatch, readAuditHead } from '../../src/db/repositories/audit-repository.ts';
import { entryHash, type AuditEntry } from '../../src/domain/audit-chain.ts';
import { signCheckpoint, type AuditCheckpoint } from '../../src/domain/audit-checkpoint.ts';
import { TAMPERING_CODES } from '../../src/domain/audit-tampering.ts';
import { loadKeyring } from '../../src/security/keys.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeAuditProtection } from '../support/audit-protection.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { OFFICER, sendNew } from '../support/workflow.ts';

/**
 * A chain built by real commands: two letters sent (entries 1–12: create, submit, two decisions, public
 * version, send — six each), a reply to the first (13), then three audited reads (14–16).
 */
async function buildChain(ctx: AppContext): Promise<{ first: string }> {
  const first = await sendNew(ctx, { subject: 'First letter' });
  await sendNew(ctx, { subject: 'Second letter' });
  await recordReply(ctx, OFFICER, first.id, { receivedOn: '2022-01-18', kind: 'acknowledgment' });
  for (const what of ['source_identity', 'detention_place', 'attachment']) {
    await auditRead(ctx, OFFICER, { recordType: 'communication', recordId: first.id, what });
  }
  return { first: first.id };
}

const entriesOf = (ctx: AppContext) => readAuditBatch(ctx.store.db, 0, 10_000);
const codes = (r: AuditReport) => r.problems.map((p) => p.problem);
const checkpointOf = (c: AuditCheckpoint, label = 'checkpoint.json'): GivenCheckpoint => ({ checkpoint: c, label });

/** Renumbers the entries from `from` on by `by`, through negative numbers so that no two rows ever share one. */
async function renumber(ctx: AppContext, from: number, by: number): Promise<void> {
  await sql`update audit_log set seq = -(seq + ${by}) where seq >= ${from}`.execute(ctx.store.db);
  await sql`update audit_log set seq = -seq where seq < 0`.execute(ctx.store.db);
}

async function setHead(ctx: AppContext, lastSeq: number, lastHash: string): Promise<void> {
  await sql`update audit_head set last_seq = ${lastSeq}, last_hash = ${lastHash} where id = 1`.execute(ctx.store.db);
}

async function writeEntry(ctx: AppContext, e: AuditEntry): Promise<void> {
  await sql`insert into audit_log (seq, at, actor, action, record_type, record_id, before_digest, after_digest, details, prev_hash, hash)
    values (${e.seq}, ${e.at}, ${e.actor}, ${e.action}, ${e.recordType}, ${e.recordId}, ${e.beforeDigest}, ${e.afterDigest}, ${e.details}, ${e.prevHash}, ${e.hash})`.execute(ctx.store.db);
}

for (const dialect of DIALECTS) {
  describe(`audit verify names each kind of tampering, on ${dialect}`, () => {
    let ctx: AppContext;
    let close: () => Promise<void>;
    let checkpoint: AuditCheckpoint;
    let all: AuditEntry[];

    /** A fresh chain for each case, its checkpoint exported before the attack, and the protection removed. */
    async function fresh(): Promise<void> {
      if (close) await close();
      ({ ctx, close } = await testContext(dialect, '2022-01-18T08:00:00Z'));
      await buildChain(ctx);
      checkpoint = await createCheckpoint(ctx);
      all = await entriesOf(ctx);
      assert.equal(all.length, 16);
      assert.deepEqual((await verifyAudit(ctx, { checkpoints: [checkpointOf(checkpoint)] })).problems, []);
      await removeAuditProtection(ctx);
    }
    after(() => close?.());

    test('an intact chain verifies, with and without its checkpoint, and read entries are not states', async () => {
      await fresh();
      const report = await verifyAudit(ctx, { checkpoints: [checkpointOf(checkpoint)] });
      assert.equal(report.ok, true);
      assert.deepEqual(report.checkpoints.map((c) => [c.seq, c.signer]), [[16, 'installation']]);
      assert.equal(report.entries, 16);
      assert.equal(report.lastSeq, 16);
      assert.equal(checkpoint.seq, 16);
      assert.equal(checkpoint.hash, all[15]!.hash);
      assert.equal(checkpoint.entries, 16);
      assert.equal(checkpoint.keyId, ctx.keys.auditSigning.keyId);
    });

    test('an edited entry: entry_edited at that entry', async () => {
      await fresh();
      await sql`update audit_log set actor = 'someone else' where seq = 5`.execute(ctx.store.db);
      const r = await verifyAudit(ctx, { checkpoints: [checkpointOf(checkpoint)] });
      assert.deepEqual(r.problems.map((p) => [p.problem, p.seq]), [['entry_edited', 5]]);
    });

    test('an edited entry with its hash recomputed: entry_edited at that entry, seen from the next', async () => {
      await fresh();
      const e = all[4]!;
      const { hash: _hash, ...body } = { ...e, details: JSON.stringify({ reason: 'forged' }) };
      await sql`update audit_log set details = ${body.details}, hash = ${entryHash(body)} where seq = 5`.execute(ctx.store.db);
      const r = await verifyAudit(ctx);
      assert.deepEqual(r.problems.map((p) => [p.problem, p.seq]), [['entry_edited', 5]]);
    });

    test('a deleted entry: entry_deleted, whether or not the later entries were renumbered', async () => {
      await fresh();
      await sql`delete from audit_log where seq = 5`.execute(ctx.store.db);
      assert.deepEqual((await verifyAudit(ctx)).problems.map((p) => [p.problem, p.seq]), [['entry_deleted', 5]]);

      await fresh();
      await sql`delete from audit_log where seq = 5`.execute(ctx.store.db);
      await renumber(ctx, 6, -1);
      await setHead(ctx, 15, all[15]!.hash);
      const r = await verifyAudit(ctx, { checkpoints: [checkpointOf(checkpoint)] });
      assert.deepEqual(r.problems.map((p) => [p.problem, p.seq]), [['entry_deleted', 5]]);
    });

    test('reordered entries: entries_reordered', async () => {
      await fresh();
      // Entries 2 and 4 (the first letter's submission and its second decision) change places.
      await sql`update audit_log set seq = -2 where seq = 2`.execute(ctx.store.db);
      await sql`update audit_log set seq = 2 where seq = 4`.execute(ctx.store.db);
      await sql`update audit_log set seq = 4 where seq = -2`.execute(ctx.store.db);
      const r = await verifyAudit(ctx, { checkpoints: [checkpointOf(checkpoint)] });
      assert.deepEqual(r.problems.map((p) => [p.problem, p.seq]), [['entries_reordered', 2]]);
      assert.match(r.problems[0]!.message, /entries 2 to 4 are not in the order/);

      await fresh();
      await sql`update audit_log set seq = -7 where seq = 7`.execute(ctx.store.db);
      await sql`update audit_log set seq = 7 where seq = 8`.execute(ctx.store.db);
      await sql`update audit_log set seq = 8 where seq = -7`.execute(ctx.store.db);
      assert.deepEqual(codes(await verifyAudit(ctx)), ['entries_reordered']);
    });

    test('an inserted entry: entry_inserted, with the later entries renumbered and the head moved on', async () => {
      await fresh();
      await renumber(ctx, 5, 1);
      const prev = all[3]!;
      const { hash: _h, ...template } = all[4]!;
      const forgedBody = { ...template, seq: 5, prevHash: prev.hash, actor: 'Someone Else', details: JSON.stringify({ reason: 'backdated' }) };
      await writeEntry(ctx, { ...forgedBody, hash: entryHash(forgedBody) });
      await setHead(ctx, 17, all[15]!.hash);
      const r = await verifyAudit(ctx, { checkpoints: [checkpointOf(checkpoint)] });
      assert.deepEqual(r.problems.map((p) => [p.problem, p.seq]), [['entry_inserted', 5]]);
    });

    test('an entry added after the head, around the commands: entry_inserted', async () => {
      await fresh();
      const last = all[15]!;
      const { hash: _h, ...template } = last;
      const body = { ...template, seq: 17, prevHash: last.hash };
      await writeEntry(ctx, { ...body, hash: entryHash(body) });
      assert.deepEqual((await verifyAudit(ctx)).problems.map((p) => [p.problem, p.seq]), [['entry_inserted', 17]]);
    });

    test('a cut tail: tail_cut, from the head when it was left, and only from a checkpoint when it was rewritten', async () => {
      await fresh();
      await sql`delete from audit_log where seq > 13`.execute(ctx.store.db);
      assert.deepEqual((await verifyAudit(ctx)).problems.map((p) => [p.problem, p.seq]), [['tail_cut', 14]]);

      await setHead(ctx, 13, all[12]!.hash);
      assert.deepEqual((await verifyAudit(ctx)).problems, [], 'without a checkpoint, a tail cut with its head does not show');
      const r = await verifyAudit(ctx, { checkpoints: [checkpointOf(checkpoint)] });
      assert.deepEqual(r.problems.map((p) => [p.problem, p.seq]), [['tail_cut', 14]]);
      assert.match(r.problems[0]!.message, /checkpoint checkpoint\.json names entry 16/);
    });

    test('a wholesale rewrite: chain_rewritten, and only against a checkpoint', async () => {
      await fresh();
      // Entry 3's details changed, and every hash from there on recomputed, the head too.
      let prevHash = all[1]!.hash;
      for (const e of all.slice(2)) {
        const { hash: _h, ...body } = e;
        const rewritten = { ...body, prevHash, details: e.seq === 3 ? JSON.stringify({ note: 'rewritten' }) : body.details };
        const hash = entryHash(rewritten);
        await sql`update audit_log set details = ${rewritten.details}, prev_hash = ${prevHash}, hash = ${hash} where seq = ${e.seq}`.execute(ctx.store.db);
        prevHash = hash;
      }
      await setHead(ctx, 16, prevHash);
      assert.deepEqual((await verifyAudit(ctx)).problems, [], 'a consistent rewrite passes every check inside the database');
      const r = await verifyAudit(ctx, { checkpoints: [checkpointOf(checkpoint)] });
      assert.deepEqual(r.problems.map((p) => [p.problem, p.seq]), [['chain_rewritten', 16]]);
    });

    test('each kind has its own code', () => {
      assert.deepEqual([...TAMPERING_CODES], ['entry_edited', 'entry_deleted', 'entries_reordered', 'entry_inserted', 'tail_cut', 'chain_rewritten']);
    });

    test("checkpoints: a forged one is refused, another installation's is checked with its own key and reported", async () => {
      await fresh();
      const altered = { ...checkpoint, seq: 12, hash: all[11]!.hash };
      const r = await verifyAudit(ctx, { checkpoints: [checkpointOf(altered, 'altered.json')] });
      assert.deepEqual(r.problems.map((p) => p.problem), ['checkpoint_invalid']);
      assert.deepEqual(r.checkpoints.map((c) => c.signer), ['invalid']);

      const dir = mkdtempSync(join(tmpdir(), 'rapporteur-other-keys-'));
      try {
        const other = loadKeyring(dir, {});
        const { signature: _s, ...body } = checkpoint;
        const elsewhere = signCheckpoint(
          { ...body, keyId: other.auditSigning.keyId, publicKey: other.auditSigning.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
          other.auditSigning.privateKey,
        );
        const ok = await verifyAudit(ctx, { checkpoints: [checkpointOf(elsewhere, 'elsewhere.json')] });
        assert.deepEqual(ok.problems, []);
        assert.deepEqual(ok.checkpoints.map((c) => [c.label, c.signer, c.keyId]), [['elsewhere.json', 'other', other.auditSigning.keyId]]);
        // Signed with another key while naming this installation's key: refused.
        const impostor = signCheckpoint({ ...body }, other.auditSigning.privateKey);
        const refused = await verifyAudit(ctx, { checkpoints: [checkpointOf(impostor, 'impostor.json')] });
        assert.deepEqual(codes(refused), ['checkpoint_invalid']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe(`the audit log refuses changes in the database itself, on ${dialect}`, () => {
    let ctx: AppContext;
    let close: () => Promise<void>;
    before(async () => {
      ({ ctx, close } = await testContext(dialect, '2022-01-18T08:00:00Z'));
      await buildChain(ctx);
    });
    after(() => close());

    test('UPDATE and DELETE are refused, and TRUNCATE on PostgreSQL; the head still moves', async () => {
      const refused = { message: /append-only/ };
      await assert.rejects(() => sql`update audit_log set actor = 'someone else' where seq = 3`.execute(ctx.store.db), refused);
      await assert.rejects(() => sql`update audit_log set seq = seq + 100`.execute(ctx.store.db), refused);
      await assert.rejects(() => sql`delete from audit_log where seq = 16`.execute(ctx.store.db), refused);
      await assert.rejects(() => sql`delete from audit_log`.execute(ctx.store.db), refused);
      if (dialect === 'postgres') await assert.rejects(() => sql`truncate audit_log`.execute(ctx.store.db), refused);
      assert.equal((await entriesOf(ctx)).length, 16);
      assert.deepEqual((await verifyAudit(ctx)).problems, []);
      // Appending still works: the head row is not protected, the entries are only inserted.
      const head = await readAuditHead(ctx.store.db);
      await sendNew(ctx, { subject: 'After the refusals' });
      assert.equal((await readAuditHead(ctx.store.db)).lastSeq, head.lastSeq + 6);
      assert.deepEqual((await verifyAudit(ctx)).problems, []);
    });
  });
}
