import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { ActRow, DetentionRow, DisappearanceRow, EventRow, FigureRow, PersonRow } from './register-repository.ts';

/** The rows of each kind of record an export of the register reads (encrypted columns still encrypted). */
export interface RegisterExportRows {
  persons: PersonRow;
  acts: ActRow;
  detentions: DetentionRow;
  disappearances: DisappearanceRow;
  events: EventRow;
  figures: FigureRow;
}

/** A kind of record an export of the register reads. */
export type RegisterExportTable = keyof RegisterExportRows;

const TABLES = {
  persons: 'persons',
  acts: 'register_acts',
  detentions: 'detentions',
  disappearances: 'disappearances',
  events: 'register_events',
  figures: 'register_figures',
} as const satisfies Record<RegisterExportTable, keyof Database>;

/**
 * The next `limit` records of a kind after the id `afterId` (from the first when null), in id order. An
 * export reads the whole register this way a batch at a time: keyset paging on the primary key costs the
 * same for the last batch as for the first, whatever the size, and never skips or repeats a row.
 *
 * @example const first = await registerRowsAfter(db, 'detentions', null, 500)
 */
export async function registerRowsAfter<K extends RegisterExportTable>(db: Kysely<Database>, kind: K, afterId: string | null, limit: number): Promise<RegisterExportRows[K][]> {
  // Every one of these tables has a text primary key `id`; the query is the same for all of them, so it is
  // typed as one of them and its rows returned as the kind's.
  let q = db.selectFrom(TABLES[kind] as 'persons').selectAll();
  if (afterId !== null) q = q.where('id', '>', afterId);
  return (await q.orderBy('id').limit(limit).execute()) as unknown as RegisterExportRows[K][];
}

/** The place ids of some events, each event's in its order: event id → place ids. */
export async function placeIdsOfEvents(db: Kysely<Database>, eventIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (eventIds.length === 0) return out;
  const rows = await db.selectFrom('event_places').select(['event_id', 'place_id']).where('event_id', 'in', [...new Set(eventIds)]).orderBy('event_id').orderBy('position').execute();
  for (const r of rows) out.set(r.event_id, [...(out.get(r.event_id) ?? []), r.place_id]);
  return out;
}
