/**
 * KML (and KMZ: a zip with a .kml inside). Placemarks become features: name, ExtendedData
 * (Data/value and SchemaData/SimpleData) as attributes, the kind from the caller, a
 * 类别/kind attribute or the enclosing Folder's name. KML is WGS 84 by definition (files
 * exported from Amap-based tools are often GCJ-02 all the same: state it).
 *
 * XML safety: a document that declares entities (<!ENTITY …>: billion laughs, external
 * entities) is refused before parsing, and the parser runs with entity processing off;
 * only the five predefined entities and character references are decoded, in one pass.
 */
import type { Geometry, Position } from 'geojson';
import { XMLParser } from 'fast-xml-parser';
import { readAll, type FileInput } from './input.ts';
import { layerKind, mapLayerRecord } from './layers.ts';
import { decodeText } from './encoding.ts';
import { DEFAULT_MAX_BYTES, ImportFormatError, type ReaderOptions, type ReaderResult, type SourceFeature } from './types.ts';
import { unzip } from './zip.ts';

type Node = Record<string, unknown>;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (all, e: string) => {
    if (e[0] !== '#') return PREDEFINED[e.toLowerCase()] ?? all;
    const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
  });
}

const ARRAYS = new Set(['Placemark', 'Folder', 'Document', 'Data', 'SimpleData', 'SchemaData', 'Point', 'LineString', 'Polygon', 'LinearRing', 'innerBoundaryIs', 'MultiGeometry']);
const parser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, processEntities: false, htmlEntities: false,
  parseTagValue: false, parseAttributeValue: false, trimValues: true, isArray: (name) => ARRAYS.has(name),
});

const list = (x: unknown): Node[] => (Array.isArray(x) ? x : x === undefined ? [] : [x]) as Node[];
const text = (x: unknown): string => decodeEntities(typeof x === 'string' ? x : typeof x === 'object' && x && '#text' in x ? String((x as Node)['#text']) : x === undefined ? '' : String(x));

function coordinates(node: Node | undefined, where: string): Position[] {
  const raw = text(node?.coordinates).trim();
  if (raw === '') return [];
  return raw.split(/\s+/).map((tuple) => {
    const parts = tuple.split(',').map(Number);
    if (parts.length < 2 || parts.slice(0, 2).some((v) => !Number.isFinite(v))) {
      throw new ImportFormatError(`${where}: bad coordinate ${JSON.stringify(tuple)} (expected lon,lat[,alt])`, { format: 'kml', where });
    }
    return parts.slice(0, 2);
  });
}

function geometries(node: Node, where: string): Geometry[] {
  const out: Geometry[] = [];
  for (const p of list(node.Point)) out.push({ type: 'Point', coordinates: coordinates(p, where)[0] });
  for (const l of list(node.LineString)) out.push({ type: 'LineString', coordinates: coordinates(l, where) });
  for (const poly of list(node.Polygon)) {
    const outer = list((poly.outerBoundaryIs as Node | undefined)?.LinearRing)[0];
    const inner = list(poly.innerBoundaryIs).flatMap((b) => list(b.LinearRing));
    out.push({ type: 'Polygon', coordinates: [coordinates(outer, where), ...inner.map((r) => coordinates(r, where))] });
  }
  for (const m of list(node.MultiGeometry)) out.push(...geometries(m, where));
  return out;
}

function combine(parts: Geometry[], where: string, warnings: string[]): Geometry | null {
  if (parts.length <= 1) return parts[0] ?? null;
  if (parts.every((g) => g.type === 'Polygon')) return { type: 'MultiPolygon', coordinates: parts.map((g) => (g as { coordinates: Position[][] }).coordinates) };
  if (parts.every((g) => g.type === 'LineString')) return { type: 'MultiLineString', coordinates: parts.map((g) => (g as { coordinates: Position[] }).coordinates) };
  if (parts.every((g) => g.type === 'Point')) return { type: 'MultiPoint', coordinates: parts.map((g) => (g as { coordinates: Position }).coordinates) };
  warnings.push(`${where}: a MultiGeometry of mixed types; only its first part (${parts[0].type}) was kept`);
  return parts[0];
}

export async function readKml(input: FileInput, options: ReaderOptions = {}): Promise<ReaderResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes = await readAll(input, maxBytes, 'the KML file');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const files = await unzip(bytes, { maxEntries: 1000, maxTotalBytes: maxBytes });
    const kmlName = [...files.keys()].find((n) => /(^|\/)doc\.kml$/i.test(n)) ?? [...files.keys()].find((n) => /\.kml$/i.test(n));
    if (!kmlName) throw new ImportFormatError('the KMZ archive has no .kml file', { format: 'kml' });
    bytes = files.get(kmlName)!;
  }
  const xml = decodeText(bytes).text;
  if (/<!ENTITY/i.test(xml)) {
    throw new ImportFormatError('the KML declares XML entities (<!ENTITY …>), which can expand without bound or read local files; refused', { format: 'kml' });
  }
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (err) {
    throw new ImportFormatError(`not well-formed KML: ${(err as Error).message}`, { format: 'kml' });
  }
  const root = (doc.kml ?? doc) as Node;
  const warnings: string[] = [];
  const features: SourceFeature[] = [];
  let count = 0;
  const visit = (node: Node, folder: string): void => {
    for (const placemark of list(node.Placemark)) {
      count++;
      const name = text(placemark.name);
      const where = `placemark ${count}${name ? ` (${name})` : ''}`;
      const geometry = combine(geometries(placemark, where), where, warnings);
      if (!geometry) { warnings.push(`${where}: no geometry; skipped`); continue; }
      const record: Record<string, unknown> = {};
      if (name) record.name = name;
      const extended = placemark.ExtendedData as Node | undefined;
      for (const d of list(extended?.Data)) record[text(d['@name'])] = text(d.value);
      for (const s of list(extended?.SchemaData)) for (const d of list(s.SimpleData)) record[text(d['@name'])] = text(d);
      const layer = folder || 'KML';
      features.push({ type: 'Feature', geometry, properties: mapLayerRecord(record, where, layer, layerKind(layer, options.kind)) });
    }
    for (const child of [...list(node.Document), ...list(node.Folder)]) {
      const childName = text(child.name);
      visit(child, layerKind(childName, undefined) ? childName : folder);
    }
  };
  visit(root, '');
  if (count === 0) throw new ImportFormatError('the KML has no Placemark', { format: 'kml' });
  return { features, crs: { detected: 'EPSG:4326', assumed: 'EPSG:4326' }, warnings };
}
