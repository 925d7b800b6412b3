import { z } from 'zod';
import { parseInput } from '../commands/input.ts';
import type { AppContext } from '../context.ts';
import { listWorkspaceRows } from '../db/repositories/workspace-repository.ts';
import { genevaDate } from '../domain/geneva-time.ts';
import type { Principal } from '../policies/principal.ts';
import { presentWorkspaceRow, type WorkspaceItem } from '../presenters/workspace-presenter.ts';
import { workspaceScope } from './workspace-scope.ts';

/** The drafting statuses the drafts list shows; withdrawn drafts only when asked for. */
export const DRAFT_LIST_STATUSES = ['draft', 'submitted', 'approved', 'withdrawn'] as const;

/** The largest drafts list served at once. */
export const DRAFT_LIST_LIMIT = 200;

const filtersSchema = z.object({
  status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(DRAFT_LIST_STATUSES).optional()),
});

/**
 * The drafts a principal may see, most recently changed first, each with its signing mandates' decisions:
 * every draft for a case officer, those its mandate signs for a mandate holder. Without a status, the
 * drafts still in play (not sent, not withdrawn).
 */
export async function listDrafts(
  ctx: AppContext,
  principal: Principal,
  input: unknown,
  lang = 'en',
): Promise<{ status: (typeof DRAFT_LIST_STATUSES)[number] | undefined; items: WorkspaceItem[] }> {
  const f = parseInput(filtersSchema, input ?? {});
  const scope = workspaceScope(principal);
  const statuses = f.status ? [f.status] : ['draft', 'submitted', 'approved'];
  const rows = await listWorkspaceRows(ctx.store.db, scope, { draftingStatuses: statuses }, 'updated', DRAFT_LIST_LIMIT);
  const today = genevaDate(ctx.clock.now());
  return { status: f.status, items: rows.map((r) => presentWorkspaceRow(r, ctx.ref, today, lang)) };
}
