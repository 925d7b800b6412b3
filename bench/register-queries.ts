import type { AppContext } from '../src/context.ts';
import { seededRandom, type Random } from '../src/demo/random.ts';
import { staff } from '../src/policies/principal.ts';
import { getPerson } from '../src/queries/register/get-person.ts';
import { listDetentions } from '../src/queries/register/list-detentions.ts';
import { CHARGES, identityAt, sortedIndex, STATUS_CODES, type DetentionFacts, type World } from './register-data.ts';
import { since, summarise, type Timings } from './stats.ts';

/** The reader of the benchmark: a case officer, who sees every class (and whose reads are audited). */
export const OFFICER = staff('Benchmark Officer');

/** Timings with the 99th percentile too. */
export interface Latencies extends Timings {
  p99: number;
}

/** One kind of register list query and its latencies. */
export interface ListResult {
  name: string;
  runs: number;
  timings: Latencies;
  averageTotal: number;
}

type Query = Record<string, string>;

interface ListKind {
  name: string;
  draw(r: Random, f: DetentionFacts, w: World): Query;
}

/** A detention drawn at random, by its position in the facts (so frequent values are queried as often as they occur). */
const any = (r: Random, f: DetentionFacts) => r.int(0, f.count - 1);
function chargeOf(r: Random, f: DetentionFacts, n: number): string {
  const cited = CHARGES.filter((_, k) => (f.charges[n]! & (1 << k)) !== 0);
  return r.pick(cited);
}
function withPlace(r: Random, f: DetentionFacts): number {
  for (;;) {
    const n = any(r, f);
    if (f.placeIndex[n]! >= 0) return n;
  }
}
function month(r: Random, w: World, f: DetentionFacts): string {
  return w.arrestedValues[f.arrested[any(r, f)]!]!.slice(0, 4) + (r.chance(0.5) ? '' : '-01');
}

// Two filters each, as the register's users combine them; parameters drawn from the loaded detentions.
const KINDS: ListKind[] = [
  {
    name: 'status + place',
    draw: (r, f, w) => {
      const n = withPlace(r, f);
      return { status: STATUS_CODES[f.status[n]!]!, place: w.facilities[f.placeIndex[n]!]!.id };
    },
  },
  {
    name: 'authority + charge',
    draw: (r, f, w) => {
      const n = any(r, f);
      return { authority: w.authorities[f.authorityIndex[n]!]!, charge: chargeOf(r, f, n) };
    },
  },
  { name: 'no contact (either) + from', draw: (r, f, w) => ({ contact: 'either', from: month(r, w, f) }) },
  {
    name: 'place + charge',
    draw: (r, f, w) => {
      const n = withPlace(r, f);
      return { place: w.facilities[f.placeIndex[n]!]!.id, charge: chargeOf(r, f, n) };
    },
  },
  { name: 'whereabouts unknown + from', draw: (r, f, w) => ({ status: 'whereabouts_unknown', from: month(r, w, f) }) },
];

/** The number of loaded detentions a query matches, counted in the facts kept at load time. */
function expectedTotal(q: Query, f: DetentionFacts, w: World): number {
  const place = q.place === undefined ? undefined : w.facilityIndex.get(q.place);
  const authority = q.authority === undefined ? undefined : w.authorityIndex.get(q.authority);
  const status = q.status === undefined ? undefined : STATUS_CODES.indexOf(q.status as (typeof STATUS_CODES)[number]);
  const charge = q.charge === undefined ? 0 : 1 << CHARGES.indexOf(q.charge as (typeof CHARGES)[number]);
  const from = q.from === undefined ? 0 : sortedIndex(w.arrestedValues, q.from);
  let n = 0;
  for (let i = 0; i < f.count; i++) {
    if (place !== undefined && f.placeIndex[i] !== place) continue;
    if (authority !== undefined && f.authorityIndex[i] !== authority) continue;
    if (status !== undefined && f.status[i] !== status) continue;
    if (charge !== 0 && (f.charges[i]! & charge) === 0) continue;
    if (f.arrested[i]! < from) continue;
    if (q.contact === 'either' && f.noContact[i] === 0) continue;
    n++;
  }
  return n;
}

/** Percentiles of a series, the 99th included. */
export function latencies(ms: number[]): Latencies {
  const s = summarise(ms);
  return { ...s, p99: ms[Math.min(ms.length - 1, Math.max(0, Math.ceil(0.99 * ms.length) - 1))]! };
}

/**
 * Runs each kind of two-filter register query `runs` times through listDetentions as a case officer (page 1,
 * 50 rows, with the total, the persons and places of the page, and the audited read of the places shown),
 * one at a time, after `warmup` unmeasured runs. The first `checked` totals of each kind are compared,
 * outside the timing, with the loaded data.
 */
export async function benchRegisterList(ctx: AppContext, world: World, facts: DetentionFacts, runs: number, warmup = 20, checked = 10): Promise<{ kinds: ListResult[]; mix: Latencies }> {
  const kinds: ListResult[] = [];
  const all: number[] = [];
  for (const kind of KINDS) {
    const r = seededRandom(11);
    for (let i = 0; i < warmup; i++) await listDetentions(ctx, OFFICER, kind.draw(r, facts, world));
    const ms: number[] = [];
    let totals = 0;
    for (let i = 0; i < runs; i++) {
      const q = kind.draw(r, facts, world);
      const t = performance.now();
      const page = await listDetentions(ctx, OFFICER, q);
      ms.push(since(t));
      totals += page.total;
      if (i < checked) {
        const expected = expectedTotal(q, facts, world);
        if (page.total !== expected) throw new Error(`${kind.name} ${JSON.stringify(q)}: counted ${page.total} where the loaded data holds ${expected}`);
        if (page.items.length !== Math.min(page.limit, page.total)) throw new Error(`${kind.name}: a page of ${page.items.length} rows for ${page.total} matches`);
      }
    }
    all.push(...ms);
    kinds.push({ name: kind.name, runs, timings: latencies(ms), averageTotal: totals / runs });
  }
  return { kinds, mix: latencies(all) };
}

/**
 * Opens `runs` person pages (getPerson as a case officer: every act, detention with stays, disappearance,
 * event, source and place, and the audited reads of the restricted classes shown) of persons drawn at random
 * from the `scale` loaded, after `warmup` unmeasured ones.
 */
export async function benchPersonPage(ctx: AppContext, world: World, scale: number, runs: number, warmup = 20): Promise<{ timings: Latencies; averageActs: number; averageDetentions: number }> {
  const r = seededRandom(13);
  for (let i = 0; i < warmup; i++) await getPerson(ctx, OFFICER, identityAt(world, r.int(0, scale - 1)).id);
  const ms: number[] = [];
  let acts = 0;
  let detentions = 0;
  for (let i = 0; i < runs; i++) {
    const id = identityAt(world, r.int(0, scale - 1)).id;
    const t = performance.now();
    const page = await getPerson(ctx, OFFICER, id);
    ms.push(since(t));
    acts += page.acts.length;
    detentions += page.detentions.length;
  }
  return { timings: latencies(ms), averageActs: acts / runs, averageDetentions: detentions / runs };
}
