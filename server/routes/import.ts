/**
 * Import from any supported file (GeoJSON, CSV, zipped shapefile, GeoPackage, KML/KMZ):
 *   POST /api/import/preview?format=&crs=&kind=&filename=   → ImportPreview; writes nothing
 *   POST /api/import?format=&crs=&kind=&filename=&id=&replace=   → a new community (201) or version (200)
 *   POST /api/communities/:id/layers?format=&crs=&kind=&filename=&replace=&dryRun=
 *        → features merged into the community, a new version; dryRun=true previews the merge
 *   GET  /api/import/progress/:token   → Server-Sent Events of the request sent with ?progress=TOKEN
 * The body is the file's bytes (any content type), streamed to a temporary file under the
 * body limit. Preview and import then read it feature by feature (server/import/stream:
 * GeoJSON and CSV streamed, the other formats read whole under their size limit), staging
 * features in batches inside ONE transaction. All or nothing: a file that does not read, or
 * does not make a valid twin, is a 400 naming the feature and problem, and nothing is written.
 * A layer is merged with the stored twin in one transaction that holds the community row's
 * lock (SELECT … FOR UPDATE), so concurrent layer imports both land or one is a 409.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request } from 'express';
import type { Sql, TransactionSql } from 'postgres';
import type { Feature } from 'geojson';
import { describeCrs } from '../../engine/crs/index.ts';
import { validateTwin, type TwinIssue, type TwinValidation } from '../../engine/twin/validate.ts';
import type { TwinFile } from '../../engine/twin/types.ts';
import type { Config } from '../config.ts';
import { ApiError, badRequest, notFound, toApiError } from '../errors.ts';
import { isProgressToken, publish, subscribe } from '../import/progress.ts';
import { streamImport, type ImportProgress, type StreamSummary } from '../import/stream/pipeline.ts';
import { checkTarget, commitStaged, stagingSink } from '../import/stream/write.ts';
import { envelopeOf } from '../export/geometry.ts';
import { attributeFor, kindFromName } from '../import/formats/attributes.ts';
import { isUtf8 } from '../import/formats/encoding.ts';
import { FORMATS, detectFormat, importFile, type FormatName, type ImportOptions, type ImportResult } from '../import/formats/index.ts';
import { DEFAULT_MAX_BYTES, tooLarge } from '../import/formats/types.ts';
import { exportTwin } from '../store/communities.ts';
import { importTwin } from '../store/importTwin.ts';
import { queryValue } from './communities.ts';

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** "50mb", "200 MB", "1048576" → bytes (1024-based, as Express's body limit). */
export function parseByteLimit(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  if (!m) throw new Error(`body limit ${JSON.stringify(text)} is not a size such as 50mb`);
  return Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]);
}

interface Upload { path: string; bytes: number; dispose(): Promise<void> }

/** Stream the request body to a temporary file; 413 as soon as it passes the limit. */
async function receiveUpload(req: Request, limitBytes: number): Promise<Upload> {
  const declared = Number(req.headers['content-length']);
  const overLimit = (bytes: number) => new ApiError(413, 'payload_too_large',
    `the file is larger than the limit of ${limitBytes} bytes${Number.isFinite(bytes) ? ` (${bytes} bytes)` : ''}`, { limit: limitBytes, bytes });
  if (Number.isFinite(declared) && declared > limitBytes) { req.resume(); throw overLimit(declared); }
  const dir = await mkdtemp(join(tmpdir(), 'communitytwin-upload-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'upload');
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > limitBytes ? overLimit(bytes) : null, chunk);
    },
  });
  try {
    await pipeline(req, counter, createWriteStream(path));
  } catch (err) {
    await dispose();
    req.resume();
    throw err instanceof ApiError ? err : new ApiError(400, 'upload_failed', `the upload did not complete: ${(err as Error).message}`);
  }
  if (bytes === 0) {
    await dispose();
    throw badRequest("the request has no file: send the file's bytes as the request body");
  }
  return { path, bytes, dispose };
}

function parseFlag(name: string, text: string | undefined): boolean {
  if (text === undefined || text === 'false' || text === '0') return false;
  if (text === 'true' || text === '1' || text === '') return true;
  throw badRequest(`${name} must be true or false`, { [name]: text });
}

function readOptions(req: Request): ReadOptions {
  const format = queryValue(req.query, 'format');
  if (format !== undefined && format !== '' && !(FORMATS as readonly string[]).includes(format) && !['json', 'kmz'].includes(format)) {
    throw badRequest(`unknown format ${JSON.stringify(format)} (expected ${FORMATS.join(', ')})`, { format });
  }
  const pick = (name: string) => { const v = queryValue(req.query, name); return v === undefined || v === '' ? undefined : v; };
  return { format: (format || undefined) as FormatName | undefined, crs: pick('crs'), kind: pick('kind'), filename: pick('filename') };
}

async function withUpload<T>(req: Request, limitBytes: number, use: (read: ReadImport) => Promise<T>): Promise<T> {
  const options = readOptions(req);
  const upload = await receiveUpload(req, limitBytes);
  try {
    return await use(await readImportFile(upload.path, { ...options, maxBytes: limitBytes }));
  } finally {
    await upload.dispose();
  }
}

const invalidTwin = (read: ReadImport, v: ReturnType<typeof validateTwin>, what: string) => {
  const first = v.errors[0];
  const where = first ? ` (first: ${first.featureIndex === null ? '' : `feature ${first.featureIndex}${first.id ? ` (${first.id})` : ''} `}${first.field}: ${first.reason})` : '';
  return new ApiError(400, 'invalid_twin', `${what} has ${v.errors.length} error(s)${where}; nothing was imported`,
    { errors: v.errors, warnings: v.warnings, file: { format: read.format, crs: read.crs, warnings: read.warnings } });
};

// ---------- reading a file: a twin as it is, anything else through importFile ----------

export type ReadOptions = Pick<ImportOptions, 'format' | 'crs' | 'kind' | 'filename' | 'maxBytes'>;
export type ReadImport = ImportResult & {
  /** some features had no id and got `kind-N` ids (they are renumbered when merged into a community) */
  idsGenerated: boolean;
};

/**
 * A twin file already in canonical form (WGS 84, canonical kinds and attribute names, every
 * feature with an id) is taken as it is, so the validator names its problems by feature;
 * everything else goes through the format readers, which map names and convert the CRS.
 */
function isCanonicalTwin(json: unknown): json is TwinFile {
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isObject(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features) || json.crs !== undefined) return false;
  return json.features.every((f: unknown) => {
    if (!isObject(f) || !isObject(f.properties)) return false;
    const { kind, id } = f.properties;
    if (typeof kind !== 'string' || typeof id !== 'string' || id.trim() === '') return false;
    const canonical = kindFromName(kind);
    if (canonical !== null && canonical !== kind) return false;
    return Object.entries(f.properties).every(([key, value]) => {
      const alias = attributeFor(key, canonical);
      if (!alias || alias.attr === 'kind') return true;
      if (alias.attr !== key) return false;
      return value === null || (alias.type === 'number' ? typeof value === 'number' : alias.type === 'boolean' ? typeof value === 'boolean' : true);
    });
  });
}

async function readTwinAsIs(path: string): Promise<TwinFile | null> {
  const bytes = await readFile(path);
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (!isUtf8(body)) return null;
  try {
    const json: unknown = JSON.parse(body.toString('utf8'));
    return isCanonicalTwin(json) ? json : null;
  } catch {
    return null; // the GeoJSON reader reports the line and column
  }
}

/** Read a file on disk (an upload, or the CLI's argument) into a WGS 84 twin-shaped collection. */
export async function readImportFile(path: string, options: ReadOptions): Promise<ReadImport> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const { size } = await stat(path);
  if (size > maxBytes) throw tooLarge('the file', size, maxBytes);
  const head = Buffer.alloc(Math.min(size, 65_536));
  const handle = await open(path);
  try { await handle.read(head, 0, head.length, 0); } finally { await handle.close(); }
  let format: FormatName | null = null;
  try { format = detectFormat(head, options.filename, options.format); } catch { /* importFile says why */ }
  if (format === 'geojson' && !options.crs && !options.kind) {
    const twin = await readTwinAsIs(path);
    if (twin) {
      return { format, collection: twin as ReadImport['collection'], warnings: [], idsGenerated: false,
        crs: { stated: null, detected: null, assumed: 'EPSG:4326', source: 'default' } };
    }
  }
  const result = await importFile(createReadStream(path), { ...options, maxBytes });
  return { ...result, idsGenerated: result.warnings.some((w) => w.includes('ids were generated')) };
}

// ---------- preview ----------

export interface ImportPreview {
  format: FormatName;
  crs: ReadImport['crs'] & { description: string };
  /** what the reader noticed: encoding, CRS assumed, ids generated, … */
  warnings: string[];
  features: number;
  counts: Record<string, number>;
  /** [minLon, minLat, maxLon, maxLat] in WGS 84, null when there are no features */
  extent: [number, number, number, number] | null;
  validation: { ok: boolean; errorCount: number; warningCount: number; errors: TwinIssue[]; warnings: TwinIssue[] };
  /** the first few features of each kind */
  sample: Feature[];
}

const PREVIEW_ISSUES = 100, SAMPLE_PER_KIND = 3;

export function previewOf(read: ReadImport, validation: TwinValidation): ImportPreview {
  const counts: Record<string, number> = {};
  const sample: Feature[] = [];
  const extent: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of read.collection.features) {
    const kind = String(f.properties.kind);
    counts[kind] = (counts[kind] ?? 0) + 1;
    if (counts[kind] <= SAMPLE_PER_KIND) sample.push(f);
    const [a, b, c, d] = envelopeOf(f.geometry);
    extent[0] = Math.min(extent[0], a); extent[1] = Math.min(extent[1], b); extent[2] = Math.max(extent[2], c); extent[3] = Math.max(extent[3], d);
  }
  return {
    format: read.format, crs: { ...read.crs, description: describeCrs(read.crs.assumed) }, warnings: read.warnings,
    features: read.collection.features.length, counts, extent: Number.isFinite(extent[0]) ? extent : null,
    validation: {
      ok: validation.ok, errorCount: validation.errors.length, warningCount: validation.warnings.length,
      errors: validation.errors.slice(0, PREVIEW_ISSUES), warnings: validation.warnings.slice(0, PREVIEW_ISSUES),
    },
    sample,
  };
}

/** The preview of a streamed read: the same shape as previewOf, plus whether it was streamed. */
export function previewOfSummary(summary: StreamSummary): ImportPreview & { streamed: boolean; bytes: number } {
  return {
    format: summary.format, crs: { ...summary.crs, description: describeCrs(summary.crs.assumed) }, warnings: summary.warnings,
    features: summary.features, counts: summary.counts, extent: summary.extent, validation: summary.validation,
    sample: summary.sample as Feature[], streamed: summary.streamed, bytes: summary.bytes,
  };
}

const invalidSummary = (summary: StreamSummary, what: string) => {
  const v = summary.validation;
  const first = v.errors[0];
  const where = first ? ` (first: ${first.featureIndex === null ? '' : `feature ${first.featureIndex}${first.id ? ` (${first.id})` : ''} `}${first.field}: ${first.reason})` : '';
  return new ApiError(400, 'invalid_twin', `${what} has ${v.errorCount} error(s)${where}; nothing was imported`,
    { errors: v.errors, warnings: v.warnings, file: { format: summary.format, crs: summary.crs, warnings: summary.warnings } });
};

// ---------- a layer merged into a stored community ----------

export interface LayerMerge {
  twin: TwinFile;
  summary: { added: number; replaced: number; renumbered: number };
}

/**
 * The community's twin with the layer's features: new ids appended, ids that exist already
 * a 409 naming them unless `replace` (then they take the old features' places). Ids the
 * reader generated (`camera-1`, …) are renumbered past the community's own first, so a CSV
 * without an id column never overwrites anything.
 */
export function mergeLayer(current: TwinFile, read: ReadImport, opts: { replace: boolean; communityId: string }): LayerMerge {
  const layer = read.collection.features.map((f) => ({ ...f, properties: { ...f.properties } }));
  const communities = layer.filter((f) => f.properties.kind === 'community');
  if (communities.length > 0) {
    throw badRequest(`the layer has ${communities.length} community feature(s); a layer adds features to community "${opts.communityId}" (import a whole community with POST /api/import?replace=true)`,
      { ids: communities.map((f) => f.properties.id) });
  }
  const existing = new Set(current.features.map((f) => f.properties.id));
  let renumbered = 0;
  if (read.idsGenerated) {
    const used = new Set([...existing, ...layer.map((f) => f.properties.id)]);
    for (const f of layer) {
      const { kind, id } = f.properties;
      if (!existing.has(id) || !new RegExp(`^${kind}-\\d+$`).test(id)) continue;
      let n = 1;
      while (used.has(`${kind}-${n}`)) n++;
      f.properties.id = `${kind}-${n}`;
      used.add(f.properties.id);
      renumbered++;
    }
  }
  const byId = new Map(layer.map((f) => [f.properties.id, f]));
  const clashes = layer.map((f) => f.properties.id).filter((id) => existing.has(id));
  if (clashes.length > 0 && !opts.replace) {
    const shown = clashes.slice(0, 20).join(', ') + (clashes.length > 20 ? `, … (${clashes.length} in all)` : '');
    throw new ApiError(409, 'conflict', `${clashes.length} feature id(s) of the layer already exist in community "${opts.communityId}": ${shown}; send replace=true to replace them`,
      { ids: clashes.slice(0, 1000), count: clashes.length });
  }
  const kept = current.features.map((f) => byId.get(f.properties.id) ?? f);
  const added = layer.filter((f) => !existing.has(f.properties.id));
  return {
    twin: { ...current, features: [...kept, ...added] as TwinFile['features'] },
    summary: { added: added.length, replaced: clashes.length, renumbered },
  };
}

/**
 * `tx` as an `Sql` for store functions that open their own transaction (importTwin): their
 * `begin(work)` runs `work` inside `tx`, so the caller's reads and their writes commit (or
 * roll back) together.
 */
export function joinTransaction(tx: TransactionSql): Sql {
  return new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop === 'begin') return (...args: unknown[]) => (args[args.length - 1] as (t: TransactionSql) => unknown)(tx);
      return Reflect.get(target, prop, receiver);
    },
  }) as unknown as Sql;
}

export function importRouter(sql: Sql, config: Pick<Config, 'bodyLimit'>): Router {
  const limitBytes = parseByteLimit(config.bodyLimit);
  const router = Router();

  /** `?progress=TOKEN`: publish this request's progress on GET /api/import/progress/TOKEN. */
  const progressOf = (req: Request) => {
    const token = queryValue(req.query, 'progress');
    if (token === undefined || token === '') return { onProgress: undefined, done: () => {} };
    if (!isProgressToken(token)) throw badRequest('progress must be a token of 8–64 letters, digits, - or _', { progress: token });
    return {
      onProgress: (p: ImportProgress) => publish(token, { type: 'progress', ...p }),
      done: (status: number) => publish(token, { type: 'done', status }),
    };
  };

  router.get('/api/import/progress/:token', (req, res) => {
    const { token } = req.params;
    if (!isProgressToken(token)) throw badRequest('not a progress token', { token });
    res.status(200).set({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    res.write(': progress\n\n');
    const unsubscribe = subscribe(token, (event) => {
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      if (event.type === 'done') { unsubscribe(); res.end(); }
    });
    req.on('close', () => unsubscribe());
  });

  router.post('/api/import/preview', async (req, res) => {
    const options = readOptions(req);
    const progress = progressOf(req);
    let status = 500;
    try {
      const upload = await receiveUpload(req, limitBytes);
      try {
        const summary = await streamImport(upload.path, { ...options, maxBytes: limitBytes, onProgress: progress.onProgress });
        status = 200;
        res.json(previewOfSummary(summary));
      } finally {
        await upload.dispose();
      }
    } catch (err) {
      status = toApiError(err).status;
      throw err;
    } finally {
      progress.done(status);
    }
  });

  router.post('/api/import', async (req, res) => {
    const replace = parseFlag('replace', queryValue(req.query, 'replace'));
    const id = queryValue(req.query, 'id') || undefined;
    const options = readOptions(req);
    const progress = progressOf(req);
    let status = 500;
    try {
      const upload = await receiveUpload(req, limitBytes);
      let body;
      try {
        // one transaction: features are staged batch by batch as they are read, and any bad one rolls all back
        body = await sql.begin(async (tx) => {
          if (id) await checkTarget(tx, id, replace);
          const sink = await stagingSink(tx);
          const summary = await streamImport(upload.path, { ...options, maxBytes: limitBytes, onProgress: progress.onProgress }, sink);
          if (!summary.validation.ok) throw invalidSummary(summary, 'the file, read as a twin,');
          progress.onProgress?.({ phase: 'commit', bytes: summary.bytes, totalBytes: summary.bytes, features: summary.features });
          const result = await commitStaged(tx, summary, { replace, ...(id ? { id } : {}) });
          return { ...result, warnings: summary.validation.warnings, file: { format: summary.format, crs: summary.crs, warnings: summary.warnings } };
        });
      } finally {
        await upload.dispose();
      }
      status = body.replaced ? 200 : 201;
      res.status(status).location(`/api/communities/${encodeURIComponent(body.id)}`).json(body);
    } catch (err) {
      status = toApiError(err).status;
      throw err;
    } finally {
      progress.done(status);
    }
  });

  router.post('/api/communities/:id/layers', async (req, res) => {
    const { id } = req.params;
    const replace = parseFlag('replace', queryValue(req.query, 'replace'));
    const dryRun = parseFlag('dryRun', queryValue(req.query, 'dryRun'));
    // read, merge and write in ONE transaction holding the community row's lock: a second
    // layer import of the same community waits, then merges into what the first wrote
    const progress = progressOf(req);
    let status = 500;
    try {
      const body = await withUpload(req, limitBytes, async (read) => sql.begin(async (tx) => {
        // a layer is read whole (it is merged with the stored twin in memory): one step of progress
        progress.onProgress?.({ phase: 'commit', bytes: 1, totalBytes: 1, features: read.collection.features.length });
        const [row] = dryRun
          ? await tx<{ version: number }[]>`SELECT version FROM community WHERE id = ${id} FOR SHARE`
          : await tx<{ version: number }[]>`SELECT version FROM community WHERE id = ${id} FOR UPDATE`;
        if (!row) throw notFound(`community "${id}"`);
        const inTx = joinTransaction(tx);
        const current = await exportTwin(inTx, id);
        if (!current) throw notFound(`community "${id}"`);
        const merge = mergeLayer(current, read, { replace, communityId: id });
        const validation = validateTwin(merge.twin);
        if (dryRun) return { ...previewOf(read, validation), merge: merge.summary, version: row.version };
        if (!validation.ok) throw invalidTwin(read, validation, `community "${id}" with the layer added`);
        const result = await importTwin(inTx, merge.twin as TwinFile, { id, replace: true });
        return { id, version: result.version, features: result.features, ...merge.summary, file: { format: read.format, crs: read.crs, warnings: read.warnings } };
      }));
      status = 200;
      res.json(body);
    } catch (err) {
      status = toApiError(err).status;
      throw err;
    } finally {
      progress.done(status);
    }
  });

  return router;
}
