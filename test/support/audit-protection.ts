import { sql } from 'kysely';
import type { AppContext } from '../../src/context.ts';

/**
 * Removes the triggers that make the audit log append-only, as an attacker with the database owner's
 * rights would before tampering with it. Tests that tamper call this first; verify must then still see it.
 */
export async function removeAuditProtection(ctx: AppContext): Promise<void> {
  for (const t of ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_no_truncate']) {
    if (ctx.store.dialect === 'postgres') await sql`drop trigger if exists ${sql.id(t)} on audit_log`.execute(ctx.store.db);
    else await sql`drop trigger if exists ${sql.id(t)}`.execute(ctx.store.db);
  }
}
