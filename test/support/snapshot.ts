import type { AppContext } from '../../src/context.ts';
import { digest } from '../../src/domain/audit-chain.ts';

const TABLES = ['communications', 'communication_mandates', 'replies', 'follow_ups', 'communication_events', 'reference_counters', 'audit_log', 'audit_head'] as const;

/**
 * A digest of every row of every table: equal before and after a refused command proves that it changed
 * nothing.
 */
export async function storeDigest(ctx: AppContext): Promise<string> {
  const all: Record<string, unknown[]> = {};
  for (const t of TABLES) {
    const rows = await ctx.store.db.selectFrom(t).selectAll().execute();
    all[t] = rows.map((r) => digest(r)).sort();
  }
  return digest(all);
}
