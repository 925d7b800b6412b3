import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import {
  endSession,
  findAccountByEmail,
  findAccountById,
  findSessionWithAccount,
  findUsableLink,
  insertSession,
  replaceRecoveryCodes,
  updateAccount,
  useLink,
  useRecoveryCode,
  type AccountRow,
} from '../../db/repositories/accounts-repository.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { checkPasswordPolicy, decoyHash, hashPassword, verifyPassword } from '../../accounts/passwords.ts';
import { newRecoveryCodes, newToken, normaliseRecoveryCode, tokenHash } from '../../accounts/tokens.ts';
import { newTotpSecret, verifyTotp } from '../../accounts/totp.ts';
import { decryptField, encryptField, fieldPlace } from '../../security/field-cipher.ts';
import { parseInput } from '../input.ts';
import { auditAccount } from './audit-account.ts';
import type { Kysely } from 'kysely';

/** The stages of a session: password given, second factor to enrol, or fully signed in. */
export type SessionStage = 'password' | 'enrol' | 'full';

/** A new session: the token for the cookie (never stored) and its stage. */
export interface NewSession {
  token: string;
  stage: SessionStage;
  accountId: string;
}

const credentialsSchema = z.object({
  email: z.string().trim().max(254).transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(1024),
});

const passwordSchema = z.object({ password: z.string().max(1024), confirm: z.string().max(1024).optional() });
const codeSchema = z.object({ code: z.string().trim().min(1).max(64) });

/** Where an account's TOTP secret is bound in its encrypted form (the ciphertext is useless elsewhere). */
const totpPlace = (accountId: string) => fieldPlace('accounts', 'totp_secret', accountId);

/** The decrypted TOTP secret of an account (for its own enrolment page). */
export function totpSecretOf(ctx: AppContext, a: AccountRow): string | null {
  return decryptField(ctx.keys.field, totpPlace(a.id), a.totp_secret);
}

/** Opens a session at `stage` for an account, inside a transaction. */
async function openSession(ctx: AppContext, tx: Kysely<Database>, accountId: string, stage: SessionStage): Promise<NewSession> {
  const now = ctx.clock.now();
  const token = newToken();
  const hours = stage === 'full' ? ctx.settings.session.hours : 0.25; // half-way sessions last 15 minutes
  await insertSession(tx, {
    id_hash: tokenHash(token),
    account_id: accountId,
    stage,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + hours * 3_600_000).toISOString(),
    ended_at: null,
    ended_reason: null,
  });
  return { token, stage, accountId };
}

/** The stage after the password: enrol the second factor if it is not set yet. */
const stageAfterPassword = (a: AccountRow): SessionStage => (a.totp_last_step === null ? 'enrol' : 'password');

/**
 * First step of signing in: e-mail address and password. An unknown address, a disabled account and a wrong
 * password give the same SIGN_IN_FAILED after the same work (a decoy hash is verified). Opens a session
 * that only leads to the second factor.
 */
export async function signInWithPassword(ctx: AppContext, input: unknown): Promise<NewSession> {
  const data = parseInput(credentialsSchema, input);
  const account = await findAccountByEmail(ctx.store.db, data.email);
  const ok = await verifyPassword(account?.password_hash ?? (await decoyHash()), data.password);
  if (!account || !ok || account.password_hash === null || account.disabled_at !== null) {
    throw new AppError('SIGN_IN_FAILED', 'the e-mail address or password is not right');
  }
  return ctx.store.db.transaction().execute((tx) => openSession(ctx, tx, account.id, stageAfterPassword(account)));
}

/**
 * Second step: a TOTP code (or, at the `password` stage, a recovery code). At the `enrol` stage the first
 * good code confirms the enrolment and ten recovery codes are issued (shown once). The half-way session is
 * ended and a new one opened, so an id known before sign-in is worthless after it (session fixation).
 */
export async function completeSecondFactor(ctx: AppContext, sessionToken: string, input: unknown): Promise<NewSession & { recoveryCodes?: string[] }> {
  const { code } = parseInput(codeSchema, input);
  const now = ctx.clock.now();
  const at = now.toISOString();
  return ctx.store.db.transaction().execute(async (tx) => {
    const session = await findSessionWithAccount(tx, tokenHash(sessionToken));
    if (!session || session.ended_at !== null || session.expires_at <= at || session.stage === 'full' || session.disabled_at !== null) {
      throw new AppError('SIGN_IN_REQUIRED', 'please sign in again');
    }
    const account = await findAccountById(tx, session.account_id);
    if (!account) throw new AppError('SIGN_IN_REQUIRED', 'please sign in again');
    const secret = totpSecretOf(ctx, account);
    let recoveryCodes: string[] | undefined;
    let patch: Partial<AccountRow> | undefined;
    let method: string;
    const step = secret ? verifyTotp(secret, code, now, account.totp_last_step) : null;
    if (step !== null) {
      patch = { totp_last_step: step };
      method = 'totp';
      if (session.stage === 'enrol') {
        recoveryCodes = newRecoveryCodes();
        await replaceRecoveryCodes(tx, account.id, recoveryCodes.map((c) => tokenHash(c)));
      }
    } else if (session.stage === 'password' && (await useRecoveryCode(tx, account.id, tokenHash(normaliseRecoveryCode(code)), at))) {
      method = 'recovery_code';
    } else {
      throw new AppError('SECOND_FACTOR_FAILED', 'the code is not right, or was already used');
    }
    let after = account;
    if (patch) {
      if (!(await updateAccount(tx, account.id, account.version, patch))) throw new AppError('CONFLICT', 'the account was changed; sign in again');
      after = { ...account, ...patch, version: account.version + 1 };
    }
    await endSession(tx, session.id_hash, at, 'elevated');
    const full = await openSession(ctx, tx, account.id, 'full');
    await auditAccount(tx, {
      at,
      actor: account.display_name,
      action: session.stage === 'enrol' ? 'enrolled_second_factor' : 'signed_in',
      before: account,
      after,
      details: { method },
    });
    return { ...full, ...(recoveryCodes ? { recoveryCodes } : {}) };
  });
}

/**
 * Accepts an invitation: the holder chooses a password (checked against the policy), a TOTP secret is
 * generated (stored encrypted) and a session opens at the enrolment stage. The link works once.
 */
export async function acceptInvitation(ctx: AppContext, linkToken: string, input: unknown): Promise<NewSession> {
  const data = parseInput(passwordSchema, input);
  const at = ctx.clock.now().toISOString();
  const link = await findUsableLink(ctx.store.db, tokenHash(linkToken), 'invitation', at);
  if (!link) throw new AppError('LINK_INVALID', 'this link has expired or was already used');
  const account = await findAccountById(ctx.store.db, link.account_id);
  if (!account || account.disabled_at !== null) throw new AppError('LINK_INVALID', 'this link has expired or was already used');
  if (data.confirm !== undefined && data.confirm !== data.password) {
    throw new AppError('VALIDATION_FAILED', 'confirm: the two passwords differ', { field: 'confirm' });
  }
  checkPasswordPolicy(data.password, { email: account.email, displayName: account.display_name });
  const passwordHash = await hashPassword(data.password);
  return ctx.store.db.transaction().execute(async (tx) => {
    if (!(await useLink(tx, link.token_hash, at))) throw new AppError('LINK_INVALID', 'this link has expired or was already used');
    const patch = {
      password_hash: passwordHash,
      totp_secret: encryptField(ctx.keys.field, totpPlace(account.id), newTotpSecret()),
      totp_last_step: null,
    };
    if (!(await updateAccount(tx, account.id, account.version, patch))) throw new AppError('CONFLICT', 'the account was changed; try the link again');
    const after = { ...account, ...patch, version: account.version + 1 };
    await auditAccount(tx, { at, actor: account.display_name, action: 'accepted_invitation', before: account, after });
    return openSession(ctx, tx, account.id, 'enrol');
  });
}

/**
 * Signs in with a one-time demo link (demo installations only: the link replaces both factors, and every
 * page says the installation is a demonstration). The link works once, for 24 hours.
 */
export async function signInWithDemoLink(ctx: AppContext, linkToken: string): Promise<NewSession> {
  const at = ctx.clock.now().toISOString();
  const link = await findUsableLink(ctx.store.db, tokenHash(linkToken), 'demo_sign_in', at);
  if (!link) throw new AppError('LINK_INVALID', 'this link has expired or was already used');
  const account = await findAccountById(ctx.store.db, link.account_id);
  if (!account || account.disabled_at !== null || account.demo !== 1) throw new AppError('LINK_INVALID', 'this link has expired or was already used');
  return ctx.store.db.transaction().execute(async (tx) => {
    if (!(await useLink(tx, link.token_hash, at))) throw new AppError('LINK_INVALID', 'this link has expired or was already used');
    await auditAccount(tx, { at, actor: account.display_name, action: 'signed_in', before: account, after: account, details: { method: 'demo_link' } });
    return openSession(ctx, tx, account.id, 'full');
  });
}

/** Ends a session (sign-out). Unknown or already-ended sessions are no error: signing out is idempotent. */
export async function signOut(ctx: AppContext, sessionToken: string): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await ctx.store.db.transaction().execute(async (tx) => {
    const session = await findSessionWithAccount(tx, tokenHash(sessionToken));
    if (!session || session.ended_at !== null) return;
    await endSession(tx, session.id_hash, at, 'signed_out');
    const account = await findAccountById(tx, session.account_id);
    if (account) await auditAccount(tx, { at, actor: account.display_name, action: 'signed_out', before: account, after: account });
  });
}

