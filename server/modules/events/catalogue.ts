import type { z } from "zod";
import type { CreateEventTypeBody, EventType, ServiceAttribute, TimeLimit, UpdateEventTypeBody } from "../../../shared/schemas/events";
import type { Database } from "../../db/client";
import type { Actor, RequestContext } from "../../platform/context";
import { conflict, forbidden, invalidField, notFound, versionConflict } from "../../platform/errors";
import { can, requirePermission } from "../../platform/policy";
import { write } from "../../platform/write";
import { departmentFunctionRefs } from "../orgs/service";
import { CityCache } from "./cache";
import * as repo from "./repository";

/**
 * The event catalogue of a city: types, the department functions each routes to, and their time
 * limits. Everyone who reads events reads it; changing it is the dispatch centre's, at the city's root
 * (event.dispatch held there), since it governs the whole city.
 */

/** The city an actor works in, and the path of its root node (every path in a city starts with the root's id). */
export function cityOf(actor: Actor): { cityId: number; rootPath: string } {
  const grant = actor.grants.find((candidate) => candidate.cityId !== null && candidate.path !== null);
  if (!grant || grant.cityId === null || grant.path === null) throw forbidden();
  return { cityId: grant.cityId, rootPath: `/${grant.path.split("/")[1]}/` };
}

export interface FunctionRef {
  eventTypeId: number;
  functionId: number;
  functionName: string;
  departmentId: number;
  departmentName: string;
}

/** The department functions each type routes to, by function code; a retired function (or department) routes nowhere. */
export async function functionsOfTypes(db: Database, typeIds: readonly number[]): Promise<FunctionRef[]> {
  const links = await repo.typeFunctionLinks(db, typeIds);
  const refs = await departmentFunctionRefs(db, links.map((link) => link.functionId));
  const live = links.flatMap((link) => {
    const fn = refs.get(link.functionId);
    return fn && !fn.retired ? [{ link, fn }] : [];
  });
  return live
    .sort((a, b) => (a.fn.code < b.fn.code ? -1 : a.fn.code > b.fn.code ? 1 : 0))
    .map(({ link, fn }) => ({ eventTypeId: link.eventTypeId, functionId: fn.id, functionName: fn.name, departmentId: fn.departmentId, departmentName: fn.departmentName }));
}

function limitsOf(rows: readonly repo.LimitRow[], typeId: number | null): z.infer<typeof TimeLimit>[] {
  return rows
    .filter((row) => row.eventTypeId === typeId)
    .map((row) => ({ urgency: row.urgency as TimeLimit["urgency"], stage: row.stage as TimeLimit["stage"], amount: row.amount, unit: row.unit as TimeLimit["unit"] }));
}

function present(type: repo.EventTypeRow, functions: readonly FunctionRef[], limits: readonly repo.LimitRow[]): z.infer<typeof EventType> {
  return {
    id: type.id,
    code: type.code,
    name: type.name,
    category: type.category,
    conflict: type.conflict,
    description: type.description,
    notice: type.notice,
    keywords: type.keywords,
    attributes: type.attributes as ServiceAttribute[],
    functions: functions
      .filter((fn) => fn.eventTypeId === type.id)
      .map(({ functionId, functionName, departmentId, departmentName }) => ({ functionId, functionName, departmentId, departmentName })),
    limits: limitsOf(limits, type.id),
    retired: type.retiredAt !== null,
    version: type.version,
  };
}

export async function listEventTypes(ctx: RequestContext, includeRetired: boolean) {
  const actor = requirePermission(ctx, "event.read");
  const { cityId } = cityOf(actor);
  const types = await repo.listTypes(ctx.db, cityId, includeRetired);
  const functions = await functionsOfTypes(ctx.db, types.map((type) => type.id));
  const limits = await repo.limitsOfCity(ctx.db, cityId);
  return { items: types.map((type) => present(type, functions, limits)), defaults: limitsOf(limits, null) };
}

function checkAttributes(attributes: readonly ServiceAttribute[]): void {
  const codes = new Set<string>();
  const orders = new Set<number>();
  attributes.forEach((attribute, index) => {
    if (codes.has(attribute.code)) throw invalidField(`attributes.${index}.code`, "listed twice");
    if (orders.has(attribute.order)) throw invalidField(`attributes.${index}.order`, "each attribute needs its own order");
    const isList = attribute.datatype === "singlevaluelist" || attribute.datatype === "multivaluelist";
    if (isList !== attribute.values.length > 0) throw invalidField(`attributes.${index}.values`, isList ? "a list needs its values" : "only lists have values");
    codes.add(attribute.code);
    orders.add(attribute.order);
  });
}

function checkLimits(limits: readonly TimeLimit[]): void {
  const seen = new Set<string>();
  limits.forEach((limit, index) => {
    const key = `${limit.urgency}/${limit.stage}`;
    if (seen.has(key)) throw invalidField(`limits.${index}`, `${key} listed twice`);
    seen.add(key);
  });
}

async function checkFunctions(db: Database, cityId: number, ids: readonly number[]): Promise<void> {
  const found = await departmentFunctionRefs(db, ids);
  ids.forEach((id, index) => {
    const fn = found.get(id);
    if (!fn || fn.cityId !== cityId || fn.retired) throw invalidField(`functionIds.${index}`, "没有这个部门职能 (no such department function)");
  });
  if (new Set(ids).size !== ids.length) throw invalidField("functionIds", "listed twice");
}

function auditView(type: repo.EventTypeRow, functionIds: readonly number[], limits: readonly TimeLimit[]) {
  return { code: type.code, name: type.name, category: type.category, conflict: type.conflict, functionIds, limits, retired: type.retiredAt !== null, version: type.version };
}

/**
 * Every event reader of the city sees its catalogue, so one who may not change it gets 403, even when
 * the city's root lies above their own node (authorizeAt would answer 404 there).
 */
function requireCatalogueManager(actor: Actor, rootPath: string): void {
  if (!can(actor, "event.dispatch", rootPath)) throw forbidden();
}

export async function createEventType(ctx: RequestContext, body: z.infer<typeof CreateEventTypeBody>) {
  const actor = requirePermission(ctx, "event.read");
  const { cityId, rootPath } = cityOf(actor);
  requireCatalogueManager(actor, rootPath);
  checkAttributes(body.attributes);
  checkLimits(body.limits);
  await checkFunctions(ctx.db, cityId, body.functionIds);
  return write(ctx, async (tx, audit) => {
    if (await repo.findTypeByCode(tx, cityId, body.code)) throw conflict(`编码 ${body.code} 已被使用 (code already used)`, "duplicate_code");
    const at = ctx.clock.now();
    const { functionIds, limits, ...fields } = body;
    const type = await repo.insertType(tx, { ...fields, cityId, createdAt: at, updatedAt: at });
    await repo.replaceTypeFunctions(tx, cityId, type.id, functionIds);
    await repo.replaceTypeLimits(tx, cityId, type.id, limits);
    audit({ action: "event_type.create", entity: "event_type", entityId: type.id, cityId, after: auditView(type, functionIds, limits) });
    return present(type, await functionsOfTypes(tx, [type.id]), await repo.limitsOfCity(tx, cityId, [type.id]));
  }).finally(() => catalogues.invalidate(ctx.db, cityId));
}

export async function updateEventType(ctx: RequestContext, id: number, body: z.infer<typeof UpdateEventTypeBody>) {
  const actor = requirePermission(ctx, "event.read");
  const { cityId, rootPath } = cityOf(actor);
  const existing = await repo.findType(ctx.db, id);
  if (!existing || existing.cityId !== cityId) throw notFound("事件类型");
  requireCatalogueManager(actor, rootPath);
  if (body.attributes) checkAttributes(body.attributes);
  if (body.limits) checkLimits(body.limits);
  if (body.functionIds) await checkFunctions(ctx.db, cityId, body.functionIds);
  return write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const before = auditView(existing, (await functionsOfTypes(tx, [id])).map((fn) => fn.functionId), limitsOf(await repo.limitsOfCity(tx, cityId, [id]), id));
    const { version, functionIds, limits, retired, ...fields } = body;
    const retiredAt = retired === undefined ? undefined : retired ? (existing.retiredAt ?? at) : null;
    const type = await repo.updateType(tx, id, version, { ...fields, ...(retiredAt === undefined ? {} : { retiredAt }) }, at);
    if (!type) throw versionConflict();
    if (functionIds) await repo.replaceTypeFunctions(tx, cityId, id, functionIds);
    if (limits) await repo.replaceTypeLimits(tx, cityId, id, limits);
    const functions = await functionsOfTypes(tx, [id]);
    const rows = await repo.limitsOfCity(tx, cityId, [id]);
    audit({ action: "event_type.update", entity: "event_type", entityId: id, cityId, before, after: auditView(type, functions.map((fn) => fn.functionId), limitsOf(rows, id)) });
    return present(type, functions, rows);
  }).finally(() => catalogues.invalidate(ctx.db, cityId));
}

/** A city's types and time limits as every report and transition needs them (see cache.ts for freshness). */
const catalogues = new CityCache(
  async (db, cityId) => ({ types: new Map((await repo.listTypes(db, cityId, true)).map((type) => [type.id, type])), limits: await repo.limitsOfCity(db, cityId) }),
  repo.catalogueStamp,
);

/** The limits that apply to a type: its own rows and the city's defaults. */
export async function limitsFor(db: Database, cityId: number, typeId: number): Promise<repo.LimitRow[]> {
  return (await catalogues.get(db, cityId)).limits.filter((row) => row.eventTypeId === null || row.eventTypeId === typeId);
}

/** What intake needs of a type: the live type of that city, and the limits that apply to it. */
export async function typeForIntake(db: Database, cityId: number, typeId: number, field = "typeId") {
  const type = (await catalogues.get(db, cityId)).types.get(typeId);
  if (!type || type.retiredAt) throw invalidField(field, "没有这个事件类型 (no such event type)");
  return { type, limits: await limitsFor(db, cityId, typeId) };
}
