import { sql, type Kysely, type RawBuilder } from 'kysely';
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
  if (f.charge && !f.placeId) return listByCharge(db, f.charge, f, page);
  let q = db.selectFrom('detentions as d');
  for (const c of detentionConditions(f, true)) q = q.where(c);
  if (f.charge) {
    // A place holds few detentions: read them by the place's index and check each one's charge.
    const charge = f.charge;
    q = q.where((eb) => eb.exists(eb.selectFrom('detention_charges as c').select(sql.lit(1).as('one')).whereRef('c.detention_id', '=', 'd.id').where('c.charge', '=', charge)));
  }
  const [rows, count] = await Promise.all([
    q.selectAll('d').orderBy('d.arrested_on', 'desc').orderBy('d.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * A charge without a place: the charge's rows (with its authority and arrest dates) are one range of the
 * charges' list index, already in arrest order, joined to their detentions by id; without other filters the
 * count reads the index alone.
 */
async function listByCharge(db: Kysely<Database>, charge: string, f: DetentionFilters, page: { limit: number; offset: number }): Promise<DetentionListPage> {
  let q = db.selectFrom('detention_charges as c').where('c.charge', '=', charge);
  if (f.authority) q = q.where('c.current_authority', '=', f.authority);
  if (f.arrestedFrom) q = q.where('c.arrested_on', '>=', f.arrestedFrom);
  if (f.arrestedTo) q = q.where('c.arrested_on', '<=', `${f.arrestedTo}~`);
  let joined = q.innerJoin('detentions as d', 'd.id', 'c.detention_id');
  const rest = detentionConditions({ ...f, authority: undefined, arrestedFrom: undefined, arrestedTo: undefined }, false);
  for (const c of rest) joined = joined.where(c);
  const counted = rest.length === 0 ? q.select((eb) => eb.fn.countAll<number>().as('n')) : joined.select((eb) => eb.fn.countAll<number>().as('n'));
  const [rows, count] = await Promise.all([
    joined.selectAll('d').orderBy('c.arrested_on', 'desc').orderBy('c.detention_id', 'desc').limit(page.limit).offset(page.offset).execute(),
    counted.executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * The conditions of the filters on a detention `d` (the charge aside), as SQL that either query shape can
 * take. The "no contact" ones are written as the partial indexes of migration 0010 state them (literals, same
 * form), so both databases use those indexes.
 */
function detentionConditions(f: DetentionFilters, withPlace: boolean): RawBuilder<boolean>[] {
  const out: RawBuilder<boolean>[] = [];
  if (withPlace && f.placeId) out.push(sql<boolean>`d.current_place_id = ${f.placeId}`);
  if (f.authority) out.push(sql<boolean>`d.current_authority = ${f.authority}`);
  if (f.status) out.push(sql<boolean>`d.status = ${f.status}`);
  if (f.arrestedFrom) out.push(sql<boolean>`d.arrested_on >= ${f.arrestedFrom}`);
  if (f.arrestedTo) out.push(sql<boolean>`d.arrested_on <= ${`${f.arrestedTo}~`}`);
  if (f.noContact === 'family') out.push(sql<boolean>`d.family_contact = 'no'`);
  if (f.noContact === 'counsel') out.push(sql<boolean>`d.counsel_access = 'no'`);
  if (f.noContact === 'either') out.push(sql<boolean>`(d.family_contact = 'no' or d.counsel_access = 'no')`);
  return out;
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
