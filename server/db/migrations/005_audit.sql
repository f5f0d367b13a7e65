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

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE FUNCTION audit_row_hash(r jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(r::text, 'UTF8')), 'hex')
$$;

-- Inside an audited transaction (set_config('communitytwin.audit_tx', 'on', true)), every
-- changed row of the twin is noted in the session's temporary audit_stage table, which the
-- transaction reads back before it appends its audit rows (server/audit/transaction.ts).
CREATE FUNCTION audit_stage_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  any_row jsonb;
BEGIN
  IF coalesce(current_setting('communitytwin.audit_tx', true), '') <> 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
  any_row := coalesce(new_row, old_row);
  INSERT INTO audit_stage (tbl, community_id, row_key, before_hash, after_hash)
  VALUES (TG_TABLE_NAME,
          CASE TG_TABLE_NAME WHEN 'community' THEN any_row ->> 'id' ELSE any_row ->> 'community_id' END,
          any_row ->> 'id', audit_row_hash(old_row), audit_row_hash(new_row));
  RETURN NULL;
END $$;
CREATE TRIGGER community_audit_stage AFTER INSERT OR UPDATE OR DELETE ON community
  FOR EACH ROW EXECUTE FUNCTION audit_stage_change();
CREATE TRIGGER feature_audit_stage AFTER INSERT OR UPDATE OR DELETE ON feature
  FOR EACH ROW EXECUTE FUNCTION audit_stage_change();
CREATE TRIGGER attestation_audit_stage AFTER INSERT OR UPDATE OR DELETE ON attestation
  FOR EACH ROW EXECUTE FUNCTION audit_stage_change();
