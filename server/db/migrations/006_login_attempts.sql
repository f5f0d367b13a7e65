-- The login rate limit (server/auth/rateLimit.ts) in the database, so it holds across server
-- restarts and across processes sharing one database: one fixed window per key
-- ("<ip>|<lower-case user name>"), counted by the database clock.
CREATE TABLE login_attempt (
  key          text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  attempts     integer NOT NULL
);
CREATE INDEX login_attempt_window ON login_attempt (window_start);
