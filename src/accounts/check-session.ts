import type { AppContext } from '../context.ts';
import { findSessionWithAccount, touchSession } from '../db/repositories/accounts-repository.ts';
import { principalOfAccount, type Principal, type Role } from '../policies/principal.ts';
import { tokenHash } from './tokens.ts';

/** A live session as a request sees it. */
export interface SessionInfo {
  idHash: string;
  accountId: string;
  stage: 'password' | 'enrol' | 'full';
  principal: Principal;
  email: string;
  language: string;
  demo: boolean;
}

/** The idle clock moves at most once a minute, so that reading pages does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The session a cookie's token opens, or null: unknown (another installation's cookie, a forged one),
 * ended, past its absolute expiry, idle too long, or of a disabled account.
 */
export async function checkSession(ctx: AppContext, token: string | undefined): Promise<SessionInfo | null> {
  if (!token || token.length > 100) return null;
  const idHash = tokenHash(token);
  const row = await findSessionWithAccount(ctx.store.db, idHash);
  if (!row || row.ended_at !== null || row.disabled_at !== null) return null;
  const now = ctx.clock.now();
  if (row.expires_at <= now.toISOString()) return null;
  const idleLimit = ctx.settings.session.idleMinutes * 60_000;
  const lastSeen = Date.parse(row.last_seen_at);
  if (now.getTime() - lastSeen > idleLimit) return null;
  if (now.getTime() - lastSeen > TOUCH_EVERY_MS) await touchSession(ctx.store.db, idHash, now.toISOString());
  return {
    idHash,
    accountId: row.account_id,
    stage: row.stage as SessionInfo['stage'],
    principal: principalOfAccount({ id: row.account_id, displayName: row.display_name, role: row.role as Role, stateCode: row.state_code, mandateSlug: row.mandate_slug }),
    email: row.email,
    language: row.language,
    demo: row.demo === 1,
  };
}
