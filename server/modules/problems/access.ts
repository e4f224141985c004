import type { ProblemAction, ProblemStatus } from "../../../shared/schemas/problems";
import { statusLabels } from "../../../shared/schemas/problems";
import type { Database } from "../../db/client";
import type { Actor, RequestContext } from "../../platform/context";
import { AppError, conflict, forbidden, invalidField, notFound } from "../../platform/errors";
import { authorizeAt, covers, requireActor, requirePermission, scopeOf, visibleScope, type Scope } from "../../platform/policy";
import { nodeRefs, visibleNode, type NodeRef } from "../../platform/tree";
import { nodesOf } from "./present";
import * as repo from "./repository";

// Reaching the module's records within the caller's scope, shared by the module's services (not exported from index.ts).

export interface ProblemAccess {
  actor: Actor;
  problem: repo.ProblemRow;
  node: NodeRef;
  responsible: NodeRef | undefined;
}

/** 404 outside what the caller can see, 403 when they can see the place but not problems. */
export function readableAt(actor: Actor, paths: string[], what: string): void {
  const readScope = scopeOf(actor, "problem.read");
  if (paths.some((path) => covers(readScope, path))) return;
  if (paths.some((path) => covers(visibleScope(actor), path))) throw forbidden();
  throw notFound(what);
}

/** A problem the caller may read: where it lies or where it was given to be rectified. */
export async function problemFor(ctx: RequestContext, id: number, db: Database = ctx.db): Promise<ProblemAccess> {
  const actor = requireActor(ctx);
  const problem = await repo.findProblem(db, id);
  if (!problem) throw notFound("问题");
  const nodes = await nodesOf(db, [problem]);
  const node = nodes.get(problem.nodeId);
  if (!node) throw notFound("问题");
  const responsible = problem.responsibleNodeId === null ? undefined : nodes.get(problem.responsibleNodeId);
  readableAt(actor, responsible ? [node.path, responsible.path] : [node.path], "问题");
  return { actor, problem, node, responsible };
}

export async function clueFor(ctx: RequestContext, id: number): Promise<{ actor: Actor; clue: repo.ClueRow; node: NodeRef }> {
  const actor = requireActor(ctx);
  const clue = await repo.findClue(ctx.db, id);
  const node = clue ? (await nodeRefs(ctx.db, [clue.nodeId])).get(clue.nodeId) : undefined;
  if (!clue || !node) throw notFound("线索");
  readableAt(actor, [node.path], "线索");
  return { actor, clue, node };
}

/** A node where the caller may act with the permission: 404 when invisible, 403 when visible but not theirs. */
export async function nodeFor(ctx: RequestContext, id: number, permission: "problem.report" | "problem.manage" | "problem.publish", field?: string): Promise<NodeRef> {
  const node = await visibleNode(ctx, id);
  authorizeAt(ctx, permission, node.path);
  if (node.retiredAt) throw field ? invalidField(field, "this node has been retired") : conflict("节点已撤销 (the node is retired)", "retired");
  return node;
}

/** The scope of a list: everything the caller may read, or one node's subtree of it (404 outside). */
export async function listScope(ctx: RequestContext, permission: "problem.read" | "problem.supervise", orgId?: number): Promise<{ actor: Actor; scope: Scope; within?: Scope; city?: { id: number; whole: boolean } }> {
  const actor = requirePermission(ctx, permission);
  const scope = scopeOf(actor, permission);
  if (orgId === undefined) return { actor, scope };
  const node = await visibleNode(ctx, orgId);
  authorizeAt(ctx, permission, node.path);
  // A node wholly in the caller's reach needs no reach condition beside its own (one subquery over thousands of nodes fewer).
  return { actor, scope: covers(scope, node.path) ? { all: true } : scope, within: { all: false, paths: [node.path] }, city: { id: node.cityId, whole: node.parentId === null } };
}

export function page(query: { page: number; pageSize: number }) {
  return { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
}

export function invalidTransition(action: ProblemAction | "attach" | "supervise", status: string): AppError {
  return new AppError(409, "invalid_transition", `「${statusLabels[status as ProblemStatus] ?? status}」状态下不能执行该操作 (${action} is not allowed on a ${status} problem)`);
}

export function presentAttachment(row: repo.AttachmentRow) {
  return { id: row.id, fileName: row.fileName, mime: row.mime, size: row.size, sha256: row.sha256, createdAt: row.createdAt.toISOString(), eventId: row.eventId };
}
