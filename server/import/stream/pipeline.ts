/**
 * Import a file on disk feature by feature, so a 200 MB GeoJSON or CSV never becomes one
 * string: the file is read in chunks, each feature parsed, mapped to twin attributes,
 * converted to WGS 84 and validated, and handed to a sink in batches (the database
 * writer stages them inside one transaction; the preview only counts). Progress in bytes
 * read and features done goes to `onProgress`.
 *
 * Streamed: GeoJSON in UTF-8, CSV (UTF-8 or GBK). The other formats (zipped shapefile,
 * GeoPackage, KML/KMZ, GeoJSON in another encoding) are read whole by their readers under
 * their size limit (DEFAULT_MAX_BYTES) and then go through the same batches.
 *
 * Validation is engine/twin/validate.ts on each batch (with the community feature, once
 * seen, for its placement checks), plus what spans batches here: unique ids, exactly one
 * community, compoundId references, the file's attestations. Limits of the streamed form:
 * the CRS is chosen from the first 1000 features (a `crs` member must come before
 * `features`); features before the community feature are not checked for lying far
 * outside it; ids generated for features without one skip the ids seen so far only.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Geometry } from 'geojson';
import { parse as parseCsvStream } from 'csv-parse';
import iconv from 'iconv-lite';
import { CrsError, describeCrs, parseCrs, toWgs84, type CrsCode } from '../../../engine/crs/index.ts';
import { FEATURE_KINDS, type FeatureKind } from '../../../engine/twin/types.ts';
import { validateTwin, type TwinIssue } from '../../../engine/twin/validate.ts';
import { envelopeOf } from '../../export/geometry.ts';
import { attributeFor, kindFromName, mapAttributes } from '../formats/attributes.ts';
import { CSV_PARSE_OPTIONS, csvRowReader, guessDelimiter } from '../formats/csv.ts';
import { isUtf8 } from '../formats/encoding.ts';
import { chooseCrs, detectFormat, importFile, type FormatName, type ImportOptions, type ImportResult } from '../formats/index.ts';
import { DEFAULT_MAX_BYTES, ImportFormatError, tooLarge, type SourceFeature, type SourceProps } from '../formats/types.ts';
import { FeatureCollectionScanner } from './featureCollection.ts';
import { IdIndex } from './idIndex.ts';

/** Streamed files (GeoJSON, CSV) may be this large; the upload's body limit applies first. */
export const STREAM_MAX_BYTES = 4 * 1024 ** 3;
const CRS_SAMPLE = 1000;
const MAX_ISSUES = 100;
const SAMPLE_PER_KIND = 3;

export type Phase = 'parse' | 'write' | 'commit';
export interface ImportProgress { phase: Phase; bytes: number; totalBytes: number; features: number }

export interface StreamOptions extends Pick<ImportOptions, 'format' | 'crs' | 'kind' | 'filename' | 'maxBytes'> {
  onProgress?: (p: ImportProgress) => void;
  /** features per batch handed to the sink */
  batchSize?: number;
  /** a layer for a stored community: no community feature needed (whole twins need exactly one) */
  layer?: boolean;
}

export interface TwinLikeFeature { type: 'Feature'; geometry: Geometry; properties: SourceProps & { kind: string; id: string }; [member: string]: unknown }

/** Where validated features go, batch by batch; never called once an error was found. */
export interface FeatureSink {
  batch(features: TwinLikeFeature[], firstIndex: number): Promise<void>;
}

export interface StreamSummary {
  format: FormatName;
  streamed: boolean;
  crs: ImportResult['crs'];
  warnings: string[];
  features: number;
  bytes: number;
  counts: Record<string, number>;
  extent: [number, number, number, number] | null;
  sample: TwinLikeFeature[];
  validation: { ok: boolean; errorCount: number; warningCount: number; errors: TwinIssue[]; warnings: TwinIssue[] };
  /** the community feature (null when the file has none: a layer) */
  community: TwinLikeFeature | null;
  /** top-level members other than type/features/crs/bbox/attestations, kept with the community */
  members: Record<string, unknown>;
  /** the file's attestations, validated (versions filled in) */
  attestations: unknown[];
  idsGenerated: number;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A feature already in the twin's own form (canonical kind and attribute names, an id): taken as it is. */
function isCanonicalFeature(f: unknown): f is TwinLikeFeature {
  if (!isObject(f) || f.type !== 'Feature' || !isObject(f.properties)) return false;
  const { kind, id } = f.properties;
  if (typeof kind !== 'string' || typeof id !== 'string' || id.trim() === '') return false;
  const canonical = kindFromName(kind);
  if (canonical !== null && canonical !== kind) return false;
  for (const [key, value] of Object.entries(f.properties)) {
    const alias = attributeFor(key, canonical);
    if (!alias || alias.attr === 'kind') continue;
    if (alias.attr !== key) return false;
    if (value !== null && (alias.type === 'number' ? typeof value !== 'number' : alias.type === 'boolean' ? typeof value !== 'boolean' : false)) return false;
  }
  return true;
}

// ---------- sources: features one at a time, with the bytes read so far ----------

interface Source {
  format: FormatName;
  streamed: boolean;
  warnings: string[];
  /** the CRS the file states, known once the first features were read (GeoJSON `crs`, .prj, …) */
  detected(): CrsCode | null;
  /** already converted to WGS 84 with ids (formats read whole through importFile) */
  converted: ImportResult['crs'] | null;
  features: AsyncIterable<{ index: number; feature: unknown; error?: ImportFormatError }>;
  members(): Record<string, unknown>;
  bytes(): number;
}

function countingStream(path: string, counter: { bytes: number }): Readable {
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  stream.on('data', (chunk) => { counter.bytes += (chunk as Buffer).length; });
  return stream;
}

function geojsonSource(path: string, warnings: string[]): Source {
  const scanner = new FeatureCollectionScanner();
  const counter = { bytes: 0 };
  let crsMember: CrsCode | null | undefined;
  const detected = () => {
    if (crsMember !== undefined) return crsMember;
    const crs = scanner.members.crs;
    if (crs === undefined || crs === null) return null;
    const name = isObject(crs) && isObject(crs.properties) ? crs.properties.name : undefined;
    if (typeof name !== 'string') throw new ImportFormatError(`GeoJSON "crs" member is not {"type": "name", "properties": {"name": …}}: ${JSON.stringify(crs).slice(0, 200)}`, { format: 'geojson' });
    try { crsMember = parseCrs(name); } catch (err) {
      if (!(err instanceof CrsError)) throw err;
      warnings.push(`GeoJSON "crs" ${name}: ${err.message}`);
      crsMember = null;
    }
    return crsMember;
  };
  async function* features() {
    for await (const chunk of countingStream(path, counter)) {
      for (const f of scanner.push(chunk as Buffer)) yield f;
    }
    for (const f of scanner.end().features) yield f;
  }
  return {
    format: 'geojson', streamed: true, warnings, detected, converted: null, features: features(),
    members: () => scanner.members, bytes: () => counter.bytes,
  };
}

function csvSource(path: string, head: Buffer, options: StreamOptions, warnings: string[]): Source {
  const counter = { bytes: 0 };
  // the encoding from the first 64 KiB (cut back to a whole UTF-8 sequence)
  let end = head.length;
  while (end > 0 && end > head.length - 4 && (head[end - 1] & 0xc0) === 0x80) end--;
  if (end > 0 && head[end - 1] >= 0xc0) end--;
  const gbk = !isUtf8(head.subarray(0, end));
  if (gbk) warnings.push('the CSV file is not UTF-8; it was read as GBK');
  const firstLine = iconv.decode(head.subarray(0, Math.max(0, head.indexOf(0x0a)) || head.length), gbk ? 'gb18030' : 'utf8');
  const delimiter = guessDelimiter(firstLine);
  async function* features() {
    const parser = parseCsvStream({ delimiter, ...CSV_PARSE_OPTIONS });
    const input = countingStream(path, counter);
    input.on('error', (err) => parser.destroy(err));
    input.pipe(iconv.decodeStream(gbk ? 'gb18030' : 'utf8')).pipe(parser);
    let toFeature: ((cells: string[], row: number) => SourceFeature) | null = null;
    let row = 0;
    try {
      for await (const cells of parser as AsyncIterable<string[]>) {
        row++;
        if (!toFeature) { toFeature = csvRowReader(cells, options); continue; }
        try {
          yield { index: row - 2, feature: toFeature(cells, row) };
        } catch (err) {
          if (!(err instanceof ImportFormatError)) throw err;
          yield { index: row - 2, feature: null, error: err };
        }
      }
    } catch (err) {
      if (err instanceof ImportFormatError) throw err;
      const e = err as Error & { lines?: number };
      throw new ImportFormatError(`CSV syntax error${e.lines ? ` at line ${e.lines}` : ''}: ${e.message}`, { format: 'csv', line: e.lines ?? null });
    }
    if (!toFeature) throw new ImportFormatError('the CSV file is empty (no header row)', { format: 'csv' });
  }
  return {
    format: 'csv', streamed: true, warnings, detected: () => null, converted: null, features: features(),
    members: () => ({}), bytes: () => counter.bytes,
  };
}

async function wholeFileSource(path: string, format: FormatName, size: number, options: StreamOptions): Promise<Source> {
  const maxBytes = Math.min(options.maxBytes ?? DEFAULT_MAX_BYTES, DEFAULT_MAX_BYTES);
  if (size > maxBytes) {
    throw new ImportFormatError(`${format === 'geojson' ? 'a GeoJSON file that is not UTF-8' : `a ${format} file`} is read whole, up to ${maxBytes} bytes; this one has ${size} bytes (GeoJSON in UTF-8 and CSV are streamed without that limit)`,
      { bytes: size, limit: maxBytes, format }, 413, 'file_too_large');
  }
  const { kind, crs, filename } = options;
  const result = await importFile(createReadStream(path), { format, maxBytes, ...(kind ? { kind } : {}), ...(crs ? { crs } : {}), ...(filename ? { filename } : {}) });
  const { features, type: _type, ...members } = result.collection;
  async function* all() { for (let i = 0; i < features.length; i++) yield { index: i, feature: features[i] as unknown }; }
  return {
    format, streamed: false, warnings: result.warnings, detected: () => result.crs.detected, converted: result.crs,
    features: all(), members: () => members, bytes: () => size,
  };
}

async function openSource(path: string, options: StreamOptions): Promise<Source> {
  const { size } = await stat(path);
  const head = Buffer.alloc(Math.min(size, 65_536));
  const handle = await open(path);
  try { await handle.read(head, 0, head.length, 0); } finally { await handle.close(); }
  const format = detectFormat(head, options.filename, options.format);
  const streamLimit = options.maxBytes ?? STREAM_MAX_BYTES;
  if (format === 'csv' || format === 'geojson') {
    if (size > streamLimit) throw tooLarge('the file', size, streamLimit);
    if (format === 'csv') return csvSource(path, head, options, []);
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    let end = head.length;
    while (end > bom && end > head.length - 4 && (head[end - 1] & 0xc0) === 0x80) end--;
    if (end > bom && head[end - 1] >= 0xc0) end--;
    if (isUtf8(head.subarray(bom, end))) return geojsonSource(path, []);
  }
  return wholeFileSource(path, format, size, options);
}

// ---------- the pipeline ----------

/** Unknown-property warnings of several batches as one per kind and property. */
const UNKNOWN = /^unknown property "(.*)" on (\d+) (\w+) features? \(kept\)$/;

export async function streamImport(path: string, options: StreamOptions, sink?: FeatureSink): Promise<StreamSummary> {
  const kind = options.kind ? kindFromName(options.kind) : null;
  if (options.kind && !kind) {
    throw new ImportFormatError(`unknown kind ${JSON.stringify(options.kind)} (expected one of ${FEATURE_KINDS.join(', ')})`, { kind: options.kind });
  }
  let stated: CrsCode | null = null;
  if (options.crs) {
    try { stated = parseCrs(options.crs); } catch (err) { throw new ImportFormatError((err as CrsError).message, { crs: options.crs }); }
  }
  const totalBytes = (await stat(path)).size;
  const source = await openSource(path, kind ? { ...options, kind } : options);
  const warnings = source.warnings;
  const batchSize = options.batchSize ?? 2000;

  const errors: TwinIssue[] = [];
  let errorCount = 0;
  const fileWarnings: TwinIssue[] = [];
  let warningCount = 0;
  const addError = (issue: TwinIssue) => { errorCount++; if (errors.length < MAX_ISSUES) errors.push(issue); };
  const addWarning = (issue: TwinIssue) => { warningCount++; if (fileWarnings.length < MAX_ISSUES) fileWarnings.push(issue); };
  const unknown = new Map<string, { issue: TwinIssue; count: number; prop: string; kind: string }>();

  const ids = new IdIndex();
  const communities: number[] = [];
  let community: TwinLikeFeature | null = null;
  const compoundIds = new Set<string>();
  const pendingRefs: { index: number; id: string | null; value: string }[] = [];
  const counts: Record<string, number> = {};
  const sample: TwinLikeFeature[] = [];
  const extent: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const nextId = new Map<string, number>();
  let idsGenerated = 0;
  let features = 0;
  let written = 0;

  let crs: ImportResult['crs'] | null = source.converted;
  let lastReport = 0;
  const report = (phase: Phase, force = false) => {
    const now = Date.now();
    if (!options.onProgress || (!force && now - lastReport < 200)) return;
    lastReport = now;
    options.onProgress({ phase, bytes: source.bytes(), totalBytes, features: phase === 'write' ? written : features });
  };

  /** Map, convert and give an id to one source feature; an issue instead when it cannot be. */
  const prepare = (index: number, raw: unknown): TwinLikeFeature | null => {
    let f: TwinLikeFeature;
    if (isCanonicalFeature(raw) || source.converted) {
      f = raw as TwinLikeFeature;
    } else {
      if (!isObject(raw) || raw.type !== 'Feature') { addError({ featureIndex: index, id: null, field: 'type', reason: 'not a GeoJSON Feature' }); return null; }
      if (!isObject(raw.geometry)) { addError({ featureIndex: index, id: null, field: 'geometry', reason: 'has no geometry' }); return null; }
      try {
        const properties = mapAttributes((isObject(raw.properties) ? raw.properties : {}) as SourceProps, {
          where: `feature ${index}`, defaultKind: kind, kindHint: 'give properties.kind, or the kind of every feature (--kind)',
        });
        f = { type: 'Feature', geometry: raw.geometry as unknown as Geometry, properties: properties as TwinLikeFeature['properties'] };
      } catch (err) {
        if (!(err instanceof ImportFormatError)) throw err;
        addError({ featureIndex: index, id: null, field: 'properties', reason: err.message });
        return null;
      }
    }
    if (!source.converted && crs && crs.assumed !== 'EPSG:4326') {
      try { f = { ...f, geometry: toWgs84(f.geometry, crs.assumed) }; } catch (err) {
        addError({ featureIndex: index, id: f.properties.id ?? null, field: 'geometry', reason: (err as Error).message });
        return null;
      }
    }
    const props = f.properties;
    if (typeof props.id === 'number') props.id = String(props.id);
    if (typeof props.id !== 'string' || props.id.trim() === '') {
      const k = String(props.kind);
      let n = nextId.get(k) ?? 1, id = `${k}-${n}`;
      while (ids.has(id)) id = `${k}-${++n}`;
      nextId.set(k, n + 1);
      props.id = id;
      idsGenerated++;
    }
    return f;
  };

  /** Validate a batch; the ones without errors are counted (and, while the file is clean, written). */
  const flush = async (batch: { index: number; f: TwinLikeFeature }[]) => {
    if (batch.length === 0) return;
    for (const { index, f } of batch) {
      if (f.properties.kind === 'community') {
        communities.push(index);
        if (communities.length === 1) community = f;
        else addError({ featureIndex: index, id: f.properties.id, field: 'properties.kind', reason: `a second community feature (feature ${communities[0]} is the first; exactly one is allowed)` });
      }
    }
    const withCommunity = community && !batch.some((b) => b.f === community);
    const v = validateTwin({ type: 'FeatureCollection', features: [...(withCommunity ? [community] : []), ...batch.map((b) => b.f)] });
    const offset = withCommunity ? 1 : 0;
    const indexOf = (i: number | null) => (i === null ? null : i < offset ? -1 : batch[i - offset].index);
    for (const e of v.errors) {
      if (e.featureIndex === null) continue; // "no community": checked over the whole file
      if (e.field === 'properties.kind' && e.reason.startsWith('a second community')) continue;
      if (e.field === 'properties.id' && e.reason.startsWith('duplicate id')) continue;
      const at = indexOf(e.featureIndex);
      if (at !== -1) addError({ ...e, featureIndex: at });
    }
    for (const w of v.warnings) {
      const at = indexOf(w.featureIndex);
      if (at === -1 || (w.field === 'properties.compoundId' && w.reason.startsWith('no compound'))) continue;
      const m = UNKNOWN.exec(w.reason);
      if (m) {
        const key = `${m[3]}\u0000${m[1]}`;
        const seen = unknown.get(key);
        if (seen) seen.count += Number(m[2]); else unknown.set(key, { issue: { ...w, featureIndex: at }, count: Number(m[2]), prop: m[1], kind: m[3] });
        continue;
      }
      addWarning({ ...w, featureIndex: at });
    }
    const clean: TwinLikeFeature[] = [];
    for (const { index, f } of batch) {
      const { id, kind: k, compoundId } = f.properties;
      if (typeof id === 'string') {
        const first = ids.add(id, index);
        if (first >= 0) addError({ featureIndex: index, id, field: 'properties.id', reason: `duplicate id "${id}", first used by feature ${first}` });
      }
      if (k === 'compound' && typeof id === 'string') compoundIds.add(id);
      if (typeof compoundId === 'string' && !compoundIds.has(compoundId)) pendingRefs.push({ index, id: typeof id === 'string' ? id : null, value: compoundId });
      counts[k] = (counts[k] ?? 0) + 1;
      if (counts[k] <= SAMPLE_PER_KIND) sample.push(f);
      if (isObject(f.geometry)) {
        try {
          const [a, b, c, d] = envelopeOf(f.geometry);
          if ([a, b, c, d].every(Number.isFinite)) {
            extent[0] = Math.min(extent[0], a); extent[1] = Math.min(extent[1], b); extent[2] = Math.max(extent[2], c); extent[3] = Math.max(extent[3], d);
          }
        } catch { /* the validator named the bad geometry */ }
      }
      clean.push(f);
    }
    if (sink && errorCount === 0) {
      await sink.batch(clean, batch[0].index);
      written += clean.length;
      report('write');
    }
  };

  let pending: { index: number; f: TwinLikeFeature }[] = [];
  let head: { index: number; feature: unknown; error?: ImportFormatError }[] | null = crs ? null : [];
  const take = async (item: { index: number; feature: unknown; error?: ImportFormatError }) => {
    features++;
    if (item.error) { addError({ featureIndex: item.index, id: null, field: 'properties', reason: item.error.message }); return; }
    const f = prepare(item.index, item.feature);
    if (f) pending.push({ index: item.index, f });
    if (pending.length >= batchSize) { const b = pending; pending = []; await flush(b); }
  };
  const decideCrs = async () => {
    const items = head!;
    head = null;
    const detected = source.detected();
    const canonical = !stated && !detected && !options.kind && items.every((i) => isCanonicalFeature(i.feature));
    if (canonical) crs = { stated: null, detected: null, assumed: 'EPSG:4326', source: 'default' };
    else {
      // the reader's mapping first (positions only are looked at), then the CRS from these features
      const mapped = items.flatMap((i) => {
        const g = isObject(i.feature) && isObject(i.feature.geometry) ? i.feature.geometry : null;
        return g ? [{ type: 'Feature' as const, geometry: g as unknown as Geometry, properties: {} }] : [];
      });
      crs = chooseCrs(stated, { features: mapped, crs: { detected, assumed: null }, warnings: [] }, warnings);
      if (mapped.length === CRS_SAMPLE) warnings.push(`the CRS was judged from the first ${CRS_SAMPLE} features`);
    }
    for (const item of items) await take(item);
  };

  for await (const item of source.features) {
    if (head) {
      head.push(item);
      if (head.length >= CRS_SAMPLE) await decideCrs();
    } else await take(item);
    if (errorCount >= MAX_ISSUES * 10) break;
    report('parse');
  }
  if (head) await decideCrs();
  if (pending.length > 0) await flush(pending);
  report('parse', true);

  // what only the whole file tells
  const allMembers = source.members();
  if (source.streamed && allMembers.crs !== undefined && crs!.detected === null && crs!.source !== 'stated') {
    const late = source.detected();
    if (late && late !== 'EPSG:4326') {
      addError({ featureIndex: null, id: null, field: 'crs', reason: `the "crs" member (${describeCrs(late)}) comes after "features"; put it first or state the CRS` });
    }
  }
  if (!options.layer && communities.length === 0) addError(noCommunityIssue());
  for (const u of unknown.values()) {
    addWarning({ ...u.issue, reason: `unknown property "${u.prop}" on ${u.count} ${u.kind} feature${u.count > 1 ? 's' : ''} (kept)` });
  }
  for (const r of pendingRefs) {
    if (!compoundIds.has(r.value)) addWarning({ featureIndex: r.index, id: r.id, field: 'properties.compoundId', reason: `no compound with id "${r.value}"` });
  }
  if (idsGenerated > 0) warnings.push(`${idsGenerated} feature(s) had no id; ids were generated (kind-1, kind-2, …)`);
  let attestations: unknown[] = [];
  if (allMembers.attestations !== undefined) {
    const stub = community ?? { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }, properties: { kind: 'community', id: '_' } };
    const v = validateTwin({ type: 'FeatureCollection', features: [stub], attestations: allMembers.attestations });
    for (const e of v.errors) if (e.featureIndex === null && e.field.startsWith('attestations')) addError(e);
    attestations = v.twin?.attestations ?? [];
  }
  const members = Object.fromEntries(Object.entries(allMembers).filter(([k]) => !['type', 'features', 'crs', 'bbox', 'attestations'].includes(k)));
  const c = crs!;
  return {
    format: source.format, streamed: source.streamed, crs: c, warnings, features, bytes: source.bytes(),
    counts, extent: Number.isFinite(extent[0]) ? extent : null, sample, community,
    validation: { ok: errorCount === 0, errorCount, warningCount, errors, warnings: fileWarnings },
    members, attestations, idsGenerated,
  };
}

/** "no community feature": a whole-twin import needs exactly one. */
export function noCommunityIssue(): TwinIssue {
  return { featureIndex: null, id: null, field: 'features', reason: 'no community feature (exactly one feature needs properties.kind "community")' };
}

export type { FeatureKind };
