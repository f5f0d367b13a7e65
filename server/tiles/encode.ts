/**
 * Embedded-mode encoder: PGlite's PostGIS has no ST_AsMVT, so the tile's features (lon/lat
 * GeoJSON) are cut with geojson-vt and written with vt-pbf, with the extent and buffer
 * ST_AsMVTGeom uses. The requested zoom is geojson-vt's maxZoom, where it does not simplify.
 */
import type { Feature, Geometry } from 'geojson';
import GeoJSONVT from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';
import { BUFFER, EXTENT, type TileAddress } from './tileMath.ts';

export function encodeTile(layer: string, tile: TileAddress, features: Feature<Geometry, Record<string, unknown>>[]): Uint8Array {
  if (features.length === 0) return new Uint8Array(0);
  const index = new GeoJSONVT(
    { type: 'FeatureCollection', features },
    { maxZoom: tile.z, indexMaxZoom: 0, indexMaxPoints: 0, extent: EXTENT, buffer: BUFFER },
  );
  const cut = index.getTile(tile.z, tile.x, tile.y);
  if (!cut || cut.features.length === 0) return new Uint8Array(0);
  return fromGeojsonVt({ [layer]: cut }, { version: 2, extent: EXTENT });
}
