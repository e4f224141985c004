import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { baseMaps, eventPhotos, eventSteps, eventSummons, eventTimeLimits, eventTypeFunctions, eventTypes, events } from "../../db/schema";
import { insertUnnest } from "../../db/unnest";
import type { Scope } from "../../platform/policy";
import { nodeInScope, pathOfNode } from "../../platform/tree";
import { keptStore } from "../../platform/kept";

export type EventRow = typeof events.$inferSelect;
export type EventTypeRow = typeof eventTypes.$inferSelect;
export type StepRow = typeof eventSteps.$inferSelect;
export type SummonsRow = typeof eventSummons.$inferSelect;
export type LimitRow = typeof eventTimeLimits.$inferSelect;

export async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

// --- the catalogue

export async function listTypes(db: Database, cityId: number, includeRetired: boolean): Promise<EventTypeRow[]> {
  return db
    .select()
    .from(eventTypes)
    .where(and(eq(eventTypes.cityId, cityId), includeRetired ? undefined : isNull(eventTypes.retiredAt)))
    .orderBy(asc(eventTypes.sort), asc(eventTypes.code));
}

export async function findType(db: Database, id: number): Promise<EventTypeRow | undefined> {
  const [row] = await db.select().from(eventTypes).where(eq(eventTypes.id, id));
  return row;
}

export async function findTypeByCode(db: Database, cityId: number, code: string): Promise<EventTypeRow | undefined> {
  const [row] = await db.select().from(eventTypes).where(and(eq(eventTypes.cityId, cityId), eq(eventTypes.code, code)));
  return row;
}

/** Changes whenever a type of the city or one of its limits is added, changed or removed. */
export async function catalogueStamp(db: Database, cityId: number): Promise<string> {
  const [row] = await rows<{ stamp: string }>(
    db,
    sql`SELECT (SELECT count(*)::text || ':' || coalesce(max(t.updated_at)::text, '') FROM event_types t WHERE t.city_id = ${cityId})
            || '/' || (SELECT count(*)::text || ':' || coalesce(sum(l.amount), 0)::text || ':' || coalesce(max(l.id), 0)::text FROM event_time_limits l WHERE l.city_id = ${cityId}) AS "stamp"`,
  );
  return row?.stamp ?? "";
}

export async function catalogueChangedAt(db: Database): Promise<Date | null> {
  const [row] = await db.select({ at: sql<Date | null>`max(${eventTypes.updatedAt})`.mapWith((value: string | Date | null) => (value === null ? null : new Date(value))) }).from(eventTypes);
  return row?.at ?? null;
}

export async function insertType(db: Database, values: typeof eventTypes.$inferInsert): Promise<EventTypeRow> {
  const [row] = await db.insert(eventTypes).values(values).returning();
  return row!;
}

export async function updateType(db: Database, id: number, version: number, changes: Partial<EventTypeRow>, at: Date): Promise<EventTypeRow | undefined> {
  const [row] = await db
    .update(eventTypes)
    .set({ ...changes, version: sql`${eventTypes.version} + 1`, updatedAt: at })
    .where(and(eq(eventTypes.id, id), eq(eventTypes.version, version)))
    .returning();
  return row;
}

export async function replaceTypeFunctions(db: Database, cityId: number, eventTypeId: number, functionIds: readonly number[]): Promise<void> {
  await db.delete(eventTypeFunctions).where(eq(eventTypeFunctions.eventTypeId, eventTypeId));
  if (functionIds.length > 0) await db.insert(eventTypeFunctions).values(functionIds.map((functionId) => ({ cityId, eventTypeId, functionId })));
}

export async function replaceTypeLimits(
  db: Database,
  cityId: number,
  eventTypeId: number,
  limits: readonly { urgency: string; stage: string; amount: number; unit: string }[],
): Promise<void> {
  await db.delete(eventTimeLimits).where(eq(eventTimeLimits.eventTypeId, eventTypeId));
  if (limits.length > 0) await db.insert(eventTimeLimits).values(limits.map((limit) => ({ cityId, eventTypeId, ...limit })));
}

/** Which department functions each type routes to (ids only: the orgs module owns the functions). */
export async function typeFunctionLinks(db: Database, typeIds: readonly number[]): Promise<{ eventTypeId: number; functionId: number }[]> {
  if (typeIds.length === 0) return [];
  return db
    .select({ eventTypeId: eventTypeFunctions.eventTypeId, functionId: eventTypeFunctions.functionId })
    .from(eventTypeFunctions)
    .where(inArray(eventTypeFunctions.eventTypeId, [...typeIds]));
}

export async function limitsOfCity(db: Database, cityId: number, typeIds?: readonly number[]): Promise<LimitRow[]> {
  const typeFilter = typeIds ? or(isNull(eventTimeLimits.eventTypeId), typeIds.length ? inArray(eventTimeLimits.eventTypeId, [...typeIds]) : undefined) : undefined;
  return db.select().from(eventTimeLimits).where(and(eq(eventTimeLimits.cityId, cityId), typeFilter)).orderBy(asc(eventTimeLimits.id));
}

// --- events

export interface Nearby {
  id: number;
  stage: string;
  lon: number | null;
  lat: number | null;
  reportedAt: Date;
}

export interface NearbyBox {
  since: Date;
  west: number;
  east: number;
  south: number;
  north: number;
}

/**
 * Reports near a point, recent and of one type, as a subquery aliased n. The box alone is read first,
 * behind an "OFFSET 0" fence, so that it is answered from the point index: given the type and time
 * too, the planner also reads every recent report of the type (a bitmap AND), or walks them by time
 * for an ORDER BY … LIMIT, which grows with the city's traffic while the box holds a handful.
 */
type Bound<T> = { [K in keyof T]: T[K] | SQL };

function nearbyReports(filter: Bound<{ cityId: number; eventTypeId: number } & NearbyBox>, excludeId?: number): SQL {
  return sql`(SELECT * FROM (SELECT * FROM events b
                WHERE point(b.lon, b.lat) <@ box(point(${filter.west}, ${filter.south}), point(${filter.east}, ${filter.north}))
                  AND b.lon IS NOT NULL AND b.lat IS NOT NULL AND b.deleted_at IS NULL OFFSET 0) b
              WHERE b.city_id = ${filter.cityId} AND b.event_type_id = ${filter.eventTypeId} AND b.reported_at >= ${filter.since}
                AND b.stage <> 'rejected'${excludeId === undefined ? sql`` : sql` AND b.id <> ${excludeId}`}) n`;
}

/** Ids for reports not yet written, from the events' own sequence, so a batch can name its rows and audit entries up front. */
export async function reserveEventIds(db: Database, count: number): Promise<number[]> {
  const reserved = await rows<{ id: number }>(db, sql`SELECT nextval(pg_get_serial_sequence('events', 'id')) AS "id" FROM generate_series(1, ${count}::int)`);
  return reserved.map((row) => Number(row.id));
}

export type NewEvent = typeof events.$inferInsert & { id: number };
type NewPhoto = Omit<typeof eventPhotos.$inferInsert, "id" | "eventId" | "cityId" | "createdAt">;

export interface NewReport {
  event: NewEvent;
  step: { actorUserId: number | null; actorName: string | null };
  photos: NewPhoto[];
  /** Where to look for same-type reports near it; null when the report has no point. */
  box: NearbyBox | null;
}

const REPORT_COLUMNS = [
  "id", "cityId", "nodeId", "eventTypeId", "urgency", "source", "trackingCode", "description", "address", "lon", "lat",
  "reporterUserId", "reporterName", "reporterPhone", "reporterEmail", "attributes", "mediaUrl",
  "stage", "stageStartedAt", "stageWarnAt", "stageDueAt", "reportedAt", "closeDueAt", "createdAt", "updatedAt",
] as const;

/**
 * New reports, their first steps, their photos and their audit entries in one statement, and for
 * each the same-type reports near it: intake is the busiest write, and each round trip saved is
 * throughput. The neighbours are read in the statement's snapshot, so no report of the batch is among them.
 */
export async function insertReports(db: Database, reports: readonly NewReport[], audit: SQL): Promise<Nearby[][]> {
  const eventRows = reports.map((report) => report.event);
  const steps = reports.map(({ event, step }) => ({
    cityId: event.cityId, eventId: event.id, action: "report", toStage: "reported", actorUserId: step.actorUserId, actorName: step.actorName, nodeId: event.nodeId, late: false, at: event.reportedAt,
  }));
  const photos = reports.flatMap(({ event, photos: own }) => own.map((photo) => ({ ...photo, cityId: event.cityId, eventId: event.id, createdAt: event.reportedAt })));
  const boxes = (pick: (box: NearbyBox) => number | string) => sql.param(reports.map((report) => (report.box ? pick(report.box) : null)));
  const found = await rows<{ id: number; nearby: (Omit<Nearby, "reportedAt"> & { reportedAt: string })[] | null }>(
    db,
    sql`WITH e AS (${insertUnnest(events, REPORT_COLUMNS, eventRows, { overridingSystemValue: true })}),
             s AS (${insertUnnest(eventSteps, ["cityId", "eventId", "action", "toStage", "actorUserId", "actorName", "nodeId", "late", "at"], steps)}),
             p AS (${insertUnnest(eventPhotos, ["cityId", "eventId", "kind", "mime", "size", "sha256", "data", "thumb", "web", "createdAt"], photos)}),
             a AS (${audit})
        SELECT r.id, CASE WHEN r.since IS NULL THEN NULL ELSE
                 (SELECT json_agg(json_build_object('id', n.id, 'stage', n.stage, 'lon', n.lon, 'lat', n.lat, 'reportedAt', n.reported_at))
                  FROM (SELECT n.id, n.stage, n.lon, n.lat, n.reported_at
                        FROM ${nearbyReports({ cityId: sql`r.city_id`, eventTypeId: sql`r.event_type_id`, since: sql`r.since`, west: sql`r.west`, east: sql`r.east`, south: sql`r.south`, north: sql`r.north` })}
                        ORDER BY n.reported_at DESC LIMIT 50) n) END AS "nearby"
        FROM unnest(${sql.param(eventRows.map((row) => row.id))}::bigint[], ${sql.param(eventRows.map((row) => row.cityId))}::bigint[],
                    ${sql.param(eventRows.map((row) => row.eventTypeId))}::bigint[], ${boxes((box) => box.since.toISOString())}::timestamptz[],
                    ${boxes((box) => box.west)}::float8[], ${boxes((box) => box.east)}::float8[], ${boxes((box) => box.south)}::float8[], ${boxes((box) => box.north)}::float8[])
             AS r(id, city_id, event_type_id, since, west, east, south, north)`,
  );
  const nearbyById = new Map(found.map((row) => [Number(row.id), row.nearby ?? []]));
  return eventRows.map((row) => (nearbyById.get(row.id) ?? []).map((item) => ({ ...item, reportedAt: new Date(item.reportedAt) })));
}

export async function insertStep(db: Database, values: typeof eventSteps.$inferInsert): Promise<void> {
  await db.insert(eventSteps).values(values);
}

export async function insertPhotos(db: Database, values: (typeof eventPhotos.$inferInsert)[]): Promise<void> {
  if (values.length > 0) await db.insert(eventPhotos).values(values);
}

export async function findEvent(db: Database, id: number): Promise<EventRow | undefined> {
  const [row] = await db.select().from(events).where(and(eq(events.id, id), isNull(events.deletedAt)));
  return row;
}

export async function findByTracking(db: Database, trackingCode: string): Promise<EventRow | undefined> {
  const [row] = await db.select().from(events).where(and(eq(events.trackingCode, trackingCode), isNull(events.deletedAt)));
  return row;
}

/**
 * Moves an event on, but only from the version and stage the caller saw: undefined means someone got
 * there first (a stale version), which the caller reports as 409.
 */
export async function updateEvent(db: Database, id: number, version: number, stage: string, changes: Partial<EventRow>, at: Date): Promise<EventRow | undefined> {
  const [row] = await db
    .update(events)
    .set({ ...changes, version: sql`${events.version} + 1`, updatedAt: at })
    .where(and(eq(events.id, id), eq(events.version, version), eq(events.stage, stage), isNull(events.deletedAt)))
    .returning();
  return row;
}

export async function stepsOf(db: Database, eventId: number): Promise<StepRow[]> {
  return db.select().from(eventSteps).where(eq(eventSteps.eventId, eventId)).orderBy(asc(eventSteps.id));
}

export async function photosOf(db: Database, eventId: number) {
  return db
    .select({ id: eventPhotos.id, kind: eventPhotos.kind, mime: eventPhotos.mime, size: eventPhotos.size, thumb: sql<boolean>`${eventPhotos.thumb} IS NOT NULL` })
    .from(eventPhotos)
    .where(eq(eventPhotos.eventId, eventId))
    .orderBy(asc(eventPhotos.id));
}

export async function photoData(db: Database, eventId: number, photoId: number) {
  const [row] = await db
    .select({ mime: eventPhotos.mime, data: eventPhotos.data })
    .from(eventPhotos)
    .where(and(eq(eventPhotos.id, photoId), eq(eventPhotos.eventId, eventId)));
  return row;
}

/** Same-type reports near a point and recent: a box in degrees first (the point index), the distance after. */
export async function nearbyCandidates(db: Database, filter: { cityId: number; eventTypeId: number; excludeId: number } & NearbyBox): Promise<Nearby[]> {
  return rows<Nearby>(
    db,
    sql`SELECT n.id AS "id", n.stage AS "stage", n.lon AS "lon", n.lat AS "lat", n.reported_at AS "reportedAt"
        FROM ${nearbyReports(filter, filter.excludeId)}
        ORDER BY n.reported_at DESC LIMIT 50`,
  );
}

/** Whose events a read may see: the subtree the caller's roles reach, and a department handler's own reach. */
export interface EventReach {
  /** The subtree the caller's roles reach, other than a department handler's. */
  scope: Scope;
  /** A department handler's reach: its subtree, only events dispatched to or summoning its departments. */
  handler?: { paths: string[]; departmentIds: number[] } | null;
}

export const OPEN_STAGES = sql`('reported', 'dispatching', 'dispatched', 'handling', 'checking')`;

export interface TypeName {
  cityId: number;
  name: string;
  conflict: boolean;
}

export async function typeNames(db: Database, ids: readonly number[]): Promise<Map<number, TypeName>> {
  if (ids.length === 0) return new Map();
  const found = await db
    .select({ id: eventTypes.id, cityId: eventTypes.cityId, name: eventTypes.name, conflict: eventTypes.conflict })
    .from(eventTypes)
    .where(inArray(eventTypes.id, [...new Set(ids)]));
  return new Map(found.map((row) => [row.id, { cityId: row.cityId, name: row.name, conflict: row.conflict }]));
}

/** typeNames for what lists show, kept until the catalogue of the type's city changes (platform/kept.ts). */
export async function keptTypeNames(db: Database, ids: readonly number[]): Promise<Map<number, TypeName>> {
  const store = keptStore<number, TypeName>(db, "event_types", { entities: ["event_type"], keepMs: 60_000, atMost: 10_000 });
  return store.readMany(ids, (type) => type.cityId, (missing) => typeNames(db, missing));
}

// --- summons (吹哨)

export async function insertSummons(db: Database, values: (typeof eventSummons.$inferInsert)[]): Promise<SummonsRow[]> {
  if (values.length === 0) return [];
  return db.insert(eventSummons).values(values).returning();
}

export async function summonsOf(db: Database, eventId: number): Promise<SummonsRow[]> {
  return db.select().from(eventSummons).where(eq(eventSummons.eventId, eventId)).orderBy(asc(eventSummons.id));
}

export async function findSummons(db: Database, id: number): Promise<SummonsRow | undefined> {
  const [row] = await db.select().from(eventSummons).where(eq(eventSummons.id, id));
  return row;
}

export async function updateSummons(db: Database, id: number, version: number, changes: Partial<SummonsRow>): Promise<SummonsRow | undefined> {
  const [row] = await db
    .update(eventSummons)
    .set({ ...changes, version: sql`${eventSummons.version} + 1` })
    .where(and(eq(eventSummons.id, id), eq(eventSummons.version, version)))
    .returning();
  return row;
}

/**
 * Summonses not yet answered, on open events, that the caller answers: any in its general scope, and a
 * department handler's for its own departments within its subtree. The earliest due first.
 */
export async function openSummons(db: Database, reach: EventReach, limit: number) {
  const general = nodeInScope(events.nodeId, reach.scope);
  const handler = reach.handler;
  const own = handler && handler.departmentIds.length > 0 ? and(nodeInScope(events.nodeId, { all: false, paths: handler.paths }), inArray(eventSummons.departmentId, handler.departmentIds)) : undefined;
  const where = and(isNull(eventSummons.answeredAt), isNull(events.deletedAt), sql`${events.stage} IN ${OPEN_STAGES}`, own ? or(general, own) : general);
  const found = await db
    .select({ summons: eventSummons, event: events })
    .from(eventSummons)
    .innerJoin(events, eq(events.id, eventSummons.eventId))
    .where(where)
    .orderBy(asc(eventSummons.dueAt), asc(eventSummons.id))
    .limit(limit);
  const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(eventSummons).innerJoin(events, eq(events.id, eventSummons.eventId)).where(where);
  return { rows: found, total: counted?.total ?? 0 };
}

// --- the overdue sweep

export interface Escalated {
  id: number;
  cityId: number;
  nodeId: number;
  stage: string;
  escalatedNodeId: number | null;
}

/**
 * Raises overdue open stages to `level` (1: the township or street, when the limit has passed; 2: the
 * city, when as much time again has passed) and records lateness where a stage ran over. The
 * condition is re-read under the row lock, so two processes sweeping at once escalate each case once;
 * SKIP LOCKED leaves a case a user is moving right now to the next sweep.
 */
export async function escalateOverdue(db: Database, level: 1 | 2, now: Date, limit: number): Promise<Escalated[]> {
  const reached = overdueReached(level);
  return rows<Escalated>(
    db,
    sql`
      UPDATE events SET
        escalation_level = ${level}::int,
        escalated_node_id = nullif(split_part(${pathOfNode(sql`events.node_id`)}, '/', ${level === 1 ? 3 : 2}::int), '')::bigint,
        dispatch_late = events.dispatch_late OR events.stage = 'dispatching',
        handle_late = events.handle_late OR events.stage IN ('dispatched', 'handling')
      WHERE events.id IN (
          SELECT e.id FROM events e
          WHERE e.stage_due_at IS NOT NULL AND e.deleted_at IS NULL AND e.escalation_level < ${level}::int AND ${reached} < ${now}
          ORDER BY e.stage_due_at
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        )
        AND events.escalation_level < ${level}::int
      RETURNING events.id AS "id", events.city_id AS "cityId", events.node_id AS "nodeId", events.stage AS "stage", events.escalated_node_id AS "escalatedNodeId"`,
  );
}

function overdueReached(level: 1 | 2): SQL {
  return level === 1 ? sql`e.stage_due_at` : sql`e.stage_due_at + (e.stage_due_at - e.stage_started_at)`;
}

export async function overdueExists(db: Database, level: 1 | 2, now: Date): Promise<boolean> {
  const found = await rows(
    db,
    sql`SELECT 1 FROM events e WHERE e.stage_due_at IS NOT NULL AND e.deleted_at IS NULL AND e.escalation_level < ${level}::int AND ${overdueReached(level)} < ${now} LIMIT 1`,
  );
  return found.length > 0;
}

export async function lateMarksPending(db: Database, now: Date): Promise<boolean> {
  const found = await rows(
    db,
    sql`SELECT 1 FROM events e WHERE e.closed_at IS NULL AND NOT e.closed_late AND e.deleted_at IS NULL AND e.stage <> 'rejected' AND e.close_due_at < ${now}
        UNION ALL
        SELECT 1 FROM event_summons m WHERE m.answered_at IS NULL AND NOT m.answer_late AND m.due_at < ${now}
        LIMIT 1`,
  );
  return found.length > 0;
}

export async function countOpenAt(db: Database, nodeId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(events)
    .where(and(eq(events.nodeId, nodeId), isNull(events.deletedAt), sql`${events.stage} IN ${OPEN_STAGES}`));
  return row?.n ?? 0;
}

/** Open cases past their closing deadline count as closed late (or not at all) from now on. */
export async function markCloseOverdue(db: Database, now: Date): Promise<{ id: number; cityId: number }[]> {
  return rows(
    db,
    sql`UPDATE events SET closed_late = true
        WHERE closed_at IS NULL AND NOT closed_late AND deleted_at IS NULL AND stage <> 'rejected' AND close_due_at < ${now}
        RETURNING id AS "id", city_id AS "cityId"`,
  );
}

export async function markSummonsOverdue(db: Database, now: Date): Promise<{ id: number; cityId: number }[]> {
  return rows(
    db,
    sql`UPDATE event_summons SET answer_late = true
        WHERE answered_at IS NULL AND NOT answer_late AND due_at < ${now}
        RETURNING id AS "id", city_id AS "cityId"`,
  );
}

// --- Open311 reads

export interface Open311Filter {
  cityId: number;
  ids?: number[];
  typeIds?: number[];
  from?: Date;
  to?: Date;
  status?: ("open" | "closed")[];
  /** The sources the city publishes: nothing else is listed or found by id. */
  sources: readonly string[];
  limit: number;
}

export async function open311Events(db: Database, filter: Open311Filter): Promise<EventRow[]> {
  const conditions: (SQL | undefined)[] = [eq(events.cityId, filter.cityId), isNull(events.deletedAt), inArray(events.source, filter.sources.length ? [...filter.sources] : ["-"])];
  if (filter.ids) {
    conditions.push(inArray(events.id, filter.ids.length ? filter.ids : [-1]));
  } else {
    if (filter.typeIds) conditions.push(inArray(events.eventTypeId, filter.typeIds.length ? filter.typeIds : [-1]));
    if (filter.from) conditions.push(gte(events.reportedAt, filter.from));
    if (filter.to) conditions.push(sql`${events.reportedAt} <= ${filter.to}`);
    // Lists leave conflicts (矛盾隐患) out in SQL, so the 1,000 returned are 1,000 public ones.
    conditions.push(sql`NOT EXISTS (SELECT 1 FROM event_types ct WHERE ct.id = events.event_type_id AND ct.conflict)`);
    const status = new Set(filter.status ?? []);
    if (status.size === 1) conditions.push(status.has("open") ? sql`${events.stage} IN ${OPEN_STAGES}` : sql`${events.stage} NOT IN ${OPEN_STAGES}`);
  }
  return db.select().from(events).where(and(...conditions)).orderBy(desc(events.reportedAt), desc(events.id)).limit(filter.limit);
}

// --- the city's base map

export type BaseMapRow = typeof baseMaps.$inferSelect;

export async function findBaseMap(db: Database, cityId: number): Promise<BaseMapRow | undefined> {
  const [row] = await db.select().from(baseMaps).where(eq(baseMaps.cityId, cityId));
  return row;
}

/** Every configured tile address of every city: the image origins the pages may load. */
export async function tileAddresses(db: Database): Promise<{ tileUrl: string; subdomains: string }[]> {
  const found = await db.select({ tileUrl: baseMaps.tileUrl, subdomains: baseMaps.subdomains }).from(baseMaps).where(isNotNull(baseMaps.tileUrl));
  return found.map((row) => ({ tileUrl: row.tileUrl!, subdomains: row.subdomains }));
}

/** Optimistic upsert: a missing row counts as version 1. Undefined when someone else changed it first. */
export async function saveBaseMap(
  db: Database,
  cityId: number,
  version: number,
  values: Pick<BaseMapRow, "tileUrl" | "subdomains" | "attribution" | "maxZoom" | "updatedBy" | "updatedAt">,
): Promise<BaseMapRow | undefined> {
  if (version === 1) {
    const [row] = await db.insert(baseMaps).values({ cityId, ...values, version: 2 }).onConflictDoNothing().returning();
    if (row) return row;
  }
  const [row] = await db
    .update(baseMaps)
    .set({ ...values, version: sql`${baseMaps.version} + 1` })
    .where(and(eq(baseMaps.cityId, cityId), eq(baseMaps.version, version)))
    .returning();
  return row;
}
