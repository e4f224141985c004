import { bigint, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Append-only, hash-chained: hash = sha256(prevHash + canonical entry). A trigger in the migration
 * refuses UPDATE and DELETE, so a change made behind the application's back needs a superuser and still shows.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    cityId: bigint("city_id", { mode: "number" }),
    actorUserId: bigint("actor_user_id", { mode: "number" }),
    actorUsername: text("actor_username"),
    nodeId: bigint("node_id", { mode: "number" }),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_log_city_at_idx").on(t.cityId, t.at), index("audit_log_entity_idx").on(t.entity, t.entityId)],
);
