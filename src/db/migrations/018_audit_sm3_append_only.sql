-- 016: the audit trail in the national algorithms and append-only in the database.
-- * hash_alg: the algorithm of each event's hash. Events written before this migration keep
--   'sha256' (and still verify); new events are chained with SM3 (GB/T 32905). The same for
--   the digests of procedure evidence files (digest_alg; the column `sha256` holds the
--   digest of the algorithm named there).
-- * audit_event refuses UPDATE, DELETE and TRUNCATE. The only exception is the retention
--   prune (`fupin audit prune`), which sets the transaction-local setting fupin.audit_prune
--   to 'on' and may then DELETE (never UPDATE). A superuser can still disable the trigger:
--   `fupin audit verify` remains the check that detects what was changed.
-- Row-level triggers of plain plpgsql, no transition tables: valid on Citus.
ALTER TABLE audit_event ADD COLUMN hash_alg text NOT NULL DEFAULT 'sha256';
ALTER TABLE audit_event ALTER COLUMN hash_alg SET DEFAULT 'sm3';
ALTER TABLE audit_event ADD CONSTRAINT audit_event_hash_alg_check CHECK (hash_alg IN ('sha256', 'sm3'));

ALTER TABLE procedure_evidence ADD COLUMN digest_alg text NOT NULL DEFAULT 'sha256';
ALTER TABLE procedure_evidence ALTER COLUMN digest_alg SET DEFAULT 'sm3';

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('fupin.audit_prune', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '审计日志只能追加，不能修改或删除（%）', TG_OP USING ERRCODE = '42501';
END
$$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
