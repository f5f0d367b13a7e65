/**
 * CSV (or TSV / semicolon-separated) with one feature per row: longitude and latitude
 * columns (经度/纬度, lon/lng/longitude, lat/latitude, x/y) for points, or else a WKT
 * geometry column (wkt/geometry/geom, as the CSV export writes), other columns mapped to twin
 * attributes. UTF-8 with or without BOM, or GBK (Excel on Chinese Windows). Errors name
 * the row (as a spreadsheet shows it: the header is row 1) and the column.
 */
import type { Geometry } from 'geojson';
import { parse } from 'csv-parse/sync';
import { kindFromName, mapAttributes, normalizeHeader, parseNumber } from './attributes.ts';
import { decodeText } from './encoding.ts';
import { parseWkt } from './wkt.ts';
import { readAll, type FileInput } from './input.ts';
import { DEFAULT_MAX_BYTES, ImportFormatError, type ReaderOptions, type ReaderResult, type SourceFeature } from './types.ts';

const LON = ['lon', 'lng', 'long', 'longitude', 'x', '经度', '东经', 'gpsx', '经度坐标', 'x坐标', 'easting', '横坐标'];
const WKT = ['wkt', 'geometry', 'geom', 'the_geom', 'shape', '几何', '空间信息'].map(normalizeHeader);
const LAT = ['lat', 'latitude', 'y', '纬度', '北纬', 'gpsy', '纬度坐标', 'y坐标', 'northing', '纵坐标'];

/** Degrees from "116.397", "116°23′49.2″", "116度23分49.2秒", with an optional E/N/东/北. */
export function parseCoordinate(text: string): number | null {
  const plain = parseNumber(text.replace(/^\s*[EN东北]|[EN东北]\s*$/gi, ''));
  if (plain !== null) return plain;
  const dms = /^\s*(-?\d+(?:\.\d+)?)\s*[°度]\s*(?:(\d+(?:\.\d+)?)\s*['′分]\s*)?(?:(\d+(?:\.\d+)?)\s*(?:["″]|''|秒)\s*)?[EN东北]?\s*$/i.exec(text);
  if (!dms) return null;
  const [d, m = '0', s = '0'] = dms.slice(1);
  const sign = d.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(d)) + Number(m) / 60 + Number(s) / 3600);
}

/** The delimiter the first line uses most: comma, tab, semicolon or a full-width comma. */
export function guessDelimiter(firstLine: string): string {
  return [',', '\t', ';', '，'].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0];
}

/**
 * From the header row, a function that makes one row a point feature (rows numbered as a
 * spreadsheet shows them: the header is row 1). Shared by readCsv and the streaming reader.
 */
export function csvRowReader(header: string[], options: ReaderOptions = {}): (cells: string[], row: number) => SourceFeature {
  if (!header || header.length === 0 || (header.length === 1 && header[0] === '')) throw new ImportFormatError('the CSV file is empty (no header row)', { format: 'csv' });
  const find = (names: string[]) => header.findIndex((h) => names.includes(normalizeHeader(h)));
  const lonIndex = find(LON), latIndex = find(LAT), wktIndex = find(WKT);
  if ((lonIndex < 0 || latIndex < 0) && wktIndex < 0) {
    throw new ImportFormatError(`the CSV header has no ${lonIndex < 0 ? 'longitude' : 'latitude'} column (expected one of ${(lonIndex < 0 ? LON : LAT).join(', ')}, or a ${WKT[0]} geometry column); header: ${header.join(', ')}`,
      { format: 'csv', header });
  }
  const dup = header.findIndex((h, i) => h !== '' && header.indexOf(h) !== i);
  if (dup >= 0) throw new ImportFormatError(`the CSV header names column ${JSON.stringify(header[dup])} twice`, { format: 'csv', column: header[dup] });

  const defaultKind = options.kind ? kindFromName(options.kind) : null;
  return (cells, row) => {
    if (cells.length > header.length && cells.slice(header.length).some((c) => c !== '')) {
      throw new ImportFormatError(`row ${row}: ${cells.length} cells but the header has ${header.length} columns`, { format: 'csv', row });
    }
    const coordinate = (index: number) => {
      const value = cells[index] ?? '';
      const v = parseCoordinate(value);
      if (v === null) {
        throw new ImportFormatError(`row ${row}, column ${header[index]}: ${value === '' ? 'empty' : `${JSON.stringify(value)} is not a number`}`,
          { format: 'csv', row, column: header[index], value });
      }
      return v;
    };
    const byWkt = lonIndex < 0 || latIndex < 0;
    let geometry: Geometry;
    if (byWkt) {
      try {
        geometry = parseWkt(cells[wktIndex] ?? '');
      } catch (err) {
        throw new ImportFormatError(`row ${row}, column ${header[wktIndex]}: ${(err as Error).message}`, { format: 'csv', row, column: header[wktIndex] });
      }
    } else geometry = { type: 'Point', coordinates: [coordinate(lonIndex), coordinate(latIndex)] };
    const record: Record<string, string> = {};
    const skip = byWkt ? [wktIndex] : [lonIndex, latIndex];
    header.forEach((h, i) => { if (!skip.includes(i) && h !== '') record[h] = cells[i] ?? ''; });
    const properties = mapAttributes(record, {
      where: `row ${row}`, defaultKind, kindHint: 'add a 类别/kind column, or give the kind of every row (--kind camera)',
    });
    return { type: 'Feature', geometry, properties };
  };
}

export const CSV_PARSE_OPTIONS = { relax_column_count: true, skip_empty_lines: true, trim: true } as const;

export async function readCsv(input: FileInput, options: ReaderOptions = {}): Promise<ReaderResult> {
  const bytes = await readAll(input, options.maxBytes ?? DEFAULT_MAX_BYTES, 'the CSV file');
  const { text, encoding } = decodeText(bytes);
  const warnings: string[] = encoding === 'gbk' ? ['the CSV file is not UTF-8; it was read as GBK'] : [];
  const delimiter = guessDelimiter(text.slice(0, text.indexOf('\n') >>> 0));
  let rows: string[][];
  try {
    rows = parse(text, { delimiter, ...CSV_PARSE_OPTIONS });
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new ImportFormatError(`CSV syntax error${e.lines ? ` at line ${e.lines}` : ''}: ${e.message}`, { format: 'csv', line: e.lines ?? null });
  }
  const [header, ...records] = rows;
  if (!header || header.length === 0) throw new ImportFormatError('the CSV file is empty (no header row)', { format: 'csv' });
  const toFeature = csvRowReader(header, options);
  const features: SourceFeature[] = records.map((cells, r) => toFeature(cells, r + 2));
  return { features, crs: { detected: null, assumed: null }, warnings };
}
