import type { Permission } from "../../../shared/permissions";
import type { Actor, RequestContext } from "../../platform/context";
import { conflict, invalidField, notFound } from "../../platform/errors";
import { authorizeAt, can, requireActor, requirePermission, scopeOf, type Scope } from "../../platform/policy";
import { nodeRef, visibleNode, type NodeRef } from "../../platform/tree";

/**
 * Who may do what with the ledgers: a village secretary keeps the village's ledgers (ledger.manage),
 * a township and the city read their villages' (ledger.read), the city office sets the rules and a
 * township its benchmarks (ledger.configure). Everything is decided through platform/policy.ts.
 */
export const contractAbilities = { update: "ledger.manage", delete: "ledger.manage", reveal: "person.reveal" } as const satisfies Record<string, Permission>;

const ledgerKinds = ["village", "community"];

/**
 * The village a body names, where the caller may act with the permission: 400 on the field when no
 * such village exists (or the node is no village), 404 outside the caller's reach, 403 when visible but not theirs.
 */
export async function villageFor(ctx: RequestContext, nodeId: number, permission: Permission, field = "nodeId"): Promise<NodeRef> {
  requireActor(ctx);
  const exists = await nodeRef(ctx.db, nodeId);
  if (!exists) throw invalidField(field, "没有这个村或社区 (no such village)");
  const node = await visibleNode(ctx, nodeId);
  authorizeAt(ctx, permission, node.path);
  if (!ledgerKinds.includes(node.kind)) throw invalidField(field, "请选择村或社区 (must be a village or community)");
  if (node.retiredAt) throw conflict("节点已撤销 (the node is retired)", "retired");
  return node;
}

/** A record lying at a node: 404 outside what the caller can read, 403 when they may read but not act. */
export function recordAt(ctx: RequestContext, node: NodeRef | undefined, permission: Permission, what: string): Actor {
  const actor = requireActor(ctx);
  if (!node || !can(actor, "ledger.read", node.path)) {
    if (node) authorizeAt(ctx, "ledger.read", node.path);
    throw notFound(what);
  }
  authorizeAt(ctx, permission, node.path);
  return actor;
}

/** The scope of a list: all the caller may read, or one node's subtree of it (404 outside, 403 without the permission). */
export async function listScope(ctx: RequestContext, orgId?: number, permission: Permission = "ledger.read"): Promise<{ actor: Actor; scope: Scope; node?: NodeRef }> {
  const actor = requirePermission(ctx, permission);
  if (orgId === undefined) return { actor, scope: scopeOf(actor, permission) };
  const node = await visibleNode(ctx, orgId);
  authorizeAt(ctx, permission, node.path);
  return { actor, scope: { all: false, paths: [node.path] }, node };
}
