/** The map handles of the planner (client/planner/tools.ts): where they sit and what dragging one edits. */
import { expect, test } from 'vitest';
import { bearingDeg, distanceM, dragEdits, handlesOf, offsetM } from '../../client/planner/tools.ts';

const at: [number, number] = [118.48, 36.69];
const camera = { geometry: { type: 'Point' as const, coordinates: at }, properties: { kind: 'camera', id: 'cam-1', headingDeg: 30, hfovDeg: 90, rangeM: 60 } };
const site = { geometry: { type: 'Point' as const, coordinates: at }, properties: { kind: 'fiveG', id: 'g-1', azimuthDeg: 200, beamwidthDeg: 65 } };
const props = (edits: ReturnType<typeof dragEdits>) => (edits[0] as { props: Record<string, number> }).props;

test('a camera has move, heading, range and field-of-view handles on its sector', () => {
  const h = Object.fromEntries(handlesOf(camera).map((x) => [x.role, x.position]));
  expect(Object.keys(h).sort()).toEqual(['fov', 'heading', 'move', 'range']);
  expect(h.move).toEqual(at);
  expect(bearingDeg(at, h.heading)).toBeCloseTo(30, 6);
  expect(distanceM(at, h.range)).toBeCloseTo(60, 6);
  expect(bearingDeg(at, h.fov)).toBeCloseTo(75, 6);
  expect(distanceM(at, h.fov)).toBeCloseTo(60, 6);
});

test('dragging a handle onto its own place changes nothing; elsewhere it sets the value the pointer shows', () => {
  for (const h of handlesOf(camera)) {
    const edits = dragEdits(camera, h.role, h.position);
    if (h.role === 'move') expect(edits).toEqual([{ op: 'update', id: 'cam-1', geometry: { type: 'Point', coordinates: at } }]);
    else expect(Object.values(props(edits))[0]).toBe({ heading: 30, range: 60, fov: 90 }[h.role]);
  }
  expect(props(dragEdits(camera, 'heading', offsetM(at, 271, 5)))).toEqual({ headingDeg: 271 });
  expect(props(dragEdits(camera, 'heading', offsetM(at, 359.7, 5)))).toEqual({ headingDeg: 0 });
  expect(props(dragEdits(camera, 'range', offsetM(at, 170, 23.4)))).toEqual({ rangeM: 23 });
  expect(props(dragEdits(camera, 'range', at))).toEqual({ rangeM: 1 });
  // the field of view is twice the angle from the heading, on either side, 5°–360°
  expect(props(dragEdits(camera, 'fov', offsetM(at, 30 - 60, 10)))).toEqual({ hfovDeg: 120 });
  expect(props(dragEdits(camera, 'fov', offsetM(at, 31, 10)))).toEqual({ hfovDeg: 5 });
  expect(props(dragEdits(camera, 'fov', offsetM(at, 210, 10)))).toEqual({ hfovDeg: 360 });
});

test('a modelled 5G site turns its azimuth and opens its beamwidth; it has no range handle', () => {
  expect(handlesOf(site).map((h) => h.role)).toEqual(['move', 'heading', 'fov']);
  expect(props(dragEdits(site, 'heading', offsetM(at, 10, 30)))).toEqual({ azimuthDeg: 10 });
  expect(props(dragEdits(site, 'fov', offsetM(at, 240, 30)))).toEqual({ beamwidthDeg: 80 });
  expect(dragEdits(site, 'range', offsetM(at, 10, 30))).toEqual([]);
});

test('other points only move; areas and lines have no handles', () => {
  const venue = { geometry: { type: 'Point' as const, coordinates: at }, properties: { kind: 'venue', id: 'v-1' } };
  expect(handlesOf(venue).map((h) => h.role)).toEqual(['move']);
  expect(dragEdits(venue, 'heading', offsetM(at, 10, 30))).toEqual([]);
  const area = { geometry: { type: 'Polygon' as const, coordinates: [[at, offsetM(at, 0, 10), offsetM(at, 90, 10), at]] }, properties: { kind: 'fiveG', id: 'g-2' } };
  expect(handlesOf(area)).toEqual([]);
});
