/**
 * `5g` — 5G-covered share of the community's area (domain.md §2, §3 "5G").
 * Coverage = measured fiveG (Multi)Polygons as given ∪ modelled sites (fiveG Points, TR 38.901
 * median path loss, SS-RSRP ≥ `rsrpThresholdDbm`), unioned exactly with Clipper in the local
 * projection and intersected with the community; gaps are the uncovered parts.
 */
import type { Feature, Polygon } from 'geojson';
import type { Measure, MeasureContext, Params } from './types.ts';
import type { Twin } from '../twin/model.ts';
import { result } from './result.ts';
import {
  areaM2, cascadedUnion, difference, intersection, polygonAreaM2OfM, projectPolygonal, union, unprojectPolygon,
  type MultiPolygonM,
} from '../geo/clip.ts';
import { siteCoverage, type SiteModelParams } from '../radio/siteCoverage.ts';
import type { Condition, Scenario } from '../radio/pathLoss.ts';

const num = (p: Params, k: string): number => Number(p[k]);

/**
 * From this many coverage parts on, they are unioned as a tree (`cascadedUnion`). One Clipper
 * operation grows faster than linearly with overlapping parts (510 sectors: ~720 ms against ~80 ms
 * as a tree), while for a few dozen it is as fast or faster. Below the threshold the union is the
 * single operation, so reports of communities with fewer parts stay bit-identical to before; above
 * it, areas agree with the single operation to ~1e-9 relative (vertices rounded to the 0.1 mm grid
 * at each level of the tree). bench/RESULTS.md has the measurements.
 */
export const CASCADE_MIN_PARTS = 128;

export const coverageUnion = (parts: readonly MultiPolygonM[]): MultiPolygonM =>
  (parts.length >= CASCADE_MIN_PARTS ? cascadedUnion(parts) : union(parts));

export function siteParams(p: Params): SiteModelParams {
  const scenario = String(p.pathLossScenario);
  const condition = String(p.pathLossCondition).toUpperCase();
  return {
    rsrpThresholdDbm: num(p, 'rsrpThresholdDbm'),
    scenario: scenario === 'UMa' || scenario === 'UMi' ? (scenario as Scenario) : 'auto',
    umiMaxHeightM: num(p, 'umiMaxHeightM'),
    condition: (condition === 'LOS' ? 'LOS' : 'NLOS') as Condition,
    ueHeightM: num(p, 'ueHeightM'),
    defaultHeightM: num(p, 'defaultSiteHeightM'),
    defaultEirpDbm: num(p, 'defaultEirpDbm'),
    extraLossDb: num(p, 'extraLossDb'),
    arcToleranceM: num(p, 'arcToleranceM'),
  };
}

function run(twin: Twin, ctx: MeasureContext) {
  const params = { ...measure.defaults, ...ctx.params };
  const proj = twin.projection;
  const community = projectPolygonal(twin.community.geometry, proj);
  const communityM2 = areaM2(union([community]));
  const reasons: Record<string, string> = {};
  const parts: MultiPolygonM[] = [];
  const sites: Record<string, unknown>[] = [];
  let measured = 0, modelled = 0;
  for (const f of twin.features.fiveG) {
    const id = String(f.properties.id);
    const g = f.geometry;
    if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      parts.push(projectPolygonal(g, proj));
      measured++;
    } else if (g.type === 'Point') {
      const s = siteCoverage(twin, f, siteParams(params));
      if ('problem' in s) { reasons[id] = `site not modelled: ${s.problem}`; continue; }
      modelled++;
      if (s.ring.length >= 3) parts.push([[s.ring]]);
      else reasons[id] = `SS-RSRP below ${params.rsrpThresholdDbm} dBm even at 10 m`;
      if (s.assumed.length) reasons[id] = `assumed ${s.assumed.join(', ')}`;
      sites.push({ id, radiusM: s.radiusM, scenario: s.scenario, fGHz: s.fGHz, eirpPerReDbm: s.eirpPerReDbm });
    }
  }
  const covered = intersection(coverageUnion(parts), community);
  const coveredM2 = areaM2(covered);
  const holes = difference(community, covered);
  const gaps: Feature<Polygon, Record<string, unknown>>[] = holes
    .map((poly) => ({ poly, a: polygonAreaM2OfM(poly) }))
    .filter(({ a }) => a > 0)
    .sort((x, y) => y.a - x.a)
    .map(({ poly, a }, i) => ({
      type: 'Feature', geometry: unprojectPolygon(poly, proj),
      properties: { kind: 'uncovered5g', index: i, areaM2: a },
    }));
  const value = communityM2 > 0 ? (100 * coveredM2) / communityM2 : null;
  const noInput = twin.features.fiveG.length === 0;
  return result('5g', '%', ctx, noInput ? 0 : value, {
    counts: {
      measuredPolygons: measured, modelledSites: modelled, communityM2, coveredM2,
      uncoveredM2: Math.max(0, communityM2 - coveredM2), gapPolygons: gaps.length,
    },
    failingIds: [],
    gaps: { type: 'FeatureCollection', features: gaps },
    reasons,
    sites,
  }, {
    method: measure.method,
    ...(noInput ? { pass: false, reason: 'no 5G sites or measured coverage (fiveG features) in the twin' } : {}),
  });
}

export const measure: Measure = {
  id: '5g',
  unit: '%',
  defaults: {
    rsrpThresholdDbm: -105,
    pathLossScenario: 'auto',
    umiMaxHeightM: 15,
    pathLossCondition: 'NLOS',
    ueHeightM: 1.5,
    defaultSiteHeightM: 25,
    defaultEirpDbm: 60,
    extraLossDb: 0,
    arcToleranceM: 0.05,
  },
  method: '100 × area(union(measured coverage, modelled sites) ∩ community) ÷ area(community); sites: TR 38.901 median path loss (UMa, UMi when heightM ≤ umiMaxHeightM), SS-RSRP per resource element ≥ rsrpThresholdDbm; exact polygon union (Clipper, 0.1 mm grid) in the community-centred transverse Mercator',
  run,
};
