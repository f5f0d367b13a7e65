/** What every format reader returns, and the one error they throw. */
import type { Feature, Geometry } from 'geojson';
import type { CrsCode } from '../../../engine/crs/index.ts';
import { ApiError } from '../../errors.ts';

export type SourceProps = Record<string, unknown>;
export type SourceFeature = Feature<Geometry, SourceProps>;

export interface ReaderResult {
  /** features in the file's own CRS, with properties mapped to twin attributes (kind set) */
  features: SourceFeature[];
  crs: {
    /** read from the file's metadata (.prj, srs_id, a GeoJSON `crs` member, KML's spec) */
    detected: CrsCode | null;
    /** what the reader takes when nothing is stated or detected; null: ask guessCrs */
    assumed: CrsCode | null;
  };
  warnings: string[];
  /** other top-level members worth keeping (GeoJSON `attestations`) */
  extra?: Record<string, unknown>;
}

export type FormatName = 'geojson' | 'csv' | 'shp' | 'gpkg' | 'kml';
export const FORMATS: readonly FormatName[] = ['geojson', 'csv', 'shp', 'gpkg', 'kml'];

export interface ReaderOptions {
  /** every feature is of this kind (e.g. a CSV of cameras) unless a row says otherwise */
  kind?: string;
  /** largest input accepted, in bytes (uncompressed total for zips) */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

/**
 * A file that cannot be read, with a message naming the problem (row, column, entry, position)
 * and details for the API's `{ error: { code, message, details } }`.
 */
export class ImportFormatError extends ApiError {
  constructor(message: string, details: Record<string, unknown> = {}, status = 400, code = 'invalid_import_file') {
    super(status, code, message, details);
    this.name = 'ImportFormatError';
  }
}

export const tooLarge = (what: string, bytes: number, limit: number) =>
  new ImportFormatError(`${what} is larger than the limit of ${limit} bytes (${bytes} bytes)`, { bytes, limit }, 413, 'file_too_large');
