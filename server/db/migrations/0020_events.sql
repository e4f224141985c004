-- Grid events (server/db/schema/events.ts): the catalogue, time limits, events, their steps, photos,
-- summons (吹哨) and Open311 keys. Written to match the drizzle schema exactly (checked with drizzle-kit export).
CREATE TABLE "event_photos" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_photos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"event_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" bytea NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_steps" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"event_id" bigint NOT NULL,
	"action" text NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"actor_user_id" bigint,
	"actor_name" text,
	"department_id" bigint,
	"function_id" bigint,
	"node_id" bigint,
	"note" text,
	"late" boolean DEFAULT false NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_summons" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_summons_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"event_id" bigint NOT NULL,
	"department_id" bigint NOT NULL,
	"summoned_by_user_id" bigint,
	"note" text NOT NULL,
	"summoned_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"answer_note" text,
	"answer_late" boolean DEFAULT false NOT NULL,
	"attended" boolean,
	"rating" integer,
	"rating_note" text,
	"rated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "event_summons_event_department" UNIQUE("event_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "event_time_limits" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_time_limits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"event_type_id" bigint,
	"urgency" text NOT NULL,
	"stage" text NOT NULL,
	"amount" integer NOT NULL,
	"unit" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_type_functions" (
	"city_id" bigint NOT NULL,
	"event_type_id" bigint NOT NULL,
	"function_id" bigint NOT NULL,
	CONSTRAINT "event_type_functions_pk" PRIMARY KEY("event_type_id","function_id")
);
--> statement-breakpoint
CREATE TABLE "event_types" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_types_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"conflict" boolean DEFAULT false NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"notice" text DEFAULT '' NOT NULL,
	"keywords" text DEFAULT '' NOT NULL,
	"attributes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"retired_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_types_city_code" UNIQUE("city_id","code"),
	CONSTRAINT "event_types_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"event_type_id" bigint NOT NULL,
	"urgency" text NOT NULL,
	"source" text NOT NULL,
	"tracking_code" text NOT NULL,
	"description" text NOT NULL,
	"address" text,
	"lon" double precision,
	"lat" double precision,
	"reporter_user_id" bigint,
	"reporter_name" text,
	"reporter_phone" text,
	"reporter_email" text,
	"attributes" jsonb,
	"media_url" text,
	"stage" text NOT NULL,
	"stage_started_at" timestamp with time zone NOT NULL,
	"stage_warn_at" timestamp with time zone,
	"stage_due_at" timestamp with time zone,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"escalated_node_id" bigint,
	"function_id" bigint,
	"department_id" bigint,
	"duplicate_of_id" bigint,
	"reject_reason" text,
	"status_note" text,
	"reported_at" timestamp with time zone NOT NULL,
	"registered_at" timestamp with time zone,
	"dispatched_at" timestamp with time zone,
	"dispatch_late" boolean DEFAULT false NOT NULL,
	"handled_at" timestamp with time zone,
	"handle_late" boolean DEFAULT false NOT NULL,
	"closed_at" timestamp with time zone,
	"close_due_at" timestamp with time zone NOT NULL,
	"closed_late" boolean DEFAULT false NOT NULL,
	"reroute_count" integer DEFAULT 0 NOT NULL,
	"refusal_count" integer DEFAULT 0 NOT NULL,
	"rework_count" integer DEFAULT 0 NOT NULL,
	"rating" text,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "events_tracking_code" UNIQUE("tracking_code"),
	CONSTRAINT "events_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "open311_keys" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "open311_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"label" text NOT NULL,
	"key_hash" text NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "open311_keys_hash" UNIQUE("key_hash")
);
--> statement-breakpoint
ALTER TABLE "event_photos" ADD CONSTRAINT "event_photos_event_fk" FOREIGN KEY ("city_id","event_id") REFERENCES "public"."events"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "event_steps" ADD CONSTRAINT "event_steps_event_fk" FOREIGN KEY ("city_id","event_id") REFERENCES "public"."events"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "event_summons" ADD CONSTRAINT "event_summons_event_fk" FOREIGN KEY ("city_id","event_id") REFERENCES "public"."events"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "event_summons" ADD CONSTRAINT "event_summons_department_fk" FOREIGN KEY ("city_id","department_id") REFERENCES "public"."departments"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "event_time_limits" ADD CONSTRAINT "event_time_limits_type_fk" FOREIGN KEY ("city_id","event_type_id") REFERENCES "public"."event_types"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "event_type_functions" ADD CONSTRAINT "event_type_functions_type_fk" FOREIGN KEY ("city_id","event_type_id") REFERENCES "public"."event_types"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "event_type_functions" ADD CONSTRAINT "event_type_functions_function_fk" FOREIGN KEY ("function_id") REFERENCES "public"."department_functions"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_type_fk" FOREIGN KEY ("city_id","event_type_id") REFERENCES "public"."event_types"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_department_fk" FOREIGN KEY ("city_id","department_id") REFERENCES "public"."departments"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_function_fk" FOREIGN KEY ("function_id") REFERENCES "public"."department_functions"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_duplicate_fk" FOREIGN KEY ("city_id","duplicate_of_id") REFERENCES "public"."events"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "open311_keys" ADD CONSTRAINT "open311_keys_city_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "event_photos_event_idx" ON "event_photos" USING btree ("event_id");
--> statement-breakpoint
CREATE INDEX "event_steps_event_idx" ON "event_steps" USING btree ("event_id","id");
--> statement-breakpoint
CREATE INDEX "event_summons_department_idx" ON "event_summons" USING btree ("department_id","summoned_at");
--> statement-breakpoint
CREATE UNIQUE INDEX "event_time_limits_key" ON "event_time_limits" USING btree ("city_id",coalesce("event_type_id", 0),"urgency","stage");
--> statement-breakpoint
CREATE INDEX "events_node_idx" ON "events" USING btree ("node_id","reported_at");
--> statement-breakpoint
CREATE INDEX "events_city_reported_idx" ON "events" USING btree ("city_id","reported_at");
--> statement-breakpoint
CREATE INDEX "events_type_reported_idx" ON "events" USING btree ("city_id","event_type_id","reported_at");
--> statement-breakpoint
CREATE INDEX "events_department_idx" ON "events" USING btree ("department_id","reported_at");
--> statement-breakpoint
CREATE INDEX "events_open_due_idx" ON "events" USING btree ("stage_due_at") WHERE "events"."stage_due_at" IS NOT NULL AND "events"."deleted_at" IS NULL;
--> statement-breakpoint
CREATE INDEX "open311_keys_city_idx" ON "open311_keys" USING btree ("city_id");
