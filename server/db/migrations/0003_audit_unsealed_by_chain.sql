DROP INDEX "audit_log_unsealed_idx";--> statement-breakpoint
CREATE INDEX "audit_log_unsealed_idx" ON "audit_log" USING btree (coalesce("city_id", 0),"id") WHERE "audit_log"."hash" IS NULL;