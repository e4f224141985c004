import type { z } from "zod";
import type { EventStage, PublicReportBody, ReportEventBody, Urgency } from "../../../shared/schemas/events";
import type { Database } from "../../db/client";
import { type RequestContext } from "../../platform/context";
import { badRequest, invalidField } from "../../platform/errors";
import { authorizeAt, can, requirePermission } from "../../platform/policy";
import { writeBatched, type BatchStatement } from "../../platform/write";
import { cityIdByCode, nodeRef, visibleNode, type NodeRef } from "../../platform/tree";
import { cityOf, typeForIntake } from "./catalogue";
import { closeDeadline } from "./deadlines";
import { locatePoint } from "./geography";
import { preparePhotos, type PreparedPhoto } from "./photo-copies";
import * as repo from "./repository";
import { DUPLICATE_HOURS, DUPLICATE_METRES, caseCode, distanceMetres, newTrackingCode, timerFields, timingFor } from "./core";

// Intake: staff, residents and Open311 reports arrive here, each placed by its point and checked for duplicates.

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
  photos: PreparedPhoto[];
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

export async function intake(ctx: RequestContext, input: IntakeInput, typeField = "typeId"): Promise<Accepted> {
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
    photos: input.photos.map((photo) => ({ kind: "report", mime: photo.mime, size: photo.size, sha256: photo.sha256, data: photo.data, thumb: photo.thumb, web: photo.web })),
    box,
  };
  const kept = await writeBatched(ctx, reportStatement, report, [
    {
      action: "event.report",
      entity: "event",
      entityId: id,
      nodeId: input.node.id,
      cityId: input.cityId,
      after: { stage: "reported", typeId: input.typeId, urgency: input.urgency, source: input.source, photos: input.photos.length, version: 1 },
    },
  ]);
  // From what the statement returns, not the locals: a retry that recovers an unanswered run answers with that run's event.
  return { id: kept.id, trackingCode: kept.trackingCode, stage: "reported" as const, reportedAt: kept.reportedAt, closeDueAt: kept.closeDueAt, duplicates: box ? duplicatesAmong(input.lon!, input.lat!, kept.reportedAt, kept.nearby) : [] };
}

type Kept = { id: number; trackingCode: string; reportedAt: Date; closeDueAt: Date; nearby: repo.Nearby[] };

const reportStatement: BatchStatement<repo.NewReport, Kept> = {
  run: async (db, reports, audit) =>
    (await repo.insertReports(db, reports, audit)).map((nearby, index) => {
      const { event } = reports[index]!;
      return { id: event.id, trackingCode: event.trackingCode, reportedAt: event.reportedAt, closeDueAt: event.closeDueAt, nearby };
    }),
};

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

export async function duplicatesOf(db: Database, event: Pick<repo.EventRow, "id" | "cityId" | "eventTypeId" | "lon" | "lat" | "reportedAt">): Promise<Duplicate[]> {
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
  const photos = await preparePhotos(body.photos);
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
  const photos = await preparePhotos(body.photos);
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
