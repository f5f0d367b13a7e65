/**
 * A stored community as a file: the twin GeoJSON, a GeoPackage (one table per kind) or CSV
 * (one kind, or a zip of one CSV per kind). Optionally only some kinds.
 *
 * @example
 * const file = await exportCommunity(sql, 'xueyuan', { format: 'csv', kinds: ['camera'] });
 * // { filename: 'xueyuan-camera.csv', contentType: 'text/csv; charset=utf-8', body: <Buffer ef bb bf …> }
 */
import type { Sql } from 'postgres';
import { FEATURE_KINDS } from '../../engine/twin/types.ts';
import { badRequest, notFound } from '../errors.ts';
import { exportTwin } from '../store/communities.ts';
import { kindToCsv } from './csv.ts';
import { twinToGeoPackage } from './gpkg.ts';
import { byKind, type TwinFeature } from './table.ts';
import { writeZip } from './zip.ts';

export const EXPORT_FORMATS = ['geojson', 'gpkg', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile { filename: string; contentType: string; body: Buffer }

export function parseExportFormat(text: string | undefined): ExportFormat {
  const f = (text ?? 'geojson').toLowerCase();
  const format = f === 'json' ? 'geojson' : f === 'geopackage' ? 'gpkg' : f;
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
  }
}
