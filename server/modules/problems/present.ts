import { maskName, maskPhone } from "../../../shared/mask";
import type { Category, Channel, Light, Problem, ProblemStatus, Source } from "../../../shared/schemas/problems";
import type { Database } from "../../db/client";
import type { Actor } from "../../platform/context";
import { problemAbilities } from "./policy";
import { keptNodeRefs, type NodeRef } from "../../platform/tree";
import type { ClueRow, ProblemRow } from "./repository";

/** Keeps the surname and hides the rest: enough for staff to recognise a caller back, not to identify them. */
export const problemCode = (id: number) => `WT${String(id).padStart(6, "0")}`;
export const clueCode = (id: number) => `XS${String(id).padStart(6, "0")}`;

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
    abilities: problemAbilities(actor, row.status, node, responsible),
  };
}

export async function nodesOf(db: Database, rows: readonly { nodeId: number; responsibleNodeId?: number | null }[]): Promise<Map<number, NodeRef>> {
  return keptNodeRefs(
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
