import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { geoBounds, geoConicEqualArea, geoPath, type GeoPath, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { textWidth } from '../../stats/svg-charts.ts';
import { INK, overlaps, svgEl, svgOpen, svgText, svgTip, type Box, type ChartFrame } from './svg-parts.ts';

/**
 * A map of the register's places, drawn on the server as SVG and offline: country outlines from the
 * `world-atlas` package (Natural Earth, 1:50 million) projected with `d3-geo`, the country of interest
 * fitted to the frame with its neighbours around it, and the places as points sized by how many events
 * and acts happened there, each labelled where its label overlaps no other. No tile server, no client
 * script. The base map of a country is projected once and kept.
 */

/** A place on the map. */
export interface MapPoint {
  label: string;
  lat: number;
  lon: number;
  /** What sizes the point (events and acts there). */
  weight: number;
  /** What the point's tooltip says. */
  tip: string;
}

/** What the map shows. */
export interface PlacesMapSpec extends ChartFrame {
  /** The country fitted to the frame, by its ISO 3166-1 numeric code as `world-atlas` names it (`398`). */
  focus: string;
  points: readonly MapPoint[];
  /** A country's name in the page's language, by its numeric code; null to leave it unnamed. */
  countryName: (numeric: string) => string | null;
}

const WIDTH = 900;
const PAD_X = 36;
const PAD_Y = 44;
const WATER = '#e4edf5';
const LAND = '#eef0ea';
const FOCUS = '#ffffff';
const POINT = '#a3123a';

interface Country {
  id: string;
  d: string;
  area: number;
  centroid: [number, number];
}

/** A country's outline projected for the frame of one focus country. */
interface BaseMap {
  height: number;
  projection: GeoProjection;
  countries: Country[];
}

let world: FeatureCollection<Geometry, { name: string }> | undefined;

/** The world's countries, read once from the package's TopoJSON. */
function countries(): FeatureCollection<Geometry, { name: string }> {
  if (!world) {
    const file = createRequire(import.meta.url).resolve('world-atlas/countries-50m.json');
    const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    world = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  }
  return world;
}

const bases = new Map<string, BaseMap | null>();

/**
 * The base map of a focus country: an equal-area conic projection centred on it, with standard parallels
 * inside its latitudes, fitted to the frame's width; the height follows from the country's shape.
 */
function baseMap(focus: string): BaseMap | null {
  if (bases.has(focus)) return bases.get(focus)!;
  const all = countries().features;
  const target = all.find((f) => f.id === focus);
  if (!target) {
    bases.set(focus, null);
    return null;
  }
  const [[west, south], [east, north]] = geoBounds(target);
  const span = north - south;
  const projection = geoConicEqualArea()
    .rotate([-(west + east) / 2, 0])
    .parallels([south + span / 6, north - span / 6]);
  projection.fitWidth(WIDTH - 2 * PAD_X, target);
  const [[bx0, by0], [bx1, by1]] = geoPath(projection).bounds(target);
  const height = Math.round(Math.min(WIDTH, (by1 - by0) * ((WIDTH - 2 * PAD_X) / Math.max(1, bx1 - bx0)) + 2 * PAD_Y));
  projection.fitExtent(
    [
      [PAD_X, PAD_Y],
      [WIDTH - PAD_X, height - PAD_Y],
    ],
    target,
  );
  projection.clipExtent([
    [0, 0],
    [WIDTH, height],
  ]);
  const path: GeoPath = geoPath(projection).digits(1);
  const list: Country[] = [];
  for (const f of all as Feature<Geometry, { name: string }>[]) {
    const d = path(f);
    if (!d) continue;
    list.push({ id: String(f.id), d, area: path.area(f), centroid: path.centroid(f) as [number, number] });
  }
  const base = { height, projection, countries: list };
  bases.set(focus, base);
  return base;
}

/** A point's radius: 4 to 15 units, by the square root of its share of the largest weight (area follows the count). */
const radiusOf = (weight: number, max: number) => 4 + 11 * Math.sqrt(Math.max(0, weight) / Math.max(1, max));

/**
 * The map as SVG, or null when the focus country is not in the atlas.
 *
 * @example placesMap({ id: 'map', title: 'Places', desc: '…', lang: 'en', dir: 'ltr', focus: '398',
 *   points: [{ label: 'Almaty', lat: 43.25, lon: 76.91, weight: 5, tip: 'Almaty: 5 events' }], countryName: () => null })
 */
export function placesMap(spec: PlacesMapSpec): string | null {
  const base = baseMap(spec.focus);
  if (!base) return null;
  const { height, projection } = base;
  const inside = (x: number, y: number, m = 0) => x >= m && x <= WIDTH - m && y >= m && y <= height - m;

  const shapes = base.countries.map((c) =>
    svgEl('path', {
      d: c.d,
      fill: c.id === spec.focus ? FOCUS : LAND,
      stroke: c.id === spec.focus ? INK.muted : '#a9b1b8',
      'stroke-width': c.id === spec.focus ? 1.4 : 0.8,
      'stroke-linejoin': 'round',
    }),
  );

  // Obstacles for the places' labels: the points themselves and the country names.
  const taken: Box[] = [];
  const names: string[] = [];
  for (const c of base.countries) {
    const name = spec.countryName(c.id);
    const [x, y] = c.centroid;
    const own = c.id === spec.focus;
    if (!name || !Number.isFinite(x) || (!own && c.area < 5000) || !inside(x, y, 30)) continue;
    const size = own ? 17 : 13;
    const w = textWidth(name) * (size / 12) + (own ? name.length * 2 : 0);
    const ny = y + size / 3;
    taken.push({ x: x - w / 2, y: ny - size, w, h: size + 4 });
    names.push(
      svgText(x, ny, 'middle', name, own ? { 'font-size': size, 'font-weight': 700, 'letter-spacing': 2, fill: '#0b3a66', 'fill-opacity': 0.45 } : { 'font-size': size, 'font-style': 'italic', fill: INK.muted }),
    );
  }

  const max = Math.max(1, ...spec.points.map((p) => p.weight));
  const located = spec.points
    .map((p) => {
      const xy = projection([p.lon, p.lat]);
      return xy && inside(xy[0], xy[1]) ? { p, x: xy[0], y: xy[1], r: radiusOf(p.weight, max) } : null;
    })
    .filter((x): x is NonNullable<typeof x> => x !== null)
    // The largest first, so that small points are drawn over large ones.
    .sort((a, b) => b.r - a.r);
  for (const l of located) taken.push({ x: l.x - l.r, y: l.y - l.r, w: 2 * l.r, h: 2 * l.r });

  const dots = located.map((l) => `<g class="places-map__place">${svgTip(l.p.tip)}${svgEl('circle', { cx: l.x, cy: l.y, r: l.r, fill: POINT, 'fill-opacity': 0.72, stroke: '#ffffff', 'stroke-width': 1.5 })}</g>`);
  // Labels, the largest places first: beside the point, else above, below, or diagonally, where free.
  const labels = [...located].map((l) => {
    const w = textWidth(l.p.label) + 2;
    const h = 15;
    const g = l.r + 3;
    const candidates: Box[] = [
      { x: l.x + g, y: l.y - h / 2, w, h },
      { x: l.x - g - w, y: l.y - h / 2, w, h },
      { x: l.x - w / 2, y: l.y - g - h, w, h },
      { x: l.x - w / 2, y: l.y + g, w, h },
      { x: l.x + g * 0.7, y: l.y - g * 0.7 - h, w, h },
      { x: l.x + g * 0.7, y: l.y + g * 0.7, w, h },
      { x: l.x - g * 0.7 - w, y: l.y - g * 0.7 - h, w, h },
      { x: l.x - g * 0.7 - w, y: l.y + g * 0.7, w, h },
    ];
    const fits = (b: Box) => b.x >= 4 && b.x + b.w <= WIDTH - 4 && b.y >= 4 && b.y + b.h <= height - 4;
    const box = candidates.find((b) => fits(b) && !taken.some((t) => overlaps(b, t))) ?? candidates.find(fits) ?? candidates[0]!;
    taken.push(box);
    // Placed by its middle, so that the label's box is right whatever the text's direction.
    return svgText(box.x + box.w / 2, box.y + 11.5, 'middle', l.p.label, { 'font-weight': 600, stroke: '#ffffff', 'stroke-width': 3.5, 'stroke-linejoin': 'round', 'paint-order': 'stroke' });
  });

  return (
    svgOpen(spec, WIDTH, height, 'places-map') +
    svgEl('rect', { x: 0, y: 0, width: WIDTH, height, fill: WATER }) +
    `<g class="places-map__countries">${shapes.join('')}</g>` +
    `<g class="places-map__names">${names.join('')}</g>` +
    `<g class="places-map__places">${dots.join('')}</g>` +
    `<g class="places-map__labels">${labels.join('')}</g>` +
    `</svg>`
  );
}
