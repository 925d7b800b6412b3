import type { Kysely } from 'kysely';
import { publicGeneration, readCatalogue, type CatalogueRow } from '../db/repositories/public-repository.ts';
import type { Database } from '../db/schema.ts';

/**
 * The facets of every public communication, held in memory as columns of small integers, so that a search
 * counts every facet of 100,000 letters in one pass without asking the database for more than the rows
 * whose words match. It is a cache of the public database, and stays correct: each search first reads the
 * public database's generation (one indexed row) and reloads the catalogue when it moved, so that a letter
 * published, corrected or retracted by any process is counted by the next search of every process.
 */

/** The facets a search counts, in the order pages show them. */
export const FACETS = ['addressee', 'mandate', 'type', 'joint', 'year', 'reply', 'session'] as const;
export type Facet = (typeof FACETS)[number];

/** A column of one facet: each row's value as an index into `values`. */
interface Column {
  values: string[];
  of: Uint16Array;
}

/** The catalogue of one generation of the public database. Rows are in the public order: newest first. */
export interface Catalogue {
  generation: number;
  size: number;
  seq: Int32Array;
  /** Row index of a seq (-1: not public), indexed by seq. */
  rowOfSeq: Int32Array;
  /**
   * The rows whose words match a query, by its compiled form: kept with the catalogue, so that they are
   * dropped with it when the public database changes (most recent last; at most {@link MATCH_CACHE_SIZE}).
   */
  matches: Map<string, Uint8Array>;
  sentAt: string[];
  sentDate: string[];
  reference: string[];
  synthetic: Uint8Array;
  columns: Record<Exclude<Facet, 'mandate'>, Column>;
  /** Mandates: row i has `mandates.of[mandateStart[i] .. mandateStart[i+1])`. */
  mandates: { values: string[]; start: Int32Array; of: Uint16Array };
}

function valueIndex(values: string[], index: Map<string, number>, value: string): number {
  let i = index.get(value);
  if (i === undefined) {
    i = values.length;
    values.push(value);
    index.set(value, i);
  }
  return i;
}

/** Builds the columns of a catalogue from the rows of the public database, newest first. */
export function buildCatalogue(generation: number, rows: readonly CatalogueRow[]): Catalogue {
  const n = rows.length;
  const single = (pick: (r: CatalogueRow) => string): Column => {
    const values: string[] = [];
    const index = new Map<string, number>();
    const of = new Uint16Array(n);
    rows.forEach((r, i) => (of[i] = valueIndex(values, index, pick(r))));
    return { values, of };
  };
  const mandateValues: string[] = [];
  const mandateIndex = new Map<string, number>();
  const start = new Int32Array(n + 1);
  const all: number[] = [];
  rows.forEach((r, i) => {
    start[i] = all.length;
    for (const slug of JSON.parse(r.mandates) as string[]) all.push(valueIndex(mandateValues, mandateIndex, slug));
  });
  start[n] = all.length;
  const seq = Int32Array.from(rows, (r) => Number(r.seq));
  const rowOfSeq = new Int32Array(seq.reduce((max, s) => Math.max(max, s), 0) + 1).fill(-1);
  seq.forEach((s, i) => (rowOfSeq[s] = i));
  return {
    generation,
    size: n,
    seq,
    rowOfSeq,
    matches: new Map(),
    sentAt: rows.map((r) => r.sent_at),
    sentDate: rows.map((r) => r.sent_date),
    reference: rows.map((r) => r.reference),
    synthetic: Uint8Array.from(rows, (r) => Number(r.synthetic)),
    columns: {
      addressee: single((r) => r.addressee_id),
      type: single((r) => r.type),
      joint: single((r) => (Number(r.joint) === 1 ? 'true' : 'false')),
      year: single((r) => r.sent_date.slice(0, 4)),
      reply: single((r) => r.reply_status),
      session: single((r) => String(r.session)),
    },
    mandates: { values: mandateValues, start, of: Uint16Array.from(all) },
  };
}

interface Cached {
  catalogue?: Catalogue;
  loading?: Promise<Catalogue>;
}
const caches = new WeakMap<object, Cached>();

/**
 * The catalogue of the store's public database as it is now: the cached one when the generation has not
 * moved, else a fresh one (read once however many searches ask at the same time).
 */
export async function currentCatalogue(db: Kysely<Database>): Promise<Catalogue> {
  let cached = caches.get(db);
  if (!cached) caches.set(db, (cached = {}));
  const generation = await publicGeneration(db);
  if (cached.catalogue?.generation === generation) return cached.catalogue;
  if (!cached.loading) {
    const entry = cached;
    entry.loading = readCatalogue(db)
      .then(({ generation: g, rows }) => (entry.catalogue = buildCatalogue(g, rows)))
      .finally(() => (entry.loading = undefined));
  }
  const loaded = await cached.loading!;
  // A load that started before the latest change is stale for this search: read again.
  return loaded.generation === generation ? loaded : currentCatalogue(db);
}

/** The filters of a search, each facet's value as the catalogue names it (checked by the caller). */
export type FacetFilters = Partial<Record<Facet, string>>;

/** What a search selects before facets: rows whose words match (all when undefined) and a date span. */
export interface Selection {
  candidates?: Uint8Array;
  from?: string;
  to?: string;
  filters: FacetFilters;
}

/** Each facet's values with their counts, most frequent first. */
export type FacetCounts = Record<Facet, Array<{ value: string; count: number }>>;

/** The rows a search selects, newest first, and the counts of every facet. */
export interface CatalogueResult {
  rows: Int32Array;
  counts: FacetCounts;
}

/**
 * Selects the rows and counts the facets in one pass. A facet's counts apply every other filter but its
 * own, so that a page filtered by one State still shows how many letters went to each of the others (and
 * choosing one of them gives the count shown). A filter naming a value no public letter has selects nothing.
 */
export function selectRows(cat: Catalogue, sel: Selection): CatalogueResult {
  const n = cat.size;
  const names = Object.keys(cat.columns) as Array<keyof Catalogue['columns']>;
  const columns = names.map((f) => cat.columns[f].of);
  const singleCounts = names.map((f) => new Uint32Array(cat.columns[f].values.length));
  // The filtered columns, by position in `columns`, and the value index each wants (-1: no letter has it).
  const filtered = names.flatMap((f, k) => (sel.filters[f] === undefined ? [] : [k]));
  const wanted = filtered.map((k) => cat.columns[names[k]!].values.indexOf(sel.filters[names[k]!]!));
  const mandateWanted = sel.filters.mandate === undefined ? -2 : cat.mandates.values.indexOf(sel.filters.mandate);
  const mandateCounts = new Uint32Array(cat.mandates.values.length);
  const selected = new Int32Array(n);
  let found = 0;
  const { candidates, from, to } = sel;
  const { start, of: mandateOf } = cat.mandates;
  const dated = from !== undefined || to !== undefined;

  for (let i = 0; i < n; i++) {
    if (candidates !== undefined && candidates[i] === 0) continue;
    if (dated && ((from !== undefined && cat.sentDate[i]! < from) || (to !== undefined && cat.sentDate[i]! > to))) continue;
    // Which filters this row fails: counted only when it fails none, or one (for that facet's counts).
    let failed = -1;
    let failures = 0;
    for (let k = 0; k < filtered.length; k++) {
      if (columns[filtered[k]!]![i] !== wanted[k]) {
        failures++;
        failed = filtered[k]!;
      }
    }
    let mandateFails = false;
    if (mandateWanted !== -2) {
      mandateFails = true;
      for (let j = start[i]!; j < start[i + 1]!; j++) if (mandateOf[j] === mandateWanted) mandateFails = false;
      if (mandateFails) failures++;
    }
    if (failures > 1) continue;
    if (failures === 0) {
      selected[found++] = i;
      for (let k = 0; k < columns.length; k++) singleCounts[k]![columns[k]![i]!]!++;
      for (let j = start[i]!; j < start[i + 1]!; j++) mandateCounts[mandateOf[j]!]!++;
    } else if (mandateFails) {
      for (let j = start[i]!; j < start[i + 1]!; j++) mandateCounts[mandateOf[j]!]!++;
    } else {
      singleCounts[failed]![columns[failed]![i]!]!++;
    }
  }

  const list = (values: string[], counts: Uint32Array) =>
    values
      .map((value, i) => ({ value, count: counts[i]! }))
      .filter((v) => v.count > 0)
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  const counts = Object.fromEntries(names.map((f, k) => [f, list(cat.columns[f].values, singleCounts[k]!)])) as FacetCounts;
  counts.mandate = list(cat.mandates.values, mandateCounts);
  return { rows: selected.subarray(0, found), counts };
}

/** A bitset over the catalogue's rows of the seqs given (seqs the catalogue does not hold are ignored). */
export function candidatesOf(cat: Catalogue, seqs: readonly number[]): Uint8Array {
  const set = new Uint8Array(cat.size);
  const rowOfSeq = cat.rowOfSeq;
  for (const s of seqs) {
    const i = s < rowOfSeq.length ? rowOfSeq[s]! : -1;
    if (i >= 0) set[i] = 1;
  }
  return set;
}

/** The most queries whose matching rows a catalogue keeps. */
export const MATCH_CACHE_SIZE = 200;

/**
 * The rows of the catalogue whose words match a query: from the catalogue's own cache, else from `find`
 * (the full-text index), then kept. Correct as long as the catalogue is current, and it is replaced (with
 * an empty cache) whenever the public database changes.
 */
export async function matchingRows(cat: Catalogue, key: string, find: () => Promise<readonly number[]>): Promise<Uint8Array> {
  const known = cat.matches.get(key);
  if (known) {
    cat.matches.delete(key);
    cat.matches.set(key, known);
    return known;
  }
  const rows = candidatesOf(cat, await find());
  cat.matches.set(key, rows);
  if (cat.matches.size > MATCH_CACHE_SIZE) cat.matches.delete(cat.matches.keys().next().value!);
  return rows;
}
