/**
 * The planner worker's entry: one engine Session (engine/incremental.ts) per planning session.
 * It listens at once and loads the engine with a dynamic import (the Clipper WebAssembly's
 * top-level await would otherwise delay listening, and Chromium drops early messages).
 * Requests are handled one at a time, in order: the Session is stateful.
 */
import type { PlanRequest, PlanResponse } from './protocol.ts';

const host = import('./session-host.ts');
let queue: Promise<unknown> = Promise.resolve();

self.onmessage = (event: MessageEvent<PlanRequest>) => {
  const request = event.data;
  queue = queue.then(() => host.then(({ handle }) => handle(request)).then(
    (response) => self.postMessage(response),
    (error: Error) => self.postMessage({ id: request.id, type: 'error', name: error.name, message: error.message } satisfies PlanResponse),
  ));
};
