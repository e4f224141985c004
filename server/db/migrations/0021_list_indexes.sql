CREATE INDEX "events_list_idx" ON "events" USING btree ("city_id","reported_at","id","node_id") WHERE "events"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "events_list_stage_idx" ON "events" USING btree ("city_id","stage","reported_at","id","node_id") WHERE "events"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "events_list_type_idx" ON "events" USING btree ("city_id","event_type_id","reported_at","id","node_id") WHERE "events"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "events_list_timed_idx" ON "events" USING btree ("city_id","reported_at","id","node_id","stage_warn_at","stage_due_at") WHERE "events"."stage_due_at" IS NOT NULL AND "events"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "events_list_node_idx" ON "events" USING btree ("node_id","reported_at","id") WHERE "events"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "problems_list_idx" ON "problems" USING btree ("city_id","id","node_id") WHERE "problems"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "problems_list_status_idx" ON "problems" USING btree ("city_id","status","id","node_id") WHERE "problems"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "problems_list_category_idx" ON "problems" USING btree ("city_id","category","id","node_id") WHERE "problems"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "problems_list_light_idx" ON "problems" USING btree ("city_id","light","id","node_id") WHERE "problems"."light" IS NOT NULL AND "problems"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "problems_list_found_idx" ON "problems" USING btree ("city_id","found_on","id","node_id") WHERE "problems"."deleted_at" IS NULL;