import { checkSession } from '../src/accounts/check-session.ts';
import { hashPassword } from '../src/accounts/passwords.ts';
import { totpCode } from '../src/accounts/totp.ts';
import { inviteAccount } from '../src/commands/accounts/invite-account.ts';
import { acceptInvitation, completeSecondFactor, signInWithPassword, totpSecretOf } from '../src/commands/accounts/sign-in.ts';
import type { AppContext } from '../src/context.ts';
import { findAccountByEmail } from '../src/db/repositories/accounts-repository.ts';
import { ManualClock } from '../src/domain/clock.ts';
import { SYSTEM } from '../src/policies/principal.ts';
import { since, summarise, type Timings } from './stats.ts';

/** What {@link benchSignIn} measured. */
export interface SignInCosts {
  /** One Argon2id hash with the installation's parameters (a new password). */
  hash: Timings;
  /** Password step of signing in: Argon2id verification and a new half-way session. */
  passwordStep: Timings;
  /** Second step: TOTP check, the session replaced by a full one, the audit entry. */
  codeStep: Timings;
  /** A signed-in request's session check: one indexed read (and a write at most once a minute). */
  sessionCheck: Timings;
}

const PASSWORD = 'a passphrase for the benchmark';

/**
 * The costs of signing in and of checking a session on every signed-in request. The clock must be a
 * {@link ManualClock}: each sign-in needs a TOTP code of a new time step (a code is accepted once).
 */
export async function benchSignIn(ctx: AppContext & { clock: ManualClock }, runs: number): Promise<SignInCosts> {
  const hashTimes: number[] = [];
  for (let i = 0; i < Math.min(runs, 30); i++) {
    const t = performance.now();
    await hashPassword(`${PASSWORD} ${i}`);
    hashTimes.push(since(t));
  }

  const invitation = await inviteAccount(ctx, SYSTEM, { email: 'bench@example.org', displayName: 'Bench Officer', role: 'case_officer' });
  const enrol = await acceptInvitation(ctx, invitation.token, { password: PASSWORD });
  const account = (await findAccountByEmail(ctx.store.db, 'bench@example.org'))!;
  const secret = totpSecretOf(ctx, account)!;
  await completeSecondFactor(ctx, enrol.token, { code: totpCode(secret, ctx.clock.now()) });

  const passwordTimes: number[] = [];
  const codeTimes: number[] = [];
  let token = '';
  for (let i = 0; i < runs; i++) {
    ctx.clock.advanceSeconds(30);
    let t = performance.now();
    const half = await signInWithPassword(ctx, { email: 'bench@example.org', password: PASSWORD });
    passwordTimes.push(since(t));
    t = performance.now();
    token = (await completeSecondFactor(ctx, half.token, { code: totpCode(secret, ctx.clock.now()) })).token;
    codeTimes.push(since(t));
  }

  const checkTimes: number[] = [];
  for (let i = 0; i < runs * 20; i++) {
    const t = performance.now();
    if (!(await checkSession(ctx, token))) throw new Error('the benchmark session ended');
    checkTimes.push(since(t));
  }
  return { hash: summarise(hashTimes), passwordStep: summarise(passwordTimes), codeStep: summarise(codeTimes), sessionCheck: summarise(checkTimes) };
}
