-- Accounts, sessions and device tokens (issue #10). Passwords are argon2id hashes; a
-- session or device token is stored as the sha256 of the random value the client holds,
-- so a copy of the database does not log anyone in.
CREATE TABLE app_user (
  id            serial PRIMARY KEY,
  name          text NOT NULL UNIQUE,
  role          text NOT NULL CHECK (role IN ('viewer', 'planner', 'reviewer', 'admin')),
  password_hash text NOT NULL,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_session (
  token_hash  text PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX app_session_user ON app_session (user_id);
CREATE INDEX app_session_expiry ON app_session (expires_at);

-- Device platforms post telemetry with `Authorization: Bearer <token>`.
CREATE TABLE device_token (
  id          serial PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  token_hash  text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);
