/**
 * The offline basemaps: PMTiles v3 archives in tiles/ (server/basemap/build.ts), read with
 * the `pmtiles` package from the file and served as plain XYZ vector tiles:
 *   GET /basemap/index.json                  every archive: name, bounds, zooms, attribution
 *   GET /basemap/{name}.json                 TileJSON 3.0.0 (attribution © OpenStreetMap contributors)
 *   GET /basemap/{name}/{z}/{x}/{y}.pbf      a Mapbox Vector Tile; 204 where the archive has none
 * The archives are opened once, at the first request; nothing is fetched from anywhere else.
 */
import { existsSync, readdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Router, type Request } from 'express';
import { PMTiles, type Source, type Header } from 'pmtiles';
import { notFound, badRequest } from '../errors.ts';
import { parseTileAddress } from '../tiles/tileMath.ts';

export const BASEMAP_DIR = resolve(import.meta.dirname, '../../tiles');
export const TILE_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';
const NAME = /^[a-z0-9-]+$/;

/** A pmtiles Source on a local file: byte ranges with positioned reads. */
export class FileRangeSource implements Source {
  private handle?: Promise<FileHandle>;
  constructor(private readonly path: string) {}
  getKey() { return this.path; }
  async getBytes(offset: number, length: number) {
    this.handle ??= open(this.path, 'r');
    const handle = await this.handle;
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + bytesRead) as ArrayBuffer;
    return { data };
  }
  async close() { if (this.handle) await (await this.handle).close(); }
}

interface Archive { name: string; pmtiles: PMTiles; source: FileRangeSource; header: Header; metadata: Record<string, unknown> }

export async function openArchive(path: string, name: string): Promise<Archive> {
  const source = new FileRangeSource(path);
  const pmtiles = new PMTiles(source);
  const header = await pmtiles.getHeader();
  if (header.tileType !== 1) throw new Error(`${path}: not a vector tile archive (tile type ${header.tileType})`);
  const metadata = (await pmtiles.getMetadata()) as Record<string, unknown>;
  return { name, pmtiles, source, header, metadata };
}

const baseUrl = (req: Request) => `${req.protocol}://${req.get('host')}${req.baseUrl}`;

export function basemapRouter(dir = BASEMAP_DIR): Router {
  const router = Router();
  let archives: Promise<Map<string, Archive>> | undefined;
  const load = () => (archives ??= (async () => {
    const found = new Map<string, Archive>();
    if (!existsSync(dir)) return found;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.pmtiles')).sort()) {
      const name = file.slice(0, -'.pmtiles'.length);
      if (NAME.test(name)) found.set(name, await openArchive(join(dir, file), name));
    }
    return found;
  })());
  const archiveOf = async (name: string) => {
    const archive = (await load()).get(name);
    if (!archive) throw notFound(`basemap "${name}"`);
    return archive;
  };
  const summary = (a: Archive) => ({
    name: a.name, bounds: [a.header.minLon, a.header.minLat, a.header.maxLon, a.header.maxLat],
    minzoom: a.header.minZoom, maxzoom: a.header.maxZoom, attribution: a.metadata.attribution,
  });

  router.get('/index.json', async (req, res) => {
    const all = [...(await load()).values()];
    res.json(all.map((a) => ({ ...summary(a), tilejson: `${baseUrl(req)}/${a.name}.json` })));
  });

  router.get('/:file', async (req, res) => {
    const match = /^(.+)\.json$/.exec(req.params.file);
    if (!match) throw notFound(`basemap resource "${req.params.file}"`);
    const a = await archiveOf(match[1]);
    const h = a.header;
    res.set('Cache-Control', 'public, max-age=3600').json({
      tilejson: '3.0.0', name: a.name, description: a.metadata.description, attribution: a.metadata.attribution,
      scheme: 'xyz', tiles: [`${baseUrl(req)}/${a.name}/{z}/{x}/{y}.pbf`],
      minzoom: h.minZoom, maxzoom: h.maxZoom, bounds: [h.minLon, h.minLat, h.maxLon, h.maxLat],
      center: [h.centerLon, h.centerLat, h.centerZoom], vector_layers: a.metadata.vector_layers,
    });
  });

  router.get('/:name/:z/:x/:tile', async (req, res) => {
    const a = await archiveOf(req.params.name);
    const yMatch = /^(.*)\.(pbf|mvt)$/.exec(req.params.tile);
    if (!yMatch) throw badRequest('a tile URL ends in {z}/{x}/{y}.pbf', { tile: req.params.tile });
    const { z, x, y } = parseTileAddress(req.params.z, req.params.x, yMatch[1]);
    const tile = await a.pmtiles.getZxy(z, x, y);
    res.set('Cache-Control', 'public, max-age=3600');
    if (!tile || tile.data.byteLength === 0) return void res.status(204).end();
    const body = Buffer.from(tile.data);
    res.status(200).set({ 'Content-Type': TILE_CONTENT_TYPE, 'Content-Length': String(body.length) }).end(body);
  });

  router.use((req) => {
    throw notFound(`basemap resource ${req.path}`);
  });
  return router;
}
