/**
 * Incremental recompute (issue #7): a planning Session holds one community's twin and report for
 * one tier; `apply(edits)` applies edits and re-evaluates only the checks whose measures read a
 * changed feature kind (CHECK_READS), and for video-coverage and throwing only the key locations /
 * buildings within reach of a changed camera. Everything else is the previous result, unchanged.
 * The report equals a full `evaluate` of the edited twin (test/planner/incremental.test.ts checks
 * it on random edit sequences); `inputSha256` is computed when first read, since hashing the whole
 * file costs more than the recompute.
 *
 * An edit of the community feature (its outline sets the projection and the area) re-evaluates
 * everything.
 *
 * @example
 * const s = Session.create(twin, standard, 'growth');
 * const { report, deltas, elapsedMs } = s.apply([{ op: 'update', id: 'cam-1', geometry: { type: 'Point', coordinates: [117.13, 36.19] } }]);
 */
import { evaluate, latestAttestation, type EvaluateOptions } from './evaluate.ts';
import { applyEditsWithChanges, type EditChange } from './edit/apply.ts';
import type { Edit } from './edit/types.ts';
import { cameraSet } from './geo/cameraView.ts';
import { footprintIndex, type FootprintIndex } from './geo/lineOfSight.ts';
import { measures as registry } from './measures/index.ts';
import { emptyGaps } from './measures/result.ts';
import type { Measure, MeasureContext, ParamValue } from './measures/types.ts';
import {
  EXPLAIN_MARGIN_M, coverageParams, coverageResult, keyLocationOutcome, retestLine, type KeyLocationOutcome,
} from './measures/video-coverage.ts';
import {
  throwingApplicable, throwingBuilding, throwingFootprintBox, throwingResult, throwingScene,
  type ThrowingBuildingOutcome, type ThrowingScene,
} from './measures/throwing.ts';
import type { CheckResult, Report, ReportRow } from './report/types.ts';
import type { Standard } from './standard/types.ts';
import { canonicalSha256 } from './twin/canonical.ts';
import { buildTwin, positionsOf, type Twin } from './twin/model.ts';
import type { FeatureKind, TwinFeature, TwinFile } from './twin/types.ts';

/**
 * Which feature kinds each measure reads (from the measures' code; the community is read by all,
 * through the projection). A check id missing here is recomputed on every edit.
 */
export const CHECK_READS: Readonly<Record<string, readonly FeatureKind[]>> = {
  fibre: ['building'], tv: ['building'], energy: ['building'],
  '5g': ['fiveG'], '5g-indoor': ['fiveG'],
  'video-coverage': ['camera', 'keyLocation', 'building'],
  'video-online': ['camera'], 'video-intact': ['camera'], 'video-imageout': ['camera'], 'video-compliance': ['camera'],
  lighting: ['light', 'smartPole'],
  charging: ['compound', 'charger'],
  'sports-walk': ['path', 'venue', 'building'],
  library: ['venue'],
  access: ['compound', 'facility', 'keyLocation', 'building'],
  perimeter: ['compound', 'facility', 'camera', 'building'],
  throwing: ['camera', 'building'],
  'fire-ebike': ['compound', 'facility'], 'fire-hazard': ['compound', 'facility'],
  garbage: ['compound', 'facility'], convenience: ['compound', 'facility'],
  patrol: ['compound', 'facility', 'keyLocation', 'building'],
  emergency: ['facility', 'smartPole', 'building'],
  elderly: ['facility'],
};

/** Cameras that only some checks read: throwing reads throwing cameras, perimeter perimeter cameras (all working ones with openCompoundImageCapture). */
const CAMERAS_READ: Readonly<Record<string, (camera: TwinFeature, ctx: MeasureContext) => boolean>> = {
  throwing: (c) => c.properties.purpose === 'throwing',
  perimeter: (c, ctx) => c.properties.purpose === 'perimeter' || ctx.params.openCompoundImageCapture === true,
};

/** Does any change touch a feature this check reads? */
function touches(slot: { id: string; ctx: MeasureContext }, changes: readonly EditChange[]): boolean {
  const reads = CHECK_READS[slot.id];
  if (!reads) return true;
  return changes.some((c) => [c.before, c.after].some((f) => {
    if (!f || !reads.includes(f.properties.kind)) return false;
    const camerasRead = CAMERAS_READ[slot.id];
    return f.properties.kind !== 'camera' || !camerasRead || camerasRead(f as TwinFeature, slot.ctx);
  }));
}

export interface CheckDelta {
  row: number;
  id: string;
  before: number | null;
  after: number | null;
  /** after − before, null when either is null */
  delta: number | null;
  passBefore: boolean | null;
  passAfter: boolean | null;
  /** failing ids that appeared / disappeared since the baseline */
  opened: string[];
  closed: string[];
}

export interface ApplyResult {
  report: Report;
  /** every computed check, against the session's baseline */
  deltas: CheckDelta[];
  /** check ids recomputed for these edits (the others kept their result) */
  recomputed: string[];
  elapsedMs: number;
}

/** A computed check of the tier: where it sits in the report and the context evaluate gave its measure. */
interface Slot { rowIndex: number; checkIndex: number; id: string; measure: Measure; ctx: MeasureContext }

type Box = [number, number, number, number];
const overlaps = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class Session {
  readonly baseline: Report;
  private file: TwinFile;
  private current: Report;
  private twin: Twin;
  private slots: Slot[] = [];
  private video = new Map<Slot, VideoState>();
  private throwing = new Map<Slot, ThrowingState>();

  private constructor(file: TwinFile, readonly standard: Standard, readonly tier: string, readonly opts: EvaluateOptions) {
    this.file = file;
    this.twin = buildTwin(file);
    this.current = this.fullEvaluate(file);
    this.baseline = this.current;
  }

  /** A session on a (validated) twin; the baseline is a full evaluate. */
  static create(twinFile: TwinFile, standard: Standard, tier: string, opts: { params?: Record<string, ParamValue> } = {}): Session {
    return new Session(twinFile, standard, tier, opts.params ? { params: opts.params } : {});
  }

  get report(): Report { return this.current; }
  get twinFile(): TwinFile { return this.file; }

  /** Apply edits (validated; an EditError leaves the session as it was) and bring the report up to date. */
  apply(edits: readonly Edit[]): ApplyResult {
    const started = now();
    const { twin: file, changes } = applyEditsWithChanges(this.file, edits);
    const kinds = new Set<FeatureKind>();
    for (const c of changes) for (const f of [c.before, c.after]) if (f) kinds.add(f.properties.kind);
    let recomputed: string[];
    if (kinds.has('community')) {
      this.file = file;
      this.twin = buildTwin(file);
      this.current = this.fullEvaluate(file);
      recomputed = this.slots.map((s) => s.id);
    } else {
      const twin = buildTwin(file);
      const checks = new Map<Slot, CheckResult>();
      recomputed = [];
      for (const slot of this.slots) {
        if (!touches(slot, changes)) continue;
        const video = this.video.get(slot), throwing = this.throwing.get(slot);
        const r = video ? video.update(twin, changes, kinds)
          : throwing ? throwing.update(twin, changes, kinds)
            : runMeasure(slot, twin);
        if (r === null) continue;
        checks.set(slot, toCheck(slot, r));
        recomputed.push(slot.id);
      }
      this.file = file;
      this.twin = twin;
      this.current = this.assemble(checks, file);
    }
    return { report: this.current, deltas: this.deltas(), recomputed, elapsedMs: now() - started };
  }

  /** The context evaluate gives a computed check's measure (effective params, tier, threshold), or null. */
  contextOf(checkId: string): MeasureContext | null {
    return this.slots.find((s) => s.id === checkId)?.ctx ?? null;
  }

  /** The current result of a check (first occurrence in the table), or null. */
  check(checkId: string): CheckResult | null {
    for (const r of this.current.rows) for (const c of r.checks) if (c.id === checkId) return c;
    return null;
  }

  /** Every computed check against the baseline. */
  deltas(): CheckDelta[] {
    return this.slots.map((s) => {
      const a = this.baseline.rows[s.rowIndex].checks[s.checkIndex], b = this.current.rows[s.rowIndex].checks[s.checkIndex];
      const before = new Set(a.evidence.failingIds), after = new Set(b.evidence.failingIds);
      return {
        row: this.current.rows[s.rowIndex].row, id: s.id, before: a.value, after: b.value,
        delta: a.value === null || b.value === null ? null : b.value - a.value,
        passBefore: a.pass, passAfter: b.pass,
        opened: [...after].filter((id) => !before.has(id)), closed: [...before].filter((id) => !after.has(id)),
      };
    });
  }

  /** evaluate, with every measure call observed: its context is kept, video-coverage and throwing keep their parts. */
  private fullEvaluate(file: TwinFile): Report {
    const tierSpec = this.standard.tiers.find((t) => t.id === this.tier);
    const base = this.opts.measures ?? registry;
    // evaluate runs the measure of every computed check that has one, in table order
    const positions = (tierSpec?.rows ?? []).flatMap((row, rowIndex) =>
      row.checks.flatMap((c, checkIndex) => (c.attested || !base[c.id] ? [] : [{ rowIndex, checkIndex }])));
    const slots: Slot[] = [];
    this.video.clear();
    this.throwing.clear();
    const observed = Object.fromEntries(Object.entries(base).map(([id, m]) => [id, {
      ...m,
      run: (twin: Twin, ctx: MeasureContext) => {
        const slot: Slot = { ...positions[slots.length], id, measure: m, ctx };
        slots.push(slot);
        if (m === registry['video-coverage']) {
          const state = new VideoState(slot);
          this.video.set(slot, state);
          return state.full(twin);
        }
        if (m === registry.throwing) {
          const state = new ThrowingState(slot);
          this.throwing.set(slot, state);
          return state.full(twin);
        }
        return m.run(twin, ctx);
      },
    } satisfies Measure]));
    const report = evaluate(file, this.standard, this.tier, { ...this.opts, measures: observed });
    this.slots = slots;
    return report;
  }

  /** The previous report with some checks replaced; rows, summary and grade recomputed as evaluate does. */
  private assemble(changed: Map<Slot, CheckResult>, file: TwinFile): Report {
    const rows: ReportRow[] = this.current.rows.map((r) => ({ ...r, checks: [...r.checks] }));
    for (const [slot, check] of changed) rows[slot.rowIndex].checks[slot.checkIndex] = check;
    for (const r of rows) {
      r.pass = r.checks.some((c) => c.pass === false) ? false : r.checks.some((c) => c.pass === null) ? null : true;
    }
    const summary = { passed: 0, failed: 0, attested: 0, missing: 0 };
    for (const r of rows) {
      if (r.pass === null) summary.missing++;
      else if (!r.pass) summary.failed++;
      else if (r.kind === 'computed') summary.passed++;
      else summary.attested++;
    }
    // copy without reading the previous report's (lazy) inputSha256
    const descriptors = Object.getOwnPropertyDescriptors(this.current);
    delete (descriptors as Partial<typeof descriptors>).inputSha256;
    const report = Object.defineProperties({}, descriptors) as Report;
    report.summary = summary;
    report.rows = rows;
    const grading = this.standard.tiers.find((t) => t.id === this.tier)?.grading;
    if (grading?.length) {
      const met = summary.passed + summary.attested;
      const conditionMet = (g: { level: string | number; condition?: string }) =>
        !g.condition || latestAttestation(this.twin.attestations, `grade-${g.level}`)?.pass === true;
      const reached = grading.filter((g) => g.minMet <= met && conditionMet(g)).sort((a, b) => b.minMet - a.minMet)[0];
      report.grade = reached ? { level: reached.level, met, of: rows.length } : null;
    }
    return withLazySha(report, file);
  }
}

/** `inputSha256` as evaluate computes it, on first read (JSON.stringify and structuredClone read it). */
function withLazySha(report: Report, file: TwinFile): Report {
  const keys = Object.keys(report);
  const ordered: Record<string, unknown> = {};
  // keep evaluate's key order: inputSha256 right after engineVersion
  for (const k of keys) {
    ordered[k] = (report as unknown as Record<string, unknown>)[k];
    if (k === 'engineVersion') {
      Object.defineProperty(ordered, 'inputSha256', {
        enumerable: true, configurable: true,
        get() {
          const value = canonicalSha256(file);
          Object.defineProperty(ordered, 'inputSha256', { value, enumerable: true, writable: true, configurable: true });
          return value;
        },
      });
    }
  }
  return ordered as unknown as Report;
}

function runMeasure(slot: Slot, twin: Twin): CheckResult | Error {
  try {
    return slot.measure.run(twin, slot.ctx);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

/** What evaluate's computedCheck makes of a measure result (or of its error). */
function toCheck(slot: Slot, r: CheckResult | Error): CheckResult {
  if (r instanceof Error) {
    return {
      id: slot.id, value: null, unit: slot.measure.unit, threshold: slot.ctx.threshold ?? null, pass: false,
      reason: `error: ${r.message}`, method: slot.measure.method, evidence: { counts: {}, failingIds: [], gaps: emptyGaps() },
    };
  }
  const reason = r.reason ?? (r.pass === false ? shortfall(r) : undefined);
  return { ...r, id: slot.id, method: r.method ?? slot.measure.method, ...(reason ? { reason } : {}) };
}

function shortfall(r: CheckResult): string {
  if (r.value === null) return 'no value could be computed';
  const unit = r.unit === '%' ? ' %' : r.unit === 'bool' || r.unit === 'count' ? '' : ` ${r.unit}`;
  const value = Number.isInteger(r.value) ? String(r.value) : r.value.toFixed(2);
  return r.threshold !== null && r.value < r.threshold ? `${value}${unit} below the threshold ${r.threshold}${unit}` : 'requirement not met';
}

/** A camera's reach as a box in metres (range, plus `marginM`), or null when it cannot cover anything. */
function cameraBox(twin: Twin, f: TwinFeature | null, marginM: number): Box | null {
  if (!f || f.properties.kind !== 'camera') return null;
  const p = f.properties as Record<string, unknown>;
  if (f.geometry?.type !== 'Point') return null;
  const rangeM = p.rangeM;
  if (typeof rangeM !== 'number' || !Number.isFinite(rangeM)) return null;
  const [x, y] = twin.projection.forward(f.geometry.coordinates);
  const r = rangeM + marginM;
  return [x - r, y - r, x + r, y + r];
}

function featureBox(twin: Twin, f: TwinFeature, marginM = 0): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const pos of positionsOf(f.geometry)) {
    const [x, y] = twin.projection.forward(pos);
    b[0] = Math.min(b[0], x - marginM); b[1] = Math.min(b[1], y - marginM);
    b[2] = Math.max(b[2], x + marginM); b[3] = Math.max(b[3], y + marginM);
  }
  return b;
}

/**
 * video-coverage kept per key location: a changed camera re-tests only key locations within its
 * old and new range (+ the 20 m the explanation looks beyond); a changed key location re-tests
 * itself; a changed building (occlusion) re-tests all.
 */
class VideoState {
  private outcomes = new Map<string, KeyLocationOutcome>();
  private footprints: FootprintIndex | null = null;
  constructor(private slot: Slot) {}

  full(twin: Twin): CheckResult {
    this.footprints = footprintIndex(twin);
    return this.recompute(twin, () => true);
  }

  update(twin: Twin, changes: EditChange[], kinds: Set<FeatureKind>): CheckResult | Error {
    try {
      if (kinds.has('building') || !this.footprints) return this.full(twin);
      const boxes: Box[] = [];
      const dirtyIds = new Set<string>();
      for (const c of changes) {
        for (const f of [c.before, c.after] as (TwinFeature | null)[]) {
          if (!f) continue;
          if (f.properties.kind === 'keyLocation') dirtyIds.add(f.properties.id);
          const box = cameraBox(twin, f, EXPLAIN_MARGIN_M);
          if (box) boxes.push(box);
        }
      }
      return this.recompute(twin, (kl) => dirtyIds.has(kl.properties.id) || boxes.some((b) => overlaps(b, featureBox(twin, kl))), dirtyIds, boxes);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  }

  private recompute(twin: Twin, dirty: (kl: TwinFeature<'keyLocation'>) => boolean, changedIds?: Set<string>, boxes?: Box[]): CheckResult {
    const set = cameraSet(twin, this.footprints ?? footprintIndex(twin));
    const p = coverageParams(this.slot.ctx);
    const next = new Map<string, KeyLocationOutcome>();
    const inBoxes = (xy: readonly number[]) => (boxes ?? []).some((b) => xy[0] >= b[0] && xy[0] <= b[2] && xy[1] >= b[1] && xy[1] <= b[3]);
    const outcomes = twin.features.keyLocation.map((kl) => {
      const id = String(kl.properties.id);
      const kept = this.outcomes.get(id);
      let o: KeyLocationOutcome;
      if (kept && !dirty(kl)) o = kept;
      // a line that did not change itself: only its samples within a changed camera's reach
      else if (kept && kept.counted && kept.line && boxes && !changedIds?.has(id)) o = retestLine(twin, kl, kept.line, set, p, inBoxes);
      else o = keyLocationOutcome(twin, kl, set, p);
      next.set(id, o);
      return o;
    });
    this.outcomes = next;
    return coverageResult(twin, this.slot.ctx, set, outcomes);
  }
}

/**
 * throwing kept per applicable building: a changed throwing camera re-tests only buildings whose
 * facade samples lie within its old or new range box; other cameras do not matter to this check;
 * a changed building re-tests all.
 */
class ThrowingState {
  private outcomes = new Map<string, ThrowingBuildingOutcome>();
  private scene: ThrowingScene | null = null;
  constructor(private slot: Slot) {}

  full(twin: Twin): CheckResult {
    this.scene = throwingScene(twin, this.slot.ctx.params);
    this.outcomes.clear();
    return this.recompute(twin, () => true);
  }

  update(twin: Twin, changes: EditChange[], kinds: Set<FeatureKind>): CheckResult | Error | null {
    try {
      if (kinds.has('building') || !this.scene) return this.full(twin);
      const throwingCameras = changes.flatMap((c) => [c.before, c.after]).filter(
        (f): f is NonNullable<typeof f> => f !== null && f.properties.kind === 'camera' && f.properties.purpose === 'throwing');
      if (throwingCameras.length === 0) return null; // no throwing camera changed: the result stands
      const boxes: Box[] = [];
      for (const f of throwingCameras) {
        const box = cameraBox(twin, f as TwinFeature, 0);
        if (box) boxes.push(box);
      }
      const old = this.scene;
      this.scene = throwingScene(twin, this.slot.ctx.params, { footprints: old.footprints, index: old.footprintIndex });
      const margin = this.scene.offsetM + 1;
      return this.recompute(twin, (b) => {
        const fb = throwingFootprintBox(this.scene as ThrowingScene, b.properties.id);
        return fb === null || boxes.some((box) => overlaps(box, [fb[0] - margin, fb[1] - margin, fb[2] + margin, fb[3] + margin]));
      });
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  }

  private recompute(twin: Twin, dirty: (b: TwinFeature<'building'>) => boolean): CheckResult {
    const scene = this.scene as ThrowingScene;
    const next = new Map<string, ThrowingBuildingOutcome>();
    const outcomes = throwingApplicable(twin, scene.minFloors).map((b) => {
      const kept = this.outcomes.get(b.properties.id);
      const o = kept && !dirty(b) ? kept : throwingBuilding(twin, scene, b);
      next.set(b.properties.id, o);
      return o;
    });
    this.outcomes = next;
    return throwingResult(twin, this.slot.ctx, scene, outcomes);
  }
}
