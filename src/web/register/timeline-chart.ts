import { shorten, textWidth } from '../../stats/svg-charts.ts';
import { edgeAnchor, FONT, INK, SERIES_COLOURS, svgEl, svgOpen, svgText, svgTip, type ChartFrame } from './svg-parts.ts';
import { timeScale, type TimeScale } from './time-axis.ts';

/**
 * The timeline of the register's events, drawn on the server as SVG: a time axis by day, the events grouped
 * by type (a heading per group), one row per event so that no two labels can overlap, a dot for an event of
 * one day, a bar for a period, and a dashed, hollow mark for a date the source gives vaguely or only to the
 * month or year. Every event is labelled beside its mark. Right-to-left pages get the mirror image.
 */

/** One event on the timeline. */
export interface TimelineEntry {
  label: string;
  /** The key of its group (the event type). */
  group: string;
  /** The first and last calendar day it may cover (`YYYY-MM-DD`). */
  first: string;
  last: string;
  /** A vague date, or one known only to the month or the year. */
  imprecise: boolean;
  /** The date as a person reads it, for the tooltip. */
  when: string;
}

/** A group of the timeline, in the order drawn. */
export interface TimelineGroup {
  key: string;
  label: string;
}

/** What the timeline shows. */
export interface TimelineSpec extends ChartFrame {
  groups: readonly TimelineGroup[];
  entries: readonly TimelineEntry[];
  /** The legend's words. */
  legend: { point: string; period: string; imprecise: string };
}

const WIDTH = 960;
const SIDE = 14;
const AXIS = 26;
const GROUP_ROW = 26;
const ROW = 22;
const LEGEND = 34;

/** The tick labels and grid lines of the time axis, labels at `y`. */
function axis(scale: TimeScale, top: number, bottom: number, labelY: number[]): string {
  return scale.ticks
    .map(
      (t) =>
        svgEl('line', { x1: t.x, x2: t.x, y1: top, y2: bottom, stroke: INK.grid, 'stroke-width': 1 }) +
        labelY.map((y) => svgText(t.x, y, 'middle', t.label, { fill: INK.muted })).join(''),
    )
    .join('');
}

/** Where an entry's mark lies along the axis: a day's dot, or a period's bar. */
function extent(scale: TimeScale, e: TimelineEntry): { left: number; right: number; dot: boolean } {
  if (e.first === e.last) {
    const x = scale.centre(e.first);
    return { left: x - 6, right: x + 6, dot: true };
  }
  const [left, right] = scale.span(e.first, e.last);
  return { left: left + 1, right: left + 1 + Math.max(4, right - left - 2), dot: false };
}

/**
 * An entry's mark and label. The label stands after the mark in reading order if it fits, else before it;
 * a label that fits on neither side (a long period) is written above its bar, which then runs thinner along
 * the foot of the row, so that no line crosses the letters.
 */
function entry(scale: TimeScale, e: TimelineEntry, y: number, colour: string, dir: 'ltr' | 'rtl'): string {
  const { left, right, dot } = extent(scale, e);
  const style = e.imprecise ? { fill: '#ffffff', stroke: colour, 'stroke-width': 2, 'stroke-dasharray': '3 2' } : { fill: colour, stroke: colour, 'stroke-width': 1 };
  const width = textWidth(e.label);
  const room = { left: left - 6 - SIDE, right: WIDTH - SIDE - (right + 6) };
  const preferred: 'left' | 'right' = dir === 'ltr' ? 'right' : 'left';
  const other = preferred === 'right' ? 'left' : 'right';
  const side = width <= room[preferred] ? preferred : width <= room[other] ? other : null;
  if (dot) {
    const x = (left + right) / 2;
    const mark = svgEl('circle', { cx: x, cy: y, r: 6, ...style });
    const at = side ?? (room[preferred] >= room[other] ? preferred : other);
    const shown = side ? e.label : shorten(e.label, Math.max(FONT * 3, room[at]));
    return mark + svgText(at === 'right' ? right + 6 : left - 6, y + 4, edgeAnchor(at === 'right' ? 'left' : 'right', dir), shown);
  }
  if (side) {
    const mark = svgEl('rect', { x: left, y: y - 5, width: right - left, height: 10, rx: 3, ...style });
    // The label's edge toward the mark: its left edge when it stands right of the mark.
    return mark + svgText(side === 'right' ? right + 6 : left - 6, y + 4, edgeAnchor(side === 'right' ? 'left' : 'right', dir), e.label);
  }
  const mark = svgEl('rect', { x: left, y: y + 4, width: right - left, height: 6, rx: 2, ...style });
  const shown = shorten(e.label, Math.max(FONT * 3, right - left - 8));
  return mark + svgText(dir === 'ltr' ? left + 2 : right - 2, y + 1, 'start', shown);
}

/**
 * The timeline as SVG.
 *
 * @example timelineChart({ id: 'timeline', title: 'Events', desc: '…', lang: 'en', dir: 'ltr',
 *   groups: [{ key: 'assembly', label: 'Assembly' }],
 *   entries: [{ label: 'Protest in Zhanaozen', group: 'assembly', first: '2022-01-02', last: '2022-01-02', imprecise: false, when: '2 January 2022' }],
 *   legend: { point: 'one day', period: 'a period', imprecise: 'vague date' } })
 */
export function timelineChart(spec: TimelineSpec): string {
  const groups = spec.groups.filter((g) => spec.entries.some((e) => e.group === g.key));
  const rows = groups.reduce((n, g) => n + GROUP_ROW + spec.entries.filter((e) => e.group === g.key).length * ROW, 0);
  const height = AXIS + Math.max(rows, ROW) + AXIS + LEGEND;
  const firsts = spec.entries.map((e) => e.first).sort();
  const lasts = spec.entries.map((e) => e.last).sort();
  const first = firsts[0] ?? '2000-01-01';
  const last = lasts.at(-1) ?? first;
  const scale = timeScale(first, last, SIDE + 8, WIDTH - SIDE - 8, spec.lang, spec.dir);
  const bottom = AXIS + Math.max(rows, ROW);

  const body: string[] = [];
  let y = AXIS;
  groups.forEach((g, gi) => {
    const colour = SERIES_COLOURS[gi % SERIES_COLOURS.length]!;
    const x = spec.dir === 'ltr' ? SIDE : WIDTH - SIDE;
    body.push(
      `<g class="timeline__group">` +
        svgEl('line', { x1: SIDE, x2: WIDTH - SIDE, y1: y + 4, y2: y + 4, stroke: INK.grid, 'stroke-width': 1 }) +
        svgText(x, y + 19, 'start', g.label, { 'font-weight': 700, fill: colour }) +
        `</g>`,
    );
    y += GROUP_ROW;
    for (const e of spec.entries.filter((x) => x.group === g.key)) {
      const cy = y + ROW / 2;
      body.push(`<g class="timeline__event">${svgTip(`${e.label} — ${e.when}`)}${entry(scale, e, cy, colour, spec.dir)}</g>`);
      y += ROW;
    }
  });

  // The legend: what a dot, a bar and a dashed mark mean, from the start side.
  const ly = bottom + AXIS + 18;
  const hollow = { fill: '#ffffff', stroke: INK.muted, 'stroke-width': 2, 'stroke-dasharray': '3 2' };
  const samples: Array<[(x: number) => string, string]> = [
    [(x) => svgEl('circle', { cx: x + 12, cy: ly, r: 6, fill: INK.muted }), spec.legend.point],
    [(x) => svgEl('rect', { x, y: ly - 5, width: 24, height: 10, rx: 3, fill: INK.muted }), spec.legend.period],
    [(x) => svgEl('rect', { x, y: ly - 5, width: 24, height: 10, rx: 3, ...hollow }), spec.legend.imprecise],
  ];
  let offset = SIDE;
  const legend = samples.map(([draw, text]) => {
    const w = 30 + textWidth(text) + 24;
    const x = spec.dir === 'ltr' ? offset : WIDTH - offset - 24;
    offset += w;
    return draw(x) + svgText(spec.dir === 'ltr' ? x + 30 : x - 6, ly + 4, 'start', text);
  });

  return (
    svgOpen(spec, WIDTH, height, 'timeline') +
    `<g class="timeline__axis">${axis(scale, AXIS - 6, bottom + 4, [AXIS - 10, bottom + 18])}</g>` +
    body.join('') +
    `<g class="timeline__legend">${legend.join('')}</g>` +
    `</svg>`
  );
}
