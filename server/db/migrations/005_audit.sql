-- The audit log (issue #10): one row per write, appended in the write's own transaction,
-- chained by hash = sha256(canonical row + prev_hash) (server/audit/chain.ts). The database
-- refuses to change or remove a row: a trigger that raises (PGlite and PostgreSQL), and on a
-- server the privileges are revoked from the role that owns the table as well.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  actor       text NOT NULL,
  at          timestamptz NOT NULL,
  action      text NOT NULL,
  target      text NOT NULL,
  -- state of the target before and after (server/audit/state.ts); null: it did not exist
  before_hash text,
  after_hash  text,
  details     jsonb NOT NULL,
  prev_hash   text NOT NULL,
  hash        text NOT NULL UNIQUE
);
CREATE INDEX audit_log_target ON audit_log (target, id);

CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = '42501';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM CURRENT_USER;

-- A row's hash: sha256 of its jsonb text (jsonb prints keys in one fixed order).
CREATE OR REPLACE FUNCTION audit_row_hash(r jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(r::text, 'UTF8')), 'hex')
$$;

-- Inside an audited transaction (set_config('communitytwin.audit_tx', 'on', true)), every
-- changed row of the twin is noted in the session's temporary audit_stage table, which the
-- transaction reads back before it appends its audit rows (server/audit/transaction.ts).
-- Statement-level triggers with transition tables: one INSERT … SELECT per statement. An
-- updated row is noted as its old version going and its new version coming.
CREATE OR REPLACE FUNCTION audit_stage_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  community_key text := CASE TG_TABLE_NAME WHEN 'community' THEN 'id' ELSE 'community_id' END;
BEGIN
  IF coalesce(current_setting('communitytwin.audit_tx', true), '') <> 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO audit_stage (tbl, community_id, row_key, before_hash, after_hash)
    SELECT TG_TABLE_NAME, r ->> community_key, r ->> 'id', audit_row_hash(r), NULL
    FROM (SELECT to_jsonb(o) AS r FROM old_rows o) x;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO audit_stage (tbl, community_id, row_key, before_hash, after_hash)
    SELECT TG_TABLE_NAME, r ->> community_key, r ->> 'id', NULL, audit_row_hash(r)
    FROM (SELECT to_jsonb(n) AS r FROM new_rows n) x;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER community_audit_insert AFTER INSERT ON community REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_stage_change();
CREATE TRIGGER community_audit_update AFTER UPDATE ON community REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_stage_change();
CREATE TRIGGER community_audit_delete AFTER DELETE ON community REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_stage_change();
CREATE TRIGGER feature_audit_insert AFTER INSERT ON feature REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_stage_change();
CREATE TRIGGER feature_audit_update AFTER UPDATE ON feature REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_stage_change();
CREATE TRIGGER feature_audit_delete AFTER DELETE ON feature REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_stage_change();
CREATE TRIGGER attestation_audit_insert AFTER INSERT ON attestation REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_stage_change();
CREATE TRIGGER attestation_audit_update AFTER UPDATE ON attestation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_stage_change();
CREATE TRIGGER attestation_audit_delete AFTER DELETE ON attestation REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_stage_change();
