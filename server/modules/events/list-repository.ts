import { and, desc, eq, gte, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { events } from "../../db/schema";
import { nodeInScope, type Bind } from "../../platform/tree";
import { Placeholders, preparedOnce, shapeOf } from "../../platform/prepared";
import { cappedTotal, keysetPage, type KeptTotal } from "../../platform/paging";
import { OPEN_STAGES, type EventReach, type EventRow } from "./repository";

// Lists of events and their map: the filter, its conditions, and the page read by a statement prepared per shape.

export interface EventFilter extends EventReach {
  /** One node's subtree the caller asked for. */
  within?: string;
  /** The city of `within`: said outright, so a city's list reads the indexes that lead with city_id. */
  cityId?: number;
  stage?: string;
  typeId?: number;
  departmentId?: number;
  light?: "green" | "yellow" | "red";
  source?: string;
  drill?: string;
  from?: Date;
  to?: Date;
  q?: string;
  open?: boolean;
  now: Date;
}


/** The records behind each rate: the same conditions the aggregates below count. */
function drillCondition(drill: string, now: unknown): SQL | undefined {
  switch (drill) {
    case "open":
      return sql`${events.stage} IN ${OPEN_STAGES}`;
    case "closed":
      return sql`${events.closedAt} IS NOT NULL`;
    case "overdue":
      return sql`${events.stageDueAt} < ${now}`;
    case "escalated":
      return sql`${events.escalationLevel} > 0`;
    case "dispatched_on_time":
      return sql`${events.dispatchedAt} IS NOT NULL AND NOT ${events.dispatchLate}`;
    case "dispatched_late":
      return sql`${events.dispatchLate}`;
    case "rerouted":
      return sql`${events.rerouteCount} > 0`;
    case "handled_on_time":
      return sql`${events.handledAt} IS NOT NULL AND NOT ${events.handleLate}`;
    case "handled_late":
      return sql`${events.handleLate}`;
    case "closed_on_time":
      return sql`${events.closedAt} IS NOT NULL AND NOT ${events.closedLate}`;
    case "closed_late":
      return sql`${events.closedLate}`;
    case "reworked":
      return sql`${events.reworkCount} > 0`;
    case "rated_satisfied":
      return sql`${events.rating} IN ('satisfied', 'basic')`;
    case "rated_unsatisfied":
      return sql`${events.rating} = 'unsatisfied'`;
    case "conflicts_resolved":
      return sql`${events.closedAt} IS NOT NULL AND EXISTS (SELECT 1 FROM event_types ct WHERE ct.id = events.event_type_id AND ct.conflict)`;
    case "to_dispatch":
      return sql`(${events.dispatchedAt} IS NOT NULL OR ${events.dispatchLate})`;
    case "to_handle":
      return sql`(${events.handledAt} IS NOT NULL OR ${events.handleLate})`;
    case "due":
      return sql`(${events.closedAt} IS NOT NULL OR ${events.closedLate})`;
    case "rated":
      return sql`${events.rating} IS NOT NULL`;
    default:
      return undefined;
  }
}

function lightCondition(light: "green" | "yellow" | "red", now: unknown): SQL {
  if (light === "red") return sql`${events.stageDueAt} < ${now}`;
  if (light === "yellow") return sql`${events.stageWarnAt} <= ${now} AND ${events.stageDueAt} >= ${now}`;
  return sql`${events.stageWarnAt} > ${now}`;
}

function reachCondition(filter: EventFilter, bind: Bind): SQL {
  const general = nodeInScope(events.nodeId, filter.scope, bind);
  const handler = filter.handler;
  if (!handler || handler.departmentIds.length === 0) return general;
  const departments = sql.join(handler.departmentIds.map((id) => sql`${bind(id)}`), sql`, `);
  const concerned = sql`(${events.departmentId} IN (${departments})
    OR EXISTS (SELECT 1 FROM event_steps hst WHERE hst.event_id = events.id AND hst.department_id IN (${departments}))
    OR EXISTS (SELECT 1 FROM event_summons hs WHERE hs.event_id = events.id AND hs.department_id IN (${departments})))`;
  return sql`(${general} OR (${nodeInScope(events.nodeId, { all: false, paths: handler.paths }, bind)} AND ${concerned}))`;
}

/** The filter's conditions; `bind` puts each value in (a placeholder, for a statement prepared per shape). */
function eventWhere(filter: EventFilter, bind: Bind = (value) => value): SQL {
  const conditions: (SQL | undefined)[] = [isNull(events.deletedAt), reachCondition(filter, bind)];
  if (filter.cityId !== undefined) conditions.push(eq(events.cityId, bind(filter.cityId)));
  if (filter.within) conditions.push(nodeInScope(events.nodeId, { all: false, paths: [filter.within] }, bind));
  if (filter.stage) conditions.push(eq(events.stage, bind(filter.stage)));
  if (filter.open) conditions.push(sql`${events.stage} IN ${OPEN_STAGES}`);
  if (filter.typeId) conditions.push(eq(events.eventTypeId, bind(filter.typeId)));
  if (filter.departmentId) conditions.push(eq(events.departmentId, bind(filter.departmentId)));
  if (filter.source) conditions.push(eq(events.source, bind(filter.source)));
  if (filter.light) conditions.push(lightCondition(filter.light, bind(filter.now)));
  if (filter.drill) conditions.push(drillCondition(filter.drill, bind(filter.now)));
  if (filter.from) conditions.push(gte(events.reportedAt, bind(filter.from)));
  if (filter.to) conditions.push(lt(events.reportedAt, bind(filter.to)));
  if (filter.q) conditions.push(sql`${events.description} ILIKE ${bind(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  return and(...conditions)!;
}

/** What a list shows of an event: fewer than half its columns, so a page is built, sent and parsed in less. */
const summaryColumns = {
  id: events.id,
  eventTypeId: events.eventTypeId,
  urgency: events.urgency,
  source: events.source,
  stage: events.stage,
  nodeId: events.nodeId,
  departmentId: events.departmentId,
  description: events.description,
  lon: events.lon,
  lat: events.lat,
  reportedAt: events.reportedAt,
  stageStartedAt: events.stageStartedAt,
  stageWarnAt: events.stageWarnAt,
  stageDueAt: events.stageDueAt,
  escalationLevel: events.escalationLevel,
  closeDueAt: events.closeDueAt,
  version: events.version,
};

export type EventSummaryRow = Pick<EventRow, keyof typeof summaryColumns>;

/** A page of events, newest first: by offset, or after `cursor` (the id of the last row of the page before), which costs the same at any depth. */
export async function listEvents(db: Database, filter: EventFilter, offset: number, limit: number, cursor?: number) {
  const placeholders = new Placeholders();
  const where = eventWhere(filter, placeholders.value);
  // Keyset: the rows after the cursor's row in (reported_at, id) order, read from the index, no OFFSET.
  const after = cursor ? sql`(${events.reportedAt}, ${events.id}) < (SELECT c.reported_at, c.id FROM events c WHERE c.id = ${placeholders.value(cursor)})` : undefined;
  const shape = `events:${shapeOf({ ...filter, cursor }, ["light", "drill"])}`;
  const page = preparedOnce(db, shape, (name) =>
    db
      .select(summaryColumns)
      .from(events)
      .where(and(where, after))
      .orderBy(desc(events.reportedAt), desc(events.id))
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset"))
      .prepare(name),
  );
  const found = await page.execute({ ...placeholders.values, limit: limit + 1, offset: cursor ? 0 : offset });
  return { ...keysetPage(found, limit), ...(await cappedTotal(db, events, () => eventWhere(filter), filter.drill !== undefined, keptTotalOf(filter))) };
}

/** Lights move with the clock, not with writes, so a list filtered by one is counted each time. */
function keptTotalOf(filter: EventFilter): KeptTotal | undefined {
  if (filter.light || filter.drill) return undefined;
  const { now: _now, ...rest } = filter;
  return { cityId: filter.cityId ?? null, key: `events:${JSON.stringify(rest)}` };
}

export async function mapPoints(db: Database, filter: EventFilter, limit: number) {
  return db
    .select({
      id: events.id,
      lon: events.lon,
      lat: events.lat,
      stage: events.stage,
      eventTypeId: events.eventTypeId,
      stageWarnAt: events.stageWarnAt,
      stageDueAt: events.stageDueAt,
    })
    .from(events)
    .where(and(eventWhere(filter), sql`${events.lon} IS NOT NULL`))
    .orderBy(desc(events.reportedAt))
    .limit(limit);
}
