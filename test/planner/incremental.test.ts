import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Edit, TwinFeatureJson } from '../../engine/edit/index.ts';
import { EditError, applyEdits } from '../../engine/edit/index.ts';
import { evaluate } from '../../engine/evaluate.ts';
import { CHECK_READS, Session } from '../../engine/incremental.ts';
import { measures } from '../../engine/measures/index.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import { NANMEN, XUEYUAN, asJson, offset, readTwin, shandong } from './helpers.ts';

type Op =
  | { t: 'moveCamera' | 'moveVenue' | 'moveFiveG' | 'movePath' | 'moveKeyLocation' | 'moveBuilding'; pick: number; dx: number; dy: number; heading: number }
  | { t: 'deleteCamera' | 'deleteFiveG' | 'deleteVenue' | 'deletePath'; pick: number }
  | { t: 'addCamera'; pick: number; dx: number; dy: number; heading: number; throwing: boolean }
  | { t: 'addFiveG' | 'addVenue' | 'addPath'; pick: number; dx: number; dy: number; heading: number };

const metres = fc.integer({ min: -60, max: 60 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constantFrom('moveCamera', 'moveVenue', 'moveFiveG', 'movePath', 'moveKeyLocation', 'moveBuilding' as const), pick: fc.nat(), dx: metres, dy: metres, heading: fc.integer({ min: 0, max: 359 }) }),
  fc.record({ t: fc.constantFrom('deleteCamera', 'deleteFiveG', 'deleteVenue', 'deletePath' as const), pick: fc.nat() }),
  fc.record({ t: fc.constant('addCamera' as const), pick: fc.nat(), dx: metres, dy: metres, heading: fc.integer({ min: 0, max: 359 }), throwing: fc.boolean() }),
  fc.record({ t: fc.constantFrom('addFiveG', 'addVenue', 'addPath' as const), pick: fc.nat(), dx: metres, dy: metres, heading: fc.integer({ min: 0, max: 359 }) }),
) as fc.Arbitrary<Op>;

let serial = 0;
const ofKind = (twin: TwinFile, kind: string) => twin.features.filter((f) => f.properties.kind === kind) as TwinFeatureJson[];
const anchor = (twin: TwinFile, pick: number): number[] => {
  const cams = ofKind(twin, 'camera');
  return (cams[pick % cams.length].geometry as { coordinates: number[] }).coordinates;
};

/** The abstract op as an edit on the twin as it is now (null when there is nothing to pick). */
function materialise(twin: TwinFile, o: Op): Edit | null {
  const kind = o.t.replace(/^(move|delete|add)/, '');
  const k = kind === 'FiveG' ? 'fiveG' : kind === 'KeyLocation' ? 'keyLocation' : kind.toLowerCase();
  const list = ofKind(twin, k);
  if (o.t.startsWith('delete')) return list.length ? { op: 'delete', id: list[o.pick % list.length].properties.id } : null;
  if (o.t.startsWith('move')) {
    if (!list.length) return null;
    const f = list[o.pick % list.length];
    const g = f.geometry;
    const d = o as { dx: number; dy: number; heading: number };
    const move = (p: number[]) => offset(p, d.dx, d.dy);
    const geometry = g.type === 'Point' ? { type: 'Point' as const, coordinates: move(g.coordinates) }
      : g.type === 'LineString' ? { type: 'LineString' as const, coordinates: g.coordinates.map(move) }
        : g.type === 'Polygon' ? { type: 'Polygon' as const, coordinates: g.coordinates.map((r) => r.map(move)) }
          : g.type === 'MultiPolygon' ? { type: 'MultiPolygon' as const, coordinates: g.coordinates.map((p) => p.map((r) => r.map(move))) } : g;
    return { op: 'update', id: f.properties.id, geometry, ...(k === 'camera' ? { props: { headingDeg: d.heading } } : {}) };
  }
  const a = anchor(twin, o.pick), d = o as { dx: number; dy: number; heading: number; throwing?: boolean };
  const id = `prop-${k}-${serial++}`;
  const at = offset(a, d.dx, d.dy);
  const feature = (properties: Record<string, unknown>, geometry: TwinFeatureJson['geometry']): Edit =>
    ({ op: 'add', feature: { type: 'Feature', properties: { kind: k, id, ...properties }, geometry } as TwinFeatureJson });
  switch (o.t) {
    case 'addCamera': return feature(d.throwing
      ? { purpose: 'throwing', headingDeg: d.heading, hfovDeg: 90, vfovDeg: 60, tiltDeg: 30, rangeM: 60, mountHeightM: 2, online: true, intact: true }
      : { purpose: 'keyLocation', headingDeg: d.heading, hfovDeg: 80, rangeM: 40, online: true, intact: true, imageOut: true }, { type: 'Point', coordinates: at });
    case 'addFiveG': return feature({ band: 'n78', heightM: 20, eirpDbm: 55 }, { type: 'Point', coordinates: at });
    case 'addVenue': return feature({ type: 'sports' }, { type: 'Point', coordinates: at });
    case 'addPath': return feature({ type: 'footway' }, { type: 'LineString', coordinates: [at, offset(at, 30, 20)] });
  }
  return null;
}

describe.each([['nanmen', NANMEN, 'growth'], ['xueyuan', XUEYUAN, 'benchmark']])('%s %s', (_name, path, tier) => {
  const base = readTwin(path);
  test('after random edits the incremental report equals a full evaluate of the edited twin', () => {
    fc.assert(fc.property(fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), (batches) => {
      const session = Session.create(base, shandong, tier);
      for (const batch of batches) {
        const edits: Edit[] = [];
        let twin = session.twinFile;
        for (const o of batch) {
          const e = materialise(twin, o);
          if (!e) continue;
          edits.push(e);
          twin = applyEdits(twin, [e]);
        }
        session.apply(edits);
      }
      const full = evaluate(session.twinFile, shandong, tier);
      expect(asJson(session.report)).toEqual(asJson(full));
    }), { numRuns: 12, seed: 7 });
  });
});

test('a camera move re-tests only camera checks, and deltas name the gaps it opens and closes', () => {
  const twin = readTwin(NANMEN);
  const session = Session.create(twin, shandong, 'growth');
  const vc = session.report.rows.flatMap((r) => r.checks).find((c) => c.id === 'video-coverage')!;
  const gapId = vc.evidence.failingIds[0];
  const kl = twin.features.find((f) => f.properties.id === gapId)!;
  const at = (kl.geometry as { type: string; coordinates: number[] }).coordinates;
  const camera: TwinFeatureJson = {
    type: 'Feature', properties: { kind: 'camera', id: 'planned-1', purpose: 'keyLocation', headingDeg: 90, hfovDeg: 90, rangeM: 30, online: true, intact: true },
    geometry: { type: 'Point', coordinates: offset(Array.isArray(at[0]) ? (at as unknown as number[][])[0] : at, -10, 0) },
  };
  const r = session.apply([{ op: 'add', feature: camera }]);
  expect(r.recomputed.every((id) => CHECK_READS[id].includes('camera'))).toBe(true);
  expect(r.recomputed).not.toContain('sports-walk');
  const delta = r.deltas.find((d) => d.id === 'video-coverage')!;
  expect(delta.after).toBe(session.report.rows.flatMap((x) => x.checks).find((c) => c.id === 'video-coverage')!.value);
  expect(asJson(session.report)).toEqual(asJson(evaluate(session.twinFile, shandong, 'growth')));
});

test('every computed check id of the standard is in the dependency table', () => {
  const ids = new Set(shandong.tiers.flatMap((t) => t.rows.flatMap((r) => r.checks.filter((c) => !c.attested).map((c) => c.id))));
  for (const id of ids) expect(Object.keys(CHECK_READS), id).toContain(id);
  for (const id of Object.keys(measures)) expect(Object.keys(CHECK_READS), id).toContain(id);
});

test('a bad edit names its index and field, and leaves the session as it was', () => {
  const session = Session.create(readTwin(NANMEN), shandong, 'growth');
  const before = session.report;
  const bad: Edit[] = [
    { op: 'delete', id: ofKind(session.twinFile, 'camera')[0].properties.id },
    { op: 'update', id: ofKind(session.twinFile, 'camera')[1].properties.id, props: { hfovDeg: -5 } },
  ];
  let error: unknown;
  try { session.apply(bad); } catch (e) { error = e; }
  expect(error).toBeInstanceOf(EditError);
  expect((error as EditError).issues[0]).toMatchObject({ editIndex: 1, field: 'properties.hfovDeg' });
  expect((error as Error).message).toMatch(/^edit 1 \(update "/);
  expect(session.report).toBe(before);
  expect(() => applyEdits(session.twinFile, [{ op: 'add', feature: ofKind(session.twinFile, 'camera')[0] }])).toThrow(/edit 0 \(add .*already exists/);
  expect(() => applyEdits(session.twinFile, [{ op: 'delete', id: 'nope' }])).toThrow(/edit 0 .*no feature with id "nope"/);
  expect(() => applyEdits(session.twinFile, [{ op: 'add', feature: { type: 'Feature', properties: { kind: 'camera', id: 'x' }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } } as TwinFeatureJson }]))
    .toThrow(/edit 0 \(add "x"\) geometry.type/);
});
