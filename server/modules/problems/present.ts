import { maskName, maskPhone } from "../../../shared/mask";
import type { Category, Channel, Light, Problem, ProblemStatus, Source } from "../../../shared/schemas/problems";
import { openStatuses, transitions, type ProblemAction } from "../../../shared/schemas/problems";
import type { Database } from "../../db/client";
import type { Actor } from "../../platform/context";
import { can } from "../../platform/policy";
import { nodeRefs, type NodeRef } from "../../platform/tree";
import type { ClueRow, ProblemRow } from "./repository";

/** Keeps the surname and hides the rest: enough for staff to recognise a caller back, not to identify them. */
export const problemCode = (id: number) => `WT${String(id).padStart(6, "0")}`;
export const clueCode = (id: number) => `XS${String(id).padStart(6, "0")}`;

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

function abilities(actor: Actor, row: ProblemRow, node: NodeRef | undefined, responsible: NodeRef | undefined): Record<string, boolean> {
  const result: Record<string, boolean> = {};
  for (const action of Object.keys(actionPermission) as ProblemAction[]) {
    result[action] = node !== undefined && allows(action, row.status) && mayAct(actor, action, node, responsible);
  }
  const open = isOpenStatus(row.status);
  result.attach = open && node !== undefined && (can(actor, "problem.report", node.path) || mayAct(actor, "progress", node, responsible));
  result.supervise = open && node !== undefined && can(actor, "problem.supervise", node.path);
  return result;
}

export function presentProblem(actor: Actor, row: ProblemRow, nodes: Map<number, NodeRef>): Problem {
  const node = nodes.get(row.nodeId);
  const responsible = row.responsibleNodeId === null ? undefined : nodes.get(row.responsibleNodeId);
  return {
    id: row.id,
    code: problemCode(row.id),
    nodeId: row.nodeId,
    nodeName: node?.name ?? "",
    clueId: row.clueId,
    externalRef: row.externalRef,
    channel: row.channel as Channel,
    source: row.source as Source,
    category: row.category as Category,
    title: row.title,
    description: row.description,
    reporterName: maskName(row.reporterName),
    reporterPhone: maskPhone(row.reporterPhone),
    foundOn: row.foundOn,
    status: row.status as ProblemStatus,
    responsibleNodeId: row.responsibleNodeId,
    responsibleNodeName: responsible?.name ?? null,
    responsiblePerson: row.responsiblePerson,
    measure: row.measure,
    deadlineDays: row.deadlineDays,
    assignedAt: row.assignedAt?.toISOString() ?? null,
    deadlineAt: row.deadlineAt?.toISOString() ?? null,
    progress: row.progress,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    closedOnTime: row.closedOnTime,
    reworkCount: row.reworkCount,
    light: (row.light as Light | null) ?? null,
    escalationLevel: row.escalationLevel,
    mergedIntoId: row.mergedIntoId,
    dismissReason: row.dismissReason,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    abilities: abilities(actor, row, node, responsible),
  };
}

export async function nodesOf(db: Database, rows: readonly { nodeId: number; responsibleNodeId?: number | null }[]): Promise<Map<number, NodeRef>> {
  return nodeRefs(
    db,
    rows.flatMap((row) => (row.responsibleNodeId ? [row.nodeId, row.responsibleNodeId] : [row.nodeId])),
  );
}

export async function presentProblems(db: Database, actor: Actor, rows: ProblemRow[]): Promise<Problem[]> {
  const nodes = await nodesOf(db, rows);
  return rows.map((row) => presentProblem(actor, row, nodes));
}

/** What the audit trail keeps of a problem: the change, with the reporter's data masked. */
export function auditView(row: ProblemRow) {
  return {
    status: row.status,
    nodeId: row.nodeId,
    responsibleNodeId: row.responsibleNodeId,
    responsiblePerson: row.responsiblePerson,
    deadlineAt: row.deadlineAt?.toISOString() ?? null,
    progress: row.progress,
    reworkCount: row.reworkCount,
    reporterName: maskName(row.reporterName),
    reporterPhone: maskPhone(row.reporterPhone),
    version: row.version,
  };
}

export function clueAuditView(row: ClueRow) {
  return {
    status: row.status,
    nodeId: row.nodeId,
    channel: row.channel,
    source: row.source,
    category: row.category,
    reporterName: maskName(row.reporterName),
    reporterPhone: maskPhone(row.reporterPhone),
    version: row.version,
  };
}
