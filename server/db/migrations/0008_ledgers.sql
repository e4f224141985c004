CREATE TABLE "ledger_benchmarks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_benchmarks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"object" text NOT NULL,
	"unit" text NOT NULL,
	"price_fen" bigint NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_benchmarks_key" UNIQUE("node_id","object","unit"),
	CONSTRAINT "ledger_benchmarks_price" CHECK ("ledger_benchmarks"."price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_contracts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_contracts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"code" text NOT NULL,
	"counterparty_kind" text NOT NULL,
	"counterparty_name" text NOT NULL,
	"counterparty_id_number" text,
	"counterparty_phone" text,
	"object" text NOT NULL,
	"object_name" text NOT NULL,
	"area" numeric(14, 2) NOT NULL,
	"unit" text NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"annual_price_fen" bigint NOT NULL,
	"payment_schedule" text NOT NULL,
	"due_fen" bigint DEFAULT 0 NOT NULL,
	"received_fen" bigint DEFAULT 0 NOT NULL,
	"let_method" text NOT NULL,
	"procedure" text NOT NULL,
	"procedure_on" date,
	"file_ref" text,
	"status" text DEFAULT 'active' NOT NULL,
	"deleted_at" timestamp with time zone,
	"delete_reason" text,
	"created_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_contracts_city_id" UNIQUE("city_id","id"),
	CONSTRAINT "ledger_contracts_money" CHECK ("ledger_contracts"."annual_price_fen" >= 0 AND "ledger_contracts"."due_fen" >= 0 AND "ledger_contracts"."received_fen" >= 0),
	CONSTRAINT "ledger_contracts_term" CHECK ("ledger_contracts"."end_on" >= "ledger_contracts"."start_on")
);
--> statement-breakpoint
CREATE TABLE "ledger_cooperatives" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_cooperatives_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"name" text NOT NULL,
	"led_by_branch" boolean NOT NULL,
	"members" integer NOT NULL,
	"capital_fen" bigint NOT NULL,
	"dividends_fen" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_cooperatives_values" CHECK ("ledger_cooperatives"."members" >= 0 AND "ledger_cooperatives"."capital_fen" >= 0 AND "ledger_cooperatives"."dividends_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_debt_movements" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_debt_movements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"debt_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_debt_movements_amount" CHECK ("ledger_debt_movements"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_debt_plans" (
	"city_id" bigint NOT NULL,
	"debt_id" bigint NOT NULL,
	"seq" integer NOT NULL,
	"due_on" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "ledger_debt_plans_debt_id_seq_pk" PRIMARY KEY("debt_id","seq"),
	CONSTRAINT "ledger_debt_plans_amount" CHECK ("ledger_debt_plans"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_debts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_debts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"creditor" text NOT NULL,
	"creditor_kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"origin" text NOT NULL,
	"incurred_on" date NOT NULL,
	"evidence" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_debts_city_id" UNIQUE("city_id","id"),
	CONSTRAINT "ledger_debts_amount" CHECK ("ledger_debts"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_disclosures" (
	"node_id" bigint PRIMARY KEY NOT NULL,
	"city_id" bigint NOT NULL,
	"published" boolean NOT NULL,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_flags" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_flags_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"contract_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"rule" text NOT NULL,
	"facts" jsonb NOT NULL,
	"found_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone,
	"problem_id" bigint,
	"raised_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_imports" (
	"token" text PRIMARY KEY NOT NULL,
	"city_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"rows" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"committed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ledger_incomes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_incomes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"source" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_incomes_key" UNIQUE("node_id","year","source"),
	CONSTRAINT "ledger_incomes_amount" CHECK ("ledger_incomes"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_pairings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_pairings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"node_id" bigint NOT NULL,
	"enterprise" text NOT NULL,
	"agreement_on" date NOT NULL,
	"project" text NOT NULL,
	"invested_fen" bigint NOT NULL,
	"jobs" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_pairings_values" CHECK ("ledger_pairings"."invested_fen" >= 0 AND "ledger_pairings"."jobs" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_settings" (
	"city_id" bigint PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_benchmarks" ADD CONSTRAINT "ledger_benchmarks_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_contracts" ADD CONSTRAINT "ledger_contracts_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_cooperatives" ADD CONSTRAINT "ledger_cooperatives_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_debt_movements" ADD CONSTRAINT "ledger_debt_movements_debt_fk" FOREIGN KEY ("city_id","debt_id") REFERENCES "public"."ledger_debts"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_debt_plans" ADD CONSTRAINT "ledger_debt_plans_debt_fk" FOREIGN KEY ("city_id","debt_id") REFERENCES "public"."ledger_debts"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_debts" ADD CONSTRAINT "ledger_debts_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_disclosures" ADD CONSTRAINT "ledger_disclosures_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_flags" ADD CONSTRAINT "ledger_flags_contract_fk" FOREIGN KEY ("city_id","contract_id") REFERENCES "public"."ledger_contracts"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_incomes" ADD CONSTRAINT "ledger_incomes_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_pairings" ADD CONSTRAINT "ledger_pairings_node_fk" FOREIGN KEY ("city_id","node_id") REFERENCES "public"."org_nodes"("city_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_contracts_code_idx" ON "ledger_contracts" USING btree ("node_id","code") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "ledger_contracts_node_idx" ON "ledger_contracts" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "ledger_contracts_object_idx" ON "ledger_contracts" USING btree ("node_id","object","object_name");--> statement-breakpoint
CREATE INDEX "ledger_cooperatives_node_idx" ON "ledger_cooperatives" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "ledger_debt_movements_node_idx" ON "ledger_debt_movements" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "ledger_debts_node_idx" ON "ledger_debts" USING btree ("node_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_flags_open_idx" ON "ledger_flags" USING btree ("contract_id","rule") WHERE cleared_at IS NULL;--> statement-breakpoint
CREATE INDEX "ledger_flags_node_idx" ON "ledger_flags" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "ledger_incomes_city_year_idx" ON "ledger_incomes" USING btree ("city_id","year");--> statement-breakpoint
CREATE INDEX "ledger_pairings_node_idx" ON "ledger_pairings" USING btree ("node_id");