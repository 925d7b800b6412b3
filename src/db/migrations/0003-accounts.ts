import type { Kysely } from 'kysely';

/**
 * Accounts, their second factor and recovery codes, server-side sessions, and one-time links (invitations
 * and demo sign-in links). Secrets are never stored as given: passwords as Argon2id hashes, session tokens,
 * link tokens and recovery codes as SHA-256 digests, TOTP secrets encrypted with the field key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    // A government focal point's State (ISO alpha-3); a mandate holder's mandate and name as a holder.
    .addColumn('state_code', 'varchar(3)')
    .addColumn('mandate_slug', 'varchar(64)')
    .addColumn('language', 'varchar(8)', (c) => c.notNull().defaultTo('en'))
    .addColumn('password_hash', 'text')
    .addColumn('totp_secret', 'text')
    // The last TOTP time step accepted: a code of that step or an earlier one is a replay.
    .addColumn('totp_last_step', 'integer')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(200)', (c) => c.notNull())
    .addColumn('disabled_at', 'varchar(30)')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accounts_role_state_idx').on('accounts').columns(['role', 'state_code']).execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id'))
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(30)')
    .addPrimaryKeyConstraint('recovery_codes_pk', ['account_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id'))
    // 'password' until the second factor is given, then 'full'; 'enrol' while a new account sets its factor.
    .addColumn('stage', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('ended_at', 'varchar(30)')
    .addColumn('ended_reason', 'varchar(20)')
    .execute();
  await db.schema.createIndex('sessions_account_idx').on('sessions').columns(['account_id']).execute();

  await db.schema
    .createTable('account_links')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id'))
    .addColumn('purpose', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(30)')
    .execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['account_links', 'sessions', 'recovery_codes', 'accounts']) await db.schema.dropTable(table).execute();
}
