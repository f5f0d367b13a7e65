/**
 * The planner's tools: what a click on the map makes. Each placing tool builds a twin feature
 * with the attributes the engine reads (domain.md §1), at the clicked position; new features
 * carry `proposed: true`, like the engine's suggestions.
 */
import type { Geometry, Position } from 'geojson';
import type { Edit, TwinFeatureJson } from '../../engine/edit/index.ts';
import type { FeatureKind, TwinFile } from '../../engine/twin/types.ts';
import type { PlanKey } from './strings.ts';

export type ToolId = 'select' | 'camera' | 'fiveG' | 'fiveGMeasured' | 'venue' | 'charger' | 'gate' | 'smartPole' | 'facility' | 'path';

export interface Tool {
  id: ToolId;
  label: PlanKey;
  kind: FeatureKind;
  /** clicks it takes: one point, two (a path segment) or a polygon closed with Finish */
  draw: 'point' | 'segment' | 'polygon';
  /** the `type` choices, first is the default */
  types?: readonly string[];
  props: Record<string, unknown>;
}

export const TOOLS: readonly Tool[] = [
  { id: 'camera', label: 'toolCamera', kind: 'camera', draw: 'point', props: {
    purpose: 'keyLocation', headingDeg: 0, hfovDeg: 90, vfovDeg: 50, tiltDeg: -15, rangeM: 60, mountHeightM: 4, online: true, intact: true, imageOut: true,
  } },
  { id: 'fiveG', label: 'toolFiveG', kind: 'fiveG', draw: 'point', props: { band: 'n78', heightM: 25, azimuthDeg: 0, beamwidthDeg: 65, eirpDbm: 58 } },
  { id: 'fiveGMeasured', label: 'toolFiveGMeasured', kind: 'fiveG', draw: 'polygon', props: { band: 'n41', liftCovered: false, garageCovered: false } },
  { id: 'venue', label: 'toolVenue', kind: 'venue', draw: 'point', types: ['sports', 'smartBookCabinet', 'smartLibrary', 'bookCorner', 'green'], props: { smartFitness: true } },
  { id: 'charger', label: 'toolCharger', kind: 'charger', draw: 'point', types: ['ebike', 'ev'], props: {
    timedCharging: true, autoPowerOff: true, faultAlarm: true, provincialPlatform: true,
  } },
  { id: 'gate', label: 'toolGate', kind: 'facility', draw: 'point', types: ['gate'], props: {} },
  { id: 'smartPole', label: 'toolSmartPole', kind: 'smartPole', draw: 'point', props: { functions: ['lighting', 'emergencyHelp', 'camera'] } },
  { id: 'facility', label: 'toolFacility', kind: 'facility', draw: 'point', types: [
    'garbagePoint', 'garbageMonitor', 'emergencyHelp', 'fireDetection', 'elevatorEbikeDetection', 'fireLaneMonitor', 'perimeterSensor',
    'patrolPoint', 'locker', 'elderlyService',
  ], props: {} },
  { id: 'path', label: 'toolPath', kind: 'path', draw: 'segment', types: ['footway', 'living_street'], props: {} },
];

export const toolById = (id: ToolId): Tool | undefined => TOOLS.find((t) => t.id === id);

/** A fresh id for a kind (`plan-camera-3`), not taken in the twin. */
export function newId(twin: TwinFile, kind: FeatureKind): string {
  const taken = new Set(twin.features.map((f) => String(f.properties?.id)));
  let n = 1;
  while (taken.has(`plan-${kind}-${n}`)) n++;
  return `plan-${kind}-${n}`;
}

/** The feature a tool makes from its clicks (lon/lat positions). */
export function featureOf(tool: Tool, id: string, positions: Position[], type?: string): TwinFeatureJson {
  const geometry: Geometry = tool.draw === 'point' ? { type: 'Point', coordinates: positions[0] }
    : tool.draw === 'segment' ? { type: 'LineString', coordinates: positions.slice(0, 2) }
      : { type: 'Polygon', coordinates: [[...positions, positions[0]]] };
  const chosen = type ?? tool.types?.[0];
  return {
    type: 'Feature', geometry,
    properties: { kind: tool.kind, id, ...(chosen ? { type: chosen } : {}), ...tool.props, proposed: true },
  } as TwinFeatureJson;
}

const M_PER_DEG_LAT = 110_574;

/** The position `distanceM` from `from` on a compass bearing (local equirectangular; fine at tens of metres). */
export function offsetM(from: Position, bearingDeg: number, distanceM: number): [number, number] {
  const b = (bearingDeg * Math.PI) / 180;
  const mPerDegLon = 111_320 * Math.cos((from[1] * Math.PI) / 180);
  return [from[0] + (distanceM * Math.sin(b)) / mPerDegLon, from[1] + (distanceM * Math.cos(b)) / M_PER_DEG_LAT];
}

/** Compass bearing from `a` to `b`, degrees in [0, 360). */
export function bearingDeg(a: Position, b: Position): number {
  const mPerDegLon = 111_320 * Math.cos((a[1] * Math.PI) / 180);
  const deg = (Math.atan2((b[0] - a[0]) * mPerDegLon, (b[1] - a[1]) * M_PER_DEG_LAT) * 180) / Math.PI;
  return (deg + 360) % 360;
}

/** Ground distance in metres between two nearby positions (same local approximation as offsetM). */
export function distanceM(a: Position, b: Position): number {
  const mPerDegLon = 111_320 * Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot((b[0] - a[0]) * mPerDegLon, (b[1] - a[1]) * M_PER_DEG_LAT);
}

/**
 * What a handle of the selected feature changes when dragged: its position (`move`), the
 * direction it faces (`heading`: a camera's headingDeg, a modelled 5G site's azimuthDeg), its
 * reach (`range`: a camera's rangeM) or its opening (`fov`: hfovDeg / beamwidthDeg, the handle
 * on the sector's edge).
 */
export type HandleRole = 'move' | 'heading' | 'range' | 'fov';

export interface Handle { id: string; role: HandleRole; position: [number, number] }

/** how far from a 5G site its azimuth / beamwidth handles sit (it has no range of its own) */
const SITE_HANDLE_M = 40;

interface Aim { heading: 'headingDeg' | 'azimuthDeg'; fov: 'hfovDeg' | 'beamwidthDeg'; range: 'rangeM' | null }
const AIM: Record<string, Aim> = {
  camera: { heading: 'headingDeg', fov: 'hfovDeg', range: 'rangeM' },
  fiveG: { heading: 'azimuthDeg', fov: 'beamwidthDeg', range: null },
};

type HandleFeature = { geometry: Geometry; properties: Record<string, unknown> };
const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** The drag handles of a feature: every point feature moves; cameras and modelled 5G sites also turn and open (cameras reach). */
export function handlesOf(f: HandleFeature): Handle[] {
  if (f.geometry.type !== 'Point') return [];
  const id = String(f.properties.id);
  const at = f.geometry.coordinates;
  const handles: Handle[] = [{ id, role: 'move', position: [at[0], at[1]] }];
  const aim = AIM[String(f.properties.kind)];
  if (!aim) return handles;
  const heading = num(f.properties[aim.heading], 0);
  const fov = num(f.properties[aim.fov], 360);
  const reach = aim.range ? num(f.properties[aim.range], SITE_HANDLE_M) : SITE_HANDLE_M;
  handles.push({ id, role: 'heading', position: offsetM(at, heading, reach * 0.55) });
  if (aim.range) handles.push({ id, role: 'range', position: offsetM(at, heading, reach) });
  if (fov < 360) handles.push({ id, role: 'fov', position: offsetM(at, heading + fov / 2, reach) });
  return handles;
}

/** Signed difference b − a of two compass angles, in (−180, 180]. */
const angleDiff = (a: number, b: number) => {
  const d = (((b - a) % 360) + 540) % 360 - 180;
  return d === -180 ? 180 : d;
};

/** The edit a handle dragged to `to` makes on `f` (as it was when the drag began). */
export function dragEdits(f: HandleFeature, role: HandleRole, to: Position): Edit[] {
  const id = String(f.properties.id);
  if (role === 'move') return [{ op: 'update', id, geometry: { type: 'Point', coordinates: [to[0], to[1]] } }];
  const aim = AIM[String(f.properties.kind)];
  if (!aim || f.geometry.type !== 'Point') return [];
  const at = f.geometry.coordinates;
  const bearing = bearingDeg(at, to);
  switch (role) {
    case 'heading':
      return [{ op: 'update', id, props: { [aim.heading]: Math.round(bearing) % 360 } }];
    case 'range':
      return aim.range ? [{ op: 'update', id, props: { [aim.range]: Math.max(1, Math.round(distanceM(at, to))) } }] : [];
    case 'fov': {
      const half = Math.abs(angleDiff(num(f.properties[aim.heading], 0), bearing));
      return [{ op: 'update', id, props: { [aim.fov]: Math.min(360, Math.max(5, Math.round(2 * half))) } }];
    }
  }
}
