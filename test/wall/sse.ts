/** A minimal Server-Sent Events reader over fetch, for tests: frames as { id, event, data }. */
export interface SseFrame { id: string | null; event: string; data: string; comment?: string }

export interface SseStream {
  frames: SseFrame[];
  /** resolves with the first frame (after those already seen) that matches */
  next(match: (f: SseFrame) => boolean, timeoutMs?: number): Promise<SseFrame>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  const frames: SseFrame[] = [];
  const waiters: { from: number; match: (f: SseFrame) => boolean; resolve: (f: SseFrame) => void }[] = [];
  const notify = () => {
    for (const w of [...waiters]) {
      const found = frames.slice(w.from).find(w.match);
      if (found) { waiters.splice(waiters.indexOf(w), 1); w.resolve(found); }
    }
  };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const frame: SseFrame = { id: null, event: 'message', data: '' };
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) frame.comment = line.slice(1).trim();
            else if (line.startsWith('id: ')) frame.id = line.slice(4);
            else if (line.startsWith('event: ')) frame.event = line.slice(7);
            else if (line.startsWith('data: ')) frame.data += line.slice(6);
          }
          frames.push(frame);
        }
        notify();
      }
    } catch { /* aborted */ }
  })();
  let seen = 0;
  return {
    frames,
    next(match, timeoutMs = 10_000) {
      const from = seen;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching SSE frame in ${timeoutMs} ms; got ${JSON.stringify(frames.slice(from))}`)), timeoutMs);
        waiters.push({ from, match, resolve: (f) => { clearTimeout(timer); seen = frames.indexOf(f) + 1; resolve(f); } });
        notify();
      });
    },
    close: () => controller.abort(),
  };
}
