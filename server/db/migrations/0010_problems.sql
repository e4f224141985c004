-- Problem lists and rectification (issue #3) and the working calendar. Hand-written to match
-- server/db/schema/problems.ts and server/db/schema/calendar.ts exactly (drizzle-kit's journal is left alone).
CREATE TABLE "calendar_days" (
	"city_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	CONSTRAINT "calendar_days_pk" PRIMARY KEY("city_id","day")
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "calendar_years_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_years_city_year" UNIQUE("city_id","year")
);
--> statement-breakpoint
CREATE TABLE "common_list_members" (
	"city_id" bigint NOT NULL,
	"list_id" bigint NOT NULL,
	"problem_id" bigint NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "common_list_members_pk" PRIMARY KEY("list_id","problem_id")
);
--> statement-breakpoint
CREATE TABLE "common_lists" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "common_lists_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"measure" text NOT NULL,
	"deadline_on" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" bigint,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "common_lists_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "negative_list_breaches" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "negative_list_breaches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"list_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"problem_id" bigint,
	"occurred_on" date NOT NULL,
	"description" text NOT NULL,
	"recorded_by" bigint,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negative_lists" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "negative_lists_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"retired_at" timestamp with time zone,
	"retire_reason" text,
	"created_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "negative_lists_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "problem_attachment_contents" (
	"attachment_id" bigint PRIMARY KEY NOT NULL,
	"city_id" bigint NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_attachments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "problem_attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"problem_id" bigint,
	"clue_id" bigint,
	"event_id" bigint,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" bigint,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "problem_attachments_city_id" UNIQUE("city_id","id"),
	CONSTRAINT "problem_attachments_owner" CHECK ("problem_attachments"."problem_id" IS NOT NULL OR "problem_attachments"."clue_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "problem_clues" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "problem_clues_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"source" text NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"reporter_name" text,
	"reporter_phone" text,
	"received_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"dismiss_reason" text,
	"converted_at" timestamp with time zone,
	"dismissed_at" timestamp with time zone,
	"tracking_hash" text,
	"public_submission" boolean DEFAULT false NOT NULL,
	"created_by" bigint,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "problem_clues_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "problem_escalations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "problem_escalations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"problem_id" bigint NOT NULL,
	"level" integer NOT NULL,
	"from_node_id" bigint NOT NULL,
	"to_node_id" bigint NOT NULL,
	"overdue_working_days" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "problem_escalations_problem_level" UNIQUE("city_id","problem_id","level")
);
--> statement-breakpoint
CREATE TABLE "problem_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "problem_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"problem_id" bigint NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text,
	"data" jsonb,
	"actor_user_id" bigint,
	"actor_name" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "problem_events_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "problem_imports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "problem_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"token" text NOT NULL,
	"created_by" bigint NOT NULL,
	"file_name" text NOT NULL,
	"rows" jsonb NOT NULL,
	"errors" jsonb NOT NULL,
	"total" integer NOT NULL,
	"status" text DEFAULT 'preview' NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"committed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_list_items" (
	"city_id" bigint NOT NULL,
	"list_id" bigint NOT NULL,
	"problem_id" bigint NOT NULL,
	CONSTRAINT "problem_list_items_pk" PRIMARY KEY("list_id","problem_id")
);
--> statement-breakpoint
CREATE TABLE "problem_lists" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "problem_lists_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"title" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"item_count" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" bigint,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"created_by" bigint,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "problem_lists_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "problems" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "problems_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"clue_id" bigint,
	"external_ref" text,
	"channel" text NOT NULL,
	"source" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"reporter_name" text,
	"reporter_phone" text,
	"found_on" date NOT NULL,
	"status" text DEFAULT 'registered' NOT NULL,
	"responsible_node_id" bigint,
	"responsible_person" text,
	"measure" text,
	"deadline_days" integer,
	"assigned_at" timestamp with time zone,
	"deadline_at" timestamp with time zone,
	"progress" integer DEFAULT 0 NOT NULL,
	"first_submitted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_on_time" boolean,
	"rework_count" integer DEFAULT 0 NOT NULL,
	"light" text,
	"light_at" timestamp with time zone,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"merged_into_id" bigint,
	"dismiss_reason" text,
	"created_by" bigint,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "problems_city_id" UNIQUE("city_id","id"),
	CONSTRAINT "problems_progress_range" CHECK ("problems"."progress" BETWEEN 0 AND 100)
);
--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_year_fk" FOREIGN KEY ("city_id","year") REFERENCES "public"."calendar_years"("city_id","year") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "calendar_years" ADD CONSTRAINT "calendar_years_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "common_list_members" ADD CONSTRAINT "common_list_members_list_fk" FOREIGN KEY ("city_id","list_id") REFERENCES "public"."common_lists"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "common_list_members" ADD CONSTRAINT "common_list_members_problem_fk" FOREIGN KEY ("city_id","problem_id") REFERENCES "public"."problems"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "common_lists" ADD CONSTRAINT "common_lists_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "negative_list_breaches" ADD CONSTRAINT "negative_list_breaches_list_fk" FOREIGN KEY ("city_id","list_id") REFERENCES "public"."negative_lists"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "negative_list_breaches" ADD CONSTRAINT "negative_list_breaches_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "negative_list_breaches" ADD CONSTRAINT "negative_list_breaches_problem_fk" FOREIGN KEY ("city_id","problem_id") REFERENCES "public"."problems"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "negative_lists" ADD CONSTRAINT "negative_lists_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "problem_attachment_contents" ADD CONSTRAINT "problem_attachment_contents_attachment_fk" FOREIGN KEY ("city_id","attachment_id") REFERENCES "public"."problem_attachments"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "problem_attachments" ADD CONSTRAINT "problem_attachments_problem_fk" FOREIGN KEY ("city_id","problem_id") REFERENCES "public"."problems"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "problem_attachments" ADD CONSTRAINT "problem_attachments_clue_fk" FOREIGN KEY ("city_id","clue_id") REFERENCES "public"."problem_clues"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "problem_attachments" ADD CONSTRAINT "problem_attachments_event_fk" FOREIGN KEY ("city_id","event_id") REFERENCES "public"."problem_events"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "problem_clues" ADD CONSTRAINT "problem_clues_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "problem_escalations" ADD CONSTRAINT "problem_escalations_problem_fk" FOREIGN KEY ("city_id","problem_id") REFERENCES "public"."problems"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "problem_escalations" ADD CONSTRAINT "problem_escalations_to_node_fk" FOREIGN KEY ("city_id","to_node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "problem_events" ADD CONSTRAINT "problem_events_problem_fk" FOREIGN KEY ("city_id","problem_id") REFERENCES "public"."problems"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "problem_imports" ADD CONSTRAINT "problem_imports_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "problem_list_items" ADD CONSTRAINT "problem_list_items_list_fk" FOREIGN KEY ("city_id","list_id") REFERENCES "public"."problem_lists"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "problem_list_items" ADD CONSTRAINT "problem_list_items_problem_fk" FOREIGN KEY ("city_id","problem_id") REFERENCES "public"."problems"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "problem_lists" ADD CONSTRAINT "problem_lists_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_responsible_node_fk" FOREIGN KEY ("city_id","responsible_node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_clue_fk" FOREIGN KEY ("city_id","clue_id") REFERENCES "public"."problem_clues"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_merged_into_fk" FOREIGN KEY ("city_id","merged_into_id") REFERENCES "public"."problems"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "common_list_members_problem_idx" ON "common_list_members" USING btree ("problem_id");
--> statement-breakpoint
CREATE INDEX "common_lists_node_idx" ON "common_lists" USING btree ("node_id","status");
--> statement-breakpoint
CREATE INDEX "negative_list_breaches_list_idx" ON "negative_list_breaches" USING btree ("list_id","occurred_on");
--> statement-breakpoint
CREATE INDEX "negative_lists_node_idx" ON "negative_lists" USING btree ("node_id");
--> statement-breakpoint
CREATE INDEX "problem_attachments_problem_idx" ON "problem_attachments" USING btree ("problem_id");
--> statement-breakpoint
CREATE INDEX "problem_attachments_clue_idx" ON "problem_attachments" USING btree ("clue_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "problem_clues_tracking_idx" ON "problem_clues" USING btree ("tracking_hash");
--> statement-breakpoint
CREATE INDEX "problem_clues_node_idx" ON "problem_clues" USING btree ("node_id","received_at");
--> statement-breakpoint
CREATE INDEX "problem_escalations_to_node_idx" ON "problem_escalations" USING btree ("to_node_id");
--> statement-breakpoint
CREATE INDEX "problem_events_problem_idx" ON "problem_events" USING btree ("problem_id","at");
--> statement-breakpoint
CREATE UNIQUE INDEX "problem_imports_token_idx" ON "problem_imports" USING btree ("token");
--> statement-breakpoint
CREATE INDEX "problem_list_items_problem_idx" ON "problem_list_items" USING btree ("problem_id");
--> statement-breakpoint
CREATE INDEX "problem_lists_node_idx" ON "problem_lists" USING btree ("node_id","status");
--> statement-breakpoint
CREATE INDEX "problems_node_idx" ON "problems" USING btree ("node_id","status");
--> statement-breakpoint
CREATE INDEX "problems_responsible_node_idx" ON "problems" USING btree ("responsible_node_id");
--> statement-breakpoint
CREATE INDEX "problems_city_status_idx" ON "problems" USING btree ("city_id","status","deadline_at");
--> statement-breakpoint
CREATE INDEX "problems_clue_idx" ON "problems" USING btree ("clue_id");
--> statement-breakpoint
CREATE INDEX "problems_found_on_idx" ON "problems" USING btree ("city_id","found_on");
