/**
 * `communitytwin convert <file> [--from CRS] [--kind KIND] [--format F] [--out twin.geojson]`:
 * read a GeoJSON, CSV, zipped shapefile, GeoPackage or KML/KMZ file, convert its
 * coordinates to WGS 84 and write twin-shaped GeoJSON (to --out, else stdout). What was
 * assumed (format, CRS) and every warning go to stderr. Exit 0 when it converted, 2 on bad
 * input or arguments (message on stderr), 1 on an unexpected failure.
 */
import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CRS_HELP, describeCrs } from '../../engine/crs/index.ts';
import { validateTwin } from '../../engine/twin/validate.ts';
import { FORMATS, ImportFormatError, importFile } from '../import/formats/index.ts';

const USAGE = `usage: communitytwin convert <file> [--from ${CRS_HELP.split(', ').slice(0, 5).join('|')}|epsg:NNNN] [--kind camera] [--format ${FORMATS.join('|')}] [--out twin.geojson]`;

const bad = (message: string): number => {
  console.error(`convert: ${message}`);
  return 2;
};

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true,
      options: { from: { type: 'string' }, kind: { type: 'string' }, format: { type: 'string' }, out: { type: 'string', short: 'o' }, 'max-mb': { type: 'string' } },
    });
  } catch (err) {
    return bad(`${(err as Error).message}\n${USAGE}`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) return bad(`${file ? `unexpected argument ${extra[0]}` : 'no input file'}\n${USAGE}`);
  const { from, kind, format, out } = parsed.values;
  const maxMb = parsed.values['max-mb'] === undefined ? undefined : Number(parsed.values['max-mb']);
  if (maxMb !== undefined && !(maxMb > 0)) return bad(`--max-mb must be a positive number, got ${parsed.values['max-mb']}`);
  try {
    if (!(await stat(file)).isFile()) return bad(`${file} is not a file`);
  } catch {
    return bad(`${file}: no such file`);
  }

  try {
    const result = await importFile(createReadStream(file), {
      filename: file, ...(from ? { crs: from } : {}), ...(kind ? { kind } : {}),
      ...(format ? { format: format as (typeof FORMATS)[number] } : {}), ...(maxMb ? { maxBytes: maxMb * 1024 * 1024 } : {}),
    });
    const text = `${JSON.stringify(result.collection, null, 1)}\n`;
    if (out) await writeFile(out, text); else process.stdout.write(text);

    const counts = new Map<string, number>();
    for (const f of result.collection.features) counts.set(String(f.properties.kind), (counts.get(String(f.properties.kind)) ?? 0) + 1);
    const summary = [
      `convert: ${file} (${result.format}) → ${out ?? 'stdout'}: ${result.collection.features.length} feature(s) (${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')})`,
      `convert: coordinates converted from ${describeCrs(result.crs.assumed)} [${result.crs.source}] to WGS 84`,
      ...result.warnings.map((w) => `convert: warning: ${w}`),
    ];
    const validation = validateTwin(result.collection);
    if (!validation.ok) {
      summary.push(`convert: note: the output is not yet an importable twin (${validation.errors.length} issue(s)), e.g.:`,
        ...validation.errors.slice(0, 5).map((e) => `  ${e.featureIndex === null ? '' : `feature ${e.featureIndex}${e.id ? ` (${e.id})` : ''}: `}${e.field}: ${e.reason}`));
    }
    console.error(summary.join('\n'));
    return 0;
  } catch (err) {
    if (err instanceof ImportFormatError) return bad(`${file}: ${err.message}`);
    console.error(err);
    return 1;
  }
}
