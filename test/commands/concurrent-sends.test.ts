import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createDraft } from '../../src/commands/create-draft.ts';
import { decideDraft } from '../../src/commands/decide-draft.ts';
import { submitDraft } from '../../src/commands/submit-draft.ts';
import { verifyAudit } from '../../src/commands/verify-audit.ts';
import type { AppContext } from '../../src/context.ts';
import { listCommunications } from '../../src/db/repositories/communications-repository.ts';
import { AUDIT_SIGNING_KEY_VAR, FIELD_KEY_VAR } from '../../src/security/keys.ts';
import { DIALECTS, testContext, testKeys, type TestStore } from '../support/stores.ts';
import { HOLDERS_2022, OFFICER } from '../support/workflow.ts';

// 50 sends from 10 processes at once, each process with its own connection (on PostgreSQL, 10 concurrent
// connections; on SQLite, 10 writers contending through BEGIN IMMEDIATE and the busy timeout).
const SENDS = 50;
const PROCESSES = 10;
const worker = fileURLToPath(new URL('../support/send-worker.ts', import.meta.url));

// The workers read and write the letters' encrypted fields: they get this test's keys, as an installation's
// processes share theirs.
const keys = testKeys();
const KEYS_ENV = {
  [FIELD_KEY_VAR]: keys.field.key.toString('base64'),
  [AUDIT_SIGNING_KEY_VAR]: keys.auditSigning.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};

interface Result {
  reference?: string;
  error?: string;
}

/** Starts the workers, waits until every one has its connection open, then releases them all at once. */
async function sendFromProcesses(store: TestStore, drafts: string[], clockIso: string): Promise<Result[]> {
  const children: ChildProcess[] = [];
  const ready: Array<Promise<void>> = [];
  const results: Array<Promise<Result[]>> = [];
  for (let p = 0; p < PROCESSES; p++) {
    const mine = drafts.filter((_, i) => i % PROCESSES === p);
    const child = fork(worker, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...KEYS_ENV, WORKER_STORE: JSON.stringify(store.options), WORKER_DRAFTS: mine.join(','), WORKER_CLOCK: clockIso },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    ready.push(new Promise((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
    }));
    results.push(new Promise((resolve, reject) => {
      const got: Result[] = [];
      child.on('message', (m: Result & { ready?: boolean }) => {
        if (!m.ready) got.push(m);
        if (got.length === mine.length) resolve(got);
      });
      child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`worker exited with ${code}`))));
    }));
  }
  await Promise.all(ready);
  for (const child of children) child.send({ go: true });
  return (await Promise.all(results)).flat();
}

for (const dialect of DIALECTS) {
  describe(`reference allocation under real concurrency on ${dialect}`, () => {
    let ctx: AppContext;
    let store: TestStore;
    let close: () => Promise<void>;
    const drafts: string[] = [];
    before(async () => {
      ({ ctx, store, close } = await testContext(dialect, '2022-01-18T08:00:00Z'));
      for (let i = 0; i < SENDS; i++) {
        const mandates = i % 2 === 0 ? ['wgad'] : ['sr-assembly', 'sr-torture'];
        const d = await createDraft(ctx, OFFICER, { type: (['AL', 'UA', 'OL'] as const)[i % 3], addressee: 'KAZ', mandates, subject: `Concurrent ${i}` });
        await submitDraft(ctx, OFFICER, d.id);
        for (const m of mandates) await decideDraft(ctx, OFFICER, d.id, { mandate: m, decision: 'approved', holder: HOLDERS_2022[m] });
        drafts.push(d.id);
      }
    });
    after(() => close());

    test(`${SENDS} sends to one addressee from ${PROCESSES} processes at once give 1 to ${SENDS} with no gap and no duplicate`, { timeout: 180_000 }, async () => {
      const results = await sendFromProcesses(store, drafts, '2022-01-18T10:00:00Z');
      assert.deepEqual(results.filter((r) => r.error), [], 'every send succeeded');
      const numbers = results.map((r) => Number(/ KAZ (\d+)\/2022$/.exec(r.reference ?? '')?.[1])).sort((a, b) => a - b);
      assert.deepEqual(numbers, Array.from({ length: SENDS }, (_, i) => i + 1));
      const stored = await listCommunications(ctx.store.db, ctx.keys.field, { addresseeCode: 'KAZ', year: 2022 }, { limit: 200, offset: 0 });
      assert.equal(stored.total, SENDS);
      assert.equal(new Set(stored.rows.map((r) => r.reference)).size, SENDS);
      const audit = await verifyAudit(ctx);
      assert.deepEqual(audit.problems, []);
    });
  });
}
