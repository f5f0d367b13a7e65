/**
 * A stored community as a file: the twin GeoJSON, a GeoPackage (one table per kind), CSV
 * (one kind, or a zip of one CSV per kind), a zipped shapefile set (one layer per kind and
 * geometry family, shp.ts) or KML (one folder per kind, kml.ts). Optionally only some kinds.
 *
 * @example
 * const file = await exportCommunity(sql, 'xueyuan', { format: 'csv', kinds: ['camera'] });
 * // { filename: 'xueyuan-camera.csv', contentType: 'text/csv; charset=utf-8', body: <Buffer ef bb bf …> }
 */
import type { Sql } from 'postgres';
import { FEATURE_KINDS, type TwinFile } from '../../engine/twin/types.ts';
import { badRequest, notFound } from '../errors.ts';
import { exportTwin } from '../store/communities.ts';
import { kindToCsv } from './csv.ts';
import { twinToGeoPackage } from './gpkg.ts';
import { twinToKml } from './kml.ts';
import { twinToShapefileZip } from './shp.ts';
import { byKind, type TwinFeature } from './table.ts';
import { writeZip } from './zip.ts';

export const EXPORT_FORMATS = ['geojson', 'gpkg', 'csv', 'shp', 'kml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile { filename: string; contentType: string; body: Buffer }

export function parseExportFormat(text: string | undefined): ExportFormat {
  const f = (text ?? 'geojson').toLowerCase();
  const format = f === 'json' ? 'geojson' : f === 'geopackage' ? 'gpkg' : f === 'shapefile' || f === 'zip' ? 'shp' : f;
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw badRequest(`unknown export format ${JSON.stringify(text)} (expected ${EXPORT_FORMATS.join(', ')})`, { format: text });
  }
  return format as ExportFormat;
}

export function parseKindList(text: string | undefined): string[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const kinds = text.split(',').map((k) => k.trim()).filter(Boolean);
  const unknown = kinds.filter((k) => !(FEATURE_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0) throw badRequest(`unknown kind ${unknown.join(', ')}; expected one of ${FEATURE_KINDS.join(', ')}`, { kind: text });
  return kinds;
}

export async function exportCommunity(sql: Sql, id: string, options: { format: ExportFormat; kinds?: string[] }): Promise<ExportedFile> {
  const twin = await exportTwin(sql, id);
  if (!twin) throw notFound(`community "${id}"`);
  return exportTwinFile(twin, id, options);
}

/** A twin (stored or read from a file) as a file of `format`, named after `id`. */
export async function exportTwinFile(twin: TwinFile, id: string, options: { format: ExportFormat; kinds?: string[] }): Promise<ExportedFile> {
  const { format, kinds } = options;
  const features = (twin.features as TwinFeature[]).filter((f) => !kinds || kinds.includes(String(f.properties.kind)));
  const suffix = kinds ? `-${kinds.join('-')}` : '';
  switch (format) {
    case 'geojson': {
      const body = kinds ? { type: 'FeatureCollection', features } : twin;
      return { filename: `${id}${suffix}.geojson`, contentType: 'application/geo+json', body: Buffer.from(JSON.stringify(body)) };
    }
    case 'gpkg':
      return { filename: `${id}${suffix}.gpkg`, contentType: 'application/geopackage+sqlite3', body: await twinToGeoPackage(twin, kinds) };
    case 'csv': {
      const groups = byKind(features);
      if (kinds?.length === 1) {
        return { filename: `${id}${suffix}.csv`, contentType: 'text/csv; charset=utf-8', body: Buffer.from(kindToCsv(groups.get(kinds[0]) ?? [])) };
      }
      const entries = [...groups].map(([kind, group]) => ({ name: `${kind}.csv`, data: Buffer.from(kindToCsv(group)) }));
      return { filename: `${id}${suffix}-csv.zip`, contentType: 'application/zip', body: writeZip(entries) };
    }
    case 'shp':
      return { filename: `${id}${suffix}-shp.zip`, contentType: 'application/zip', body: twinToShapefileZip(features) };
    case 'kml':
      return { filename: `${id}${suffix}.kml`, contentType: 'application/vnd.google-earth.kml+xml', body: Buffer.from(twinToKml(features, id)) };
  }
}
