import type { Feature, Geometry } from 'geojson';
import type { Report, ReportRow } from '../../engine/report/types.ts';
import type { BaseProps, TwinFile } from '../../engine/twin/types.ts';
import type { LayerGroup, Tier } from '../state.ts';
import type { CameraViews } from '../worker/engine.ts';
import type { TileSource } from './tiles.ts';

/** Everything layersFor() needs: app state in, deck.gl layers out. */
export interface LayerState {
  twin: TwinFile;
  report: Report | null;
  tier: Tier;
  visible: Record<LayerGroup, boolean>;
  /** the scorecard row whose gaps are highlighted */
  selectedRow: ReportRow | null;
  /** one check of the selected row, or null for all of its checks */
  selectedCheck: string | null;
  /** the map zoom, in steps of 0.5 (layers draw more detail as it grows) */
  zoom: number;
  selectedFeatureId: string | null;
  /** the CJK font is loaded (TextLayer builds its atlas once, so wait for it) */
  fontReady: boolean;
  /** occluded camera views from engine/geo/sector.ts; null until computed */
  cameraViews: CameraViews | null;
  /** the community and version of the twin's vector tiles: large kinds are drawn from them (tiles.ts); absent → all from the JSON */
  tiles?: TileSource | null;
  /**
   * The page's first frame: only the boundary, compounds and buildings, so the twin shows before
   * every other layer type's shaders are compiled (seconds with software WebGL); the rest follow
   * in the next frame.
   */
  firstFrame?: boolean;
}

export type TwinFeatureAny = Feature<Geometry, BaseProps>;
export type Rgba = [number, number, number, number];
