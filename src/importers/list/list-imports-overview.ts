import type { AppContext } from '../../context.ts';
import { countPendingReviews, listRecentImports } from '../../db/repositories/list-import-repository.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';

/** An import as the list of recent imports shows it. */
export interface ImportSummary {
  id: string;
  fileName: string;
  format: string;
  createdAt: string;
  actor: string;
  rows: number;
  created: number;
  matched: number;
  toReview: number;
}

/**
 * The latest imports (newest first) and how many likely matches wait for a decision: what the import page
 * shows beside its upload form. Case officers only (policy `import`).
 */
export async function listImportsOverview(ctx: AppContext, principal: Principal, limit = 20): Promise<{ imports: ImportSummary[]; pendingReviews: number }> {
  authorizeRegister(principal, 'import');
  const rows = await listRecentImports(ctx.store.db, limit);
  return {
    imports: rows.map((r) => ({
      id: r.id,
      fileName: r.file_name,
      format: r.format,
      createdAt: r.created_at,
      actor: r.actor,
      rows: Number(r.rows),
      // The stored count includes the provisional persons kept apart for review; shown apart, as the result shows them.
      created: Number(r.created_persons) - Number(r.to_review),
      matched: Number(r.matched_persons),
      toReview: Number(r.to_review),
    })),
    pendingReviews: await countPendingReviews(ctx.store.db),
  };
}
