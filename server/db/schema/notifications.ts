import { bigint, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { cities } from "./orgs";
import { users } from "./auth";

const id = () => bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity();
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * The bell: one row per recipient. dedupe_key makes a sweep that runs twice (or in two processes)
 * notify once: the same key for the same user is dropped.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    cityId: bigint("city_id", { mode: "number" }).notNull(),
    userId: bigint("user_id", { mode: "number" }).notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    link: text("link"),
    entity: text("entity"),
    entityId: text("entity_id"),
    dedupeKey: text("dedupe_key").notNull(),
    readAt: stamp("read_at"),
    createdAt: stamp("created_at").notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.userId], foreignColumns: [users.id], name: "notifications_user_fk" }),
    foreignKey({ columns: [t.cityId], foreignColumns: [cities.id], name: "notifications_city_fk" }),
    uniqueIndex("notifications_user_dedupe").on(t.userId, t.dedupeKey),
    index("notifications_user_unread_idx").on(t.userId, t.createdAt).where(sql`read_at IS NULL`),
  ],
);

/** Per city: where the group robot listens, and in which message format. */
export const notificationSettings = pgTable(
  "notification_settings",
  {
    cityId: bigint("city_id", { mode: "number" }).primaryKey(),
    webhookUrl: text("webhook_url"),
    webhookFormat: text("webhook_format").notNull().default("dingtalk_text"),
    /** The notification kinds also posted to the group robot (none until the city chooses). */
    webhookKinds: jsonb("webhook_kinds").$type<string[]>().notNull().default([]),
    version: integer("version").notNull().default(1),
    updatedBy: bigint("updated_by", { mode: "number" }),
    updatedAt: stamp("updated_at").notNull(),
  },
  (t) => [foreignKey({ columns: [t.cityId], foreignColumns: [cities.id], name: "notification_settings_city_fk" })],
);

/**
 * Transactional outbox: a message is written in the transaction of the change that caused it and
 * posted later by the worker, so a slow or failing robot never holds up (or undoes) a request.
 */
export const webhookOutbox = pgTable(
  "webhook_outbox",
  {
    id: id(),
    cityId: bigint("city_id", { mode: "number" }).notNull(),
    url: text("url").notNull(),
    payload: jsonb("payload").notNull(),
    dedupeKey: text("dedupe_key"),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: stamp("next_attempt_at").notNull(),
    lockedUntil: stamp("locked_until"),
    lastError: text("last_error"),
    deliveredAt: stamp("delivered_at"),
    createdAt: stamp("created_at").notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId], foreignColumns: [cities.id], name: "webhook_outbox_city_fk" }),
    uniqueIndex("webhook_outbox_dedupe").on(t.dedupeKey),
    index("webhook_outbox_due_idx").on(t.nextAttemptAt).where(sql`status = 'pending'`),
  ],
);

/** The kinds a person chose not to receive (muting daily_digest turns the morning summary off). */
export const notificationMutes = pgTable(
  "notification_mutes",
  {
    cityId: bigint("city_id", { mode: "number" }).notNull(),
    userId: bigint("user_id", { mode: "number" }).notNull(),
    kind: text("kind").notNull(),
    createdAt: stamp("created_at").notNull(),
  },
  (t) => [
    primaryKey({ name: "notification_mutes_pk", columns: [t.userId, t.kind] }),
    foreignKey({ columns: [t.userId], foreignColumns: [users.id], name: "notification_mutes_user_fk" }),
    foreignKey({ columns: [t.cityId], foreignColumns: [cities.id], name: "notification_mutes_city_fk" }),
  ],
);
