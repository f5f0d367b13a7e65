/**
 * Live main map: one EventSource on GET /api/events?community=<id> (server/routes/events.ts).
 * Every event of the watched community (`telemetry`: devices changed; `edit`: its version moved
 * — import, edit, attestation) calls `onChange`, debounced, so a burst refetches once.
 * `onConnection` reports whether the stream is OPEN (the app shows a reconnecting badge when not);
 * the browser reconnects by itself with the server's `retry:` delay and Last-Event-ID.
 */
export interface LiveOptions {
  onChange: (community: string) => void;
  onConnection: (open: boolean) => void;
  debounceMs?: number;
}

export class LiveUpdates {
  private source: EventSource | null = null;
  private community: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private poll: ReturnType<typeof setInterval> | undefined;
  private open = true;

  constructor(private readonly options: LiveOptions) {}

  /** Follow `community` (null: stop). Re-subscribing to the same one does nothing. */
  watch(community: string | null): void {
    if (community === this.community && this.source) return;
    this.close();
    this.community = community;
    if (!community || typeof EventSource === 'undefined') return;
    const source = (this.source = new EventSource(`/api/events?community=${encodeURIComponent(community)}`));
    const changed = () => this.schedule(community);
    source.addEventListener('edit', changed);
    source.addEventListener('telemetry', changed);
    source.onopen = () => this.report();
    source.onerror = () => this.report();
    // onerror does not fire again while CONNECTING; a slow poll catches every state change
    this.poll = setInterval(() => this.report(), 1000);
    this.report();
  }

  close(): void {
    clearTimeout(this.timer);
    clearInterval(this.poll);
    this.source?.close();
    this.source = null;
    this.community = null;
    this.setOpen(true);
  }

  private report() {
    // a closed source (the server refused it, e.g. 404) is not coming back: stop polling it
    const state = this.source?.readyState ?? EventSource.OPEN;
    this.setOpen(state === EventSource.OPEN);
  }

  private setOpen(open: boolean) {
    if (open === this.open) return;
    this.open = open;
    this.options.onConnection(open);
  }

  private schedule(community: string) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { if (this.community === community) this.options.onChange(community); }, this.options.debounceMs ?? 800);
  }
}
