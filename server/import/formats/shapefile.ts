/**
 * A zipped shapefile (.shp + .dbf, optionally .shx, .prj, .cpg); several layers in one
 * zip are read one after another, each layer's kind from the caller, a 类别/kind column or
 * the layer's file name. The .dbf text encoding is the .cpg's, else GBK when the .dbf's
 * language driver says code page 936 or its bytes are not UTF-8.
 */
import * as shapefile from 'shapefile';
import type { CrsCode } from '../../../engine/crs/index.ts';
import { encodingFromLabel, isUtf8, type TextEncodingName } from './encoding.ts';
import { readAll, type FileInput } from './input.ts';
import { layerKind, mapLayerRecord } from './layers.ts';
import { crsFromWkt } from './prj.ts';
import { DEFAULT_MAX_BYTES, ImportFormatError, type ReaderOptions, type ReaderResult, type SourceFeature } from './types.ts';
import { unzip } from './zip.ts';

interface Layer { name: string; files: Map<string, Buffer> }

function layersOf(files: Map<string, Buffer>): Layer[] {
  const layers = new Map<string, Layer>();
  for (const [path, bytes] of files) {
    const m = /^(.*)\.(shp|shx|dbf|prj|cpg)$/i.exec(path);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const layer = layers.get(key) ?? { name: m[1], files: new Map() };
    layer.files.set(m[2].toLowerCase(), bytes);
    layers.set(key, layer);
  }
  return [...layers.values()].filter((l) => l.files.has('shp'));
}

/** The .dbf's text encoding and why. */
function dbfEncoding(layer: Layer, warnings: string[]): TextEncodingName {
  const cpg = layer.files.get('cpg');
  if (cpg) {
    const label = cpg.toString('latin1').trim();
    const e = encodingFromLabel(label);
    if (e) return e;
    warnings.push(`layer ${layer.name}: unknown .cpg encoding ${JSON.stringify(label)}; guessing from the bytes`);
  }
  const dbf = layer.files.get('dbf')!;
  if (dbf[29] === 0x4d || dbf[29] === 0x7a) return 'gbk'; // language driver: code page 936
  if (isUtf8(dbf.subarray(32, dbf.length))) return 'utf-8';
  warnings.push(`layer ${layer.name}: no .cpg and the .dbf is not UTF-8; its text was read as GBK`);
  return 'gbk';
}

export async function readShapefileZip(input: FileInput, options: ReaderOptions = {}): Promise<ReaderResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const files = await unzip(await readAll(input, maxBytes, 'the zip file'), { maxEntries: 1000, maxTotalBytes: maxBytes });
  const layers = layersOf(files);
  if (layers.length === 0) {
    throw new ImportFormatError(`the zip archive has no .shp file (entries: ${[...files.keys()].slice(0, 20).join(', ') || 'none'})`, { format: 'shp' });
  }
  const warnings: string[] = [];
  const features: SourceFeature[] = [];
  const crsByLayer = new Map<string, CrsCode | null>();
  for (const layer of layers) {
    const prj = layer.files.get('prj');
    if (prj) {
      const wkt = crsFromWkt(prj.toString('utf8'));
      if (wkt.problem) throw new ImportFormatError(`layer ${layer.name}: ${wkt.problem}`, { format: 'shp', layer: layer.name, prj: wkt.name });
      crsByLayer.set(layer.name, wkt.code);
    } else {
      warnings.push(`layer ${layer.name}: no .prj file; the CRS is not stated in the file`);
      crsByLayer.set(layer.name, null);
    }
    const hasDbf = layer.files.has('dbf');
    if (!hasDbf) warnings.push(`layer ${layer.name}: no .dbf file; features have no attributes`);
    const encoding = hasDbf ? dbfEncoding(layer, warnings) : 'utf-8';
    const kind = layerKind(layer.name, options.kind);
    let source;
    try {
      source = await shapefile.open(layer.files.get('shp')!, hasDbf ? layer.files.get('dbf') : undefined, { encoding });
    } catch (err) {
      throw new ImportFormatError(`layer ${layer.name}: not a readable shapefile: ${(err as Error).message}`, { format: 'shp', layer: layer.name });
    }
    let skipped = 0;
    for (let record = 1; ; record++) {
      let next;
      try {
        next = await source.read();
      } catch (err) {
        throw new ImportFormatError(`layer ${layer.name}, record ${record}: damaged shapefile: ${(err as Error).message}`, { format: 'shp', layer: layer.name, record });
      }
      if (next.done) break;
      const f = next.value;
      if (!f.geometry) { skipped++; continue; }
      const properties = mapLayerRecord(f.properties ?? {}, `layer ${layer.name}, record ${record}`, layer.name, kind);
      features.push({ type: 'Feature', geometry: f.geometry, properties });
    }
    if (skipped > 0) warnings.push(`layer ${layer.name}: ${skipped} record(s) with a null shape were skipped`);
  }
  const codes = new Set(crsByLayer.values());
  if (codes.size > 1) {
    throw new ImportFormatError(`the layers are in different CRSs (${[...crsByLayer].map(([l, c]) => `${l}: ${c ?? 'none'}`).join('; ')}); convert them one at a time`, { format: 'shp' });
  }
  return { features, crs: { detected: [...codes][0] ?? null, assumed: null }, warnings };
}
