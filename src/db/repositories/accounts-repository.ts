import { sql, type Kysely, type Selectable } from 'kysely';
import type { AccountsTable, Database, SessionsTable } from '../schema.ts';
import { precompiled, type Slot } from './precompiled.ts';

/** An account row as stored. */
export type AccountRow = Selectable<AccountsTable>;
/** A session row as stored. */
export type SessionRow = Selectable<SessionsTable>;

/** Inserts a new account. */
export async function insertAccount(tx: Kysely<Database>, row: AccountRow): Promise<void> {
  await tx.insertInto('accounts').values(row).execute();
}

/** An account by its id. */
export function findAccountById(db: Kysely<Database>, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An account by its e-mail address (stored lower-cased). */
export function findAccountByEmail(db: Kysely<Database>, email: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

/** Every account, by role then name. */
export function listAccounts(db: Kysely<Database>): Promise<AccountRow[]> {
  return db.selectFrom('accounts').selectAll().orderBy('role').orderBy('display_name').execute();
}

/** Whether any account has this role (the first admin is created only once). */
export async function anyAccountWithRole(db: Kysely<Database>, role: string): Promise<boolean> {
  const row = await db.selectFrom('accounts').select('id').where('role', '=', role).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Updates an account if it still has `version` (optimistic concurrency), bumping the version. Returns false
 * when someone else changed it first.
 */
export async function updateAccount(
  tx: Kysely<Database>,
  id: string,
  version: number,
  patch: Partial<Omit<AccountRow, 'id' | 'version'>>,
): Promise<boolean> {
  const result = await tx
    .updateTable('accounts')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** An active account as notifications address it. */
export type ActiveAccount = Pick<AccountRow, 'id' | 'email' | 'language' | 'display_name'>;

/** The query of {@link listActiveAccounts}, to run on its own or in a batch with others. */
export function activeAccountsQuery(db: Kysely<Database>, f: { role: string; stateCode?: string; mandateSlug?: string; mandateSlugs?: readonly string[] }) {
  let q = db.selectFrom('accounts').select(['id', 'email', 'language', 'display_name']).where('role', '=', f.role).where('disabled_at', 'is', null);
  if (f.stateCode !== undefined) q = q.where('state_code', '=', f.stateCode);
  if (f.mandateSlug !== undefined) q = q.where('mandate_slug', '=', f.mandateSlug);
  if (f.mandateSlugs !== undefined) q = f.mandateSlugs.length > 0 ? q.where('mandate_slug', 'in', [...f.mandateSlugs]) : q.where(sql<boolean>`false`);
  return q.orderBy('email');
}

/** The active focal points of the State a communication is addressed to (none for a non-State addressee). */
export const focalPointsOfCommunicationQuery = precompiled<ActiveAccount, [Slot]>((db, communicationId) =>
  db
    .selectFrom('accounts as a')
    .innerJoin('communications as c', 'c.addressee_code', 'a.state_code')
    .select(['a.id', 'a.email', 'a.language', 'a.display_name'])
    .where('c.id', '=', communicationId)
    .where('a.role', '=', 'focal_point')
    .where('a.disabled_at', 'is', null)
    .orderBy('a.email'),
);

/** The active accounts of a role (and State, or mandate), for notifications. */
export function listActiveAccounts(db: Kysely<Database>, f: { role: string; stateCode?: string; mandateSlug?: string; mandateSlugs?: readonly string[] }): Promise<ActiveAccount[]> {
  return activeAccountsQuery(db, f).execute();
}

/** Stores a one-time link's token digest. */
export async function insertLink(
  tx: Kysely<Database>,
  row: { token_hash: string; account_id: string; purpose: string; created_at: string; expires_at: string },
): Promise<void> {
  await tx.insertInto('account_links').values({ ...row, used_at: null }).execute();
}

/** A one-time link, if it exists, has this purpose, is unused and has not expired at `now`. */
export function findUsableLink(db: Kysely<Database>, tokenHash: string, purpose: string, now: string) {
  return db
    .selectFrom('account_links')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Uses up a one-time link; false when it was already used (two requests raced for it). */
export async function useLink(tx: Kysely<Database>, tokenHash: string, now: string): Promise<boolean> {
  const r = await tx.updateTable('account_links').set({ used_at: now }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Replaces an account's recovery codes with new digests. */
export async function replaceRecoveryCodes(tx: Kysely<Database>, accountId: string, codeHashes: readonly string[]): Promise<void> {
  await tx.deleteFrom('recovery_codes').where('account_id', '=', accountId).execute();
  if (codeHashes.length > 0) {
    await tx.insertInto('recovery_codes').values(codeHashes.map((code_hash) => ({ account_id: accountId, code_hash, used_at: null }))).execute();
  }
}

/** Uses up one recovery code; false when it is unknown or already used. */
export async function useRecoveryCode(tx: Kysely<Database>, accountId: string, codeHash: string, now: string): Promise<boolean> {
  const r = await tx
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('account_id', '=', accountId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** How many unused recovery codes an account has left. */
export async function countRecoveryCodes(db: Kysely<Database>, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Stores a new session. */
export async function insertSession(tx: Kysely<Database>, row: SessionRow): Promise<void> {
  await tx.insertInto('sessions').values(row).execute();
}

/** A session with its account, by the digest of its token: what every signed-in request reads. */
export function findSessionWithAccount(db: Kysely<Database>, idHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select([
      's.id_hash', 's.account_id', 's.stage', 's.created_at', 's.last_seen_at', 's.expires_at', 's.ended_at',
      'a.email', 'a.display_name', 'a.role', 'a.state_code', 'a.mandate_slug', 'a.language', 'a.disabled_at', 'a.demo',
    ])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
}

/** Moves a session's idle clock. */
export async function touchSession(db: Kysely<Database>, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).where('ended_at', 'is', null).execute();
}

/** Ends one session (sign-out, expiry, replaced at a change of privilege). */
export async function endSession(tx: Kysely<Database>, idHash: string, at: string, reason: string): Promise<boolean> {
  const r = await tx.updateTable('sessions').set({ ended_at: at, ended_reason: reason }).where('id_hash', '=', idHash).where('ended_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Ends every open session of an account (disabled, password changed). */
export async function endSessionsOfAccount(tx: Kysely<Database>, accountId: string, at: string, reason: string): Promise<number> {
  const r = await tx
    .updateTable('sessions')
    .set({ ended_at: at, ended_reason: reason })
    .where('account_id', '=', accountId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
