// A separate process with its own connection, started by the concurrency test: it opens the store, says
// "ready", waits for "go", sends its drafts one after another, and reports their references.
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { createContext } from '../../src/context.ts';
import type { StoreOptions } from '../../src/db/connect.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { sendCommunication } from '../../src/commands/send-communication.ts';
import { staff } from '../../src/policies/principal.ts';

const store = JSON.parse(process.env.WORKER_STORE ?? '') as StoreOptions;
const ctx = await createContext(loadConfig({}), {
  store,
  clock: new ManualClock(process.env.WORKER_CLOCK ?? ''),
  logger: pino({ level: 'silent' }),
  migrate: false,
});
const send = process.send?.bind(process);
if (!send) throw new Error('the worker must be started with an IPC channel');
process.on('message', (message: { go: true }) => {
  if (!message.go) return;
  void (async () => {
    for (const draft of (process.env.WORKER_DRAFTS ?? '').split(',')) {
      try {
        const c = await sendCommunication(ctx, staff(`Worker ${process.pid}`), draft);
        send({ reference: c.reference });
      } catch (err) {
        const e = err as { code?: string; message?: string };
        send({ error: `${e.code ?? 'ERROR'}: ${e.message}` });
      }
    }
    await ctx.store.close();
    process.disconnect();
  })();
});
send({ ready: true });
