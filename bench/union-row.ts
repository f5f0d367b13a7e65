/**
 * Only the union-of-500-polygons rows of `npm run bench` (bench/sections/union.ts), with the
 * PostGIS anchor when DATABASE_URL is set: `npx tsx bench/union-row.ts [runs=5]`.
 */
import { loadNow } from './lib/machine.ts';
import { openScratch, type Scratch } from './lib/postgis.ts';
import { markdown } from './lib/table.ts';
import { unionSection } from './sections/union.ts';

const runs = Number(process.argv[2] ?? 5);
const url = process.env.DATABASE_URL;
const scratch: Scratch | null = url ? await openScratch(url) : null;
console.log(`load average at start ${loadNow()}${scratch ? `; ${scratch.versions}` : '; no DATABASE_URL: no PostGIS anchor'}`);
try {
  console.log(markdown(await unionSection(runs, scratch, false)));
} finally {
  await scratch?.close();
}
console.log(`load average at the end ${loadNow()}`);
