-- Planning scenarios: named lists of edits (engine/edit) on a community, made against one
-- community version (base_version). Applying one writes its edits to the features and
-- bumps the community version; a scenario made on an older version is refused.
CREATE TABLE scenario (
  id            text PRIMARY KEY,
  community_id  text NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  name          text NOT NULL,
  base_version  integer NOT NULL,
  edits         jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text
);
CREATE INDEX scenario_community ON scenario (community_id, created_at);
