/**
 * One kind's features as CSV for spreadsheets (Excel opens UTF-8 with a BOM correctly):
 * `lon,lat` columns when every feature is a point (the file reads back through the CSV
 * import), else a `wkt` column; then id, name, type and the kind's other attributes.
 * Booleans are `true`/`false`, lists comma-joined, numbers at full precision.
 */
import type { Point } from 'geojson';
import { toWkt } from './geometry.ts';
import { columnsOf, textOf, type TwinFeature } from './table.ts';

const BOM = '\uFEFF';
const quote = (s: string) => (/[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function kindToCsv(features: readonly TwinFeature[]): string {
  const points = features.every((f) => f.geometry.type === 'Point');
  const columns = columnsOf(features);
  const header = [...(points ? ['lon', 'lat'] : ['wkt']), 'kind', ...columns.map((c) => c.name)];
  const rows = features.map((f) => {
    const where = points ? (f.geometry as Point).coordinates.slice(0, 2).map(String) : [toWkt(f.geometry)];
    return [...where, String(f.properties.kind), ...columns.map((c) => textOf(f.properties[c.name]) ?? '')];
  });
  return BOM + [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}
