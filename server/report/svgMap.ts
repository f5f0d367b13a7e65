/**
 * Small inline SVG maps of a check's gaps, for the printed report: the community boundary, the
 * buildings (light), and the check's evidence gaps — red hatched polygons, orange lines, red
 * points — labelled with the failing feature ids. Drawn in the twin's own local projection
 * (the community-centred transverse Mercator the engine measures in), in metres, north up.
 * Pure: strings in, string out; no DOM, no scripts, no external resources.
 *
 * @example
 * const frame = mapFrame(twinFile);
 * const svg = frame.gapMap(report.rows[3].checks[0], 'r4-video-coverage');
 */
import type { Feature, Geometry, Position } from 'geojson';
import type { CheckResult } from '../../engine/report/types.ts';
import { buildTwin } from '../../engine/twin/model.ts';
import type { TwinFile } from '../../engine/twin/types.ts';

export interface MapFrame {
  /** an `<svg>` of the check's gaps, or null when the check has nothing to draw; `key` makes ids unique in a page */
  gapMap(check: CheckResult, key: string, opts?: { widthPx?: number; maxLabels?: number }): string | null;
}

type XY = [number, number];
interface Drawn { d: string; kind: 'area' | 'line' | 'point'; label: string; at: XY; bbox: Box }
interface Box { minX: number; minY: number; maxX: number; maxY: number }

const emptyBox = (): Box => ({ minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity });
const grow = (b: Box, [x, y]: XY) => {
  if (x < b.minX) b.minX = x; if (x > b.maxX) b.maxX = x;
  if (y < b.minY) b.minY = y; if (y > b.maxY) b.maxY = y;
};
const merge = (a: Box, b: Box): Box => ({ minX: Math.min(a.minX, b.minX), minY: Math.min(a.minY, b.minY), maxX: Math.max(a.maxX, b.maxX), maxY: Math.max(a.maxY, b.maxY) });
const r1 = (v: number) => Math.round(v * 10) / 10;
const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export function mapFrame(twinFile: TwinFile): MapFrame {
  const twin = buildTwin(twinFile);
  // SVG y grows downwards: draw (east, −north)
  const project = (p: Position): XY => { const [x, y] = twin.projection.forward(p); return [r1(x), r1(-y)]; };
  const byId = new Map<string, Feature<Geometry, Record<string, unknown>>>();
  for (const f of twinFile.features) byId.set(String(f.properties.id), f as Feature<Geometry, Record<string, unknown>>);

  const boundary = draw(twin.community.geometry, project, '');
  const buildings = twin.features.building.map((b) => draw(b.geometry, project, '')).filter((x): x is Drawn => x !== null);
  const baseBox = boundary?.bbox ?? emptyBox();
  const base = [
    `<path d="${buildings.map((b) => b.d).join('')}" fill="#e3e3e3" stroke="#b8b8b8" stroke-width="0.5" vector-effect="non-scaling-stroke"/>`,
    boundary ? `<path d="${boundary.d}" fill="none" stroke="#1f4e79" stroke-width="1.5" vector-effect="non-scaling-stroke"/>` : '',
  ].join('');

  return {
    gapMap(check, key, opts = {}) {
      const widthPx = opts.widthPx ?? 300;
      const maxLabels = opts.maxLabels ?? 8;
      const drawn: Drawn[] = [];
      const shown = new Set<string>();
      for (const f of check.evidence.gaps?.features ?? []) {
        if (!f.geometry) continue;
        const label = featureLabel(f.properties ?? {});
        const d = draw(f.geometry, project, label);
        if (d) { drawn.push(d); if (label) shown.add(label); }
      }
      // failing features without a gap geometry of their own (offline cameras, …): draw the feature itself
      for (const id of check.evidence.failingIds ?? []) {
        if (shown.has(id)) continue;
        const f = byId.get(id);
        if (!f || f.properties.kind === 'community') continue;
        const d = draw(f.geometry, project, id);
        if (d) drawn.push(d);
      }
      if (drawn.length === 0) return null;

      let box = baseBox;
      for (const d of drawn) box = merge(box, d.bbox);
      const w0 = Math.max(box.maxX - box.minX, 10), h0 = Math.max(box.maxY - box.minY, 10);
      const pad = Math.max(w0, h0) * 0.04;
      const vb = { x: box.minX - pad, y: box.minY - pad, w: w0 + 2 * pad, h: h0 + 2 * pad };
      const heightPx = Math.round(Math.min(Math.max(widthPx * (vb.h / vb.w), widthPx * 0.5), widthPx * 1.2));
      const unit = Math.max(vb.w, vb.h);
      const hatch = r1(unit / 80) || 1;
      const id = `gap-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
      const areas = drawn.filter((d) => d.kind === 'area'), lines = drawn.filter((d) => d.kind === 'line'), points = drawn.filter((d) => d.kind === 'point');
      const labelled = drawn.filter((d) => d.label !== '').slice(0, maxLabels);
      const fontM = r1(unit / 32);
      const pointR = r1(unit / 110) || 0.5;
      const parts = [
        `<svg xmlns="http://www.w3.org/2000/svg" class="gapmap" role="img" aria-label="${esc(check.id)}" width="${widthPx}" height="${heightPx}" viewBox="${r1(vb.x)} ${r1(vb.y)} ${r1(vb.w)} ${r1(vb.h)}" preserveAspectRatio="xMidYMid meet">`,
        `<defs><pattern id="${id}-red" patternUnits="userSpaceOnUse" width="${hatch}" height="${hatch}" patternTransform="rotate(45)">`,
        `<rect width="${hatch}" height="${hatch}" fill="#d7301f" fill-opacity="0.12"/><line x1="0" y1="0" x2="0" y2="${hatch}" stroke="#d7301f" stroke-width="${r1(hatch / 3) || 0.3}"/></pattern></defs>`,
        `<rect x="${r1(vb.x)}" y="${r1(vb.y)}" width="${r1(vb.w)}" height="${r1(vb.h)}" fill="#ffffff"/>`,
        base,
        areas.length ? `<path d="${areas.map((d) => d.d).join('')}" fill="url(#${id}-red)" fill-rule="evenodd" stroke="#d7301f" stroke-width="1" vector-effect="non-scaling-stroke"/>` : '',
        lines.length ? `<path d="${lines.map((d) => d.d).join('')}" fill="none" stroke="#f28e2b" stroke-width="3" stroke-dasharray="4 2" vector-effect="non-scaling-stroke"/>` : '',
        ...points.map((p) => `<circle cx="${p.at[0]}" cy="${p.at[1]}" r="${pointR}" fill="#f28e2b" stroke="#d7301f" stroke-width="1" vector-effect="non-scaling-stroke"/>`),
        labelled.length ? `<g font-size="${fontM}" font-family="sans-serif" fill="#8b1a10" stroke="#ffffff" stroke-width="${r1(fontM / 5)}" paint-order="stroke">${labelled.map((d) => `<text x="${d.at[0]}" y="${d.at[1]}">${esc(d.label)}</text>`).join('')}</g>` : '',
        '</svg>',
      ];
      return parts.join('');
    },
  };
}

/** The id a gap feature stands for: its own, else the building or compound it belongs to. */
function featureLabel(props: Record<string, unknown>): string {
  for (const key of ['id', 'buildingId', 'compoundId', 'featureId']) {
    const v = props[key];
    if ((typeof v === 'string' && v !== '') || typeof v === 'number') {
      const label = String(v);
      // synthetic ids of computed holes (gap-1) say nothing; keep ids of twin features
      return /^gap-\d+$/.test(label) ? '' : label;
    }
  }
  return '';
}

function ring(coords: Position[], project: (p: Position) => XY, box: Box): string {
  const pts = coords.map(project);
  for (const p of pts) grow(box, p);
  return `M${pts.map((p) => `${p[0]} ${p[1]}`).join('L')}Z`;
}
function line(coords: Position[], project: (p: Position) => XY, box: Box): string {
  const pts = coords.map(project);
  for (const p of pts) grow(box, p);
  return `M${pts.map((p) => `${p[0]} ${p[1]}`).join('L')}`;
}

function draw(g: Geometry, project: (p: Position) => XY, label: string): Drawn | null {
  const bbox = emptyBox();
  let d = '', kind: Drawn['kind'];
  switch (g.type) {
    case 'Polygon': kind = 'area'; d = g.coordinates.map((r) => ring(r, project, bbox)).join(''); break;
    case 'MultiPolygon': kind = 'area'; d = g.coordinates.flatMap((p) => p.map((r) => ring(r, project, bbox))).join(''); break;
    case 'LineString': kind = 'line'; d = line(g.coordinates, project, bbox); break;
    case 'MultiLineString': kind = 'line'; d = g.coordinates.map((l) => line(l, project, bbox)).join(''); break;
    case 'Point': kind = 'point'; grow(bbox, project(g.coordinates)); break;
    case 'MultiPoint': kind = 'point'; for (const p of g.coordinates) grow(bbox, project(p)); break;
    default: return null;
  }
  if (!Number.isFinite(bbox.minX)) return null;
  const at: XY = kind === 'point' ? [r1((bbox.minX + bbox.maxX) / 2), r1((bbox.minY + bbox.maxY) / 2)] : labelAnchor(g, project);
  return { d, kind, label, at, bbox };
}

/** Where a label goes: the middle of a line's middle segment, or a polygon's vertex mean. */
function labelAnchor(g: Geometry, project: (p: Position) => XY): XY {
  const coords: Position[] = g.type === 'Polygon' ? g.coordinates[0].slice(0, -1)
    : g.type === 'MultiPolygon' ? g.coordinates[0][0].slice(0, -1)
      : g.type === 'LineString' ? g.coordinates : g.type === 'MultiLineString' ? g.coordinates[0] : [];
  if (coords.length === 0) return [0, 0];
  if (g.type === 'LineString' || g.type === 'MultiLineString') {
    const i = Math.max(0, Math.floor((coords.length - 1) / 2));
    const a = project(coords[i]), b = project(coords[Math.min(i + 1, coords.length - 1)]);
    return [r1((a[0] + b[0]) / 2), r1((a[1] + b[1]) / 2)];
  }
  let x = 0, y = 0;
  for (const p of coords) { const q = project(p); x += q[0]; y += q[1]; }
  return [r1(x / coords.length), r1(y / coords.length)];
}
