import type { z } from "zod";
import { EVENT_RATE_MIN_CASES, type RateParts, type SourceFigures } from "../../../shared/figures";
import type { EventCounts, EventRates, StatsQuery } from "../../../shared/schemas/events";
import type { Database } from "../../db/client";
import type { RequestContext } from "../../platform/context";
import { invalidField } from "../../platform/errors";
import { requirePermission, scopeOf, type Scope } from "../../platform/policy";
import { eventReach } from "./policy";
import { children, departmentsOfCity } from "../orgs/service";
import { nodeForRead, type NodeRef } from "../../platform/tree";
import { cityOf } from "./catalogue";
import * as aggregates from "./aggregates";
import { rolledUpByChild, rolledUpByDepartment, rolledUpSubtree } from "./rollups";

/**
 * The rates of the national digital urban management evaluation (DOMAIN.md), all from one aggregate
 * so that the figures page, the node table, the department table and the drill-down lists agree:
 *   on-time dispatch   = dispatched within the limit / to be dispatched (dispatched, or waiting past the limit)
 *   accurate dispatch  = (dispatched − re-routed) / dispatched
 *   handling           = handled / to be handled;  on-time handling = handled within every limit / to be handled
 *   closure            = closed / due (closed, or open past the closing deadline);  on-time closure likewise
 *   rework             = sent back at least once / handled (a case sent back twice counts once)
 *   satisfaction       = 满意 or 基本满意 / rated
 * "Past the limit" is settled when a stage ends, or by the overdue sweep while it has not.
 */

/** Below this many cases a rate is shown as absent: one lucky case must not top a table (the figures' own minimum). */
export const MIN_CASES = EVENT_RATE_MIN_CASES;

function rate(part: number, whole: number): number | null {
  if (whole < MIN_CASES) return null;
  return Math.round((1000 * part) / whole) / 10;
}

type RateName = keyof z.infer<typeof EventRates>;

/** Each rate's parts, from one aggregate: the statistics tables and the figures (and the province's sums of them) read these. */
function partsOf(row: aggregates.Aggregate): Record<RateName, RateParts> {
  const parts = (part: number, whole: number) => ({ part, whole });
  return {
    onTimeDispatch: parts(row.dispatchedOnTime, row.toDispatch),
    accurateDispatch: parts(row.dispatchedAccurately, row.dispatchedAny),
    handling: parts(row.handled, row.toHandle),
    onTimeHandling: parts(row.handledOnTime, row.toHandle),
    closure: parts(row.closedAny, row.due),
    onTimeClosure: parts(row.closedOnTime, row.due),
    rework: parts(row.reworked, row.handled),
    satisfaction: parts(row.satisfied, row.rated),
  };
}

function ratesOf(row: aggregates.Aggregate): z.infer<typeof EventRates> {
  const parts = partsOf(row);
  return Object.fromEntries(Object.entries(parts).map(([name, { part, whole }]) => [name, rate(part, whole)])) as Record<RateName, number | null>;
}

/** Exported for the database-free figure tests (figure-arithmetic.test.ts), which pin it to hand counts. */
export function countsOf(row: aggregates.Aggregate): z.infer<typeof EventCounts> {
  return {
    total: row.total,
    open: row.open,
    overdue: row.overdue,
    byStage: {
      reported: row.reported,
      dispatching: row.dispatching,
      dispatched: row.dispatched,
      handling: row.handling,
      checking: row.checking,
      closed: row.closed,
      evaluated: row.evaluated,
      rejected: row.rejected,
    },
    conflictsResolved: row.conflictsResolved,
  };
}

const emptyAggregate: aggregates.Aggregate = {
  total: 0, open: 0, overdue: 0, reported: 0, dispatching: 0, dispatched: 0, handling: 0, checking: 0, closed: 0, evaluated: 0, rejected: 0,
  toDispatch: 0, dispatchedAny: 0, dispatchedOnTime: 0, dispatchedAccurately: 0, toHandle: 0, handled: 0, handledOnTime: 0,
  due: 0, closedAny: 0, closedOnTime: 0, reworked: 0, rated: 0, satisfied: 0, conflictsResolved: 0,
};

/**
 * This module's part of GET /api/figures for a subtree, from the rollups, each rate as its parts (the figures module
 * leaves out a rate with too few cases rather than show 100). Nothing here depends on "now".
 */
export async function eventFigures(db: Database, node: NodeRef): Promise<SourceFigures> {
  return figuresOfAggregate(await rolledUpSubtree(db, node.path));
}

/** The same figures counted from the events themselves: what the rollups must always equal (rollup tests). */
export async function eventFiguresCounted(db: Database, node: NodeRef): Promise<SourceFigures> {
  return figuresOfAggregate(await aggregates.aggregateSubtree(db, node.path, {}, null));
}

/** Exported for the database-free figure tests (figure-arithmetic.test.ts), which pin it to hand counts. */
export function figuresOfAggregate(row: aggregates.Aggregate): SourceFigures {
  const parts = partsOf(row);
  return {
    "events.total": row.total,
    "events.open": row.open,
    "events.closed": row.closedAny,
    "events.rejected": row.rejected,
    "events.stage.reported": row.reported,
    "events.stage.dispatching": row.dispatching,
    "events.stage.dispatched": row.dispatched,
    "events.stage.handling": row.handling,
    "events.stage.checking": row.checking,
    "events.stage.closed": row.closed,
    "events.stage.evaluated": row.evaluated,
    "events.rate.onTimeDispatch": parts.onTimeDispatch,
    "events.rate.accurateDispatch": parts.accurateDispatch,
    "events.rate.handling": parts.handling,
    "events.rate.onTimeHandling": parts.onTimeHandling,
    "events.rate.closure": parts.closure,
    "events.rate.onTimeClosure": parts.onTimeClosure,
    "events.rate.rework": parts.rework,
    "events.rate.satisfaction": parts.satisfaction,
  };
}

function period(query: z.infer<typeof StatsQuery>): { from?: Date; to?: Date } {
  const parse = (value: string | undefined, field: string) => {
    if (value === undefined) return undefined;
    const at = new Date(value);
    if (Number.isNaN(at.getTime())) throw invalidField(field, "not a date");
    return at;
  };
  return { from: parse(query.from, "from"), to: parse(query.to, "to") };
}

function statsNode(ctx: RequestContext, org: number | undefined): Promise<NodeRef> {
  return nodeForRead(ctx, "event.read", org);
}

/** A node and each of its children, every row drillable through GET /api/events?org=…&drill=…. */
export async function nodeStats(ctx: RequestContext, query: z.infer<typeof StatsQuery>) {
  const node = await statsNode(ctx, query.org);
  const now = ctx.clock.now();
  const range = period(query);
  const { self, byChild } = range.from || range.to ? await countedByChild(ctx.db, node, range, now) : await rolledUpNodeTable(ctx.db, node, now);
  const children = await childrenOf(ctx, node);
  const rowOf = (ref: Pick<NodeRef, "id" | "name" | "kind">, aggregate: aggregates.Aggregate) => ({ nodeId: ref.id, name: ref.name, kind: ref.kind, counts: countsOf(aggregate), rates: ratesOf(aggregate) });
  return {
    org: { id: node.id, name: node.name, kind: node.kind },
    minCases: MIN_CASES,
    self: rowOf(node, self),
    children: children.map((child) => rowOf(child, byChild.find((row) => row.childId === child.id) ?? emptyAggregate)),
  };
}

/** The node table over a period, counted from the events (the rollups keep no dates). */
async function countedByChild(db: Database, node: NodeRef, range: { from?: Date; to?: Date }, now: Date) {
  return { self: await aggregates.aggregateSubtree(db, node.path, range, now), byChild: await aggregates.aggregateByChild(db, node.path, node.depth, range, now) };
}

/** The node table of all time from the rollups: the node's own row is the sum of its children's and its own rows. */
async function rolledUpNodeTable(db: Database, node: NodeRef, now: Date) {
  const rows = await rolledUpByChild(db, node, now);
  const self = { ...emptyAggregate };
  for (const row of rows) for (const key of Object.keys(self) as (keyof aggregates.Aggregate)[]) self[key] += row[key];
  return { self, byChild: rows.filter((row) => row.child !== "").map((row) => ({ ...row, childId: Number(row.child) })) };
}

async function childrenOf(ctx: RequestContext, node: NodeRef) {
  return (await children(ctx, node.id, { includeRetired: false, limit: 1000, offset: 0 })).items;
}

/** A reach holding a city's root is the whole city, which the queries' city_id says alone: no subquery over its thousands of nodes. */
function cityWide(scope: Scope): Scope {
  return !scope.all && scope.paths.some((path) => path.split("/").filter(Boolean).length === 1) ? { all: true } : scope;
}

/**
 * Each department of the caller's city: its cases within the caller's reach, drillable by ?department=…. All time
 * from event_department_rollups; over a period counted from the events, as the node table is.
 */
export async function departmentStats(ctx: RequestContext, query: z.infer<typeof StatsQuery>) {
  const actor = requirePermission(ctx, "event.read");
  const { cityId } = cityOf(actor);
  const scope = cityWide(query.org !== undefined ? { all: false as const, paths: [(await statsNode(ctx, query.org)).path] } : scopeOf(actor, "event.read"));
  const now = ctx.clock.now();
  const range = period(query);
  const byDepartment = range.from || range.to ? await aggregates.aggregateByDepartment(ctx.db, scope, cityId, range, now) : await rolledUpByDepartment(ctx.db, scope, cityId, now);
  const extras = await aggregates.departmentExtras(ctx.db, scope, cityId, range);
  // A department handler without another reach sees its own departments' rows, not every department's.
  const { scope: general, handler } = await eventReach(ctx, actor, "event.read");
  const onlyHandler = handler !== null && !general.all && general.paths.length === 0;
  const departments = (await departmentsOfCity(ctx.db, cityId)).filter((dept) => !dept.retired && (!onlyHandler || handler.departmentIds.includes(dept.id)));
  return {
    minCases: MIN_CASES,
    items: departments.map((dept) => {
      const aggregate = byDepartment.find((row) => row.departmentId === dept.id) ?? emptyAggregate;
      const summons = extras.summons.find((row) => row.departmentId === dept.id);
      return {
        departmentId: dept.id,
        code: dept.code,
        name: dept.name,
        counts: { ...countsOf(aggregate), refusals: extras.refusals.find((row) => row.departmentId === dept.id)?.n ?? 0, summoned: summons?.summoned ?? 0 },
        rates: { ...ratesOf(aggregate), response: summons ? rate(summons.answeredOnTime, summons.settled) : null },
        averageSummonRating: summons && summons.rated > 0 ? Math.round((10 * summons.ratingSum) / summons.rated) / 10 : null,
      };
    }),
  };
}
