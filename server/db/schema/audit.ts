import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Append-only and hash-chained per city. A write inserts its entry unsealed (no lock, so writers never
 * queue behind each other); the sealer then gives committed entries their place in the city's chain
 * (`seq`) and hash = sha256(prevHash + canonical entry). Triggers refuse DELETE and any UPDATE other
 * than the one-time sealing, so a change made behind the application's back needs a superuser and still shows.
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
    seq: bigint("seq", { mode: "number" }),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    index("audit_log_city_at_idx").on(t.cityId, t.at),
    index("audit_log_entity_idx").on(t.entity, t.entityId),
    uniqueIndex("audit_log_chain_idx").on(sql`coalesce(${t.cityId}, 0)`, t.seq),
    // The sealer's work list: which chains have unsealed entries, and each one's oldest first.
    index("audit_log_unsealed_idx").on(sql`coalesce(${t.cityId}, 0)`, t.id).where(sql`${t.hash} IS NULL`),
  ],
);

/**
 * Each chain's head (sequence and hash) as the sealer left it, append-only like the trail itself: the
 * newest entries cut off the trail still show as missing after the last checkpoint. The audit
 * administrator exports the list signed, to keep outside the system (a truncation of both tables
 * still shows against that copy).
 */
export const auditCheckpoints = pgTable(
  "audit_checkpoints",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** The chain: a city's id, 0 for entries without a city. */
    chain: bigint("chain", { mode: "number" }).notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    hash: text("hash").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [uniqueIndex("audit_checkpoints_chain_seq_idx").on(t.chain, t.seq)],
);
