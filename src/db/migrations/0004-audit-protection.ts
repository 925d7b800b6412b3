import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Makes the audit log append-only in the database itself: an UPDATE or DELETE of an entry (and on
 * PostgreSQL a TRUNCATE of the table) is refused by a trigger, whoever sends it. No command ever changes an
 * entry, so this costs nothing; what it stops is a change made by mistake or by someone with a database
 * client who does not first remove the protection. Someone who removes it can still rewrite the log, which
 * is why `audit verify` also compares the chain with signed checkpoints kept outside the database.
 *
 * The head row (`audit_head`) is not protected: every append moves it. Dropping the table (a restore does,
 * before loading the backup) is not refused either.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    // Created in the store's schema (the first of the search path), like its tables, so that a backup of
    // the schema carries it and dropping the schema removes it.
    await sql`
      create or replace function audit_log_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'restrict_violation';
      end
      $$`.execute(db);
    await sql`create trigger audit_log_no_update before update on audit_log for each row execute function audit_log_refuse_change()`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log for each row execute function audit_log_refuse_change()`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_refuse_change()`.execute(db);
    return;
  }
  // SQLite has no TRUNCATE: its "delete from t" without a where clause still runs the delete trigger.
  await sql`
    create trigger audit_log_no_update before update on audit_log
    begin select raise(abort, 'audit_log is append-only: UPDATE refused'); end`.execute(db);
  await sql`
    create trigger audit_log_no_delete before delete on audit_log
    begin select raise(abort, 'audit_log is append-only: DELETE refused'); end`.execute(db);
}

/** Removes what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    for (const t of ['audit_log_no_truncate', 'audit_log_no_delete', 'audit_log_no_update']) {
      await sql`drop trigger if exists ${sql.id(t)} on audit_log`.execute(db);
    }
    await sql`drop function if exists audit_log_refuse_change()`.execute(db);
    return;
  }
  for (const t of ['audit_log_no_delete', 'audit_log_no_update']) await sql`drop trigger if exists ${sql.id(t)}`.execute(db);
}

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
