import { and, asc, eq, ilike, inArray, isNull, like, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Database } from "../../db/client";
import { cities, departmentFunctions, departments, handlerDepartments, orgNodeHistory, orgNodes, partyOrgs, units } from "../../db/schema";
import type { Scope } from "../../platform/policy";
import { nodeInScope } from "../../platform/tree";

export type NodeRow = typeof orgNodes.$inferSelect;
export type NodeRowWithCount = NodeRow & { childCount: number };

// Written out in full: drizzle leaves a lone table's columns unqualified, which inside this subquery would mean c.id.
const childCount = sql<number>`(SELECT count(*)::int FROM org_nodes c WHERE c.parent_id = org_nodes.id AND c.retired_at IS NULL)`;

/** `LIKE` needs its wildcards escaped; paths hold only digits and slashes, names may hold anything. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export function pathInScope(scope: Scope): SQL {
  if (scope.all) return sql`true`;
  if (scope.paths.length === 0) return sql`false`;
  return or(...scope.paths.map((path) => like(orgNodes.path, `${path}%`)))!;
}

export async function findNodes(db: Database, ids: number[]): Promise<NodeRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(orgNodes).where(inArray(orgNodes.id, ids));
}

export async function findNodeWithCount(db: Database, id: number): Promise<NodeRowWithCount | undefined> {
  const [row] = await db.select({ ...nodeColumns(), childCount }).from(orgNodes).where(eq(orgNodes.id, id));
  return row;
}

export async function findNodesWithCount(db: Database, ids: number[]): Promise<NodeRowWithCount[]> {
  if (ids.length === 0) return [];
  return db.select({ ...nodeColumns(), childCount }).from(orgNodes).where(inArray(orgNodes.id, ids)).orderBy(asc(orgNodes.path));
}

function nodeColumns() {
  const { id, cityId, parentId, kind, code, name, path, depth, sort, boundary, retiredAt, version, createdAt, updatedAt } = orgNodes;
  return { id, cityId, parentId, kind, code, name, path, depth, sort, boundary, retiredAt, version, createdAt, updatedAt };
}

export async function listChildren(
  db: Database,
  parentId: number,
  options: { includeRetired: boolean; limit: number; offset: number },
): Promise<{ items: NodeRowWithCount[]; total: number }> {
  const where = and(eq(orgNodes.parentId, parentId), options.includeRetired ? undefined : isNull(orgNodes.retiredAt));
  const items = await db
    .select({ ...nodeColumns(), childCount })
    .from(orgNodes)
    .where(where)
    .orderBy(asc(orgNodes.sort), asc(orgNodes.code))
    .limit(options.limit)
    .offset(options.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(orgNodes).where(where);
  return { items, total: count?.n ?? 0 };
}

export async function searchNodes(db: Database, scope: Scope, query: string, limit: number): Promise<NodeRowWithCount[]> {
  const pattern = `%${escapeLike(query)}%`;
  return db
    .select({ ...nodeColumns(), childCount })
    .from(orgNodes)
    .where(and(pathInScope(scope), isNull(orgNodes.retiredAt), or(ilike(orgNodes.name, pattern), ilike(orgNodes.code, `${escapeLike(query)}%`))))
    .orderBy(asc(orgNodes.depth), asc(orgNodes.name))
    .limit(limit);
}

export async function codeTaken(db: Database, cityId: number, code: string, exceptId?: number): Promise<boolean> {
  const rows = await db
    .select({ id: orgNodes.id })
    .from(orgNodes)
    .where(and(eq(orgNodes.cityId, cityId), eq(orgNodes.code, code)));
  return rows.some((row) => row.id !== exceptId);
}

export async function insertNode(
  db: Database,
  values: { cityId: number; parentId: number; kind: string; code: string; name: string; parentPath: string; depth: number; boundary: unknown; at: Date },
): Promise<NodeRow> {
  const [maxSort] = await db.select({ n: sql<number>`coalesce(max(${orgNodes.sort}), 0)::int` }).from(orgNodes).where(eq(orgNodes.parentId, values.parentId));
  const [created] = await db
    .insert(orgNodes)
    .values({
      cityId: values.cityId,
      parentId: values.parentId,
      kind: values.kind,
      code: values.code,
      name: values.name,
      path: `${values.parentPath}pending/`,
      depth: values.depth,
      sort: (maxSort?.n ?? 0) + 1,
      boundary: values.boundary ?? null,
      createdAt: values.at,
      updatedAt: values.at,
    })
    .returning();
  const [withPath] = await db
    .update(orgNodes)
    .set({ path: `${values.parentPath}${created!.id}/` })
    .where(eq(orgNodes.id, created!.id))
    .returning();
  return withPath!;
}

/** Optimistic update: only the version the caller read may be changed; undefined means someone got there first. */
export async function updateNode(
  db: Database,
  id: number,
  version: number,
  changes: Partial<Pick<NodeRow, "name" | "code" | "boundary" | "retiredAt">>,
  at: Date,
): Promise<NodeRow | undefined> {
  const [row] = await db
    .update(orgNodes)
    .set({ ...changes, version: sql`${orgNodes.version} + 1`, updatedAt: at })
    .where(and(eq(orgNodes.id, id), eq(orgNodes.version, version)))
    .returning();
  return row;
}

/** Moves a node and rewrites the paths and depths of its whole subtree in one statement. */
export async function moveSubtree(db: Database, node: NodeRow, newParent: NodeRow, at: Date): Promise<NodeRow | undefined> {
  const [moved] = await db
    .update(orgNodes)
    .set({ parentId: newParent.id, version: sql`${orgNodes.version} + 1`, updatedAt: at })
    .where(and(eq(orgNodes.id, node.id), eq(orgNodes.version, node.version)))
    .returning();
  if (!moved) return undefined;
  const newPath = `${newParent.path}${node.id}/`;
  const depthShift = newParent.depth + 1 - node.depth;
  await db
    .update(orgNodes)
    .set({
      path: sql`${newPath} || substr(${orgNodes.path}, ${node.path.length + 1})`,
      depth: sql`${orgNodes.depth} + ${depthShift}::int`,
    })
    .where(like(orgNodes.path, `${node.path}%`));
  const [row] = await db.select().from(orgNodes).where(eq(orgNodes.id, node.id));
  return row;
}

export async function countActiveChildren(db: Database, id: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orgNodes)
    .where(and(eq(orgNodes.parentId, id), isNull(orgNodes.retiredAt)));
  return row?.n ?? 0;
}

export async function insertHistory(
  db: Database,
  entry: { cityId: number; nodeId: number; action: string; before: unknown; after: unknown; actorUserId: number | null; at: Date },
): Promise<void> {
  await db.insert(orgNodeHistory).values(entry);
}

export async function listHistory(db: Database, nodeId: number) {
  return db.select().from(orgNodeHistory).where(eq(orgNodeHistory.nodeId, nodeId)).orderBy(asc(orgNodeHistory.at), asc(orgNodeHistory.id));
}

export async function countNodesOfKind(db: Database, path: string, kind: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orgNodes)
    .where(and(like(orgNodes.path, `${path}%`), eq(orgNodes.kind, kind), isNull(orgNodes.retiredAt)));
  return row?.n ?? 0;
}

export async function listDepartments(db: Database, cityIds: number[] | "all") {
  const cityFilter = cityIds === "all" ? undefined : inArray(departments.cityId, cityIds.length ? cityIds : [-1]);
  const depts = await db.select().from(departments).where(and(cityFilter, isNull(departments.retiredAt))).orderBy(asc(departments.code));
  const fns = depts.length
    ? await db
        .select()
        .from(departmentFunctions)
        .where(and(inArray(departmentFunctions.departmentId, depts.map((d) => d.id)), isNull(departmentFunctions.retiredAt)))
        .orderBy(asc(departmentFunctions.code))
    : [];
  return depts.map((dept) => ({ ...dept, functions: fns.filter((fn) => fn.departmentId === dept.id) }));
}

/** Functions with their department, retired ones too: records keep pointing at what was retired. */
export async function functionsWithDepartments(db: Database, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: departmentFunctions.id,
      code: departmentFunctions.code,
      name: departmentFunctions.name,
      cityId: departmentFunctions.cityId,
      departmentId: departments.id,
      departmentName: departments.name,
      retired: sql<boolean>`(${departmentFunctions.retiredAt} IS NOT NULL OR ${departments.retiredAt} IS NOT NULL)`,
    })
    .from(departmentFunctions)
    .innerJoin(departments, eq(departments.id, departmentFunctions.departmentId))
    .where(inArray(departmentFunctions.id, [...new Set(ids)]));
}

export async function departmentsByIds(db: Database, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.select().from(departments).where(inArray(departments.id, [...new Set(ids)]));
}

export async function departmentsOfCity(db: Database, cityId: number) {
  return db.select().from(departments).where(eq(departments.cityId, cityId)).orderBy(asc(departments.code));
}

export async function listUnits(db: Database, cityIds: number[] | "all") {
  const cityFilter = cityIds === "all" ? undefined : inArray(units.cityId, cityIds.length ? cityIds : [-1]);
  return db.select().from(units).where(and(cityFilter, isNull(units.retiredAt))).orderBy(asc(units.code));
}

export async function listPartyOrgs(db: Database, scope: Scope) {
  return db
    .select()
    .from(partyOrgs)
    .where(and(nodeInScope(partyOrgs.nodeId, scope), isNull(partyOrgs.retiredAt)))
    .orderBy(asc(partyOrgs.code))
    .limit(2000);
}

/** Figures of this module within a subtree. */
export async function orgFigures(db: Database, path: string) {
  const inSubtree = (column: SQLWrapper) => sql`${column} IN (SELECT id FROM org_nodes WHERE path LIKE ${`${path}%`})`;
  const [row] = await db
    .select({
      microGrids: sql<number>`(SELECT count(*)::int FROM org_nodes WHERE path LIKE ${`${path}%`} AND kind = 'micro_grid' AND retired_at IS NULL)`,
      grids: sql<number>`(SELECT count(*)::int FROM org_nodes WHERE path LIKE ${`${path}%`} AND kind = 'grid' AND retired_at IS NULL)`,
      departments: sql<number>`(SELECT count(*)::int FROM departments d WHERE ${inSubtree(sql`d.node_id`)} AND d.in_grid AND d.retired_at IS NULL AND EXISTS (SELECT 1 FROM department_functions f WHERE f.department_id = d.id AND f.retired_at IS NULL))`,
      functions: sql<number>`(SELECT count(*)::int FROM department_functions f JOIN departments d ON d.id = f.department_id WHERE ${inSubtree(sql`d.node_id`)} AND d.in_grid AND f.retired_at IS NULL AND d.retired_at IS NULL)`,
      organPartyOrgs: sql<number>`(SELECT count(*)::int FROM party_orgs p WHERE ${inSubtree(sql`p.node_id`)} AND p.unit_id IS NOT NULL AND p.retired_at IS NULL)`,
    })
    .from(sql`(SELECT 1) AS one`);
  return row!;
}

export async function listDescendants(
  db: Database,
  path: string,
  options: { kind?: string; q?: string; limit: number; offset: number },
): Promise<{ items: NodeRowWithCount[]; total: number }> {
  const where = and(
    like(orgNodes.path, `${path}%`),
    sql`${orgNodes.path} <> ${path}`,
    isNull(orgNodes.retiredAt),
    options.kind ? eq(orgNodes.kind, options.kind) : undefined,
    options.q ? or(ilike(orgNodes.name, `%${escapeLike(options.q)}%`), ilike(orgNodes.code, `${escapeLike(options.q)}%`)) : undefined,
  );
  const items = await db
    .select({ ...nodeColumns(), childCount })
    .from(orgNodes)
    .where(where)
    .orderBy(asc(orgNodes.depth), asc(orgNodes.path))
    .limit(options.limit)
    .offset(options.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(orgNodes).where(where);
  return { items, total: count?.n ?? 0 };
}

// --- geography: boundaries and places, for routing events by point and importing or exporting grids

export interface ShapeRow {
  id: number;
  path: string;
  boundary: unknown;
}

export async function microGridShapes(db: Database, cityId: number): Promise<ShapeRow[]> {
  return db
    .select({ id: orgNodes.id, path: orgNodes.path, boundary: orgNodes.boundary })
    .from(orgNodes)
    .where(and(eq(orgNodes.cityId, cityId), eq(orgNodes.kind, "micro_grid"), isNull(orgNodes.retiredAt), sql`${orgNodes.boundary} IS NOT NULL`));
}

/** Changes whenever a micro-grid of the city is added, retired, moved or given a new boundary. */
export async function geographyStamp(db: Database, cityId: number): Promise<string> {
  const [row] = await db
    .select({
      n: sql<number>`count(*)::int`,
      versions: sql<number>`coalesce(sum(${orgNodes.version}), 0)::int`,
      latest: sql<string>`coalesce(max(${orgNodes.updatedAt})::text, '')`,
    })
    .from(orgNodes)
    .where(and(eq(orgNodes.cityId, cityId), eq(orgNodes.kind, "micro_grid")));
  return `${row?.n}:${row?.versions}:${row?.latest}`;
}

export interface PlaceRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  path: string;
  depth: number;
}

export async function placesOfCity(db: Database, cityId: number): Promise<PlaceRow[]> {
  return db
    .select({ id: orgNodes.id, code: orgNodes.code, name: orgNodes.name, kind: orgNodes.kind, path: orgNodes.path, depth: orgNodes.depth })
    .from(orgNodes)
    .where(and(eq(orgNodes.cityId, cityId), isNull(orgNodes.retiredAt)));
}

export async function nodesByCodes(db: Database, cityId: number, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .select({ id: orgNodes.id, code: orgNodes.code, kind: orgNodes.kind, path: orgNodes.path, version: orgNodes.version, boundary: orgNodes.boundary, retiredAt: orgNodes.retiredAt })
    .from(orgNodes)
    .where(and(eq(orgNodes.cityId, cityId), inArray(orgNodes.code, [...codes])));
}

export async function shapesForExport(db: Database, path: string, kind: string) {
  return db
    .select({ id: orgNodes.id, code: orgNodes.code, name: orgNodes.name, kind: orgNodes.kind, parentId: orgNodes.parentId, boundary: orgNodes.boundary })
    .from(orgNodes)
    .where(and(sql`${orgNodes.path} LIKE ${`${path}%`}`, eq(orgNodes.kind, kind), isNull(orgNodes.retiredAt), sql`${orgNodes.boundary} IS NOT NULL`))
    .orderBy(asc(orgNodes.code));
}


/** A city's living nodes of some kinds, with their parent's name: for residents choosing a place and for matching a ledger's place names. */
export async function nodesOfCity(db: Database, cityId: number, kinds: readonly string[]) {
  return db
    .select({
      id: orgNodes.id,
      name: orgNodes.name,
      kind: orgNodes.kind,
      path: orgNodes.path,
      parentId: orgNodes.parentId,
      // Qualified by hand: the parent's name.
      parentName: sql<string>`coalesce((SELECT p.name FROM org_nodes p WHERE p.id = org_nodes.parent_id), '')`,
    })
    .from(orgNodes)
    .where(and(eq(orgNodes.cityId, cityId), inArray(orgNodes.kind, [...kinds]), isNull(orgNodes.retiredAt)))
    .orderBy(asc(orgNodes.path));
}

// --- the departments a handler acts for

export async function handlerDepartmentIds(db: Database, userId: number): Promise<number[]> {
  const rows = await db.select({ id: handlerDepartments.departmentId }).from(handlerDepartments).where(eq(handlerDepartments.userId, userId)).orderBy(asc(handlerDepartments.departmentId));
  return rows.map((row) => row.id);
}

/** The accounts bound to any of these departments (recipients of what is sent to a department). */
export async function handlersOfDepartments(db: Database, departmentIds: readonly number[]): Promise<number[]> {
  if (departmentIds.length === 0) return [];
  const rows = await db.selectDistinct({ id: handlerDepartments.userId }).from(handlerDepartments).where(inArray(handlerDepartments.departmentId, [...departmentIds]));
  return rows.map((row) => row.id);
}

export async function replaceHandlerDepartments(db: Database, cityId: number, userId: number, departmentIds: readonly number[], grantedBy: number, at: Date): Promise<void> {
  await db.delete(handlerDepartments).where(eq(handlerDepartments.userId, userId));
  if (departmentIds.length) await db.insert(handlerDepartments).values(departmentIds.map((departmentId) => ({ cityId, userId, departmentId, grantedBy, grantedAt: at })));
}

export async function partyOrgsByIds(db: Database, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select({ id: partyOrgs.id, cityId: partyOrgs.cityId, name: partyOrgs.name, unitId: partyOrgs.unitId, retiredAt: partyOrgs.retiredAt }).from(partyOrgs).where(inArray(partyOrgs.id, ids));
}

export async function citiesOfPrefecture(db: Database, cityId: number): Promise<{ prefecture: string | null; cities: { id: number; code: string; name: string }[] }> {
  const [own] = await db.select({ prefecture: cities.prefecture }).from(cities).where(eq(cities.id, cityId));
  if (!own?.prefecture) return { prefecture: null, cities: [] };
  const peers = await db.select({ id: cities.id, code: cities.code, name: cities.name }).from(cities).where(eq(cities.prefecture, own.prefecture)).orderBy(asc(cities.id));
  return { prefecture: own.prefecture, cities: peers };
}
