/**
 * The in-process event bus: what changed in which community, fanned out to the SSE streams
 * (server/routes/events.ts). Events are stored first (server/store/telemetry.ts), so `id` is the
 * database id and a client can resume from it.
 */

export interface DeviceChange {
  featureId: string;
  name: string | null;
  online: boolean;
  intact: boolean;
  imageOut: boolean;
  /** the device's report time (ISO) */
  at: string;
  /** the state before this report */
  before: { online: boolean | null; intact: boolean | null; imageOut: boolean | null };
}

export type EventPayload =
  | { kind: 'telemetry'; changes: DeviceChange[] }
  /** the community changed by other means (import, edit, attestation): its version moved */
  | { kind: 'edit'; previousVersion: number | null; name: string };

export type CommunityEvent = EventPayload & {
  id: number;
  communityId: string;
  /** the community version after the event */
  version: number;
  recordedAt: string;
};

type Listener = (event: CommunityEvent) => void;

export class EventBus {
  private readonly listeners = new Set<{ communityId: string | null; listener: Listener }>();

  /** Listen to one community's events (or every community's with null); returns the unsubscribe. */
  subscribe(communityId: string | null, listener: Listener): () => void {
    const entry = { communityId, listener };
    this.listeners.add(entry);
    return () => { this.listeners.delete(entry); };
  }

  publish(event: CommunityEvent): void {
    for (const { communityId, listener } of this.listeners) {
      if (communityId !== null && communityId !== event.communityId) continue;
      try {
        listener(event);
      } catch (err) {
        console.error('event listener failed', err);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
