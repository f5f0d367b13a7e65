/**
 * Worker thread: evaluates communities for the pool (server/district/pool.ts): a district
 * status, or a full report for server/report/cache.ts. Its entry (worker.mjs) registers tsx
 * so it runs the engine's TypeScript as the server does.
 * Messages in: EvaluateTask | ReportTask; out: TaskResult.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { evaluate, ready } from '../../engine/evaluate.ts';
import { parseStandard } from '../../engine/standard/load.ts';
import type { Standard } from '../../engine/standard/types.ts';
import { communityStatus } from './status.ts';
import type { EvaluateTask, ReportTask, TaskResult } from './pool.ts';

const standards = new Map<string, Standard>();
function standardAt(path: string): Standard {
  let standard = standards.get(path);
  if (!standard) standards.set(path, (standard = parseStandard(JSON.parse(readFileSync(path, 'utf8')))));
  return standard;
}

await ready();
const port = parentPort!;
void workerData;
port.on('message', (task: EvaluateTask | ReportTask) => {
  let result: TaskResult;
  try {
    if (task.kind === 'report') {
      result = { taskId: task.taskId, ok: true, report: evaluate(task.twin, task.standard, task.tier, { params: task.params }) };
    } else {
      const { status, report } = communityStatus(task.twin, standardAt(task.standardPath), evaluate, { communityId: task.communityId, version: task.version });
      result = { taskId: task.taskId, ok: true, status, report: task.wantReport ? report : null };
    }
  } catch (err) {
    result = { taskId: task.taskId, ok: false, error: (err as Error).message, name: (err as Error).name };
  }
  port.postMessage(result);
});
port.postMessage({ ready: true });
