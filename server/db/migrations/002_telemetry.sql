-- Live state: what happened to a community after import (device telemetry, edits), in order.
-- The id is the Server-Sent Events id, so a client resumes with Last-Event-ID after a drop
-- or a server restart.
CREATE TABLE community_event (
  id                bigserial PRIMARY KEY,
  community_id      text NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  -- the community version this event produced (telemetry) or observed (edit)
  community_version integer NOT NULL,
  -- 'telemetry' | 'edit'
  kind              text NOT NULL,
  payload           jsonb NOT NULL,
  recorded_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX community_event_community ON community_event (community_id, id);

-- The device's own time of its latest report, per camera: an older report arriving late
-- does not overwrite a newer state.
CREATE TABLE device_report (
  community_id text NOT NULL,
  feature_id   text NOT NULL,
  at           timestamptz NOT NULL,
  PRIMARY KEY (community_id, feature_id),
  FOREIGN KEY (community_id, feature_id) REFERENCES feature (community_id, id) ON DELETE CASCADE
);
