import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { DetentionRow } from './register-repository.ts';

/** Filters of the detention register (all optional, combined with "and"). */
export interface DetentionFilters {
  placeId?: string;
  authority?: string;
  charge?: string;
  status?: string;
  /** Families or counsel without contact: `family` (no contact with family), `counsel` (no access), `either`. */
  noContact?: 'family' | 'counsel' | 'either';
  arrestedFrom?: string;
  arrestedTo?: string;
}

/** One page of the detention register: the rows (newest arrest first) and how many match in all. */
export interface DetentionListPage {
  rows: DetentionRow[];
  total: number;
}

/**
 * The detention register, filtered and paged (newest arrest first, then id). The count is of all matching
 * rows. Filters use the indexes of migration 0010: status, current place, authority, arrest date, and the
 * charges table.
 */
export async function listDetentionRows(db: Kysely<Database>, f: DetentionFilters, page: { limit: number; offset: number }): Promise<DetentionListPage> {
  let q = db.selectFrom('detentions as d');
  if (f.placeId) q = q.where('d.current_place_id', '=', f.placeId);
  // With a charge, the authority is read from the charge rows (one index range: charge, authority, arrest date).
  if (f.authority && (!f.charge || f.placeId)) q = q.where('d.current_authority', '=', f.authority);
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.arrestedFrom) q = q.where('d.arrested_on', '>=', f.arrestedFrom);
  if (f.arrestedTo) q = q.where('d.arrested_on', '<=', `${f.arrestedTo}~`);
  if (f.charge && f.placeId) {
    // A place holds few detentions: read them by the place's index and check each one's charge.
    const charge = f.charge;
    q = q.where((eb) => eb.exists(eb.selectFrom('detention_charges as c').select(sql.lit(1).as('one')).whereRef('c.detention_id', '=', 'd.id').where('c.charge', '=', charge)));
  } else if (f.charge) {
    // Otherwise the detentions of a charge (and authority, and arrest dates) are one range of the charges'
    // list index, read first; the detentions are then found by id.
    let ids = db.selectFrom('detention_charges as c').select('c.detention_id').where('c.charge', '=', f.charge);
    if (f.authority) ids = ids.where('c.current_authority', '=', f.authority);
    if (f.arrestedFrom) ids = ids.where('c.arrested_on', '>=', f.arrestedFrom);
    if (f.arrestedTo) ids = ids.where('c.arrested_on', '<=', `${f.arrestedTo}~`);
    q = q.where('d.id', 'in', ids);
  }
  // Written as the partial indexes of migration 0010 state them (literals, same form), so both databases use them.
  if (f.noContact === 'family') q = q.where(sql<boolean>`d.family_contact = 'no'`);
  if (f.noContact === 'counsel') q = q.where(sql<boolean>`d.counsel_access = 'no'`);
  if (f.noContact === 'either') q = q.where(sql<boolean>`(d.family_contact = 'no' or d.counsel_access = 'no')`);
  const [rows, count] = await Promise.all([
    q.selectAll('d').orderBy('d.arrested_on', 'desc').orderBy('d.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The authorities and charges that occur in the register, with how many detentions each (for filter menus). */
export async function detentionFacets(db: Kysely<Database>): Promise<{ authorities: { value: string; count: number }[]; charges: { value: string; count: number }[] }> {
  const [authorities, charges] = await Promise.all([
    db
      .selectFrom('detentions')
      .select(['current_authority as value', (eb) => eb.fn.countAll<number>().as('count')])
      .where('current_authority', 'is not', null)
      .groupBy('current_authority')
      .orderBy('count', 'desc')
      .limit(100)
      .execute(),
    db
      .selectFrom('detention_charges')
      .select(['charge as value', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('charge')
      .orderBy('count', 'desc')
      .limit(100)
      .execute(),
  ]);
  return {
    authorities: authorities.map((a) => ({ value: a.value as string, count: Number(a.count) })),
    charges: charges.map((c) => ({ value: c.value, count: Number(c.count) })),
  };
}
