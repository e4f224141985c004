import type { z } from "zod";
import { maskPhone } from "../../../shared/mask";
import type { EventDetail, EventMapQuery, EventQuery, EventStage, EventSummary, Rating, Urgency } from "../../../shared/schemas/events";
import type { Database } from "../../db/client";
import { type RequestContext } from "../../platform/context";
import { invalidField, notFound } from "../../platform/errors";
import { authorizeAt, covers, requirePermission } from "../../platform/policy";
import { eventAbilities, eventReach, summonsAbilities } from "./policy";
import { departmentFunctionRefs, departmentNames } from "../orgs/service";
import { keptNodeRefs, nodeRefs, visibleNode } from "../../platform/tree";
import { functionsOfTypes } from "./catalogue";
import { isOpen, lightAt, timerOf } from "./stages";
import * as repo from "./repository";
import * as listing from "./list-repository";
import { MAP_LIMIT, caseCode, eventFor } from "./core";
import { duplicatesOf } from "./intake";

// Reading events: one case with its steps, lists, the map and photos, each within the caller's reach.

function timerView(row: Pick<repo.EventRow, "stage" | "stageStartedAt" | "stageWarnAt" | "stageDueAt">, now: Date) {
  const stage = timerOf(row.stage as EventStage);
  if (!stage || !row.stageWarnAt || !row.stageDueAt) return null;
  return {
    stage,
    startedAt: row.stageStartedAt.toISOString(),
    warnAt: row.stageWarnAt.toISOString(),
    dueAt: row.stageDueAt.toISOString(),
    light: lightAt(row.stageWarnAt, row.stageDueAt, now),
  };
}

/** Names of the departments, functions and places that events and their steps point at, from the orgs module. */
export async function namesOf(db: Database, ids: { departments: number[]; functions: number[]; nodes: number[] }) {
  const functions = await departmentFunctionRefs(db, ids.functions);
  const nodes = await nodeRefs(db, ids.nodes);
  return {
    departments: await departmentNames(db, ids.departments),
    functions: new Map([...functions].map(([id, fn]) => [id, fn.name])),
    nodes: new Map([...nodes].map(([id, node]) => [id, node.name])),
  };
}

async function presentSummaries(db: Database, rows: readonly listing.EventSummaryRow[], now: Date): Promise<EventSummary[]> {
  const nodes = await keptNodeRefs(db, rows.map((row) => row.nodeId));
  const types = await repo.keptTypeNames(db, rows.map((row) => row.eventTypeId));
  const names = await namesOf(db, { departments: rows.flatMap((row) => (row.departmentId ? [row.departmentId] : [])), functions: [], nodes: [] });
  return rows.map((row) => ({
    id: row.id,
    code: caseCode(row.id, row.reportedAt),
    typeId: row.eventTypeId,
    typeName: types.get(row.eventTypeId)?.name ?? "",
    conflict: types.get(row.eventTypeId)?.conflict ?? false,
    urgency: row.urgency as Urgency,
    source: row.source as EventSummary["source"],
    stage: row.stage as EventStage,
    nodeId: row.nodeId,
    nodeName: nodes.get(row.nodeId)?.name ?? "",
    departmentId: row.departmentId,
    departmentName: row.departmentId ? (names.departments.get(row.departmentId) ?? null) : null,
    description: row.description,
    lon: row.lon,
    lat: row.lat,
    reportedAt: row.reportedAt.toISOString(),
    timer: timerView(row, now),
    escalationLevel: row.escalationLevel,
    closeDueAt: row.closeDueAt.toISOString(),
    version: row.version,
  }));
}

export async function getEvent(ctx: RequestContext, id: number): Promise<EventDetail> {
  const { actor, event, node, handler } = await eventFor(ctx, id, "event.read");
  const now = ctx.clock.now();
  const [summary] = await presentSummaries(ctx.db, [event], now);
  const steps = await repo.stepsOf(ctx.db, id);
  const summons = await repo.summonsOf(ctx.db, id);
  const names = await namesOf(ctx.db, {
    departments: [...steps.flatMap((step) => (step.departmentId ? [step.departmentId] : [])), ...summons.map((row) => row.departmentId)],
    functions: [...steps.flatMap((step) => (step.functionId ? [step.functionId] : [])), ...(event.functionId ? [event.functionId] : [])],
    nodes: [...steps.flatMap((step) => (step.nodeId ? [step.nodeId] : [])), ...(event.escalatedNodeId ? [event.escalatedNodeId] : [])],
  });
  const suggestions = (await functionsOfTypes(ctx.db, [event.eventTypeId])).map(({ functionId, functionName, departmentId, departmentName }) => ({
    functionId,
    functionName,
    departmentId,
    departmentName,
  }));
  return {
    ...summary!,
    trackingCode: event.trackingCode,
    address: event.address,
    reporterName: event.reporterName,
    reporterPhone: maskPhone(event.reporterPhone),
    attributes: (event.attributes as Record<string, unknown> | null) ?? null,
    functionId: event.functionId,
    functionName: event.functionId ? (names.functions.get(event.functionId) ?? null) : null,
    escalatedNodeName: event.escalatedNodeId ? (names.nodes.get(event.escalatedNodeId) ?? null) : null,
    duplicateOfId: event.duplicateOfId,
    rejectReason: event.rejectReason,
    statusNote: event.statusNote,
    rating: event.rating as Rating | null,
    ratingComment: event.ratingComment,
    counts: { reroutes: event.rerouteCount, refusals: event.refusalCount, reworks: event.reworkCount },
    photos: await repo.photosOf(ctx.db, id),
    steps: steps.map((step) => ({
      id: step.id,
      action: step.action,
      fromStage: step.fromStage as EventStage | null,
      toStage: step.toStage as EventStage,
      actorName: step.actorName,
      departmentName: step.departmentId ? (names.departments.get(step.departmentId) ?? null) : null,
      functionName: step.functionId ? (names.functions.get(step.functionId) ?? null) : null,
      nodeName: step.nodeId ? (names.nodes.get(step.nodeId) ?? null) : null,
      note: step.note,
      late: step.late,
      at: step.at.toISOString(),
    })),
    summons: summons.map((row) => ({
      id: row.id,
      departmentId: row.departmentId,
      departmentName: names.departments.get(row.departmentId) ?? "",
      note: row.note,
      summonedAt: row.summonedAt.toISOString(),
      dueAt: row.dueAt.toISOString(),
      answeredAt: row.answeredAt?.toISOString() ?? null,
      answerNote: row.answerNote,
      answerLate: row.answerLate,
      attended: row.attended,
      rating: row.rating,
      ratingNote: row.ratingNote,
      version: row.version,
      abilities: summonsAbilities(actor, handler, row, node.path),
    })),
    suggestions,
    duplicates: isOpen(event.stage as EventStage) ? await duplicatesOf(ctx.db, event) : [],
    abilities: eventAbilities(actor, handler, event, node.path),
  };
}

/** The caller's whole reach (a department handler's: its departments' events), within one node of it if asked (404 outside). */
async function listScope(ctx: RequestContext, org: number | undefined): Promise<Pick<listing.EventFilter, "scope" | "handler" | "within" | "cityId">> {
  const actor = requirePermission(ctx, "event.read");
  const { scope, handler } = await eventReach(ctx, actor, "event.read");
  if (org === undefined) return { scope, handler };
  const node = await visibleNode(ctx, org);
  authorizeAt(ctx, "event.read", node.path);
  // A node wholly in the caller's general reach needs no reach condition beside its own, and a city's
  // root none beside city_id: each would be one more subquery over thousands of nodes per list.
  const reach = covers(scope, node.path) ? { scope: { all: true as const }, handler: null } : { scope, handler };
  return { ...reach, within: node.parentId === null ? undefined : node.path, cityId: node.cityId };
}

function instant(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw invalidField(field, "not a date");
  return parsed;
}

export async function listEvents(ctx: RequestContext, query: EventQuery) {
  const reach = await listScope(ctx, query.org);
  const now = ctx.clock.now();
  const { rows, total, totalCapped, nextCursor } = await listing.listEvents(
    ctx.db,
    {
      ...reach,
      stage: query.stage,
      typeId: query.type,
      departmentId: query.department,
      light: query.light,
      source: query.source,
      drill: query.drill,
      from: instant(query.from, "from"),
      to: instant(query.to, "to"),
      q: query.q,
      now,
    },
    (query.page - 1) * query.pageSize,
    query.pageSize,
    query.cursor ? Number(query.cursor) : undefined,
  );
  return { items: await presentSummaries(ctx.db, rows, now), total, totalCapped, nextCursor, page: query.page, pageSize: query.pageSize };
}

/** Points for the map (ECharts over the grid GeoJSON): open cases carry their light, so overdue ones show red. */
export async function eventMap(ctx: RequestContext, query: z.infer<typeof EventMapQuery>) {
  const reach = await listScope(ctx, query.org);
  const now = ctx.clock.now();
  const points = await listing.mapPoints(
    ctx.db,
    { ...reach, stage: query.stage, open: query.open === "true", from: instant(query.from, "from"), to: instant(query.to, "to"), now },
    MAP_LIMIT + 1,
  );
  const types = await repo.keptTypeNames(ctx.db, points.map((point) => point.eventTypeId));
  return {
    items: points.slice(0, MAP_LIMIT).map((point) => ({
      id: point.id,
      lon: point.lon!,
      lat: point.lat!,
      stage: point.stage as EventStage,
      light: point.stageWarnAt && point.stageDueAt ? lightAt(point.stageWarnAt, point.stageDueAt, now) : null,
      typeName: types.get(point.eventTypeId)?.name ?? "",
    })),
    truncated: points.length > MAP_LIMIT,
  };
}

export async function eventPhoto(ctx: RequestContext, id: number, photoId: number) {
  await eventFor(ctx, id, "event.read");
  const photo = await repo.photoData(ctx.db, id, photoId);
  if (!photo) throw notFound("照片");
  return photo;
}

/** 吹哨报到 still to answer by the caller's departments (a handler's), the earliest due first; each with its event. */
export async function summonsToAnswer(ctx: RequestContext, limit: number) {
  const actor = requirePermission(ctx, "event.handle");
  const { scope, handler } = await eventReach(ctx, actor, "event.handle");
  const now = ctx.clock.now();
  const { rows, total } = await repo.openSummons(ctx.db, { scope, handler }, limit);
  const events = await presentSummaries(ctx.db, rows.map((row) => row.event), now);
  const names = await departmentNames(ctx.db, rows.map((row) => row.summons.departmentId));
  return {
    total,
    items: rows.map((row, index) => ({
      summonsId: row.summons.id,
      departmentName: names.get(row.summons.departmentId) ?? "",
      dueAt: row.summons.dueAt.toISOString(),
      late: row.summons.dueAt < now,
      event: events[index]!,
    })),
  };
}
