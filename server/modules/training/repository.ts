import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { trainingAttendance, trainingClassrooms, trainingForms, trainingLeaves, trainingPlans, trainingSessions, trainingTeachers } from "../../db/schema";
import type { Scope } from "../../platform/policy";
import { nodeInScope, nodeRefOfNode, pathOfNode } from "../../platform/tree";

/** The only SQL on the training tables of classrooms, teachers, forms, plans, sessions, attendance and leave. */
export type SessionRow = typeof trainingSessions.$inferSelect;

export async function listClassrooms(db: Database, scope: Scope, filter: { kind?: string; q?: string }, offset: number, limit: number) {
  const where = and(
    isNull(trainingClassrooms.retiredAt),
    nodeInScope(trainingClassrooms.nodeId, scope),
    filter.kind ? eq(trainingClassrooms.kind, filter.kind) : undefined,
    filter.q ? or(ilike(trainingClassrooms.name, `%${filter.q}%`), ilike(trainingClassrooms.address, `%${filter.q}%`)) : undefined,
  );
  const rows = await db
    .select({ row: trainingClassrooms, node: nodeRefOfNode(trainingClassrooms.nodeId) })
    .from(trainingClassrooms)
    .where(where)
    .orderBy(asc(trainingClassrooms.id))
    .offset(offset)
    .limit(limit);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(trainingClassrooms).where(where);
  return { rows, total: count!.n };
}

export async function findClassroom(db: Database, id: number) {
  const [row] = await db.select({ row: trainingClassrooms, node: nodeRefOfNode(trainingClassrooms.nodeId) }).from(trainingClassrooms).where(eq(trainingClassrooms.id, id));
  return row;
}

export async function listTeachers(db: Database, scope: Scope, filter: { level?: string; q?: string }, offset: number, limit: number) {
  const where = and(
    isNull(trainingTeachers.retiredAt),
    nodeInScope(trainingTeachers.nodeId, scope),
    filter.level ? eq(trainingTeachers.level, filter.level) : undefined,
    filter.q ? or(ilike(trainingTeachers.name, `%${filter.q}%`), ilike(trainingTeachers.unit, `%${filter.q}%`)) : undefined,
  );
  const rows = await db.select().from(trainingTeachers).where(where).orderBy(asc(trainingTeachers.id)).offset(offset).limit(limit);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(trainingTeachers).where(where);
  return { rows, total: count!.n };
}

export async function teachersByIds(db: Database, cityId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(trainingTeachers).where(and(eq(trainingTeachers.cityId, cityId), inArray(trainingTeachers.id, ids), isNull(trainingTeachers.retiredAt)));
}

export async function listForms(db: Database, cityId: number) {
  return db.select().from(trainingForms).where(and(eq(trainingForms.cityId, cityId), isNull(trainingForms.retiredAt))).orderBy(asc(trainingForms.seq));
}

export async function findForm(db: Database, id: number) {
  const [row] = await db.select().from(trainingForms).where(eq(trainingForms.id, id));
  return row;
}

const sessionCount = sql<number>`(SELECT count(*)::int FROM training_sessions s WHERE s.plan_id = training_plans.id AND s.cancelled_at IS NULL)`;

export async function listPlans(db: Database, scope: Scope, filter: { year?: number; q?: string }, offset: number, limit: number) {
  const where = and(nodeInScope(trainingPlans.nodeId, scope), filter.year ? eq(trainingPlans.year, filter.year) : undefined, filter.q ? ilike(trainingPlans.title, `%${filter.q}%`) : undefined);
  const rows = await db
    .select({ row: trainingPlans, node: nodeRefOfNode(trainingPlans.nodeId), sessions: sessionCount })
    .from(trainingPlans)
    .where(where)
    .orderBy(desc(trainingPlans.year), asc(trainingPlans.id))
    .offset(offset)
    .limit(limit);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(trainingPlans).where(where);
  return { rows, total: count!.n };
}

export async function findPlan(db: Database, id: number) {
  const [row] = await db.select({ row: trainingPlans, node: nodeRefOfNode(trainingPlans.nodeId), sessions: sessionCount }).from(trainingPlans).where(eq(trainingPlans.id, id));
  return row;
}

export interface SessionFilter {
  scope: Scope;
  plan?: number;
  topic?: string;
  form?: number;
  q?: string;
  /** Sessions whose audience reaches one of these nodes (an attendee's ancestors). */
  audienceOf?: number[];
}

function sessionWhere(filter: SessionFilter): SQL | undefined {
  return and(
    isNull(trainingSessions.cancelledAt),
    nodeInScope(trainingSessions.nodeId, filter.scope),
    filter.plan ? eq(trainingSessions.planId, filter.plan) : undefined,
    filter.topic ? eq(trainingSessions.topic, filter.topic) : undefined,
    filter.form ? eq(trainingSessions.formId, filter.form) : undefined,
    filter.q ? ilike(trainingSessions.title, `%${filter.q}%`) : undefined,
    filter.audienceOf ? audienceReaches(filter.audienceOf) : undefined,
  );
}

/** The session's audience names one of these nodes (JSON containment, one test per ancestor). */
export function audienceReaches(nodeIds: number[]): SQL {
  if (nodeIds.length === 0) return sql`false`;
  return sql`(${sql.join(
    nodeIds.map((id) => sql`${trainingSessions.audienceNodeIds} @> ${JSON.stringify([id])}::jsonb`),
    sql` OR `,
  )})`;
}

const sessionColumns = {
  row: trainingSessions,
  node: nodeRefOfNode(trainingSessions.nodeId),
  classroomName: sql<string>`(SELECT c.name FROM training_classrooms c WHERE c.id = training_sessions.classroom_id)`,
  formName: sql<string>`(SELECT f.name FROM training_forms f WHERE f.id = training_sessions.form_id)`,
  attended: sql<number>`(SELECT count(*)::int FROM training_attendance a WHERE a.session_id = training_sessions.id)`,
};

export async function listSessions(db: Database, filter: SessionFilter, offset: number, limit: number) {
  const where = sessionWhere(filter);
  const rows = await db.select(sessionColumns).from(trainingSessions).where(where).orderBy(desc(trainingSessions.startsAt), desc(trainingSessions.id)).offset(offset).limit(limit);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(trainingSessions).where(where);
  return { rows, total: count!.n };
}

export async function findSession(db: Database, id: number) {
  const [row] = await db.select(sessionColumns).from(trainingSessions).where(and(eq(trainingSessions.id, id), isNull(trainingSessions.cancelledAt)));
  return row;
}

/** Attendance rows for a session; a person already in keeps the record they have. */
export async function insertAttendance(db: Database, rows: (typeof trainingAttendance.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(trainingAttendance).values(rows).onConflictDoNothing();
}

export async function attendanceOf(db: Database, sessionId: number) {
  return db.select().from(trainingAttendance).where(eq(trainingAttendance.sessionId, sessionId)).orderBy(asc(trainingAttendance.at), asc(trainingAttendance.id));
}

export async function attendanceOfPerson(db: Database, sessionId: number, personId: number) {
  const [row] = await db.select().from(trainingAttendance).where(and(eq(trainingAttendance.sessionId, sessionId), eq(trainingAttendance.personId, personId)));
  return row;
}

export async function leavesOf(db: Database, sessionId: number) {
  return db.select().from(trainingLeaves).where(eq(trainingLeaves.sessionId, sessionId)).orderBy(asc(trainingLeaves.id));
}

export async function findLeave(db: Database, id: number) {
  const [row] = await db.select().from(trainingLeaves).where(eq(trainingLeaves.id, id));
  return row;
}

/** A person's own sessions, attended or invited to, with what they did. */
export async function sessionsOfPerson(db: Database, personId: number, audienceOf: number[]) {
  return db
    .select({
      ...sessionColumns,
      attendedAt: sql<string | null>`(SELECT a.at FROM training_attendance a WHERE a.session_id = training_sessions.id AND a.person_id = ${personId})`,
      leave: sql<string | null>`(SELECT l.status FROM training_leaves l WHERE l.session_id = training_sessions.id AND l.person_id = ${personId})`,
    })
    .from(trainingSessions)
    .where(
      and(
        isNull(trainingSessions.cancelledAt),
        or(audienceReaches(audienceOf), sql`EXISTS (SELECT 1 FROM training_attendance a WHERE a.session_id = training_sessions.id AND a.person_id = ${personId})`),
      ),
    )
    .orderBy(desc(trainingSessions.startsAt))
    .limit(200);
}

/** Sessions and attendance within a subtree: sessions by where they are held, person-times by where the attendee sits. */
export async function trainingFigures(db: Database, scope: Scope) {
  const [row] = await db
    .select({
      sessions: sql<number>`(SELECT count(*)::int FROM training_sessions s WHERE s.cancelled_at IS NULL AND ${nodeInScope(sql`s.node_id`, scope)})`,
      personTimes: sql<number>`(SELECT count(*)::int FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id WHERE s.cancelled_at IS NULL AND ${nodeInScope(sql`a.node_id`, scope)})`,
      leaves: sql<number>`(SELECT count(*)::int FROM training_leaves l JOIN training_sessions s ON s.id = l.session_id WHERE s.cancelled_at IS NULL AND l.status = 'approved' AND ${nodeInScope(sql`l.node_id`, scope)})`,
    })
    .from(sql`(SELECT 1) AS one`);
  return row!;
}

/** Attendance of a subtree, for the person-times drill: each row a person at a session. */
export async function listAttendance(db: Database, scope: Scope, offset: number, limit: number, starts: { from?: Date; to?: Date } = {}) {
  // Sessions starting in [from, to) when asked: the evaluation's drill-down of a period's attendance.
  const from = starts.from ? sql` AND s.starts_at >= ${starts.from}` : sql``;
  const to = starts.to ? sql` AND s.starts_at < ${starts.to}` : sql``;
  const where = and(nodeInScope(trainingAttendance.nodeId, scope), sql`EXISTS (SELECT 1 FROM training_sessions s WHERE s.id = training_attendance.session_id AND s.cancelled_at IS NULL${from}${to})`);
  const rows = await db.select().from(trainingAttendance).where(where).orderBy(desc(trainingAttendance.at), desc(trainingAttendance.id)).offset(offset).limit(limit);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(trainingAttendance).where(where);
  return { rows, total: count!.n };
}

/** A person's attended sessions, for their cadre profile. */
export async function attendedBy(db: Database, personId: number) {
  return db
    .select({ sessionId: trainingSessions.id, title: trainingSessions.title, topic: trainingSessions.topic, startsAt: trainingSessions.startsAt })
    .from(trainingAttendance)
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingAttendance.sessionId))
    .where(and(eq(trainingAttendance.personId, personId), isNull(trainingSessions.cancelledAt)))
    .orderBy(desc(trainingSessions.startsAt));
}

/** Person-times and approved leaves per node in sessions starting in [from, to), with the node's path: the evaluation's attendance rate. */
export async function attendanceByNode(db: Database, cityId: number, period: { from: Date; to: Date }) {
  const result = await db.execute(sql`
    SELECT ${pathOfNode(sql`x.node_id`)} AS "path", count(*) FILTER (WHERE x.attended)::int AS "attended", count(*)::int AS "expected"
    FROM (
      SELECT a.node_id, true AS attended FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id
      WHERE s.city_id = ${cityId} AND s.cancelled_at IS NULL AND s.starts_at >= ${period.from} AND s.starts_at < ${period.to}
      UNION ALL
      SELECT l.node_id, false FROM training_leaves l JOIN training_sessions s ON s.id = l.session_id
      WHERE s.city_id = ${cityId} AND s.cancelled_at IS NULL AND l.status = 'approved' AND s.starts_at >= ${period.from} AND s.starts_at < ${period.to}
    ) x
    GROUP BY x.node_id`);
  return (result as unknown as { rows: { path: string; attended: number; expected: number }[] }).rows;
}

// --- writes (each inside the caller's transaction)

export async function insertClassroom(db: Database, values: typeof trainingClassrooms.$inferInsert) {
  const [row] = await db.insert(trainingClassrooms).values(values).returning();
  return row!;
}

export async function insertTeacher(db: Database, values: typeof trainingTeachers.$inferInsert) {
  const [row] = await db.insert(trainingTeachers).values(values).returning();
  return row!;
}

export async function insertForm(db: Database, values: typeof trainingForms.$inferInsert) {
  const [row] = await db.insert(trainingForms).values(values).returning();
  return row!;
}

export async function insertPlan(db: Database, values: typeof trainingPlans.$inferInsert) {
  const [row] = await db.insert(trainingPlans).values(values).returning();
  return row!;
}

export async function insertSession(db: Database, values: typeof trainingSessions.$inferInsert): Promise<number> {
  const [row] = await db.insert(trainingSessions).values(values).returning({ id: trainingSessions.id });
  return row!.id;
}

/** A leave request; undefined when the person has one for the session already. */
export async function insertLeave(db: Database, values: typeof trainingLeaves.$inferInsert) {
  const [row] = await db.insert(trainingLeaves).values(values).onConflictDoNothing().returning();
  return row;
}

/** Decides a leave request from the version read; undefined when another change came first. */
export async function decideLeave(db: Database, id: number, version: number, decision: { status: string; decidedBy: number | null; decidedAt: Date }) {
  const [row] = await db
    .update(trainingLeaves)
    .set({ ...decision, version: sql`${trainingLeaves.version} + 1` })
    .where(and(eq(trainingLeaves.id, id), eq(trainingLeaves.version, version)))
    .returning();
  return row;
}
