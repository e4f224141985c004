import type { z } from "zod";
import type {
  AddMembersBody,
  BreachBody,
  Category,
  CommonListQuery,
  CreateCommonListBody,
  CreateNegativeListBody,
  CreateProblemListBody,
  ListItemsQuery,
  ListQuery,
  NegativeListQuery,
  ReasonBody,
} from "../../../shared/schemas/problems";
import { localDay } from "../../platform/calendar/service";
import type { Actor, RequestContext } from "../../platform/context";
import { AppError, invalidField, notFound, versionConflict } from "../../platform/errors";
import { authorizeAt, requireActor, scopeOf, type Scope } from "../../platform/policy";
import { write } from "../../platform/write";
import { nodeRefs, visibleNode, type NodeRef } from "../../platform/tree";
import { presentProblems } from "./present";
import { commonListAbilities, negativeListAbilities, problemListAbilities } from "./policy";
import * as listsRepo from "./lists-repository";
import * as repo from "./repository";
import { listScope, nodeFor, page, problemFor, readableAt } from "./access";

/** Members, breaches and the like are shown only where the caller may read problems. */
function readScope(actor: Actor): Scope {
  return scopeOf(actor, "problem.read");
}

/** A list set at a node above the caller's reach binds them too. */
function setAbove(actor: Actor, node: NodeRef): boolean {
  const scope = readScope(actor);
  return !scope.all && scope.paths.some((path) => path.startsWith(node.path));
}

function invalidTransition(message: string): AppError {
  return new AppError(409, "invalid_transition", message);
}

/** The node a list belongs to, if the caller may read problems there (404 / 403 otherwise). */
async function listNode(ctx: RequestContext, nodeId: number, what: string): Promise<{ actor: Actor; node: NodeRef }> {
  const actor = requireActor(ctx);
  const node = (await nodeRefs(ctx.db, [nodeId])).get(nodeId);
  if (!node) throw notFound(what);
  readableAt(actor, [node.path], what);
  return { actor, node };
}

/** Every problem named must lie in the list node's subtree and still count (not merged, dismissed or deleted). */
async function problemsUnder(ctx: RequestContext, node: NodeRef, ids: number[], field: string): Promise<void> {
  const rows = await repo.findProblems(ctx.db, [...new Set(ids)]);
  const nodes = await nodeRefs(ctx.db, rows.map((row) => row.nodeId));
  const found = new Map(rows.map((row) => [row.id, row]));
  ids.forEach((id, index) => {
    const row = found.get(id);
    const path = row ? nodes.get(row.nodeId)?.path : undefined;
    if (!row || !path || !path.startsWith(node.path) || row.status === "merged" || row.status === "dismissed") {
      throw invalidField(`${field}.${index}`, "must be a problem in this node's subtree that is neither merged nor dismissed");
    }
  });
}

// --- problem lists (问题清单) and their disclosure (公示)

function presentList(actor: Actor, row: repo.ProblemListRow, node: NodeRef | undefined, closed: number) {
  return {
    id: row.id,
    nodeId: row.nodeId,
    nodeName: node?.name ?? "",
    title: row.title,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    status: row.status as "draft" | "published" | "withdrawn",
    itemCount: row.itemCount,
    closedCount: closed,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    withdrawReason: row.withdrawReason,
    version: row.version,
    abilities: problemListAbilities(actor, row.status, node),
  };
}

/** Freezes the problems of a node's subtree found in the period into a draft list. */
export async function createProblemList(ctx: RequestContext, body: z.infer<typeof CreateProblemListBody>) {
  const node = await nodeFor(ctx, body.nodeId, "problem.publish", "nodeId");
  const actor = requireActor(ctx);
  if (body.periodTo < body.periodFrom) throw invalidField("periodTo", "the period ends before it starts");
  const row = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const list = await listsRepo.insertProblemList(tx, { cityId: node.cityId, nodeId: node.id, title: body.title, periodFrom: body.periodFrom, periodTo: body.periodTo, createdBy: actor.userId, createdAt: at, updatedAt: at });
    const itemCount = await listsRepo.fillProblemList(tx, list, node.path);
    audit({ action: "problem_list.create", entity: "problem_list", entityId: list.id, nodeId: node.id, cityId: node.cityId, after: { title: body.title, periodFrom: body.periodFrom, periodTo: body.periodTo, itemCount } });
    return { ...list, itemCount };
  });
  return presentList(actor, row, node, (await listsRepo.closedCounts(ctx.db, [row.id])).get(row.id) ?? 0);
}

export async function listProblemLists(ctx: RequestContext, query: z.infer<typeof ListQuery>) {
  const { actor, scope, within } = await listScope(ctx, "problem.read", query.org);
  const { limit, offset } = page(query);
  const { rows, total } = await listsRepo.listProblemLists(ctx.db, within ?? scope, query.status, limit, offset);
  const nodes = await nodeRefs(ctx.db, rows.map((row) => row.nodeId));
  const closed = await listsRepo.closedCounts(ctx.db, rows.map((row) => row.id));
  return { items: rows.map((row) => presentList(actor, row, nodes.get(row.nodeId), closed.get(row.id) ?? 0)), total, page: query.page, pageSize: query.pageSize };
}

async function problemListFor(ctx: RequestContext, id: number) {
  const row = await listsRepo.findProblemList(ctx.db, id);
  if (!row) throw notFound("问题清单");
  return { row, ...(await listNode(ctx, row.nodeId, "问题清单")) };
}

export async function getProblemList(ctx: RequestContext, id: number, query: z.infer<typeof ListItemsQuery>) {
  const { actor, row, node } = await problemListFor(ctx, id);
  const { limit, offset } = page(query);
  const items = await listsRepo.listItems(ctx.db, id, limit, offset);
  const closed = (await listsRepo.closedCounts(ctx.db, [id])).get(id) ?? 0;
  return { ...presentList(actor, row, node, closed), items: await presentProblems(ctx.db, actor, items), itemsTotal: row.itemCount, page: query.page, pageSize: query.pageSize };
}

/** 公示: from here on the list, each item's status and dates (never anything personal) are on the public side. */
export async function publishProblemList(ctx: RequestContext, id: number, version: number) {
  const { row, node } = await problemListFor(ctx, id);
  const actor = authorizeAt(ctx, "problem.publish", node.path);
  if (row.status !== "draft") throw invalidTransition("只有草稿可以公示 (only a draft list can be published)");
  const updated = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const published = await listsRepo.updateProblemList(tx, id, version, "draft", { status: "published", publishedAt: at, publishedBy: actor.userId }, at);
    if (!published) throw versionConflict();
    audit({ action: "problem_list.publish", entity: "problem_list", entityId: id, nodeId: row.nodeId, cityId: row.cityId, before: { status: row.status }, after: { status: "published", itemCount: row.itemCount } });
    return published;
  });
  return presentList(actor, updated, node, (await listsRepo.closedCounts(ctx.db, [id])).get(id) ?? 0);
}

export async function withdrawProblemList(ctx: RequestContext, id: number, body: z.infer<typeof ReasonBody>) {
  const { row, node } = await problemListFor(ctx, id);
  const actor = authorizeAt(ctx, "problem.publish", node.path);
  if (row.status !== "published") throw invalidTransition("只有已公示的清单可以撤回 (only a published list can be withdrawn)");
  const updated = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const withdrawn = await listsRepo.updateProblemList(tx, id, body.version, "published", { status: "withdrawn", withdrawnAt: at, withdrawReason: body.reason }, at);
    if (!withdrawn) throw versionConflict();
    audit({ action: "problem_list.withdraw", entity: "problem_list", entityId: id, nodeId: row.nodeId, cityId: row.cityId, before: { status: row.status }, after: { status: "withdrawn", reason: body.reason } });
    return withdrawn;
  });
  return presentList(actor, updated, node, (await listsRepo.closedCounts(ctx.db, [id])).get(id) ?? 0);
}

// --- common lists (共性清单)

type CommonCounts = { members: number; closed: number; places: number };

function presentCommon(actor: Actor, row: repo.CommonListRow, node: NodeRef | undefined, counts: CommonCounts | undefined) {
  const members = counts?.members ?? 0;
  const closed = counts?.closed ?? 0;
  return {
    id: row.id,
    nodeId: row.nodeId,
    nodeName: node?.name ?? "",
    title: row.title,
    category: row.category as Category,
    description: row.description,
    measure: row.measure,
    deadlineOn: row.deadlineOn,
    status: row.status as "draft" | "published",
    publishedAt: row.publishedAt?.toISOString() ?? null,
    memberCount: members,
    closedCount: closed,
    placeCount: counts?.places ?? 0,
    progress: members === 0 ? 0 : Math.round((closed / members) * 1000) / 10,
    version: row.version,
    abilities: commonListAbilities(actor, row.status, node),
  };
}

export async function createCommonList(ctx: RequestContext, body: z.infer<typeof CreateCommonListBody>) {
  const node = await nodeFor(ctx, body.nodeId, "problem.manage", "nodeId");
  const actor = requireActor(ctx);
  await problemsUnder(ctx, node, body.problemIds, "problemIds");
  const row = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const list = await listsRepo.insertCommonList(tx, {
      cityId: node.cityId,
      nodeId: node.id,
      title: body.title,
      category: body.category,
      description: body.description,
      measure: body.measure,
      deadlineOn: body.deadlineOn ?? null,
      createdBy: actor.userId,
      createdAt: at,
      updatedAt: at,
    });
    await listsRepo.addCommonMembers(tx, list, body.problemIds, at);
    audit({ action: "common_list.create", entity: "common_list", entityId: list.id, nodeId: node.id, cityId: node.cityId, after: { title: body.title, measure: body.measure, problemIds: body.problemIds } });
    return list;
  });
  return presentCommon(actor, row, node, (await listsRepo.commonListCounts(ctx.db, [row.id])).get(row.id));
}

/**
 * Without a node: the caller's lists and those set above them. With a node: the lists of its subtree,
 * exactly what problems.commonLists counts there.
 */
export async function listCommonLists(ctx: RequestContext, query: z.infer<typeof CommonListQuery>) {
  const { actor, scope, within } = await listScope(ctx, "problem.read", query.org);
  const { limit, offset } = page(query);
  const { rows, total } = await listsRepo.listCommonLists(ctx.db, within ?? scope, within === undefined, query.status, limit, offset);
  const nodes = await nodeRefs(ctx.db, rows.map((row) => row.nodeId));
  const counts = await listsRepo.commonListCounts(ctx.db, rows.map((row) => row.id));
  return { items: rows.map((row) => presentCommon(actor, row, nodes.get(row.nodeId), counts.get(row.id))), total, page: query.page, pageSize: query.pageSize };
}

/** A common list set above the caller concerns them too (their problems may be members): readable from below as well. */
async function commonListFor(ctx: RequestContext, id: number) {
  const actor = requireActor(ctx);
  const row = await listsRepo.findCommonList(ctx.db, id);
  const node = row ? (await nodeRefs(ctx.db, [row.nodeId])).get(row.nodeId) : undefined;
  if (!row || !node) throw notFound("共性清单");
  if (!setAbove(actor, node)) readableAt(actor, [node.path], "共性清单");
  return { actor, row, node };
}

/** The common item with each member's own progress, the members shown only where the caller may read problems. */
export async function getCommonList(ctx: RequestContext, id: number) {
  const { actor, row, node } = await commonListFor(ctx, id);
  const { rows } = await repo.listProblems(ctx.db, { scope: readScope(actor), commonListId: id }, "found", 1000, 0);
  return { ...presentCommon(actor, row, node, (await listsRepo.commonListCounts(ctx.db, [id])).get(id)), members: await presentProblems(ctx.db, actor, rows) };
}

export async function addCommonMembers(ctx: RequestContext, id: number, body: z.infer<typeof AddMembersBody>) {
  const { row, node } = await commonListFor(ctx, id);
  const actor = authorizeAt(ctx, "problem.manage", node.path);
  await problemsUnder(ctx, node, body.problemIds, "problemIds");
  const updated = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const bumped = await listsRepo.updateCommonList(tx, id, body.version, {}, at);
    if (!bumped) throw versionConflict();
    const added = await listsRepo.addCommonMembers(tx, bumped, body.problemIds, at);
    audit({ action: "common_list.add_members", entity: "common_list", entityId: id, nodeId: row.nodeId, cityId: row.cityId, after: { problemIds: body.problemIds, added } });
    return bumped;
  });
  return presentCommon(actor, updated, node, (await listsRepo.commonListCounts(ctx.db, [id])).get(id));
}

export async function publishCommonList(ctx: RequestContext, id: number, version: number) {
  const { row, node } = await commonListFor(ctx, id);
  const actor = authorizeAt(ctx, "problem.publish", node.path);
  if (row.status !== "draft") throw invalidTransition("共性清单已发布 (the common list is already published)");
  const updated = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const published = await listsRepo.updateCommonList(tx, id, version, { status: "published", publishedAt: at }, at);
    if (!published) throw versionConflict();
    audit({ action: "common_list.publish", entity: "common_list", entityId: id, nodeId: row.nodeId, cityId: row.cityId, before: { status: row.status }, after: { status: "published" } });
    return published;
  });
  return presentCommon(actor, updated, node, (await listsRepo.commonListCounts(ctx.db, [id])).get(id));
}

// --- negative lists (负面清单)

function presentNegative(actor: Actor, row: repo.NegativeListRow, node: NodeRef | undefined, breaches: number) {
  return {
    id: row.id,
    nodeId: row.nodeId,
    nodeName: node?.name ?? "",
    title: row.title,
    category: row.category as Category,
    description: row.description,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    retireReason: row.retireReason,
    breachCount: breaches,
    version: row.version,
    abilities: negativeListAbilities(actor, row.retiredAt !== null, node),
  };
}

export async function createNegativeList(ctx: RequestContext, body: z.infer<typeof CreateNegativeListBody>) {
  const node = await nodeFor(ctx, body.nodeId, "problem.manage", "nodeId");
  const actor = requireActor(ctx);
  const row = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const list = await listsRepo.insertNegativeList(tx, { cityId: node.cityId, nodeId: node.id, title: body.title, category: body.category, description: body.description, createdBy: actor.userId, createdAt: at, updatedAt: at });
    audit({ action: "negative_list.create", entity: "negative_list", entityId: list.id, nodeId: node.id, cityId: node.cityId, after: { title: body.title, category: body.category } });
    return list;
  });
  return presentNegative(actor, row, node, 0);
}


export async function listNegativeLists(ctx: RequestContext, query: z.infer<typeof NegativeListQuery>) {
  const { actor, scope, within } = await listScope(ctx, "problem.read", query.org);
  const { limit, offset } = page(query);
  // A list set at the city binds every village: the caller sees the lists of their subtree and of the nodes above it.
  const { rows, total } = await listsRepo.listNegativeLists(ctx.db, within ?? scope, limit, offset);
  const nodes = await nodeRefs(ctx.db, rows.map((row) => row.nodeId));
  const counts = await listsRepo.breachCounts(ctx.db, rows.map((row) => row.id), readScope(actor));
  return { items: rows.map((row) => presentNegative(actor, row, nodes.get(row.nodeId), counts.get(row.id) ?? 0)), total, page: query.page, pageSize: query.pageSize };
}

/** A negative list binds its whole subtree: readable where the caller reads problems, and from anywhere below it. */
async function negativeListFor(ctx: RequestContext, id: number) {
  const actor = requireActor(ctx);
  const row = await listsRepo.findNegativeList(ctx.db, id);
  const node = row ? (await nodeRefs(ctx.db, [row.nodeId])).get(row.nodeId) : undefined;
  if (!row || !node) throw notFound("负面清单");
  if (!setAbove(actor, node)) readableAt(actor, [node.path], "负面清单");
  return { actor, row, node };
}

export async function getNegativeList(ctx: RequestContext, id: number) {
  const { actor, row, node } = await negativeListFor(ctx, id);
  const breaches = await listsRepo.breachesOf(ctx.db, id, readScope(actor));
  const nodes = await nodeRefs(ctx.db, breaches.map((breach) => breach.nodeId));
  const count = (await listsRepo.breachCounts(ctx.db, [id], readScope(actor))).get(id) ?? 0;
  return {
    ...presentNegative(actor, row, node, count),
    breaches: breaches.map((breach) => ({
      id: breach.id,
      nodeId: breach.nodeId,
      nodeName: nodes.get(breach.nodeId)?.name ?? "",
      problemId: breach.problemId,
      occurredOn: breach.occurredOn,
      description: breach.description,
      createdAt: breach.createdAt.toISOString(),
    })),
  };
}

/** A breach happens somewhere in the list's subtree; it may point at the problem it gave rise to. */
export async function recordBreach(ctx: RequestContext, id: number, body: z.infer<typeof BreachBody>) {
  const { row, node: listNodeRef } = await negativeListFor(ctx, id);
  const place = await visibleNode(ctx, body.nodeId);
  const actor = authorizeAt(ctx, "problem.report", place.path);
  if (!place.path.startsWith(listNodeRef.path)) throw invalidField("nodeId", "must lie within the list's node");
  if (row.retiredAt) throw invalidTransition("负面清单已停用 (the negative list is retired)");
  if (body.occurredOn > localDay(ctx.clock.now())) throw invalidField("occurredOn", "cannot be in the future");
  if (body.problemId !== undefined) {
    const { problem } = await problemFor(ctx, body.problemId);
    if (problem.cityId !== row.cityId) throw invalidField("problemId", "must be in the list's city");
  }
  await write(ctx, async (tx, audit) => {
    const breach = await listsRepo.insertBreach(tx, {
      cityId: row.cityId,
      listId: id,
      nodeId: place.id,
      problemId: body.problemId ?? null,
      occurredOn: body.occurredOn,
      description: body.description,
      recordedBy: actor.userId,
      createdAt: ctx.clock.now(),
    });
    audit({ action: "negative_list.breach", entity: "negative_list_breach", entityId: breach.id, nodeId: place.id, cityId: row.cityId, after: { listId: id, occurredOn: body.occurredOn, problemId: body.problemId ?? null } });
  });
  return getNegativeList(ctx, id);
}

export async function retireNegativeList(ctx: RequestContext, id: number, body: z.infer<typeof ReasonBody>) {
  const { row, node } = await negativeListFor(ctx, id);
  const actor = authorizeAt(ctx, "problem.manage", node.path);
  if (row.retiredAt) throw invalidTransition("负面清单已停用 (the negative list is already retired)");
  const updated = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const retired = await listsRepo.updateNegativeList(tx, id, body.version, { retiredAt: at, retireReason: body.reason }, at);
    if (!retired) throw versionConflict();
    audit({ action: "negative_list.retire", entity: "negative_list", entityId: id, nodeId: row.nodeId, cityId: row.cityId, before: { retiredAt: null }, after: { retiredAt: at.toISOString(), reason: body.reason } });
    return retired;
  });
  return presentNegative(actor, updated, node, (await listsRepo.breachCounts(ctx.db, [id], readScope(actor))).get(id) ?? 0);
}
