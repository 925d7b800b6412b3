import type { AppContext } from '../context.ts';
import { countWorkspaceRows, listWorkspaceRows, type WorkspaceFilter } from '../db/repositories/workspace-repository.ts';
import { genevaDate } from '../domain/geneva-time.ts';
import type { Principal } from '../policies/principal.ts';
import { presentWorkspaceRow, type WorkspaceItem } from '../presenters/workspace-presenter.ts';
import { workspaceScope } from './workspace-scope.ts';

/** Rows in each short list of the workspace's home page. */
export const OVERVIEW_LIST_LIMIT = 5;

/** Days ahead in which a scheduled publication counts as coming up. */
export const PUBLICATION_DUE_WINDOW_DAYS = 7;

/** The lists of the workspace home page, by name. */
export type OverviewListName = 'awaitingDecisions' | 'readyToSend' | 'publicationDue' | 'publicationHeld' | 'repliesOverdue' | 'awaitingMyDecision';

/** One short list: how many in all, and the first few. */
export interface OverviewList {
  name: OverviewListName;
  total: number;
  items: WorkspaceItem[];
}

/**
 * What the workspace home page shows. A mandate holder: the drafts out for signature on which its mandate
 * has not decided yet. Anyone else who may list the register: drafts awaiting decisions, approved drafts
 * ready to send, publications due within seven days, held publications and replies overdue.
 */
export async function workspaceOverview(ctx: AppContext, principal: Principal): Promise<OverviewList[]> {
  const scope = workspaceScope(principal);
  const now = ctx.clock.now();
  const today = genevaDate(now);
  const lists: Array<[OverviewListName, WorkspaceFilter, Parameters<typeof listWorkspaceRows>[3]]> =
    scope.mandate !== undefined
      ? [['awaitingMyDecision', { awaitingDecisionOf: scope.mandate }, 'updated']]
      : [
          ['awaitingDecisions', { draftingStatuses: ['submitted'] }, 'updated'],
          ['readyToSend', { draftingStatuses: ['approved'] }, 'updated'],
          [
            'publicationDue',
            { publicationStatus: 'scheduled', publishDueBefore: new Date(now.getTime() + PUBLICATION_DUE_WINDOW_DAYS * 86_400_000).toISOString() },
            'publish_due',
          ],
          ['publicationHeld', { publicationStatus: 'held' }, 'held_until'],
          ['repliesOverdue', { replyOverdueOn: today }, 'reply_deadline'],
        ];
  return Promise.all(
    lists.map(async ([name, filter, order]) => {
      const [rows, total] = await Promise.all([
        listWorkspaceRows(ctx.store.db, scope, filter, order, OVERVIEW_LIST_LIMIT),
        countWorkspaceRows(ctx.store.db, scope, filter),
      ]);
      return { name, total, items: rows.map((r) => presentWorkspaceRow(r, ctx.ref, today)) };
    }),
  );
}
