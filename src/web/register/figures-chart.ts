import { niceStep, textWidth } from '../../stats/svg-charts.ts';
import { INK, marker, overlaps, SERIES_COLOURS, svgEl, svgOpen, svgText, svgTip, type Box, type ChartFrame } from './svg-parts.ts';
import { dayNumber, dayOf, timeScale } from './time-axis.ts';

/**
 * Figures over time by source, drawn on the server as SVG: one series per reporting body (its own colour and
 * marker shape, a line through its reports in time order), each report a point at the date it was reported
 * and labelled with its count as the source gave it ("over 9,900"), a hollow point where the source's date
 * is vague, and a shaded band between the lowest and highest of the sources' latest counts where they
 * disagree. Figures are never merged: every report is its own point.
 */

/** One reported figure. */
export interface FigurePoint {
  /** The first and last day the report's date may mean (the same day unless it is a range or a month). */
  first: string;
  last: string;
  count: number;
  /** The count as the source gave it, written the page's way ("over 9,900"). */
  text: string;
  /** A vague date, or one known only to the month or the year. */
  imprecise: boolean;
  /** What the point's tooltip says (source, count, date). */
  tip: string;
}

/** The reports of one reporting body. */
export interface FigureLine {
  label: string;
  points: readonly FigurePoint[];
}

/** What the chart shows. */
export interface FiguresSpec extends ChartFrame {
  series: readonly FigureLine[];
  /** Where the sources' latest counts disagree: the band between them and its label; null when they agree. */
  disagreement: { low: number; high: number; label: string } | null;
  /** Numbers of the value axis, written the page's way. */
  formatCount: (n: number) => string;
  legend: { imprecise: string };
}

const WIDTH = 900;
const SIDE = 14;
const AXIS_ROOM = 62;
const PLOT = 280;
const LEGEND_ROW = 22;
const R = 5;

/** The legend of the series: marker and name, wrapped over lines from the start side. */
function seriesLegend(spec: FiguresSpec): { svg: string; height: number } {
  const parts: string[] = [];
  let x = SIDE;
  let line = 0;
  spec.series.forEach((s, i) => {
    const w = 22 + textWidth(s.label) + 22;
    if (x + w > WIDTH - SIDE && x > SIDE) {
      x = SIDE;
      line += 1;
    }
    const y = 14 + line * LEGEND_ROW;
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!;
    const mx = spec.dir === 'ltr' ? x + 7 : WIDTH - x - 7;
    parts.push(marker(i, mx, y - 4, R, { fill: colour }) + svgText(spec.dir === 'ltr' ? x + 18 : WIDTH - x - 18, y, 'start', s.label));
    x += w;
  });
  return { svg: `<g class="figures-chart__legend">${parts.join('')}</g>`, height: (line + 1) * LEGEND_ROW + 4 };
}

/**
 * The figures chart as SVG.
 *
 * @example figuresChart({ id: 'killed', title: 'Killed, by source', desc: '…', lang: 'en', dir: 'ltr',
 *   series: [{ label: 'Prosecutor General', points: [{ first: '2022-01-15', last: '2022-01-15', count: 225, text: '225', imprecise: false, tip: '…' }] }],
 *   disagreement: null, formatCount: String, legend: { imprecise: 'vague date' } })
 */
export function figuresChart(spec: FiguresSpec): string {
  const key = seriesLegend(spec);
  const top = key.height + 22;
  const base = top + PLOT;
  const height = base + 30 + LEGEND_ROW + 8;
  const all = spec.series.flatMap((s) => s.points);
  const max = Math.max(1, ...all.map((p) => p.count));
  const step = niceStep(max * 1.08, 5);
  const ceiling = Math.max(step, Math.ceil((max * 1.08) / step) * step);
  const y = (v: number) => base - (v / ceiling) * PLOT;

  // A day of room on each side, so that the first and last points' labels stay inside.
  const first = dayOf(Math.min(...all.map((p) => dayNumber(p.first))) - 1);
  const last = dayOf(Math.max(...all.map((p) => dayNumber(p.last))) + 1);
  const [x0, x1] = spec.dir === 'ltr' ? [AXIS_ROOM + 10, WIDTH - SIDE] : [SIDE, WIDTH - AXIS_ROOM - 10];
  const scale = timeScale(first, last, x0, x1, spec.lang, spec.dir);
  const axisX = spec.dir === 'ltr' ? x0 - 4 : x1 + 4;

  // Value labels stand outside the plot: 'end' is their right edge left to right, their left edge right to left.
  const grid: string[] = [];
  for (let v = 0; v <= ceiling + step / 1000; v += step) {
    grid.push(svgEl('line', { x1: x0, x2: x1, y1: y(v), y2: y(v), stroke: v === 0 ? INK.muted : INK.grid, 'stroke-width': 1 }));
    grid.push(svgText(spec.dir === 'ltr' ? axisX - 4 : axisX + 4, y(v) + 4, 'end', spec.formatCount(v), { fill: INK.muted }));
  }
  for (const t of scale.ticks) {
    grid.push(svgEl('line', { x1: t.x, x2: t.x, y1: base, y2: base + 5, stroke: INK.muted, 'stroke-width': 1 }));
    grid.push(svgText(t.x, base + 19, 'middle', t.label, { fill: INK.muted }));
  }

  // Points first as obstacles, then labels placed where they overlap nothing already placed.
  const placed: Box[] = [];
  const located = spec.series.map((s) =>
    [...s.points]
      .sort((a, b) => a.first.localeCompare(b.first))
      .map((p) => {
        const [left, right] = scale.span(p.first, p.last);
        const cx = (left + right) / 2;
        const cy = y(p.count);
        placed.push({ x: cx - R - 1, y: cy - R - 1, w: 2 * R + 2, h: 2 * R + 2 });
        return { p, cx, cy, left, right };
      }),
  );
  // The band of disagreement, its label in a corner of the band where no point is.
  let band = '';
  if (spec.disagreement) {
    const { low, high, label } = spec.disagreement;
    const [yh, yl] = [y(high), y(low)];
    const w = textWidth(label) * 1.08;
    const tall = yl - yh > 18;
    const corners: Box[] = [
      { x: x0 + 6, y: tall ? yh + 3 : yh - 17, w, h: 14 },
      { x: x1 - 6 - w, y: tall ? yh + 3 : yh - 17, w, h: 14 },
      { x: x0 + 6, y: tall ? yl - 17 : yl + 3, w, h: 14 },
      { x: x1 - 6 - w, y: tall ? yl - 17 : yl + 3, w, h: 14 },
    ];
    // In reading order: the start side's corners first.
    const order = spec.dir === 'ltr' ? corners : [corners[1]!, corners[0]!, corners[3]!, corners[2]!];
    const box = order.find((c) => !placed.some((o) => overlaps(c, o))) ?? order[0]!;
    placed.push(box);
    band =
      `<g class="figures-chart__disagreement">` +
      svgEl('rect', { x: x0, y: yh, width: x1 - x0, height: Math.max(2, yl - yh), fill: '#fbe3cf', 'fill-opacity': 0.7 }) +
      svgEl('line', { x1: x0, x2: x1, y1: yh, y2: yh, stroke: '#b34700', 'stroke-width': 1, 'stroke-dasharray': '4 3' }) +
      svgEl('line', { x1: x0, x2: x1, y1: yl, y2: yl, stroke: '#b34700', 'stroke-width': 1, 'stroke-dasharray': '4 3' }) +
      svgText(box.x + box.w / 2, box.y + 11, 'middle', label, { fill: '#8a3700', 'font-weight': 600 }) +
      `</g>`;
  }

  const series = located.map((points, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!;
    const line =
      points.length > 1 ? svgEl('polyline', { points: points.map((q) => `${q.cx.toFixed(1)},${q.cy.toFixed(1)}`).join(' '), fill: 'none', stroke: colour, 'stroke-width': 1.5, 'stroke-opacity': 0.75 }) : '';
    const marks = points.map(({ p, cx, cy, left, right }) => {
      const whisker = p.first !== p.last ? svgEl('line', { x1: left + 2, x2: right - 2, y1: cy, y2: cy, stroke: colour, 'stroke-width': 2, 'stroke-dasharray': p.imprecise ? '3 2' : undefined }) : '';
      const style = p.imprecise ? { fill: '#ffffff', stroke: colour, 'stroke-width': 2 } : { fill: colour, stroke: '#ffffff', 'stroke-width': 1 };
      const w = textWidth(p.text);
      const candidates: Array<[number, number]> = [
        [cx - w / 2, cy - R - 16],
        [cx - w / 2, cy + R + 4],
        [cx + R + 4, cy - 7],
        [cx - R - 4 - w, cy - 7],
        [cx - w / 2, cy - R - 30],
        [cx - w / 2, cy + R + 18],
      ];
      const fits = (b: Box) => b.x >= SIDE && b.x + b.w <= WIDTH - SIDE && b.y >= top - 18 && b.y + b.h <= base;
      const box = candidates.map(([bx, by]) => ({ x: bx, y: by, w, h: 14 })).find((b) => fits(b) && !placed.some((o) => overlaps(b, o))) ?? { x: cx - w / 2, y: cy - R - 16, w, h: 14 };
      placed.push(box);
      const label = svgText(box.x + w / 2, box.y + 11, 'middle', p.text, { 'font-weight': 600, fill: colour, stroke: '#ffffff', 'stroke-width': 3, 'paint-order': 'stroke' });
      return `<g class="figures-chart__point">${svgTip(p.tip)}${whisker}${marker(i, cx, cy, R, style)}${label}</g>`;
    });
    return `<g class="figures-chart__series">${line}${marks.join('')}</g>`;
  });

  const ly = base + 30 + 12;
  const lx = spec.dir === 'ltr' ? SIDE + 7 : WIDTH - SIDE - 7;
  const legend =
    marker(0, lx, ly - 4, R, { fill: '#ffffff', stroke: INK.muted, 'stroke-width': 2 }) + svgText(spec.dir === 'ltr' ? lx + 11 : lx - 11, ly, 'start', spec.legend.imprecise, { fill: INK.muted });

  return (
    svgOpen(spec, WIDTH, height, 'figures-chart') +
    key.svg +
    `<g class="figures-chart__grid">${grid.join('')}</g>` +
    band +
    series.join('') +
    `<g class="figures-chart__legend-vague">${legend}</g>` +
    `</svg>`
  );
}
