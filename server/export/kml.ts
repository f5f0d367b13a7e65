/**
 * A twin as KML 2.2 (WGS 84 by definition): a Document with one Folder per kind (named
 * after the kind, which the importer reads as the layer's kind), each feature a Placemark
 * with its name, every property in ExtendedData (`kind` and `id` included; lists
 * comma-joined, nested values as JSON) and its geometry — Multi* geometries as a
 * MultiGeometry. Coordinates at full precision; text XML-escaped.
 */
import type { Geometry, Position } from 'geojson';
import { byKind, textOf, type TwinFeature } from './table.ts';

const escape = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
  // characters XML 1.0 cannot carry
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

const coords = (ps: Position[]) => `<coordinates>${ps.map((p) => `${p[0]},${p[1]}`).join(' ')}</coordinates>`;
const ring = (ps: Position[]) => `<LinearRing>${coords(ps)}</LinearRing>`;
const polygon = (rings: Position[][]) => `<Polygon><outerBoundaryIs>${ring(rings[0])}</outerBoundaryIs>${rings.slice(1).map((r) => `<innerBoundaryIs>${ring(r)}</innerBoundaryIs>`).join('')}</Polygon>`;

export function geometryToKml(g: Geometry): string {
  switch (g.type) {
    case 'Point': return `<Point>${coords([g.coordinates])}</Point>`;
    case 'LineString': return `<LineString>${coords(g.coordinates)}</LineString>`;
    case 'Polygon': return polygon(g.coordinates);
    case 'MultiPoint': return `<MultiGeometry>${g.coordinates.map((c) => `<Point>${coords([c])}</Point>`).join('')}</MultiGeometry>`;
    case 'MultiLineString': return `<MultiGeometry>${g.coordinates.map((c) => `<LineString>${coords(c)}</LineString>`).join('')}</MultiGeometry>`;
    case 'MultiPolygon': return `<MultiGeometry>${g.coordinates.map(polygon).join('')}</MultiGeometry>`;
    case 'GeometryCollection': return `<MultiGeometry>${g.geometries.map(geometryToKml).join('')}</MultiGeometry>`;
  }
}

function placemark(f: TwinFeature): string {
  const data = Object.entries(f.properties)
    .flatMap(([k, v]) => { const t = textOf(v); return t === null ? [] : [`<Data name="${escape(k)}"><value>${escape(t)}</value></Data>`]; })
    .join('');
  const name = typeof f.properties.name === 'string' ? `<name>${escape(f.properties.name)}</name>` : '';
  return `<Placemark>${name}<ExtendedData>${data}</ExtendedData>${geometryToKml(f.geometry)}</Placemark>`;
}

export function twinToKml(features: readonly TwinFeature[], documentName: string): string {
  const folders = [...byKind(features)].map(([kind, group]) => `<Folder><name>${escape(kind)}</name>\n${group.map(placemark).join('\n')}\n</Folder>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>${escape(documentName)}</name>\n${folders.join('\n')}\n</Document></kml>\n`;
}
