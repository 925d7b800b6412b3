import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { findAccountByEmail, insertAccount, insertLink, type AccountRow } from '../../db/repositories/accounts-repository.ts';
import { AppError } from '../../errors.ts';
import { LOCALE_CODES } from '../../i18n/locales.ts';
import { newToken, tokenHash } from '../../accounts/tokens.ts';
import { authorizeAccount } from '../../policies/account-policy.ts';
import { ROLES, type Principal } from '../../policies/principal.ts';
import { parseInput, text } from '../input.ts';
import { auditAccount } from './audit-account.ts';

/** How long an invitation stays valid. */
export const INVITATION_DAYS = 7;

/** Input of {@link inviteAccount}. */
export const inviteAccountSchema = z
  .object({
    email: z.email().max(254).transform((e) => e.toLowerCase()),
    displayName: text(200).pipe(z.string().min(1, 'a name is required')),
    role: z.enum(ROLES),
    /** A focal point's State, as its ISO alpha-3 code. */
    stateCode: z.string().trim().toUpperCase().length(3).optional(),
    /** A mandate holder's mandate. */
    mandate: z.string().trim().min(1).max(64).optional(),
    language: z.enum(LOCALE_CODES as [string, ...string[]]).default('en'),
  })
  .refine((v) => (v.role === 'focal_point') === (v.stateCode !== undefined), { message: 'a focal point, and only a focal point, names its State', path: ['stateCode'] })
  .refine((v) => (v.role === 'mandate_holder') === (v.mandate !== undefined), { message: 'a mandate holder, and only a mandate holder, names its mandate', path: ['mandate'] });

/** What an invitation gives back: the account and the one-time link's token (shown once, never stored). */
export interface Invitation {
  account: AccountRow;
  token: string;
  expiresAt: string;
}

/**
 * Creates an account by invitation: no password is set by anyone but its holder, who receives a one-time
 * link (valid {@link INVITATION_DAYS} days) to choose a password and enrol the second factor. Only an admin
 * (or the system, for the first admin) invites. Audited.
 */
export async function inviteAccount(ctx: AppContext, principal: Principal, input: unknown, options: { demo?: boolean; linkPurpose?: 'invitation' | 'demo_sign_in'; validHours?: number } = {}): Promise<Invitation> {
  authorizeAccount(principal, 'invite');
  const data = parseInput(inviteAccountSchema, input);
  if (data.stateCode !== undefined && !ctx.ref.isStateCode(data.stateCode)) {
    throw new AppError('ADDRESSEE_UNKNOWN', `"${data.stateCode}" is not a State's code`, { stateCode: data.stateCode });
  }
  if (data.mandate !== undefined && !ctx.ref.mandate(data.mandate)) {
    throw new AppError('MANDATE_UNKNOWN', `"${data.mandate}" is not a known mandate`, { mandate: data.mandate });
  }
  const now = ctx.clock.now();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + (options.validHours ?? INVITATION_DAYS * 24) * 3_600_000).toISOString();
  const token = newToken();
  const account: AccountRow = {
    id: randomUUID(),
    email: data.email,
    display_name: data.displayName,
    role: data.role,
    state_code: data.stateCode ?? null,
    mandate_slug: data.mandate ?? null,
    language: data.language,
    password_hash: null,
    totp_secret: null,
    totp_last_step: null,
    demo: options.demo ? 1 : 0,
    created_at: at,
    created_by: principal.name,
    disabled_at: null,
    version: 1,
  };
  await ctx.store.db.transaction().execute(async (tx) => {
    if (await findAccountByEmail(tx, data.email)) throw new AppError('ACCOUNT_EXISTS', 'an account with this e-mail address already exists');
    await insertAccount(tx, account);
    const purpose = options.linkPurpose ?? 'invitation';
    await insertLink(tx, { token_hash: tokenHash(token), account_id: account.id, purpose, created_at: at, expires_at: expiresAt });
    await auditAccount(tx, { at, actor: principal.name, action: 'invited', before: null, after: account, details: { role: account.role, link: purpose } });
  });
  return { account, token, expiresAt };
}
