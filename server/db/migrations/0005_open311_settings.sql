CREATE TABLE "open311_settings" (
	"city_id" bigint PRIMARY KEY NOT NULL,
	"published_sources" text[] DEFAULT ARRAY['public', 'open311']::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "open311_settings" ADD CONSTRAINT "open311_settings_city_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;