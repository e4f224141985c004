CREATE TABLE "service_call_shifts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_call_shifts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"call_id" bigint NOT NULL,
	"day" date NOT NULL,
	"slot" text NOT NULL,
	"capacity" integer NOT NULL,
	CONSTRAINT "service_call_shifts_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "service_calls" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_calls_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_calls_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "pairing_conflict_steps" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pairing_conflict_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"conflict_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"happened_on" date NOT NULL,
	"note" text NOT NULL,
	"outcome" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pairing_conflicts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pairing_conflicts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"parties" text NOT NULL,
	"risk_level" integer NOT NULL,
	"source" text NOT NULL,
	"visit_id" bigint,
	"event_id" bigint,
	"responsible_person_id" bigint,
	"reported_on" date NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"result" text,
	"result_note" text,
	"resolved_on" date,
	"closed_at" timestamp with time zone,
	"created_by" bigint,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pairing_conflicts_city_id" UNIQUE("city_id","id"),
	CONSTRAINT "pairing_conflicts_event" UNIQUE("city_id","event_id"),
	CONSTRAINT "pairing_conflicts_risk" CHECK ("pairing_conflicts"."risk_level" BETWEEN 1 AND 4)
);
--> statement-breakpoint
CREATE TABLE "service_deed_photos" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_deed_photos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"deed_id" bigint NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_deeds" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_deeds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"beneficiaries" integer NOT NULL,
	"done_on" date NOT NULL,
	"rating" integer,
	"published" boolean DEFAULT false NOT NULL,
	"created_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_deeds_city_id" UNIQUE("city_id","id"),
	CONSTRAINT "service_deeds_rating" CHECK ("service_deeds"."rating" IS NULL OR "service_deeds"."rating" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "service_member_reports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_member_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"post" text NOT NULL,
	"reported_on" date NOT NULL,
	"ended_on" date,
	"minutes" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_member_reports_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "service_organ_pairings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_organ_pairings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"party_org_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pairing_settings" (
	"city_id" bigint PRIMARY KEY NOT NULL,
	"period_months" integer DEFAULT 3 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pairing_settings_period" CHECK ("pairing_settings"."period_months" IN (1, 3, 6, 12))
);
--> statement-breakpoint
CREATE TABLE "pairings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pairings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"post" text NOT NULL,
	"target" text NOT NULL,
	"household_id" bigint,
	"node_id" bigint NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"reason" text NOT NULL,
	"end_reason" text,
	"successor_id" bigint,
	"created_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pairings_city_id" UNIQUE("city_id","id"),
	CONSTRAINT "pairings_target" CHECK (("pairings"."target" = 'household' AND "pairings"."household_id" IS NOT NULL) OR ("pairings"."target" = 'village' AND "pairings"."household_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "service_logs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_logs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"report_id" bigint NOT NULL,
	"happened_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_shift_signups" (
	"city_id" bigint NOT NULL,
	"shift_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"attended" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_shift_signups_shift_id_person_id_pk" PRIMARY KEY("shift_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "pairing_suggestions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pairing_suggestions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"visit_id" bigint,
	"content" text NOT NULL,
	"proposed_by" bigint,
	"status" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by_name" text,
	"answered_by" bigint,
	"answered_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pairing_suggestions_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "pairing_visits" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pairing_visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"pairing_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"household_id" bigint,
	"node_id" bigint NOT NULL,
	"visited_on" date NOT NULL,
	"lon" double precision,
	"lat" double precision,
	"met" text NOT NULL,
	"findings" text NOT NULL,
	"clue_id" bigint,
	"suggestion_id" bigint,
	"conflict_id" bigint,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pairing_visits_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "service_volunteer_members" (
	"city_id" bigint NOT NULL,
	"team_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"joined_on" date NOT NULL,
	CONSTRAINT "service_volunteer_members_team_id_person_id_pk" PRIMARY KEY("team_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "service_volunteer_teams" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_volunteer_teams_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"name" text NOT NULL,
	"focus" text NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_volunteer_teams_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
ALTER TABLE "problem_clues" ADD COLUMN "origin" text;--> statement-breakpoint
ALTER TABLE "service_call_shifts" ADD CONSTRAINT "service_call_shifts_call_fk" FOREIGN KEY ("city_id","call_id") REFERENCES "public"."service_calls"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_calls" ADD CONSTRAINT "service_calls_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_conflict_steps" ADD CONSTRAINT "pairing_conflict_steps_conflict_fk" FOREIGN KEY ("city_id","conflict_id") REFERENCES "public"."pairing_conflicts"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_conflicts" ADD CONSTRAINT "pairing_conflicts_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_deed_photos" ADD CONSTRAINT "service_deed_photos_deed_fk" FOREIGN KEY ("city_id","deed_id") REFERENCES "public"."service_deeds"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_deeds" ADD CONSTRAINT "service_deeds_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_member_reports" ADD CONSTRAINT "service_member_reports_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_organ_pairings" ADD CONSTRAINT "service_organ_pairings_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_logs" ADD CONSTRAINT "service_logs_report_fk" FOREIGN KEY ("city_id","report_id") REFERENCES "public"."service_member_reports"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_shift_signups" ADD CONSTRAINT "service_shift_signups_shift_fk" FOREIGN KEY ("city_id","shift_id") REFERENCES "public"."service_call_shifts"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_suggestions" ADD CONSTRAINT "pairing_suggestions_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_visits" ADD CONSTRAINT "pairing_visits_pairing_fk" FOREIGN KEY ("city_id","pairing_id") REFERENCES "public"."pairings"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_visits" ADD CONSTRAINT "pairing_visits_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_volunteer_members" ADD CONSTRAINT "service_volunteer_members_team_fk" FOREIGN KEY ("city_id","team_id") REFERENCES "public"."service_volunteer_teams"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_volunteer_teams" ADD CONSTRAINT "service_volunteer_teams_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_call_shifts_call_idx" ON "service_call_shifts" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "service_calls_node_idx" ON "service_calls" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "pairing_conflict_steps_conflict_idx" ON "pairing_conflict_steps" USING btree ("conflict_id");--> statement-breakpoint
CREATE INDEX "pairing_conflicts_node_idx" ON "pairing_conflicts" USING btree ("node_id","reported_on");--> statement-breakpoint
CREATE INDEX "service_deed_photos_deed_idx" ON "service_deed_photos" USING btree ("deed_id");--> statement-breakpoint
CREATE INDEX "service_deeds_node_idx" ON "service_deeds" USING btree ("node_id","done_on");--> statement-breakpoint
CREATE INDEX "service_member_reports_node_idx" ON "service_member_reports" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "service_member_reports_person_idx" ON "service_member_reports" USING btree ("city_id","person_id");--> statement-breakpoint
CREATE INDEX "service_organ_pairings_node_idx" ON "service_organ_pairings" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "pairings_person_idx" ON "pairings" USING btree ("city_id","person_id");--> statement-breakpoint
CREATE INDEX "pairings_node_idx" ON "pairings" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "pairings_household_idx" ON "pairings" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "service_logs_report_idx" ON "service_logs" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "pairing_suggestions_node_idx" ON "pairing_suggestions" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "pairing_visits_pairing_idx" ON "pairing_visits" USING btree ("pairing_id","visited_on");--> statement-breakpoint
CREATE INDEX "pairing_visits_node_idx" ON "pairing_visits" USING btree ("node_id","visited_on");--> statement-breakpoint
CREATE INDEX "service_volunteer_teams_node_idx" ON "service_volunteer_teams" USING btree ("node_id");