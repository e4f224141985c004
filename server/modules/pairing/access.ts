import type { RequestContext, Actor } from "../../platform/context";
import { authorizeAt, requirePermission, scopeOf, type Scope } from "../../platform/policy";
import { visibleNode, type NodeRef } from "../../platform/tree";

/** A list's scope: the caller's reach for the permission, or one node of it (404 outside, 403 without the right). */
export async function listScope(ctx: RequestContext, permission: "pairing.read" | "service.read", orgId?: number): Promise<{ actor: Actor; scope: Scope; node?: NodeRef }> {
  const actor = requirePermission(ctx, permission);
  if (orgId === undefined) return { actor, scope: scopeOf(actor, permission) };
  const node = await visibleNode(ctx, orgId);
  authorizeAt(ctx, permission, node.path);
  return { actor, scope: { all: false, paths: [node.path] }, node };
}

/** A node visible to the caller, else 404; then the permission there, else 403. */
export async function nodeAt(ctx: RequestContext, id: number, permission: "pairing.manage" | "pairing.visit" | "conflict.manage" | "service.manage"): Promise<NodeRef> {
  const node = await visibleNode(ctx, id);
  authorizeAt(ctx, permission, node.path);
  return node;
}
