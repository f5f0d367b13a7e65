/**
 * video-coverage — cameras for uncovered key locations, each checked with the engine's view rule
 * (geo/cameraView viewTest: range, angle, footprints blocking the sight line). A point gets one
 * camera on the nearest building wall (0.3 m outside, facing it) or on a pole a few metres away;
 * a line gets cameras along it, each placed at the first uncovered sample and looking down the
 * line. Key locations are taken by coverage gained per camera until the value reaches the threshold.
 */
import type { Edit } from '../edit/types.ts';
import { bearingDeg, cameraSet, camerasNear, viewTest, type CameraM } from '../geo/cameraView.ts';
import type { XY } from '../geo/clip.ts';
import { footprintIndex, classifyPoint, type FootprintIndex } from '../geo/lineOfSight.ts';
import { sampleLine } from '../geo/lineSamples.ts';
import { coverageParams } from '../measures/video-coverage.ts';
import type { TwinFeature } from '../twin/types.ts';
import { cameraIdentity, pointGeometry, proposedFeature, type Suggester } from './context.ts';

interface Placed { xy: XY; headingDeg: number; hfovDeg: number; rangeM: number }

const insideFootprint = (fp: FootprintIndex, p: XY): boolean =>
  (fp.tree?.search(p[0], p[1], p[0], p[1]) ?? []).some((i) => fp.footprints[i].polygons.some((poly) => classifyPoint(p, poly) >= 0));

/** Points 0.3 m off the walls of buildings within 25 m of P, on P's side, nearest first. */
function wallPoints(fp: FootprintIndex, p: XY): XY[] {
  const out: { xy: XY; d: number }[] = [];
  for (const i of fp.tree?.search(p[0] - 25, p[1] - 25, p[0] + 25, p[1] + 25) ?? []) {
    for (const poly of fp.footprints[i].polygons) for (const ring of poly) {
      for (let k = 1; k < ring.length; k++) {
        const a = ring[k - 1], b = ring[k];
        const dx = b[0] - a[0], dy = b[1] - a[1], l2 = dx * dx + dy * dy;
        const t = l2 > 0 ? Math.max(0.05, Math.min(0.95, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2)) : 0;
        const q: XY = [a[0] + t * dx, a[1] + t * dy];
        const d = Math.hypot(p[0] - q[0], p[1] - q[1]);
        if (d < 0.5 || d > 25) continue;
        out.push({ xy: [q[0] + (0.3 * (p[0] - q[0])) / d, q[1] + (0.3 * (p[1] - q[1])) / d], d });
      }
    }
  }
  return out.sort((a, b) => a.d - b.d).slice(0, 12).map((o) => o.xy);
}

const camera = (c: Placed): CameraM => ({ id: 'candidate', xy: c.xy, headingDeg: c.headingDeg, hfovDeg: c.hfovDeg, rangeM: c.rangeM, active: true });

function cameraForPoint(fp: FootprintIndex, p: XY, minBlockM: number): Placed | null {
  const poles: XY[] = [0, 45, 90, 135, 180, 225, 270, 315].flatMap((deg) => [4, 8].map((r): XY =>
    [p[0] + r * Math.sin((deg * Math.PI) / 180), p[1] + r * Math.cos((deg * Math.PI) / 180)]));
  for (const xy of [...wallPoints(fp, p), ...poles]) {
    if (insideFootprint(fp, xy)) continue;
    const d = Math.hypot(p[0] - xy[0], p[1] - xy[1]);
    const c: Placed = { xy, headingDeg: bearingDeg(xy, p), hfovDeg: 90, rangeM: Math.ceil(Math.max(20, d + 10)) };
    if (viewTest(camera(c), p, fp, minBlockM).sees) return c;
  }
  return null;
}

function camerasForLine(fp: FootprintIndex, samples: { xy: XY; atM: number }[], covered: boolean[], minBlockM: number): Placed[] {
  const placed: Placed[] = [];
  const seen = (i: number) => covered[i] || placed.some((c) => viewTest(camera(c), samples[i].xy, fp, minBlockM).sees);
  const RANGE = 60;
  for (let i = 0; i < samples.length; i++) {
    if (seen(i)) continue;
    const s = samples[i];
    const ahead = samples.find((q) => q.atM >= s.atM + 0.7 * RANGE) ?? samples[samples.length - 1];
    const next = samples[Math.min(i + 1, samples.length - 1)], prev = samples[Math.max(i - 1, 0)];
    const dx = next.xy[0] - prev.xy[0], dy = next.xy[1] - prev.xy[1], len = Math.hypot(dx, dy) || 1;
    // beside the line at a few offsets, looking down it or at the sample: the one that sees most of what is still uncovered
    const options: XY[] = [0.5, 1, 3, -0.5, -1, -3].map((o): XY => [s.xy[0] - (o * dy) / len, s.xy[1] + (o * dx) / len]);
    let chosen: Placed | null = null, best = 0;
    for (const xy of [...options, s.xy]) {
      if (insideFootprint(fp, xy)) continue;
      for (const target of [ahead.xy, s.xy]) {
        const c: Placed = { xy, headingDeg: Math.hypot(target[0] - xy[0], target[1] - xy[1]) > 0 ? bearingDeg(xy, target) : 0, hfovDeg: 60, rangeM: RANGE };
        const cam = camera(c);
        if (!viewTest(cam, s.xy, fp, minBlockM).sees) continue;
        let gain = 0;
        for (let j = i; j < samples.length && samples[j].atM <= s.atM + RANGE + 1; j++) if (!seen(j) && viewTest(cam, samples[j].xy, fp, minBlockM).sees) gain++;
        if (gain > best) { best = gain; chosen = c; }
      }
    }
    if (chosen) placed.push(chosen);
  }
  return placed;
}

export const videoCoverage: Suggester = ({ twin, check, ctx, newId }) => {
  const { spacingM, minBlockM } = coverageParams(ctx);
  const fp = footprintIndex(twin);
  const set = cameraSet(twin, fp);
  const coveredNow = (p: XY) => camerasNear(set, p).some((c) => c.active && viewTest(c, p, fp, minBlockM).sees);
  const total = check.evidence.counts.keyLocations ?? 0;
  const proposals: { gain: number; cameras: Placed[] }[] = [];
  for (const id of check.evidence.failingIds) {
    const kl = twin.byId.get(id) as TwinFeature<'keyLocation'> | undefined;
    if (!kl) continue;
    if (kl.geometry.type === 'Point') {
      const c = cameraForPoint(fp, twin.projection.forward(kl.geometry.coordinates), minBlockM);
      if (c) proposals.push({ gain: 1, cameras: [c] });
    } else {
      const samples = sampleLine(kl.geometry.coordinates.map((p) => twin.projection.forward(p)), spacingM);
      const covered = samples.map((s) => coveredNow(s.xy));
      const cams = camerasForLine(fp, samples, covered, minBlockM);
      if (cams.length) proposals.push({ gain: covered.filter((c) => !c).length / samples.length, cameras: cams });
    }
  }
  proposals.sort((a, b) => b.gain / b.cameras.length - a.gain / a.cameras.length);
  let value = check.value ?? 0;
  const edits: Edit[] = [];
  for (const p of proposals) {
    if (value >= (ctx.threshold ?? 100) - 1e-9) break;
    value += (100 * p.gain) / Math.max(1, total);
    for (const c of p.cameras) {
      const id = newId('proposed-camera');
      edits.push(proposedFeature('camera', id, {
        ...cameraIdentity(twin, id), purpose: 'keyLocation', headingDeg: +c.headingDeg.toFixed(1), hfovDeg: c.hfovDeg, vfovDeg: 50, tiltDeg: -10, rangeM: c.rangeM,
        mountHeightM: 4, online: true, intact: true, imageOut: true,
      }, pointGeometry(twin, c.xy)));
    }
  }
  return edits;
};
