import { intlTag, type Locale } from '../i18n/locales.ts';
import { escapeXml } from '../web/escape-markup.ts';

/**
 * Small bar charts drawn on the server as SVG, to be placed in a page next to the table that holds the same
 * figures. Every text is escaped here; the chart is an image to assistive technology (`role="img"`, named by
 * its `<title>` and described by its `<desc>`), the table being its accessible form. Right-to-left pages get
 * the mirror image: bars grow from the right, labels stand on the right, and time runs from right to left.
 * Numbers are written the page language's way. No script, no external resource, no inline style (the
 * site's content security policy forbids them): colours are presentation attributes.
 */

/** One series of a chart: its label (legend) and colour. Charts of several series stack them. */
export interface ChartSeries {
  label: string;
  colour: string;
}

/** One bar: its label, one value per series, optionally its full label (when the axis shortens it) and its language. */
export interface ChartBar {
  label: string;
  values: readonly number[];
  fullLabel?: string;
  /** The label's language when it is not the chart's (a title only available in English). */
  lang?: string;
}

/** What a chart shows and how. */
export interface BarChartSpec {
  /** Unique in the page: the ids of the title and description derive from it. */
  id: string;
  title: string;
  desc: string;
  lang: Locale;
  dir: 'ltr' | 'rtl';
  series: readonly ChartSeries[];
  bars: readonly ChartBar[];
  /**
   * `count`: bar lengths proportional to their totals (the default). `share`: every bar full length, its
   * segments the shares of its total (for reply rates).
   */
  scale?: 'count' | 'share';
  /** The text at the end of each bar (already formatted); by default its total, none for `share`. */
  endLabels?: readonly string[];
}

/** Colours with a contrast of at least 3:1 against white and between neighbours of the reply palette. */
export const CHART_COLOURS = {
  primary: '#0a5aa8',
  secondary: '#7a2f8f',
  replied: '#0a5aa8',
  late: '#b34700',
  none: '#6b7178',
} as const;

const WIDTH = 640;
const FONT = 12;
const TEXT = '#1c2127';
const MUTED = '#56606b';
const GRID = '#d5dbe1';


/** The width a character takes, roughly, in units of the font size: wide for CJK and the like. */
const charWidth = (c: string) => (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60]/.test(c) ? 1 : 0.6);

/** The width of a text at the charts' font size, roughly (no font metrics on the server). */
export function textWidth(label: string): number {
  return Array.from(label).reduce((w, c) => w + charWidth(c) * FONT, 0);
}

/** A label cut to fit `width` (whole code points), with an ellipsis when cut. */
export function shorten(label: string, width: number): string {
  if (textWidth(label) <= width) return label;
  const room = width - FONT * 0.6;
  let used = 0;
  let kept = '';
  for (const c of label) {
    used += charWidth(c) * FONT;
    if (used > room) break;
    kept += c;
  }
  return `${kept.trimEnd()}…`;
}

/** A coordinate written compactly (two decimals at most). */
const n = (v: number) => String(Math.round(v * 100) / 100);

/** A step of 1, 2 or 5 times a power of ten that divides `max` into at most `count` intervals. */
export function niceStep(max: number, count = 4): number {
  if (max <= 0) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return Math.max(1, step);
}

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

const rect = (x: number, y: number, w: number, h: number, extra: Record<string, string | number | undefined>) =>
  `<rect${attrs({ x: n(x), y: n(y), width: n(w), height: n(h), ...extra })}/>`;

const text = (x: number, y: number, anchor: 'start' | 'middle' | 'end', content: string, extra: Record<string, string | number | undefined> = {}) =>
  `<text${attrs({ x: n(x), y: n(y), 'text-anchor': anchor, ...extra })}>${escapeXml(content)}</text>`;

/** The opening of the chart: its name and description first, so that they are what assistive technology reads. */
function open(spec: BarChartSpec, height: number): string {
  const title = `${spec.id}-title`;
  const desc = `${spec.id}-desc`;
  return (
    `<svg${attrs({
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'chart__svg',
      viewBox: `0 0 ${WIDTH} ${n(height)}`,
      width: WIDTH,
      height: n(height),
      role: 'img',
      'aria-labelledby': `${title} ${desc}`,
      lang: spec.lang,
      direction: spec.dir,
      'font-family': 'system-ui, sans-serif',
      'font-size': FONT,
      fill: TEXT,
    })}>` +
    `<title id="${escapeXml(title)}">${escapeXml(spec.title)}</title>` +
    `<desc id="${escapeXml(desc)}">${escapeXml(spec.desc)}</desc>`
  );
}

/**
 * The legend of a chart of several series, on one line from the start side. Logical anchors: with the
 * chart's `direction`, a `start` anchor is the left edge of left-to-right text and the right edge of
 * right-to-left text.
 */
function legend(spec: BarChartSpec, mirror: (x: number, w?: number) => number): { svg: string; height: number } {
  if (spec.series.length < 2) return { svg: '', height: 0 };
  let x = 0;
  const parts = spec.series.map((s) => {
    const width = 16 + textWidth(s.label) + 18;
    const part = rect(mirror(x, 12), 4, 12, 12, { fill: s.colour }) + text(mirror(x + 16), 14, 'start', s.label);
    x += width;
    return part;
  });
  return { svg: `<g class="chart__legend">${parts.join('')}</g>`, height: 26 };
}

/** The total of a bar's values. */
const totalOf = (b: ChartBar) => b.values.reduce((a, v) => a + Math.max(0, v), 0);

/** A mirror for right-to-left charts: the x of a span of width `w` that starts at `x` from the start side. */
function mirrorOf(dir: 'ltr' | 'rtl') {
  return (x: number, w = 0) => (dir === 'rtl' ? WIDTH - x - w : x);
}

/** A bar's segments, one per series; `length` maps a value to its length along the bar. */
function segments(spec: BarChartSpec, b: ChartBar, place: (offset: number, length: number) => [number, number, number, number], length: (v: number) => number): string {
  let offset = 0;
  return b.values
    .map((v, s) => {
      const len = length(Math.max(0, v));
      const [x, y, w, h] = place(offset, len);
      offset += len;
      if (len <= 0) return '';
      return rect(x, y, w, h, { class: 'chart__bar', fill: spec.series[s]?.colour ?? CHART_COLOURS.primary, 'data-value': v, 'data-series': s });
    })
    .join('');
}

/** A bar's tooltip: its full label and each series' value. */
function tooltip(spec: BarChartSpec, b: ChartBar, count: Intl.NumberFormat): string {
  const values = b.values.map((v, s) => `${spec.series[s]?.label ?? ''} ${count.format(v)}`.trim()).join(', ');
  return `<title>${escapeXml(`${b.fullLabel ?? b.label}: ${values}`)}</title>`;
}

/** The number format of the chart's language. */
function formats(lang: Locale) {
  const tag = intlTag(lang);
  return { count: new Intl.NumberFormat(tag), percent: new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }) };
}

/**
 * Columns from the start side (years, oldest first: from the left, or from the right in right-to-left
 * pages), with a value axis. Several series stack.
 *
 * @example columnChart({ id: 'per-year', title: 'Communications per year', desc: '…', lang: 'en', dir: 'ltr',
 *   series: [{ label: 'Communications', colour: CHART_COLOURS.primary }], bars: [{ label: '2022', values: [12] }] })
 */
export function columnChart(spec: BarChartSpec): string {
  const mirror = mirrorOf(spec.dir);
  const fmt = formats(spec.lang);
  const share = spec.scale === 'share';
  const key = legend(spec, mirror);
  const top = key.height + 18;
  const plot = 180;
  const height = top + plot + 26;
  const axis = 48; // room for the value axis's labels on the start side
  const inner = WIDTH - axis - 8;
  const max = share ? 1 : Math.max(0, ...spec.bars.map(totalOf));
  const step = share ? 0.25 : niceStep(max);
  const ceiling = share ? 1 : Math.max(step, Math.ceil(max / step) * step);
  const scale = (v: number) => (v / ceiling) * plot;
  const base = top + plot;

  const grid: string[] = [];
  for (let v = 0; v <= ceiling + step / 1000; v += step) {
    const y = base - scale(v);
    grid.push(`<line${attrs({ x1: n(mirror(axis)), x2: n(mirror(WIDTH - 8)), y1: n(y), y2: n(y), stroke: v === 0 ? MUTED : GRID, 'stroke-width': 1 })}/>`);
    grid.push(text(mirror(axis - 6), y + 4, 'end', share ? fmt.percent.format(v) : fmt.count.format(v), { fill: MUTED }));
  }

  const count = Math.max(1, spec.bars.length);
  const slot = inner / count;
  const width = Math.min(48, slot * 0.7);
  // Labels of every k-th column when they would not fit side by side.
  const every = Math.max(1, Math.ceil((Math.max(0, ...spec.bars.map((b) => textWidth(b.label))) + 6) / slot));
  const bars = spec.bars.map((b, i) => {
    const total = totalOf(b);
    const x0 = axis + i * slot + (slot - width) / 2;
    const length = (v: number) => (share ? (total > 0 ? (v / total) * plot : 0) : scale(v));
    const body = segments(spec, b, (offset, len) => [mirror(x0, width), base - offset - len, width, len], length);
    const centre = mirror(x0 + width / 2);
    const label = i % every === 0 ? text(centre, base + 16, 'middle', b.label) : '';
    const end = spec.endLabels?.[i] ?? (share || width < 14 ? '' : fmt.count.format(total));
    const top = share ? base - plot : base - scale(total);
    const value = end ? text(centre, top - 4, 'middle', end, { class: 'chart__value' }) : '';
    const tip = tooltip(spec, b, fmt.count);
    return `<g class="chart__item">${tip}${body}${label}${value}</g>`;
  });
  return `${open(spec, height)}${key.svg}<g class="chart__grid">${grid.join('')}</g>${bars.join('')}</svg>`;
}

/**
 * Horizontal bars, one per row, labels on the start side (left, or right in right-to-left pages), the
 * value at the end of each bar. Several series stack; `share` makes every bar full length.
 */
export function barChart(spec: BarChartSpec): string {
  const mirror = mirrorOf(spec.dir);
  const fmt = formats(spec.lang);
  const share = spec.scale === 'share';
  const key = legend(spec, mirror);
  const row = 26;
  const top = key.height + 6;
  const height = top + Math.max(1, spec.bars.length) * row + 4;
  const labelWidth = 210;
  const valueWidth = 64;
  const plot = WIDTH - labelWidth - valueWidth - 8;
  const max = share ? 1 : Math.max(1, ...spec.bars.map(totalOf));
  const x0 = labelWidth + 8;

  const bars = spec.bars.map((b, i) => {
    const total = totalOf(b);
    const y = top + i * row;
    const length = (v: number) => (share ? (total > 0 ? (v / total) * plot : 0) : (v / max) * plot);
    const body = segments(spec, b, (offset, len) => [mirror(x0 + offset, len), y + 4, len, row - 8], length);
    const label = text(mirror(labelWidth), y + row / 2 + 4, 'end', shorten(b.label, labelWidth - 4), { lang: b.lang });
    const end = spec.endLabels?.[i] ?? (share ? '' : fmt.count.format(total));
    const barEnd = x0 + (share ? plot : length(total));
    const value = end ? text(mirror(barEnd + 6), y + row / 2 + 4, 'start', end, { class: 'chart__value' }) : '';
    const tip = tooltip(spec, b, fmt.count);
    return `<g class="chart__item">${tip}${body}${label}${value}</g>`;
  });
  const baseline = `<line${attrs({ x1: n(mirror(x0)), x2: n(mirror(x0)), y1: n(top), y2: n(height - 4), stroke: MUTED, 'stroke-width': 1 })}/>`;
  return `${open(spec, height)}${key.svg}${bars.join('')}${baseline}</svg>`;
}
