/**
 * The login rate limit: a fixed window of attempts per key, stored in the database (table
 * login_attempt, migration 006) so a restart does not forget it and every process on the same
 * database counts together. One upsert per attempt, atomic under concurrency; the window is
 * timed by the database clock, so processes on different machines agree.
 */
import type { Sql } from 'postgres';

export interface Limit { allowed: boolean; retryAfterS: number }

export class LoginRateLimiter {
  private calls = 0;
  constructor(private readonly sql: Sql, private readonly max: number, private readonly windowMs: number) {}

  /** Count one attempt; retryAfterS > 0 when it is over the limit. */
  async hit(key: string): Promise<Limit> {
    if (++this.calls % 200 === 0) await this.sweep();
    const [row] = await this.sql<{ attempts: number; remaining_ms: number }[]>`
      INSERT INTO login_attempt AS a (key, window_start, attempts) VALUES (${key}, clock_timestamp(), 1)
      ON CONFLICT (key) DO UPDATE SET
        window_start = CASE WHEN a.window_start <= clock_timestamp() - make_interval(secs => ${this.windowMs / 1000})
                            THEN clock_timestamp() ELSE a.window_start END,
        attempts = CASE WHEN a.window_start <= clock_timestamp() - make_interval(secs => ${this.windowMs / 1000})
                        THEN 1 ELSE a.attempts + 1 END
      RETURNING attempts,
        (extract(epoch FROM window_start + make_interval(secs => ${this.windowMs / 1000}) - clock_timestamp()) * 1000)::float8 AS remaining_ms`;
    if (row.attempts <= this.max) return { allowed: true, retryAfterS: 0 };
    return { allowed: false, retryAfterS: Math.max(1, Math.ceil(row.remaining_ms / 1000)) };
  }

  /** A successful login clears its key. */
  async reset(key: string): Promise<void> {
    await this.sql`DELETE FROM login_attempt WHERE key = ${key}`;
  }

  /** Forget windows that ended long ago. */
  private async sweep(): Promise<void> {
    await this.sql`DELETE FROM login_attempt WHERE window_start < clock_timestamp() - make_interval(secs => ${(2 * this.windowMs) / 1000})`;
  }
}
