import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config.ts';
import type { ManualClock } from '../../src/domain/clock.ts';

/** What one run of the `rapporteur` command gave: its exit code and what it printed. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs `rapporteur` in process on the installation whose state directory is `<dir()>/var`, with the test's
 * clock, collecting stdout and stderr. `dir` is read at each run (test files set it in `before`).
 */
export function cliRunner(dir: () => string, clock: ManualClock): (...argv: string[]) => Promise<CliRun> {
  return async (...argv) => {
    let out = '';
    let err = '';
    const code = await main(argv, { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) }, {
      loadConfig: () => loadConfig({ RAPPORTEUR_VAR_DIR: join(dir(), 'var') }),
      clock,
    });
    return { code, out, err };
  };
}
