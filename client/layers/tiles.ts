/**
 * Large layers from the server's vector tiles (/tiles/{kind}/{z}/{x}/{y}.pbf, server/tiles/**)
 * instead of the twin's JSON: a kind with more than {@link TILE_MIN_FEATURES} features is drawn
 * by a deck.gl MVTLayer, with the JSON layer's styling (the tiles carry id, kind, type and the
 * kind's attributes: floors, floorHeightM, use; online, intact; …). The twin is still loaded
 * (the engine and the scorecard need it): a click on a tiled feature answers with the twin's
 * own feature, and the failing ids of the selected row are tinted as before.
 *
 * The tile URL holds the community and its version (`?community=…&v=…`): an edit gives new
 * URLs, so deck.gl's tile cache never shows a tile from before it; the server's ETag and
 * `Cache-Control: no-cache` keep the browser's HTTP cache honest as well.
 */
import { MVTLayer, type GetPickingInfoParams, type MVTLayerProps } from 'deck.gl';
import { MVTLoader } from '@loaders.gl/mvt';
import type { Feature, Geometry } from 'geojson';
import type { FeatureKind, TwinFile } from '../../engine/twin/types.ts';
import { bboxOf, type Bbox } from '../map/bbox.ts';
import type { TwinFeatureAny } from './types.ts';

/**
 * From this many features of a kind on, the kind is drawn from tiles. Below it, one
 * GeoJsonLayer over the JSON is cheaper than tile requests (the demo twins: ≤ 883 cameras);
 * a district-sized community (thousands of cameras, lights or buildings) goes over it.
 */
export const TILE_MIN_FEATURES = 1000;

/** the kinds that have a tiled layer (paths are drawn by the basemap style, not by deck.gl) */
export const TILED_KINDS = ['building', 'camera', 'light'] as const satisfies readonly FeatureKind[];
export type TiledKind = (typeof TILED_KINDS)[number];

/** where the shown community's tiles come from */
export interface TileSource { community: string; version: number }

/** tiles are requested up to this zoom and over-zoomed beyond (0.15 m per tile unit) */
const TILE_MAX_ZOOM = 18;

interface TwinIndex { counts: Map<string, number>; byId: Map<string, TwinFeatureAny>; bboxes: Map<string, Bbox> }
const indexes = new WeakMap<TwinFile, TwinIndex>();

function twinIndex(twin: TwinFile): TwinIndex {
  let index = indexes.get(twin);
  if (index) return index;
  const counts = new Map<string, number>(), byId = new Map<string, TwinFeatureAny>(), byKind = new Map<string, TwinFeatureAny[]>();
  for (const f of twin.features) {
    const kind = f.properties?.kind;
    if (typeof kind !== 'string') continue;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    if (typeof f.properties.id === 'string') byId.set(f.properties.id, f);
    if ((TILED_KINDS as readonly string[]).includes(kind)) {
      const list = byKind.get(kind);
      if (list) list.push(f);
      else byKind.set(kind, [f]);
    }
  }
  const bboxes = new Map<string, Bbox>();
  for (const [kind, features] of byKind) {
    const box = bboxOf(features);
    if (box) bboxes.set(kind, box);
  }
  index = { counts, byId, bboxes };
  indexes.set(twin, index);
  return index;
}

/** The kinds of this twin drawn from tiles (none without a tile source). */
export function tiledKinds(twin: TwinFile, source: TileSource | null | undefined): ReadonlySet<TiledKind> {
  if (!source) return new Set();
  const { counts } = twinIndex(twin);
  return new Set(TILED_KINDS.filter((kind) => (counts.get(kind) ?? 0) >= TILE_MIN_FEATURES));
}

/** The XYZ template of a kind's tiles for one community version. */
export function tileTemplate(kind: TiledKind, source: TileSource): string {
  return `/tiles/${kind}/{z}/{x}/{y}.pbf?community=${encodeURIComponent(source.community)}&v=${source.version}`;
}

/** The GET /api/communities/:id version (the tile URLs' `v`). */
export async function fetchCommunityVersion(id: string, signal?: AbortSignal): Promise<number> {
  const url = `/api/communities/${encodeURIComponent(id)}`;
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const { version } = (await response.json()) as { version?: unknown };
  if (typeof version !== 'number') throw new Error(`${url}: no version in the answer`);
  return version;
}

type TileFeature = Feature<Geometry, Record<string, unknown>>;

interface TwinTileProps { twinFeatures: ReadonlyMap<string, TwinFeatureAny> | null }

/** An MVTLayer whose picks answer with the twin's feature of the same id (whole geometry, every attribute). */
class TwinTileLayer extends MVTLayer<Record<string, unknown>, TwinTileProps> {
  static override layerName = 'TwinTileLayer';
  static override defaultProps = { ...MVTLayer.defaultProps, twinFeatures: { type: 'object', value: null, compare: false } } as typeof MVTLayer.defaultProps;

  override getPickingInfo(params: GetPickingInfoParams) {
    const info = super.getPickingInfo(params);
    const id = (info.object as TileFeature | undefined)?.properties?.id;
    const full = typeof id === 'string' ? this.props.twinFeatures?.get(id) : undefined;
    if (full) info.object = full;
    return info;
  }
}

export type TileLayerStyle = Omit<MVTLayerProps<Record<string, unknown>>, 'data' | 'id'>;

/**
 * One kind of the twin from its tiles, styled like a GeoJsonLayer (`style` takes GeoJsonLayer
 * props; accessors get a feature whose properties are the tile's).
 */
export function twinTileLayer(id: string, kind: TiledKind, twin: TwinFile, source: TileSource, style: TileLayerStyle) {
  const index = twinIndex(twin);
  return new TwinTileLayer({
    id,
    data: tileTemplate(kind, source),
    // parse on the page: the default worker loader would fetch its script from a CDN
    loaders: [MVTLoader],
    loadOptions: { worker: false },
    binary: true,
    uniqueIdProperty: 'id',
    minZoom: 0,
    maxZoom: TILE_MAX_ZOOM,
    ...(index.bboxes.has(kind) ? { extent: index.bboxes.get(kind) } : {}),
    twinFeatures: index.byId,
    ...style,
  });
}
