import type { Locale } from '../../i18n/locales.ts';
import { escapeXml } from '../escape-markup.ts';

/**
 * The small pieces the register's charts are written with (the timeline, the map, the figures chart).
 * They follow the conventions of the statistics charts (src/stats/svg-charts.ts): every text escaped here,
 * the chart an image to assistive technology (`role="img"`, named by its `<title>`, described by its
 * `<desc>`, the table after it being its accessible form), colours as presentation attributes because the
 * content security policy forbids inline styles, and no script.
 */

/** The charts' font size, in SVG units. */
export const FONT = 12;
/** Text, muted text and grid colours, as the statistics charts use them. */
export const INK = { text: '#1c2127', muted: '#56606b', grid: '#d5dbe1', faint: '#eef1f4' } as const;

/**
 * Colours of series and groups, in order: each has a contrast of at least 3:1 against white, and they are
 * told apart by shape or position too, never by colour alone.
 */
export const SERIES_COLOURS = ['#0a5aa8', '#b34700', '#7a2f8f', '#1d6b38', '#a3123a', '#00707a', '#6b5300', '#4b5563'] as const;

/** A coordinate written compactly (two decimals at most). */
export const num = (v: number): string => String(Math.round(v * 100) / 100);

/** Attributes written out, escaped; undefined ones left out. */
export function svgAttrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .flatMap(([k, v]) => (v === undefined ? [] : [` ${k}="${escapeXml(typeof v === 'number' ? num(v) : v)}"`]))
    .join('');
}

/** An element without content. */
export const svgEl = (name: string, a: Record<string, string | number | undefined>): string => `<${name}${svgAttrs(a)}/>`;

/** A text element at (x, y) with a logical anchor (`start` follows the chart's direction). */
export function svgText(x: number, y: number, anchor: 'start' | 'middle' | 'end', content: string, extra: Record<string, string | number | undefined> = {}): string {
  return `<text${svgAttrs({ x, y, 'text-anchor': anchor, ...extra })}>${escapeXml(content)}</text>`;
}

/** A tooltip of an element: a `<title>` child, which browsers show on hover. */
export const svgTip = (content: string): string => `<title>${escapeXml(content)}</title>`;

/** What every chart of the register states about itself. */
export interface ChartFrame {
  /** Unique in the page: the ids of the title and description derive from it. */
  id: string;
  title: string;
  desc: string;
  lang: Locale;
  dir: 'ltr' | 'rtl';
}

/** The opening of a chart: its name and description first, so that they are what assistive technology reads. */
export function svgOpen(frame: ChartFrame, width: number, height: number, className: string): string {
  const title = `${frame.id}-title`;
  const desc = `${frame.id}-desc`;
  return (
    `<svg${svgAttrs({
      xmlns: 'http://www.w3.org/2000/svg',
      class: `register-chart__svg ${className}`,
      viewBox: `0 0 ${num(width)} ${num(height)}`,
      width,
      height,
      role: 'img',
      'aria-labelledby': `${title} ${desc}`,
      lang: frame.lang,
      direction: frame.dir,
      'font-family': 'system-ui, sans-serif',
      'font-size': FONT,
      fill: INK.text,
    })}>` +
    `<title id="${escapeXml(title)}">${escapeXml(frame.title)}</title>` +
    `<desc id="${escapeXml(desc)}">${escapeXml(frame.desc)}</desc>`
  );
}

/** A marker of a series at (x, y): circle, square, triangle, diamond… by the series' index, so shape tells them apart. */
export function marker(shape: number, x: number, y: number, r: number, a: Record<string, string | number | undefined>): string {
  switch (shape % 4) {
    case 1:
      return svgEl('rect', { x: x - r * 0.9, y: y - r * 0.9, width: r * 1.8, height: r * 1.8, ...a });
    case 2:
      return svgEl('path', { d: `M${num(x)} ${num(y - r * 1.15)}L${num(x + r * 1.1)} ${num(y + r * 0.8)}L${num(x - r * 1.1)} ${num(y + r * 0.8)}Z`, ...a });
    case 3:
      return svgEl('path', { d: `M${num(x)} ${num(y - r * 1.2)}L${num(x + r * 1.2)} ${num(y)}L${num(x)} ${num(y + r * 1.2)}L${num(x - r * 1.2)} ${num(y)}Z`, ...a });
    default:
      return svgEl('circle', { cx: x, cy: y, r, ...a });
  }
}

/** An axis-aligned box, for keeping labels from overlapping. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Whether two boxes overlap (touching is not overlapping). */
export const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * The text anchor that puts a text's left (or right) edge at its x, in a chart of this direction: in a
 * right-to-left chart `start` is the right edge of a text.
 */
export const edgeAnchor = (side: 'left' | 'right', dir: 'ltr' | 'rtl'): 'start' | 'end' => ((side === 'left') === (dir === 'ltr') ? 'start' : 'end');
