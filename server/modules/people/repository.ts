import { and, asc, eq, ilike, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { householdMembers, households, persons, posts } from "../../db/schema";
import type { Scope } from "../../platform/policy";
import { nodeInScope, nodeRefOfNode } from "../../platform/tree";

export type PersonRow = typeof persons.$inferSelect;
export type PostRow = typeof posts.$inferSelect;

export interface PersonFilter {
  scope: Scope;
  q?: string;
  post?: string;
  partyMember?: boolean;
  offset: number;
  limit: number;
}

function personWhere(filter: Omit<PersonFilter, "offset" | "limit">): SQL {
  const conditions: SQL[] = [isNull(persons.deletedAt), nodeInScope(persons.nodeId, filter.scope)];
  if (filter.q) conditions.push(ilike(persons.name, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (filter.partyMember !== undefined) conditions.push(eq(persons.isPartyMember, filter.partyMember));
  if (filter.post) {
    conditions.push(
      // Qualified by hand: drizzle leaves a lone table's columns unqualified, which a subquery would misread.
      sql`EXISTS (SELECT 1 FROM posts p WHERE p.person_id = persons.id AND p.post = ${filter.post} AND p.ended_on IS NULL)`,
    );
  }
  return and(...conditions)!;
}

export async function listPersons(db: Database, filter: PersonFilter): Promise<{ rows: PersonRow[]; total: number }> {
  const where = personWhere(filter);
  const rows = await db.select().from(persons).where(where).orderBy(asc(persons.nodeId), asc(persons.id)).limit(filter.limit).offset(filter.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(persons).where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function findPerson(db: Database, id: number): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(persons).where(and(eq(persons.id, id), isNull(persons.deletedAt)));
  return row;
}

export async function postsOf(db: Database, personIds: number[]): Promise<PostRow[]> {
  if (personIds.length === 0) return [];
  return db.select().from(posts).where(and(inArray(posts.personId, personIds), isNull(posts.endedOn))).orderBy(asc(posts.id));
}

export async function insertPerson(db: Database, values: typeof persons.$inferInsert): Promise<PersonRow> {
  const [row] = await db.insert(persons).values(values).returning();
  return row!;
}

export async function updatePerson(db: Database, id: number, version: number, changes: Partial<PersonRow>, at: Date): Promise<PersonRow | undefined> {
  const [row] = await db
    .update(persons)
    .set({ ...changes, version: sql`${persons.version} + 1`, updatedAt: at })
    .where(and(eq(persons.id, id), eq(persons.version, version), isNull(persons.deletedAt)))
    .returning();
  return row;
}

export async function countLivingAt(db: Database, nodeId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(persons)
    .where(and(eq(persons.nodeId, nodeId), isNull(persons.deletedAt)));
  const [homes] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(households)
    .where(and(eq(households.nodeId, nodeId), isNull(households.deletedAt)));
  return (row?.n ?? 0) + (homes?.n ?? 0);
}

export async function listHouseholds(db: Database, scope: Scope, offset: number, limit: number) {
  const where = and(isNull(households.deletedAt), nodeInScope(households.nodeId, scope));
  const memberCount = sql<number>`(SELECT count(*)::int FROM household_members m WHERE m.household_id = households.id)`;
  const rows = await db
    .select({ id: households.id, nodeId: households.nodeId, code: households.code, address: households.address, memberCount })
    .from(households)
    .where(where)
    .orderBy(asc(households.code))
    .limit(limit)
    .offset(offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(households).where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function findHousehold(db: Database, id: number) {
  const [row] = await db.select().from(households).where(and(eq(households.id, id), isNull(households.deletedAt)));
  if (!row) return undefined;
  const members = await db
    .select({ personId: householdMembers.personId, relation: householdMembers.relation, name: persons.name })
    .from(householdMembers)
    .innerJoin(persons, eq(persons.id, householdMembers.personId))
    .where(eq(householdMembers.householdId, id))
    .orderBy(asc(persons.id));
  return { ...row, members };
}

/** Figures of this module within a subtree: people by post, counted once each. */
export async function peopleFigures(db: Database, scope: Scope) {
  const postCount = (post: string) =>
    sql<number>`(SELECT count(DISTINCT p.person_id)::int FROM posts p JOIN persons x ON x.id = p.person_id WHERE p.post = ${post} AND p.ended_on IS NULL AND x.deleted_at IS NULL AND ${nodeInScope(sql`p.node_id`, scope)})`;
  const [row] = await db
    .select({
      gridWorkers: postCount("grid_worker"),
      countyLeaders: postCount("county_leader"),
      townshipCadres: postCount("township_cadre"),
      households: sql<number>`(SELECT count(*)::int FROM households h WHERE h.deleted_at IS NULL AND ${nodeInScope(sql`h.node_id`, scope)})`,
      partyMembers: sql<number>`(SELECT count(*)::int FROM persons x WHERE x.deleted_at IS NULL AND x.is_party_member AND ${nodeInScope(sql`x.node_id`, scope)})`,
    })
    .from(sql`(SELECT 1) AS one`);
  return row!;
}


/** The people holding a county-level leader's post now (县级领导), once each, with their first such title. */
export async function currentLeaders(db: Database, cityId: number): Promise<{ id: number; name: string; title: string }[]> {
  return db
    .selectDistinctOn([persons.id], { id: persons.id, name: persons.name, title: posts.title })
    .from(posts)
    .innerJoin(persons, eq(persons.id, posts.personId))
    .where(and(eq(posts.cityId, cityId), eq(posts.post, "county_leader"), isNull(posts.endedOn), isNull(persons.deletedAt)))
    .orderBy(asc(persons.id), asc(posts.id));
}

export async function personNames(db: Database, cityId: number, ids: number[]): Promise<{ id: number; name: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: persons.id, name: persons.name })
    .from(persons)
    .where(and(eq(persons.cityId, cityId), isNull(persons.deletedAt), inArray(persons.id, ids)));
}

export async function personFacts(db: Database, cityId: number, ids: number[]) {
  if (ids.length === 0) return [];
  const activePosts = sql<string[]>`coalesce((SELECT array_agg(DISTINCT p.post) FROM posts p WHERE p.person_id = persons.id AND p.ended_on IS NULL), ARRAY[]::text[])`;
  return db
    .select({ id: persons.id, cityId: persons.cityId, nodeId: persons.nodeId, name: persons.name, isPartyMember: persons.isPartyMember, posts: activePosts })
    .from(persons)
    .where(and(eq(persons.cityId, cityId), isNull(persons.deletedAt), inArray(persons.id, ids)));
}

export async function householdFacts(db: Database, ids: number[]) {
  if (ids.length === 0) return [];
  const head = sql<string | null>`(SELECT x.name FROM household_members m JOIN persons x ON x.id = m.person_id WHERE m.household_id = households.id AND m.relation = '户主' LIMIT 1)`;
  return db
    .select({ id: households.id, cityId: households.cityId, nodeId: households.nodeId, code: households.code, address: households.address, head })
    .from(households)
    .where(and(isNull(households.deletedAt), inArray(households.id, ids)));
}

/** The names of each household's members, for modules that mask them in free text. */
export async function householdMemberNames(db: Database, householdIds: number[]): Promise<{ householdId: number; name: string }[]> {
  if (householdIds.length === 0) return [];
  return db
    .select({ householdId: householdMembers.householdId, name: persons.name })
    .from(householdMembers)
    .innerJoin(persons, eq(persons.id, householdMembers.personId))
    .where(inArray(householdMembers.householdId, householdIds));
}

/** Living persons of a city with the node they sit at (its kind and path), for modules that place people in the tree. */
export async function personPlaces(db: Database, cityId: number, ids: number[]): Promise<{ id: number; name: string; nodeId: number; nodeKind: string; path: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: persons.id, name: persons.name, nodeId: persons.nodeId, node: nodeRefOfNode(persons.nodeId) })
    .from(persons)
    .where(and(eq(persons.cityId, cityId), isNull(persons.deletedAt), inArray(persons.id, ids)));
  return rows.flatMap((row) => (row.node ? [{ id: row.id, name: row.name, nodeId: row.nodeId, nodeKind: row.node.kind, path: row.node.path }] : []));
}
