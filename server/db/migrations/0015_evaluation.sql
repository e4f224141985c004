CREATE TABLE "evaluation_adjustments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evaluation_adjustments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"period_id" bigint NOT NULL,
	"item_id" bigint NOT NULL,
	"body_kind" text NOT NULL,
	"body_id" bigint NOT NULL,
	"score" double precision NOT NULL,
	"reason" text NOT NULL,
	"appeal_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_adjustments_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_appeals" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evaluation_appeals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"period_id" bigint NOT NULL,
	"result_version" integer NOT NULL,
	"body_kind" text NOT NULL,
	"body_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"item_id" bigint,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"decision" text,
	"filed_by_user_id" bigint NOT NULL,
	"filed_by_name" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "evaluation_appeals_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_catalogues" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evaluation_catalogues_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"name" text NOT NULL,
	"body_kind" text NOT NULL,
	"period_kind" text NOT NULL,
	"grading" text NOT NULL,
	"thresholds" jsonb NOT NULL,
	"quotas" jsonb NOT NULL,
	"appeal_days" integer NOT NULL,
	"public" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_catalogues_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_findings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evaluation_findings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"body_kind" text NOT NULL,
	"body_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"found_on" date NOT NULL,
	"points" double precision NOT NULL,
	"description" text NOT NULL,
	"evidence" text NOT NULL,
	"recorded_by_user_id" bigint NOT NULL,
	"recorded_by_name" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_findings_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evaluation_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"catalogue_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"source" text NOT NULL,
	"indicator_key" text,
	"channel" text,
	"label" text NOT NULL,
	"weight" integer NOT NULL,
	"min_sample" integer NOT NULL,
	CONSTRAINT "evaluation_items_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_manual_scores" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evaluation_manual_scores_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"period_id" bigint NOT NULL,
	"item_id" bigint NOT NULL,
	"body_kind" text NOT NULL,
	"body_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"score" double precision NOT NULL,
	"evidence" text NOT NULL,
	"assessor_user_id" bigint NOT NULL,
	"assessor_name" text NOT NULL,
	"confirmed_by_user_id" bigint,
	"confirmed_by_name" text,
	"confirmed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_manual_scores_city_id" UNIQUE("city_id","id"),
	CONSTRAINT "evaluation_manual_scores_one" UNIQUE("period_id","item_id","body_kind","body_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_periods" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evaluation_periods_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"catalogue_id" bigint NOT NULL,
	"label" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text NOT NULL,
	"result_version" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"appeal_until" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_periods_city_id" UNIQUE("city_id","id"),
	CONSTRAINT "evaluation_periods_catalogue_start" UNIQUE("catalogue_id","starts_on")
);
--> statement-breakpoint
CREATE TABLE "evaluation_results" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evaluation_results_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"period_id" bigint NOT NULL,
	"result_version" integer NOT NULL,
	"body_kind" text NOT NULL,
	"body_id" bigint NOT NULL,
	"body_name" text NOT NULL,
	"node_id" bigint NOT NULL,
	"parent_id" bigint,
	"parent_name" text,
	"score" double precision,
	"grade" text,
	"rank" integer,
	"peer_rank" integer,
	"items" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_results_city_id" UNIQUE("city_id","id"),
	CONSTRAINT "evaluation_results_one" UNIQUE("period_id","result_version","body_kind","body_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evaluation_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"period_id" bigint NOT NULL,
	"result_version" integer NOT NULL,
	"reason" text NOT NULL,
	"actor_user_id" bigint,
	"actor_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_versions_period_version" UNIQUE("period_id","result_version")
);
--> statement-breakpoint
ALTER TABLE "evaluation_adjustments" ADD CONSTRAINT "evaluation_adjustments_period_fk" FOREIGN KEY ("city_id","period_id") REFERENCES "public"."evaluation_periods"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_appeals" ADD CONSTRAINT "evaluation_appeals_period_fk" FOREIGN KEY ("city_id","period_id") REFERENCES "public"."evaluation_periods"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_items" ADD CONSTRAINT "evaluation_items_catalogue_fk" FOREIGN KEY ("city_id","catalogue_id") REFERENCES "public"."evaluation_catalogues"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_manual_scores" ADD CONSTRAINT "evaluation_manual_scores_period_fk" FOREIGN KEY ("city_id","period_id") REFERENCES "public"."evaluation_periods"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_manual_scores" ADD CONSTRAINT "evaluation_manual_scores_item_fk" FOREIGN KEY ("city_id","item_id") REFERENCES "public"."evaluation_items"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_periods" ADD CONSTRAINT "evaluation_periods_catalogue_fk" FOREIGN KEY ("city_id","catalogue_id") REFERENCES "public"."evaluation_catalogues"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_results" ADD CONSTRAINT "evaluation_results_period_fk" FOREIGN KEY ("city_id","period_id") REFERENCES "public"."evaluation_periods"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_versions" ADD CONSTRAINT "evaluation_versions_period_fk" FOREIGN KEY ("city_id","period_id") REFERENCES "public"."evaluation_periods"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluation_adjustments_period_idx" ON "evaluation_adjustments" USING btree ("period_id");--> statement-breakpoint
CREATE INDEX "evaluation_appeals_period_idx" ON "evaluation_appeals" USING btree ("period_id");--> statement-breakpoint
CREATE INDEX "evaluation_catalogues_city_idx" ON "evaluation_catalogues" USING btree ("city_id","body_kind");--> statement-breakpoint
CREATE INDEX "evaluation_findings_body_idx" ON "evaluation_findings" USING btree ("city_id","body_kind","body_id","found_on");--> statement-breakpoint
CREATE INDEX "evaluation_items_catalogue_idx" ON "evaluation_items" USING btree ("catalogue_id");