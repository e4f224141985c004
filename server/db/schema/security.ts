import { bigint, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

const id = () => bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity();
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * A password reset by an administrator. A reset of an account that holds a system role or may reveal
 * personal data waits here (status `pending`, the new hash kept) until a security administrator
 * approves it (`applied`) or refuses it (`rejected`); any other reset is `applied` at once. The holder
 * is told of the applied reset at their next sign-in.
 */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: id(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    status: text("status").notNull(),
    /** Kept only while the request waits; cleared when it is decided. */
    passwordHash: text("password_hash"),
    requestedBy: bigint("requested_by", { mode: "number" })
      .notNull()
      .references(() => users.id),
    requestedAt: stamp("requested_at").notNull(),
    decidedBy: bigint("decided_by", { mode: "number" }).references(() => users.id),
    decidedAt: stamp("decided_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("password_resets_user_idx").on(t.userId), index("password_resets_status_idx").on(t.status, t.requestedAt)],
);

/**
 * Failed sign-ins counted per key: a username (whether or not an account has it, so the answer never
 * tells them apart), a username from one client address, and a client address. A key locks when its
 * count reaches its threshold, each lock twice as long as the one before.
 */
export const loginThrottles = pgTable("login_throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  locks: integer("locks").notNull().default(0),
  lastFailureAt: stamp("last_failure_at").notNull(),
  lockedUntil: stamp("locked_until"),
});

/** Every sign-in attempt, for the security administrator: who was named, from where, and how it ended. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: id(),
    at: stamp("at").notNull(),
    username: text("username").notNull(),
    userId: bigint("user_id", { mode: "number" }).references(() => users.id),
    ip: text("ip"),
    outcome: text("outcome").notNull(),
  },
  (t) => [index("login_attempts_at_idx").on(t.at), index("login_attempts_username_idx").on(t.username, t.at), index("login_attempts_ip_idx").on(t.ip, t.at)],
);
