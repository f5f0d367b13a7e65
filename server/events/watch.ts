/**
 * Edits come from many places (import, replace, attestations, scenarios, another process), so
 * rather than hook each, a watcher compares community versions every few seconds while
 * anyone listens, and records a version that no telemetry event explains as an 'edit' event.
 */
import type { Sql } from 'postgres';
import { communityVersions, recordEdit } from '../store/telemetry.ts';
import type { EventBus } from './bus.ts';

export interface VersionWatcher {
  /** start polling if not yet running (called when a stream opens) */
  wake(): void;
  /** one comparison now (tests) */
  poll(): Promise<void>;
  stop(): void;
}

export function watchVersions(sql: Sql, bus: EventBus, intervalMs = 2000): VersionWatcher {
  let known: Map<string, number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  async function compare(): Promise<void> {
    const rows = await communityVersions(sql);
    const previous = known;
    known = new Map(rows.map((r) => [r.id, r.version]));
    if (!previous) return;
    for (const r of rows) {
      const before = previous.get(r.id) ?? null;
      if (before === r.version) continue;
      const event = await recordEdit(sql, r.id, r.version, before, r.name);
      if (event) bus.publish(event);
    }
  }

  const poll = () => (running ??= compare().catch((err: Error) => console.warn(`version watch: ${err.message}`)).finally(() => { running = null; }));

  return {
    wake() {
      if (timer) return;
      void poll();
      timer = setInterval(() => {
        if (bus.size === 0) { clearInterval(timer!); timer = null; known = null; return; }
        void poll();
      }, intervalMs);
      timer.unref();
    },
    poll,
    stop() { if (timer) clearInterval(timer); timer = null; },
  };
}
