// The list import of the register benchmark, run in a process of its own (see runImportApart): its memory is
// then the import's alone, and an import that runs out of memory ends this process, not the benchmark.
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { createContext } from '../src/context.ts';
import { ManualClock } from '../src/domain/clock.ts';
import { loadKeyring } from '../src/security/keys.ts';
import { buildWorld } from './register-data.ts';
import { benchImport } from './register-import.ts';
import type { ImportJob, ImportMessage } from './register-import-apart.ts';

const send = (m: ImportMessage) => new Promise<void>((resolve) => process.send!(m, () => resolve()));

process.once('message', (job: ImportJob) => {
  void (async () => {
    const ctx = await createContext(loadConfig({}), { store: job.store, clock: new ManualClock(job.clock), logger: pino({ level: 'silent' }), keys: loadKeyring(job.keyDir, {}) });
    try {
      let last = 0;
      const result = await benchImport(ctx, buildWorld(), job.scale, job.rows, (done, total, heapUsed) => {
        if (performance.now() - last < 1000 && done < total) return;
        last = performance.now();
        process.send!({ kind: 'progress', done, total, heapUsed } satisfies ImportMessage);
      });
      await send({ kind: 'result', result });
    } catch (e) {
      await send({ kind: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    } finally {
      await ctx.store.close();
      process.disconnect();
    }
  })();
});
process.send!({ kind: 'ready' } satisfies ImportMessage);
