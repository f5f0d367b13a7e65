/**
 * Import from the formats people have: GeoJSON, CSV, zipped shapefile, GeoPackage, KML/KMZ.
 * A reader maps the file to twin-shaped features in the file's own CRS; then the CRS is
 * chosen — the caller's (`crs`), else the file's (.prj, srs_id, `crs` member, KML = WGS 84),
 * else what the coordinates unambiguously look like (an 8-digit Gauss-Krüger easting), else
 * WGS 84 — every geometry converted to WGS 84, and guessCrs's doubts added as warnings.
 *
 * @example
 * const result = await importFile(buffer, { filename: 'cameras.csv', crs: 'gcj02', kind: 'camera' });
 * result.collection   // FeatureCollection, WGS 84, properties.kind and properties.id on every feature
 * result.crs          // { stated: 'GCJ02', detected: null, assumed: 'GCJ02', source: 'stated' }
 */
import type { FeatureCollection, Geometry } from 'geojson';
import {
  CrsError, describeCrs, guessCrs, parseCrs, positionsOf, toWgs84, type CrsCode,
} from '../../../engine/crs/index.ts';
import { FEATURE_KINDS, type BaseProps } from '../../../engine/twin/types.ts';
import { kindFromName } from './attributes.ts';
import { readCsv } from './csv.ts';
import { readGeoJson } from './geojson.ts';
import { readGeoPackage } from './gpkg.ts';
import { readAll, type FileInput } from './input.ts';
import { readKml } from './kml.ts';
import { readShapefileZip } from './shapefile.ts';
import { DEFAULT_MAX_BYTES, FORMATS, ImportFormatError, type FormatName, type ReaderOptions, type ReaderResult } from './types.ts';

export { FORMATS, ImportFormatError, type FormatName, type ReaderResult } from './types.ts';
export { readCsv, readGeoJson, readGeoPackage, readKml, readShapefileZip };

export interface ImportOptions extends ReaderOptions {
  /** the file's name, for the format by extension */
  filename?: string;
  format?: FormatName;
  /** the CRS the user states (wgs84, gcj02, bd09, cgcs2000, epsg:NNNN); wins over the file's */
  crs?: string;
}

export interface ImportResult {
  format: FormatName;
  /** WGS 84 twin-shaped features; attestations and other top-level members kept (GeoJSON) */
  collection: FeatureCollection<Geometry, BaseProps> & Record<string, unknown>;
  crs: {
    stated: CrsCode | null;
    detected: CrsCode | null;
    /** the CRS the coordinates were converted from */
    assumed: CrsCode;
    source: 'stated' | 'detected' | 'guessed' | 'default';
  };
  warnings: string[];
}

const READERS: Record<FormatName, (input: Buffer, options: ReaderOptions) => Promise<ReaderResult>> = {
  geojson: readGeoJson, csv: readCsv, shp: readShapefileZip, gpkg: readGeoPackage, kml: readKml,
};

/** The format from the caller, else the file extension, else the first bytes. */
export function detectFormat(bytes: Buffer, filename?: string, format?: string): FormatName {
  if (format) {
    const f = format.toLowerCase() === 'json' ? 'geojson' : format.toLowerCase() === 'kmz' ? 'kml' : format.toLowerCase();
    if ((FORMATS as readonly string[]).includes(f)) return f as FormatName;
    throw new ImportFormatError(`unknown format ${JSON.stringify(format)} (expected ${FORMATS.join(', ')})`, { format });
  }
  const ext = /\.([a-z0-9]+)$/i.exec(filename ?? '')?.[1]?.toLowerCase();
  const byExt: Record<string, FormatName> = { geojson: 'geojson', json: 'geojson', csv: 'csv', tsv: 'csv', txt: 'csv', zip: 'shp', shp: 'shp', gpkg: 'gpkg', kml: 'kml', kmz: 'kml' };
  if (ext && byExt[ext]) {
    if (ext === 'shp') throw new ImportFormatError('a bare .shp has no attributes or CRS: zip the .shp with its .shx, .dbf, .prj and .cpg files', { format: 'shp' });
    if (ext === 'zip' && bytes.includes(Buffer.from('.kml'))) return bytes.includes(Buffer.from('.shp')) ? 'shp' : 'kml';
    return byExt[ext];
  }
  const head = bytes.subarray(0, 512).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('SQLite format 3')) return 'gpkg';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return bytes.includes(Buffer.from('.shp')) ? 'shp' : 'kml';
  if (head.startsWith('{')) return 'geojson';
  if (head.startsWith('<')) return 'kml';
  if (/[,\t;]/.test(head.split('\n')[0] ?? '')) return 'csv';
  throw new ImportFormatError(`cannot tell the format of ${filename ?? 'the file'}; give it (${FORMATS.join(', ')})`, {});
}

export function chooseCrs(stated: CrsCode | null, read: ReaderResult, warnings: string[]): ImportResult['crs'] {
  const positions = read.features.flatMap((f) => positionsOf(f.geometry));
  const detected = read.crs.detected;
  if (stated && detected && stated !== detected) {
    warnings.push(`the file says its CRS is ${describeCrs(detected)}, but ${describeCrs(stated)} was stated and is used`);
  }
  const chosen = stated ?? detected ?? read.crs.assumed;
  const guess = guessCrs(positions, chosen);
  warnings.push(...guess.warnings);
  if (chosen) return { stated, detected, assumed: chosen, source: stated ? 'stated' : 'detected' };
  if (guess.likely && guess.likely !== 'EPSG:4326') {
    warnings.push(`the file does not state its CRS; the coordinates look like ${guess.looksLike}, so ${describeCrs(guess.likely)} was assumed`);
    return { stated, detected, assumed: guess.likely, source: 'guessed' };
  }
  if (positions.length > 0 && guess.likely === null && Math.abs(positions[0][0]) > 180) {
    throw new ImportFormatError(`the file does not state its CRS and the coordinates look like ${guess.looksLike}; state the CRS (e.g. --from epsg:4548)`, { looksLike: guess.looksLike });
  }
  warnings.push('the file does not state its CRS; WGS 84 was assumed (if the data come from Amap/Tencent state gcj02, from Baidu bd09)');
  return { stated, detected, assumed: 'EPSG:4326', source: 'default' };
}

/** Fill in missing ids (`camera-1`, `camera-2`, …) without clashing with the file's own. */
export function assignIds(features: { properties: Record<string, unknown> }[], warnings: string[]): void {
  const used = new Set(features.map((f) => f.properties.id).filter((id) => typeof id === 'string'));
  const next = new Map<string, number>();
  let generated = 0;
  for (const f of features) {
    if (typeof f.properties.id === 'string' && f.properties.id.trim() !== '') continue;
    if (typeof f.properties.id === 'number') { const id = String(f.properties.id); f.properties.id = id; used.add(id); continue; }
    const kind = String(f.properties.kind);
    let n = next.get(kind) ?? 1, id = `${kind}-${n}`;
    while (used.has(id)) id = `${kind}-${++n}`;
    next.set(kind, n + 1);
    used.add(id);
    f.properties.id = id;
    generated++;
  }
  if (generated > 0) warnings.push(`${generated} feature(s) had no id; ids were generated (kind-1, kind-2, …)`);
}

export async function importFile(input: FileInput, options: ImportOptions = {}): Promise<ImportResult> {
  if (options.kind && !kindFromName(options.kind)) {
    throw new ImportFormatError(`unknown kind ${JSON.stringify(options.kind)} (expected one of ${FEATURE_KINDS.join(', ')})`, { kind: options.kind });
  }
  let stated: CrsCode | null = null;
  if (options.crs) {
    try { stated = parseCrs(options.crs); } catch (err) {
      throw new ImportFormatError((err as CrsError).message, { crs: options.crs });
    }
  }
  const bytes = await readAll(input, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const format = detectFormat(bytes, options.filename, options.format);
  const kind = options.kind ? kindFromName(options.kind)! : undefined;
  const read = await READERS[format](bytes, { ...options, ...(kind ? { kind } : {}) });
  const warnings = [...read.warnings];
  const crs = chooseCrs(stated, read, warnings);
  const features = read.features.map((f, index) => {
    try {
      return { ...f, geometry: toWgs84(f.geometry, crs.assumed) };
    } catch (err) {
      throw new ImportFormatError(`feature ${index}: ${(err as Error).message}`, { featureIndex: index });
    }
  });
  assignIds(features, warnings);
  const collection = { ...read.extra, type: 'FeatureCollection' as const, features: features as FeatureCollection<Geometry, BaseProps>['features'] };
  return { format, collection, crs, warnings };
}
