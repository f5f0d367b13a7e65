/**
 * GeoJSON (the twin format itself, or any FeatureCollection with Chinese or English
 * attribute names). The file is read under a size limit and parsed once; a syntax error is
 * reported by line and column. A legacy `crs` member (GeoJSON 2008) is the detected CRS.
 */
import type { Geometry } from 'geojson';
import { CrsError, parseCrs, type CrsCode } from '../../../engine/crs/index.ts';
import { kindFromName, mapAttributes } from './attributes.ts';
import { decodeText } from './encoding.ts';
import { jsonErrorOffset } from './jsonError.ts';
import { readAll, type FileInput } from './input.ts';
import { DEFAULT_MAX_BYTES, ImportFormatError, type ReaderOptions, type ReaderResult, type SourceFeature, type SourceProps } from './types.ts';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1, lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  return { line, column: offset - lineStart + 1 };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const found = jsonErrorOffset(text);
    const offset = found < 0 ? text.length : found;
    const where = lineColumn(text, offset);
    const what = offset >= text.length ? 'unexpected end of file' : `unexpected ${JSON.stringify(text[offset])}`;
    const snippet = text.slice(Math.max(0, offset - 20), offset + 20).replace(/\s+/g, ' ');
    throw new ImportFormatError(`GeoJSON syntax error at line ${where.line}, column ${where.column}: ${what} (near ${JSON.stringify(snippet)})`,
      { format: 'geojson', ...where, reason: (err as Error).message });
  }
}

function crsMember(crs: unknown, warnings: string[]): CrsCode | null {
  if (crs === undefined || crs === null) return null;
  const name = isObject(crs) && isObject(crs.properties) ? crs.properties.name : undefined;
  if (typeof name !== 'string') throw new ImportFormatError(`GeoJSON "crs" member is not {"type": "name", "properties": {"name": …}}: ${JSON.stringify(crs).slice(0, 200)}`, { format: 'geojson' });
  try {
    return parseCrs(name);
  } catch (err) {
    if (err instanceof CrsError) { warnings.push(`GeoJSON "crs" ${name}: ${err.message}`); return null; }
    throw err;
  }
}

export async function readGeoJson(input: FileInput, options: ReaderOptions = {}): Promise<ReaderResult> {
  const bytes = await readAll(input, options.maxBytes ?? DEFAULT_MAX_BYTES, 'the GeoJSON file');
  const { text, encoding } = decodeText(bytes);
  const warnings: string[] = encoding === 'gbk' ? ['the GeoJSON file is not UTF-8; it was read as GBK (RFC 7946 requires UTF-8)'] : [];
  const json = parseJson(text);
  const collection = isObject(json) && json.type === 'Feature' ? { type: 'FeatureCollection', features: [json] } : json;
  if (!isObject(collection) || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new ImportFormatError(`not a GeoJSON FeatureCollection or Feature (top-level type ${JSON.stringify(isObject(json) ? json.type : typeof json)})`, { format: 'geojson' });
  }
  const detected = crsMember(collection.crs, warnings);
  const defaultKind = options.kind ? kindFromName(options.kind) : null;
  const features: SourceFeature[] = collection.features.map((f: unknown, index: number) => {
    if (!isObject(f) || f.type !== 'Feature') throw new ImportFormatError(`feature ${index}: not a GeoJSON Feature`, { format: 'geojson', featureIndex: index });
    if (!isObject(f.geometry)) throw new ImportFormatError(`feature ${index}: has no geometry`, { format: 'geojson', featureIndex: index });
    const props = isObject(f.properties) ? f.properties : {};
    const mapped = mapAttributes(props as SourceProps, {
      where: `feature ${index}`, defaultKind, kindHint: 'give properties.kind, or the kind of every feature (--kind)',
    });
    return { type: 'Feature', geometry: f.geometry as unknown as Geometry, properties: mapped };
  });
  const extra = Object.fromEntries(Object.entries(collection).filter(([k]) => !['type', 'features', 'crs', 'bbox'].includes(k)));
  return { features, crs: { detected, assumed: null }, warnings, extra };
}
