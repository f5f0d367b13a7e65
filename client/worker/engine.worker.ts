/**
 * The engine worker's entry. It listens at once and loads the engine with a dynamic import:
 * a module worker whose own imports hold a top-level await (the Clipper WebAssembly) would
 * start listening only after that await, and Chromium drops the messages that arrive before.
 */
import type { EngineRequest, EngineResponse } from './protocol.ts';

type Tasks = typeof import('./engine-tasks.ts');
let tasks: Promise<Tasks> | null = null;

/** The engine module, loading from now on; a failed load is tried again by the next request. */
function engineTasks(): Promise<Tasks> {
  tasks ??= import('./engine-tasks.ts').catch((error: Error) => {
    tasks = null;
    throw error;
  });
  return tasks;
}
void engineTasks().catch(() => undefined);

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  const { id } = event.data;
  engineTasks().then(({ handle }) => handle(event.data)).then(
    (response) => self.postMessage(response),
    (error: Error) => self.postMessage({ id, type: 'error', name: error.name, message: error.message } satisfies EngineResponse),
  );
};
