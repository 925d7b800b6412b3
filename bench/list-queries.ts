import type { Kysely } from 'kysely';
import type { BulkCommunication } from '../src/db/repositories/bulk-load-repository.ts';
import { listCommunications, type CommunicationFilters } from '../src/db/repositories/communications-repository.ts';
import type { Database } from '../src/db/schema.ts';
import type { FieldKey } from '../src/security/field-cipher.ts';
import { seededRandom, type Random } from '../src/demo/random.ts';
import { since, summarise, type Timings } from './stats.ts';

/** One kind of list query and how to draw its parameters from the loaded data. */
interface QueryKind {
  name: string;
  draw(random: Random, data: readonly BulkCommunication[]): CommunicationFilters;
}

// Parameters come from randomly chosen loaded letters, so frequent values are queried as often as they occur.
const KINDS: QueryKind[] = [
  { name: 'by addressee', draw: (r, d) => ({ addresseeCode: r.pick(d).addresseeCode }) },
  {
    name: 'by mandate + year',
    draw: (r, d) => {
      const c = r.pick(d);
      return { mandate: r.pick(c.mandates).slug, year: c.refYear };
    },
  },
  {
    name: 'by type + reply status',
    draw: (r, d) => {
      const c = r.pick(d);
      return { type: c.type, replyStatus: c.replyStatus };
    },
  },
];

/** Latencies of one kind of query and the average number of matches it counted. */
export interface QueryResult {
  name: string;
  runs: number;
  timings: Timings;
  averageTotal: number;
}

/** Page 1, 20 rows per page, with the total count: what the register's list shows. */
const PAGE = { limit: 20, offset: 0 } as const;

/**
 * Runs each kind of list query `runs` times (after `warmup` unmeasured runs) through the repository's
 * listCommunications, one at a time, with parameters drawn from the data by a seeded random source. Each
 * total is checked (outside the timing) against the data loaded.
 */
export async function benchListQueries(
  db: Kysely<Database>,
  key: FieldKey,
  data: readonly BulkCommunication[],
  runs: number,
  warmup = 30,
  seed = 7,
): Promise<QueryResult[]> {
  const results: QueryResult[] = [];
  for (const kind of KINDS) {
    const random = seededRandom(seed);
    for (let i = 0; i < warmup; i++) await listCommunications(db, key, kind.draw(random, data), PAGE);
    const ms: number[] = [];
    let totals = 0;
    for (let i = 0; i < runs; i++) {
      const filters = kind.draw(random, data);
      const t = performance.now();
      const page = await listCommunications(db, key, filters, PAGE);
      ms.push(since(t));
      totals += page.total;
      const expected = data.filter((c) => matches(c, filters)).length;
      if (page.total !== expected) throw new Error(`${kind.name}: counted ${page.total} matches where the data holds ${expected}`);
      if (page.rows.length !== Math.min(20, page.total)) throw new Error(`${kind.name}: a page of ${page.rows.length} rows for ${page.total} matches`);
    }
    results.push({ name: kind.name, runs, timings: summarise(ms), averageTotal: totals / runs });
  }
  return results;
}

/** The loaded data's own answer to a filter, to check the database's count against. */
function matches(c: BulkCommunication, f: CommunicationFilters): boolean {
  return (
    (f.addresseeCode === undefined || c.addresseeCode === f.addresseeCode) &&
    (f.mandate === undefined || c.mandates.some((m) => m.slug === f.mandate)) &&
    (f.year === undefined || c.refYear === f.year) &&
    (f.type === undefined || c.type === f.type) &&
    (f.replyStatus === undefined || c.replyStatus === f.replyStatus)
  );
}
