-- Writers insert audit entries unsealed; a sealer chains them afterwards (see server/platform/audit).
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_chain_idx" ON "audit_log" USING btree (coalesce("city_id", 0), "seq");
--> statement-breakpoint
CREATE INDEX "audit_log_unsealed_idx" ON "audit_log" USING btree ("id") WHERE "audit_log"."hash" IS NULL;
--> statement-breakpoint
-- Sealing is the one update allowed: it fills seq, prev_hash and hash once and touches nothing else.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
