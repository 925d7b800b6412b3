import { Command, CommanderError, Option } from 'commander';
import { loadConfig } from '../config.ts';
import { isAppError } from '../errors.ts';
import { processIO, type CliIO } from './output.ts';
import { registerAccountCommands } from './account-commands.ts';
import { registerCommunicationCommands } from './communication-commands.ts';
import { registerDraftCommands } from './draft-commands.ts';
import { registerLetterCommands } from './letter-commands.ts';
import { registerOutboxCommands } from './outbox-commands.ts';
import { registerPublicationCommands } from './publication-commands.ts';
import { registerRegisterCommands } from './register-commands.ts';
import { registerReportCommands } from './report-commands.ts';
import { registerListCommands } from './list-commands.ts';
import { registerStoreCommands } from './store-commands.ts';
import type { CliEnv } from './cli-env.ts';

/**
 * Runs the `rapporteur` command with the given arguments and returns its exit code: 0 on success, 1 on an
 * error the user can act on (its code and message on stderr), 2 on a usage error, 70 on an internal error.
 */
export async function main(argv: string[], io: CliIO = processIO, overrides: Partial<CliEnv> = {}): Promise<number> {
  const env: CliEnv = { io, loadConfig: () => loadConfig(), ...overrides };
  const program = new Command('rapporteur')
    .description('Rapporteur: communications of the UN Special Procedures — register, letters, replies, publication.')
    .addOption(new Option('--as <name>', 'the person acting (recorded in the audit log)').default('system'))
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  registerStoreCommands(program, env);
  registerCommunicationCommands(program, env);
  registerDraftCommands(program, env);
  registerPublicationCommands(program, env);
  registerLetterCommands(program, env);
  registerOutboxCommands(program, env);
  registerAccountCommands(program, env);
  registerReportCommands(program, env);
  registerListCommands(program, env);
  registerRegisterCommands(program, env);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : 2;
    }
    if (isAppError(err)) {
      io.err(`error ${err.code}: ${err.message}`);
      return 1;
    }
    io.err(`internal error: ${err instanceof Error ? err.message : String(err)}`);
    return 70;
  }
}
