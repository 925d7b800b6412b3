import type { AppContext } from '../context.ts';
import { countWorkspaceRows, listWorkspaceRows } from '../db/repositories/workspace-repository.ts';
import { genevaDate } from '../domain/geneva-time.ts';
import type { Principal } from '../policies/principal.ts';
import { presentWorkspaceRow, type WorkspaceItem } from '../presenters/workspace-presenter.ts';
import { workspaceScope } from './workspace-scope.ts';

/** One list of deadlines: its first rows and how many there are in all. */
export interface DeadlineList {
  total: number;
  items: WorkspaceItem[];
}

/** The deadlines staff watch. */
export interface Deadlines {
  /** Scheduled publications, the earliest due first (one whose time has passed waits for the scheduler). */
  publicationDue: DeadlineList;
  /** Held publications, the earliest review date first; holds without one last. */
  publicationHeld: DeadlineList;
  /** Sent letters whose reply deadline has passed with no reply counted, the oldest deadline first. */
  repliesOverdue: DeadlineList;
}

/**
 * The publication and reply deadlines of the letters a principal may see, `limit` rows of each list.
 * `dueWithinDays` narrows the scheduled publications to those due within so many days from now.
 */
export async function listDeadlines(ctx: AppContext, principal: Principal, options: { limit?: number; dueWithinDays?: number } = {}): Promise<Deadlines> {
  const scope = workspaceScope(principal);
  const { db } = ctx.store;
  const now = ctx.clock.now();
  const today = genevaDate(now);
  const limit = options.limit ?? 200;
  const due = {
    publicationStatus: 'scheduled',
    ...(options.dueWithinDays !== undefined && { publishDueBefore: new Date(now.getTime() + options.dueWithinDays * 86_400_000).toISOString() }),
  };
  const held = { publicationStatus: 'held' };
  const overdue = { replyOverdueOn: today };
  const present = (rows: Awaited<ReturnType<typeof listWorkspaceRows>>) => rows.map((r) => presentWorkspaceRow(r, ctx.ref, today));
  const [dueRows, dueTotal, heldRows, heldTotal, overdueRows, overdueTotal] = await Promise.all([
    listWorkspaceRows(db, scope, due, 'publish_due', limit),
    countWorkspaceRows(db, scope, due),
    listWorkspaceRows(db, scope, held, 'held_until', limit),
    countWorkspaceRows(db, scope, held),
    listWorkspaceRows(db, scope, overdue, 'reply_deadline', limit),
    countWorkspaceRows(db, scope, overdue),
  ]);
  return {
    publicationDue: { total: dueTotal, items: present(dueRows) },
    publicationHeld: { total: heldTotal, items: present(heldRows) },
    repliesOverdue: { total: overdueTotal, items: present(overdueRows) },
  };
}
