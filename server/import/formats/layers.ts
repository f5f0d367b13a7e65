/** Shared by the layered formats (shapefile, GeoPackage, KML folders): which kind a layer holds. */
import type { FeatureKind } from '../../../engine/twin/types.ts';
import { kindFromName, mapAttributes } from './attributes.ts';
import { ImportFormatError, type SourceProps } from './types.ts';

/** The caller's kind, else the layer's name read as a kind (摄像头, buildings…), else null. */
export function layerKind(layerName: string, optionKind: string | undefined): FeatureKind | null {
  if (optionKind) {
    const k = kindFromName(optionKind);
    if (!k) throw new ImportFormatError(`unknown kind ${JSON.stringify(optionKind)}`, { kind: optionKind });
    return k;
  }
  return kindFromName(layerName.replace(/^.*[\\/]/, ''));
}

export function mapLayerRecord(record: SourceProps, where: string, layerName: string, kind: FeatureKind | null): SourceProps {
  return mapAttributes(record, {
    where, defaultKind: kind,
    kindHint: `layer ${JSON.stringify(layerName)} is not named after a kind (camera/摄像头, building/楼栋, …) and has no 类别/kind column; give the kind (--kind)`,
  });
}
