CREATE TABLE "exam_attempt_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exam_attempt_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"attempt_id" bigint NOT NULL,
	"seq" integer NOT NULL,
	"question_id" bigint NOT NULL,
	"points" integer NOT NULL,
	"answer" jsonb,
	"saved_at" timestamp with time zone,
	"score" integer,
	"graded_by" bigint,
	"graded_at" timestamp with time zone,
	CONSTRAINT "exam_attempt_items_attempt_seq" UNIQUE("attempt_id","seq")
);
--> statement-breakpoint
CREATE TABLE "exam_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exam_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"exam_id" bigint NOT NULL,
	"candidate_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"level" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"status" text NOT NULL,
	"auto_score" integer,
	"score" integer,
	"passed" boolean,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "exam_attempts_city_id" UNIQUE("city_id","id"),
	CONSTRAINT "exam_attempts_exam_person" UNIQUE("exam_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "exam_candidates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exam_candidates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"exam_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"person_name" text NOT NULL,
	"node_id" bigint NOT NULL,
	"level" text NOT NULL,
	CONSTRAINT "exam_candidates_exam_person" UNIQUE("exam_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "exam_questions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exam_questions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"type" text NOT NULL,
	"topic" text NOT NULL,
	"difficulty" text NOT NULL,
	"stem" text NOT NULL,
	"options" jsonb NOT NULL,
	"answer" jsonb NOT NULL,
	"retired_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exam_questions_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "exams" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exams_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"title" text NOT NULL,
	"rules" jsonb NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"time_limit_minutes" integer NOT NULL,
	"pass_mark" integer NOT NULL,
	"makeup_of" bigint,
	"retired_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exams_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "training_attendance" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_attendance_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"session_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"method" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"recorded_by" bigint,
	CONSTRAINT "training_attendance_session_person" UNIQUE("session_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "training_classrooms" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_classrooms_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"retired_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_classrooms_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "training_forms" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_forms_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"name" text NOT NULL,
	"seq" integer NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_forms_city_name" UNIQUE("city_id","name"),
	CONSTRAINT "training_forms_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "training_leaves" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_leaves_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"session_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"decided_by" bigint,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_leaves_session_person" UNIQUE("session_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "training_plans" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_plans_city_id" UNIQUE("city_id","id"),
	CONSTRAINT "training_plans_node_year" UNIQUE("node_id","year")
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"plan_id" bigint NOT NULL,
	"classroom_id" bigint NOT NULL,
	"form_id" bigint NOT NULL,
	"topic" text NOT NULL,
	"title" text NOT NULL,
	"teacher_ids" jsonb NOT NULL,
	"audience_levels" jsonb NOT NULL,
	"audience_node_ids" jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"check_in_secret" text NOT NULL,
	"cancelled_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_sessions_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "training_teachers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_teachers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"unit" text NOT NULL,
	"topics" jsonb NOT NULL,
	"retired_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_teachers_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "cadre_moves" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cadre_moves_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"person_name" text NOT NULL,
	"node_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"from_post" text NOT NULL,
	"to_post" text NOT NULL,
	"moved_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cadre_moves_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "cadre_reserve" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cadre_reserve_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"person_name" text NOT NULL,
	"node_id" bigint NOT NULL,
	"birth_date" date NOT NULL,
	"education" text NOT NULL,
	"current_post" text NOT NULL,
	"strengths" text DEFAULT '' NOT NULL,
	"assessments" jsonb NOT NULL,
	"development_plan" text DEFAULT '' NOT NULL,
	"tutor_person_id" bigint,
	"entered_on" date NOT NULL,
	"entry_reason" text NOT NULL,
	"exited_on" date,
	"exit_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cadre_reserve_city_id" UNIQUE("city_id","id")
);
--> statement-breakpoint
CREATE TABLE "graduate_places" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "graduate_places_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"post" text NOT NULL,
	"status" text NOT NULL,
	"candidate_name" text,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exam_attempt_items" ADD CONSTRAINT "exam_attempt_items_attempt_fk" FOREIGN KEY ("city_id","attempt_id") REFERENCES "public"."exam_attempts"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempt_items" ADD CONSTRAINT "exam_attempt_items_question_fk" FOREIGN KEY ("city_id","question_id") REFERENCES "public"."exam_questions"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_exam_fk" FOREIGN KEY ("city_id","exam_id") REFERENCES "public"."exams"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_candidates" ADD CONSTRAINT "exam_candidates_exam_fk" FOREIGN KEY ("city_id","exam_id") REFERENCES "public"."exams"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_candidates" ADD CONSTRAINT "exam_candidates_person_fk" FOREIGN KEY ("city_id","person_id") REFERENCES "public"."persons"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_questions" ADD CONSTRAINT "exam_questions_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exams" ADD CONSTRAINT "exams_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_session_fk" FOREIGN KEY ("city_id","session_id") REFERENCES "public"."training_sessions"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_person_fk" FOREIGN KEY ("city_id","person_id") REFERENCES "public"."persons"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_classrooms" ADD CONSTRAINT "training_classrooms_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_leaves" ADD CONSTRAINT "training_leaves_session_fk" FOREIGN KEY ("city_id","session_id") REFERENCES "public"."training_sessions"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_leaves" ADD CONSTRAINT "training_leaves_person_fk" FOREIGN KEY ("city_id","person_id") REFERENCES "public"."persons"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_plans" ADD CONSTRAINT "training_plans_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_plan_fk" FOREIGN KEY ("city_id","plan_id") REFERENCES "public"."training_plans"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_classroom_fk" FOREIGN KEY ("city_id","classroom_id") REFERENCES "public"."training_classrooms"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_form_fk" FOREIGN KEY ("city_id","form_id") REFERENCES "public"."training_forms"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_teachers" ADD CONSTRAINT "training_teachers_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadre_moves" ADD CONSTRAINT "cadre_moves_person_fk" FOREIGN KEY ("city_id","person_id") REFERENCES "public"."persons"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadre_moves" ADD CONSTRAINT "cadre_moves_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadre_reserve" ADD CONSTRAINT "cadre_reserve_person_fk" FOREIGN KEY ("city_id","person_id") REFERENCES "public"."persons"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadre_reserve" ADD CONSTRAINT "cadre_reserve_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graduate_places" ADD CONSTRAINT "graduate_places_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exam_attempts_node_idx" ON "exam_attempts" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "exam_attempts_person_idx" ON "exam_attempts" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "exam_candidates_person_idx" ON "exam_candidates" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "exam_candidates_node_idx" ON "exam_candidates" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "exam_questions_pool_idx" ON "exam_questions" USING btree ("city_id","topic","difficulty");--> statement-breakpoint
CREATE INDEX "exams_node_idx" ON "exams" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "training_attendance_node_idx" ON "training_attendance" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "training_attendance_person_idx" ON "training_attendance" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "training_classrooms_node_idx" ON "training_classrooms" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "training_sessions_node_idx" ON "training_sessions" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "training_sessions_starts_idx" ON "training_sessions" USING btree ("city_id","starts_at");--> statement-breakpoint
CREATE INDEX "training_teachers_node_idx" ON "training_teachers" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "cadre_moves_node_idx" ON "cadre_moves" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "cadre_reserve_node_idx" ON "cadre_reserve" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "cadre_reserve_person_idx" ON "cadre_reserve" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "graduate_places_node_idx" ON "graduate_places" USING btree ("node_id");