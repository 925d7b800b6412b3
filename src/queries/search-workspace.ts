import { z } from 'zod';
import { parseInput, text } from '../commands/input.ts';
import type { AppContext } from '../context.ts';
import { listWorkspaceRows } from '../db/repositories/workspace-repository.ts';
import { genevaDate } from '../domain/geneva-time.ts';
import { formatReference, parseReference } from '../domain/reference.ts';
import type { Principal } from '../policies/principal.ts';
import { presentWorkspaceRow, type WorkspaceItem } from '../presenters/workspace-presenter.ts';
import { workspaceScope } from './workspace-scope.ts';

/** The most communications one search returns. */
export const SEARCH_LIMIT = 50;

/** What a search asks: at least two characters (one letter matches nearly everything). */
export const searchSchema = z.object({ q: text(200).pipe(z.string().min(2, 'at least two characters')) });

/**
 * The communications a principal may see whose reference, subject or summary contains the words asked
 * for (in any case), the latest sent first and drafts after them. A reference written in its URL form
 * (`UA-KAZ-1-2026`) finds that letter too.
 */
export async function searchWorkspace(ctx: AppContext, principal: Principal, input: unknown, lang = 'en'): Promise<{ q: string; items: WorkspaceItem[] }> {
  const { q } = parseInput(searchSchema, input);
  const scope = workspaceScope(principal);
  let reference: string | undefined;
  try {
    reference = formatReference(parseReference(q));
  } catch {
    reference = undefined;
  }
  const rows = await listWorkspaceRows(ctx.store.db, scope, { text: { contains: q, ...(reference && { reference }) } }, 'recent', SEARCH_LIMIT);
  const today = genevaDate(ctx.clock.now());
  return { q, items: rows.map((r) => presentWorkspaceRow(r, ctx.ref, today, lang)) };
}
