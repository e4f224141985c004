CREATE TABLE "base_maps" (
	"city_id" bigint PRIMARY KEY NOT NULL,
	"tile_url" text,
	"subdomains" text DEFAULT '' NOT NULL,
	"attribution" text DEFAULT '' NOT NULL,
	"max_zoom" integer DEFAULT 18 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "outcomes" jsonb;--> statement-breakpoint
ALTER TABLE "base_maps" ADD CONSTRAINT "base_maps_city_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;