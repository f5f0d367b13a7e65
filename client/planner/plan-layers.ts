/**
 * The planner's deck.gl layers, drawn over the app's: proposed features (dashed outline and a
 * 建议 / Suggested badge), the compared gaps (opened red, closed green), the selection with its
 * drag handles (a disc to move it; for a camera or modelled 5G site also a heading diamond, a
 * range and a field-of-view square on its nominal sector), the polygon or path being drawn,
 * and — while a tool places — a transparent layer over everything that takes the clicks.
 */
import { GeoJsonLayer, PathLayer, PolygonLayer, ScatterplotLayer, TextLayer, type Layer, type PickingInfo } from 'deck.gl';
import { PathStyleExtension } from '@deck.gl/extensions';
import type { Feature, Geometry, Point, Position } from 'geojson';
import type { BaseProps, CameraProps, TwinFile } from '../../engine/twin/types.ts';
import type { Report } from '../../engine/report/types.ts';
import type { CameraViews } from '../worker/engine.ts';
import { LABEL_FONT } from '../layers/labels.ts';
import { plainWedge } from '../layers/camera-view.ts';
import type { Unprojector } from './handle-drag.ts';
import type { Handle } from './tools.ts';

type TwinFeature = Feature<Geometry, BaseProps>;

export interface PlanOverlay {
  selectedId: string | null;
  /** clicks of the polygon / path being drawn */
  draft: Position[];
  /** a tool is placing: the catch-all layer takes the clicks */
  capturing: boolean;
  /** the selection's drag handles, and the one under the pointer or dragged (`id:role`) */
  handles: Handle[];
  activeHandle: string | null;
  opened: ReadonlySet<string>;
  closed: ReadonlySet<string>;
  /** the twin the closed gaps are found in (the compared one) */
  reference: TwinFile | null;
  badge: string;
  onMapClick: (at: Position) => void;
  onHandleHover: (handle: Handle | null, viewport: Unprojector | null) => void;
}

/** What the app draws while planning: the edited twin, its report and camera views, and the overlay. */
export interface PlanView {
  twin: TwinFile;
  report: Report | null;
  cameraViews: CameraViews | null;
  overlay: PlanOverlay;
}

const PROPOSED: [number, number, number, number] = [124, 58, 237, 255];
const OPENED: [number, number, number, number] = [214, 39, 40, 230];
const CLOSED: [number, number, number, number] = [0, 158, 115, 230];
const SELECTED: [number, number, number, number] = [255, 196, 0, 255];
/** the letter on each turning handle: H heading, R range, F field of view */
const HANDLE_GLYPH: Record<Handle['role'], string> = { move: '', heading: 'H', range: 'R', fov: 'F' };

const anchor = (g: Geometry): Position | null => {
  switch (g.type) {
    case 'Point': return g.coordinates;
    case 'LineString': return g.coordinates[Math.floor(g.coordinates.length / 2)];
    case 'Polygon': return g.coordinates[0][0];
    case 'MultiPolygon': return g.coordinates[0][0][0];
    default: return null;
  }
};

function outlineLayer(id: string, data: TwinFeature[], color: (f: TwinFeature) => [number, number, number, number], dashed: boolean) {
  return new GeoJsonLayer<BaseProps, { getDashArray: [number, number] }>({
    id, data, filled: false, stroked: true, pointType: 'circle',
    getLineColor: color, getLineWidth: 3, lineWidthUnits: 'pixels', getPointRadius: 9, pointRadiusUnits: 'pixels',
    getDashArray: dashed ? [6, 4] : [0, 0], extensions: [new PathStyleExtension({ dash: true })],
    parameters: { depthCompare: 'always' }, pickable: false,
  });
}

/** The layers for a plan view (none when not planning). */
export function planLayers(view: PlanView | null): Layer[] {
  if (!view) return [];
  const { twin, overlay } = view;
  const byId = new Map(twin.features.map((f) => [f.properties.id, f as TwinFeature]));
  const proposed = twin.features.filter((f) => f.properties.proposed === true) as TwinFeature[];
  const refById = new Map((overlay.reference ?? twin).features.map((f) => [f.properties.id, f as TwinFeature]));
  const opened = [...overlay.opened].map((id) => byId.get(id)).filter((f): f is TwinFeature => Boolean(f));
  const closed = [...overlay.closed].map((id) => byId.get(id) ?? refById.get(id)).filter((f): f is TwinFeature => Boolean(f));
  const selected = overlay.selectedId ? byId.get(overlay.selectedId) : undefined;
  const layers: Layer[] = [
    outlineLayer('plan-proposed', proposed, () => PROPOSED, true),
    new TextLayer<TwinFeature>({
      id: 'plan-proposed-badges', data: proposed, getPosition: (f) => anchor(f.geometry) as [number, number],
      getText: () => overlay.badge, getSize: 12, getColor: [255, 255, 255, 255], background: true, getBackgroundColor: PROPOSED,
      backgroundPadding: [3, 1], getPixelOffset: [0, -18], ...LABEL_FONT, parameters: { depthCompare: 'always' },
      updateTriggers: { getText: overlay.badge },
    }),
    outlineLayer('plan-gaps-opened', opened, () => OPENED, false),
    outlineLayer('plan-gaps-closed', closed, () => CLOSED, true),
  ];
  if (selected) {
    layers.push(outlineLayer('plan-selected', [selected], () => SELECTED, false));
    const sector = selected.properties.kind === 'camera' && selected.geometry.type === 'Point'
      ? plainWedge(selected as Feature<Point, CameraProps>) : null;
    if (sector) {
      layers.push(new PathLayer<Position[], { getDashArray: [number, number]; dashJustified: boolean }>({
        id: 'plan-selected-sector', data: [sector.coordinates[0]], getPath: (p) => p as [number, number][], getColor: SELECTED,
        getWidth: 1.5, widthUnits: 'pixels', getDashArray: [4, 3], dashJustified: true, extensions: [new PathStyleExtension({ dash: true })],
        parameters: { depthCompare: 'always' },
      }));
    }
  }
  if (overlay.handles.length) {
    const key = (h: Handle) => `${h.id}:${h.role}`;
    const anchorAt = overlay.handles.find((h) => h.role === 'move')?.position;
    const spokes = anchorAt ? overlay.handles.filter((h) => h.role !== 'move').map((h) => [anchorAt, h.position]) : [];
    layers.push(
      new PathLayer<Position[]>({
        id: 'plan-handle-spokes', data: spokes, getPath: (p) => p as [number, number][], getColor: [255, 196, 0, 160],
        getWidth: 1, widthUnits: 'pixels', parameters: { depthCompare: 'always' },
      }),
      new ScatterplotLayer<Handle>({
        id: 'plan-handles', data: overlay.handles, getPosition: (h) => h.position,
        getRadius: (h) => (h.role === 'move' ? 12 : 8), radiusUnits: 'pixels',
        getFillColor: (h) => (key(h) === overlay.activeHandle ? [255, 196, 0, 230] : h.role === 'move' ? [255, 196, 0, 110] : [255, 255, 255, 230]),
        stroked: true, getLineColor: SELECTED, getLineWidth: 2, lineWidthUnits: 'pixels', pickable: true,
        parameters: { depthCompare: 'always' },
        updateTriggers: { getFillColor: overlay.activeHandle },
        onHover: (info: PickingInfo<Handle>) => overlay.onHandleHover(info.object ?? null, info.viewport ?? null),
      }),
      new TextLayer<Handle>({
        id: 'plan-handle-glyphs', data: overlay.handles.filter((h) => h.role !== 'move'), getPosition: (h) => h.position,
        getText: (h) => HANDLE_GLYPH[h.role], getSize: 11, getColor: [120, 80, 0, 255], ...LABEL_FONT, parameters: { depthCompare: 'always' },
      }),
    );
  }
  if (overlay.draft.length) {
    layers.push(
      overlay.draft.length > 2
        ? new PolygonLayer<Position[]>({ id: 'plan-draft-area', data: [overlay.draft], getPolygon: (p) => p as [number, number][], getFillColor: [124, 58, 237, 50], getLineColor: PROPOSED, getLineWidth: 2, lineWidthUnits: 'pixels' })
        : new PathLayer<Position[]>({ id: 'plan-draft-path', data: [overlay.draft], getPath: (p) => p as [number, number][], getColor: PROPOSED, getWidth: 3, widthUnits: 'pixels' }),
      new ScatterplotLayer<Position>({ id: 'plan-draft-vertices', data: overlay.draft, getPosition: (p) => p as [number, number], getRadius: 5, radiusUnits: 'pixels', getFillColor: PROPOSED, parameters: { depthCompare: 'always' } }),
    );
  }
  if (overlay.capturing) {
    // 1/255 alpha: invisible, yet drawn into the picking buffer
    layers.push(new PolygonLayer<Position[]>({
      id: 'plan-capture', data: [[[-180, -85], [180, -85], [180, 85], [-180, 85]]], getPolygon: (p) => p as [number, number][],
      getFillColor: [0, 0, 0, 1], stroked: false, pickable: true, parameters: { depthCompare: 'always' },
      onClick: (info: PickingInfo) => { if (info.coordinate) overlay.onMapClick(info.coordinate); return true; },
    }));
  }
  return layers;
}
