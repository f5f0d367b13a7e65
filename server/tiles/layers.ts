/**
 * One vector-tile layer per feature kind. Every feature carries the common fields; each
 * kind adds its main attributes, flattened to scalars (arrays joined with ",").
 */
import { FEATURE_KINDS, type FeatureKind } from '../../engine/twin/types.ts';

/** TileJSON field types (the vector_layers[].fields convention of martin and pg_tileserv) */
export type FieldType = 'String' | 'Number' | 'Boolean';

export const COMMON_FIELDS: Record<string, FieldType> = {
  id: 'String', kind: 'String', type: 'String', name: 'String', community: 'String',
};

export const KIND_FIELDS: Record<FeatureKind, Record<string, FieldType>> = {
  community: { adminCode: 'String', population: 'Number', households: 'Number', agedShare: 'Number' },
  compound: { closed: 'Boolean', hasEbikes: 'Boolean' },
  building: { floors: 'Number', floorHeightM: 'Number', use: 'String', households: 'Number', compoundId: 'String' },
  keyLocation: { compoundId: 'String' },
  camera: {
    code: 'String', purpose: 'String', headingDeg: 'Number', hfovDeg: 'Number', rangeM: 'Number',
    online: 'Boolean', intact: 'Boolean', imageOut: 'Boolean',
  },
  fiveG: { operator: 'String', band: 'String', azimuthDeg: 'Number', beamwidthDeg: 'Number', heightM: 'Number' },
  light: { smart: 'Boolean' },
  smartPole: { functions: 'String' },
  charger: { timedCharging: 'Boolean', autoPowerOff: 'Boolean', faultAlarm: 'Boolean', provincialPlatform: 'Boolean', compoundId: 'String' },
  venue: { smartFitness: 'Boolean' },
  facility: { compoundId: 'String' },
  path: {},
};

export const LAYERS: readonly FeatureKind[] = FEATURE_KINDS;

export function isLayer(name: string): name is FeatureKind {
  return (LAYERS as readonly string[]).includes(name);
}

/** All fields of a layer, common ones first. */
export function layerFields(layer: FeatureKind): Record<string, FieldType> {
  return { ...COMMON_FIELDS, ...KIND_FIELDS[layer] };
}
