import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { createDraft } from '../../src/commands/create-draft.ts';
import { decideDraft } from '../../src/commands/decide-draft.ts';
import { recordReply } from '../../src/commands/record-reply.ts';
import { sendCommunication } from '../../src/commands/send-communication.ts';
import { submitDraft } from '../../src/commands/submit-draft.ts';
import { verifyAudit } from '../../src/commands/verify-audit.ts';
import { loadConfig } from '../../src/config.ts';
import { createContext, type AppContext } from '../../src/context.ts';
import { backupStore } from '../../src/db/backup/backup-store.ts';
import { copyStore } from '../../src/db/backup/copy-store.ts';
import { restoreStore } from '../../src/db/backup/restore-store.ts';
import type { StoreOptions } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/schema.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { AppError } from '../../src/errors.ts';
import { staff } from '../../src/policies/principal.ts';

const PG_URL = process.env.TEST_DATABASE_URL;
const officer = staff('Test Officer');

/** Every table with the columns that order its rows, so that two stores can be compared row for row. */
const TABLES: Array<[keyof Database, string[]]> = [
  ['communications', ['id']],
  ['communication_mandates', ['communication_id', 'mandate_slug']],
  ['replies', ['id']],
  ['follow_ups', ['communication_id', 'follows_id']],
  ['communication_events', ['id']],
  ['reference_counters', ['addressee_code', 'year']],
  ['audit_log', ['seq']],
  ['audit_head', ['id']],
];

/** A place for stores of one dialect: fresh SQLite files, or fresh PostgreSQL schemas dropped at the end. */
interface Place {
  newStore(): Promise<StoreOptions>;
  /** A path for a backup file that does not exist yet. */
  backupPath(): string;
  /** Makes a store empty again (its schema or file removed) so that a backup can be restored into it. */
  wipe(store: StoreOptions): Promise<void>;
  cleanUp(): Promise<void>;
}

function sqlitePlace(): Place {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-'));
  let n = 0;
  return {
    newStore: async () => ({ kind: 'sqlite', file: join(dir, `store-${++n}.sqlite`) }),
    backupPath: () => join(dir, `backup-${++n}.bak`),
    wipe: async (s) => {
      if (s.kind === 'sqlite') for (const x of ['', '-wal', '-shm']) rmSync(s.file + x, { force: true });
    },
    cleanUp: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresPlace(url: string): Place {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-'));
  const schemas: string[] = [];
  let n = 0;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    newStore: async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      await admin(`CREATE SCHEMA ${schema}`);
      schemas.push(schema);
      return { kind: 'postgres', url, schema };
    },
    backupPath: () => join(dir, `backup-${++n}.dump`),
    wipe: async (s) => {
      if (s.kind === 'postgres') await admin(`DROP SCHEMA IF EXISTS ${s.schema} CASCADE`);
    },
    cleanUp: async () => {
      for (const s of schemas) await admin(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function open(store: StoreOptions): Promise<AppContext> {
  return createContext(loadConfig({}), { store, clock: new ManualClock('2022-01-18T09:00:00Z') });
}

/** Writes two sent letters (one with a reply) and a draft, through the commands, so the audit chain is real. */
async function writeSomeData(ctx: AppContext): Promise<void> {
  for (const subject of ['Excessive use of force against protesters', 'Internet shutdown']) {
    const draft = await createDraft(ctx, officer, {
      type: 'AL',
      addressee: 'KAZ',
      mandates: ['sr-assembly'],
      subject,
      summary: 'Alleged killings, arbitrary detentions — “quotes”, émigré, Қазақстан',
      body: 'Body text\nwith lines',
      questions: ['Please provide information.', 'Please explain the legal basis.'],
    });
    await submitDraft(ctx, officer, draft.id);
    await decideDraft(ctx, officer, draft.id, { mandate: 'sr-assembly', decision: 'approved', holder: 'Clément Nyasletsossi Voule' });
    await sendCommunication(ctx, officer, draft.id);
  }
  await recordReply(ctx, officer, 'AL KAZ 1/2022', { receivedOn: '2022-01-18', kind: 'acknowledgment', summary: 'Received.' });
  await createDraft(ctx, officer, { type: 'OL', addressee: 'KAZ', mandates: ['sr-assembly'], subject: 'Draft law on assemblies' });
}

/** All rows of every table, in key order. */
async function dump(ctx: AppContext): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, key] of TABLES) {
    let q = ctx.store.db.selectFrom(table).selectAll();
    for (const k of key) q = q.orderBy(k as never);
    out[table] = await q.execute();
  }
  return out;
}

async function withStore<T>(store: StoreOptions, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await open(store);
  try {
    return await fn(ctx);
  } finally {
    await ctx.store.close();
  }
}

function isCode(code: string) {
  return (err: unknown) => {
    assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return true;
  };
}

const dialects: Array<['sqlite' | 'postgres', () => Place]> = [['sqlite', sqlitePlace]];
if (PG_URL) dialects.push(['postgres', () => postgresPlace(PG_URL)]);

for (const [dialect, makePlace] of dialects) {
  describe(`backup and restore (${dialect})`, () => {
    let place: Place;
    let source: StoreOptions;
    let rows: Record<string, unknown[]>;
    let backup: string;

    before(async () => {
      place = makePlace();
      source = await place.newStore();
      rows = await withStore(source, async (ctx) => {
        await writeSomeData(ctx);
        return dump(ctx);
      });
      backup = place.backupPath();
      const result = await withStore(source, (ctx) => backupStore(ctx.store, backup));
      assert.equal(result.bytes, statSync(backup).size);
    });
    after(async () => place.cleanUp());

    test('the backup holds the data and leaves no temporary file', async () => {
      assert.equal(rows.communications?.length, 3);
      assert.equal(rows.replies?.length, 1);
      assert.ok((rows.audit_log?.length ?? 0) > 8);
      const dir = join(backup, '..');
      assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
    });

    test('backup refuses to overwrite an existing file', async () => {
      const existing = place.backupPath();
      writeFileSync(existing, 'keep me');
      await withStore(source, (ctx) => assert.rejects(backupStore(ctx.store, existing), isCode('CONFLICT')));
      assert.equal(readFileSync(existing, 'utf8'), 'keep me');
    });

    test('restore into a new store gives identical rows and an intact audit chain', async () => {
      let target: StoreOptions;
      if (dialect === 'sqlite') {
        target = await place.newStore();
      } else {
        // A PostgreSQL dump restores into the schema it was taken from: drop it, as after losing it.
        target = source;
        await place.wipe(source);
      }
      await restoreStore(target, backup);
      await withStore(target, async (ctx) => {
        assert.deepEqual(await dump(ctx), rows);
        const report = await verifyAudit(ctx);
        assert.deepEqual(report.problems, []);
        assert.equal(report.ok, true);
        assert.equal(report.records, 3);
      });
      if (target.kind === 'sqlite') {
        assert.equal(existsSync(target.file + '-wal'), false);
        assert.deepEqual(readdirSync(join(target.file, '..')).filter((f) => f.endsWith('.tmp')), []);
      }
    });

    test('restore refuses a target that holds communications, unless forced', async () => {
      const target = await place.newStore();
      const before = await withStore(target, async (ctx) => {
        await createDraft(ctx, officer, { type: 'UA', addressee: 'KAZ', mandates: ['sr-assembly'], subject: 'Another letter' });
        return dump(ctx);
      });
      if (dialect === 'sqlite') {
        await assert.rejects(restoreStore(target, backup), isCode('STORE_NOT_EMPTY'));
        await withStore(target, async (ctx) => assert.deepEqual(await dump(ctx), before));
        await restoreStore(target, backup, { force: true });
        await withStore(target, async (ctx) => {
          assert.deepEqual(await dump(ctx), rows);
          assert.equal((await verifyAudit(ctx)).ok, true);
        });
      } else {
        // The dump names its own schema, which now holds data: refused, then replaced when forced.
        await assert.rejects(restoreStore(source, backup), isCode('STORE_NOT_EMPTY'));
        // A target in another schema does not match the dump at all.
        await assert.rejects(restoreStore(target, backup), isCode('FILE_INVALID'));
        await withStore(target, async (ctx) => assert.deepEqual(await dump(ctx), before));
        await withStore(source, (ctx) => createDraft(ctx, officer, { type: 'OL', addressee: 'KAZ', mandates: ['sr-assembly'], subject: 'Extra' }));
        await restoreStore(source, backup, { force: true });
        await withStore(source, async (ctx) => {
          assert.deepEqual(await dump(ctx), rows);
          assert.equal((await verifyAudit(ctx)).ok, true);
        });
      }
    });

    test('restore refuses a text file and a truncated backup, and changes nothing', async () => {
      const target = await place.newStore();
      const text = place.backupPath();
      writeFileSync(text, 'this is not a backup\n'.repeat(50));
      await assert.rejects(restoreStore(target, text), isCode('FILE_INVALID'));

      const truncated = place.backupPath();
      copyFileSync(backup, truncated);
      truncateSync(truncated, Math.floor(statSync(backup).size / 2));
      await assert.rejects(restoreStore(target, truncated), isCode('FILE_INVALID'));

      await assert.rejects(restoreStore(target, place.backupPath()), isCode('FILE_INVALID'));
      await withStore(target, async (ctx) => assert.equal((await dump(ctx)).communications?.length, 0));
      if (target.kind === 'sqlite') {
        assert.deepEqual(readdirSync(join(target.file, '..')).filter((f) => f.endsWith('.tmp')), []);
      }
    });
  });
}

describe('copy-store from SQLite to PostgreSQL', { skip: PG_URL ? false : 'TEST_DATABASE_URL is not set' }, () => {
  let sqlite: Place;
  let postgres: Place;
  before(() => {
    sqlite = sqlitePlace();
    postgres = postgresPlace(PG_URL ?? '');
  });
  after(async () => {
    await sqlite.cleanUp();
    await postgres.cleanUp();
  });

  test('copies every row, keeps the audit chain intact, and refuses a second copy', async () => {
    const from = await sqlite.newStore();
    const to = await postgres.newStore();
    const fromCtx = await open(from);
    // The target is opened without migrating: copyStore migrates it.
    const toCtx = await createContext(loadConfig({}), { store: to, clock: new ManualClock('2022-01-18T09:00:00Z'), migrate: false });
    try {
      await writeSomeData(fromCtx);
      const rows = await dump(fromCtx);
      const progress: string[] = [];
      const result = await copyStore(fromCtx.store, toCtx.store, (p) => progress.push(`${p.table} ${p.copied}/${p.total}`));
      assert.deepEqual(await dump(toCtx), rows);
      for (const [table] of TABLES) assert.equal(result.rows[table], rows[table]?.length, table);
      assert.ok(progress.includes('communications 3/3'));
      const report = await verifyAudit(toCtx);
      assert.deepEqual(report.problems, []);
      assert.equal(report.ok, true);
      assert.equal(report.entries, rows.audit_log?.length);

      // The copied store keeps working: the next reference continues the sequence.
      const next = await createDraft(toCtx, officer, { type: 'UA', addressee: 'KAZ', mandates: ['sr-assembly'], subject: 'After the move' });
      await submitDraft(toCtx, officer, next.id);
      await decideDraft(toCtx, officer, next.id, { mandate: 'sr-assembly', decision: 'approved', holder: 'Clément Nyasletsossi Voule' });
      assert.equal((await sendCommunication(toCtx, officer, next.id)).reference, 'UA KAZ 3/2022');
      assert.equal((await verifyAudit(toCtx)).ok, true);

      const afterFirst = await dump(toCtx);
      await assert.rejects(copyStore(fromCtx.store, toCtx.store), isCode('STORE_NOT_EMPTY'));
      assert.deepEqual(await dump(toCtx), afterFirst);
    } finally {
      await fromCtx.store.close();
      await toCtx.store.close();
    }
  });
});
