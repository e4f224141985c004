import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { plain } from "../../../shared/schemas/common";
import type { EventStage } from "../../../shared/schemas/events";
import type { Database } from "../../db/client";
import { roleGrants } from "../../../shared/permissions";
import type { eventSources } from "../../../shared/schemas/events";
import { defaultPublishedSources, type UpdateOpen311SettingsBody } from "../../../shared/schemas/open311";
import type { Actor, RequestContext } from "../../platform/context";
import { AppError, badRequest, versionConflict } from "../../platform/errors";
import { authorizeAt, requirePermission } from "../../platform/policy";
import { write } from "../../platform/write";
import { cityIdByCode } from "../../platform/tree";
import * as events from "../events/service";
import * as repo from "./repository";

/**
 * An Open311 GeoReport v2 server over the grid events: jurisdictions are cities (jurisdiction_id is
 * the city's code), services are event types, service requests are events. Requests are "realtime":
 * POST answers with the service_request_id; a resident's tracking code serves as the token.
 */

/** The demo city's key (shown in the README); OPEN311_API_KEY replaces it. */
export const DEMO_OPEN311_KEY = "hejin-open311-demo";
export const SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";

/** The spec's default window and volume for GET requests. */
const WINDOW_DAYS = 90;
const MAX_REQUESTS = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface Open311Problem {
  code: number;
  description: string;
}

/** An error as the spec words it: 404 for what does not exist, 403 for the key, 400 for the rest, with a list. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly errors: Open311Problem[],
  ) {
    super(errors.map((error) => error.description).join("; "));
  }
}

const fail = (status: 400 | 403 | 404, description: string) => new Open311Error(status, [{ code: status, description }]);

/** Platform errors from the events service, in the spec's words. */
export function fromAppError(error: AppError): Open311Error {
  const status = error.status === 403 || error.status === 404 ? error.status : 400;
  const fields = error.fields?.map((field) => ({ code: status, description: `${field.field}: ${field.message}` }));
  return new Open311Error(status, fields?.length ? fields : [{ code: status, description: error.message }]);
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** W3C date-time with the offset, as the spec asks (local time in China). */
export function w3(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

// --- jurisdictions and keys

/** The city a request is about: named by jurisdiction_id, which may be left out only where one city is served. */
export async function jurisdiction(db: Database, jurisdictionId: string | undefined): Promise<number> {
  if (jurisdictionId) {
    const cityId = await cityIdByCode(db, jurisdictionId);
    if (cityId === undefined || !(await repo.servedCityIds(db)).includes(cityId)) throw fail(404, `jurisdiction_id ${jurisdictionId} was not found`);
    return cityId;
  }
  const served = await repo.servedCityIds(db);
  if (served.length !== 1) throw fail(400, "jurisdiction_id was not provided");
  return served[0]!;
}

/** 403 unless the key is one of the city's; the demo key row stands for OPEN311_API_KEY when that is set. */
export async function requireKey(db: Database, cityId: number, apiKey: string | undefined, override: string | undefined): Promise<void> {
  if (!apiKey) throw fail(403, "api_key was not provided -- can't proceed with create_request.");
  const offered = sha256(apiKey);
  const keys = await repo.liveKeysOfCity(db, cityId);
  const valid = keys.some((key) => sameHash(offered, key.demo && override ? sha256(override) : key.keyHash));
  if (!valid) throw fail(403, "Invalid api_key received -- can't proceed with create_request.");
}

/** For the demo loader and for setting a city up: stores the key's hash, never the key. */
export async function seedOpen311Key(db: Database, cityId: number, options: { key: string; label: string; demo: boolean; at: Date }): Promise<void> {
  await repo.insertKey(db, { cityId, label: options.label, keyHash: sha256(options.key), demo: options.demo, createdAt: options.at });
}

// --- discovery and services

export async function discovery(db: Database, baseUrl: string) {
  const changed = await events.catalogueChangedAt(db);
  const changeset = changed ? w3(changed) : "2026-01-01T00:00:00+08:00";
  return {
    changeset,
    contact: "城市网格化服务管理中心，热线 12345 (the city's grid management centre, hotline 12345)",
    key_service: "API key 请向城市网格化服务管理中心申请 (ask the city's grid management centre for an API key)",
    endpoints: [{ specification: SPECIFICATION, url: `${baseUrl}/open311/v2`, changeset, type: "production", formats: ["text/xml", "application/json"] }],
  };
}

export async function services(db: Database, cityId: number) {
  return (await events.open311Services(db, cityId)).map((service) => ({
    service_code: service.code,
    service_name: service.name,
    description: service.description,
    metadata: service.attributes.length > 0,
    type: "realtime",
    keywords: service.keywords,
    group: service.category,
  }));
}

async function serviceByCode(db: Database, cityId: number, code: string) {
  const service = (await events.open311Services(db, cityId)).find((candidate) => candidate.code === code);
  if (!service) throw fail(404, `service_code ${code} was not found`);
  return service;
}

export async function serviceDefinition(db: Database, cityId: number, code: string) {
  const service = await serviceByCode(db, cityId, code);
  return {
    service_code: service.code,
    attributes: [...service.attributes]
      .sort((a, b) => a.order - b.order)
      .map((attribute) => ({
        variable: attribute.variable,
        code: attribute.code,
        datatype: attribute.datatype,
        required: attribute.required,
        datatype_description: attribute.datatypeDescription || null,
        order: attribute.order,
        description: attribute.description,
        values: attribute.values.map((value) => ({ key: value.key, name: value.name })),
      })),
  };
}

// --- POST requests

export type Form = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

/** The form's ordinary fields: text without control characters and within the spec's lengths. */
const RequestFields = z.object({
  lat: plain().max(40).optional(),
  long: plain().max(40).optional(),
  address_string: plain().max(500).optional(),
  address_id: plain().max(64).optional(),
  email: z.email().max(200).optional(),
  device_id: plain().max(200).optional(),
  account_id: plain().max(200).optional(),
  first_name: plain().max(40).optional(),
  last_name: plain().max(40).optional(),
  phone: z.string().regex(/^\+?[\d\s()-]{5,20}$/, "a phone number").optional(),
  description: plain().max(4000).optional(),
  media_url: z.url({ protocol: /^https?$/ }).max(1000).optional(),
});

/** attribute[CODE]=v and attribute[CODE][]=v1&attribute[CODE][]=v2 (a multivaluelist) */
function attributesOf(form: Form): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [key, value] of Object.entries(form)) {
    const match = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (!match || value === undefined) continue;
    found.set(match[1]!, [...(found.get(match[1]!) ?? []), ...(Array.isArray(value) ? value : [value])]);
  }
  return found;
}

function checkAttributes(service: events.ServiceType, given: Map<string, string[]>): { values: Record<string, string | string[]>; problems: string[] } {
  const problems: string[] = [];
  const values: Record<string, string | string[]> = {};
  for (const code of given.keys()) if (!service.attributes.some((attribute) => attribute.code === code)) problems.push(`attribute[${code}] is not defined for service ${service.code}`);
  for (const attribute of service.attributes) {
    const entries = (given.get(attribute.code) ?? []).map((value) => value.trim()).filter(Boolean);
    if (entries.length === 0) {
      if (attribute.required && attribute.variable) problems.push(`attribute[${attribute.code}] is required: ${attribute.description}`);
      continue;
    }
    if (attribute.datatype !== "multivaluelist" && entries.length > 1) problems.push(`attribute[${attribute.code}] takes one value`);
    const keys = new Set(attribute.values.map((value) => value.key));
    if ((attribute.datatype === "singlevaluelist" || attribute.datatype === "multivaluelist") && entries.some((value) => !keys.has(value))) {
      problems.push(`attribute[${attribute.code}] must be one of ${[...keys].join(", ")}`);
    }
    if (attribute.datatype === "number" && !entries.every((value) => Number.isFinite(Number(value)))) problems.push(`attribute[${attribute.code}] must be a number`);
    if (attribute.datatype === "datetime" && !entries.every((value) => !Number.isNaN(Date.parse(value)))) problems.push(`attribute[${attribute.code}] must be an ISO 8601 date-time`);
    if (entries.some((value) => value.length > 4000 || /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value))) problems.push(`attribute[${attribute.code}] is not acceptable text`);
    values[attribute.code] = attribute.datatype === "multivaluelist" ? entries : entries[0]!;
  }
  return { values, problems };
}

function coordinate(value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined || !/^-?\d+(\.\d+)?$/.test(value)) return undefined;
  const number = Number(value);
  return number >= min && number <= max ? number : undefined;
}

async function resolvePlace(ctx: RequestContext, cityId: number, fields: z.infer<typeof RequestFields>): Promise<{ nodeId: number; lon: number | null; lat: number | null }> {
  if (fields.lat !== undefined || fields.long !== undefined) {
    const lat = coordinate(fields.lat, -90, 90);
    const lon = coordinate(fields.long, -180, 180);
    if (lat === undefined || lon === undefined) throw fail(400, "lat and long must both be given as WGS84 degrees");
    try {
      return { nodeId: await events.locateInCity(ctx.db, cityId, lon, lat), lon, lat };
    } catch (error) {
      if (error instanceof AppError) throw fail(400, "lat/long lies outside every grid of this jurisdiction");
      throw error;
    }
  }
  if (fields.address_id) {
    const place = await events.placeByCode(ctx.db, cityId, fields.address_id);
    if (!place || place.depth === 0) throw fail(400, `address_id ${fields.address_id} is not a known place`);
    return { nodeId: place.id, lon: null, lat: null };
  }
  if (fields.address_string) {
    const place = await events.placeInAddress(ctx.db, cityId, fields.address_string);
    if (!place) throw fail(400, "address_string names no place of this jurisdiction; send lat and long");
    return { nodeId: place.id, lon: null, lat: null };
  }
  throw fail(400, "a location is required: lat and long, address_string or address_id");
}

export async function createRequest(ctx: RequestContext, cityId: number, form: Form, override: string | undefined) {
  await requireKey(ctx.db, cityId, first(form.api_key), override);
  const code = first(form.service_code);
  if (!code) throw fail(400, "service_code was not provided");
  const service = await serviceByCode(ctx.db, cityId, code);
  const parsed = RequestFields.safeParse(Object.fromEntries(Object.keys(RequestFields.shape).map((key) => [key, first(form[key])])));
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  const attributes = checkAttributes(service, attributesOf(form));
  problems.push(...attributes.problems);
  if (problems.length > 0 || !parsed.success) throw new Open311Error(400, problems.map((description) => ({ code: 400, description })));
  const fields = parsed.data;
  const place = await resolvePlace(ctx, cityId, fields);
  const name = [fields.last_name, fields.first_name].filter(Boolean).join("");
  try {
    const created = await events.reportOpen311(ctx, {
      cityId,
      nodeId: place.nodeId,
      typeId: service.id,
      description: fields.description || service.name,
      lon: place.lon,
      lat: place.lat,
      address: fields.address_string ?? null,
      reporterName: name || null,
      reporterPhone: fields.phone ?? null,
      reporterEmail: fields.email ?? null,
      attributes: Object.keys(attributes.values).length ? attributes.values : null,
      mediaUrl: fields.media_url ?? null,
    });
    return [{ service_request_id: created.id, service_notice: service.notice || null, account_id: fields.account_id ?? null }];
  } catch (error) {
    if (error instanceof AppError) throw fromAppError(error);
    throw error;
  }
}

// --- GET requests, one request, tokens

const STATUS_NOTES: Record<EventStage, string> = {
  reported: "已受理，待立案 (received)",
  dispatching: "已立案，待派遣 (registered, awaiting dispatch)",
  dispatched: "已派遣至责任部门 (sent to the responsible department)",
  handling: "责任部门处置中 (being handled)",
  checking: "处置完毕，待核查 (handled, awaiting the check)",
  closed: "已办结 (closed)",
  evaluated: "已办结并评价 (closed and rated)",
  rejected: "不予受理 (not accepted)",
};

async function present(db: Database, cityId: number, records: events.Open311Record[]) {
  const catalogue = new Map((await events.open311Services(db, cityId)).map((service) => [service.id, service]));
  return records.map((record) => {
    const service = catalogue.get(record.typeId);
    return {
      service_request_id: record.id,
      status: events.open311Status(record.stage),
      // The public status in the platform's words; what staff wrote on the case stays inside.
      status_notes: record.rejectReason === "duplicate" ? "重复报告 (Duplicate request.)" : STATUS_NOTES[record.stage],
      service_name: service?.name ?? null,
      service_code: service?.code ?? null,
      description: record.description,
      agency_responsible: record.departmentName,
      service_notice: service?.notice || null,
      requested_datetime: w3(record.requestedAt),
      updated_datetime: w3(record.updatedAt),
      expected_datetime: w3(record.expectedAt),
      address: record.nodeName,
      address_id: record.nodeCode,
      zipcode: null,
      lat: record.lat,
      long: record.lon,
      media_url: record.mediaUrl,
    };
  });
}

function w3Date(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw fail(400, `${name} must use the w3 format, eg 2010-01-01T00:00:00Z`);
  }
  return new Date(value);
}

export async function listRequests(ctx: RequestContext, cityId: number, query: Form) {
  const ids = first(query.service_request_id);
  if (ids !== undefined) {
    if (!/^\d{1,15}(,\d{1,15}){0,999}$/.test(ids)) throw fail(400, "service_request_id must be a comma-delimited list of ids");
    return present(ctx.db, cityId, await events.open311Records(ctx.db, { cityId, ids: ids.split(",").map(Number), sources: await publishedSources(ctx.db, cityId), limit: MAX_REQUESTS }));
  }
  const statuses = first(query.status)?.split(",").map((status) => status.trim());
  if (statuses?.some((status) => status !== "open" && status !== "closed")) throw fail(400, "status must be open, closed or both, comma-delimited");
  let from = w3Date(first(query.start_date), "start_date");
  let to = w3Date(first(query.end_date), "end_date");
  const now = ctx.clock.now();
  if (!from && !to) to = now;
  if (!from) from = new Date(to!.getTime() - WINDOW_DAYS * DAY_MS);
  if (!to) to = new Date(from.getTime() + WINDOW_DAYS * DAY_MS);
  if (to < from) throw fail(400, "end_date is before start_date");
  if (to.getTime() - from.getTime() > WINDOW_DAYS * DAY_MS) throw fail(400, `start_date and end_date may not span more than ${WINDOW_DAYS} days`);
  const codes = first(query.service_code)?.split(",").map((code) => code.trim());
  const catalogue = await events.open311Services(ctx.db, cityId);
  const typeIds = codes ? catalogue.filter((service) => codes.includes(service.code)).map((service) => service.id) : undefined;
  const records = await events.open311Records(ctx.db, { cityId, typeIds, from, to, status: statuses as ("open" | "closed")[] | undefined, sources: await publishedSources(ctx.db, cityId), limit: MAX_REQUESTS });
  return present(ctx.db, cityId, records);
}

export async function getRequest(ctx: RequestContext, cityId: number, id: string) {
  const found = /^\d{1,15}$/.test(id) ? await events.open311Records(ctx.db, { cityId, ids: [Number(id)], sources: await publishedSources(ctx.db, cityId), limit: 1 }) : [];
  if (found.length === 0) throw fail(404, `service_request_id ${id} was not found`);
  return present(ctx.db, cityId, found);
}

export async function token(db: Database, cityId: number, value: string) {
  const id = /^[0-9A-Z]{10}$/.test(value) ? await events.open311Token(db, cityId, value) : undefined;
  if (id === undefined) throw fail(404, `token ${value} was not found`);
  return [{ service_request_id: id, token: value }];
}

// --- what the city publishes (staff API)

export async function publishedSources(db: Database, cityId: number): Promise<string[]> {
  return (await repo.findSettings(db, cityId))?.publishedSources ?? [...defaultPublishedSources];
}

/** The city whose publication the caller decides: the city of a node where they hold campaign.manage. */
function managedCity(ctx: RequestContext): { actor: Actor; cityId: number } {
  const actor = requirePermission(ctx, "campaign.manage");
  const grant = actor.grants.find((g) => g.cityId !== null && g.path !== null && roleGrants(g.role, "campaign.manage"));
  if (!grant || grant.cityId === null || grant.path === null) throw badRequest("no city to configure");
  authorizeAt(ctx, "campaign.manage", `/${grant.path.split("/")[1]}/`);
  return { actor, cityId: grant.cityId };
}

function presentSettings(row: repo.SettingsRow | undefined) {
  return { publishedSources: (row?.publishedSources ?? [...defaultPublishedSources]) as (typeof eventSources)[number][], version: row?.version ?? 1 };
}

export async function getSettings(ctx: RequestContext) {
  const { cityId } = managedCity(ctx);
  return presentSettings(await repo.findSettings(ctx.db, cityId));
}

export async function updateSettings(ctx: RequestContext, body: z.infer<typeof UpdateOpen311SettingsBody>) {
  const { actor, cityId } = managedCity(ctx);
  return write(ctx, async (tx, audit) => {
    const before = await repo.findSettings(tx, cityId);
    const row = await repo.saveSettings(tx, cityId, body.version, { publishedSources: body.publishedSources, updatedBy: actor.userId, updatedAt: ctx.clock.now() });
    if (!row) throw versionConflict();
    audit({
      action: "open311.settings",
      entity: "open311_settings",
      entityId: cityId,
      cityId,
      before: { publishedSources: before?.publishedSources ?? defaultPublishedSources },
      after: { publishedSources: row.publishedSources, version: row.version },
    });
    return presentSettings(row);
  });
}
