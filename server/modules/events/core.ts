import { randomBytes } from "node:crypto";
import type { Permission } from "../../../shared/permissions";
import type { EventStage, Urgency } from "../../../shared/schemas/events";
import type { Database } from "../../db/client";
import { calendarFor, calendarStamp, calendarWritesHere, localDay, type WorkCalendar } from "../../platform/calendar/service";
import { type Actor, type RequestContext, type Tx } from "../../platform/context";
import { AppError, forbidden, notFound, versionConflict } from "../../platform/errors";
import { covers, requirePermission, visibleScope } from "../../platform/policy";
import { actionPermission, eventReach, handlerReaches, mayAct, withoutHandler, type HandlerReach } from "./policy";
import { write, type Audit } from "../../platform/write";
import { nodeRef, type NodeRef } from "../../platform/tree";
import { CityCache } from "./cache";
import { limitsFor } from "./catalogue";
import { limitTable, timerFrom, type LimitTable } from "./deadlines";
import { allows, timerOf, transitions, type EventAction } from "./stages";
import * as repo from "./repository";
import { getEvent } from "./queries";
import { noticeOfMove } from "./notices";

// What every part of the events service shares: case codes, timing on the working calendar, access to one event, and the one transaction that moves an event on.

/** Reports of the same type within this distance and time are offered as possible duplicates. */
export const DUPLICATE_METRES = 200;
export const DUPLICATE_HOURS = 72;
export const MAP_LIMIT = 5000;
export const SWEEP_BATCH = 500;

/** Crockford's base 32 (no I, L, O, U): read aloud and typed from a phone without confusion. */
const TRACKING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Random bytes drawn a few kilobytes at a time: one call to the system's generator per report was a visible cost of intake. */
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

export function newTrackingCode(): string {
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

export function invalidTransition(action: string, stage: string): AppError {
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

export async function timingFor(db: Database, cityId: number, typeId: number, urgency: Urgency, limitRows?: readonly repo.LimitRow[]): Promise<Timing> {
  const rows = limitRows ?? (await limitsFor(db, cityId, typeId));
  return { calendar: await calendars.get(db, cityId), limits: limitTable(rows, typeId, urgency) };
}

export function timerFields(timing: Timing, stage: EventStage, at: Date): Pick<repo.EventRow, "stageStartedAt" | "stageWarnAt" | "stageDueAt"> {
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
export async function eventFor(ctx: RequestContext, id: number, permission: Permission, departmentId?: number): Promise<EventAccess> {
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

export async function advance(tx: Tx, audit: Audit, move: Advance): Promise<repo.EventRow> {
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
  await noticeOfMove(tx, row, { action: move.action, actorUserId: move.actor?.userId ?? null, at, summoned: move.extra?.departmentIds as number[] | undefined });
  return row;
}

export async function transition(
  ctx: RequestContext,
  id: number,
  action: EventAction,
  version: number,
  plan: (access: EventAccess, at: Date) => Promise<Omit<Advance, "event" | "version" | "action" | "to" | "restartsTimer" | "actor" | "at" | "timing">>,
) {
  const access = await eventFor(ctx, id, actionPermission[action]);
  const { actor, event } = access;
  if (!allows(action, event.stage as EventStage)) throw invalidTransition(action, event.stage);
  const at = ctx.clock.now();
  const step = await plan(access, at);
  const timing = await timingFor(ctx.db, event.cityId, event.eventTypeId, event.urgency as Urgency);
  const { to, restartsTimer } = transitions[action];
  await write(ctx, (tx, audit) => advance(tx, audit, { ...step, timing, event, version, action, to, restartsTimer, actor, at }));
  return getEvent(ctx, id);
}
