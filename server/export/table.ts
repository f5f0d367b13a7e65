/**
 * A feature kind as a table: the columns its features' properties use (id, name, type
 * first, then in order of first appearance; `kind` left out — the table is the kind) and
 * each column's type, for the GeoPackage and CSV exports.
 */
import type { Feature, Geometry } from 'geojson';
import type { BaseProps } from '../../engine/twin/types.ts';

export type ColumnType = 'TEXT' | 'INTEGER' | 'REAL' | 'BOOLEAN';
export interface Column { name: string; type: ColumnType }
export type TwinFeature = Feature<Geometry, BaseProps>;

const FIRST = ['id', 'name', 'type'];

function typeOf(values: unknown[]): ColumnType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return 'TEXT';
  if (present.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  if (present.every((v) => typeof v === 'number' && Number.isInteger(v))) return 'INTEGER';
  if (present.every((v) => typeof v === 'number')) return 'REAL';
  return 'TEXT';
}

export function columnsOf(features: readonly TwinFeature[]): Column[] {
  const names: string[] = [];
  const seen = new Set<string>(['kind']);
  for (const name of FIRST) { names.push(name); seen.add(name); }
  for (const f of features) {
    for (const key of Object.keys(f.properties)) if (!seen.has(key)) { seen.add(key); names.push(key); }
  }
  return names
    .filter((n) => n === 'id' || features.some((f) => f.properties[n] !== undefined))
    .map((name) => ({ name, type: typeOf(features.map((f) => f.properties[name])) }));
}

/**
 * A property value as text: lists of plain values joined by commas (how the import reads
 * `functions`), anything else structured as JSON; a TEXT column holding numbers gets them as text.
 */
export function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return value.join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Features grouped by kind, kinds in order of first appearance. */
export function byKind(features: readonly TwinFeature[]): Map<string, TwinFeature[]> {
  const groups = new Map<string, TwinFeature[]>();
  for (const f of features) {
    const kind = String(f.properties.kind);
    const group = groups.get(kind);
    if (group) group.push(f); else groups.set(kind, [f]);
  }
  return groups;
}
