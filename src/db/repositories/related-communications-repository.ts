import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** A published letter as the related-letters list needs it: public fields only. */
export interface RelatedLetterRow {
  reference: string;
  slug: string;
  sent_date: string;
  subject: string;
  sent_at: string;
}

/**
 * The published letters that share a register event with the published letter `slug` (both linked to the
 * same event through `communication_links`), newest first, the letter itself left out. Both ends are read
 * from the public database, so a letter that is not (or no longer) published is never found, nor finds
 * others; nothing of the event itself is read.
 *
 * @example await lettersSharingEventsRows(db, 'AL-KAZ-1-2022', 10)
 */
export async function lettersSharingEventsRows(db: Kysely<Database>, slug: string, limit: number): Promise<RelatedLetterRow[]> {
  return db
    .selectFrom('public_communications as self')
    .innerJoin('communication_links as mine', (j) => j.onRef('mine.communication_id', '=', 'self.id').on('mine.record_type', '=', 'event'))
    .innerJoin('communication_links as theirs', (j) => j.onRef('theirs.record_id', '=', 'mine.record_id').on('theirs.record_type', '=', 'event').onRef('theirs.communication_id', '<>', 'self.id'))
    .innerJoin('public_communications as p', 'p.id', 'theirs.communication_id')
    // (`sent_at` is selected only to order by it: a distinct query orders by what it selects.)
    .select(['p.reference', 'p.slug', 'p.sent_date', 'p.subject', 'p.sent_at'])
    .distinct()
    .where('self.slug', '=', slug.toUpperCase())
    .orderBy('p.sent_at', 'desc')
    .orderBy('p.reference')
    .limit(limit)
    .execute();
}
