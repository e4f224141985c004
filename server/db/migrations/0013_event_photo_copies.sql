ALTER TABLE "event_photos" ADD COLUMN "thumb" "bytea";--> statement-breakpoint
ALTER TABLE "event_photos" ADD COLUMN "web" "bytea";