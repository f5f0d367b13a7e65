/** Shared inputs of the planner tests: the demo twins, the Shandong standard, metre offsets in lon/lat. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseStandard } from '../../engine/standard/load.ts';
import type { Standard } from '../../engine/standard/types.ts';
import type { TwinFile } from '../../engine/twin/types.ts';

const root = resolve(import.meta.dirname, '../..');
export const readTwin = (rel: string): TwinFile => JSON.parse(readFileSync(resolve(root, rel), 'utf8')) as TwinFile;
export const NANMEN = 'data/demo/nanmen/twin.geojson';
export const XUEYUAN = 'data/demo/xueyuan/twin.geojson';
export const WULAOCUN = 'data/real/nanjing-qinhuai-wulaocun/twin.geojson';
export const shandong: Standard = parseStandard(JSON.parse(readFileSync(resolve(root, 'data/standards/shandong-2022.json'), 'utf8')));

/** [lon, lat] moved by dx east, dy north metres (small offsets). */
export function offset([lon, lat]: number[], dxM: number, dyM: number): [number, number] {
  return [lon + dxM / (111_320 * Math.cos((lat * Math.PI) / 180)), lat + dyM / 110_574];
}

/** Plain JSON of a report (lazy members read, as a client would receive it). */
export const asJson = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
