/** Fixed-window attempt counter per key, in memory (one server process). */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(private readonly max: number, private readonly windowMs: number) {}

  /** Count one attempt; retryAfterS > 0 when it is over the limit. */
  hit(key: string, now = Date.now()): { allowed: boolean; retryAfterS: number } {
    if (this.windows.size > 10_000) this.sweep(now);
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) this.windows.set(key, (w = { start: now, count: 0 }));
    w.count++;
    return w.count <= this.max ? { allowed: true, retryAfterS: 0 } : { allowed: false, retryAfterS: Math.ceil((w.start + this.windowMs - now) / 1000) };
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
