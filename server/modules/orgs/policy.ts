import { childKinds, type NodeKind } from "../../../shared/permissions";
import type { NodeAbilities } from "../../../shared/schemas/orgs";
import type { Actor } from "../../platform/context";
import { can } from "../../platform/policy";

/** The path of a node's parent: changing a node is a change to its parent's children. */
export function parentPath(node: { path: string }): string {
  return node.path.replace(/\d+\/$/, "");
}

/** What the caller may do with a node of the tree and what it holds. */
export function nodeAbilities(actor: Actor, node: { path: string; parentId: number | null; retiredAt: Date | null; kind: string }): NodeAbilities {
  // Changing a node is a change to its parent's children: a cadre manages what lies strictly below their own node.
  const managesPlace = can(actor, "org.manage", parentPath(node)) && node.parentId !== null;
  const managesBelow = can(actor, "org.manage", node.path);
  const live = !node.retiredAt;
  return {
    update: managesPlace && live,
    move: managesPlace && live,
    retire: managesPlace && live,
    createChild: managesBelow && live && childKinds[node.kind as NodeKind].length > 0,
    readPeople: can(actor, "person.read", node.path),
    managePeople: can(actor, "person.manage", node.path),
    readFigures: can(actor, "figures.read", node.path),
  };
}
