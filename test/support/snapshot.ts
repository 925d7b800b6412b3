import type { AppContext } from '../../src/context.ts';
import { STORE_TABLES } from '../../src/db/backup/copy-store.ts';
import { digest } from '../../src/domain/audit-chain.ts';


/**
 * A digest of every row of every table: equal before and after a refused command proves that it changed
 * nothing. A session's idle clock is left out: any signed-in request may move it, refused or not.
 */
export async function storeDigest(ctx: AppContext): Promise<string> {
  const all: Record<string, unknown[]> = {};
  for (const t of STORE_TABLES) {
    const rows = await ctx.store.db.selectFrom(t).selectAll().execute();
    all[t] = rows.map((r) => digest(t === 'sessions' ? { ...r, last_seen_at: null } : r)).sort();
  }
  return digest(all);
}
