-- Scenario writes are audited in their own transaction, like the twin's (005_audit.sql): a
-- changed scenario row is staged in audit_stage (tbl 'scenario', row_key its id) inside an
-- audited transaction, and server/audit/transaction.ts appends one `scenario:<id>` row per
-- changed scenario, with its row hash before and after, before the transaction commits.
CREATE TRIGGER scenario_audit_insert AFTER INSERT ON scenario REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_stage_change();
CREATE TRIGGER scenario_audit_update AFTER UPDATE ON scenario REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_stage_change();
CREATE TRIGGER scenario_audit_delete AFTER DELETE ON scenario REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_stage_change();
