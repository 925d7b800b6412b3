/** Summary statistics of a series of timings, in milliseconds. */
export interface Timings {
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of a series (it is sorted in place). */
export function summarise(ms: number[]): Timings {
  if (ms.length === 0) return { p50: NaN, p95: NaN, max: NaN, mean: NaN };
  ms.sort((a, b) => a - b);
  const rank = (p: number) => ms[Math.min(ms.length - 1, Math.max(0, Math.ceil(p * ms.length) - 1))]!;
  return { p50: rank(0.5), p95: rank(0.95), max: ms[ms.length - 1]!, mean: ms.reduce((a, b) => a + b, 0) / ms.length };
}

/** Milliseconds since an earlier `performance.now()`. */
export function since(start: number): number {
  return performance.now() - start;
}

/** "target met" or "TARGET MISSED" with the target itself. */
export function verdict(met: boolean, target: string): string {
  return `${met ? 'target met' : 'TARGET MISSED'} (${target})`;
}

/** Prints rows as a plain-text table with aligned columns (numbers right-aligned). */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = (s: string) => /^[\d.,]+$/.test(s);
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric(c) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  console.log('  ' + line(header));
  console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log('  ' + line(r));
}

/** A number with a fixed count of decimals. */
export function fixed(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '-';
}
