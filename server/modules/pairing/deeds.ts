import type { z } from "zod";
import type { AttendanceBody, CreateCallBody, CreateDeedBody, PublicDeedQuery, ServiceQuery } from "../../../shared/schemas/pairing";
import type { Database } from "../../db/client";
import { localDay } from "../../platform/calendar/service";
import type { RequestContext } from "../../platform/context";
import { conflict, invalidField, notFound, versionConflict } from "../../platform/errors";
import { personOfUser } from "../../platform/auth/service";
import { authorizeAt, requireActor, requirePermission } from "../../platform/policy";
import { cityIdByCode, nodeRef, nodeRefs } from "../../platform/tree";
import { write } from "../../platform/write";
import { decodePhotos } from "../events/photos";
import { personFacts } from "../people/service";
import { listScope, nodeAt } from "./access";
import * as repo from "./repository";

/** 我为群众办实事 and a community's calls with shifts (党员下沉). */

function today(ctx: RequestContext): string {
  return localDay(ctx.clock.now());
}

async function presentDeeds(db: Database, rows: repo.DeedRow[]) {
  const [nodes, photos] = await Promise.all([nodeRefs(db, rows.map((row) => row.nodeId)), repo.photoIdsOf(db, rows.map((row) => row.id))]);
  return rows.map((row) => ({
    id: row.id,
    nodeId: row.nodeId,
    nodeName: nodes.get(row.nodeId)?.name ?? "",
    title: row.title,
    description: row.description,
    beneficiaries: row.beneficiaries,
    doneOn: row.doneOn,
    rating: row.rating,
    published: row.published,
    photoIds: photos.get(row.id) ?? [],
    version: row.version,
  }));
}

export async function listDeeds(ctx: RequestContext, query: z.infer<typeof ServiceQuery>) {
  const { scope } = await listScope(ctx, "service.read", query.org);
  const { rows, total } = await repo.listDeeds(ctx.db, { scope }, query.pageSize, (query.page - 1) * query.pageSize);
  return { items: await presentDeeds(ctx.db, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function createDeed(ctx: RequestContext, body: z.infer<typeof CreateDeedBody>) {
  const actor = requirePermission(ctx, "service.manage");
  const node = await nodeAt(ctx, body.nodeId, "service.manage");
  const doneOn = body.doneOn ?? today(ctx);
  if (doneOn > today(ctx)) throw invalidField("doneOn", "不能晚于今天 (cannot be in the future)");
  const photos = decodePhotos(body.photos);
  const at = ctx.clock.now();
  const row = await write(ctx, async (tx, audit) => {
    const created = await repo.insertDeed(
      tx,
      { cityId: node.cityId, nodeId: node.id, title: body.title, description: body.description, beneficiaries: body.beneficiaries, doneOn, createdBy: actor.userId, createdAt: at, updatedAt: at },
      photos.map((photo) => ({ cityId: node.cityId, mime: photo.mime, size: photo.size, sha256: photo.sha256, data: photo.data, createdAt: at })),
    );
    audit({ action: "service.deed", entity: "service_deed", entityId: created.id, nodeId: node.id, cityId: node.cityId, after: { title: body.title, beneficiaries: body.beneficiaries, photos: photos.length } });
    return created;
  });
  return (await presentDeeds(ctx.db, [row]))[0]!;
}

async function deedFor(ctx: RequestContext, id: number, permission: "service.read" | "service.manage") {
  requirePermission(ctx, permission);
  const row = await repo.findDeed(ctx.db, id);
  const node = row ? await nodeRef(ctx.db, row.nodeId) : undefined;
  if (!row || !node) throw notFound("办实事记录");
  authorizeAt(ctx, permission, node.path);
  return { row, node };
}

/** The residents' rating, or publication on the public side: one change each, from the version read. */
export async function changeDeed(ctx: RequestContext, id: number, version: number, changes: { rating: number } | { published: boolean }) {
  const { row, node } = await deedFor(ctx, id, "service.manage");
  if (row.version !== version) throw versionConflict();
  const updated = await write(ctx, async (tx, audit) => {
    const done = await repo.updateDeed(tx, id, version, changes, ctx.clock.now());
    if (!done) throw versionConflict();
    audit({ action: "rating" in changes ? "service.deed_rating" : "service.deed_publish", entity: "service_deed", entityId: id, nodeId: node.id, cityId: row.cityId, before: { rating: row.rating, published: row.published }, after: changes });
    return done;
  });
  return (await presentDeeds(ctx.db, [updated]))[0]!;
}

export async function deedPhoto(ctx: RequestContext, id: number, photoId: number) {
  await deedFor(ctx, id, "service.read");
  const photo = await repo.deedPhoto(ctx.db, id, photoId);
  if (!photo) throw notFound("照片");
  return photo;
}

/** Published deeds of a city for residents: no account, no personal data, no photos. */
export async function publicDeeds(db: Database, query: z.infer<typeof PublicDeedQuery>) {
  const cityId = await cityIdByCode(db, query.city);
  if (cityId === undefined) throw notFound("城市");
  const { rows, total } = await repo.listDeeds(db, { scope: { all: true }, cityId, published: true }, query.pageSize, (query.page - 1) * query.pageSize);
  const nodes = await nodeRefs(db, rows.map((row) => row.nodeId));
  const items = rows.map((row) => ({ id: row.id, nodeName: nodes.get(row.nodeId)?.name ?? "", title: row.title, description: row.description, beneficiaries: row.beneficiaries, doneOn: row.doneOn, rating: row.rating }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

// --- calls (号召) and shifts

async function presentCalls(db: Database, rows: { id: number; nodeId: number; title: string; kind: string }[]) {
  const [nodes, shifts] = await Promise.all([nodeRefs(db, rows.map((row) => row.nodeId)), repo.shiftsOf(db, rows.map((row) => row.id))]);
  return rows.map((row) => ({
    id: row.id,
    nodeId: row.nodeId,
    nodeName: nodes.get(row.nodeId)?.name ?? "",
    title: row.title,
    kind: row.kind,
    shifts: shifts.filter((shift) => shift.callId === row.id).map(({ callId: _callId, ...shift }) => shift),
  }));
}

export async function listCalls(ctx: RequestContext, query: z.infer<typeof ServiceQuery>) {
  const { scope } = await listScope(ctx, "service.read", query.org);
  const { rows, total } = await repo.listCalls(ctx.db, scope, query.pageSize, (query.page - 1) * query.pageSize);
  return { items: await presentCalls(ctx.db, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function createCall(ctx: RequestContext, body: z.infer<typeof CreateCallBody>) {
  const actor = requirePermission(ctx, "service.manage");
  const node = await nodeAt(ctx, body.nodeId, "service.manage");
  body.shifts.forEach((shift, index) => {
    if (shift.day < today(ctx)) throw invalidField(`shifts.${index}.day`, "不能早于今天 (cannot be in the past)");
  });
  const row = await write(ctx, async (tx, audit) => {
    const created = await repo.insertCall(
      tx,
      { cityId: node.cityId, nodeId: node.id, title: body.title, kind: body.kind, createdBy: actor.userId, createdAt: ctx.clock.now() },
      body.shifts.map((shift) => ({ cityId: node.cityId, ...shift })),
    );
    audit({ action: "service.call", entity: "service_call", entityId: created.id, nodeId: node.id, cityId: node.cityId, after: { title: body.title, shifts: body.shifts.length } });
    return created;
  });
  return (await presentCalls(ctx.db, [row]))[0]!;
}

async function shiftFor(ctx: RequestContext, id: number) {
  requirePermission(ctx, "service.manage");
  const shift = await repo.findShift(ctx.db, id);
  const node = shift ? await nodeRef(ctx.db, shift.nodeId) : undefined;
  if (!shift || !node) throw notFound("班次");
  authorizeAt(ctx, "service.manage", node.path);
  return { shift, node };
}

/** A party member signs up for a shift (entered by the community), while it has room. */
export async function signUp(ctx: RequestContext, id: number, personId: number) {
  const { shift, node } = await shiftFor(ctx, id);
  const person = (await personFacts(ctx.db, shift.cityId, [personId])).get(personId);
  if (!person?.isPartyMember) throw invalidField("personId", "请选择本市党员 (choose a party member of this city)");
  await write(ctx, async (tx, audit) => {
    const result = await repo.signUp(tx, shift, personId, ctx.clock.now());
    if (result === "duplicate") throw conflict("已报名该班次 (already signed up)", "duplicate");
    if (result === "full") throw conflict("该班次已满 (the shift is full)", "full");
    audit({ action: "service.signup", entity: "service_call_shift", entityId: id, nodeId: node.id, cityId: shift.cityId, after: { personId } });
  });
  return { ok: true as const };
}

/**
 * The caller's own party-member report (报到): their account's person, a party member reporting to a
 * community now. Without one there is nothing of the service for them to see (404).
 */
async function ownReport(ctx: RequestContext) {
  const actor = requireActor(ctx);
  const personId = await personOfUser(ctx.db, actor.userId);
  const cityId = actor.cityId;
  const report = personId === null || cityId === null ? undefined : await repo.activeReportOf(ctx.db, cityId, personId);
  const node = report ? await nodeRef(ctx.db, report.nodeId) : undefined;
  if (!report || !node) throw notFound("报到记录");
  return { report, node };
}

/** The ids on a materialised path ("/1/17/230/"): the node and every node above it. */
const pathIds = (path: string) => path.split("/").filter(Boolean).map(Number);

/** Calls that reach the caller's community (issued there or above it), each shift marked when the caller signed up. */
export async function myCalls(ctx: RequestContext, query: { page: number; pageSize: number }) {
  const { report, node } = await ownReport(ctx);
  const { rows, total } = await repo.callsAt(ctx.db, report.cityId, pathIds(node.path), query.pageSize, (query.page - 1) * query.pageSize);
  const items = await presentCalls(ctx.db, rows);
  const mine = await repo.shiftsOfPerson(ctx.db, report.personId, items.flatMap((call) => call.shifts.map((shift) => shift.id)));
  return { items: items.map((call) => ({ ...call, shifts: call.shifts.map((shift) => ({ ...shift, mine: mine.has(shift.id) })) })), total, page: query.page, pageSize: query.pageSize };
}

/** A party member signs up themself for a shift of a call that reaches their community (404 for any other), while it has room. */
export async function signUpSelf(ctx: RequestContext, id: number) {
  const { report, node } = await ownReport(ctx);
  const shift = await repo.findShift(ctx.db, id);
  if (!shift || shift.cityId !== report.cityId || !pathIds(node.path).includes(shift.nodeId)) throw notFound("班次");
  if (shift.day < today(ctx)) throw conflict("该班次已过 (the shift is over)", "past");
  await write(ctx, async (tx, audit) => {
    const result = await repo.signUp(tx, shift, report.personId, ctx.clock.now());
    if (result === "duplicate") throw conflict("已报名该班次 (already signed up)", "duplicate");
    if (result === "full") throw conflict("该班次已满 (the shift is full)", "full");
    audit({ action: "service.signup", entity: "service_call_shift", entityId: id, nodeId: shift.nodeId, cityId: shift.cityId, after: { personId: report.personId, self: true } });
  });
  return { ok: true as const };
}

export async function recordAttendance(ctx: RequestContext, id: number, body: z.infer<typeof AttendanceBody>) {
  const { shift, node } = await shiftFor(ctx, id);
  await write(ctx, async (tx, audit) => {
    if (!(await repo.setAttendance(tx, id, body.personId, body.attended))) throw invalidField("personId", "该党员未报名此班次 (not signed up for this shift)");
    audit({ action: "service.attendance", entity: "service_call_shift", entityId: id, nodeId: node.id, cityId: shift.cityId, after: body });
  });
  return { ok: true as const };
}
