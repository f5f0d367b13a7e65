/**
 * `npx communitytwin <command> …`: each command is server/cli/<command>.ts exporting
 * `run(args): Promise<number>` (the exit code: 0 ran, 2 bad input, 1 failure).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Command { summary: string }
const COMMANDS: Record<string, Command> = {
  import: { summary: 'import <file> [--crs wgs84|gcj02|bd09|cgcs2000|epsg:NNNN] [--kind K] [--format F] [--id ID] [--replace] [--dry-run] [--out twin.geojson]   load any supported file into the database (dry run: preview only)' },
  export: { summary: 'export <id> [--format geojson|gpkg|csv] [--kind K] [--out FILE]   a stored community as GeoJSON, GeoPackage or CSV' },
  evaluate: { summary: 'evaluate <twin.geojson> [--standard ID] [--tier T] [--format json|md|csv|html|pdf|xlsx|acceptance-csv] [--lang zh|en] [--out FILE] [--param name=value …]' },
  convert: { summary: 'convert <file> [--from CRS] [--kind K] [--format csv|shp|gpkg|kml|geojson] [--out twin.geojson]   any supported format and CRS to a WGS 84 twin file' },
  suggest: { summary: 'suggest <twin.geojson> --tier T [--checks a,b] [--standard ID] --out <new-twin.geojson>   propose additions that close the gaps' },
  verify: { summary: 'verify <report.json> <twin.geojson>   recompute a report; "identical" or every difference' },
  user: { summary: 'user add <name> --role viewer|planner|reviewer|admin | user reset <name> | user list | user device <name>   accounts; prints generated passwords and device tokens once' },
  audit: { summary: 'audit verify   check the audit hash chain; names the first broken link' },
  backup: { summary: 'backup <file.json>   logical dump of the database (stop an embedded server first)' },
  restore: { summary: 'restore <file.json>   load a backup into an empty database' },
};

export function usage(): string {
  return ['usage: communitytwin <command> [args]', '', ...Object.values(COMMANDS).map((c) => `  ${c.summary}`)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  if (!Object.hasOwn(COMMANDS, name) || !existsSync(file)) {
    console.error(`${Object.hasOwn(COMMANDS, name) ? `command ${name} is not available yet` : `unknown command "${name}"`}\n${usage()}`);
    return 2;
  }
  const command = (await import(file)) as { run(args: string[]): Promise<number> };
  return command.run(args);
}
