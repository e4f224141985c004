import type {
  ClueAbilities,
  CommonListAbilities,
  NegativeListAbilities,
  ProblemAbilities,
  ProblemAction,
  ProblemListAbilities,
  ProblemStatus,
} from "../../../shared/schemas/problems";
import { openStatuses, transitions } from "../../../shared/schemas/problems";
import type { Actor } from "../../platform/context";
import { can } from "../../platform/policy";
import type { NodeRef } from "../../platform/tree";

/**
 * Who may do what with the problem lists' records. Every answer is about a node: the record's own, or,
 * for the rectifier's steps, also the node the problem was given to (责任单位). The abilities built here
 * travel with each record so the client hides what the server would refuse.
 */

export function isOpenStatus(status: string): boolean {
  return (openStatuses as readonly string[]).includes(status);
}

function allows(action: ProblemAction, status: string): boolean {
  return transitions[action][status as ProblemStatus] !== undefined;
}

/** Who may take each action, and on which node: the problem's own, or also the node it was given to. */
const actionPermission = {
  assign: { permission: "problem.manage", rectifier: false },
  start: { permission: "problem.manage", rectifier: true },
  progress: { permission: "problem.manage", rectifier: true },
  submit: { permission: "problem.manage", rectifier: true },
  approve: { permission: "problem.check", rectifier: false },
  return: { permission: "problem.check", rectifier: false },
  dismiss: { permission: "problem.manage", rectifier: false },
  merge: { permission: "problem.manage", rectifier: false },
  delete: { permission: "problem.manage", rectifier: false },
} as const satisfies Record<ProblemAction, { permission: "problem.manage" | "problem.check"; rectifier: boolean }>;

export function mayAct(actor: Actor, action: ProblemAction, node: NodeRef, responsible: NodeRef | undefined): boolean {
  const rule = actionPermission[action];
  if (can(actor, rule.permission, node.path)) return true;
  return rule.rectifier && responsible !== undefined && can(actor, rule.permission, responsible.path);
}

/** Adds evidence: whoever reports at the problem's node, or whoever may report its progress. */
export function mayAttach(actor: Actor, node: NodeRef, responsible: NodeRef | undefined): boolean {
  return can(actor, "problem.report", node.path) || mayAct(actor, "progress", node, responsible);
}

export function problemAbilities(actor: Actor, status: string, node: NodeRef | undefined, responsible: NodeRef | undefined): ProblemAbilities {
  const may = (action: ProblemAction) => node !== undefined && allows(action, status) && mayAct(actor, action, node, responsible);
  const open = isOpenStatus(status) && node !== undefined;
  return {
    assign: may("assign"),
    start: may("start"),
    progress: may("progress"),
    submit: may("submit"),
    approve: may("approve"),
    return: may("return"),
    dismiss: may("dismiss"),
    merge: may("merge"),
    delete: may("delete"),
    attach: open && mayAttach(actor, node, responsible),
    supervise: open && can(actor, "problem.supervise", node.path),
  };
}

export function clueAbilities(actor: Actor, status: string, node: NodeRef | undefined): ClueAbilities {
  const open = node !== undefined && status === "open";
  const manage = open && can(actor, "problem.manage", node.path);
  return { convert: manage, dismiss: manage, attach: open && can(actor, "problem.report", node.path) };
}

export function problemListAbilities(actor: Actor, status: string, node: NodeRef | undefined): ProblemListAbilities {
  const publish = node !== undefined && can(actor, "problem.publish", node.path);
  return { publish: publish && status === "draft", withdraw: publish && status === "published" };
}

export function commonListAbilities(actor: Actor, status: string, node: NodeRef | undefined): CommonListAbilities {
  return {
    addMembers: node !== undefined && can(actor, "problem.manage", node.path),
    publish: node !== undefined && status === "draft" && can(actor, "problem.publish", node.path),
  };
}

export function negativeListAbilities(actor: Actor, retired: boolean, node: NodeRef | undefined): NegativeListAbilities {
  const active = !retired && node !== undefined;
  return {
    recordBreach: active && can(actor, "problem.report", node.path),
    retire: active && can(actor, "problem.manage", node.path),
  };
}
