/** Shared by the import/export tests: the demo twin, uploads, and a deep copy without some kinds. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Feature, Geometry } from 'geojson';
import type { BaseProps, TwinFile } from '../../engine/twin/types.ts';

export const XUEYUAN_PATH = resolve(import.meta.dirname, '../../data/demo/xueyuan/twin.geojson');
export const readXueyuan = (): TwinFile => JSON.parse(readFileSync(XUEYUAN_PATH, 'utf8')) as TwinFile;

export type TwinFeature = Feature<Geometry, BaseProps>;

export function countsOf(features: readonly { properties: { kind: unknown } | null }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of features) { const k = String(f.properties?.kind); counts[k] = (counts[k] ?? 0) + 1; }
  return counts;
}

export function without(twin: TwinFile, kind: string): TwinFile {
  return { ...twin, features: twin.features.filter((f) => f.properties.kind !== kind) };
}

/** POST raw bytes (a file upload) to `url` with query parameters. */
export function upload(url: string, body: Buffer | string, query: Record<string, string> = {}): Promise<Response> {
  const qs = new URLSearchParams(query).toString();
  return fetch(`${url}${qs ? `?${qs}` : ''}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: typeof body === 'string' ? body : new Uint8Array(body) });
}
