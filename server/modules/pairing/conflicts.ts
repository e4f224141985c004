import type { z } from "zod";
import { maskName } from "../../../shared/mask";
import {
  HIGH_RISK,
  conflictKindLabels,
  conflictResultLabels,
  conflictSourceLabels,
  conflictStatusLabels,
  deadlineDaysByRisk,
  riskLabels,
  settlingResults,
  type AnswerSuggestionBody,
  type Conflict,
  type ConflictExportQuery,
  type ConflictQuery,
  type ConflictResultBody,
  type ConflictStepBody,
  type CreateConflictBody,
  type SuggestionQuery,
  type UpdateConflictBody,
} from "../../../shared/schemas/pairing";
import type { Database } from "../../db/client";
import { usersWithRoleAt } from "../../platform/auth/service";
import { addWorkingDays, localDay, localMidnight } from "../../platform/calendar/service";
import type { RequestContext, Tx } from "../../platform/context";
import { conflict, invalidField, notFound, versionConflict } from "../../platform/errors";
import type { ConflictEventHook } from "../../platform/modules";
import { authorizeAt, requirePermission } from "../../platform/policy";
import { nodeRef, nodeRefs, visibleNode, type NodeRef } from "../../platform/tree";
import { auditOnly, write, type Audit } from "../../platform/write";
import { notify } from "../notifications/service";
import { personFacts } from "../people/service";
import * as repo from "./repository";
import { listScope } from "./access";

/** Names, phone numbers and ID numbers in the parties' text: every name cut to its first character, every digit hidden. */
export function maskParties(parties: string): string {
  return parties
    .split(/([、,，;；\s]+|与|和|及)/)
    .map((part, index) => (index % 2 === 1 ? part : (maskName(part) ?? "")))
    .join("")
    .replace(/\d/g, "*");
}

function today(ctx: RequestContext): string {
  return localDay(ctx.clock.now());
}

// --- opening an entry: from a visit, by hand, or from a grid event

export interface OpenConflict {
  cityId: number;
  node: NodeRef;
  kind: string;
  summary: string;
  parties: string;
  riskLevel: number;
  source: string;
  visitId: number | null;
  eventId: number | null;
  responsiblePersonId: number | null;
  reportedOn: string;
  createdBy: number | null;
  at: Date;
}

async function deadlineFor(db: Database, cityId: number, reportedOn: string, riskLevel: number): Promise<string> {
  const days = deadlineDaysByRisk[riskLevel as 1 | 2 | 3 | 4];
  return localDay(await addWorkingDays(db, cityId, localMidnight(reportedOn), days));
}

/** The township (or street) a node lies in: the second id of its path. */
function townshipOf(node: NodeRef): number | null {
  const id = Number(node.path.split("/").filter(Boolean)[1]);
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** High risk notifies the township's leaders at once, in the same transaction as the entry. */
async function notifyHighRisk(tx: Tx, row: repo.ConflictRow, node: NodeRef, at: Date): Promise<void> {
  if (row.riskLevel < HIGH_RISK) return;
  const township = townshipOf(node);
  const leaders = township === null ? [] : await usersWithRoleAt(tx as unknown as Database, [township], ["leader"]);
  if (leaders.length === 0) return;
  await notify(tx as unknown as Database, {
    cityId: row.cityId,
    userIds: leaders,
    kind: "conflict_high_risk",
    title: `${riskLabels[row.riskLevel as 1 | 2 | 3 | 4]}矛盾隐患：${node.name}`,
    body: `${conflictKindLabels[row.kind as keyof typeof conflictKindLabels] ?? row.kind}：${row.summary}（化解期限 ${row.deadline}）`,
    link: `/pairing/conflicts/${row.id}`,
    entity: "pairing_conflict",
    entityId: row.id,
    dedupeKey: `conflict:${row.id}:risk${row.riskLevel}`,
    at,
  });
}

export async function openConflict(tx: Tx, audit: Audit, input: OpenConflict): Promise<repo.ConflictRow> {
  const deadline = await deadlineFor(tx as unknown as Database, input.cityId, input.reportedOn, input.riskLevel);
  const row = await repo.insertConflict(tx, {
    cityId: input.cityId,
    nodeId: input.node.id,
    kind: input.kind,
    summary: input.summary,
    parties: input.parties,
    riskLevel: input.riskLevel,
    source: input.source,
    visitId: input.visitId,
    eventId: input.eventId,
    responsiblePersonId: input.responsiblePersonId,
    reportedOn: input.reportedOn,
    deadline,
    createdBy: input.createdBy,
    createdAt: input.at,
    updatedAt: input.at,
  });
  audit({
    action: "conflict.create",
    entity: "pairing_conflict",
    entityId: row.id,
    nodeId: input.node.id,
    cityId: input.cityId,
    after: { kind: row.kind, riskLevel: row.riskLevel, source: row.source, visitId: row.visitId, eventId: row.eventId, deadline, parties: maskParties(row.parties) },
  });
  await notifyHighRisk(tx, row, input.node, input.at);
  return row;
}

/** Grid events of conflict types open an entry at once: the hook the events module calls when it registers one. */
export const openFromGridEvent: ConflictEventHook = async (tx, audit, event) => {
  if (await repo.conflictOfEvent(tx as unknown as Database, event.cityId, event.eventId)) return;
  const node = await nodeRef(tx as unknown as Database, event.nodeId);
  if (!node) return;
  await openConflict(tx, audit, {
    cityId: event.cityId,
    node,
    kind: kindOfEventType(event.typeName),
    summary: `${event.typeName}：${event.description}`.slice(0, 500),
    parties: "（待核实）",
    riskLevel: 2,
    source: "grid_event",
    visitId: null,
    eventId: event.eventId,
    responsiblePersonId: null,
    reportedOn: localDay(event.reportedAt),
    createdBy: null,
    at: event.at,
  });
};

/** The register's kind for an event type, by the words of its name. */
export function kindOfEventType(typeName: string): string {
  const rules: [RegExp, keyof typeof conflictKindLabels][] = [
    [/邻里/, "neighbours"],
    [/土地|宅基地|承包/, "land"],
    [/婚姻|家庭|赡养/, "family"],
    [/欠薪|工资|劳资/, "labour"],
    [/物业/, "property"],
    [/信访/, "petition"],
    [/隐患|安全|燃气|消防|房屋/, "safety"],
  ];
  return rules.find(([pattern]) => pattern.test(typeName))?.[1] ?? "other";
}

export async function insertSuggestionFor(tx: Tx, audit: Audit, input: { cityId: number; nodeId: number; visitId: number | null; content: string; proposedBy: number | null; at: Date }): Promise<number> {
  const row = await repo.insertSuggestion(tx, { cityId: input.cityId, nodeId: input.nodeId, visitId: input.visitId, content: input.content, proposedBy: input.proposedBy, createdAt: input.at, updatedAt: input.at });
  audit({ action: "suggestion.create", entity: "pairing_suggestion", entityId: row.id, nodeId: input.nodeId, cityId: input.cityId, after: { visitId: input.visitId } });
  return row.id;
}

// --- the register

async function presentConflicts(ctx: RequestContext, rows: repo.ConflictRow[]): Promise<z.infer<typeof Conflict>[]> {
  if (rows.length === 0) return [];
  const now = today(ctx);
  const [nodes, people] = await Promise.all([
    nodeRefs(ctx.db, rows.map((row) => row.nodeId)),
    personFacts(ctx.db, rows[0]!.cityId, rows.flatMap((row) => (row.responsiblePersonId === null ? [] : [row.responsiblePersonId]))),
  ]);
  return rows.map((row) => ({
    id: row.id,
    nodeId: row.nodeId,
    nodeName: nodes.get(row.nodeId)?.name ?? "",
    kind: row.kind as z.infer<typeof Conflict>["kind"],
    summary: row.summary,
    parties: maskParties(row.parties),
    riskLevel: row.riskLevel,
    source: row.source as z.infer<typeof Conflict>["source"],
    visitId: row.visitId,
    eventId: row.eventId,
    responsiblePersonId: row.responsiblePersonId,
    responsibleName: row.responsiblePersonId === null ? null : (people.get(row.responsiblePersonId)?.name ?? null),
    reportedOn: row.reportedOn,
    deadline: row.deadline,
    status: row.status as z.infer<typeof Conflict>["status"],
    result: row.result as z.infer<typeof Conflict>["result"],
    resultNote: row.resultNote,
    resolvedOn: row.resolvedOn,
    overdue: row.resolvedOn === null && row.status === "open" && row.deadline < now,
    version: row.version,
  }));
}

function filterOf(query: Omit<z.infer<typeof ConflictQuery>, "page" | "pageSize">, scope: repo.ConflictFilter["scope"]): repo.ConflictFilter {
  // A figure's drill-down opens exactly the rows its count counted, whatever else the link says.
  const reported = { reportedFrom: query.from, reportedTo: query.to };
  if (query.figure === "resolved") return { scope, resolved: true, ...reported };
  return { scope, status: query.status, kind: query.kind, source: query.source, riskLevel: query.riskLevel, q: query.q, eventId: query.event, ...reported };
}

export async function listConflicts(ctx: RequestContext, query: z.infer<typeof ConflictQuery>) {
  const { scope } = await listScope(ctx, "pairing.read", query.org);
  const { rows, total } = await repo.listConflicts(ctx.db, filterOf(query, scope), query.pageSize, (query.page - 1) * query.pageSize);
  return { items: await presentConflicts(ctx, rows), total, page: query.page, pageSize: query.pageSize };
}

const csvCell = (value: string | number | null): string => {
  const text = value === null ? "" : String(value);
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The register as CSV (UTF-8 with BOM, for Excel), parties masked as in the list. */
export async function exportConflicts(ctx: RequestContext, query: z.infer<typeof ConflictExportQuery>): Promise<string> {
  const { scope } = await listScope(ctx, "pairing.read", query.org);
  const { rows } = await repo.listConflicts(ctx.db, filterOf(query, scope), 10_000, 0);
  const items = await presentConflicts(ctx, rows);
  const header = ["编号", "地点", "类别", "概要", "当事人", "风险等级", "来源", "责任人", "登记日期", "化解期限", "状态", "结果", "化解日期"];
  const lines = items.map((item) =>
    [
      item.id,
      item.nodeName,
      conflictKindLabels[item.kind],
      item.summary,
      item.parties,
      riskLabels[item.riskLevel as 1 | 2 | 3 | 4],
      conflictSourceLabels[item.source],
      item.responsibleName,
      item.reportedOn,
      item.deadline,
      conflictStatusLabels[item.status],
      item.result ? conflictResultLabels[item.result] : null,
      item.resolvedOn,
    ]
      .map(csvCell)
      .join(","),
  );
  return `\uFEFF${[header.join(","), ...lines].join("\r\n")}\r\n`;
}

/** An entry the caller may act on: 404 outside what they see, 403 without the permission there. */
async function conflictFor(ctx: RequestContext, id: number, permission: "pairing.read" | "conflict.manage" | "person.reveal") {
  requirePermission(ctx, "pairing.read");
  const row = await repo.findConflict(ctx.db, id);
  const node = row ? await nodeRef(ctx.db, row.nodeId) : undefined;
  if (!row || !node) throw notFound("矛盾隐患");
  authorizeAt(ctx, "pairing.read", node.path);
  authorizeAt(ctx, permission, node.path);
  return { row, node };
}

export async function getConflict(ctx: RequestContext, id: number) {
  const { row } = await conflictFor(ctx, id, "pairing.read");
  const steps = await repo.stepsOf(ctx.db, id);
  const [presented] = await presentConflicts(ctx, [row]);
  return {
    ...presented!,
    steps: steps.map((step) => ({ id: step.id, kind: step.kind as "mediation" | "follow_up", happenedOn: step.happenedOn, note: step.note, outcome: step.outcome, createdAt: step.createdAt.toISOString() })),
  };
}

async function responsibleIn(db: Database, cityId: number, personId: number): Promise<void> {
  if (!(await personFacts(db, cityId, [personId])).has(personId)) throw invalidField("responsiblePersonId", "责任人不存在 (no such person in this city)");
}

export async function createConflict(ctx: RequestContext, body: z.infer<typeof CreateConflictBody>) {
  const actor = requirePermission(ctx, "conflict.manage");
  const node = await visibleNode(ctx, body.nodeId);
  authorizeAt(ctx, "conflict.manage", node.path);
  await responsibleIn(ctx.db, node.cityId, body.responsiblePersonId);
  const reportedOn = body.reportedOn ?? today(ctx);
  if (reportedOn > today(ctx)) throw invalidField("reportedOn", "不能晚于今天 (cannot be in the future)");
  const row = await write(ctx, (tx, audit) =>
    openConflict(tx, audit, { ...body, cityId: node.cityId, node, visitId: null, eventId: null, reportedOn, createdBy: actor.userId, at: ctx.clock.now() }),
  );
  return getConflict(ctx, row.id);
}

export async function updateConflict(ctx: RequestContext, id: number, body: z.infer<typeof UpdateConflictBody>) {
  const { row, node } = await conflictFor(ctx, id, "conflict.manage");
  if (row.status === "closed") throw conflict("已办结的登记不能修改 (the entry is closed)", "invalid_transition");
  if (row.version !== body.version) throw versionConflict();
  if (body.responsiblePersonId !== undefined) await responsibleIn(ctx.db, row.cityId, body.responsiblePersonId);
  const riskLevel = body.riskLevel ?? row.riskLevel;
  // A new risk level moves the deadline, counted from the day the entry was registered.
  const deadline = riskLevel !== row.riskLevel ? await deadlineFor(ctx.db, row.cityId, row.reportedOn, riskLevel) : row.deadline;
  const at = ctx.clock.now();
  await write(ctx, async (tx, audit) => {
    const changes = { summary: body.summary ?? row.summary, riskLevel, deadline, responsiblePersonId: body.responsiblePersonId ?? row.responsiblePersonId };
    const updated = await repo.updateConflict(tx, id, body.version, changes, at);
    if (!updated) throw versionConflict();
    audit({ action: "conflict.update", entity: "pairing_conflict", entityId: id, nodeId: node.id, cityId: row.cityId, before: { riskLevel: row.riskLevel, deadline: row.deadline, responsiblePersonId: row.responsiblePersonId }, after: { riskLevel, deadline, responsiblePersonId: changes.responsiblePersonId } });
    if (riskLevel > row.riskLevel) await notifyHighRisk(tx, updated, node, at);
  });
  return getConflict(ctx, id);
}

/** A mediation step while open; follow-up visits after the result, until the entry is closed. */
export async function addStep(ctx: RequestContext, id: number, body: z.infer<typeof ConflictStepBody>) {
  const { row, node } = await conflictFor(ctx, id, "conflict.manage");
  if (row.status === "closed") throw conflict("已办结的登记不能再记录 (the entry is closed)", "invalid_transition");
  if (body.kind === "mediation" && row.status !== "open") throw conflict("已有结果，请记录回访 (a result is recorded: log a follow-up instead)", "invalid_transition");
  if (row.version !== body.version) throw versionConflict();
  const happenedOn = body.happenedOn ?? today(ctx);
  if (happenedOn > today(ctx)) throw invalidField("happenedOn", "不能晚于今天 (cannot be in the future)");
  if (happenedOn < row.reportedOn) throw invalidField("happenedOn", "不能早于登记日期 (before the entry was registered)");
  const at = ctx.clock.now();
  await write(ctx, async (tx, audit) => {
    // The version moves with every step, so two people recording at once cannot both pass.
    if (!(await repo.updateConflict(tx, id, body.version, {}, at))) throw versionConflict();
    const step = await repo.insertStep(tx, { cityId: row.cityId, conflictId: id, kind: body.kind, happenedOn, note: body.note, outcome: body.outcome || null, createdBy: ctx.actor?.userId ?? null, createdAt: at });
    audit({ action: `conflict.${body.kind}`, entity: "pairing_conflict", entityId: id, nodeId: node.id, cityId: row.cityId, after: { stepId: step.id, happenedOn } });
  });
  return getConflict(ctx, id);
}

export async function recordResult(ctx: RequestContext, id: number, body: z.infer<typeof ConflictResultBody>) {
  const { row, node } = await conflictFor(ctx, id, "conflict.manage");
  if (row.status !== "open") throw conflict("结果已记录 (a result is already recorded)", "invalid_transition");
  if (row.version !== body.version) throw versionConflict();
  if (row.responsiblePersonId === null) throw invalidField("responsiblePersonId", "请先指定责任人 (name the person responsible first)");
  const day = body.resolvedOn ?? today(ctx);
  if (day > today(ctx)) throw invalidField("resolvedOn", "不能晚于今天 (cannot be in the future)");
  if (day < row.reportedOn) throw invalidField("resolvedOn", "不能早于登记日期 (before the entry was registered)");
  const settles = (settlingResults as readonly string[]).includes(body.result);
  const at = ctx.clock.now();
  await write(ctx, async (tx, audit) => {
    const changes = { result: body.result, resultNote: body.note, status: settles ? "resolved" : "referred", resolvedOn: settles ? day : null };
    if (!(await repo.updateConflict(tx, id, body.version, changes, at))) throw versionConflict();
    audit({ action: "conflict.result", entity: "pairing_conflict", entityId: id, nodeId: node.id, cityId: row.cityId, before: { status: row.status }, after: { status: changes.status, result: body.result, resolvedOn: changes.resolvedOn } });
  });
  return getConflict(ctx, id);
}

export async function closeConflict(ctx: RequestContext, id: number, version: number) {
  const { row, node } = await conflictFor(ctx, id, "conflict.manage");
  if (row.status === "open") throw conflict("尚未记录结果，不能办结 (record a result first)", "invalid_transition");
  if (row.status === "closed") throw conflict("已办结 (already closed)", "invalid_transition");
  if (row.version !== version) throw versionConflict();
  const at = ctx.clock.now();
  await write(ctx, async (tx, audit) => {
    if (!(await repo.updateConflict(tx, id, version, { status: "closed", closedAt: at }, at))) throw versionConflict();
    audit({ action: "conflict.close", entity: "pairing_conflict", entityId: id, nodeId: node.id, cityId: row.cityId, before: { status: row.status }, after: { status: "closed" } });
  });
  return getConflict(ctx, id);
}

/** An entry made in error is withdrawn, never erased: soft-deleted with the reason, audited. */
export async function deleteConflict(ctx: RequestContext, id: number, version: number, reason: string) {
  const { row, node } = await conflictFor(ctx, id, "conflict.manage");
  if (row.version !== version) throw versionConflict();
  const at = ctx.clock.now();
  await write(ctx, async (tx, audit) => {
    if (!(await repo.updateConflict(tx, id, version, { deletedAt: at }, at))) throw versionConflict();
    audit({ action: "conflict.delete", entity: "pairing_conflict", entityId: id, nodeId: node.id, cityId: row.cityId, before: { status: row.status }, after: { deleted: true, reason } });
  });
}

/** The parties in full, to a role that needs them; the reveal is audited (never the value). */
export async function revealParties(ctx: RequestContext, id: number) {
  const { row, node } = await conflictFor(ctx, id, "person.reveal");
  await auditOnly(ctx, { action: "conflict.reveal", entity: "pairing_conflict", entityId: id, nodeId: node.id, cityId: row.cityId, after: { field: "parties" } });
  return { parties: row.parties };
}

// --- suggestions (建议在一线提出)

export async function listSuggestions(ctx: RequestContext, query: z.infer<typeof SuggestionQuery>) {
  const { scope } = await listScope(ctx, "pairing.read", query.org);
  const { rows, total } = await repo.listSuggestions(ctx.db, { scope, status: query.status }, query.pageSize, (query.page - 1) * query.pageSize);
  const nodes = await nodeRefs(ctx.db, rows.map((row) => row.nodeId));
  return { items: rows.map((row) => presentSuggestion(row, nodes.get(row.nodeId))), total, page: query.page, pageSize: query.pageSize };
}

function presentSuggestion(row: repo.SuggestionRow, node: NodeRef | undefined) {
  return {
    id: row.id,
    nodeId: row.nodeId,
    nodeName: node?.name ?? "",
    visitId: row.visitId,
    content: row.content,
    status: row.status as "open" | "answered",
    answer: row.answer,
    answeredByName: row.answeredByName,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

export async function answerSuggestion(ctx: RequestContext, id: number, body: z.infer<typeof AnswerSuggestionBody>) {
  const actor = requirePermission(ctx, "pairing.manage");
  const row = await repo.findSuggestion(ctx.db, id);
  const node = row ? await nodeRef(ctx.db, row.nodeId) : undefined;
  if (!row || !node) throw notFound("建议");
  authorizeAt(ctx, "pairing.manage", node.path);
  if (row.status === "answered") throw conflict("该建议已答复 (already answered)", "invalid_transition");
  if (row.version !== body.version) throw versionConflict();
  const at = ctx.clock.now();
  const updated = await write(ctx, async (tx, audit) => {
    const answered = await repo.answerSuggestion(tx, id, body.version, { answer: body.answer, answeredBy: actor.userId, answeredByName: body.answeredByName, answeredAt: at });
    if (!answered) throw versionConflict();
    audit({ action: "suggestion.answer", entity: "pairing_suggestion", entityId: id, nodeId: node.id, cityId: row.cityId, before: { status: "open" }, after: { status: "answered", answeredByName: body.answeredByName } });
    return answered;
  });
  return presentSuggestion(updated, node);
}
