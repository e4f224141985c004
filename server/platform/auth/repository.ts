import { and, asc, desc, eq, gt, ilike, inArray, isNull, like, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { loginAttempts, loginThrottles, passwordResets, roleAssignments, sessions, users } from "../../db/schema";
import { nodeRefFromJson, nodeRefOfNode, type NodeRef } from "../tree";

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type AssignmentRow = typeof roleAssignments.$inferSelect;

export async function findUserByUsername(db: Database, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row;
}

export async function findUser(db: Database, id: number): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}


export async function insertSession(db: Database, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

/**
 * A session with its account, the account's live role assignments and the nodes they are held at, in
 * one round trip: every signed-in request asks this first. One row per assignment (or one with no assignment).
 */
export async function findSessionWithUser(
  db: Database,
  id: string,
): Promise<{ session: SessionState; user: SignedInUser; assignments: GrantedRole[]; nodes: Map<number, NodeRef> } | undefined> {
  const rows = await sessionLookup(db).execute({ id });
  const first = rows[0];
  if (!first) return undefined;
  const nodes = new Map(rows.flatMap((row) => (row.node ? [[row.node.id, nodeRefFromJson(row.node)] as const] : [])));
  return { session: first.session, user: first.user, assignments: rows.flatMap((row) => (row.assignment ? [row.assignment] : [])), nodes };
}

/** Only what a request needs of its session, account and roles: every column more is parsed on every request. */
const sessionState = { id: sessions.id, csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, revokedAt: sessions.revokedAt };
const signedInUser = { id: users.id, username: users.username, displayName: users.displayName, cityId: users.cityId, mustChangePassword: users.mustChangePassword, disabledAt: users.disabledAt };
const grantedRole = { id: roleAssignments.id, userId: roleAssignments.userId, role: roleAssignments.role, cityId: roleAssignments.cityId, nodeId: roleAssignments.nodeId };
export type SessionState = Pick<SessionRow, keyof typeof sessionState>;
export type SignedInUser = Pick<UserRow, keyof typeof signedInUser>;
export type GrantedRole = Pick<AssignmentRow, keyof typeof grantedRole>;

function buildSessionLookup(db: Database) {
  return db
    .select({ session: sessionState, user: signedInUser, assignment: grantedRole, node: nodeRefOfNode(roleAssignments.nodeId) })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(roleAssignments, and(eq(roleAssignments.userId, users.id), isNull(roleAssignments.revokedAt)))
    .where(eq(sessions.id, sql.placeholder("id")))
    .orderBy(asc(roleAssignments.id))
    .prepare("zhili_session_lookup");
}

/** Built once per database: the statement is the same for every request, so neither side re-plans it. */
const sessionLookups = new WeakMap<Database, ReturnType<typeof buildSessionLookup>>();

function sessionLookup(db: Database) {
  let prepared = sessionLookups.get(db);
  if (!prepared) {
    prepared = buildSessionLookup(db);
    sessionLookups.set(db, prepared);
  }
  return prepared;
}

export async function touchSession(db: Database, id: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function revokeSession(db: Database, id: string, at: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: at }).where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}

export async function revokeUserSessions(db: Database, userId: number, at: Date): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}

export async function activeAssignments(db: Database, userIds: number[]): Promise<AssignmentRow[]> {
  if (userIds.length === 0) return [];
  return db
    .select()
    .from(roleAssignments)
    .where(and(inArray(roleAssignments.userId, userIds), isNull(roleAssignments.revokedAt)))
    .orderBy(asc(roleAssignments.id));
}

export async function findAssignment(db: Database, id: number): Promise<AssignmentRow | undefined> {
  const [row] = await db.select().from(roleAssignments).where(eq(roleAssignments.id, id));
  return row;
}

export async function insertAssignment(db: Database, values: typeof roleAssignments.$inferInsert): Promise<AssignmentRow> {
  const [row] = await db.insert(roleAssignments).values(values).returning();
  return row!;
}

export async function revokeAssignment(db: Database, id: number, by: number, at: Date): Promise<AssignmentRow | undefined> {
  const [row] = await db
    .update(roleAssignments)
    .set({ revokedAt: at, revokedBy: by })
    .where(and(eq(roleAssignments.id, id), isNull(roleAssignments.revokedAt)))
    .returning();
  return row;
}

export async function searchUsers(db: Database, options: { q?: string; cityIds: number[] | "all"; offset: number; limit: number }) {
  const pattern = options.q ? `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const where = and(
    pattern ? or(ilike(users.username, pattern), ilike(users.displayName, pattern)) : undefined,
    options.cityIds === "all" ? undefined : options.cityIds.length ? inArray(users.cityId, options.cityIds) : sql`false`,
  );
  const rows = await db.select().from(users).where(where).orderBy(asc(users.username)).limit(options.limit).offset(options.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function insertUser(db: Database, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

export async function updateUser(
  db: Database,
  id: number,
  version: number,
  changes: Partial<Pick<UserRow, "displayName" | "disabledAt" | "passwordHash" | "passwordChangedAt" | "mustChangePassword">>,
  at: Date,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...changes, version: sql`${users.version} + 1`, updatedAt: at })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  return row;
}

export async function usersOfPersons(db: Database, personIds: number[]): Promise<number[]> {
  if (personIds.length === 0) return [];
  const rows = await db.select({ id: users.id }).from(users).where(and(isNull(users.disabledAt), inArray(users.personId, personIds)));
  return rows.map((row) => row.id);
}

export async function usersWithRoles(db: Database, cityId: number, roles: string[]): Promise<number[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: roleAssignments.userId })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.cityId, cityId), isNull(roleAssignments.revokedAt), isNull(users.disabledAt), inArray(roleAssignments.role, roles)));
  return rows.map((row) => row.id);
}

export async function usersWithRoleAt(db: Database, nodeIds: number[], roles: string[]): Promise<number[]> {
  if (roles.length === 0 || nodeIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: roleAssignments.userId })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(inArray(roleAssignments.nodeId, nodeIds), isNull(roleAssignments.revokedAt), isNull(users.disabledAt), inArray(roleAssignments.role, roles)));
  return rows.map((row) => row.id);
}

export async function usernames(db: Database, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, row.username]));
}

/** Sets a new password without the version check: a reset approved later was checked when it was asked for. */
export async function setPassword(db: Database, id: number, passwordHash: string, at: Date): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash, passwordChangedAt: at, mustChangePassword: true, version: sql`${users.version} + 1`, updatedAt: at })
    .where(eq(users.id, id));
}

// ---------------------------------------------------------------- password resets

export type PasswordResetRow = typeof passwordResets.$inferSelect;

export async function insertPasswordReset(db: Database, values: typeof passwordResets.$inferInsert): Promise<PasswordResetRow> {
  const [row] = await db.insert(passwordResets).values(values).returning();
  return row!;
}

export async function findPasswordReset(db: Database, id: number): Promise<PasswordResetRow | undefined> {
  const [row] = await db.select().from(passwordResets).where(eq(passwordResets.id, id));
  return row;
}

export async function pendingResetOf(db: Database, userId: number): Promise<PasswordResetRow | undefined> {
  const [row] = await db.select().from(passwordResets).where(and(eq(passwordResets.userId, userId), eq(passwordResets.status, "pending")));
  return row;
}

export async function decidePasswordReset(db: Database, id: number, version: number, status: "applied" | "rejected", by: number, at: Date): Promise<PasswordResetRow | undefined> {
  const [row] = await db
    .update(passwordResets)
    .set({ status, decidedBy: by, decidedAt: at, passwordHash: null, version: sql`${passwordResets.version} + 1` })
    .where(and(eq(passwordResets.id, id), eq(passwordResets.version, version), eq(passwordResets.status, "pending")))
    .returning();
  return row;
}

export async function searchPasswordResets(db: Database, options: { status?: string; cityIds: number[] | "all"; offset: number; limit: number }) {
  const where = and(
    options.status ? eq(passwordResets.status, options.status) : undefined,
    options.cityIds === "all" ? undefined : options.cityIds.length ? inArray(users.cityId, options.cityIds) : sql`false`,
  );
  const rows = await db
    .select({ reset: passwordResets, username: users.username, displayName: users.displayName, cityId: users.cityId })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(where)
    .orderBy(desc(passwordResets.requestedAt), desc(passwordResets.id))
    .limit(options.limit)
    .offset(options.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(passwordResets).innerJoin(users, eq(users.id, passwordResets.userId)).where(where);
  return { rows, total: count?.n ?? 0 };
}

/** The last reset applied to an account since its holder last chose a password: what the holder is told at sign-in. */
export async function lastAppliedReset(db: Database, userId: number): Promise<PasswordResetRow | undefined> {
  const [row] = await db
    .select()
    .from(passwordResets)
    .where(and(eq(passwordResets.userId, userId), eq(passwordResets.status, "applied")))
    .orderBy(desc(passwordResets.decidedAt), desc(passwordResets.id))
    .limit(1);
  return row;
}

// ---------------------------------------------------------------- sign-in throttles and attempts

export type ThrottleRow = typeof loginThrottles.$inferSelect;

export async function throttles(db: Database, keys: string[]): Promise<ThrottleRow[]> {
  if (keys.length === 0) return [];
  return db.select().from(loginThrottles).where(inArray(loginThrottles.key, keys));
}

export async function saveThrottle(db: Database, row: ThrottleRow): Promise<void> {
  await db
    .insert(loginThrottles)
    .values(row)
    .onConflictDoUpdate({ target: loginThrottles.key, set: { failures: row.failures, locks: row.locks, lastFailureAt: row.lastFailureAt, lockedUntil: row.lockedUntil } });
}

export async function deleteThrottles(db: Database, keys: string[], prefix?: string): Promise<number> {
  const rows = await db
    .delete(loginThrottles)
    .where(or(keys.length ? inArray(loginThrottles.key, keys) : sql`false`, prefix ? like(loginThrottles.key, startsWith(prefix)) : sql`false`))
    .returning({ key: loginThrottles.key });
  return rows.length;
}

const startsWith = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Locks still running whose key starts with one of these prefixes. */
export async function activeLocks(db: Database, prefixes: string[], at: Date): Promise<ThrottleRow[]> {
  if (prefixes.length === 0) return [];
  return db
    .select()
    .from(loginThrottles)
    .where(and(gt(loginThrottles.lockedUntil, at), or(...prefixes.map((prefix) => like(loginThrottles.key, startsWith(prefix))))))
    .orderBy(asc(loginThrottles.key));
}

/** Whether the account has ever signed in from this address: its holder's own machine is not locked by strangers. */
export async function signedInFrom(db: Database, userId: number, ip: string): Promise<boolean> {
  const [row] = await db.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.userId, userId), eq(sessions.ip, ip))).limit(1);
  return row !== undefined;
}

export async function insertLoginAttempt(db: Database, values: typeof loginAttempts.$inferInsert): Promise<void> {
  await db.insert(loginAttempts).values(values);
}

export async function searchLoginAttempts(db: Database, options: { username?: string; ip?: string; outcome?: string; offset: number; limit: number }) {
  const where = and(
    options.username ? eq(loginAttempts.username, options.username) : undefined,
    options.ip ? eq(loginAttempts.ip, options.ip) : undefined,
    options.outcome ? eq(loginAttempts.outcome, options.outcome) : undefined,
  );
  const rows = await db.select().from(loginAttempts).where(where).orderBy(desc(loginAttempts.at), desc(loginAttempts.id)).limit(options.limit).offset(options.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(loginAttempts).where(where);
  return { rows, total: count?.n ?? 0 };
}
