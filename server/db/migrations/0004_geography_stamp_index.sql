DROP INDEX "org_nodes_city_kind_idx";--> statement-breakpoint
CREATE INDEX "org_nodes_city_kind_stamp_idx" ON "org_nodes" USING btree ("city_id","kind","version","updated_at");