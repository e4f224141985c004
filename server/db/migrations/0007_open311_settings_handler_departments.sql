CREATE TABLE "handler_departments" (
	"city_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"department_id" bigint NOT NULL,
	"granted_by" bigint,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handler_departments_pk" PRIMARY KEY("user_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "open311_settings" (
	"city_id" bigint PRIMARY KEY NOT NULL,
	"published_sources" text[] DEFAULT ARRAY['public', 'open311']::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "handler_departments" ADD CONSTRAINT "handler_departments_department_fk" FOREIGN KEY ("city_id","department_id") REFERENCES "public"."departments"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_settings" ADD CONSTRAINT "open311_settings_city_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;