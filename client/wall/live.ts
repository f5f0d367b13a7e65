/**
 * The wall's live connection: an EventSource on /api/events that survives server restarts.
 * EventSource retries by itself after a dropped stream, but gives up for good when a retry is
 * answered with an error status (a proxy's 502 while the server is down); then a new one is
 * opened after a pause, resuming from the last event id. `onOpen(resumed)` fires on every
 * (re)connection: the caller refetches what it shows, since events may have been missed.
 */
import type { CommunityEvent } from '../../server/events/bus.ts';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

export interface LiveHandlers {
  onEvent(event: CommunityEvent): void;
  onOpen(resumed: boolean): void;
  onState(state: ConnectionState): void;
}

export interface LiveConnection { close(): void }

const REOPEN_DELAY_MS = 2000;

export function connectLive(community: string | null, backlog: number, handlers: LiveHandlers): LiveConnection {
  let source: EventSource | null = null;
  let lastEventId: string | null = null;
  let opened = false;
  let closed = false;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;

  const receive = (message: MessageEvent<string>) => {
    if (message.lastEventId) lastEventId = message.lastEventId;
    try {
      handlers.onEvent(JSON.parse(message.data) as CommunityEvent);
    } catch (err) {
      console.warn(`bad event: ${(err as Error).message}`);
    }
  };

  function open() {
    const params = new URLSearchParams();
    if (community) params.set('community', community);
    if (lastEventId) params.set('lastEventId', lastEventId);
    else if (!opened && backlog > 0) params.set('backlog', String(backlog));
    const es = (source = new EventSource(`/api/events?${params}`));
    es.addEventListener('telemetry', receive);
    es.addEventListener('edit', receive);
    es.addEventListener('open', () => {
      handlers.onState('live');
      handlers.onOpen(opened);
      opened = true;
    });
    es.addEventListener('error', () => {
      if (closed) return;
      handlers.onState(opened ? 'reconnecting' : 'connecting');
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        clearTimeout(reopenTimer);
        reopenTimer = setTimeout(() => { if (!closed) open(); }, REOPEN_DELAY_MS);
      }
    });
  }

  open();
  return {
    close() {
      closed = true;
      clearTimeout(reopenTimer);
      source?.close();
    },
  };
}
