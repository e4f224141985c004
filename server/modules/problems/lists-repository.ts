import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { commonListMembers, commonLists, negativeListBreaches, negativeLists, problemListItems, problemLists, problems } from "../../db/schema";
import type { Scope } from "../../platform/policy";
import { nodeInScope } from "../../platform/tree";
import { BreachRow, CommonListRow, NegativeListRow, ProblemListRow, ProblemRow, aboveScope, counted } from "./repository";

// The problem lists (问题清单, 公示), common lists (共性清单) and negative lists (负面清单).

export async function insertProblemList(db: Database, values: typeof problemLists.$inferInsert): Promise<ProblemListRow> {
  const [row] = await db.insert(problemLists).values(values).returning();
  return row!;
}

/** Freezes the list's members: the counted problems of the subtree found in the period. */
export async function fillProblemList(db: Database, list: ProblemListRow, path: string): Promise<number> {
  const rows = await db
    .insert(problemListItems)
    .select(
      db
        .select({ cityId: problems.cityId, listId: sql<number>`${list.id}::bigint`.as("list_id"), problemId: problems.id })
        .from(problems)
        .where(
          and(
            eq(problems.cityId, list.cityId),
            isNull(problems.deletedAt),
            counted,
            sql`${problems.foundOn} BETWEEN ${list.periodFrom}::date AND ${list.periodTo}::date`,
            nodeInScope(problems.nodeId, { all: false, paths: [path] }),
          ),
        ),
    )
    .returning({ problemId: problemListItems.problemId });
  await db.update(problemLists).set({ itemCount: rows.length }).where(eq(problemLists.id, list.id));
  return rows.length;
}

export async function findProblemList(db: Database, id: number): Promise<ProblemListRow | undefined> {
  const [row] = await db.select().from(problemLists).where(and(eq(problemLists.id, id), isNull(problemLists.deletedAt)));
  return row;
}

export async function listProblemLists(db: Database, scope: Scope, status: string | undefined, limit: number, offset: number) {
  const where = and(isNull(problemLists.deletedAt), nodeInScope(problemLists.nodeId, scope), status ? eq(problemLists.status, status) : undefined);
  const rows = await db.select().from(problemLists).where(where).orderBy(desc(problemLists.id)).limit(limit).offset(offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(problemLists).where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function updateProblemList(db: Database, id: number, version: number, fromStatus: string, changes: Partial<ProblemListRow>, at: Date) {
  const [row] = await db
    .update(problemLists)
    .set({ ...changes, version: sql`${problemLists.version} + 1`, updatedAt: at })
    .where(and(eq(problemLists.id, id), eq(problemLists.version, version), eq(problemLists.status, fromStatus), isNull(problemLists.deletedAt)))
    .returning();
  return row;
}

export async function closedCounts(db: Database, listIds: number[]): Promise<Map<number, number>> {
  if (listIds.length === 0) return new Map();
  const rows = await db
    .select({ listId: problemListItems.listId, n: sql<number>`count(*)::int` })
    .from(problemListItems)
    .innerJoin(problems, eq(problems.id, problemListItems.problemId))
    .where(and(inArray(problemListItems.listId, listIds), eq(problems.status, "closed")))
    .groupBy(problemListItems.listId);
  return new Map(rows.map((row) => [row.listId, row.n]));
}

export async function listItems(db: Database, listId: number, limit: number, offset: number): Promise<ProblemRow[]> {
  return db
    .select({ problem: problems })
    .from(problemListItems)
    .innerJoin(problems, eq(problems.id, problemListItems.problemId))
    .where(eq(problemListItems.listId, listId))
    .orderBy(asc(problems.nodeId), asc(problems.id))
    .limit(limit)
    .offset(offset)
    .then((rows) => rows.map((row) => row.problem));
}

export async function publishedListsOfCity(db: Database, cityId: number, limit: number, offset: number) {
  const where = and(eq(problemLists.cityId, cityId), eq(problemLists.status, "published"), isNull(problemLists.deletedAt));
  const rows = await db.select().from(problemLists).where(where).orderBy(desc(problemLists.publishedAt), desc(problemLists.id)).limit(limit).offset(offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(problemLists).where(where);
  return { rows, total: count?.n ?? 0 };
}

// --- common lists (共性清单)

export async function insertCommonList(db: Database, values: typeof commonLists.$inferInsert): Promise<CommonListRow> {
  const [row] = await db.insert(commonLists).values(values).returning();
  return row!;
}

export async function addCommonMembers(db: Database, list: CommonListRow, problemIds: number[], at: Date): Promise<number> {
  if (problemIds.length === 0) return 0;
  const rows = await db
    .insert(commonListMembers)
    .values(problemIds.map((problemId) => ({ cityId: list.cityId, listId: list.id, problemId, addedAt: at })))
    .onConflictDoNothing()
    .returning({ problemId: commonListMembers.problemId });
  return rows.length;
}

export async function findCommonList(db: Database, id: number): Promise<CommonListRow | undefined> {
  const [row] = await db.select().from(commonLists).where(and(eq(commonLists.id, id), isNull(commonLists.deletedAt)));
  return row;
}

export async function listCommonLists(db: Database, scope: Scope, includeAbove: boolean, status: string | undefined, limit: number, offset: number) {
  const where = and(
    isNull(commonLists.deletedAt),
    includeAbove ? or(nodeInScope(commonLists.nodeId, scope), aboveScope(commonLists.nodeId, scope)) : nodeInScope(commonLists.nodeId, scope),
    status ? eq(commonLists.status, status) : undefined,
  );
  const rows = await db.select().from(commonLists).where(where).orderBy(desc(commonLists.id)).limit(limit).offset(offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(commonLists).where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function updateCommonList(db: Database, id: number, version: number, changes: Partial<CommonListRow>, at: Date) {
  const [row] = await db
    .update(commonLists)
    .set({ ...changes, version: sql`${commonLists.version} + 1`, updatedAt: at })
    .where(and(eq(commonLists.id, id), eq(commonLists.version, version), isNull(commonLists.deletedAt)))
    .returning();
  return row;
}

/** Per list: members, closed members and the number of places they lie in. */
export async function commonListCounts(db: Database, listIds: number[]) {
  if (listIds.length === 0) return new Map<number, { members: number; closed: number; places: number }>();
  const rows = await db
    .select({
      listId: commonListMembers.listId,
      members: sql<number>`count(*)::int`,
      closed: sql<number>`count(*) FILTER (WHERE ${problems.status} = 'closed')::int`,
      places: sql<number>`count(DISTINCT ${problems.nodeId})::int`,
    })
    .from(commonListMembers)
    .innerJoin(problems, eq(problems.id, commonListMembers.problemId))
    .where(and(inArray(commonListMembers.listId, listIds), isNull(problems.deletedAt)))
    .groupBy(commonListMembers.listId);
  return new Map(rows.map((row) => [row.listId, row]));
}

export async function commonListsOfProblem(db: Database, problemId: number) {
  return db
    .select({ id: commonLists.id, title: commonLists.title })
    .from(commonListMembers)
    .innerJoin(commonLists, eq(commonLists.id, commonListMembers.listId))
    .where(and(eq(commonListMembers.problemId, problemId), isNull(commonLists.deletedAt)))
    .orderBy(asc(commonLists.id));
}

// --- negative lists (负面清单)

export async function insertNegativeList(db: Database, values: typeof negativeLists.$inferInsert): Promise<NegativeListRow> {
  const [row] = await db.insert(negativeLists).values(values).returning();
  return row!;
}

export async function findNegativeList(db: Database, id: number): Promise<NegativeListRow | undefined> {
  const [row] = await db.select().from(negativeLists).where(eq(negativeLists.id, id));
  return row;
}


export async function listNegativeLists(db: Database, scope: Scope, limit: number, offset: number) {
  const where = or(nodeInScope(negativeLists.nodeId, scope), aboveScope(negativeLists.nodeId, scope));
  const rows = await db.select().from(negativeLists).where(where).orderBy(desc(negativeLists.id)).limit(limit).offset(offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(negativeLists).where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function updateNegativeList(db: Database, id: number, version: number, changes: Partial<NegativeListRow>, at: Date) {
  const [row] = await db
    .update(negativeLists)
    .set({ ...changes, version: sql`${negativeLists.version} + 1`, updatedAt: at })
    .where(and(eq(negativeLists.id, id), eq(negativeLists.version, version), isNull(negativeLists.retiredAt)))
    .returning();
  return row;
}

export async function insertBreach(db: Database, values: typeof negativeListBreaches.$inferInsert): Promise<BreachRow> {
  const [row] = await db.insert(negativeListBreaches).values(values).returning();
  return row!;
}

/** The newest 500 breaches: a page shows the recent ones, breachCounts gives how many there are. */
export async function breachesOf(db: Database, listId: number, scope: Scope): Promise<BreachRow[]> {
  return db
    .select()
    .from(negativeListBreaches)
    .where(and(eq(negativeListBreaches.listId, listId), isNull(negativeListBreaches.deletedAt), nodeInScope(negativeListBreaches.nodeId, scope)))
    .orderBy(desc(negativeListBreaches.occurredOn), desc(negativeListBreaches.id))
    .limit(500);
}

export async function breachCounts(db: Database, listIds: number[], scope: Scope): Promise<Map<number, number>> {
  if (listIds.length === 0) return new Map();
  const rows = await db
    .select({ listId: negativeListBreaches.listId, n: sql<number>`count(*)::int` })
    .from(negativeListBreaches)
    .where(and(inArray(negativeListBreaches.listId, listIds), isNull(negativeListBreaches.deletedAt), nodeInScope(negativeListBreaches.nodeId, scope)))
    .groupBy(negativeListBreaches.listId);
  return new Map(rows.map((row) => [row.listId, row.n]));
}
