import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { PublicRow } from './public-repository.ts';

/** Rows a dump reads at a time: enough to keep round trips few, few enough to keep memory flat. */
export const DUMP_BATCH_SIZE = 500;

/**
 * Every row of the public database in the order of its `seq`, a batch at a time: each batch is one
 * keyset query (`seq > last`), so a dump of any size holds one batch in memory and never skips or repeats a
 * row that stays public while it runs.
 *
 * @example for await (const rows of publicRowsInSeqOrder(ctx.store.db)) write(rows)
 */
export async function* publicRowsInSeqOrder(db: Kysely<Database>, batchSize = DUMP_BATCH_SIZE): AsyncGenerator<PublicRow[]> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('public_communications').selectAll().where('seq', '>', after).orderBy('seq').limit(batchSize).execute();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    after = Number(rows.at(-1)!.seq);
  }
}

/** What a sitemap needs of a public communication: its address and when it last changed. */
export interface PublicPageRow {
  seq: number;
  slug: string;
  changedAt: string;
}

/**
 * The slugs and change times of the public communications, in `seq` order, from `offset` on: one page of a
 * sitemap. Small columns only, so even a page of 50,000 stays light.
 */
export async function publicPages(db: Kysely<Database>, offset: number, limit: number): Promise<PublicPageRow[]> {
  const rows = await db.selectFrom('public_communications').select(['seq', 'slug', 'changed_at']).orderBy('seq').limit(limit).offset(offset).execute();
  return rows.map((r) => ({ seq: Number(r.seq), slug: r.slug, changedAt: r.changed_at }));
}

/** The number of public communications. */
export async function countPublic(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('public_communications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}
