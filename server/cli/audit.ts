/**
 * `communitytwin audit verify` — walk the audit chain; exit 0 when every link holds, 1 naming
 * the first broken one.
 */
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { verifyChain } from '../audit/verify.ts';

export async function run(args: string[]): Promise<number> {
  if (args[0] !== 'verify' || args.length > 1) {
    console.error('usage: communitytwin audit verify');
    return 2;
  }
  const db = await openDatabase(readConfig());
  try {
    await migrate(db.sql);
    const report = await verifyChain(db.sql);
    if (report.ok) {
      console.log(`audit chain intact: ${report.entries} entries, last hash ${report.lastHash}`);
      return 0;
    }
    console.error(`audit chain broken at entry ${report.broken!.id}: ${report.broken!.reason} (${report.entries} entries before it verify)`);
    return 1;
  } finally {
    await db.close();
  }
}
