/**
 * Progress of imports in flight, for GET /api/import/progress/:token (Server-Sent Events).
 * The client picks a random token, opens the event stream, then sends the file with
 * `?progress=TOKEN`; the import publishes its phase (parse, write, commit), bytes read and
 * features done. The POST itself answers with its ordinary status and body, so errors and
 * the audit log see what they always see. Tokens are forgotten a minute after the end.
 */
import type { ImportProgress } from './stream/pipeline.ts';

export type ProgressEvent = (ImportProgress & { type: 'progress' }) | { type: 'done'; status: number };
type Listener = (event: ProgressEvent) => void;
interface Channel { last: ProgressEvent | null; listeners: Set<Listener>; timer: NodeJS.Timeout | null }

const TOKEN = /^[A-Za-z0-9_-]{8,64}$/;
const KEEP_MS = 60_000;
const channels = new Map<string, Channel>();

export const isProgressToken = (token: string) => TOKEN.test(token);

function channel(token: string): Channel {
  let c = channels.get(token);
  if (!c) {
    c = { last: null, listeners: new Set(), timer: null };
    channels.set(token, c);
    // a token nobody publishes to is forgotten too
    c.timer = setTimeout(() => channels.delete(token), 10 * KEEP_MS).unref();
  }
  return c;
}

export function publish(token: string, event: ProgressEvent): void {
  const c = channel(token);
  c.last = event;
  for (const l of c.listeners) l(event);
  if (event.type === 'done') {
    if (c.timer) clearTimeout(c.timer);
    c.timer = setTimeout(() => channels.delete(token), KEEP_MS).unref();
  }
}

/** Listen to a token's events (the latest one at once); returns the unsubscribe function. */
export function subscribe(token: string, listener: Listener): () => void {
  const c = channel(token);
  c.listeners.add(listener);
  if (c.last) listener(c.last);
  return () => { c.listeners.delete(listener); };
}
