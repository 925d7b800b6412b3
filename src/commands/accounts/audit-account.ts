import type { Kysely } from 'kysely';
import type { AccountRow } from '../../db/repositories/accounts-repository.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import type { Database } from '../../db/schema.ts';
import { digest } from '../../domain/audit-chain.ts';

/** The record type under which accounts appear in the audit log. */
export const ACCOUNT_RECORD = 'account';

/**
 * What the audit log digests of an account: who it is and what it may do, whether its factors are set — never
 * a secret or its hash, and not the moving TOTP step.
 */
export function accountSnapshot(a: AccountRow): unknown {
  return {
    id: a.id,
    email: a.email,
    displayName: a.display_name,
    role: a.role,
    stateCode: a.state_code,
    mandate: a.mandate_slug,
    language: a.language,
    passwordSet: a.password_hash !== null,
    secondFactor: a.totp_last_step !== null,
    demo: a.demo === 1,
    disabledAt: a.disabled_at,
    version: a.version,
  };
}

/** Appends an account event to the audit chain, inside the caller's transaction. */
export async function auditAccount(
  tx: Kysely<Database>,
  e: { at: string; actor: string; action: string; before: AccountRow | null; after: AccountRow | null; details?: Record<string, unknown> },
): Promise<void> {
  const id = (e.after ?? e.before)?.id;
  if (!id) throw new Error('an account event needs an account');
  await appendAudit(tx, {
    at: e.at,
    actor: e.actor,
    action: `account.${e.action}`,
    recordType: ACCOUNT_RECORD,
    recordId: id,
    beforeDigest: e.before ? digest(accountSnapshot(e.before)) : null,
    afterDigest: e.after ? digest(accountSnapshot(e.after)) : null,
    details: e.details ?? null,
  });
}
