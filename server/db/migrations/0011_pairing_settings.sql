CREATE TABLE "pairing_settings" (
	"city_id" bigint PRIMARY KEY NOT NULL,
	"period_months" integer DEFAULT 3 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pairing_settings_period" CHECK ("pairing_settings"."period_months" IN (1, 3, 6, 12))
);
