CREATE TABLE "cities" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cities_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "department_functions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "department_functions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"department_id" bigint NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "department_functions_city_code" UNIQUE("city_id","code")
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "departments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"in_grid" boolean DEFAULT true NOT NULL,
	"retired_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_city_code" UNIQUE("city_id","code"),
	CONSTRAINT "departments_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "org_node_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "org_node_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"actor_user_id" bigint,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_nodes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "org_nodes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"parent_id" bigint,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"path" text NOT NULL,
	"depth" integer NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"boundary" jsonb,
	"retired_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_nodes_city_code" UNIQUE("city_id","code"),
	CONSTRAINT "org_nodes_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "party_orgs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "party_orgs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"parent_id" bigint,
	"unit_id" bigint,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"retired_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_orgs_city_code" UNIQUE("city_id","code"),
	CONSTRAINT "party_orgs_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"retired_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_city_code" UNIQUE("city_id","code"),
	CONSTRAINT "units_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "household_members" (
	"city_id" bigint NOT NULL,
	"household_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"relation" text NOT NULL,
	CONSTRAINT "household_members_household_id_person_id_pk" PRIMARY KEY("household_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "households_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"code" text NOT NULL,
	"address" text NOT NULL,
	"head_person_id" bigint,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "households_city_code" UNIQUE("city_id","code"),
	CONSTRAINT "households_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "persons_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"phone" text,
	"id_number" text,
	"address" text,
	"is_party_member" boolean DEFAULT false NOT NULL,
	"party_org_id" bigint,
	"joined_party_on" date,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "posts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"unit_id" bigint,
	"post" text NOT NULL,
	"title" text NOT NULL,
	"started_on" date,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "role_assignments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "role_assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"role" text NOT NULL,
	"city_id" bigint,
	"node_id" bigint,
	"granted_by" bigint,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" bigint
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"person_id" bigint,
	"password_hash" text NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"city_id" bigint,
	"actor_user_id" bigint,
	"actor_username" text,
	"node_id" bigint,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"ip" text,
	"seq" bigint,
	"prev_hash" text,
	"hash" text
);
--> statement-breakpoint
CREATE TABLE "event_photos" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_photos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"event_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
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
	"data" "bytea" NOT NULL
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
ALTER TABLE "department_functions" ADD CONSTRAINT "department_functions_department_fk" FOREIGN KEY ("city_id","department_id") REFERENCES "public"."departments"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_node_history" ADD CONSTRAINT "org_node_history_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_nodes" ADD CONSTRAINT "org_nodes_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_nodes" ADD CONSTRAINT "org_nodes_parent_fk" FOREIGN KEY ("city_id","parent_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD CONSTRAINT "party_orgs_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD CONSTRAINT "party_orgs_parent_fk" FOREIGN KEY ("city_id","parent_id") REFERENCES "public"."party_orgs"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_orgs" ADD CONSTRAINT "party_orgs_unit_fk" FOREIGN KEY ("city_id","unit_id") REFERENCES "public"."units"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_household_fk" FOREIGN KEY ("city_id","household_id") REFERENCES "public"."households"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_person_fk" FOREIGN KEY ("city_id","person_id") REFERENCES "public"."persons"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_party_org_fk" FOREIGN KEY ("city_id","party_org_id") REFERENCES "public"."party_orgs"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_person_fk" FOREIGN KEY ("city_id","person_id") REFERENCES "public"."persons"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_unit_fk" FOREIGN KEY ("city_id","unit_id") REFERENCES "public"."units"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_photos" ADD CONSTRAINT "event_photos_event_fk" FOREIGN KEY ("city_id","event_id") REFERENCES "public"."events"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_steps" ADD CONSTRAINT "event_steps_event_fk" FOREIGN KEY ("city_id","event_id") REFERENCES "public"."events"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_summons" ADD CONSTRAINT "event_summons_event_fk" FOREIGN KEY ("city_id","event_id") REFERENCES "public"."events"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_summons" ADD CONSTRAINT "event_summons_department_fk" FOREIGN KEY ("city_id","department_id") REFERENCES "public"."departments"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_time_limits" ADD CONSTRAINT "event_time_limits_type_fk" FOREIGN KEY ("city_id","event_type_id") REFERENCES "public"."event_types"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_type_functions" ADD CONSTRAINT "event_type_functions_type_fk" FOREIGN KEY ("city_id","event_type_id") REFERENCES "public"."event_types"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_type_functions" ADD CONSTRAINT "event_type_functions_function_fk" FOREIGN KEY ("function_id") REFERENCES "public"."department_functions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_type_fk" FOREIGN KEY ("city_id","event_type_id") REFERENCES "public"."event_types"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_department_fk" FOREIGN KEY ("city_id","department_id") REFERENCES "public"."departments"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_function_fk" FOREIGN KEY ("function_id") REFERENCES "public"."department_functions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_duplicate_fk" FOREIGN KEY ("city_id","duplicate_of_id") REFERENCES "public"."events"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_keys" ADD CONSTRAINT "open311_keys_city_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_aspects" ADD CONSTRAINT "campaign_aspects_campaign_fk" FOREIGN KEY ("city_id","campaign_id") REFERENCES "public"."campaigns"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_attachment_data" ADD CONSTRAINT "campaign_attachment_data_fk" FOREIGN KEY ("city_id","attachment_id") REFERENCES "public"."campaign_attachments"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_attachments" ADD CONSTRAINT "campaign_attachments_report_fk" FOREIGN KEY ("city_id","report_id") REFERENCES "public"."campaign_reports"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_claims" ADD CONSTRAINT "campaign_claims_topic_fk" FOREIGN KEY ("city_id","topic_id") REFERENCES "public"."campaign_topics"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_claims" ADD CONSTRAINT "campaign_claims_person_fk" FOREIGN KEY ("city_id","claimant_person_id") REFERENCES "public"."persons"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_claims" ADD CONSTRAINT "campaign_claims_unit_fk" FOREIGN KEY ("city_id","unit_id") REFERENCES "public"."units"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_claims" ADD CONSTRAINT "campaign_claims_user_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_items" ADD CONSTRAINT "campaign_items_campaign_fk" FOREIGN KEY ("city_id","campaign_id") REFERENCES "public"."campaigns"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_items" ADD CONSTRAINT "campaign_items_aspect_fk" FOREIGN KEY ("city_id","aspect_id") REFERENCES "public"."campaign_aspects"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_measures" ADD CONSTRAINT "campaign_measures_campaign_fk" FOREIGN KEY ("city_id","campaign_id") REFERENCES "public"."campaigns"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_measures" ADD CONSTRAINT "campaign_measures_item_fk" FOREIGN KEY ("city_id","item_id") REFERENCES "public"."campaign_items"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_measures" ADD CONSTRAINT "campaign_measures_project_fk" FOREIGN KEY ("city_id","project_id") REFERENCES "public"."campaign_projects"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_measures" ADD CONSTRAINT "campaign_measures_leader_fk" FOREIGN KEY ("city_id","leader_person_id") REFERENCES "public"."persons"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_measures" ADD CONSTRAINT "campaign_measures_unit_fk" FOREIGN KEY ("city_id","lead_unit_id") REFERENCES "public"."units"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_milestones" ADD CONSTRAINT "campaign_milestones_project_fk" FOREIGN KEY ("city_id","project_id") REFERENCES "public"."campaign_projects"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_projects" ADD CONSTRAINT "campaign_projects_campaign_fk" FOREIGN KEY ("city_id","campaign_id") REFERENCES "public"."campaigns"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_projects" ADD CONSTRAINT "campaign_projects_parent_fk" FOREIGN KEY ("city_id","parent_id") REFERENCES "public"."campaign_projects"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_projects" ADD CONSTRAINT "campaign_projects_tf_fk" FOREIGN KEY ("city_id","task_force_id") REFERENCES "public"."campaign_task_forces"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_projects" ADD CONSTRAINT "campaign_projects_leader_fk" FOREIGN KEY ("city_id","leader_person_id") REFERENCES "public"."persons"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_projects" ADD CONSTRAINT "campaign_projects_unit_fk" FOREIGN KEY ("city_id","lead_unit_id") REFERENCES "public"."units"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_projects" ADD CONSTRAINT "campaign_projects_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_reports" ADD CONSTRAINT "campaign_reports_project_fk" FOREIGN KEY ("city_id","project_id") REFERENCES "public"."campaign_projects"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_reports" ADD CONSTRAINT "campaign_reports_milestone_fk" FOREIGN KEY ("city_id","milestone_id") REFERENCES "public"."campaign_milestones"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_reports" ADD CONSTRAINT "campaign_reports_unit_fk" FOREIGN KEY ("city_id","unit_id") REFERENCES "public"."units"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_task_force_members" ADD CONSTRAINT "campaign_task_force_members_tf_fk" FOREIGN KEY ("city_id","task_force_id") REFERENCES "public"."campaign_task_forces"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_task_force_members" ADD CONSTRAINT "campaign_task_force_members_person_fk" FOREIGN KEY ("city_id","person_id") REFERENCES "public"."persons"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_task_force_members" ADD CONSTRAINT "campaign_task_force_members_unit_fk" FOREIGN KEY ("city_id","unit_id") REFERENCES "public"."units"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_task_forces" ADD CONSTRAINT "campaign_task_forces_campaign_fk" FOREIGN KEY ("city_id","campaign_id") REFERENCES "public"."campaigns"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_task_forces" ADD CONSTRAINT "campaign_task_forces_leader_fk" FOREIGN KEY ("city_id","leader_person_id") REFERENCES "public"."persons"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_task_forces" ADD CONSTRAINT "campaign_task_forces_unit_fk" FOREIGN KEY ("city_id","lead_unit_id") REFERENCES "public"."units"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_topics" ADD CONSTRAINT "campaign_topics_campaign_fk" FOREIGN KEY ("city_id","campaign_id") REFERENCES "public"."campaigns"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_topics" ADD CONSTRAINT "campaign_topics_parent_fk" FOREIGN KEY ("city_id","parent_project_id") REFERENCES "public"."campaign_projects"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_unit_members" ADD CONSTRAINT "campaign_unit_members_user_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_unit_members" ADD CONSTRAINT "campaign_unit_members_unit_fk" FOREIGN KEY ("city_id","unit_id") REFERENCES "public"."units"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_city_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_city_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_outbox" ADD CONSTRAINT "webhook_outbox_city_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "common_list_members" ADD CONSTRAINT "common_list_members_list_fk" FOREIGN KEY ("city_id","list_id") REFERENCES "public"."common_lists"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "common_list_members" ADD CONSTRAINT "common_list_members_problem_fk" FOREIGN KEY ("city_id","problem_id") REFERENCES "public"."problems"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "common_lists" ADD CONSTRAINT "common_lists_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negative_list_breaches" ADD CONSTRAINT "negative_list_breaches_list_fk" FOREIGN KEY ("city_id","list_id") REFERENCES "public"."negative_lists"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negative_list_breaches" ADD CONSTRAINT "negative_list_breaches_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negative_list_breaches" ADD CONSTRAINT "negative_list_breaches_problem_fk" FOREIGN KEY ("city_id","problem_id") REFERENCES "public"."problems"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negative_lists" ADD CONSTRAINT "negative_lists_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_attachment_contents" ADD CONSTRAINT "problem_attachment_contents_attachment_fk" FOREIGN KEY ("city_id","attachment_id") REFERENCES "public"."problem_attachments"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_attachments" ADD CONSTRAINT "problem_attachments_problem_fk" FOREIGN KEY ("city_id","problem_id") REFERENCES "public"."problems"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_attachments" ADD CONSTRAINT "problem_attachments_clue_fk" FOREIGN KEY ("city_id","clue_id") REFERENCES "public"."problem_clues"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_attachments" ADD CONSTRAINT "problem_attachments_event_fk" FOREIGN KEY ("city_id","event_id") REFERENCES "public"."problem_events"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_clues" ADD CONSTRAINT "problem_clues_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_escalations" ADD CONSTRAINT "problem_escalations_problem_fk" FOREIGN KEY ("city_id","problem_id") REFERENCES "public"."problems"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_escalations" ADD CONSTRAINT "problem_escalations_to_node_fk" FOREIGN KEY ("city_id","to_node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_events" ADD CONSTRAINT "problem_events_problem_fk" FOREIGN KEY ("city_id","problem_id") REFERENCES "public"."problems"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_imports" ADD CONSTRAINT "problem_imports_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_list_items" ADD CONSTRAINT "problem_list_items_list_fk" FOREIGN KEY ("city_id","list_id") REFERENCES "public"."problem_lists"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_list_items" ADD CONSTRAINT "problem_list_items_problem_fk" FOREIGN KEY ("city_id","problem_id") REFERENCES "public"."problems"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_lists" ADD CONSTRAINT "problem_lists_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_responsible_node_fk" FOREIGN KEY ("city_id","responsible_node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_clue_fk" FOREIGN KEY ("city_id","clue_id") REFERENCES "public"."problem_clues"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_merged_into_fk" FOREIGN KEY ("city_id","merged_into_id") REFERENCES "public"."problems"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_year_fk" FOREIGN KEY ("city_id","year") REFERENCES "public"."calendar_years"("city_id","year") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_years" ADD CONSTRAINT "calendar_years_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "org_node_history_node_idx" ON "org_node_history" USING btree ("node_id","at");--> statement-breakpoint
CREATE INDEX "org_nodes_path_idx" ON "org_nodes" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "org_nodes_parent_idx" ON "org_nodes" USING btree ("parent_id","sort");--> statement-breakpoint
CREATE INDEX "org_nodes_city_kind_idx" ON "org_nodes" USING btree ("city_id","kind");--> statement-breakpoint
CREATE INDEX "party_orgs_node_idx" ON "party_orgs" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "household_members_person_idx" ON "household_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "households_node_idx" ON "households" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "persons_node_idx" ON "persons" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "persons_city_name_idx" ON "persons" USING btree ("city_id","name");--> statement-breakpoint
CREATE INDEX "posts_node_post_idx" ON "posts" USING btree ("node_id","post");--> statement-breakpoint
CREATE INDEX "posts_person_idx" ON "posts" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "role_assignments_user_idx" ON "role_assignments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "role_assignments_node_idx" ON "role_assignments" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_log_city_at_idx" ON "audit_log" USING btree ("city_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_chain_idx" ON "audit_log" USING btree (coalesce("city_id", 0),"seq");--> statement-breakpoint
CREATE INDEX "audit_log_unsealed_idx" ON "audit_log" USING btree ("id") WHERE "audit_log"."hash" IS NULL;--> statement-breakpoint
CREATE INDEX "event_photos_event_idx" ON "event_photos" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_steps_event_idx" ON "event_steps" USING btree ("event_id","id");--> statement-breakpoint
CREATE INDEX "event_summons_department_idx" ON "event_summons" USING btree ("department_id","summoned_at");--> statement-breakpoint
CREATE UNIQUE INDEX "event_time_limits_key" ON "event_time_limits" USING btree ("city_id",coalesce("event_type_id", 0),"urgency","stage");--> statement-breakpoint
CREATE INDEX "events_node_idx" ON "events" USING btree ("node_id","reported_at");--> statement-breakpoint
CREATE INDEX "events_city_reported_idx" ON "events" USING btree ("city_id","reported_at");--> statement-breakpoint
CREATE INDEX "events_type_reported_idx" ON "events" USING btree ("city_id","event_type_id","reported_at");--> statement-breakpoint
CREATE INDEX "events_department_idx" ON "events" USING btree ("department_id","reported_at");--> statement-breakpoint
CREATE INDEX "events_open_due_idx" ON "events" USING btree ("stage_due_at") WHERE "events"."stage_due_at" IS NOT NULL AND "events"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "open311_keys_city_idx" ON "open311_keys" USING btree ("city_id");--> statement-breakpoint
CREATE INDEX "campaign_aspects_campaign_idx" ON "campaign_aspects" USING btree ("campaign_id","seq");--> statement-breakpoint
CREATE INDEX "campaign_attachments_report_idx" ON "campaign_attachments" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "campaign_claims_topic_idx" ON "campaign_claims" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "campaign_claims_campaign_idx" ON "campaign_claims" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE INDEX "campaign_items_aspect_idx" ON "campaign_items" USING btree ("aspect_id","seq");--> statement-breakpoint
CREATE INDEX "campaign_measures_item_idx" ON "campaign_measures" USING btree ("item_id","seq");--> statement-breakpoint
CREATE INDEX "campaign_milestones_project_idx" ON "campaign_milestones" USING btree ("project_id","stage","seq");--> statement-breakpoint
CREATE INDEX "campaign_projects_campaign_idx" ON "campaign_projects" USING btree ("campaign_id","level");--> statement-breakpoint
CREATE INDEX "campaign_projects_parent_idx" ON "campaign_projects" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "campaign_projects_unit_idx" ON "campaign_projects" USING btree ("lead_unit_id");--> statement-breakpoint
CREATE INDEX "campaign_projects_deadline_idx" ON "campaign_projects" USING btree ("deadline");--> statement-breakpoint
CREATE INDEX "campaign_reports_project_idx" ON "campaign_reports" USING btree ("project_id","status");--> statement-breakpoint
CREATE INDEX "campaign_task_force_members_tf_idx" ON "campaign_task_force_members" USING btree ("task_force_id");--> statement-breakpoint
CREATE INDEX "campaign_task_forces_campaign_idx" ON "campaign_task_forces" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "campaign_topics_campaign_idx" ON "campaign_topics" USING btree ("campaign_id","audience");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_unit_members_live" ON "campaign_unit_members" USING btree ("user_id","unit_id") WHERE removed_at IS NULL;--> statement-breakpoint
CREATE INDEX "campaign_unit_members_unit_idx" ON "campaign_unit_members" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_user_dedupe" ON "notifications" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_user_unread_idx" ON "notifications" USING btree ("user_id","created_at") WHERE read_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_outbox_dedupe" ON "webhook_outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "webhook_outbox_due_idx" ON "webhook_outbox" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "common_list_members_problem_idx" ON "common_list_members" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "common_lists_node_idx" ON "common_lists" USING btree ("node_id","status");--> statement-breakpoint
CREATE INDEX "negative_list_breaches_list_idx" ON "negative_list_breaches" USING btree ("list_id","occurred_on");--> statement-breakpoint
CREATE INDEX "negative_lists_node_idx" ON "negative_lists" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "problem_attachments_problem_idx" ON "problem_attachments" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "problem_attachments_clue_idx" ON "problem_attachments" USING btree ("clue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "problem_clues_tracking_idx" ON "problem_clues" USING btree ("tracking_hash");--> statement-breakpoint
CREATE INDEX "problem_clues_node_idx" ON "problem_clues" USING btree ("node_id","received_at");--> statement-breakpoint
CREATE INDEX "problem_escalations_to_node_idx" ON "problem_escalations" USING btree ("to_node_id");--> statement-breakpoint
CREATE INDEX "problem_events_problem_idx" ON "problem_events" USING btree ("problem_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "problem_imports_token_idx" ON "problem_imports" USING btree ("token");--> statement-breakpoint
CREATE INDEX "problem_list_items_problem_idx" ON "problem_list_items" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "problem_lists_node_idx" ON "problem_lists" USING btree ("node_id","status");--> statement-breakpoint
CREATE INDEX "problems_node_idx" ON "problems" USING btree ("node_id","status");--> statement-breakpoint
CREATE INDEX "problems_responsible_node_idx" ON "problems" USING btree ("responsible_node_id");--> statement-breakpoint
CREATE INDEX "problems_city_status_idx" ON "problems" USING btree ("city_id","status","deadline_at");--> statement-breakpoint
CREATE INDEX "problems_clue_idx" ON "problems" USING btree ("clue_id");--> statement-breakpoint
CREATE INDEX "problems_found_on_idx" ON "problems" USING btree ("city_id","found_on");