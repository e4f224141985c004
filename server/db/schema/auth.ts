import { bigint, index, integer, boolean, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const id = () => bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity();
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** An account that signs in. System accounts (三员) have no city. */
export const users = pgTable("users", {
  id: id(),
  cityId: bigint("city_id", { mode: "number" }),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  personId: bigint("person_id", { mode: "number" }),
  passwordHash: text("password_hash").notNull(),
  mustChangePassword: boolean("must_change_password").notNull().default(false),
  passwordChangedAt: stamp("password_changed_at").notNull().defaultNow(),
  disabledAt: stamp("disabled_at"),
  version: integer("version").notNull().default(1),
  createdAt: stamp("created_at").notNull().defaultNow(),
  updatedAt: stamp("updated_at").notNull().defaultNow(),
});

/** A role held at a node, valid in its subtree; system roles hold no node and reach every city. */
export const roleAssignments = pgTable(
  "role_assignments",
  {
    id: id(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    role: text("role").notNull(),
    cityId: bigint("city_id", { mode: "number" }),
    nodeId: bigint("node_id", { mode: "number" }),
    grantedBy: bigint("granted_by", { mode: "number" }),
    grantedAt: stamp("granted_at").notNull().defaultNow(),
    revokedAt: stamp("revoked_at"),
    revokedBy: bigint("revoked_by", { mode: "number" }),
  },
  (t) => [index("role_assignments_user_idx").on(t.userId), index("role_assignments_node_idx").on(t.nodeId)],
);

/** Server-side sessions: the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    csrfToken: text("csrf_token").notNull(),
    createdAt: stamp("created_at").notNull(),
    lastSeenAt: stamp("last_seen_at").notNull(),
    expiresAt: stamp("expires_at").notNull(),
    revokedAt: stamp("revoked_at"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);
