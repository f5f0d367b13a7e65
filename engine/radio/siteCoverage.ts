/**
 * A modelled 5G site (a fiveG Point) → its coverage area in the local projection: the disc
 * (omni) or sector (azimuthDeg ± beamwidthDeg / 2) within which the median SS-RSRP of
 * TR 38.901 path loss stays at or above the threshold.
 */
import type { Twin } from '../twin/model.ts';
import type { TwinFeature } from '../twin/types.ts';
import { sectorRing } from '../geo/sector.ts';
import type { RingM } from '../geo/clip.ts';
import { bandInfo, perResourceElementDb } from './bands.ts';
import { maxRangeM, type Condition, type Scenario } from './pathLoss.ts';

export interface SiteModelParams {
  rsrpThresholdDbm: number;
  /** 'auto': UMi for antennas at or below `umiMaxHeightM`, UMa above */
  scenario: 'auto' | Scenario;
  umiMaxHeightM: number;
  condition: Condition;
  ueHeightM: number;
  defaultHeightM: number;
  defaultEirpDbm: number;
  /** extra margin (body loss, foliage …) subtracted from RSRP */
  extraLossDb: number;
  arcToleranceM: number;
}

export interface SiteCoverage {
  id: string;
  ring: RingM;
  radiusM: number;
  scenario: Scenario;
  fGHz: number;
  /** EIRP per resource element, dBm */
  eirpPerReDbm: number;
  assumed: string[];
}

export function siteCoverage(twin: Twin, site: TwinFeature<'fiveG'>, p: SiteModelParams): SiteCoverage | { id: string; problem: string } {
  const props = site.properties;
  const id = String(props.id);
  if (site.geometry.type !== 'Point') return { id, problem: 'not a site Point' };
  const band = bandInfo(props.band);
  if (!band) return { id, problem: `band ${JSON.stringify(props.band ?? null)} not understood (use e.g. "n78" or GHz)` };
  const assumed: string[] = [];
  let hBS = props.heightM;
  if (typeof hBS !== 'number' || !(hBS > 0)) { hBS = p.defaultHeightM; assumed.push(`heightM ${hBS}`); }
  let eirp = props.eirpDbm;
  if (typeof eirp !== 'number' || !Number.isFinite(eirp)) { eirp = p.defaultEirpDbm; assumed.push(`eirpDbm ${eirp}`); }
  const scenario: Scenario = p.scenario === 'auto' ? (hBS <= p.umiMaxHeightM ? 'UMi' : 'UMa') : p.scenario;
  const eirpPerReDbm = eirp - perResourceElementDb(band) - p.extraLossDb;
  const radiusM = maxRangeM(scenario, p.condition, { hBS, hUT: p.ueHeightM, fGHz: band.fGHz }, eirpPerReDbm, p.rsrpThresholdDbm);
  const omni = typeof props.azimuthDeg !== 'number';
  const width = omni ? 360 : typeof props.beamwidthDeg === 'number' && props.beamwidthDeg > 0 ? Math.min(360, props.beamwidthDeg) : 360;
  if (!omni && width === 360) assumed.push('beamwidthDeg missing: omni');
  const ring = sectorRing(twin.projection.forward(site.geometry.coordinates), omni ? 0 : (props.azimuthDeg as number),
    width, radiusM, p.arcToleranceM);
  return { id, ring, radiusM, scenario, fGHz: band.fGHz, eirpPerReDbm, assumed };
}
