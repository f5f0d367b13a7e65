/**
 * GET /api/communities/:id/export?format=geojson|gpkg|csv|shp|kml&kind=camera[,light]
 * The stored twin as a download: GeoJSON (the twin file), GeoPackage (one table per kind,
 * EPSG:4326), CSV (one kind, or a zip of one CSV per kind; UTF-8 with BOM), a zipped
 * shapefile set (one layer per kind and geometry family, .prj WGS 84, .cpg UTF-8), KML.
 */
import { Router } from 'express';
import type { Sql } from 'postgres';
import { exportCommunity, parseExportFormat, parseKindList } from '../export/index.ts';
import { queryValue } from './communities.ts';

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function exportRouter(sql: Sql): Router {
  const router = Router({ mergeParams: true });
  router.get('/', async (req, res) => {
    const { id } = req.params as { id: string };
    const format = parseExportFormat(queryValue(req.query, 'format'));
    const kinds = parseKindList(queryValue(req.query, 'kind'));
    const file = await exportCommunity(sql, id, { format, ...(kinds ? { kinds } : {}) });
    res.type(file.contentType).set('content-disposition', attachment(file.filename)).send(file.body);
  });
  return router;
}
