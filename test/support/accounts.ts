import type { AppContext } from '../../src/context.ts';
import { inviteAccount } from '../../src/commands/accounts/invite-account.ts';
import { acceptInvitation, completeSecondFactor, signInWithPassword, totpSecretOf } from '../../src/commands/accounts/sign-in.ts';
import { findAccountByEmail } from '../../src/db/repositories/accounts-repository.ts';
import { totpCode } from '../../src/accounts/totp.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { SYSTEM } from '../../src/policies/principal.ts';

/** The password every test account chooses. */
export const TEST_PASSWORD = 'a passphrase for tests only';

/** An account invited, set up and enrolled: its id, secret and recovery codes, and a full session's token. */
export interface ReadyAccount {
  id: string;
  email: string;
  secret: string;
  recoveryCodes: string[];
  sessionToken: string;
}

/**
 * Invites an account as the system, accepts the invitation with {@link TEST_PASSWORD}, and enrols its
 * second factor with a code of the current step; the clock then moves 30 seconds so that the next code is
 * of a new step.
 */
export async function readyAccount(
  ctx: AppContext,
  clock: ManualClock,
  input: { email: string; displayName: string; role: string; stateCode?: string; mandate?: string; language?: string },
): Promise<ReadyAccount> {
  const invitation = await inviteAccount(ctx, SYSTEM, input);
  const enrol = await acceptInvitation(ctx, invitation.token, { password: TEST_PASSWORD, confirm: TEST_PASSWORD });
  const account = (await findAccountByEmail(ctx.store.db, input.email))!;
  const secret = totpSecretOf(ctx, account)!;
  const full = await completeSecondFactor(ctx, enrol.token, { code: totpCode(secret, clock.now()) });
  clock.advanceSeconds(31);
  return { id: account.id, email: input.email, secret, recoveryCodes: full.recoveryCodes ?? [], sessionToken: full.token };
}

/** Signs in again with password and a fresh code; returns the full session's token. */
export async function signIn(ctx: AppContext, clock: ManualClock, a: ReadyAccount): Promise<string> {
  const half = await signInWithPassword(ctx, { email: a.email, password: TEST_PASSWORD });
  const full = await completeSecondFactor(ctx, half.token, { code: totpCode(a.secret, clock.now()) });
  clock.advanceSeconds(31);
  return full.token;
}
