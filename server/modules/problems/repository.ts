import { and, asc, desc, eq, ilike, inArray, isNull, ne, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { ProblemFigure, ProblemStatus } from "../../../shared/schemas/problems";
import { openStatuses, timedStatuses } from "../../../shared/schemas/problems";
import type { Database } from "../../db/client";
import {
  commonLists,
  negativeListBreaches,
  negativeLists,
  problemAttachmentContents,
  problemAttachments,
  problemClues,
  problemEscalations,
  problemRollups,
  problemEvents,
  problemImports,
  problemLists,
  problems,
} from "../../db/schema";
import type { Scope } from "../../platform/policy";
import { nodeInScope, pathOfNode, type Bind } from "../../platform/tree";
import { cappedTotal, keysetPage, type KeptTotal } from "../../platform/paging";
import { Placeholders, preparedOnce, shapeOf } from "../../platform/prepared";

export type ClueRow = typeof problemClues.$inferSelect;
export type ProblemRow = typeof problems.$inferSelect;
export type EventRow = typeof problemEvents.$inferSelect;
export type AttachmentRow = typeof problemAttachments.$inferSelect;
export type ProblemListRow = typeof problemLists.$inferSelect;
export type CommonListRow = typeof commonLists.$inferSelect;
export type NegativeListRow = typeof negativeLists.$inferSelect;
export type BreachRow = typeof negativeListBreaches.$inferSelect;
export type ImportRow = typeof problemImports.$inferSelect;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Problems that count at all: not merged into another, not dismissed, not deleted. */
export const counted = sql`${problems.status} NOT IN ('dismissed', 'merged')`;
const isOpen = inArray(problems.status, [...openStatuses]);
const isTimed = inArray(problems.status, [...timedStatuses]);

/**
 * The records behind each figure, as one SQL condition: the figure counts them and its drill-down
 * lists them, so the two can never disagree. Time enters only through `light`, which transitions and
 * the overdue sweep keep current from the platform's clock.
 */
export function figureCondition(figure: ProblemFigure): SQL {
  switch (figure) {
    case "problems.total":
      return counted;
    case "problems.open":
      return isOpen;
    case "problems.closed":
      return eq(problems.status, "closed");
    case "problems.due":
      // 应结案: concluded, or its deadline has passed.
      return and(counted, or(eq(problems.status, "closed"), and(isTimed, eq(problems.light, "red"))))!;
    case "problems.closedOnTime":
      return and(eq(problems.status, "closed"), eq(problems.closedOnTime, true))!;
    case "problems.overdue":
      return and(isTimed, eq(problems.light, "red"))!;
    case "problems.handled":
      return and(counted, sql`${problems.firstSubmittedAt} IS NOT NULL`)!;
    case "problems.reworked":
      return and(counted, sql`${problems.firstSubmittedAt} IS NOT NULL`, sql`${problems.reworkCount} > 0`)!;
  }
}

/** The nodes on the way down to a scope: a list set at one of them binds the scope too. */
export function aboveScope(nodeIdColumn: SQLWrapper, scope: Scope): SQL {
  if (scope.all) return sql`false`;
  const ids = [...new Set(scope.paths.flatMap((path) => path.split("/").filter(Boolean).map(Number)))];
  return ids.length > 0 ? sql`${nodeIdColumn} IN ${ids}` : sql`false`;
}

// --- clues

export interface ClueFilter {
  scope: Scope;
  status?: string;
  channel?: string;
  source?: string;
  category?: string;
  from?: string;
  to?: string;
}

function clueWhere(filter: ClueFilter): SQL {
  const conditions: SQL[] = [isNull(problemClues.deletedAt), nodeInScope(problemClues.nodeId, filter.scope)];
  if (filter.status) conditions.push(eq(problemClues.status, filter.status));
  if (filter.channel) conditions.push(eq(problemClues.channel, filter.channel));
  if (filter.source) conditions.push(eq(problemClues.source, filter.source));
  if (filter.category) conditions.push(eq(problemClues.category, filter.category));
  if (filter.from) conditions.push(sql`${problemClues.receivedAt} >= ${filter.from}::date`);
  if (filter.to) conditions.push(sql`${problemClues.receivedAt} < ${filter.to}::date + 1`);
  return and(...conditions)!;
}

export async function listClues(db: Database, filter: ClueFilter, limit: number, offset: number): Promise<{ rows: ClueRow[]; total: number }> {
  const where = clueWhere(filter);
  const rows = await db.select().from(problemClues).where(where).orderBy(desc(problemClues.receivedAt), desc(problemClues.id)).limit(limit).offset(offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(problemClues).where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function findClue(db: Database, id: number): Promise<ClueRow | undefined> {
  const [row] = await db.select().from(problemClues).where(and(eq(problemClues.id, id), isNull(problemClues.deletedAt)));
  return row;
}

export async function findClueByTracking(db: Database, hash: string): Promise<ClueRow | undefined> {
  const [row] = await db.select().from(problemClues).where(and(eq(problemClues.trackingHash, hash), isNull(problemClues.deletedAt)));
  return row;
}

export async function insertClue(db: Database, values: typeof problemClues.$inferInsert): Promise<ClueRow> {
  const [row] = await db.insert(problemClues).values(values).returning();
  return row!;
}

/** Moves a clue on from "open" only, and only from the version the caller read. */
export async function closeClue(db: Database, id: number, version: number, changes: Partial<ClueRow>, at: Date): Promise<ClueRow | undefined> {
  const [row] = await db
    .update(problemClues)
    .set({ ...changes, version: sql`${problemClues.version} + 1`, updatedAt: at })
    .where(and(eq(problemClues.id, id), eq(problemClues.version, version), eq(problemClues.status, "open"), isNull(problemClues.deletedAt)))
    .returning();
  return row;
}

export async function problemIdsOfClues(db: Database, clueIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (clueIds.length === 0) return map;
  const rows = await db
    .select({ id: problems.id, clueId: problems.clueId })
    .from(problems)
    .where(and(inArray(problems.clueId, clueIds), isNull(problems.deletedAt)))
    .orderBy(asc(problems.id));
  for (const row of rows) map.set(row.clueId!, [...(map.get(row.clueId!) ?? []), row.id]);
  return map;
}

export async function problemsOfClue(db: Database, clueId: number): Promise<ProblemRow[]> {
  return db.select().from(problems).where(and(eq(problems.clueId, clueId), isNull(problems.deletedAt))).orderBy(asc(problems.id));
}

// --- problems

export interface ProblemFilter {
  /** What the caller may see: a problem is theirs where it lies or where it was given to be rectified. */
  scope: Scope;
  /** A node of the tree: the problems lying in its subtree. */
  within?: Scope;
  /** The city of `within`: said outright, so a city's list reads the indexes that lead with city_id (a problem's node and responsible node share its city). */
  cityId?: number;
  status?: string;
  channel?: string;
  source?: string;
  category?: string;
  light?: string;
  from?: string;
  to?: string;
  q?: string;
  clueId?: number;
  commonListId?: number;
  escalated?: boolean;
  figure?: ProblemFigure;
  /** Assigned to this responsible node (a row of the unit table). */
  responsibleNodeId?: number;
  supervision?: boolean;
}

/** The filter's conditions; `bind` puts each value in (a placeholder, for a statement prepared per shape). */
function problemWhere(filter: ProblemFilter, bind: Bind = (value) => value): SQL {
  const conditions: SQL[] = [
    isNull(problems.deletedAt),
    or(nodeInScope(problems.nodeId, filter.scope, bind), nodeInScope(problems.responsibleNodeId, filter.scope, bind))!,
  ];
  if (filter.cityId !== undefined) conditions.push(eq(problems.cityId, bind(filter.cityId)));
  if (filter.within) conditions.push(nodeInScope(problems.nodeId, filter.within, bind));
  if (filter.status) conditions.push(eq(problems.status, bind(filter.status)));
  if (filter.channel) conditions.push(eq(problems.channel, bind(filter.channel)));
  if (filter.source) conditions.push(eq(problems.source, bind(filter.source)));
  if (filter.category) conditions.push(eq(problems.category, bind(filter.category)));
  if (filter.light) conditions.push(and(eq(problems.light, bind(filter.light)), isTimed)!);
  if (filter.from) conditions.push(sql`${problems.foundOn} >= ${bind(filter.from)}::date`);
  if (filter.to) conditions.push(sql`${problems.foundOn} <= ${bind(filter.to)}::date`);
  if (filter.q) {
    const pattern = bind(`%${escapeLike(filter.q)}%`);
    conditions.push(or(ilike(problems.title, pattern), ilike(problems.description, pattern))!);
  }
  if (filter.clueId !== undefined) conditions.push(eq(problems.clueId, bind(filter.clueId)));
  if (filter.commonListId !== undefined) {
    // Qualified by hand: inside the subquery, drizzle's unqualified column would mean the member table's.
    conditions.push(sql`EXISTS (SELECT 1 FROM common_list_members m WHERE m.list_id = ${bind(filter.commonListId)} AND m.problem_id = problems.id)`);
  }
  if (filter.escalated !== undefined) conditions.push(filter.escalated ? sql`${problems.escalationLevel} > 0` : eq(problems.escalationLevel, 0));
  if (filter.figure) conditions.push(figureCondition(filter.figure));
  if (filter.responsibleNodeId !== undefined) conditions.push(eq(problems.responsibleNodeId, bind(filter.responsibleNodeId)));
  if (filter.supervision) conditions.push(and(isTimed, or(inArray(problems.light, ["red", "yellow"]), sql`${problems.escalationLevel} > 0`))!);
  return and(...conditions)!;
}

export type ProblemSort = "recent" | "deadline" | "found" | "urgency";

function orderOf(sort: ProblemSort) {
  switch (sort) {
    case "recent":
      return [desc(problems.id)];
    case "deadline":
      return [sql`${problems.deadlineAt} ASC NULLS LAST`, asc(problems.id)];
    case "found":
      return [desc(problems.foundOn), desc(problems.id)];
    case "urgency":
      return [desc(problems.escalationLevel), sql`${problems.deadlineAt} ASC NULLS LAST`, asc(problems.id)];
  }
}

/** The sorts a cursor can continue (their order is a key of the rows); the others page by offset. */
export const CURSOR_SORTS: readonly ProblemSort[] = ["recent", "found"];

function afterCursor(sort: ProblemSort, cursor: unknown): SQL {
  if (sort === "recent") return sql`${problems.id} < ${cursor}`;
  return sql`(${problems.foundOn}, ${problems.id}) < (SELECT c.found_on, c.id FROM problems c WHERE c.id = ${cursor})`;
}

export async function listProblems(db: Database, filter: ProblemFilter, sort: ProblemSort, limit: number, offset: number, cursor?: number) {
  const placeholders = new Placeholders();
  const where = problemWhere(filter, placeholders.value);
  const after = cursor ? afterCursor(sort, placeholders.value(cursor)) : undefined;
  const statement = preparedOnce(db, `problems:${sort}:${shapeOf({ ...filter, cursor }, ["figure"])}`, (name) =>
    db
      .select()
      .from(problems)
      .where(and(where, after))
      .orderBy(...orderOf(sort))
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset"))
      .prepare(name),
  );
  const rows = await statement.execute({ ...placeholders.values, limit: limit + 1, offset: cursor ? 0 : offset });
  const page = keysetPage(rows, limit);
  const total = await cappedTotal(db, problems, () => problemWhere(filter), filter.figure !== undefined, keptTotalOf(filter));
  return { rows: page.rows, nextCursor: CURSOR_SORTS.includes(sort) ? page.nextCursor : null, ...total };
}

/** Lights and escalations are moved by the overdue sweep, which tells no list: a list filtered by them is counted each time. */
function keptTotalOf(filter: ProblemFilter): KeptTotal | undefined {
  if (filter.light || filter.escalated !== undefined || filter.supervision || filter.figure) return undefined;
  return { cityId: filter.cityId ?? null, key: `problems:${JSON.stringify(filter)}` };
}

export async function findProblem(db: Database, id: number): Promise<ProblemRow | undefined> {
  const [row] = await db.select().from(problems).where(and(eq(problems.id, id), isNull(problems.deletedAt)));
  return row;
}

export async function findProblems(db: Database, ids: number[]): Promise<ProblemRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(problems).where(and(inArray(problems.id, ids), isNull(problems.deletedAt)));
}

export async function insertProblems(db: Database, rows: (typeof problems.$inferInsert)[]): Promise<ProblemRow[]> {
  if (rows.length === 0) return [];
  return db.insert(problems).values(rows).returning();
}

/**
 * The one way a problem changes: from the version the caller read and the status the transition
 * starts from. Undefined means another change got there first.
 */
export async function updateProblem(db: Database, id: number, version: number, fromStatus: ProblemStatus, changes: Partial<ProblemRow>, at: Date): Promise<ProblemRow | undefined> {
  const [row] = await db
    .update(problems)
    .set({ ...changes, version: sql`${problems.version} + 1`, updatedAt: at })
    .where(and(eq(problems.id, id), eq(problems.version, version), eq(problems.status, fromStatus), isNull(problems.deletedAt)))
    .returning();
  return row;
}

/** Open problems lying at or given to a node, and its open clues: what a retirement would strand. */
export async function countOpenAt(db: Database, nodeId: number): Promise<number> {
  const [row] = await db
    .select({
      n: sql<number>`(count(*) + (SELECT count(*) FROM problem_clues c WHERE c.node_id = ${nodeId} AND c.status = 'open' AND c.deleted_at IS NULL))::int`,
    })
    .from(problems)
    .where(and(or(eq(problems.nodeId, nodeId), eq(problems.responsibleNodeId, nodeId)), isOpen, isNull(problems.deletedAt)));
  return row?.n ?? 0;
}

/** The open problems of one node, for the duplicate check; the newest first, bounded. */
export async function openAtNode(db: Database, nodeId: number, exceptId: number | null, limit: number) {
  return db
    .select({ id: problems.id, title: problems.title, description: problems.description, status: problems.status })
    .from(problems)
    .where(and(eq(problems.nodeId, nodeId), isOpen, isNull(problems.deletedAt), exceptId === null ? undefined : ne(problems.id, exceptId)))
    .orderBy(desc(problems.id))
    .limit(limit);
}

// --- timeline

export async function insertEvent(db: Database, values: typeof problemEvents.$inferInsert): Promise<EventRow> {
  const [row] = await db.insert(problemEvents).values(values).returning();
  return row!;
}

export async function insertEvents(db: Database, rows: (typeof problemEvents.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(problemEvents).values(rows);
}

export async function eventsOf(db: Database, problemId: number): Promise<EventRow[]> {
  return db.select().from(problemEvents).where(eq(problemEvents.problemId, problemId)).orderBy(asc(problemEvents.at), asc(problemEvents.id));
}

/** The percent the latest progress report gave (0 when none did): what the problem shows again after a return. */
export async function lastReportedProgress(db: Database, problemId: number): Promise<number> {
  const [row] = await db
    .select({ data: problemEvents.data })
    .from(problemEvents)
    .where(and(eq(problemEvents.problemId, problemId), eq(problemEvents.action, "progress")))
    .orderBy(desc(problemEvents.at), desc(problemEvents.id))
    .limit(1);
  const reported = (row?.data as { progress?: unknown } | null | undefined)?.progress;
  return typeof reported === "number" ? reported : 0;
}

/** Everyone who worked on the rectification: none of them may check it. */
export async function rectifierIds(db: Database, problemId: number): Promise<Set<number>> {
  const rows = await db
    .selectDistinct({ userId: problemEvents.actorUserId })
    .from(problemEvents)
    .where(and(eq(problemEvents.problemId, problemId), inArray(problemEvents.action, ["start", "progress", "submit"])));
  return new Set(rows.map((row) => row.userId).filter((id): id is number => id !== null));
}

// --- attachments

export async function insertAttachment(db: Database, values: typeof problemAttachments.$inferInsert, content: Buffer): Promise<AttachmentRow> {
  const [row] = await db.insert(problemAttachments).values(values).returning();
  await db.insert(problemAttachmentContents).values({ attachmentId: row!.id, cityId: row!.cityId, content });
  return row!;
}

export async function attachmentsOf(db: Database, owner: { problemId: number } | { clueId: number }): Promise<AttachmentRow[]> {
  const where = "problemId" in owner ? eq(problemAttachments.problemId, owner.problemId) : eq(problemAttachments.clueId, owner.clueId);
  return db.select().from(problemAttachments).where(and(where, isNull(problemAttachments.deletedAt))).orderBy(asc(problemAttachments.id));
}

export async function findAttachment(db: Database, id: number): Promise<AttachmentRow | undefined> {
  const [row] = await db.select().from(problemAttachments).where(and(eq(problemAttachments.id, id), isNull(problemAttachments.deletedAt)));
  return row;
}

export async function attachmentContent(db: Database, id: number): Promise<Buffer | undefined> {
  const [row] = await db.select({ content: problemAttachmentContents.content }).from(problemAttachmentContents).where(eq(problemAttachmentContents.attachmentId, id));
  return row?.content;
}

/** Ties uploaded files to the progress update they are evidence for; only the problem's own, not yet used ones. */
export async function linkAttachments(db: Database, problemId: number, ids: number[], eventId: number): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(problemAttachments)
    .set({ eventId })
    .where(and(inArray(problemAttachments.id, ids), eq(problemAttachments.problemId, problemId), isNull(problemAttachments.eventId), isNull(problemAttachments.deletedAt)))
    .returning({ id: problemAttachments.id });
  return rows.length;
}

// --- overdue

export async function escalationsOf(db: Database, problemId: number) {
  return db.select().from(problemEscalations).where(eq(problemEscalations.problemId, problemId)).orderBy(asc(problemEscalations.level));
}

/** Cities that have problems against a deadline: the sweep visits only those. */
export async function citiesWithTimed(db: Database): Promise<number[]> {
  const rows = await db
    .selectDistinct({ cityId: problems.cityId })
    .from(problems)
    .where(and(isTimed, isNull(problems.deletedAt), sql`${problems.deadlineAt} IS NOT NULL`))
    .orderBy(asc(problems.cityId));
  return rows.map((row) => row.cityId);
}

/** Takes the city's sweep lock for the rest of the transaction: a second sweeper waits, then finds nothing left to do. */
export async function lockCitySweep(db: Database, cityId: number): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(7411, ${cityId}::int)`);
}

export async function timedOfCity(db: Database, cityId: number) {
  return db
    .select({
      id: problems.id,
      status: problems.status,
      nodeId: problems.nodeId,
      responsibleNodeId: problems.responsibleNodeId,
      assignedAt: problems.assignedAt,
      deadlineAt: problems.deadlineAt,
      light: problems.light,
      escalationLevel: problems.escalationLevel,
      // The path of the node the problem was given to (or where it lies); columns qualified by hand.
      path: pathOfNode(sql`coalesce(problems.responsible_node_id, problems.node_id)`),
    })
    .from(problems)
    .where(and(eq(problems.cityId, cityId), isTimed, isNull(problems.deletedAt), sql`${problems.deadlineAt} IS NOT NULL`))
    .orderBy(asc(problems.id));
}

/** Light and escalation are derived from the clock, not edits: they leave the version alone so nobody's form goes stale. */
export async function setLights(db: Database, ids: number[], light: string, escalationLevel: number, at: Date): Promise<void> {
  await db.update(problems).set({ light, lightAt: at, escalationLevel }).where(inArray(problems.id, ids));
}

export async function insertEscalation(db: Database, values: typeof problemEscalations.$inferInsert): Promise<boolean> {
  const rows = await db.insert(problemEscalations).values(values).onConflictDoNothing().returning({ id: problemEscalations.id });
  return rows.length > 0;
}

// --- spreadsheet imports

export async function insertImport(db: Database, values: typeof problemImports.$inferInsert): Promise<ImportRow> {
  const [row] = await db.insert(problemImports).values(values).returning();
  return row!;
}

export async function findImport(db: Database, token: string): Promise<ImportRow | undefined> {
  const [row] = await db.select().from(problemImports).where(eq(problemImports.token, token));
  return row;
}

/**
 * Marks a preview committed, once: a second commit of the same token finds no row in "preview". The
 * parsed rows (reporters' names and phones among them) are dropped: the problems now hold them.
 */
export async function commitImport(db: Database, id: number, imported: number, at: Date): Promise<boolean> {
  const rows = await db
    .update(problemImports)
    .set({ status: "committed", imported, committedAt: at, rows: [], version: sql`${problemImports.version} + 1` })
    .where(and(eq(problemImports.id, id), eq(problemImports.status, "preview")))
    .returning({ id: problemImports.id });
  return rows.length > 0;
}

// --- figures

/** The module's figures for one subtree, in one round trip. */
/** The lists and clues behind a subtree's figures: few rows, counted directly. */
function listFigures(scope: Scope) {
  return {
    clues: sql<number>`(SELECT count(*)::int FROM problem_clues c WHERE c.deleted_at IS NULL AND ${nodeInScope(sql`c.node_id`, scope)})`,
    commonLists: sql<number>`(SELECT count(*)::int FROM common_lists l WHERE l.deleted_at IS NULL AND l.status = 'published' AND ${nodeInScope(sql`l.node_id`, scope)})`,
    disclosedLists: sql<number>`(SELECT count(*)::int FROM problem_lists l WHERE l.deleted_at IS NULL AND l.status = 'published' AND ${nodeInScope(sql`l.node_id`, scope)})`,
  };
}

/**
 * A subtree's figures from the rollups (problem_rollups, kept by the triggers of migration 0017 in the
 * transaction of every write): one row per node instead of one per problem.
 */
export async function problemFigures(db: Database, path: string) {
  const scope: Scope = { all: false, paths: [path] };
  const sum = (column: SQLWrapper) => sql<number>`coalesce(sum(${column}), 0)::int`;
  const [row] = await db
    .select({
      total: sum(problemRollups.total),
      open: sum(problemRollups.open),
      closed: sum(problemRollups.closed),
      due: sum(problemRollups.due),
      closedOnTime: sum(problemRollups.closedOnTime),
      overdue: sum(problemRollups.overdue),
      handled: sum(problemRollups.handled),
      reworked: sum(problemRollups.reworked),
      ...listFigures(scope),
    })
    .from(problemRollups)
    .where(nodeInScope(problemRollups.nodeId, scope));
  return row!;
}

/** The same figures counted from the problems themselves: what the rollups must always equal (rollup tests). */
export async function problemFiguresCounted(db: Database, path: string) {
  const scope: Scope = { all: false, paths: [path] };
  const count = (condition: SQL) => sql<number>`count(*) FILTER (WHERE ${condition})::int`;
  const [row] = await db
    .select({
      total: count(figureCondition("problems.total")),
      open: count(figureCondition("problems.open")),
      closed: count(figureCondition("problems.closed")),
      due: count(figureCondition("problems.due")),
      closedOnTime: count(figureCondition("problems.closedOnTime")),
      overdue: count(figureCondition("problems.overdue")),
      handled: count(figureCondition("problems.handled")),
      reworked: count(figureCondition("problems.reworked")),
      ...listFigures(scope),
    })
    .from(problems)
    .where(and(isNull(problems.deletedAt), nodeInScope(problems.nodeId, scope)));
  return row!;
}

// --- reads of the tree the public side needs (the orgs module offers no unauthenticated listing)


/**
 * Per evaluated node over found-on days [from, to]: each problem counted under each of its ancestors
 * asked for. Counted per node first, so the tree is read once per node rather than once per problem.
 */
export async function problemMeasuresByNode(db: Database, cityId: number, nodeIds: readonly number[], days: { from: string; to: string }) {
  if (nodeIds.length === 0) return [];
  const count = (condition: SQL) => sql`count(*) FILTER (WHERE ${condition})::int`;
  const result = await db.execute(sql`
    WITH per_node AS (
      SELECT ${problems.nodeId} AS node_id,
             ${count(figureCondition("problems.closed"))} AS closed,
             ${count(figureCondition("problems.due"))} AS due,
             ${count(figureCondition("problems.closedOnTime"))} AS closed_on_time,
             ${count(figureCondition("problems.handled"))} AS handled,
             ${count(figureCondition("problems.reworked"))} AS reworked
      FROM ${problems}
      WHERE ${problems.deletedAt} IS NULL AND ${problems.cityId} = ${cityId} AND ${problems.foundOn} BETWEEN ${days.from}::date AND ${days.to}::date
      GROUP BY ${problems.nodeId})
    SELECT a.id AS "nodeId", sum(closed)::int AS "closed", sum(due)::int AS "due", sum(closed_on_time)::int AS "closedOnTime", sum(handled)::int AS "handled", sum(reworked)::int AS "reworked"
    FROM per_node
    CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from ${pathOfNode(sql`per_node.node_id`)}), '/')::bigint[]) AS a(id)
    -- A join, not "= ANY(array)": with 10,000 bodies the array is searched end to end for every ancestor.
    JOIN unnest(${sql.param([...nodeIds])}::bigint[]) AS wanted(id) ON wanted.id = a.id
    GROUP BY a.id`);
  return (result as unknown as { rows: { nodeId: number | string; closed: number; due: number; closedOnTime: number; handled: number; reworked: number }[] }).rows.map((row) => ({ ...row, nodeId: Number(row.nodeId) }));
}
