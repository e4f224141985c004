-- The audit trail is append-only. Writers insert entries unsealed; the sealer (server/platform/audit)
-- fills seq, prev_hash and hash once. That one-time sealing is the only update allowed; every other
-- update, every delete and a truncate are refused, whatever role the application connects as.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.hash IS NULL AND OLD.seq IS NULL AND OLD.prev_hash IS NULL
     AND NEW.hash IS NOT NULL AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL
     AND (NEW.id, NEW.at, NEW.city_id, NEW.actor_user_id, NEW.actor_username, NEW.node_id, NEW.action,
          NEW.entity, NEW.entity_id, NEW.before, NEW.after, NEW.ip)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.at, OLD.city_id, OLD.actor_user_id, OLD.actor_username, OLD.node_id, OLD.action,
          OLD.entity, OLD.entity_id, OLD.before, OLD.after, OLD.ip)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
