import type { AppContext } from '../../context.ts';
import { findActs, findDetention, findDisappearance, recordsFromSource, sourcesOfSubmission } from '../../db/repositories/register-repository.ts';
import { allowRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';

/** A record of the register made from a submission, and the staff page that shows it. */
export interface RecordFromSubmission {
  recordType: string;
  recordId: string;
  /** The page of the record: the person's page for acts, detentions and disappearances. */
  path: string | null;
}

/**
 * The records of the case register made from a submission (those that cite one of its sources), for the
 * submission's staff page. Empty for anyone who may not view the register.
 */
export async function recordsFromSubmission(ctx: AppContext, principal: Principal, submissionId: string): Promise<RecordFromSubmission[]> {
  if (!allowRegister(principal, 'view')) return [];
  const db = ctx.store.db;
  const sources = await sourcesOfSubmission(db, submissionId);
  const records = await recordsFromSource(
    db,
    sources.map((s) => s.id),
  );
  const seen = new Set<string>();
  const out: RecordFromSubmission[] = [];
  for (const r of records) {
    const key = `${r.record_type}:${r.record_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ recordType: r.record_type, recordId: r.record_id, path: await pathOf(ctx, r.record_type, r.record_id) });
  }
  return out;
}

async function pathOf(ctx: AppContext, type: string, id: string): Promise<string | null> {
  const db = ctx.store.db;
  if (type === 'person') return `/staff/register/persons/${id}`;
  if (type === 'event') return `/staff/register/events/${id}`;
  const personId =
    type === 'act'
      ? (await findActs(db, [id]))[0]?.person_id
      : type === 'detention'
        ? (await findDetention(db, id))?.person_id
        : type === 'disappearance'
          ? (await findDisappearance(db, id))?.person_id
          : undefined;
  return personId ? `/staff/register/persons/${personId}` : null;
}
