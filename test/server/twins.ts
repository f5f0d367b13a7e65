/** Small twin files for the server tests, built fresh per call so tests can break them. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TwinFile } from '../../engine/twin/types.ts';

export const WULAOCUN_PATH = resolve(import.meta.dirname, '../../data/real/nanjing-qinhuai-wulaocun/twin.geojson');
export const readWulaocun = (): TwinFile => JSON.parse(readFileSync(WULAOCUN_PATH, 'utf8')) as TwinFile;

/** A square around (lon0, lat0) with half-side d degrees, counter-clockwise. */
export const square = (lon0: number, lat0: number, d: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[lon0 - d, lat0 - d], [lon0 + d, lat0 - d], [lon0 + d, lat0 + d], [lon0 - d, lat0 + d], [lon0 - d, lat0 - d]]],
});

/** A valid little community in Jinan: one compound, two buildings, a camera, an entrance, a path, attestations. */
export function smallTwin(id = 'jinan-test'): TwinFile {
  return {
    type: 'FeatureCollection',
    attribution: 'test fixture',
    features: [
      { type: 'Feature', properties: { kind: 'community', id, name: '测试社区', adminCode: '370102001001', population: 1200, households: 400 }, geometry: square(117.1, 36.65, 0.004) },
      { type: 'Feature', properties: { kind: 'compound', id: 'c1', name: '一号小区', closed: true, hasEbikes: true }, geometry: square(117.1, 36.65, 0.002) },
      { type: 'Feature', properties: { kind: 'building', id: 'b1', floors: 18, use: 'residential', households: 120, compoundId: 'c1' }, geometry: square(117.0995, 36.6495, 0.0002) },
      { type: 'Feature', properties: { kind: 'building', id: 'b2', floors: 6, use: 'residential', households: 36, compoundId: 'c1', colour: 'red' }, geometry: square(117.1005, 36.6505, 0.0002) },
      { type: 'Feature', properties: { kind: 'camera', id: 'cam1', code: '37010200001320000001', purpose: 'keyLocation', headingDeg: 90, hfovDeg: 90, rangeM: 30, online: true, intact: true, imageOut: true }, geometry: { type: 'Point', coordinates: [117.099, 36.648] } },
      { type: 'Feature', properties: { kind: 'keyLocation', id: 'k1', type: 'compoundEntrance', compoundId: 'c1' }, geometry: { type: 'Point', coordinates: [117.0991, 36.648] } },
      { type: 'Feature', properties: { kind: 'path', id: 'p1', type: 'footway' }, geometry: { type: 'LineString', coordinates: [[117.097, 36.648], [117.103, 36.648]] } },
      { type: 'Feature', id: 'top-level-id', properties: { kind: 'venue', id: 'v1', type: 'sports', smartFitness: true }, geometry: { type: 'Point', coordinates: [117.1021, 36.6521] } },
    ],
    attestations: [
      { checkId: 'platform', version: 1, pass: true, text: '社区平台已上线', evidenceRef: 'doc-1', by: '审核员', at: '2024-05-01' },
      { checkId: 'platform', version: 2, pass: false, text: 're-checked', by: 'reviewer', at: '2024-06-01', note: 'kept' },
    ],
  } as unknown as TwinFile;
}
