// The public database's benchmark (issue: public communications database, section 8): the search query mix
// in process, the API over loopback with autocannon, a communication page, a 100,000-row export and the
// full dump, each printed with its figures. Called by run.ts on each store it has loaded.
import autocannon from 'autocannon';
import type { AppContext } from '../src/context.ts';
import type { BulkCommunication } from '../src/db/repositories/bulk-load-repository.ts';
import { buildApp } from '../src/http/build-app.ts';
import { PUBLIC } from '../src/policies/principal.ts';
import { searchPublicCommunications } from '../src/queries/search-public-communications.ts';
import { currentCatalogue } from '../src/search/public-catalogue.ts';
import { fixed, printTable, since, summarise, verdict, type Timings } from './stats.ts';

const TARGET_P95_MS = 50;

/**
 * Gives each letter of the bench data the name of a (made-up) town, drawn from 20,000 names with a Zipf
 * distribution, as place names occur in real letters: a few in thousands of letters, most in a handful.
 * The search mix's "rare word" is one of those. Bench data only.
 */
export function withTowns(data: BulkCommunication[], seed = 7): { data: BulkCommunication[]; rareTown: string; townOf: (rank: number) => string } {
  const syllables = ['ka', 'lo', 'mi', 'ra', 'tu', 'ne', 'sa', 'vo', 'di', 'pe', 'zu', 'ba', 'go', 'ri', 'te', 'ya', 'ku', 'ma', 'shi', 'no'];
  const townOf = (rank: number) => {
    let n = rank + 400;
    let name = '';
    while (n > 0) {
      name += syllables[n % syllables.length];
      n = Math.floor(n / syllables.length);
    }
    return name.charAt(0).toUpperCase() + name.slice(1) + 'abad';
  };
  // Zipf over 20,000 ranks by inversion of the cumulative weights.
  const N = 20_000;
  const cumulative = new Float64Array(N);
  let total = 0;
  for (let r = 0; r < N; r++) cumulative[r] = total += 1 / (r + 1);
  let state = seed >>> 0;
  const random = () => ((state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
  const draw = () => {
    const x = random() * total;
    let lo = 0;
    let hi = N - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const out = data.map((c) => ({ ...c, body: `${c.body}\n\nThe events took place in ${townOf(draw())} and were reported by the source.` }));
  return { data: out, rareTown: townOf(300), townOf };
}

interface MixResult {
  name: string;
  timings: Timings;
  first: number;
  total: number;
}

/** The query mix: five kinds of words, each with 0, 1 and 2 facet filters; every answer with all facet counts. */
async function queryMix(ctx: AppContext, rareTown: string, runs: number): Promise<{ rows: MixResult[]; all: Timings }> {
  const catalogue = await currentCatalogue(ctx.store.db);
  // The State with the most letters, as a visitor's first filter would often be.
  const top = (await searchPublicCommunications(ctx, PUBLIC, { limit: '1' })).facets.addressee[0]!.value;
  const words: Array<[string, string]> = [
    ['one word', 'detention'],
    ['two words', 'peaceful assembly'],
    ['a phrase', '"plain clothes"'],
    ['a rare word', rareTown],
    ['a common word', 'communication'],
  ];
  const filters: Array<[string, Record<string, string>]> = [
    ['', {}],
    [` + addressee`, { addressee: top }],
    [` + addressee + reply`, { addressee: top, reply: 'replied' }],
  ];
  const rows: MixResult[] = [];
  const everything: number[] = [];
  for (const [kind, q] of words) {
    for (const [label, f] of filters) {
      const input = { q, ...f };
      let t = performance.now();
      const firstPage = await searchPublicCommunications(ctx, PUBLIC, input);
      const first = since(t);
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        t = performance.now();
        await searchPublicCommunications(ctx, PUBLIC, input);
        ms.push(since(t));
      }
      everything.push(first, ...ms);
      rows.push({ name: `${kind}${label}`, timings: summarise(ms), first, total: firstPage.total });
    }
  }
  void catalogue;
  return { rows, all: summarise(everything) };
}

/**
 * Memory while `work` runs, above the level before: the peak resident size, and the peak of live memory
 * (JavaScript heap and buffers, measured after a forced collection every second when the process runs
 * with --expose-gc, as `npm run bench` does), which is what shows whether an export holds its rows.
 */
async function peakMemory<T>(work: () => Promise<T>): Promise<{ result: T; peakMiB: number; liveMiB: number; ms: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const live = () => {
    gc?.();
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  const baseLive = live();
  const base = process.memoryUsage().rss;
  let peak = base;
  let peakLive = baseLive;
  const rss = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const heap = gc ? setInterval(() => (peakLive = Math.max(peakLive, live())), 1000) : undefined;
  const t = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMiB: (peak - base) / 2 ** 20, liveMiB: gc ? (peakLive - baseLive) / 2 ** 20 : NaN, ms: since(t) };
  } finally {
    clearInterval(rss);
    if (heap) clearInterval(heap);
  }
}

/** Reads a whole response body as a stream, counting bytes and lines, keeping none of it. */
async function drain(url: string): Promise<{ status: number; bytes: number; lines: number }> {
  const res = await fetch(url);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  return { status: res.status, bytes, lines };
}

/** Runs and prints the public database's benchmark on a loaded store. */
export async function benchPublicDatabase(ctx: AppContext, rareTown: string, runs: number): Promise<{ p95: number; met: boolean }> {
  let t = performance.now();
  const catalogue = await currentCatalogue(ctx.store.db);
  console.log(`\n  Public database: ${catalogue.size.toLocaleString('en')} published communications; facet catalogue read in ${fixed(since(t), 0)} ms (again after each change of the public database)`);

  const mix = await queryMix(ctx, rareTown, runs);
  console.log(`\n  Search mix in process (${runs} runs of each after its first): total and the counts of all 7 facets in every answer, 20 rows`);
  printTable(
    ['query', 'matches', 'first ms', 'p50 ms', 'p95 ms', 'max ms'],
    mix.rows.map((r) => [r.name, r.total.toLocaleString('en'), fixed(r.first, 1), fixed(r.timings.p50, 2), fixed(r.timings.p95, 2), fixed(r.timings.max, 2)]),
  );
  const met = mix.all.p95 <= TARGET_P95_MS;
  console.log(`  whole mix (${(mix.rows.length * (runs + 1)).toLocaleString('en')} searches): p50 ${fixed(mix.all.p50, 2)} ms, p95 ${fixed(mix.all.p95, 2)} ms, max ${fixed(mix.all.max, 2)} ms — ${verdict(met, `p95 ≤ ${TARGET_P95_MS} ms`)}`);

  const app = await buildApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const top = (await searchPublicCommunications(ctx, PUBLIC, { limit: '1' })).facets.addressee[0]!.value;
    const paths = [
      '/api/v1/communications?q=detention',
      `/api/v1/communications?q=peaceful+assembly&addressee=${top}`,
      `/api/v1/communications?q=${encodeURIComponent('"plain clothes"')}&addressee=${top}&reply=replied`,
      `/api/v1/communications?q=${rareTown}`,
      '/api/v1/communications?q=communication',
      `/api/v1/communications?addressee=${top}&year=2020`,
    ];
    const cannon = await autocannon({ url: base, connections: 10, duration: 10, requests: paths.map((path) => ({ method: 'GET', path })) });
    console.log(`\n  API search over loopback (autocannon, 10 connections, 10 s, the 6-query mix): ${Math.round(cannon.requests.average).toLocaleString('en')} requests/s, latency p50 ${cannon.latency.p50} ms, p99 ${cannon.latency.p99} ms, ${cannon.non2xx} non-2xx, ${cannon.errors} errors`);

    const page = await searchPublicCommunications(ctx, PUBLIC, { limit: '50' });
    const pageMs: number[] = [];
    for (let i = 0; i < Math.max(100, runs); i++) {
      const slug = page.items[i % page.items.length]!.slug;
      t = performance.now();
      const res = await app.inject({ method: 'GET', url: `/communications/${slug}` });
      pageMs.push(since(t));
      if (res.statusCode !== 200) throw new Error(`page ${slug}: ${res.statusCode}`);
    }
    const pageT = summarise(pageMs);
    console.log(`  Communication page (HTML, in process): p50 ${fixed(pageT.p50, 2)} ms, p95 ${fixed(pageT.p95, 2)} ms`);

    const outputs: Array<[string, string]> = [
      ['CSV export of every public communication', '/api/v1/export.csv'],
      ['JSON export of every public communication', '/api/v1/export.json'],
      ['full dump (JSON Lines)', '/api/v1/dump.jsonl'],
    ];
    const rows: string[][] = [];
    for (const [name, path] of outputs) {
      const { result, peakMiB, liveMiB, ms } = await peakMemory(() => drain(base + path));
      rows.push([name, String(result.status), result.lines.toLocaleString('en'), fixed(result.bytes / 2 ** 20, 1), fixed(ms / 1000, 2), fixed(liveMiB, 1), fixed(peakMiB, 1)]);
    }
    console.log('\n  Exports over loopback, read as a stream (server and reader in this process: the memory is both; live = after a forced collection)');
    printTable(['output', 'status', 'lines', 'MiB', 'seconds', 'peak live +MiB', 'peak RSS +MiB'], rows);
  } finally {
    await app.close();
  }
  return { p95: mix.all.p95, met };
}
