/**
 * 5g — modelled sites that close the coverage holes: candidates on the roofs of the tallest
 * buildings, on smart poles and on a grid over the holes, each with the engine's own site model
 * (radio/siteCoverage, the 5g check's parameters); greedy maximum coverage of the remaining holes
 * until the rate reaches the threshold.
 */
import type { Edit } from '../edit/types.ts';
import { areaM2, difference, intersection, projectPolygonal, union, type MultiPolygonM } from '../geo/clip.ts';
import { siteParams } from '../measures/5g.ts';
import { areaCentroidXY, pointInPolygonXY, polygonsXY, type XY } from '../measures/compounds.ts';
import { siteCoverage } from '../radio/siteCoverage.ts';
import type { TwinFeature } from '../twin/types.ts';
import type { Twin } from '../twin/model.ts';
import { lonLat, proposedFeature, type Suggester } from './context.ts';

interface Candidate { xy: XY; heightM: number; source: string; ring: XY[] }

const BAND = 'n78';
const EIRP_DBM = 60;

function modelled(twin: Twin, xy: XY, heightM: number, params: ReturnType<typeof siteParams>): XY[] {
  const f = { type: 'Feature', properties: { kind: 'fiveG', id: 'candidate', band: BAND, heightM, eirpDbm: EIRP_DBM }, geometry: { type: 'Point', coordinates: lonLat(twin, xy) } } as unknown as TwinFeature<'fiveG'>;
  const s = siteCoverage(twin, f, params);
  return 'problem' in s ? [] : s.ring;
}

export const fiveG: Suggester = ({ twin, check, ctx, newId }) => {
  const params = siteParams(ctx.params);
  const threshold = ctx.threshold ?? 100;
  const communityM2 = areaM2(union([projectPolygonal(twin.community.geometry, twin.projection)]));
  let holes: MultiPolygonM = union(check.evidence.gaps.features
    .filter((g) => g.geometry.type === 'Polygon' || g.geometry.type === 'MultiPolygon')
    .map((g) => projectPolygonal(g.geometry as never, twin.projection)));
  const candidates: Candidate[] = [];
  const add = (xy: XY, heightM: number, source: string) => {
    const ring = modelled(twin, xy, heightM, params);
    if (ring.length >= 3) candidates.push({ xy, heightM, source, ring });
  };
  const floorH = (b: TwinFeature<'building'>) => b.properties.floorHeightM ?? 3;
  const tallest = [...twin.features.building].filter((b) => typeof b.properties.floors === 'number')
    .sort((a, b) => (b.properties.floors as number) * floorH(b) - (a.properties.floors as number) * floorH(a)).slice(0, 12);
  for (const b of tallest) add(areaCentroidXY(polygonsXY(twin, b.geometry)), (b.properties.floors as number) * floorH(b) + 3, `roof of ${b.properties.id}`);
  for (const p of twin.features.smartPole) add(twin.projection.forward(p.geometry.coordinates), 10, `smart pole ${p.properties.id}`);
  const radius = Math.max(30, ...candidates.map((c) => Math.max(...c.ring.map((q) => Math.hypot(q[0] - c.xy[0], q[1] - c.xy[1])))));
  const holeXs = holes.flatMap((poly) => poly[0] ?? []);
  if (holeXs.length) {
    const step = Math.max(25, radius / 1.5);
    const [x0, x1] = [Math.min(...holeXs.map((p) => p[0])), Math.max(...holeXs.map((p) => p[0]))];
    const [y0, y1] = [Math.min(...holeXs.map((p) => p[1])), Math.max(...holeXs.map((p) => p[1]))];
    for (let x = x0 + step / 4; x <= x1; x += step / 2) for (let y = y0 + step / 4; y <= y1; y += step / 2) {
      if (holes.some((poly) => pointInPolygonXY([x, y], [poly]))) add([x, y], 25, 'grid over the holes');
    }
  }
  const edits: Edit[] = [];
  const rate = () => (100 * (communityM2 - areaM2(holes))) / communityM2;
  while (rate() < threshold - 1e-9 && candidates.length && edits.length < 40) {
    let best = -1, bestGain = 0;
    candidates.forEach((c, i) => {
      const gain = areaM2(intersection([[c.ring]], holes));
      if (gain > bestGain) { best = i; bestGain = gain; }
    });
    if (best < 0 || bestGain < 1) break;
    const c = candidates.splice(best, 1)[0];
    holes = difference(holes, [[c.ring]]);
    edits.push(proposedFeature('fiveG', newId('proposed-5g'), { band: BAND, heightM: +c.heightM.toFixed(1), eirpDbm: EIRP_DBM, siting: c.source },
      { type: 'Point', coordinates: lonLat(twin, c.xy) }));
  }
  return edits;
};
