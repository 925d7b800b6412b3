import type { Command } from 'commander';
import pino from 'pino';
import type { Config } from '../config.ts';
import { createContext, type AppContext } from '../context.ts';
import type { Clock } from '../domain/clock.ts';
import { staff, type Principal } from '../policies/principal.ts';
import type { CliIO } from './output.ts';

/** What CLI verbs run with; tests replace the configuration and the clock. */
export interface CliEnv {
  io: CliIO;
  loadConfig: () => Config;
  clock?: Clock;
}

/** The acting principal named by the global `--as` option (the system actor by default). */
export function principalOf(cmd: Command): Principal {
  const name = (cmd.optsWithGlobals() as { as?: string }).as ?? 'system';
  return staff(name);
}

/** Opens the installation's store for one verb, runs it, and always closes the store. */
export async function withContext<T>(env: CliEnv, run: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await createContext(env.loadConfig(), { ...(env.clock ? { clock: env.clock } : {}), logger: silentLogger() });
  try {
    return await run(ctx);
  } finally {
    await ctx.store.close();
  }
}

// The CLI speaks through stdout and stderr; the structured log is the server's.
function silentLogger() {
  return pino({ level: 'silent' });
}
