import { and, asc, eq, inArray, isNull, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Database } from "../db/client";
import { cities, orgNodes } from "../db/schema";
import type { Permission } from "../../shared/permissions";
import type { RequestContext } from "./context";
import { notFound } from "./errors";
import { keptStore } from "./kept";
import { authorizeAt, covers, requireActor, requirePermission, scopeOf, visibleScope, type Scope } from "./policy";

/**
 * The tree as every module reads it: node references, scope conditions for SQL, and city lookups.
 * Editing the tree (create, move, retire) stays with modules/orgs; reading it is part of the platform,
 * because the policy, sessions and the calendar need it as much as any module does.
 */
export interface NodeRef {
  id: number;
  cityId: number;
  parentId: number | null;
  kind: string;
  name: string;
  /** Materialised path of ids, "/city/township/…/id/": a subtree is every path with this prefix. */
  path: string;
  depth: number;
  retiredAt: Date | null;
}

export type NodeRefJson = Omit<NodeRef, "retiredAt"> & { retiredAt: string | null };

const refColumns = {
  id: orgNodes.id,
  cityId: orgNodes.cityId,
  parentId: orgNodes.parentId,
  kind: orgNodes.kind,
  name: orgNodes.name,
  path: orgNodes.path,
  depth: orgNodes.depth,
  retiredAt: orgNodes.retiredAt,
};

/** A value as it goes into a statement: itself, or a placeholder of a prepared statement (platform/prepared.ts). */
export type Bind = <T>(value: T) => T | SQLWrapper;
const inline: Bind = (value) => value;

/** Rows whose node lies in the scope: the one helper every module's scoped query goes through. */
export function nodeInScope(nodeIdColumn: SQLWrapper, scope: Scope, bind: Bind = inline): SQL {
  if (scope.all) return sql`true`;
  if (scope.paths.length === 0) return sql`false`;
  const prefixes = sql.join(
    scope.paths.map((path) => sql`scope_node.path LIKE ${bind(`${path}%`)}`),
    sql` OR `,
  );
  return sql`${nodeIdColumn} IN (SELECT scope_node.id FROM org_nodes scope_node WHERE ${prefixes})`;
}

/**
 * The materialised path of the node a column points at, for queries that group or escalate by the tree.
 * The column must belong to another table than org_nodes: drizzle renders it unqualified, so inside this
 * subquery an org_nodes column would name the subquery's own row.
 */
export function pathOfNode(nodeIdColumn: SQLWrapper): SQL<string> {
  return sql<string>`(SELECT path_node.path FROM org_nodes path_node WHERE path_node.id = ${nodeIdColumn})`;
}

/** A NodeRef as one JSON value beside a query's own columns: no second round trip. */
export function nodeRefOfNode(nodeIdColumn: SQLWrapper): SQL<NodeRefJson | null> {
  return sql<NodeRefJson | null>`(SELECT json_build_object('id', ref_node.id, 'cityId', ref_node.city_id, 'parentId', ref_node.parent_id, 'kind', ref_node.kind,
    'name', ref_node.name, 'path', ref_node.path, 'depth', ref_node.depth, 'retiredAt', ref_node.retired_at) FROM org_nodes ref_node WHERE ref_node.id = ${nodeIdColumn})`;
}

/** A node as nodeRefOfNode's JSON carries it, with its dates back as dates. */
export function nodeRefFromJson(json: NodeRefJson): NodeRef {
  return { ...json, retiredAt: json.retiredAt === null ? null : new Date(json.retiredAt) };
}

export async function nodeRefs(db: Database, ids: readonly number[]): Promise<Map<number, NodeRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select(refColumns).from(orgNodes).where(inArray(orgNodes.id, unique));
  return new Map(rows.map((row) => [row.id, row]));
}

export async function nodeRef(db: Database, id: number): Promise<NodeRef | undefined> {
  return (await nodeRefs(db, [id])).get(id);
}

/**
 * Nodes just looked up by a request, kept so that a read served from a cache (figures) asks the
 * database nothing. The tree changes only through modules/orgs, whose commits drop their city's kept
 * nodes (a move rewrites the paths of a whole subtree); platform/kept.ts says how.
 */
const KEEP_MS = 60_000;
/** A province has some hundred thousand nodes: past this many the kept ones are let go. */
const KEEP_AT_MOST = 50_000;

function keptNodes(db: Database) {
  return keptStore<number, NodeRef>(db, "nodes", { entities: ["org_node"], keepMs: KEEP_MS, atMost: KEEP_AT_MOST });
}

/** nodeRef, from memory while no change to its city's tree has committed. */
export async function keptNodeRef(db: Database, id: number): Promise<NodeRef | undefined> {
  return keptNodes(db).read(id, (node) => node.cityId, () => nodeRef(db, id));
}

/** nodeRefs, those kept from memory and the rest in one query: the names a list of records shows. */
export async function keptNodeRefs(db: Database, ids: readonly number[]): Promise<Map<number, NodeRef>> {
  return keptNodes(db).readMany(ids, (node) => node.cityId, (missing) => nodeRefs(db, missing));
}

/** A node the caller may see, or 404 whether it is missing or outside their scope. */
export async function visibleNode(ctx: RequestContext, id: number): Promise<NodeRef> {
  const actor = requireActor(ctx);
  const node = await keptNodeRef(ctx.db, id);
  if (!node || !covers(visibleScope(actor), node.path)) throw notFound("组织节点");
  authorizeAt(ctx, "org.read", node.path);
  return node;
}

/** The node a permission is read at: the given one (404/403 as authorizeAt decides), or the caller's first root for it. */
export async function nodeForRead(ctx: RequestContext, permission: Permission, orgId?: number): Promise<NodeRef> {
  const actor = requirePermission(ctx, permission);
  if (orgId !== undefined) {
    const node = await visibleNode(ctx, orgId);
    authorizeAt(ctx, permission, node.path);
    return node;
  }
  const scope = scopeOf(actor, permission);
  const rootId = scope.all ? (await cityRootIds(ctx.db))[0] : Number(scope.paths[0]?.split("/").filter(Boolean).pop());
  const node = rootId ? await keptNodeRef(ctx.db, rootId) : undefined;
  if (!node) throw notFound("组织节点");
  return node;
}

/** The roots of every city that is not retired, oldest first. */
export async function cityRootIds(db: Database): Promise<number[]> {
  const rows = await db.select({ id: orgNodes.id }).from(orgNodes).where(and(isNull(orgNodes.parentId), isNull(orgNodes.retiredAt))).orderBy(asc(orgNodes.id));
  return rows.map((row) => row.id);
}

/** The root of every city that is not retired, oldest first, with the prefecture (地级市) its city belongs to. */
export async function cityRoots(db: Database): Promise<(NodeRef & { prefecture: string | null })[]> {
  return db
    .select({ ...refColumns, prefecture: cities.prefecture })
    .from(orgNodes)
    .innerJoin(cities, eq(cities.id, orgNodes.cityId))
    .where(and(isNull(orgNodes.parentId), isNull(orgNodes.retiredAt)))
    .orderBy(asc(orgNodes.id));
}

export async function cityExists(db: Database, cityId: number): Promise<boolean> {
  const rows = await db.select({ id: cities.id }).from(cities).where(eq(cities.id, cityId));
  return rows.length > 0;
}

/** Cities are neither renamed nor removed, so a code once found is kept: the public side asks for every report. */
const cityIds = new WeakMap<Database, Map<string, number>>();

export async function cityIdByCode(db: Database, code: string): Promise<number | undefined> {
  let known = cityIds.get(db);
  if (!known) {
    known = new Map();
    cityIds.set(db, known);
  }
  const kept = known.get(code);
  if (kept !== undefined) return kept;
  const [row] = await db.select({ id: cities.id }).from(cities).where(eq(cities.code, code));
  if (row) known.set(code, row.id);
  return row?.id;
}
