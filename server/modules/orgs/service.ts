import { childKinds, type NodeKind } from "../../../shared/permissions";
import type { z } from "zod";
import type { SourceFigures } from "../../../shared/figures";
import type { CreateNodeBody, MoveNodeBody, OrgNode, OrgNodeDetail, RetireNodeBody, UpdateNodeBody } from "../../../shared/schemas/orgs";
import type { Database } from "../../db/client";
import type { Actor, RequestContext } from "../../platform/context";
import { badRequest, conflict, invalidField, versionConflict } from "../../platform/errors";
import { authorizeAt, requireActor, requirePermission, scopeOf, visibleScope, type Scope } from "../../platform/policy";
import { writeAccess } from "../../platform/auth/session-cache";
import { keptStore } from "../../platform/kept";
import { write } from "../../platform/write";
import { cityRootIds, visibleNode, type NodeRef } from "../../platform/tree";
import { nodeAbilities, parentPath } from "./policy";
import * as repo from "./repository";

// Reads of the tree for other modules: boundaries for routing by point, places by code, grids for export.
export { geographyStamp, microGridShapes, nodesByCodes, nodesOfCity, placesOfCity, shapesForExport, type PlaceRow, type ShapeRow } from "./repository";



export function presentNode(actor: Actor, node: repo.NodeRowWithCount): z.infer<typeof OrgNode> {
  return {
    id: node.id,
    cityId: node.cityId,
    parentId: node.parentId,
    kind: node.kind as NodeKind,
    code: node.code,
    name: node.name,
    path: node.path,
    depth: node.depth,
    childCount: node.childCount,
    retiredAt: node.retiredAt?.toISOString() ?? null,
    version: node.version,
    abilities: nodeAbilities(actor, node),
  };
}

export async function getNodeDetail(ctx: RequestContext, id: number): Promise<z.infer<typeof OrgNodeDetail>> {
  const actor = requireActor(ctx);
  await visibleNode(ctx, id);
  const node = (await repo.findNodeWithCount(ctx.db, id))!;
  const ancestorIds = node.path.split("/").filter(Boolean).map(Number).filter((ancestor) => ancestor !== id);
  const ancestors = (await repo.findNodes(ctx.db, ancestorIds)).sort((a, b) => a.depth - b.depth);
  return {
    ...presentNode(actor, node),
    boundary: (node.boundary as z.infer<typeof OrgNodeDetail>["boundary"]) ?? null,
    ancestors: ancestors.map((ancestor) => ({ id: ancestor.id, name: ancestor.name, kind: ancestor.kind as NodeKind })),
  };
}

/** The topmost nodes the caller can see: where the tree starts for them. System roles see every city. */
export async function scopeRoots(ctx: RequestContext) {
  const actor = requirePermission(ctx, "org.read");
  const scope = scopeOf(actor, "org.read");
  const ids = scope.all ? await cityRootIds(ctx.db) : scope.paths.map((path) => Number(path.split("/").filter(Boolean).pop()));
  const items = (await repo.findNodesWithCount(ctx.db, ids)).map((node) => presentNode(actor, node));
  return { items, total: items.length };
}

export async function children(ctx: RequestContext, id: number, options: { includeRetired: boolean; limit: number; offset: number }) {
  const actor = requireActor(ctx);
  await visibleNode(ctx, id);
  const { items, total } = await repo.listChildren(ctx.db, id, options);
  return { items: items.map((node) => presentNode(actor, node)), total };
}

/** The nodes of a subtree, e.g. every micro-grid of a township: the list behind a count on the node's page. */
export async function descendants(ctx: RequestContext, id: number, options: { kind?: NodeKind; q?: string; page: number; pageSize: number }) {
  const actor = requireActor(ctx);
  const node = await visibleNode(ctx, id);
  const { items, total } = await repo.listDescendants(ctx.db, node.path, {
    kind: options.kind,
    q: options.q,
    limit: options.pageSize,
    offset: (options.page - 1) * options.pageSize,
  });
  return { items: items.map((row) => presentNode(actor, row)), total, page: options.page, pageSize: options.pageSize };
}

export async function search(ctx: RequestContext, query: string, limit: number) {
  const actor = requirePermission(ctx, "org.read");
  const items = (await repo.searchNodes(ctx.db, scopeOf(actor, "org.read"), query, limit)).map((node) => presentNode(actor, node));
  return { items, total: items.length };
}

function snapshot(node: repo.NodeRow) {
  return { name: node.name, code: node.code, kind: node.kind, parentId: node.parentId, path: node.path, retiredAt: node.retiredAt, version: node.version };
}

export async function createNode(ctx: RequestContext, body: z.infer<typeof CreateNodeBody>) {
  const parent = await visibleNode(ctx, body.parentId);
  const actor = authorizeAt(ctx, "org.manage", parent.path);
  if (parent.retiredAt) throw conflict("上级节点已撤销 (the parent is retired)", "parent_retired");
  if (!childKinds[parent.kind as NodeKind].includes(body.kind)) {
    throw invalidField("kind", `a ${body.kind} cannot sit under a ${parent.kind}`);
  }
  return write(ctx, async (tx, audit) => {
    if (await repo.codeTaken(tx, parent.cityId, body.code)) throw conflict(`编码 ${body.code} 已被使用 (code already used)`, "duplicate_code");
    const at = ctx.clock.now();
    const node = await repo.insertNode(tx, {
      cityId: parent.cityId,
      parentId: parent.id,
      kind: body.kind,
      code: body.code,
      name: body.name,
      parentPath: parent.path,
      depth: parent.depth + 1,
      boundary: body.boundary,
      at,
    });
    await repo.insertHistory(tx, { cityId: node.cityId, nodeId: node.id, action: "create", before: null, after: snapshot(node), actorUserId: actor.userId, at });
    audit({ action: "org.create", entity: "org_node", entityId: node.id, nodeId: node.id, cityId: node.cityId, after: snapshot(node) });
    return presentNode(actor, { ...node, childCount: 0 });
  });
}

async function manageableNode(ctx: RequestContext, id: number): Promise<{ actor: Actor; node: repo.NodeRow }> {
  const ref = await visibleNode(ctx, id);
  if (ref.parentId === null) {
    authorizeAt(ctx, "org.manage", ref.path);
    throw conflict("城市根节点不能修改 (a city's root is managed by the platform)", "root_node");
  }
  const actor = authorizeAt(ctx, "org.manage", parentPath(ref));
  const node = (await repo.findNodes(ctx.db, [id]))[0]!;
  if (node.retiredAt) throw conflict("节点已撤销 (the node is retired)", "retired");
  return { actor, node };
}

export async function updateNode(ctx: RequestContext, id: number, body: z.infer<typeof UpdateNodeBody>) {
  const { actor, node } = await manageableNode(ctx, id);
  if (body.name === undefined && body.code === undefined && body.boundary === undefined) throw badRequest("nothing to change", [{ field: "name", message: "give at least one of name, code, boundary" }]);
  return writeAccess(ctx, async (tx, audit) => {
    if (body.code && (await repo.codeTaken(tx, node.cityId, body.code, node.id))) throw conflict(`编码 ${body.code} 已被使用 (code already used)`, "duplicate_code");
    const at = ctx.clock.now();
    const updated = await repo.updateNode(tx, id, body.version, { name: body.name, code: body.code, boundary: body.boundary }, at);
    if (!updated) throw versionConflict();
    const action = body.name !== undefined && body.name !== node.name ? "rename" : "update";
    await repo.insertHistory(tx, { cityId: node.cityId, nodeId: id, action, before: snapshot(node), after: snapshot(updated), actorUserId: actor.userId, at });
    audit({ action: `org.${action}`, entity: "org_node", entityId: id, nodeId: id, cityId: node.cityId, before: snapshot(node), after: snapshot(updated) });
    return presentNode(actor, { ...updated, childCount: await repo.countActiveChildren(tx, id) });
  });
}

export async function moveNode(ctx: RequestContext, id: number, body: z.infer<typeof MoveNodeBody>) {
  const { actor, node } = await manageableNode(ctx, id);
  const target = await visibleNode(ctx, body.parentId);
  authorizeAt(ctx, "org.manage", target.path);
  if (target.path.startsWith(node.path)) throw invalidField("parentId", "a node cannot move under itself or its own subtree");
  if (target.cityId !== node.cityId) throw invalidField("parentId", "a node cannot move to another city");
  if (target.retiredAt) throw conflict("目标节点已撤销 (the new parent is retired)", "parent_retired");
  if (!childKinds[target.kind as NodeKind].includes(node.kind as NodeKind)) throw invalidField("parentId", `a ${node.kind} cannot sit under a ${target.kind}`);
  return writeAccess(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const [targetRow] = await repo.findNodes(tx, [target.id]);
    const moved = await repo.moveSubtree(tx, { ...node, version: body.version }, targetRow!, at);
    if (!moved) throw versionConflict();
    await repo.insertHistory(tx, { cityId: node.cityId, nodeId: id, action: "move", before: snapshot(node), after: snapshot(moved), actorUserId: actor.userId, at });
    audit({ action: "org.move", entity: "org_node", entityId: id, nodeId: id, cityId: node.cityId, before: snapshot(node), after: snapshot(moved) });
    return presentNode(actor, { ...moved, childCount: await repo.countActiveChildren(tx, id) });
  });
}

export async function retireNode(ctx: RequestContext, id: number, body: z.infer<typeof RetireNodeBody>) {
  const { actor, node } = await manageableNode(ctx, id);
  if ((await repo.countActiveChildren(ctx.db, id)) > 0) throw conflict("请先撤销或迁出下级节点 (retire or move its children first)", "has_children");
  // Another module may refuse a retirement that would leave its records on a retired node.
  for (const guard of ctx.modules.retireGuards) {
    const reason = await guard(ctx.db, id);
    if (reason) throw conflict(reason, "has_records");
  }
  return writeAccess(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const retired = await repo.updateNode(tx, id, body.version, { retiredAt: at }, at);
    if (!retired) throw versionConflict();
    const after = { ...snapshot(retired), reason: body.reason };
    await repo.insertHistory(tx, { cityId: node.cityId, nodeId: id, action: "retire", before: snapshot(node), after, actorUserId: actor.userId, at });
    audit({ action: "org.retire", entity: "org_node", entityId: id, nodeId: id, cityId: node.cityId, before: snapshot(node), after });
    return presentNode(actor, { ...retired, childCount: 0 });
  });
}

export async function history(ctx: RequestContext, id: number) {
  await visibleNode(ctx, id);
  const rows = await repo.listHistory(ctx.db, id);
  return {
    items: rows.map((row) => ({ id: row.id, action: row.action, before: row.before, after: row.after, actorUserId: row.actorUserId, at: row.at.toISOString() })),
  };
}

/** Cities the caller can see anything in: reference lists (departments, units) are per city. */
function visibleCityIds(actor: Actor): number[] | "all" {
  if (visibleScope(actor).all) return "all";
  return [...new Set(actor.grants.map((grant) => grant.cityId).filter((id): id is number => id !== null))];
}

export async function departments(ctx: RequestContext) {
  const actor = requirePermission(ctx, "org.read");
  const rows = await repo.listDepartments(ctx.db, visibleCityIds(actor));
  return {
    items: rows.map((dept) => ({
      id: dept.id,
      code: dept.code,
      name: dept.name,
      inGrid: dept.inGrid,
      functions: dept.functions.map((fn) => ({ id: fn.id, code: fn.code, name: fn.name })),
    })),
  };
}

/** A department function as records that route to it need it: its department, and whether either is retired. */
export interface DepartmentFunctionRef {
  id: number;
  code: string;
  name: string;
  cityId: number;
  departmentId: number;
  departmentName: string;
  retired: boolean;
}

export async function departmentFunctionRefs(db: Database, ids: readonly number[]): Promise<Map<number, DepartmentFunctionRef>> {
  return new Map((await repo.functionsWithDepartments(db, ids)).map((row) => [row.id, row]));
}

/**
 * Department names, kept (platform/kept.ts): lists name a department on every row. Departments are
 * loaded with a city's data, never edited through the API, so only the time bound lets them go.
 */
export async function departmentNames(db: Database, ids: readonly number[]): Promise<Map<number, string>> {
  const store = keptStore<number, { cityId: number; name: string }>(db, "departments", { entities: ["department"], keepMs: 60_000, atMost: 10_000 });
  const found = await store.readMany(
    ids,
    (department) => department.cityId,
    async (missing) => new Map((await repo.departmentsByIds(db, missing)).map((row) => [row.id, { cityId: row.cityId, name: row.name }])),
  );
  return new Map([...found].map(([id, department]) => [id, department.name]));
}

/** The accounts bound to any of these departments through handler_departments. */
export async function handlersOfDepartments(db: Database, departmentIds: readonly number[]): Promise<number[]> {
  return repo.handlersOfDepartments(db, departmentIds);
}

/** A city's departments, retired ones included, by code. */
export async function departmentsOfCity(db: Database, cityId: number): Promise<{ id: number; code: string; name: string; retired: boolean }[]> {
  return (await repo.departmentsOfCity(db, cityId)).map((row) => ({ id: row.id, code: row.code, name: row.name, retired: row.retiredAt !== null }));
}

export async function unitList(ctx: RequestContext) {
  const actor = requirePermission(ctx, "org.read");
  const rows = await repo.listUnits(ctx.db, visibleCityIds(actor));
  return { items: rows.map((unit) => ({ id: unit.id, code: unit.code, name: unit.name, kind: unit.kind })) };
}

export async function partyOrgList(ctx: RequestContext, orgId?: number) {
  const actor = requirePermission(ctx, "org.read");
  let scope: Scope = scopeOf(actor, "org.read");
  if (orgId !== undefined) scope = { all: false, paths: [(await visibleNode(ctx, orgId)).path] };
  const rows = await repo.listPartyOrgs(ctx.db, scope);
  return {
    items: rows.map((row) => ({ id: row.id, nodeId: row.nodeId, parentId: row.parentId, unitId: row.unitId, kind: row.kind, code: row.code, name: row.name })),
  };
}

export async function figuresFor(db: Database, node: NodeRef): Promise<SourceFigures> {
  const row = await repo.orgFigures(db, node.path);
  return {
    "grid.microGrids": row.microGrids,
    "grid.grids": row.grids,
    "grid.departments": row.departments,
    "grid.functions": row.functions,
    "service.organPartyOrgs": row.organPartyOrgs,
  };
}

/** The units (市直单位) of a city, for modules that name or check them. */
export async function unitsOfCity(db: Database, cityId: number): Promise<{ id: number; name: string }[]> {
  return (await repo.listUnits(db, [cityId])).map((unit) => ({ id: unit.id, name: unit.name }));
}

/** Party organisations by id, and whether each is a city organ's (机关党组织: attached to a unit), for modules that pair them. */
export async function partyOrgFacts(db: Database, ids: number[]): Promise<Map<number, { id: number; cityId: number; name: string; organ: boolean; retired: boolean }>> {
  const rows = await repo.partyOrgsByIds(db, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, { id: row.id, cityId: row.cityId, name: row.name, organ: row.unitId !== null, retired: row.retiredAt !== null }]));
}

/** The cities of the city's prefecture (itself included), for ranking cities among their peers; empty when the city names none. */
export async function citiesOfPrefecture(db: Database, cityId: number): Promise<{ prefecture: string | null; cities: { id: number; code: string; name: string }[] }> {
  return repo.citiesOfPrefecture(db, cityId);
}
