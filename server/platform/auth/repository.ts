import { and, asc, eq, ilike, inArray, isNull, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { roleAssignments, sessions, users } from "../../db/schema";
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

export async function recordFailedLogin(db: Database, id: number, threshold: number, lockUntil: Date, at: Date): Promise<UserRow> {
  const [row] = await db
    .update(users)
    .set({
      failedLogins: sql`${users.failedLogins} + 1`,
      lockedUntil: sql`CASE WHEN ${users.failedLogins} + 1 >= ${threshold}::int THEN ${lockUntil.toISOString()}::timestamptz ELSE ${users.lockedUntil} END`,
      updatedAt: at,
    })
    .where(eq(users.id, id))
    .returning();
  return row!;
}

export async function clearFailedLogins(db: Database, id: number): Promise<void> {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id));
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
  changes: Partial<Pick<UserRow, "displayName" | "disabledAt" | "passwordHash" | "passwordChangedAt" | "mustChangePassword" | "failedLogins" | "lockedUntil">>,
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
