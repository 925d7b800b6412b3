import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../schema.ts';

/**
 * The staff workspace's lists: drafts with each mandate's decision, the publication and reply deadlines,
 * and the search over the register. Every query is narrowed by a {@link WorkspaceScope} that the caller
 * takes from the policy's list scope; this file decides nothing about who sees what.
 */

/** The part of the register a list reads: everything, one mandate's letters, or what was sent to one State. */
export interface WorkspaceScope {
  mandate?: string;
  addresseeCode?: string;
  sentOnly?: boolean;
}

/** What a workspace list selects, on top of its scope; every part optional. */
export interface WorkspaceFilter {
  draftingStatuses?: readonly string[];
  /** Only letters out for signature on which this mandate has not decided yet. */
  awaitingDecisionOf?: string;
  publicationStatus?: string;
  /** Publication due before this instant (ISO). */
  publishDueBefore?: string;
  /** No reply counted and the reply deadline passed before this Geneva date. */
  replyOverdueOn?: string;
  /** Text to find in the reference, subject or summary (any case), or an exact reference. */
  text?: { contains: string; reference?: string };
}

/** The orders of the workspace's lists. */
export type WorkspaceOrder = 'updated' | 'publish_due' | 'held_until' | 'reply_deadline' | 'recent';

/** A signing mandate's decision as the lists show it. */
export interface WorkspaceDecision {
  slug: string;
  decision: string;
  decidedBy: string | null;
}

/** A row of a workspace list. */
export interface WorkspaceRow {
  id: string;
  reference: string | null;
  type: string;
  addresseeId: string;
  addresseeCode: string;
  subject: string;
  draftingStatus: string;
  sentDate: string | null;
  replyDeadline: string | null;
  replyStatus: string | null;
  publicationStatus: string | null;
  publishDueAt: string | null;
  heldUntil: string | null;
  holdReason: string | null;
  updatedAt: string;
  synthetic: boolean;
  /** The signing mandates in signing order, with their decisions on the current text. */
  mandates: WorkspaceDecision[];
}

type Eb = ExpressionBuilder<Database & { c: Database['communications'] }, 'c'>;

/** Escapes `%`, `_` and the escape character itself for a LIKE pattern with `escape '\'`. */
function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

function conditions(eb: Eb, scope: WorkspaceScope, f: WorkspaceFilter): Expression<SqlBool> {
  const all: Array<Expression<SqlBool>> = [];
  const signs = (mandate: string, pendingOnly: boolean) =>
    eb.exists(
      eb
        .selectFrom('communication_mandates as cm')
        .select('cm.communication_id')
        .whereRef('cm.communication_id', '=', 'c.id')
        .where('cm.mandate_slug', '=', mandate)
        .$if(pendingOnly, (q) => q.where('cm.decision', '=', 'pending')),
    );
  if (scope.mandate !== undefined) all.push(signs(scope.mandate, false));
  if (scope.addresseeCode !== undefined) all.push(eb('c.addressee_code', '=', scope.addresseeCode));
  if (scope.sentOnly) all.push(eb('c.drafting_status', '=', 'sent'));
  if (f.draftingStatuses !== undefined) {
    all.push(f.draftingStatuses.length === 0 ? sql<SqlBool>`1 = 0` : eb('c.drafting_status', 'in', [...f.draftingStatuses]));
  }
  if (f.awaitingDecisionOf !== undefined) {
    all.push(eb('c.drafting_status', '=', 'submitted'));
    all.push(signs(f.awaitingDecisionOf, true));
  }
  if (f.publicationStatus !== undefined) all.push(eb('c.publication_status', '=', f.publicationStatus));
  if (f.publishDueBefore !== undefined) all.push(eb('c.publish_due_at', '<', f.publishDueBefore));
  if (f.replyOverdueOn !== undefined) {
    all.push(eb('c.drafting_status', '=', 'sent'));
    all.push(eb('c.reply_status', '=', 'none'));
    all.push(eb('c.reply_deadline', '<', f.replyOverdueOn));
  }
  if (f.text !== undefined) {
    const pattern = likeContains(f.text.contains);
    const like = (column: 'c.reference' | 'c.subject' | 'c.summary') => sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
    const any: Array<Expression<SqlBool>> = [like('c.reference'), like('c.subject'), like('c.summary')];
    if (f.text.reference !== undefined) any.push(eb('c.reference', '=', f.text.reference));
    all.push(eb.or(any));
  }
  return eb.and(all);
}

const ORDERS: Record<WorkspaceOrder, Array<[column: 'c.updated_at' | 'c.publish_due_at' | 'c.held_until' | 'c.reply_deadline' | 'c.sent_at' | 'c.created_at', 'asc' | 'desc']>> = {
  updated: [['c.updated_at', 'desc']],
  publish_due: [['c.publish_due_at', 'asc']],
  // Holds without a review date come last: nothing says when to look at them again.
  held_until: [['c.held_until', 'asc']],
  reply_deadline: [['c.reply_deadline', 'asc']],
  recent: [['c.sent_at', 'desc'], ['c.created_at', 'desc']],
};

/**
 * The rows of a workspace list, in the order given, at most `limit`.
 *
 * @example listWorkspaceRows(db, { mandate: 'sr-torture' }, { awaitingDecisionOf: 'sr-torture' }, 'updated', 20)
 */
export async function listWorkspaceRows(
  db: Kysely<Database>,
  scope: WorkspaceScope,
  filter: WorkspaceFilter,
  order: WorkspaceOrder,
  limit: number,
): Promise<WorkspaceRow[]> {
  let q = db
    .selectFrom('communications as c')
    .select([
      'c.id', 'c.reference', 'c.type', 'c.addressee_id', 'c.addressee_code', 'c.subject', 'c.drafting_status', 'c.sent_date',
      'c.reply_deadline', 'c.reply_status', 'c.publication_status', 'c.publish_due_at', 'c.held_until', 'c.hold_reason',
      'c.updated_at', 'c.synthetic',
    ])
    .where((eb) => conditions(eb, scope, filter));
  for (const [column, direction] of ORDERS[order]) {
    // NULLs sort first on SQLite and last on PostgreSQL: order on "is null" first so that both agree.
    q = q.orderBy(sql`case when ${sql.ref(column)} is null then 1 else 0 end`).orderBy(column, direction);
  }
  const rows = await q.orderBy('c.id').limit(limit).execute();
  const decisions = await decisionsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    type: r.type,
    addresseeId: r.addressee_id,
    addresseeCode: r.addressee_code,
    subject: r.subject,
    draftingStatus: r.drafting_status,
    sentDate: r.sent_date,
    replyDeadline: r.reply_deadline,
    replyStatus: r.reply_status,
    publicationStatus: r.publication_status,
    publishDueAt: r.publish_due_at,
    heldUntil: r.held_until,
    holdReason: r.hold_reason,
    updatedAt: r.updated_at,
    synthetic: Number(r.synthetic) === 1,
    mandates: decisions.get(r.id) ?? [],
  }));
}

/** The number of rows a workspace list would have without its limit. */
export async function countWorkspaceRows(db: Kysely<Database>, scope: WorkspaceScope, filter: WorkspaceFilter): Promise<number> {
  const row = await db
    .selectFrom('communications as c')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => conditions(eb, scope, filter))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function decisionsOf(db: Kysely<Database>, ids: string[]): Promise<Map<string, WorkspaceDecision[]>> {
  const out = new Map<string, WorkspaceDecision[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('communication_mandates')
    .select(['communication_id', 'mandate_slug', 'decision', 'decided_by'])
    .where('communication_id', 'in', ids)
    .orderBy('communication_id')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const list = out.get(r.communication_id) ?? [];
    list.push({ slug: r.mandate_slug, decision: r.decision, decidedBy: r.decided_by });
    out.set(r.communication_id, list);
  }
  return out;
}
