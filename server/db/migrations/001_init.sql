-- The twin in three tables: one community, its features, its attestations.
-- PostGIS is created by the connection code (it differs between PGlite and PostgreSQL).

CREATE TABLE community (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  admin_code  text,
  boundary    geometry(MultiPolygon, 4326) NOT NULL,
  -- the community feature's properties and the file's other top-level members
  -- (attribution, source, …) so that export gives the file back
  attributes  jsonb NOT NULL DEFAULT '{}'::jsonb,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX community_boundary_gist ON community USING gist (boundary);

CREATE TABLE feature (
  community_id text NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  id           text NOT NULL,
  -- position in the file, so export keeps the order
  seq          integer NOT NULL,
  kind         text NOT NULL,
  type         text,
  props        jsonb NOT NULL,
  -- members of the GeoJSON Feature other than type/properties/geometry (e.g. bbox)
  members      jsonb,
  geom         geometry(Geometry, 4326) NOT NULL,
  PRIMARY KEY (community_id, id)
);
CREATE INDEX feature_geom_gist ON feature USING gist (geom);
CREATE INDEX feature_kind ON feature (community_id, kind);

-- Attestations for non-spatial rows. Every import of a community writes a new set, tagged
-- with the community version it came with; older versions stay as history.
CREATE TABLE attestation (
  id                serial PRIMARY KEY,
  community_id      text NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  community_version integer NOT NULL,
  seq               integer NOT NULL,
  check_id          text NOT NULL,
  version           integer NOT NULL DEFAULT 1,
  pass              boolean NOT NULL,
  text              text NOT NULL,
  evidence_ref      text,
  by                text NOT NULL,
  at                text NOT NULL,
  members           jsonb,
  recorded_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attestation_community ON attestation (community_id, community_version, check_id);
