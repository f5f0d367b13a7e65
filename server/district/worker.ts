/**
 * Worker thread: evaluates communities for the district pool (server/district/pool.ts).
 * Started with `--import tsx` so it runs the engine's TypeScript as the server does.
 * workerData: { standardPath }; messages in: EvaluateTask; out: TaskResult.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { evaluate, ready } from '../../engine/evaluate.ts';
import { parseStandard } from '../../engine/standard/load.ts';
import type { Standard } from '../../engine/standard/types.ts';
import { communityStatus } from './status.ts';
import type { EvaluateTask, TaskResult } from './pool.ts';

const standards = new Map<string, Standard>();
function standardAt(path: string): Standard {
  let standard = standards.get(path);
  if (!standard) standards.set(path, (standard = parseStandard(JSON.parse(readFileSync(path, 'utf8')))));
  return standard;
}

await ready();
const port = parentPort!;
void workerData;
port.on('message', (task: EvaluateTask) => {
  let result: TaskResult;
  try {
    const { status, report } = communityStatus(task.twin, standardAt(task.standardPath), evaluate, { communityId: task.communityId, version: task.version });
    result = { taskId: task.taskId, ok: true, status, report: task.wantReport ? report : null };
  } catch (err) {
    result = { taskId: task.taskId, ok: false, error: (err as Error).message };
  }
  port.postMessage(result);
});
port.postMessage({ ready: true });
