DROP INDEX "events_city_reported_idx";--> statement-breakpoint
DROP INDEX "events_type_reported_idx";