import type { z } from "zod";
import { maskPhone } from "../../../shared/mask";
import type {
  ApproveBody,
  AssignBody,
  Category,
  Channel,
  ClueQuery,
  ConvertClueBody,
  CreateClueBody,
  CreateProblemBody,
  DeleteBody,
  MergeBody,
  ProblemAction,
  ProblemQuery,
  ProgressBody,
  ReasonBody,
  Source,
  StartBody,
  SubmitBody,
  SupervisionQuery,
} from "../../../shared/schemas/problems";
import { transitions, type ProblemStatus } from "../../../shared/schemas/problems";
import type { Database } from "../../db/client";
import { calendarFor, localDay, localMidnight, type WorkCalendar } from "../../platform/calendar/service";
import type { Actor, RequestContext, Tx } from "../../platform/context";
import { AppError, conflict, forbidden, invalidField, versionConflict } from "../../platform/errors";
import { authorizeAt, requireActor, type Scope } from "../../platform/policy";
import { write, type Audit } from "../../platform/write";
import { nodeRefs, visibleNode, type NodeRef } from "../../platform/tree";
import { auditView, clueAuditView, clueCode, nodesOf, presentProblem, presentProblems, problemCode } from "./present";
import { clueAbilities, isOpenStatus, mayAct } from "./policy";
import { maskName } from "../../../shared/mask";
import type { SourceFigures } from "../../../shared/figures";
import { clueFor, listScope, nodeFor, page, presentAttachment, problemFor, invalidTransition, type ProblemAccess } from "./access";
import * as listsRepo from "./lists-repository";
import * as repo from "./repository";
import { SIMILAR_CANDIDATES, rankSimilar } from "./similarity";
import { noticeOfTurn } from "./notices";

export { attachToClue, attachToProblem, downloadAttachment } from "./attachments";

export { ESCALATE_EVERY_WORKING_DAYS, sweepOverdue } from "./overdue";
export { raiseClue, type RaisedClue } from "./raised";

/** A node keeps its open problems and clues: it is not retired under them. */
export async function retireGuard(db: Database, nodeId: number): Promise<string | null> {
  return (await repo.countOpenAt(db, nodeId)) > 0 ? "该节点仍有未办结的问题或线索，请先办结或移交 (open problems or clues still lie at or were given to this node)" : null;
}

// --- clues (线索)

function presentClue(actor: Actor, clue: repo.ClueRow, node: NodeRef | undefined, problemIds: number[]) {
  return {
    id: clue.id,
    code: clueCode(clue.id),
    nodeId: clue.nodeId,
    nodeName: node?.name ?? "",
    channel: clue.channel as Channel,
    source: clue.source as Source,
    category: clue.category as Category,
    description: clue.description,
    reporterName: maskName(clue.reporterName),
    reporterPhone: maskPhone(clue.reporterPhone),
    receivedAt: clue.receivedAt.toISOString(),
    status: clue.status as "open" | "converted" | "dismissed",
    dismissReason: clue.dismissReason,
    publicSubmission: clue.publicSubmission,
    origin: clue.origin,
    problemIds,
    version: clue.version,
    abilities: clueAbilities(actor, clue.status, node),
  };
}

async function presentClues(db: Database, actor: Actor, rows: repo.ClueRow[]) {
  const nodes = await nodeRefs(db, rows.map((row) => row.nodeId));
  const problemIds = await repo.problemIdsOfClues(db, rows.map((row) => row.id));
  return rows.map((row) => presentClue(actor, row, nodes.get(row.nodeId), problemIds.get(row.id) ?? []));
}

export async function listClues(ctx: RequestContext, query: z.infer<typeof ClueQuery>) {
  const { actor, scope, within } = await listScope(ctx, "problem.read", query.org);
  const { limit, offset } = page(query);
  // problems.clues counts every clue of the subtree: the drill-down is the same list without filters.
  const filters = query.figure ? {} : { status: query.status, channel: query.channel, source: query.source, category: query.category, from: query.from, to: query.to };
  const { rows, total } = await repo.listClues(ctx.db, { scope: within ?? scope, ...filters }, limit, offset);
  return { items: await presentClues(ctx.db, actor, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function getClue(ctx: RequestContext, id: number) {
  const { actor, clue } = await clueFor(ctx, id);
  const [presented] = await presentClues(ctx.db, actor, [clue]);
  const attachments = await repo.attachmentsOf(ctx.db, { clueId: id });
  return { ...presented!, attachments: attachments.map(presentAttachment) };
}

function receivedAt(ctx: RequestContext, day: string | undefined, field: string): Date {
  const now = ctx.clock.now();
  if (day === undefined) return now;
  if (day > localDay(now)) throw invalidField(field, "cannot be in the future");
  return localMidnight(day);
}

export async function createClue(ctx: RequestContext, body: z.infer<typeof CreateClueBody>) {
  const node = await nodeFor(ctx, body.nodeId, "problem.report", "nodeId");
  const actor = requireActor(ctx);
  const at = receivedAt(ctx, body.receivedOn, "receivedOn");
  const clue = await write(ctx, async (tx, audit) => {
    const row = await repo.insertClue(tx, {
      cityId: node.cityId,
      nodeId: node.id,
      channel: body.channel,
      source: body.source,
      category: body.category,
      description: body.description,
      reporterName: body.reporterName || null,
      reporterPhone: body.reporterPhone ?? null,
      receivedAt: at,
      createdBy: actor.userId,
      createdAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
    });
    audit({ action: "clue.create", entity: "problem_clue", entityId: row.id, nodeId: node.id, cityId: node.cityId, after: clueAuditView(row) });
    return row;
  });
  return presentClue(actor, clue, node, []);
}

/** A clue becomes one or several problems, each registered at the clue's node or another the caller may report at. */
export async function convertClue(ctx: RequestContext, id: number, body: z.infer<typeof ConvertClueBody>) {
  const { actor, clue, node } = await clueFor(ctx, id);
  authorizeAt(ctx, "problem.manage", node.path);
  if (clue.status !== "open") throw conflict(`线索已处理 (the clue is already ${clue.status})`, "invalid_transition");
  const targets: NodeRef[] = [];
  for (const [index, item] of body.problems.entries()) {
    const target = item.nodeId === undefined || item.nodeId === node.id ? node : await nodeFor(ctx, item.nodeId, "problem.report", `problems.${index}.nodeId`);
    if (target.cityId !== clue.cityId) throw invalidField(`problems.${index}.nodeId`, "must be in the clue's city");
    targets.push(target);
  }
  const created = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const closed = await repo.closeClue(tx, id, body.version, { status: "converted", convertedAt: at }, at);
    if (!closed) throw versionConflict();
    const rows = await repo.insertProblems(
      tx,
      body.problems.map((item, index) => ({
        cityId: clue.cityId,
        nodeId: targets[index]!.id,
        clueId: clue.id,
        channel: clue.channel,
        source: clue.source,
        category: item.category ?? clue.category,
        title: item.title,
        description: item.description ?? clue.description,
        reporterName: clue.reporterName,
        reporterPhone: clue.reporterPhone,
        foundOn: localDay(clue.receivedAt),
        createdBy: actor.userId,
        createdAt: at,
        updatedAt: at,
      })),
    );
    await repo.insertEvents(
      tx,
      rows.map((row) => ({ cityId: row.cityId, problemId: row.id, action: "register", toStatus: "registered", data: { clueId: clue.id }, actorUserId: actor.userId, actorName: actor.displayName, at })),
    );
    audit({ action: "clue.convert", entity: "problem_clue", entityId: id, nodeId: clue.nodeId, cityId: clue.cityId, before: clueAuditView(clue), after: { ...clueAuditView(closed), problemIds: rows.map((row) => row.id) } });
    for (const row of rows) audit({ action: "problem.create", entity: "problem", entityId: row.id, nodeId: row.nodeId, cityId: row.cityId, after: auditView(row) });
    return rows;
  });
  return { items: await presentProblems(ctx.db, actor, created) };
}

export async function dismissClue(ctx: RequestContext, id: number, body: z.infer<typeof ReasonBody>) {
  const { actor, clue, node } = await clueFor(ctx, id);
  authorizeAt(ctx, "problem.manage", node.path);
  if (clue.status !== "open") throw conflict(`线索已处理 (the clue is already ${clue.status})`, "invalid_transition");
  const dismissed = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await repo.closeClue(tx, id, body.version, { status: "dismissed", dismissedAt: at, dismissReason: body.reason }, at);
    if (!row) throw versionConflict();
    audit({ action: "clue.dismiss", entity: "problem_clue", entityId: id, nodeId: clue.nodeId, cityId: clue.cityId, before: clueAuditView(clue), after: { ...clueAuditView(row), reason: body.reason } });
    return row;
  });
  return presentClue(actor, dismissed, node, []);
}

// --- problems

export async function listProblems(ctx: RequestContext, query: z.infer<typeof ProblemQuery>) {
  const { actor, scope, within, city } = await listScope(ctx, "problem.read", query.org);
  const { limit, offset } = page(query);
  if (query.cursor && !repo.CURSOR_SORTS.includes(query.sort)) throw invalidField("cursor", "only the recent and found orders page by cursor");
  const cursor = query.cursor ? Number(query.cursor) : undefined;
  const { rows, total, totalCapped, nextCursor } = await repo.listProblems(ctx.db, problemFilter(scope, within, query, city), query.sort, limit, offset, cursor);
  return { items: await presentProblems(ctx.db, actor, rows), total, totalCapped, nextCursor, page: query.page, pageSize: query.pageSize };
}

export function problemFilter(scope: Scope, within: Scope | undefined, query: Omit<z.infer<typeof ProblemQuery>, "page" | "pageSize" | "sort">, city?: { id: number; whole: boolean }): repo.ProblemFilter {
  return {
    scope,
    // A city's root: city_id says it all.
    within: city?.whole ? undefined : within,
    cityId: city?.id,
    status: query.status,
    channel: query.channel,
    source: query.source,
    category: query.category,
    light: query.light,
    from: query.from,
    to: query.to,
    q: query.q,
    clueId: query.clue,
    commonListId: query.commonList,
    escalated: query.escalated === undefined ? undefined : query.escalated === "true",
    figure: query.figure,
    responsibleNodeId: query.responsible,
  };
}

/** 督办: open problems running late (yellow or red) or escalated, the most urgent first. */
export async function supervisionList(ctx: RequestContext, query: z.infer<typeof SupervisionQuery>) {
  const { actor, scope, within, city } = await listScope(ctx, "problem.supervise", query.org);
  const { limit, offset } = page(query);
  const { rows, total } = await repo.listProblems(ctx.db, { scope, within, cityId: city?.id, supervision: true }, "urgency", limit, offset);
  return { items: await presentProblems(ctx.db, actor, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function getProblem(ctx: RequestContext, id: number) {
  const { actor, problem } = await problemFor(ctx, id);
  const [events, attachments, escalations, commonLists] = [
    await repo.eventsOf(ctx.db, id),
    await repo.attachmentsOf(ctx.db, { problemId: id }),
    await repo.escalationsOf(ctx.db, id),
    await listsRepo.commonListsOfProblem(ctx.db, id),
  ];
  const nodes = await nodeRefs(ctx.db, [problem.nodeId, ...(problem.responsibleNodeId ? [problem.responsibleNodeId] : []), ...escalations.map((row) => row.toNodeId)]);
  return {
    ...presentProblem(actor, problem, nodes),
    timeline: events.map((event) => ({
      id: event.id,
      action: event.action,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      note: event.note,
      data: (event.data as Record<string, unknown> | null) ?? null,
      actorName: event.actorName,
      at: event.at.toISOString(),
    })),
    attachments: attachments.map(presentAttachment),
    escalations: escalations.map((row) => ({
      level: row.level,
      toNodeId: row.toNodeId,
      toNodeName: nodes.get(row.toNodeId)?.name ?? "",
      overdueWorkingDays: row.overdueWorkingDays,
      at: row.at.toISOString(),
    })),
    commonLists,
  };
}

async function similarTo(db: Database, nodeId: number, exceptId: number | null, text: string) {
  const candidates = await repo.openAtNode(db, nodeId, exceptId, SIMILAR_CANDIDATES);
  return rankSimilar(text, candidates).map((row) => ({ id: row.id, code: problemCode(row.id), title: row.title, status: row.status as ProblemStatus, similarity: row.similarity }));
}

/** Open problems at the same node that read alike: candidates for merging. */
export async function similarProblems(ctx: RequestContext, id: number) {
  const { problem } = await problemFor(ctx, id);
  return { items: await similarTo(ctx.db, problem.nodeId, problem.id, `${problem.title}${problem.description}`) };
}

export async function createProblem(ctx: RequestContext, body: z.infer<typeof CreateProblemBody>) {
  const node = await nodeFor(ctx, body.nodeId, "problem.report", "nodeId");
  const actor = requireActor(ctx);
  const foundOn = body.foundOn ?? localDay(ctx.clock.now());
  if (foundOn > localDay(ctx.clock.now())) throw invalidField("foundOn", "cannot be in the future");
  const created = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const [row] = await repo.insertProblems(tx, [
      {
        cityId: node.cityId,
        nodeId: node.id,
        channel: body.channel,
        source: body.source,
        category: body.category,
        title: body.title,
        description: body.description,
        reporterName: body.reporterName || null,
        reporterPhone: body.reporterPhone ?? null,
        foundOn,
        createdBy: actor.userId,
        createdAt: at,
        updatedAt: at,
      },
    ]);
    await repo.insertEvent(tx, { cityId: node.cityId, problemId: row!.id, action: "register", toStatus: "registered", actorUserId: actor.userId, actorName: actor.displayName, at });
    audit({ action: "problem.create", entity: "problem", entityId: row!.id, nodeId: node.id, cityId: node.cityId, after: auditView(row!) });
    return row!;
  });
  const similar = await similarTo(ctx.db, node.id, created.id, `${created.title}${created.description}`);
  return { ...presentProblem(actor, created, new Map([[node.id, node]])), similar };
}

// --- the state machine

interface Step {
  changes: Partial<repo.ProblemRow>;
  note?: string | null;
  data?: Record<string, unknown>;
  attachmentIds?: number[];
  /** Work beside the problem's own row, in the same transaction. */
  also?: (tx: Tx, audit: Audit, updated: repo.ProblemRow, at: Date) => Promise<void>;
}

function lightOf(calendar: WorkCalendar, row: Pick<repo.ProblemRow, "assignedAt" | "deadlineAt">, at: Date) {
  return row.assignedAt && row.deadlineAt ? calendar.light(row.assignedAt, row.deadlineAt, at) : null;
}

/**
 * Runs one transition: who may, from which status, with which version; then one transaction
 * writes the problem, its timeline row and the audit entry.
 */
async function transition(ctx: RequestContext, id: number, action: ProblemAction, version: number, plan: (access: ProblemAccess, at: Date) => Promise<Step>) {
  const access = await problemFor(ctx, id);
  const { actor, problem, node, responsible } = access;
  if (!mayAct(actor, action, node, responsible)) throw forbidden();
  const to = transitions[action][problem.status as ProblemStatus];
  if (to === undefined) throw invalidTransition(action, problem.status);
  const at = ctx.clock.now();
  const step = await plan(access, at);
  const updated = await write(ctx, async (tx, audit) => {
    const row = await repo.updateProblem(tx, id, version, problem.status as ProblemStatus, { ...step.changes, status: to }, at);
    if (!row) throw versionConflict();
    const event = await repo.insertEvent(tx, {
      cityId: row.cityId,
      problemId: id,
      action,
      fromStatus: problem.status,
      toStatus: to,
      note: step.note ?? null,
      data: step.data ?? null,
      actorUserId: actor.userId,
      actorName: actor.displayName,
      at,
    });
    if (step.attachmentIds?.length) {
      const linked = await repo.linkAttachments(tx, id, step.attachmentIds, event.id);
      if (linked !== new Set(step.attachmentIds).size) throw invalidField("attachmentIds", "each must be a file uploaded to this problem and not yet used as evidence");
    }
    await step.also?.(tx, audit, row, at);
    audit({ action: `problem.${action}`, entity: "problem", entityId: id, nodeId: row.nodeId, cityId: row.cityId, before: auditView(problem), after: { ...auditView(row), note: step.note ?? null } });
    await noticeOfTurn(tx, row, action, actor.userId, at);
    return row;
  });
  return presentProblem(actor, updated, await nodesOf(ctx.db, [updated]));
}

export async function assign(ctx: RequestContext, id: number, body: z.infer<typeof AssignBody>) {
  return transition(ctx, id, "assign", body.version, async ({ problem }, at) => {
    const target = await visibleNode(ctx, body.responsibleNodeId);
    if (target.cityId !== problem.cityId) throw invalidField("responsibleNodeId", "must be in the problem's city");
    if (target.retiredAt) throw invalidField("responsibleNodeId", "this node has been retired");
    const calendar = await calendarFor(ctx.db, problem.cityId);
    const deadlineAt = calendar.addWorkingDays(at, body.deadlineDays);
    return {
      changes: {
        responsibleNodeId: target.id,
        responsiblePerson: body.responsiblePerson,
        measure: body.measure,
        deadlineDays: body.deadlineDays,
        assignedAt: at,
        deadlineAt,
        light: calendar.light(at, deadlineAt, at),
        lightAt: at,
        escalationLevel: 0,
      },
      note: body.measure,
      data: { responsibleNodeId: target.id, responsiblePerson: body.responsiblePerson, deadlineDays: body.deadlineDays, deadlineAt: deadlineAt.toISOString() },
    };
  });
}

export async function start(ctx: RequestContext, id: number, body: z.infer<typeof StartBody>) {
  return transition(ctx, id, "start", body.version, async ({ problem }, at) => ({
    changes: { light: lightOf(await calendarFor(ctx.db, problem.cityId), problem, at), lightAt: at },
    note: body.note || null,
  }));
}

export async function progress(ctx: RequestContext, id: number, body: z.infer<typeof ProgressBody>) {
  return transition(ctx, id, "progress", body.version, async ({ problem }, at) => ({
    changes: { progress: body.progress, light: lightOf(await calendarFor(ctx.db, problem.cityId), problem, at), lightAt: at },
    note: body.note,
    data: { progress: body.progress },
    attachmentIds: body.attachmentIds,
  }));
}

export async function submit(ctx: RequestContext, id: number, body: z.infer<typeof SubmitBody>) {
  return transition(ctx, id, "submit", body.version, async ({ problem }, at) => ({
    changes: { progress: 100, submittedAt: at, firstSubmittedAt: problem.firstSubmittedAt ?? at },
    note: body.note,
    attachmentIds: body.attachmentIds,
  }));
}

/** 销号 only after a check by someone who took no part in the rectification. */
async function requireIndependentChecker(ctx: RequestContext, access: ProblemAccess): Promise<void> {
  const rectifiers = await repo.rectifierIds(ctx.db, access.problem.id);
  if (rectifiers.has(access.actor.userId)) {
    throw new AppError(403, "checker_is_rectifier", "整改人不能核查自己的整改 (whoever worked on the rectification cannot check it)");
  }
}

export async function approve(ctx: RequestContext, id: number, body: z.infer<typeof ApproveBody>) {
  return transition(ctx, id, "approve", body.version, async (access, at) => {
    await requireIndependentChecker(ctx, access);
    const deadline = access.problem.deadlineAt;
    return {
      changes: { closedAt: at, closedOnTime: deadline !== null && at <= deadline, light: null, lightAt: at },
      note: body.note || null,
    };
  });
}

export async function sendBack(ctx: RequestContext, id: number, body: z.infer<typeof ReasonBody>) {
  return transition(ctx, id, "return", body.version, async (access, at) => {
    await requireIndependentChecker(ctx, access);
    const calendar = await calendarFor(ctx.db, access.problem.cityId);
    // Handing in said 100 %; the check found it unfinished, so the percent is the last report's again.
    const progress = await repo.lastReportedProgress(ctx.db, access.problem.id);
    return {
      changes: { reworkCount: access.problem.reworkCount + 1, progress, light: lightOf(calendar, access.problem, at), lightAt: at },
      note: body.reason,
    };
  });
}

export async function dismiss(ctx: RequestContext, id: number, body: z.infer<typeof ReasonBody>) {
  return transition(ctx, id, "dismiss", body.version, async () => ({ changes: { dismissReason: body.reason, light: null }, note: body.reason }));
}

/** Merges a duplicate into an open problem at the same node; the survivor's timeline records it. */
export async function merge(ctx: RequestContext, id: number, body: z.infer<typeof MergeBody>) {
  return transition(ctx, id, "merge", body.version, async ({ problem, actor }) => {
    if (body.intoId === id) throw invalidField("intoId", "a problem cannot be merged into itself");
    const target = await repo.findProblem(ctx.db, body.intoId);
    if (!target || target.cityId !== problem.cityId || target.nodeId !== problem.nodeId || !isOpenStatus(target.status)) {
      throw invalidField("intoId", "must be an open problem at the same node");
    }
    return {
      changes: { mergedIntoId: target.id, light: null },
      data: { intoId: target.id },
      also: async (tx, _audit, _updated, at) => {
        await repo.insertEvent(tx, {
          cityId: target.cityId,
          problemId: target.id,
          action: "merged_in",
          note: `${problem.title}`,
          data: { fromId: problem.id },
          actorUserId: actor.userId,
          actorName: actor.displayName,
          at,
        });
      },
    };
  });
}

export async function deleteProblem(ctx: RequestContext, id: number, body: z.infer<typeof DeleteBody>) {
  await transition(ctx, id, "delete", body.version, async (_access, at) => ({ changes: { deletedAt: at }, note: body.reason }));
}

/** 督办: a supervisor's notice on an open problem; it changes no status but stays on the timeline. */
export async function supervise(ctx: RequestContext, id: number, note: string) {
  const { actor, problem, node } = await problemFor(ctx, id);
  authorizeAt(ctx, "problem.supervise", node.path);
  if (!isOpenStatus(problem.status)) throw invalidTransition("supervise", problem.status);
  await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    await repo.insertEvent(tx, { cityId: problem.cityId, problemId: id, action: "supervise", note, actorUserId: actor.userId, actorName: actor.displayName, at });
    audit({ action: "problem.supervise", entity: "problem", entityId: id, nodeId: problem.nodeId, cityId: problem.cityId, after: { note } });
  });
  return getProblem(ctx, id);
}

// --- figures

/**
 * The module's figures for a subtree. Rates follow DOMAIN.md (national digital urban management):
 * closure = closed / due, on-time closure = closed by the deadline / due, rework = sent back at least
 * once / handled (reached a check). A rate below its minimum sample (shared/figures.ts) is left out.
 */
export async function figuresFor(db: Database, node: NodeRef): Promise<SourceFigures> {
  return figuresOfRow(await repo.problemFigures(db, node.path));
}

/** The same figures counted from the problems themselves: what the rollups must always equal (rollup tests). */
export async function figuresCounted(db: Database, node: NodeRef): Promise<SourceFigures> {
  return figuresOfRow(await repo.problemFiguresCounted(db, node.path));
}

/** Exported for the database-free figure tests (figure-arithmetic.test.ts), which pin it to hand counts. */
export function figuresOfRow(row: Awaited<ReturnType<typeof repo.problemFigures>>): SourceFigures {
  return {
    "problems.clues": row.clues,
    "problems.total": row.total,
    "problems.commonLists": row.commonLists,
    "problems.disclosedLists": row.disclosedLists,
    "problems.open": row.open,
    "problems.closed": row.closed,
    "problems.due": row.due,
    "problems.closedOnTime": row.closedOnTime,
    "problems.overdue": row.overdue,
    "problems.handled": row.handled,
    "problems.reworked": row.reworked,
    "problems.closureRate": { part: row.closed, whole: row.due },
    "problems.onTimeClosureRate": { part: row.closedOnTime, whole: row.due },
    "problems.reworkRate": { part: row.reworked, whole: row.handled },
  };
}
