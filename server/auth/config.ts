/** Authentication settings; createApp takes them as `config.auth` (secure when left out). */
export interface AuthConfig {
  /**
   * Tests only: no logins, no role checks, no CSRF (the audit actor is "anonymous").
   * Never read from the environment.
   */
  disabled: boolean;
  /** false (default): anyone may read the demo; true: reads need a logged-in viewer */
  readRequiresLogin: boolean;
  sessionTtlMs: number;
  /** login attempts per (IP, user name) per window */
  loginAttempts: number;
  loginWindowMs: number;
}

export const DEFAULT_AUTH: AuthConfig = {
  disabled: false,
  readRequiresLogin: false,
  sessionTtlMs: 12 * 3600_000,
  loginAttempts: 5,
  loginWindowMs: 60_000,
};

/** For tests of other modules that exercise routes, not accounts: say so explicitly. */
export const AUTH_DISABLED_FOR_TESTS: AuthConfig = { ...DEFAULT_AUTH, disabled: true };

const flag = (text: string | undefined, fallback: boolean): boolean => {
  if (text === undefined || text === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off)$/i.test(text)) return false;
  throw new Error(`expected true or false, got ${JSON.stringify(text)}`);
};

export function readAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const ttlHours = env.SESSION_TTL_HOURS ? Number(env.SESSION_TTL_HOURS) : 12;
  if (!(ttlHours > 0)) throw new Error(`SESSION_TTL_HOURS must be a positive number, got ${JSON.stringify(env.SESSION_TTL_HOURS)}`);
  return { ...DEFAULT_AUTH, readRequiresLogin: flag(env.READ_REQUIRES_LOGIN, false), sessionTtlMs: ttlHours * 3600_000 };
}
