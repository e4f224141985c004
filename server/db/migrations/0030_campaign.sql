-- The campaign (专项行动) and its projects, and the notifications module (bell + webhook outbox). Hand-written to match server/db/schema/{campaign,notifications}.ts.
CREATE TABLE "campaign_aspects" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_aspects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_aspects_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaign_attachment_data" (
	"attachment_id" bigint PRIMARY KEY NOT NULL,
	"city_id" bigint NOT NULL,
	"data" bytea NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_attachments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"report_id" bigint NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" bigint NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_attachments_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaign_claims" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_claims_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"topic_id" bigint NOT NULL,
	"audience" text NOT NULL,
	"claimant_person_id" bigint,
	"unit_id" bigint,
	"claimed_by" bigint NOT NULL,
	"summary" text NOT NULL,
	"plan" jsonb NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"review_note" text,
	"reviewed_by" bigint,
	"reviewed_at" timestamp with time zone,
	"submitted_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_claims_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaign_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"aspect_id" bigint NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_items_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaign_measures" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_measures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"item_id" bigint NOT NULL,
	"project_id" bigint,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"leader_person_id" bigint,
	"lead_unit_id" bigint,
	"cooperating_unit_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"deadline" date,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_measures_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaign_milestones" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_milestones_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"project_id" bigint NOT NULL,
	"stage" integer DEFAULT 1 NOT NULL,
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"due_on" date NOT NULL,
	"weight" double precision,
	"progress" double precision DEFAULT 0 NOT NULL,
	"done_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_milestones_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaign_projects" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"parent_id" bigint,
	"level" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"task_force_id" bigint,
	"leader_person_id" bigint,
	"lead_unit_id" bigint,
	"cooperating_unit_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"node_id" bigint NOT NULL,
	"topic_id" bigint,
	"claim_id" bigint,
	"starts_on" date NOT NULL,
	"deadline" date NOT NULL,
	"weight" double precision,
	"status" text DEFAULT 'not_started' NOT NULL,
	"progress" double precision DEFAULT 0 NOT NULL,
	"reported_progress" double precision,
	"current_stage" integer DEFAULT 1 NOT NULL,
	"late_since" date,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_projects_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaign_reports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"project_id" bigint NOT NULL,
	"milestone_id" bigint,
	"unit_id" bigint,
	"progress" integer NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"review_note" text,
	"submitted_by" bigint NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"reviewed_by" bigint,
	"reviewed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_reports_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaign_task_force_members" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_task_force_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"task_force_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"unit_id" bigint,
	"role" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_task_forces" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_task_forces_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"name" text NOT NULL,
	"duty" text DEFAULT '' NOT NULL,
	"leader_person_id" bigint,
	"lead_unit_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_task_forces_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaign_topics" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_topics_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"audience" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"expected_results" text NOT NULL,
	"claim_deadline" date NOT NULL,
	"parent_project_id" bigint,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_topics_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaign_unit_members" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_unit_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"added_by" bigint,
	"removed_at" timestamp with time zone,
	"removed_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "notification_settings" (
	"city_id" bigint PRIMARY KEY NOT NULL,
	"webhook_url" text,
	"webhook_format" text DEFAULT 'dingtalk_text' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" bigint,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"entity" text,
	"entity_id" text,
	"dedupe_key" text NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"url" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_aspects" ADD CONSTRAINT "campaign_aspects_campaign_fk" FOREIGN KEY ("city_id","campaign_id") REFERENCES "public"."campaigns"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_attachment_data" ADD CONSTRAINT "campaign_attachment_data_fk" FOREIGN KEY ("city_id","attachment_id") REFERENCES "public"."campaign_attachments"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_attachments" ADD CONSTRAINT "campaign_attachments_report_fk" FOREIGN KEY ("city_id","report_id") REFERENCES "public"."campaign_reports"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_claims" ADD CONSTRAINT "campaign_claims_topic_fk" FOREIGN KEY ("city_id","topic_id") REFERENCES "public"."campaign_topics"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_claims" ADD CONSTRAINT "campaign_claims_person_fk" FOREIGN KEY ("city_id","claimant_person_id") REFERENCES "public"."persons"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_claims" ADD CONSTRAINT "campaign_claims_unit_fk" FOREIGN KEY ("city_id","unit_id") REFERENCES "public"."units"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_claims" ADD CONSTRAINT "campaign_claims_user_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_items" ADD CONSTRAINT "campaign_items_campaign_fk" FOREIGN KEY ("city_id","campaign_id") REFERENCES "public"."campaigns"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_items" ADD CONSTRAINT "campaign_items_aspect_fk" FOREIGN KEY ("city_id","aspect_id") REFERENCES "public"."campaign_aspects"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_measures" ADD CONSTRAINT "campaign_measures_campaign_fk" FOREIGN KEY ("city_id","campaign_id") REFERENCES "public"."campaigns"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_measures" ADD CONSTRAINT "campaign_measures_item_fk" FOREIGN KEY ("city_id","item_id") REFERENCES "public"."campaign_items"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_measures" ADD CONSTRAINT "campaign_measures_project_fk" FOREIGN KEY ("city_id","project_id") REFERENCES "public"."campaign_projects"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_measures" ADD CONSTRAINT "campaign_measures_leader_fk" FOREIGN KEY ("city_id","leader_person_id") REFERENCES "public"."persons"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_measures" ADD CONSTRAINT "campaign_measures_unit_fk" FOREIGN KEY ("city_id","lead_unit_id") REFERENCES "public"."units"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_milestones" ADD CONSTRAINT "campaign_milestones_project_fk" FOREIGN KEY ("city_id","project_id") REFERENCES "public"."campaign_projects"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_projects" ADD CONSTRAINT "campaign_projects_campaign_fk" FOREIGN KEY ("city_id","campaign_id") REFERENCES "public"."campaigns"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_projects" ADD CONSTRAINT "campaign_projects_parent_fk" FOREIGN KEY ("city_id","parent_id") REFERENCES "public"."campaign_projects"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_projects" ADD CONSTRAINT "campaign_projects_tf_fk" FOREIGN KEY ("city_id","task_force_id") REFERENCES "public"."campaign_task_forces"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_projects" ADD CONSTRAINT "campaign_projects_leader_fk" FOREIGN KEY ("city_id","leader_person_id") REFERENCES "public"."persons"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_projects" ADD CONSTRAINT "campaign_projects_unit_fk" FOREIGN KEY ("city_id","lead_unit_id") REFERENCES "public"."units"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_projects" ADD CONSTRAINT "campaign_projects_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_reports" ADD CONSTRAINT "campaign_reports_project_fk" FOREIGN KEY ("city_id","project_id") REFERENCES "public"."campaign_projects"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_reports" ADD CONSTRAINT "campaign_reports_milestone_fk" FOREIGN KEY ("city_id","milestone_id") REFERENCES "public"."campaign_milestones"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_reports" ADD CONSTRAINT "campaign_reports_unit_fk" FOREIGN KEY ("city_id","unit_id") REFERENCES "public"."units"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_task_force_members" ADD CONSTRAINT "campaign_task_force_members_tf_fk" FOREIGN KEY ("city_id","task_force_id") REFERENCES "public"."campaign_task_forces"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_task_force_members" ADD CONSTRAINT "campaign_task_force_members_person_fk" FOREIGN KEY ("city_id","person_id") REFERENCES "public"."persons"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_task_force_members" ADD CONSTRAINT "campaign_task_force_members_unit_fk" FOREIGN KEY ("city_id","unit_id") REFERENCES "public"."units"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_task_forces" ADD CONSTRAINT "campaign_task_forces_campaign_fk" FOREIGN KEY ("city_id","campaign_id") REFERENCES "public"."campaigns"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_task_forces" ADD CONSTRAINT "campaign_task_forces_leader_fk" FOREIGN KEY ("city_id","leader_person_id") REFERENCES "public"."persons"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_task_forces" ADD CONSTRAINT "campaign_task_forces_unit_fk" FOREIGN KEY ("city_id","lead_unit_id") REFERENCES "public"."units"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_topics" ADD CONSTRAINT "campaign_topics_campaign_fk" FOREIGN KEY ("city_id","campaign_id") REFERENCES "public"."campaigns"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_topics" ADD CONSTRAINT "campaign_topics_parent_fk" FOREIGN KEY ("city_id","parent_project_id") REFERENCES "public"."campaign_projects"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_unit_members" ADD CONSTRAINT "campaign_unit_members_user_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaign_unit_members" ADD CONSTRAINT "campaign_unit_members_unit_fk" FOREIGN KEY ("city_id","unit_id") REFERENCES "public"."units"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_city_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_city_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "webhook_outbox" ADD CONSTRAINT "webhook_outbox_city_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "campaign_aspects_campaign_idx" ON "campaign_aspects" USING btree ("campaign_id","seq");
--> statement-breakpoint
CREATE INDEX "campaign_attachments_report_idx" ON "campaign_attachments" USING btree ("report_id");
--> statement-breakpoint
CREATE INDEX "campaign_claims_topic_idx" ON "campaign_claims" USING btree ("topic_id");
--> statement-breakpoint
CREATE INDEX "campaign_claims_campaign_idx" ON "campaign_claims" USING btree ("campaign_id","status");
--> statement-breakpoint
CREATE INDEX "campaign_items_aspect_idx" ON "campaign_items" USING btree ("aspect_id","seq");
--> statement-breakpoint
CREATE INDEX "campaign_measures_item_idx" ON "campaign_measures" USING btree ("item_id","seq");
--> statement-breakpoint
CREATE INDEX "campaign_milestones_project_idx" ON "campaign_milestones" USING btree ("project_id","stage","seq");
--> statement-breakpoint
CREATE INDEX "campaign_projects_campaign_idx" ON "campaign_projects" USING btree ("campaign_id","level");
--> statement-breakpoint
CREATE INDEX "campaign_projects_parent_idx" ON "campaign_projects" USING btree ("parent_id");
--> statement-breakpoint
CREATE INDEX "campaign_projects_unit_idx" ON "campaign_projects" USING btree ("lead_unit_id");
--> statement-breakpoint
CREATE INDEX "campaign_projects_deadline_idx" ON "campaign_projects" USING btree ("deadline");
--> statement-breakpoint
CREATE INDEX "campaign_reports_project_idx" ON "campaign_reports" USING btree ("project_id","status");
--> statement-breakpoint
CREATE INDEX "campaign_task_force_members_tf_idx" ON "campaign_task_force_members" USING btree ("task_force_id");
--> statement-breakpoint
CREATE INDEX "campaign_task_forces_campaign_idx" ON "campaign_task_forces" USING btree ("campaign_id");
--> statement-breakpoint
CREATE INDEX "campaign_topics_campaign_idx" ON "campaign_topics" USING btree ("campaign_id","audience");
--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_unit_members_live" ON "campaign_unit_members" USING btree ("user_id","unit_id") WHERE removed_at IS NULL;
--> statement-breakpoint
CREATE INDEX "campaign_unit_members_unit_idx" ON "campaign_unit_members" USING btree ("unit_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_user_dedupe" ON "notifications" USING btree ("user_id","dedupe_key");
--> statement-breakpoint
CREATE INDEX "notifications_user_unread_idx" ON "notifications" USING btree ("user_id","created_at") WHERE read_at IS NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_outbox_dedupe" ON "webhook_outbox" USING btree ("dedupe_key");
--> statement-breakpoint
CREATE INDEX "webhook_outbox_due_idx" ON "webhook_outbox" USING btree ("next_attempt_at") WHERE status = 'pending';
