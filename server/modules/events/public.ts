import type { z } from "zod";
import { maskFreeText } from "../../../shared/mask";
import type { EventStage, PublicEvent, PublicRatingBody, Rating, ServiceAttribute, Urgency } from "../../../shared/schemas/events";
import type { Database } from "../../db/client";
import { type RequestContext } from "../../platform/context";
import { notFound } from "../../platform/errors";
import { write } from "../../platform/write";
import { cityIdByCode, keptNodeRefs, nodeRef } from "../../platform/tree";
import { geographyOf } from "./geography";
import { allows, isOpen } from "./stages";
import * as repo from "./repository";
import { advance, caseCode, invalidTransition, timingFor } from "./core";
import { namesOf } from "./queries";
import { publicPhotoList } from "./public-photos";

// The public side (tracking and rating by code) and the reads the Open311 port formats.

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
    photos: await publicPhotoList(db, event.id),
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
  const types = await repo.keptTypeNames(db, found.map((row) => row.eventTypeId));
  const nodes = await keptNodeRefs(db, found.map((row) => row.nodeId));
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
