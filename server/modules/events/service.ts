import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { maskFreeText, maskPhone } from "../../../shared/mask";
import type { Permission } from "../../../shared/permissions";
import type {
  AcceptBody,
  CloseBody,
  DeleteEventBody,
  DispatchBody,
  EventDetail,
  EventMapQuery,
  EventQuery,
  EventStage,
  EventSummary,
  EvaluateBody,
  FeedbackBody,
  PublicEvent,
  PublicRatingBody,
  PublicReportBody,
  Rating,
  RefuseBody,
  ServiceAttribute,
  RegisterBody,
  RejectBody,
  ReportEventBody,
  SendBackBody,
  SummonAnswerBody,
  SummonBody,
  SummonRateBody,
  Urgency,
} from "../../../shared/schemas/events";
import type { Database } from "../../db/client";
import { calendarFor, calendarStamp, calendarWritesHere, localDay, type WorkCalendar } from "../../platform/calendar/service";
import { jobContext, type Actor, type JobEnv, type RequestContext, type Tx } from "../../platform/context";
import { AppError, badRequest, conflict, forbidden, invalidField, notFound, versionConflict } from "../../platform/errors";
import { authorizeAt, can, covers, requirePermission, visibleScope } from "../../platform/policy";
import { eventReach, handlerReaches, mayAct, withoutHandler, type HandlerReach } from "./policy";
import { write, writeBatched, type Audit, type BatchStatement } from "../../platform/write";
import { departmentFunctionRefs, departmentNames, departmentsOfCity } from "../orgs/service";
import { cityIdByCode, nodeRef, nodeRefs, visibleNode, type NodeRef } from "../../platform/tree";
import { CityCache } from "./cache";
import { cityOf, functionsOfTypes, limitsFor, typeForIntake } from "./catalogue";
import { closeDeadline, limitTable, timerFrom, type LimitTable } from "./deadlines";
import { geographyOf, locatePoint } from "./geography";
import { decodePhotos, type DecodedPhoto } from "./photos";
import * as repo from "./repository";
import { allows, isOpen, lightAt, timerOf, transitions, type EventAction } from "./stages";

export { createEventType, listEventTypes, updateEventType } from "./catalogue";
export { departmentStats, nodeStats } from "./stats";
export { exportGrids, importGrids } from "./grids";
export { placeByCode, placeInAddress } from "./geography";
export { open311Status } from "./stages";

/** Open grid events keep their node: it is not retired under them. */
export async function retireGuard(db: Database, nodeId: number): Promise<string | null> {
  return (await repo.countOpenAt(db, nodeId)) > 0 ? "该节点仍有未办结的网格事件 (open grid events still sit at this node)" : null;
}

/** Reports of the same type within this distance and time are offered as possible duplicates. */
const DUPLICATE_METRES = 200;
const DUPLICATE_HOURS = 72;
const MAP_LIMIT = 5000;
const SWEEP_BATCH = 500;

/** Crockford's base 32 (no I, L, O, U): read aloud and typed from a phone without confusion. */
const TRACKING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Random bytes drawn a few kilobytes at a time: one call to the system's generator per report was a visible cost of intake. */
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

function newTrackingCode(): string {
  if (randomOffset + 10 > randomPool.length) {
    randomPool = randomBytes(4096);
    randomOffset = 0;
  }
  let code = "";
  for (let i = 0; i < 10; i++) code += TRACKING_ALPHABET[randomPool[randomOffset + i]! & 31];
  randomOffset += 10;
  return code;
}

/** The number staff and residents quote: 事件 date and id, e.g. SJ20260601000123. */
export function caseCode(id: number, reportedAt: Date): string {
  return `SJ${localDay(reportedAt).replaceAll("-", "")}${String(id).padStart(6, "0")}`;
}

function invalidTransition(action: string, stage: string): AppError {
  return new AppError(409, "invalid_transition", `当前环节不能执行该操作 (an event in stage ${stage} cannot take the action ${action})`);
}

/** Great-circle distance in metres (haversine): exact enough for "nearby" at city scale. */
export function distanceMetres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}

// --- timing: the calendar and the limits of a type and urgency, read before a transaction opens

interface Timing {
  calendar: WorkCalendar;
  limits: LimitTable;
}

/** The city's working calendar: this process's changes at once, other processes' within a second (cache.ts). */
const calendars = new CityCache((db, cityId) => calendarFor(db, cityId), calendarStamp, calendarWritesHere);

async function timingFor(db: Database, cityId: number, typeId: number, urgency: Urgency, limitRows?: readonly repo.LimitRow[]): Promise<Timing> {
  const rows = limitRows ?? (await limitsFor(db, cityId, typeId));
  return { calendar: await calendars.get(db, cityId), limits: limitTable(rows, typeId, urgency) };
}

function timerFields(timing: Timing, stage: EventStage, at: Date): Pick<repo.EventRow, "stageStartedAt" | "stageWarnAt" | "stageDueAt"> {
  const timer = timerOf(stage);
  if (!timer) return { stageStartedAt: at, stageWarnAt: null, stageDueAt: null };
  const { warnAt, dueAt } = timerFrom(timing.calendar, at, timing.limits[timer]);
  return { stageStartedAt: at, stageWarnAt: warnAt, stageDueAt: dueAt };
}

// --- access to one event

interface EventAccess {
  actor: Actor;
  event: repo.EventRow;
  node: NodeRef;
  /** What the caller's department handler role reaches (null without one). */
  handler: HandlerReach | null;
}

/**
 * An event the caller may act on: 404 outside what they can see, 403 visible but not theirs to do.
 * `departmentId` is the department the action is for: the one the event is dispatched to, unless
 * the action answers a summons of another.
 */
async function eventFor(ctx: RequestContext, id: number, permission: Permission, departmentId?: number): Promise<EventAccess> {
  const actor = requirePermission(ctx, "event.read");
  const event = await repo.findEvent(ctx.db, id);
  const node = event ? await nodeRef(ctx.db, event.nodeId) : undefined;
  if (!event || !node) throw notFound("事件");
  const reach = await eventReach(ctx, actor, "event.read");
  // The departments it concerns: dispatched to now or before (a department that refused a case still sees it), or summoned.
  const concerns = async () => [
    event.departmentId,
    ...(await repo.stepsOf(ctx.db, id)).map((step) => step.departmentId),
    ...(await repo.summonsOf(ctx.db, id)).map((row) => row.departmentId),
  ];
  if (!covers(reach.scope, node.path) && !(reach.handler && handlerReaches(reach.handler, node.path, await concerns()))) {
    if (covers(visibleScope(withoutHandler(actor)), node.path)) throw forbidden();
    throw notFound("事件");
  }
  if (permission !== "event.read" && !mayAct(actor, reach.handler, permission, node.path, departmentId ?? event.departmentId)) throw forbidden();
  return { actor, event, node, handler: reach.handler };
}

// --- moving an event on: one transaction writes the row, its step and the audit entry

interface Advance {
  event: repo.EventRow;
  version: number;
  action: EventAction | "summon";
  to: EventStage;
  restartsTimer: boolean;
  timing: Timing;
  changes?: Partial<repo.EventRow>;
  note?: string | null;
  departmentId?: number | null;
  functionId?: number | null;
  stepNodeId?: number | null;
  actor: Actor | null;
  at: Date;
  /** What the audit entry adds to the stage and version (never personal data). */
  extra?: Record<string, unknown>;
}

async function advance(tx: Tx, audit: Audit, move: Advance): Promise<repo.EventRow> {
  const { event, at } = move;
  // A new clock starts a new count of escalations; signing for a case keeps both running.
  const timer = move.restartsTimer ? { ...timerFields(move.timing, move.to, at), escalationLevel: 0, escalatedNodeId: null } : {};
  const row = await repo.updateEvent(tx, event.id, move.version, event.stage, { ...timer, stage: move.to, ...move.changes }, at);
  if (!row) throw versionConflict();
  await repo.insertStep(tx, {
    cityId: row.cityId,
    eventId: row.id,
    action: move.action,
    fromStage: event.stage,
    toStage: move.to,
    actorUserId: move.actor?.userId ?? null,
    actorName: move.actor?.displayName ?? null,
    departmentId: move.departmentId ?? null,
    functionId: move.functionId ?? null,
    nodeId: move.stepNodeId ?? null,
    note: move.note ?? null,
    late: event.stageDueAt !== null && at > event.stageDueAt,
    at,
  });
  audit({
    action: `event.${move.action}`,
    entity: "event",
    entityId: row.id,
    nodeId: row.nodeId,
    cityId: row.cityId,
    before: { stage: event.stage, version: event.version },
    after: { stage: row.stage, version: row.version, ...move.extra },
  });
  return row;
}

async function transition(
  ctx: RequestContext,
  id: number,
  action: EventAction,
  version: number,
  plan: (access: EventAccess, at: Date) => Promise<Omit<Advance, "event" | "version" | "action" | "to" | "restartsTimer" | "actor" | "at" | "timing">>,
) {
  const access = await eventFor(ctx, id, transitions[action].permission);
  const { actor, event } = access;
  if (!allows(action, event.stage as EventStage)) throw invalidTransition(action, event.stage);
  const at = ctx.clock.now();
  const step = await plan(access, at);
  const timing = await timingFor(ctx.db, event.cityId, event.eventTypeId, event.urgency as Urgency);
  const { to, restartsTimer } = transitions[action];
  await write(ctx, (tx, audit) => advance(tx, audit, { ...step, timing, event, version, action, to, restartsTimer, actor, at }));
  return getEvent(ctx, id);
}

// --- intake: staff, residents and Open311 all arrive here

interface IntakeInput {
  cityId: number;
  node: Pick<NodeRef, "id" | "name">;
  typeId: number;
  urgency: Urgency;
  description: string;
  lon: number | null;
  lat: number | null;
  address: string | null;
  source: "staff" | "public" | "open311";
  reporterName: string | null;
  reporterPhone: string | null;
  reporterEmail: string | null;
  attributes: Record<string, unknown> | null;
  mediaUrl: string | null;
  photos: DecodedPhoto[];
}

interface Accepted {
  id: number;
  trackingCode: string;
  stage: EventStage;
  reportedAt: Date;
  closeDueAt: Date;
  duplicates: Duplicate[];
}

type Duplicate = { id: number; code: string; stage: EventStage; distanceMetres: number; reportedAt: string };

/** The box in degrees around a point that holds everything within the duplicate distance, over the duplicate window. */
function nearbyBox(lon: number, lat: number, at: Date): repo.NearbyBox {
  const dLat = DUPLICATE_METRES / 111_320;
  const dLon = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
  return { since: new Date(at.getTime() - DUPLICATE_HOURS * 3_600_000), west: lon - dLon, east: lon + dLon, south: lat - dLat, north: lat + dLat };
}

/** Candidates from the box, kept when truly within the distance and not later than the report itself, nearest first. */
function duplicatesAmong(lon: number, lat: number, at: Date, candidates: readonly repo.Nearby[]): Duplicate[] {
  return candidates
    .filter((row) => row.lon !== null && row.lat !== null && row.reportedAt <= at)
    .map((row) => ({
      id: row.id,
      code: caseCode(row.id, row.reportedAt),
      stage: row.stage as EventStage,
      distanceMetres: Math.round(distanceMetres(lon, lat, row.lon!, row.lat!)),
      reportedAt: row.reportedAt.toISOString(),
    }))
    .filter((row) => row.distanceMetres <= DUPLICATE_METRES)
    .sort((a, b) => a.distanceMetres - b.distanceMetres);
}

async function intake(ctx: RequestContext, input: IntakeInput, typeField = "typeId"): Promise<Accepted> {
  const { limits } = await typeForIntake(ctx.db, input.cityId, input.typeId, typeField);
  const timing = await timingFor(ctx.db, input.cityId, input.typeId, input.urgency, limits);
  const at = ctx.clock.now();
  const actor = ctx.actor;
  const trackingCode = newTrackingCode();
  const closeDueAt = closeDeadline(timing.calendar, at, timing.limits);
  const box = input.lon !== null && input.lat !== null ? nearbyBox(input.lon, input.lat, at) : null;
  const id = await nextEventId(ctx.db);
  const report: repo.NewReport = {
    event: {
      id,
      cityId: input.cityId,
      nodeId: input.node.id,
      eventTypeId: input.typeId,
      urgency: input.urgency,
      source: input.source,
      trackingCode,
      description: input.description,
      address: input.address,
      lon: input.lon,
      lat: input.lat,
      reporterUserId: actor?.userId ?? null,
      reporterName: input.reporterName ?? actor?.displayName ?? null,
      reporterPhone: input.reporterPhone,
      reporterEmail: input.reporterEmail,
      attributes: input.attributes,
      mediaUrl: input.mediaUrl,
      stage: "reported",
      ...timerFields(timing, "reported", at),
      reportedAt: at,
      closeDueAt,
      createdAt: at,
      updatedAt: at,
    },
    step: { actorUserId: actor?.userId ?? null, actorName: actor?.displayName ?? null },
    photos: input.photos.map((photo) => ({ kind: "report", mime: photo.mime, size: photo.size, sha256: photo.sha256, data: photo.data })),
    box,
  };
  const nearby = await writeBatched(ctx, reportStatement, report, [
    {
      action: "event.report",
      entity: "event",
      entityId: id,
      nodeId: input.node.id,
      cityId: input.cityId,
      after: { stage: "reported", typeId: input.typeId, urgency: input.urgency, source: input.source, photos: input.photos.length, version: 1 },
    },
  ]);
  return { id, trackingCode, stage: "reported" as const, reportedAt: at, closeDueAt, duplicates: box ? duplicatesAmong(input.lon!, input.lat!, at, nearby) : [] };
}

const reportStatement: BatchStatement<repo.NewReport, repo.Nearby[]> = { run: repo.insertReports };

/** Ids reserved a block at a time, so a report spends no round trip of its own on its id. */
const ID_BLOCK = 64;
const reservedIds = new WeakMap<Database, { ids: number[]; refill?: Promise<void> }>();

async function nextEventId(db: Database): Promise<number> {
  let pool = reservedIds.get(db);
  if (!pool) {
    pool = { ids: [] };
    reservedIds.set(db, pool);
  }
  while (pool.ids.length === 0) {
    const current = pool;
    current.refill ??= repo
      .reserveEventIds(db, ID_BLOCK)
      .then((ids) => {
        current.ids.push(...ids);
      })
      .finally(() => {
        current.refill = undefined;
      });
    await current.refill;
  }
  return pool.ids.shift()!;
}

async function duplicatesOf(db: Database, event: Pick<repo.EventRow, "id" | "cityId" | "eventTypeId" | "lon" | "lat" | "reportedAt">): Promise<Duplicate[]> {
  if (event.lon === null || event.lat === null) return [];
  const box = nearbyBox(event.lon, event.lat, event.reportedAt);
  const candidates = await repo.nearbyCandidates(db, { cityId: event.cityId, eventTypeId: event.eventTypeId, excludeId: event.id, ...box });
  return duplicatesAmong(event.lon, event.lat, event.reportedAt, candidates);
}

/** A grid worker's (or any reporter's) report: the micro-grid named, or the one the device's location lies in. */
export async function reportEvent(ctx: RequestContext, body: ReportEventBody) {
  const actor = requirePermission(ctx, "event.report");
  let node: Pick<NodeRef, "id" | "cityId" | "name">;
  if (body.nodeId !== undefined) {
    const named = await visibleNode(ctx, body.nodeId);
    authorizeAt(ctx, "event.report", named.path);
    if (named.kind !== "micro_grid" || named.retiredAt) throw invalidField("nodeId", "请选择一个微网格 (choose a micro-grid)");
    node = named;
  } else {
    const { cityId } = cityOf(actor);
    const place = await locatePoint(ctx.db, cityId, body.lon!, body.lat!);
    if (!can(actor, "event.report", place.path)) {
      const message = "该位置不在您负责的范围内 (the point lies outside the area you report for)";
      throw badRequest(message, [
        { field: "lon", message },
        { field: "lat", message },
      ]);
    }
    node = { id: place.id, cityId, name: place.name };
  }
  const photos = decodePhotos(body.photos);
  const event = await intake(ctx, {
    cityId: node.cityId,
    node,
    typeId: body.typeId,
    urgency: body.urgency,
    description: body.description,
    lon: body.lon ?? null,
    lat: body.lat ?? null,
    address: body.address || null,
    source: "staff",
    reporterName: actor.displayName,
    reporterPhone: null,
    reporterEmail: null,
    attributes: body.accuracy === undefined ? null : { accuracyMetres: body.accuracy },
    mediaUrl: null,
    photos,
  });
  return { id: event.id, code: caseCode(event.id, event.reportedAt), trackingCode: event.trackingCode, stage: event.stage, nodeId: node.id, nodeName: node.name, duplicates: event.duplicates };
}

/** A resident's report from the public side (no sign-in): the point decides the micro-grid. */
export async function reportPublic(ctx: RequestContext, body: z.infer<typeof PublicReportBody>) {
  const cityId = await cityIdByCode(ctx.db, body.city);
  if (cityId === undefined) throw invalidField("city", "没有这个城市 (no such city)");
  const node = await locatePoint(ctx.db, cityId, body.lon, body.lat);
  const photos = decodePhotos(body.photos);
  const event = await intake(ctx, {
    cityId,
    node,
    typeId: body.typeId,
    urgency: "normal",
    description: body.description,
    lon: body.lon,
    lat: body.lat,
    address: body.address || null,
    source: "public",
    reporterName: body.name || null,
    reporterPhone: body.phone ?? null,
    reporterEmail: null,
    attributes: null,
    mediaUrl: null,
    photos,
  });
  return { trackingCode: event.trackingCode, code: caseCode(event.id, event.reportedAt), nodeName: node.name, expectedAt: event.closeDueAt.toISOString() };
}

export interface Open311Intake {
  cityId: number;
  nodeId: number;
  typeId: number;
  description: string;
  lon: number | null;
  lat: number | null;
  address: string | null;
  reporterName: string | null;
  reporterPhone: string | null;
  reporterEmail: string | null;
  attributes: Record<string, unknown> | null;
  mediaUrl: string | null;
}

/** A report through Open311: the caller (the open311 module) has resolved the jurisdiction, the service and the place. */
export async function reportOpen311(ctx: RequestContext, input: Open311Intake) {
  const node = (await nodeRef(ctx.db, input.nodeId))!;
  const event = await intake(ctx, { ...input, node, urgency: "normal", source: "open311", photos: [] }, "service_code");
  return { id: event.id, trackingCode: event.trackingCode };
}

export async function locateInCity(db: Database, cityId: number, lon: number, lat: number): Promise<number> {
  return (await locatePoint(db, cityId, lon, lat)).id;
}

// --- presenting

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
async function namesOf(db: Database, ids: { departments: number[]; functions: number[]; nodes: number[] }) {
  const functions = await departmentFunctionRefs(db, ids.functions);
  const nodes = await nodeRefs(db, ids.nodes);
  return {
    departments: await departmentNames(db, ids.departments),
    functions: new Map([...functions].map(([id, fn]) => [id, fn.name])),
    nodes: new Map([...nodes].map(([id, node]) => [id, node.name])),
  };
}

async function presentSummaries(db: Database, rows: readonly repo.EventRow[], now: Date): Promise<EventSummary[]> {
  const nodes = await nodeRefs(db, rows.map((row) => row.nodeId));
  const types = await repo.typeNames(db, rows.map((row) => row.eventTypeId));
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

function eventAbilities(actor: Actor, handler: HandlerReach | null, event: repo.EventRow, path: string): Record<string, boolean> {
  const stage = event.stage as EventStage;
  const may = (action: EventAction) => allows(action, stage) && mayAct(actor, handler, transitions[action].permission, path, event.departmentId);
  return {
    register: may("register"),
    reject: may("reject"),
    dispatch: may("dispatch"),
    reroute: may("reroute"),
    accept: may("accept"),
    refuse: may("refuse"),
    feedback: may("feedback"),
    close: may("close"),
    sendBack: may("send_back"),
    evaluate: may("evaluate"),
    summon: isOpen(stage) && can(actor, "event.summon", path),
    delete: can(actor, "event.dispatch", path),
  };
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
      abilities: {
        answer: row.answeredAt === null && mayAct(actor, handler, "event.handle", node.path, row.departmentId),
        rate: row.ratedAt === null && can(actor, "event.summon", node.path),
      },
    })),
    suggestions,
    duplicates: isOpen(event.stage as EventStage) ? await duplicatesOf(ctx.db, event) : [],
    abilities: eventAbilities(actor, handler, event, node.path),
  };
}

/** The caller's whole reach (a department handler's: its departments' events), within one node of it if asked (404 outside). */
async function listScope(ctx: RequestContext, org: number | undefined): Promise<Pick<repo.EventFilter, "scope" | "handler" | "within">> {
  const actor = requirePermission(ctx, "event.read");
  const { scope, handler } = await eventReach(ctx, actor, "event.read");
  if (org === undefined) return { scope, handler };
  const node = await visibleNode(ctx, org);
  authorizeAt(ctx, "event.read", node.path);
  return { scope, handler, within: node.path };
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
  const { rows, total } = await repo.listEvents(
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
  );
  return { items: await presentSummaries(ctx.db, rows, now), total, page: query.page, pageSize: query.pageSize };
}

/** Points for the map (ECharts over the grid GeoJSON): open cases carry their light, so overdue ones show red. */
export async function eventMap(ctx: RequestContext, query: z.infer<typeof EventMapQuery>) {
  const reach = await listScope(ctx, query.org);
  const now = ctx.clock.now();
  const points = await repo.mapPoints(
    ctx.db,
    { ...reach, stage: query.stage, open: query.open === "true", from: instant(query.from, "from"), to: instant(query.to, "to"), now },
    MAP_LIMIT + 1,
  );
  const types = await repo.typeNames(ctx.db, points.map((point) => point.eventTypeId));
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

// --- the workflow

/** 案卷建立: registered, possibly retyped, re-graded or placed; dispatched at once when only one function covers the type. */
export async function registerEvent(ctx: RequestContext, id: number, body: z.infer<typeof RegisterBody>) {
  const { actor, event } = await eventFor(ctx, id, "event.dispatch");
  if (!allows("register", event.stage as EventStage)) throw invalidTransition("register", event.stage);
  const typeId = body.typeId ?? event.eventTypeId;
  const urgency = body.urgency ?? (event.urgency as Urgency);
  if (body.typeId !== undefined) await typeForIntake(ctx.db, event.cityId, body.typeId);
  let nodeId = event.nodeId;
  if (body.nodeId !== undefined && body.nodeId !== event.nodeId) {
    const target = await visibleNode(ctx, body.nodeId);
    authorizeAt(ctx, "event.dispatch", target.path);
    if (target.kind !== "micro_grid" || target.retiredAt || target.cityId !== event.cityId) throw invalidField("nodeId", "请选择本市的一个微网格 (choose a micro-grid of this city)");
    nodeId = target.id;
  }
  const timing = await timingFor(ctx.db, event.cityId, typeId, urgency);
  const functions = await functionsOfTypes(ctx.db, [typeId]);
  const only = functions.length === 1 ? functions[0]! : undefined;
  const at = ctx.clock.now();
  const regraded = typeId !== event.eventTypeId || urgency !== event.urgency;
  await write(ctx, async (tx, audit) => {
    const registered = await advance(tx, audit, {
      event,
      version: body.version,
      action: "register",
      to: "dispatching",
      restartsTimer: true,
      timing,
      actor,
      at,
      note: body.note || null,
      stepNodeId: nodeId !== event.nodeId ? nodeId : null,
      changes: {
        registeredAt: at,
        eventTypeId: typeId,
        urgency,
        nodeId,
        ...(regraded ? { closeDueAt: closeDeadline(timing.calendar, event.reportedAt, timing.limits) } : {}),
      },
      extra: { typeId, urgency, nodeId },
    });
    if (!only) return;
    await advance(tx, audit, {
      event: registered,
      version: registered.version,
      action: "dispatch",
      to: "dispatched",
      restartsTimer: true,
      timing,
      actor,
      at,
      note: "自动派遣：该类型只对应一个部门职能 (dispatched automatically: one function covers this type)",
      departmentId: only.departmentId,
      functionId: only.functionId,
      changes: { functionId: only.functionId, departmentId: only.departmentId, dispatchedAt: at, dispatchLate: false },
      extra: { functionId: only.functionId, departmentId: only.departmentId, automatic: true },
    });
  });
  return getEvent(ctx, id);
}

export async function rejectEvent(ctx: RequestContext, id: number, body: z.infer<typeof RejectBody>) {
  return transition(ctx, id, "reject", body.version, async ({ event }) => {
    let duplicateOfId: number | null = null;
    if (body.reason === "duplicate") {
      if (body.duplicateOfId === undefined) throw invalidField("duplicateOfId", "name the event this one repeats");
      if (body.duplicateOfId === event.id) throw invalidField("duplicateOfId", "an event cannot repeat itself");
      const original = await eventFor(ctx, body.duplicateOfId, "event.read").catch((error: unknown) => {
        if (error instanceof AppError && error.status === 404) throw invalidField("duplicateOfId", "没有这个事件 (no such event)");
        throw error;
      });
      if (original.event.cityId !== event.cityId) throw invalidField("duplicateOfId", "没有这个事件 (no such event)");
      duplicateOfId = original.event.id;
    }
    return {
      note: body.note,
      changes: { rejectReason: body.reason, duplicateOfId, statusNote: body.note },
      extra: { reason: body.reason, duplicateOfId },
    };
  });
}

/** 任务派遣, or re-routing a dispatched case to another function (recorded, and counted against accurate dispatch). */
export async function dispatchEvent(ctx: RequestContext, id: number, body: z.infer<typeof DispatchBody>) {
  const { event } = await eventFor(ctx, id, "event.dispatch");
  const action: EventAction = event.stage === "dispatching" ? "dispatch" : "reroute";
  return transition(ctx, id, action, body.version, async () => {
    const fn = (await departmentFunctionRefs(ctx.db, [body.functionId])).get(body.functionId);
    if (!fn || fn.cityId !== event.cityId || fn.retired) throw invalidField("functionId", "没有这个部门职能 (no such department function)");
    if (action === "reroute" && fn.id === event.functionId) throw invalidField("functionId", "已派遣给该职能 (already with this function)");
    const again = event.dispatchedAt !== null;
    const at = ctx.clock.now();
    return {
      note: body.note || null,
      departmentId: fn.departmentId,
      functionId: fn.id,
      changes: {
        functionId: fn.id,
        departmentId: fn.departmentId,
        dispatchedAt: event.dispatchedAt ?? at,
        dispatchLate: again ? event.dispatchLate : event.dispatchLate || (event.stageDueAt !== null && at > event.stageDueAt),
        rerouteCount: event.rerouteCount + (again ? 1 : 0),
      },
      extra: { functionId: fn.id, departmentId: fn.departmentId, rerouted: again },
    };
  });
}

/** The department signs for the case and starts handling it (its handling clock keeps running). */
export async function acceptEvent(ctx: RequestContext, id: number, body: z.infer<typeof AcceptBody>) {
  return transition(ctx, id, "accept", body.version, async ({ event }) => ({ note: body.note || null, departmentId: event.departmentId }));
}

/** "Not ours": back to the dispatcher with the reason; the department is recorded on the step. */
export async function refuseEvent(ctx: RequestContext, id: number, body: z.infer<typeof RefuseBody>) {
  return transition(ctx, id, "refuse", body.version, async ({ event }) => ({
    note: body.reason,
    departmentId: event.departmentId,
    functionId: event.functionId,
    changes: { departmentId: null, functionId: null, refusalCount: event.refusalCount + 1 },
    extra: { departmentId: event.departmentId, reason: body.reason },
  }));
}

/** 处理反馈: the department reports what it did, with photos if it has them. */
export async function feedbackEvent(ctx: RequestContext, id: number, body: z.infer<typeof FeedbackBody>) {
  const photos = decodePhotos(body.photos);
  const { actor, event } = await eventFor(ctx, id, "event.handle");
  if (!allows("feedback", event.stage as EventStage)) throw invalidTransition("feedback", event.stage);
  const at = ctx.clock.now();
  const timing = await timingFor(ctx.db, event.cityId, event.eventTypeId, event.urgency as Urgency);
  await write(ctx, async (tx, audit) => {
    await advance(tx, audit, {
      event,
      version: body.version,
      action: "feedback",
      to: "checking",
      restartsTimer: true,
      timing,
      actor,
      at,
      note: body.result,
      departmentId: event.departmentId,
      functionId: event.functionId,
      changes: { handledAt: at, handleLate: event.handleLate || (event.stageDueAt !== null && at > event.stageDueAt) },
      extra: { photos: photos.length },
    });
    await repo.insertPhotos(
      tx,
      photos.map((photo) => ({ cityId: event.cityId, eventId: event.id, kind: "feedback", mime: photo.mime, size: photo.size, sha256: photo.sha256, data: photo.data, createdAt: at })),
    );
  });
  return getEvent(ctx, id);
}

/** 核查结案: checked on site and closed. */
export async function closeEvent(ctx: RequestContext, id: number, body: z.infer<typeof CloseBody>) {
  return transition(ctx, id, "close", body.version, async ({ event }, at) => ({
    note: body.note || null,
    changes: { closedAt: at, closedLate: event.closedLate || at > event.closeDueAt, statusNote: body.note || null },
  }));
}

/** Sent back to the department (rework): its handling clock starts again. */
export async function sendBackEvent(ctx: RequestContext, id: number, body: z.infer<typeof SendBackBody>) {
  return transition(ctx, id, "send_back", body.version, async ({ event }) => ({
    note: body.reason,
    departmentId: event.departmentId,
    changes: { reworkCount: event.reworkCount + 1 },
    extra: { reason: body.reason },
  }));
}

/** 综合评价: the resident's rating, recorded by staff (a call back) or given by the resident on the public side. */
export async function evaluateEvent(ctx: RequestContext, id: number, body: z.infer<typeof EvaluateBody>) {
  return transition(ctx, id, "evaluate", body.version, async (_access, at) => ({
    note: body.comment || null,
    changes: { rating: body.rating, ratingComment: body.comment || null, ratedAt: at },
    extra: { rating: body.rating, by: "staff" },
  }));
}

export async function deleteEvent(ctx: RequestContext, id: number, body: z.infer<typeof DeleteEventBody>) {
  const { event } = await eventFor(ctx, id, "event.dispatch");
  await write(ctx, async (tx, audit) => {
    const row = await repo.updateEvent(tx, id, body.version, event.stage, { deletedAt: ctx.clock.now() }, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "event.delete", entity: "event", entityId: id, nodeId: event.nodeId, cityId: event.cityId, before: { stage: event.stage, version: event.version }, after: { reason: body.reason } });
  });
}

// --- 街乡吹哨、部门报到

export async function summonDepartments(ctx: RequestContext, id: number, body: z.infer<typeof SummonBody>) {
  const { actor, event } = await eventFor(ctx, id, "event.summon");
  if (!isOpen(event.stage as EventStage)) throw invalidTransition("summon", event.stage);
  const known = await departmentsOfCity(ctx.db, event.cityId);
  body.departmentIds.forEach((departmentId, index) => {
    const dept = known.find((row) => row.id === departmentId);
    if (!dept || dept.retired) throw invalidField(`departmentIds.${index}`, "没有这个部门 (no such department)");
  });
  if (new Set(body.departmentIds).size !== body.departmentIds.length) throw invalidField("departmentIds", "listed twice");
  const already = new Set((await repo.summonsOf(ctx.db, id)).map((row) => row.departmentId));
  const repeated = body.departmentIds.findIndex((departmentId) => already.has(departmentId));
  if (repeated >= 0) throw conflict("该部门已被召集 (that department is already summoned to this event)", "already_summoned");
  const timing = await timingFor(ctx.db, event.cityId, event.eventTypeId, event.urgency as Urgency);
  const at = ctx.clock.now();
  const due = timerFrom(timing.calendar, at, timing.limits.summon).dueAt;
  await write(ctx, async (tx, audit) => {
    await advance(tx, audit, {
      event,
      version: body.version,
      action: "summon",
      to: event.stage as EventStage,
      restartsTimer: false,
      timing,
      actor,
      at,
      note: body.note,
      extra: { departmentIds: body.departmentIds, dueAt: due.toISOString() },
    });
    await repo.insertSummons(
      tx,
      body.departmentIds.map((departmentId) => ({ cityId: event.cityId, eventId: id, departmentId, summonedByUserId: actor.userId, note: body.note, summonedAt: at, dueAt: due })),
    );
  });
  return getEvent(ctx, id);
}

async function summonsFor(ctx: RequestContext, summonsId: number, permission: Permission) {
  const row = await repo.findSummons(ctx.db, summonsId);
  if (!row) throw notFound("召集");
  const access = await eventFor(ctx, row.eventId, permission, row.departmentId);
  return { ...access, summons: row };
}

/** 部门报到: the department answers the summons; late when past its limit. */
export async function answerSummons(ctx: RequestContext, summonsId: number, body: z.infer<typeof SummonAnswerBody>) {
  const { event, summons } = await summonsFor(ctx, summonsId, "event.handle");
  if (summons.answeredAt) throw invalidTransition("answer", "answered");
  const at = ctx.clock.now();
  await write(ctx, async (tx, audit) => {
    const row = await repo.updateSummons(tx, summonsId, body.version, { answeredAt: at, answerNote: body.note, answerLate: summons.answerLate || at > summons.dueAt });
    if (!row) throw versionConflict();
    audit({ action: "event.summons_answer", entity: "event_summons", entityId: summonsId, nodeId: event.nodeId, cityId: event.cityId, after: { eventId: event.id, late: row.answerLate, version: row.version } });
  });
  return getEvent(ctx, event.id);
}

/** The township records who came and how well they helped. */
export async function rateSummons(ctx: RequestContext, summonsId: number, body: z.infer<typeof SummonRateBody>) {
  const { event, summons } = await summonsFor(ctx, summonsId, "event.summon");
  if (summons.ratedAt) throw invalidTransition("rate", "rated");
  const at = ctx.clock.now();
  await write(ctx, async (tx, audit) => {
    const row = await repo.updateSummons(tx, summonsId, body.version, { attended: body.attended, rating: body.rating, ratingNote: body.note || null, ratedAt: at });
    if (!row) throw versionConflict();
    audit({
      action: "event.summons_rate",
      entity: "event_summons",
      entityId: summonsId,
      nodeId: event.nodeId,
      cityId: event.cityId,
      after: { eventId: event.id, attended: body.attended, rating: body.rating, version: row.version },
    });
  });
  return getEvent(ctx, event.id);
}

// --- the public side: a resident follows a report by its tracking code and rates the result

export async function publicTypes(db: Database, cityCode: string) {
  const cityId = await cityIdByCode(db, cityCode);
  if (cityId === undefined) throw notFound("城市");
  const types = await repo.listTypes(db, cityId, false);
  return { items: types.map((type) => ({ id: type.id, code: type.code, name: type.name, category: type.category, description: type.description })) };
}

async function publicView(db: Database, event: repo.EventRow): Promise<z.infer<typeof PublicEvent>> {
  const node = await nodeRef(db, event.nodeId);
  const types = await repo.typeNames(db, [event.eventTypeId]);
  const names = await namesOf(db, { departments: event.departmentId ? [event.departmentId] : [], functions: [], nodes: [] });
  const steps = await repo.stepsOf(db, event.id);
  const stage = event.stage as EventStage;
  return {
    trackingCode: event.trackingCode,
    code: caseCode(event.id, event.reportedAt),
    typeName: types.get(event.eventTypeId)?.name ?? "",
    stage,
    status: isOpen(stage) ? "open" : "closed",
    nodeName: node?.name ?? "",
    departmentName: event.departmentId ? (names.departments.get(event.departmentId) ?? null) : null,
    reportedAt: event.reportedAt.toISOString(),
    expectedAt: event.closeDueAt.toISOString(),
    closedAt: event.closedAt?.toISOString() ?? null,
    statusNote: maskFreeText(event.statusNote),
    rating: event.rating as Rating | null,
    canRate: allows("evaluate", stage),
    // Who acted and what they wrote stay inside: the resident sees what happened and when.
    steps: steps.filter((step) => step.action !== "escalate").map((step) => ({ action: step.action, toStage: step.toStage as EventStage, at: step.at.toISOString() })),
  };
}

export async function trackPublic(ctx: RequestContext, code: string) {
  const event = await repo.findByTracking(ctx.db, code);
  if (!event) throw notFound("事件");
  return publicView(ctx.db, event);
}

export async function ratePublic(ctx: RequestContext, code: string, body: z.infer<typeof PublicRatingBody>) {
  const event = await repo.findByTracking(ctx.db, code);
  if (!event) throw notFound("事件");
  if (!allows("evaluate", event.stage as EventStage)) throw invalidTransition("evaluate", event.stage);
  const at = ctx.clock.now();
  const timing = await timingFor(ctx.db, event.cityId, event.eventTypeId, event.urgency as Urgency);
  const row = await write(ctx, (tx, audit) =>
    advance(tx, audit, {
      event,
      version: event.version,
      action: "evaluate",
      to: "evaluated",
      restartsTimer: true,
      timing,
      actor: null,
      at,
      note: body.comment || null,
      changes: { rating: body.rating, ratingComment: body.comment || null, ratedAt: at },
      extra: { rating: body.rating, by: "resident" },
    }),
  );
  return publicView(ctx.db, row);
}

// --- Open311 reads (the open311 module formats them)

export interface Open311Record {
  id: number;
  trackingCode: string;
  stage: EventStage;
  rejectReason: string | null;
  typeId: number;
  description: string | null;
  departmentName: string | null;
  requestedAt: Date;
  updatedAt: Date;
  expectedAt: Date;
  nodeName: string | null;
  nodeCode: string | null;
  lon: number | null;
  lat: number | null;
  mediaUrl: string | null;
}

/** About 100 m: where a request is, not which door. */
const publicCoordinate = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

/**
 * Service requests as the public may see them: only the sources the city publishes, never a note
 * staff wrote, the reporter's own words with phone, ID and bank-card numbers masked, and a place to
 * about 100 m. 矛盾隐患 (conflicts between neighbours, in families) are not for a public list: they
 * are left out of lists, and shown by id without what or where.
 */
export async function open311Records(db: Database, filter: repo.Open311Filter): Promise<Open311Record[]> {
  const found = await repo.open311Events(db, filter);
  const types = await repo.typeNames(db, found.map((row) => row.eventTypeId));
  const nodes = await nodeRefs(db, found.map((row) => row.nodeId));
  const places = (await geographyOf(db, filter.cityId)).places;
  const codeOf = new Map(places.map((place) => [place.id, place.code]));
  const names = await namesOf(db, { departments: found.flatMap((row) => (row.departmentId ? [row.departmentId] : [])), functions: [], nodes: [] });
  return found.map((row) => {
    const hidden = types.get(row.eventTypeId)?.conflict ?? false;
    // The micro-grid's own name already carries its village's (东王村第2网格第3微网格): where, without a house number.
    const place = nodes.get(row.nodeId)?.name ?? null;
    return {
      id: row.id,
      trackingCode: row.trackingCode,
      stage: row.stage as EventStage,
      rejectReason: row.rejectReason,
      typeId: row.eventTypeId,
      // What staff typed describes a case for staff: only a resident's or a client's own report is shown.
      description: hidden || row.source === "staff" ? null : maskFreeText(row.description),
      departmentName: row.departmentId ? (names.departments.get(row.departmentId) ?? null) : null,
      requestedAt: row.reportedAt,
      updatedAt: row.updatedAt,
      expectedAt: row.closeDueAt,
      nodeName: hidden ? null : place,
      nodeCode: hidden ? null : (codeOf.get(row.nodeId) ?? null),
      lon: hidden ? null : publicCoordinate(row.lon),
      lat: hidden ? null : publicCoordinate(row.lat),
      mediaUrl: hidden || row.source === "staff" ? null : row.mediaUrl,
    };
  });
}

export async function open311Token(db: Database, cityId: number, token: string): Promise<number | undefined> {
  const event = await repo.findByTracking(db, token);
  return event && event.cityId === cityId ? event.id : undefined;
}

export interface ServiceType {
  id: number;
  code: string;
  name: string;
  category: string;
  description: string;
  notice: string;
  keywords: string;
  attributes: ServiceAttribute[];
}

/** The live catalogue as Open311 services: each type is a service_code, its attributes the service definition. */
export async function open311Services(db: Database, cityId: number): Promise<ServiceType[]> {
  return (await repo.listTypes(db, cityId, false)).map((type) => ({
    id: type.id,
    code: type.code,
    name: type.name,
    category: type.category,
    description: type.description,
    notice: type.notice,
    keywords: type.keywords,
    attributes: type.attributes as ServiceAttribute[],
  }));
}

/** When any city's catalogue last changed: the Open311 discovery changeset. */
export async function catalogueChangedAt(db: Database): Promise<Date | null> {
  return repo.catalogueChangedAt(db);
}

// --- the overdue sweep

/**
 * Escalates overdue stages up the tree (to the township, then the city), marks cases and summons past
 * their deadlines as late, and records each in the step log and the audit trail. Safe to run in
 * several processes at once and as often as wished: each case is escalated once per level.
 */
export async function sweepOverdueEvents(env: JobEnv): Promise<number> {
  const ctx = jobContext(env);
  const { db, clock } = env;
  const now = clock.now();
  let total = 0;
  for (const level of [1, 2] as const) {
    // Looked at first without a transaction, so that a quiet sweep writes nothing at all.
    while (await repo.overdueExists(db, level, now)) {
      const escalated = await write(ctx, async (tx, audit) => {
        const rows = await repo.escalateOverdue(tx, level, now, SWEEP_BATCH);
        for (const row of rows) {
          await repo.insertStep(tx, {
            cityId: row.cityId,
            eventId: row.id,
            action: "escalate",
            fromStage: row.stage,
            toStage: row.stage,
            nodeId: row.escalatedNodeId,
            note: level === 1 ? "超时，已上报乡镇（街道） (overdue: raised to the township or street)" : "严重超时，已上报市级 (long overdue: raised to the city)",
            late: true,
            at: now,
          });
          audit({ action: "event.escalate", entity: "event", entityId: row.id, nodeId: row.nodeId, cityId: row.cityId, after: { level, stage: row.stage, escalatedNodeId: row.escalatedNodeId } });
        }
        // Another process took them between the look and the lock: the transaction still records the sweep.
        if (rows.length === 0) audit({ action: "event.sweep", entity: "event", after: { level, escalated: 0 } });
        return rows.length;
      });
      total += escalated;
      if (escalated < SWEEP_BATCH) break;
    }
  }
  if (await repo.lateMarksPending(db, now)) {
    await write(ctx, async (tx, audit) => {
      const late = await repo.markCloseOverdue(tx, now);
      const summons = await repo.markSummonsOverdue(tx, now);
      for (const row of late) audit({ action: "event.overdue", entity: "event", entityId: row.id, cityId: row.cityId, after: { closedLate: true } });
      for (const row of summons) audit({ action: "event.summons_overdue", entity: "event_summons", entityId: row.id, cityId: row.cityId, after: { answerLate: true } });
      if (late.length + summons.length === 0) audit({ action: "event.sweep", entity: "event", after: { closedLate: 0, summonsLate: 0 } });
    });
  }
  return total;
}
