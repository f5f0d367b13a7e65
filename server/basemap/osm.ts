/**
 * OSM XML → the basemap's layers as GeoJSON: water, waterway, landuse, building, road,
 * railway. Ways become lines or (closed, with an area tag) polygons; multipolygon relations
 * are assembled from their member ways into rings. Only what a muted background map needs
 * is kept: a class per feature, a name for roads, levels for buildings.
 */
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { XMLParser } from 'fast-xml-parser';

export const BASEMAP_LAYERS = ['landuse', 'water', 'waterway', 'building', 'railway', 'road'] as const;
export type BasemapLayer = (typeof BASEMAP_LAYERS)[number];

export type BasemapProps = { class: string; name?: string; levels?: number; tunnel?: boolean; bridge?: boolean; minzoom: number };
export type BasemapFeature = Feature<LineString | Polygon | MultiPolygon, BasemapProps>;

export interface OsmExtract {
  layers: Record<BasemapLayer, FeatureCollection<LineString | Polygon | MultiPolygon, BasemapProps>>;
  /** [w, s, e, n] of the free-standing tagged nodes: an Overpass bbox query returns those only from inside its bbox */
  dataWindow: [number, number, number, number];
  /** osm_base timestamp of the extract, if it says */
  osmBase?: string;
  counts: { nodes: number; ways: number; relations: number };
}

type Tags = Record<string, string>;
interface RawWay { id: string; refs: string[]; tags: Tags }
interface RawMember { type: string; ref: string; role: string }

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function tagsOf(el: { tag?: unknown }): Tags {
  const tags: Tags = {};
  for (const t of asArray(el.tag as { k: string; v: string } | { k: string; v: string }[] | undefined)) tags[String(t.k)] = String(t.v);
  return tags;
}

const ROAD_CLASS: Record<string, string> = {
  motorway: 'trunk', motorway_link: 'trunk', trunk: 'trunk', trunk_link: 'trunk',
  primary: 'primary', primary_link: 'primary', secondary: 'secondary', secondary_link: 'secondary',
  tertiary: 'tertiary', tertiary_link: 'tertiary',
  residential: 'minor', unclassified: 'minor', living_street: 'minor', road: 'minor',
  service: 'service',
  pedestrian: 'path', footway: 'path', path: 'path', cycleway: 'path', steps: 'path', track: 'path', bridleway: 'path',
};
const ROAD_MINZOOM: Record<string, number> = { trunk: 12, primary: 12, secondary: 12, tertiary: 13, minor: 13, service: 14, path: 14 };

const GREEN = new Set(['grass', 'village_green', 'park', 'garden', 'forest', 'wood', 'meadow', 'recreation_ground', 'scrub', 'grassland', 'cemetery', 'orchard', 'nature_reserve', 'playground']);
const PITCH = new Set(['pitch', 'sports_centre', 'stadium', 'track']);

/** landuse class of an area, or null when the tags make no landuse */
function landuseClass(t: Tags): string | null {
  if (t.leisure && PITCH.has(t.leisure)) return 'pitch';
  for (const v of [t.leisure, t.landuse, t.natural]) if (v && GREEN.has(v)) return 'green';
  if (t.amenity === 'school' || t.amenity === 'university' || t.amenity === 'college' || t.amenity === 'kindergarten') return 'education';
  if (t.amenity === 'hospital' || t.amenity === 'clinic') return 'hospital';
  if (t.amenity === 'parking') return 'parking';
  if (t.landuse === 'residential') return 'residential';
  if (t.landuse === 'commercial' || t.landuse === 'retail') return 'commercial';
  if (t.landuse) return 'other';
  return null;
}

function isWaterArea(t: Tags): boolean {
  return t.natural === 'water' || t.waterway === 'riverbank' || t.landuse === 'reservoir' || t.landuse === 'basin' || t.water !== undefined;
}

function levelsOf(t: Tags): number | undefined {
  const n = Number.parseFloat(t['building:levels'] ?? '');
  if (Number.isFinite(n) && n > 0) return Math.round(n);
  const h = Number.parseFloat(t.height ?? '');
  return Number.isFinite(h) && h > 0 ? Math.max(1, Math.round(h / 3)) : undefined;
}

const nameOf = (t: Tags) => t['name:zh'] ?? t.name;

/** Joins way node lists end to end into closed rings; pieces that never close are dropped. */
export function assembleRings(pieces: Position[][]): Position[][] {
  const open = pieces.filter((p) => p.length >= 2).map((p) => [...p]);
  const rings: Position[][] = [];
  const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
  while (open.length > 0) {
    let ring = open.shift()!;
    let grew = true;
    while (!same(ring[0], ring[ring.length - 1]) && grew) {
      grew = false;
      for (let i = 0; i < open.length; i++) {
        const p = open[i];
        const end = ring[ring.length - 1];
        if (same(end, p[0])) ring = ring.concat(p.slice(1));
        else if (same(end, p[p.length - 1])) ring = ring.concat([...p].reverse().slice(1));
        else if (same(ring[0], p[p.length - 1])) ring = p.concat(ring.slice(1));
        else if (same(ring[0], p[0])) ring = [...p].reverse().concat(ring.slice(1));
        else continue;
        open.splice(i, 1);
        grew = true;
        break;
      }
    }
    if (ring.length >= 4 && same(ring[0], ring[ring.length - 1])) rings.push(ring);
  }
  return rings;
}

/** Point-in-ring (even–odd) on lon/lat, for putting inner rings into their outer ring. */
function inRing(p: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function parseOsm(xml: string): OsmExtract {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['node', 'way', 'relation', 'tag', 'nd', 'member'].includes(name) });
  const doc = parser.parse(xml) as { osm?: { node?: unknown[]; way?: unknown[]; relation?: unknown[]; meta?: { osm_base?: string } } };
  if (!doc.osm) throw new Error('not an OSM XML file: no <osm> element');
  const coords = new Map<string, Position>();
  const taggedNodes: { id: string; at: Position }[] = [];
  for (const n of asArray(doc.osm.node) as { id: string; lat: string; lon: string; tag?: unknown }[]) {
    const at: Position = [Number(n.lon), Number(n.lat)];
    if (!Number.isFinite(at[0]) || !Number.isFinite(at[1])) throw new Error(`node ${n.id} has no valid lat/lon`);
    coords.set(String(n.id), at);
    if (n.tag) taggedNodes.push({ id: String(n.id), at });
  }
  const ways = new Map<string, RawWay>();
  const usedByWay = new Set<string>();
  for (const w of asArray(doc.osm.way) as { id: string; nd?: { ref: string }[]; tag?: unknown }[]) {
    const refs = asArray(w.nd).map((nd) => String(nd.ref));
    refs.forEach((r) => usedByWay.add(r));
    ways.set(String(w.id), { id: String(w.id), refs, tags: tagsOf(w) });
  }
  const lineOf = (w: RawWay): Position[] | null => {
    const line: Position[] = [];
    for (const r of w.refs) {
      const p = coords.get(r);
      if (!p) return null; // a way cut by the extract's edge: its nodes are not all present
      line.push(p);
    }
    return line.length >= 2 ? line : null;
  };

  const out: Record<BasemapLayer, BasemapFeature[]> = { landuse: [], water: [], waterway: [], building: [], railway: [], road: [] };
  const areaFeature = (layer: BasemapLayer, t: Tags, geometry: Polygon | MultiPolygon, id: string) => {
    if (layer === 'building') {
      out.building.push({ type: 'Feature', id: Number(id.slice(1)), geometry, properties: { class: t.building === 'yes' ? 'building' : t.building, levels: levelsOf(t), minzoom: 14 } });
    } else if (layer === 'water') {
      out.water.push({ type: 'Feature', geometry, properties: { class: 'water', name: nameOf(t), minzoom: 12 } });
    } else {
      const cls = landuseClass(t);
      if (cls) out.landuse.push({ type: 'Feature', geometry, properties: { class: cls, minzoom: cls === 'green' || cls === 'pitch' ? 12 : 13 } });
    }
  };
  const areaLayers = (t: Tags): BasemapLayer[] => {
    const layers: BasemapLayer[] = [];
    if (t.building && t.building !== 'no') layers.push('building');
    if (isWaterArea(t)) layers.push('water');
    else if (landuseClass(t)) layers.push('landuse');
    return layers;
  };

  for (const w of ways.values()) {
    const t = w.tags;
    const line = lineOf(w);
    if (!line) continue;
    const closed = line.length >= 4 && line[0][0] === line[line.length - 1][0] && line[0][1] === line[line.length - 1][1];
    const road = t.highway ? ROAD_CLASS[t.highway] : undefined;
    if (road && !(closed && t.area === 'yes')) {
      out.road.push({
        type: 'Feature', geometry: { type: 'LineString', coordinates: line },
        properties: { class: road, name: nameOf(t), tunnel: t.tunnel === 'yes' || undefined, bridge: t.bridge === 'yes' || undefined, minzoom: ROAD_MINZOOM[road] },
      });
    }
    if (t.railway && ['rail', 'subway', 'light_rail', 'tram', 'narrow_gauge'].includes(t.railway)) {
      const underground = t.tunnel === 'yes' || t.layer?.startsWith('-') || t.location === 'underground';
      out.railway.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: line }, properties: { class: t.railway, tunnel: underground || undefined, minzoom: 12 } });
    }
    if (t.waterway && ['river', 'canal', 'stream', 'drain', 'ditch'].includes(t.waterway)) {
      out.waterway.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: line }, properties: { class: t.waterway, name: nameOf(t), minzoom: 12 } });
    }
    if (closed) for (const layer of areaLayers(t)) areaFeature(layer, t, { type: 'Polygon', coordinates: [line] }, `w${w.id}`);
  }

  for (const r of asArray(doc.osm.relation) as { id: string; member?: RawMember[]; tag?: unknown }[]) {
    const t = tagsOf(r);
    if (t.type !== 'multipolygon') continue;
    const layers = areaLayers(t);
    if (layers.length === 0) continue;
    const pieces = (role: 'outer' | 'inner') => asArray(r.member)
      .filter((m) => m.type === 'way' && (role === 'outer' ? m.role !== 'inner' : m.role === 'inner'))
      .map((m) => ways.get(String(m.ref)))
      .map((w) => (w ? lineOf(w) : null))
      .filter((l): l is Position[] => l !== null);
    const outers = assembleRings(pieces('outer'));
    if (outers.length === 0) continue; // its outer ways are cut by the extract's edge
    const inners = assembleRings(pieces('inner'));
    const polygons: Position[][][] = outers.map((o) => [o]);
    for (const inner of inners) polygons.find((p) => inRing(inner[0], p[0]))?.push(inner);
    for (const layer of layers) areaFeature(layer, t, { type: 'MultiPolygon', coordinates: polygons }, `r${r.id}`);
  }

  const standalone = taggedNodes.filter((n) => !usedByWay.has(n.id));
  if (standalone.length === 0) throw new Error('the extract has no free-standing tagged node to find its data window from');
  const xs = standalone.map((n) => n.at[0]), ys = standalone.map((n) => n.at[1]);
  const fc = (layer: BasemapLayer) => ({ type: 'FeatureCollection' as const, features: out[layer] });
  return {
    layers: { landuse: fc('landuse'), water: fc('water'), waterway: fc('waterway'), building: fc('building'), railway: fc('railway'), road: fc('road') },
    dataWindow: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
    osmBase: doc.osm.meta?.osm_base,
    counts: { nodes: coords.size, ways: ways.size, relations: asArray(doc.osm.relation).length },
  };
}
