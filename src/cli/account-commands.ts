import type { Command } from 'commander';
import { disableAccount } from '../commands/accounts/disable-account.ts';
import { inviteAccount, type Invitation } from '../commands/accounts/invite-account.ts';
import { anyAccountWithRole, findAccountByEmail, listAccounts } from '../db/repositories/accounts-repository.ts';
import { AppError } from '../errors.ts';
import type { Principal } from '../policies/principal.ts';
import { withContext, type CliEnv } from './cli-env.ts';
import { table } from './output.ts';

interface InviteOptions {
  email: string;
  name: string;
  role?: string;
  state?: string;
  mandate?: string;
  language?: string;
  url?: string;
  admin?: boolean;
}

/**
 * Whoever runs the CLI on the server is its operator, trusted like the system actor; `--as` names them in
 * the audit log.
 */
function operator(cmd: Command): Principal {
  const name = (cmd.optsWithGlobals() as { as?: string }).as ?? 'system';
  return { kind: 'system', name: name.trim() || 'system' };
}

function printInvitation(env: CliEnv, invitation: Invitation, baseUrl: string): void {
  const a = invitation.account;
  env.io.out(`invited ${a.display_name} <${a.email}> as ${a.role}${a.state_code ? ` of ${a.state_code}` : ''}${a.mandate_slug ? ` for ${a.mandate_slug}` : ''}`);
  env.io.out(`one-time link (valid until ${invitation.expiresAt}; it is shown only now):`);
  env.io.out(`  ${baseUrl.replace(/\/+$/, '')}/account/setup/${invitation.token}`);
}

/** `user create --admin`, `user invite`, `user list`, `user disable`. */
export function registerAccountCommands(program: Command, env: CliEnv): void {
  const user = program.command('user').description('accounts: the first admin, invitations, listing, disabling');
  const baseUrl = (o: InviteOptions) => o.url ?? `http://localhost:${env.loadConfig().port}`;

  user
    .command('create')
    .description('create the first admin account: prints a one-time link to choose a password and set up the second factor')
    .requiredOption('--admin', 'the account is an administrator (the only kind created this way)')
    .requiredOption('--email <address>', 'e-mail address')
    .requiredOption('--name <name>', 'display name')
    .option('--url <base>', 'the address users reach the server at (for the link)')
    .action(async (o: InviteOptions, cmd: Command) => {
      await withContext(env, async (ctx) => {
        if (await anyAccountWithRole(ctx.store.db, 'admin')) {
          throw new AppError('ACCOUNT_EXISTS', 'an admin account exists already; admins invite further accounts (user invite)');
        }
        printInvitation(env, await inviteAccount(ctx, operator(cmd), { email: o.email, displayName: o.name, role: 'admin' }), baseUrl(o));
      });
    });

  user
    .command('invite')
    .description('invite an account: prints its one-time set-up link')
    .requiredOption('--email <address>', 'e-mail address')
    .requiredOption('--name <name>', 'display name (a mandate holder: as in the reference data)')
    .requiredOption('--role <role>', 'admin, case_officer, mandate_holder or focal_point')
    .option('--state <code>', "a focal point's State (ISO alpha-3)")
    .option('--mandate <slug>', "a mandate holder's mandate")
    .option('--language <code>', 'language of the account (en, fr, es, ru, ar, zh)')
    .option('--url <base>', 'the address users reach the server at (for the link)')
    .action(async (o: InviteOptions, cmd: Command) => {
      await withContext(env, async (ctx) => {
        const invitation = await inviteAccount(ctx, operator(cmd), {
          email: o.email,
          displayName: o.name,
          role: o.role,
          ...(o.state ? { stateCode: o.state } : {}),
          ...(o.mandate ? { mandate: o.mandate } : {}),
          ...(o.language ? { language: o.language } : {}),
        });
        printInvitation(env, invitation, baseUrl(o));
      });
    });

  user
    .command('list')
    .description('list the accounts')
    .action(async () => {
      await withContext(env, async (ctx) => {
        const rows = await listAccounts(ctx.store.db);
        env.io.out(
          table(
            ['email', 'name', 'role', 'scope', 'status'],
            rows.map((a) => [a.email, a.display_name, a.role, a.state_code ?? a.mandate_slug ?? '', a.disabled_at ? 'disabled' : a.password_hash ? 'active' : 'invited']),
          ),
        );
      });
    });

  user
    .command('disable')
    .description('disable an account at once (its sessions end)')
    .argument('<email>', 'e-mail address of the account')
    .action(async (email: string, _o: unknown, cmd: Command) => {
      await withContext(env, async (ctx) => {
        const account = await findAccountByEmail(ctx.store.db, email);
        if (!account) throw new AppError('NOT_FOUND', `no account with the address ${email}`);
        await disableAccount(ctx, operator(cmd), account.id);
        env.io.out(`disabled ${account.email}`);
      });
    });
}
