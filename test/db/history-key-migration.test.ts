import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { createDraft } from '../../src/commands/create-draft.ts';
import { decideDraft } from '../../src/commands/decide-draft.ts';
import { sendCommunication } from '../../src/commands/send-communication.ts';
import { submitDraft } from '../../src/commands/submit-draft.ts';
import { verifyAudit } from '../../src/commands/verify-audit.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { down, up } from '../../src/db/migrations/0011-history-key.ts';
import { getCommunication } from '../../src/queries/get-communication.ts';
import { staff } from '../../src/policies/principal.ts';
import { DIALECTS, testContext } from '../support/stores.ts';

const officer = staff('Test Officer');

/** Every history entry, in a stable order, as stored. */
async function entries(db: Kysely<unknown>): Promise<unknown[]> {
  const { rows } = await sql`select id, communication_id, seq, at, actor, action, reason, details from communication_events order by communication_id, seq`.execute(db);
  return rows;
}

/** How the store keys the entries: the columns of the primary key, and whether SQLite keeps a rowid. */
async function keyOf(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<{ key: string[]; rowid?: boolean; indexes: number }> {
  if (dialect === 'sqlite') {
    const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'communication_events'`.execute(db);
    const info = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info('communication_events')`.execute(db);
    const indexes = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'index' and tbl_name = 'communication_events'`.execute(db);
    return {
      key: info.rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      rowid: !/without\s+rowid\s*$/i.test(table.rows[0]!.sql),
      indexes: Number(indexes.rows[0]!.n),
    };
  }
  const key = await sql<{ column: string }>`
    select a.attname as column from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = 'communication_events'::regclass and i.indisprimary
    order by array_position(i.indkey::int2[], a.attnum)`.execute(db);
  const indexes = await sql<{ n: number }>`select count(*)::int as n from pg_index where indrelid = 'communication_events'::regclass`.execute(db);
  return { key: key.rows.map((r) => r.column), indexes: indexes.rows[0]!.n };
}

for (const dialect of DIALECTS) {
  describe(`history entries keyed by communication and sequence on ${dialect}`, () => {
    it('keeps every entry across the migration and back, and the audit chain verifies', async () => {
      const { ctx, close } = await testContext(dialect);
      try {
        const db = ctx.store.db as unknown as Kysely<unknown>;
        assert.deepEqual(await keyOf(db, dialect), dialect === 'sqlite' ? { key: ['communication_id', 'seq'], rowid: false, indexes: 0 } : { key: ['communication_id', 'seq'], indexes: 1 });

        // A few letters with their histories (created, submitted, approved, sent).
        const ids: string[] = [];
        for (const addressee of ['KAZ', 'BRA', 'KAZ']) {
          const draft = await createDraft(ctx, officer, { type: 'AL', addressee, mandates: ['wgad'], subject: `To ${addressee}`, summary: 'A summary.', questions: ['A question?'] });
          await submitDraft(ctx, officer, draft.id);
          await decideDraft(ctx, officer, draft.id, { mandate: 'wgad', decision: 'approved', holder: 'Elina Steinerte' });
          await sendCommunication(ctx, officer, draft.id);
          ids.push(draft.id);
        }
        const before = await entries(db);
        assert.equal(before.length, 12);

        // Back to the keys of migration 0001, as a store made before this migration has them; then up again.
        await down(db);
        assert.deepEqual(await keyOf(db, dialect), dialect === 'sqlite' ? { key: ['id'], rowid: true, indexes: 2 } : { key: ['id'], indexes: 2 });
        assert.deepEqual(await entries(db), before);
        await sql`delete from kysely_migration where name = '0011-history-key'`.execute(db);
        assert.deepEqual(await migrateToLatest(ctx.store), ['0011-history-key']);
        assert.deepEqual(await entries(db), before);
        assert.deepEqual(await keyOf(db, dialect), dialect === 'sqlite' ? { key: ['communication_id', 'seq'], rowid: false, indexes: 0 } : { key: ['communication_id', 'seq'], indexes: 1 });
        // On SQLite a second run (a process that stopped before recording the migration) changes nothing.
        if (dialect === 'sqlite') {
          await up(db);
          assert.deepEqual(await entries(db), before);
        }

        // The commands go on writing entries; the same (communication, seq) twice is refused by the key.
        const letter = await getCommunication(ctx, officer, ids[0]!);
        assert.equal(letter.history.length, 4);
        await assert.rejects(
          sql`insert into communication_events (id, communication_id, seq, at, actor, action) values ('x', ${ids[0]!}, 1, '2022-01-18T08:00:00Z', 'someone', 'created')`.execute(db),
        );
        assert.equal((await verifyAudit(ctx)).ok, true);
      } finally {
        await close();
      }
    });
  });
}
