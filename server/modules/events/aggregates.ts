import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import type { Scope } from "../../platform/policy";
import { nodeInScope, pathOfNode } from "../../platform/tree";
import { OPEN_STAGES, rows } from "./repository";

// Aggregates of events for figures, the node and department tables and their drill-downs: one definition for all.

export interface Aggregate {
  total: number;
  open: number;
  overdue: number;
  reported: number;
  dispatching: number;
  dispatched: number;
  handling: number;
  checking: number;
  closed: number;
  evaluated: number;
  rejected: number;
  toDispatch: number;
  dispatchedAny: number;
  dispatchedOnTime: number;
  dispatchedAccurately: number;
  toHandle: number;
  handled: number;
  handledOnTime: number;
  due: number;
  closedAny: number;
  closedOnTime: number;
  reworked: number;
  rated: number;
  satisfied: number;
  conflictsResolved: number;
}

function aggregateColumns(now: Date | null): SQL {
  const overdue = now ? sql`count(*) FILTER (WHERE e.stage_due_at < ${now})::int` : sql`0`;
  return sql`
    count(*)::int AS "total",
    count(*) FILTER (WHERE e.stage IN ${OPEN_STAGES})::int AS "open",
    ${overdue} AS "overdue",
    count(*) FILTER (WHERE e.stage = 'reported')::int AS "reported",
    count(*) FILTER (WHERE e.stage = 'dispatching')::int AS "dispatching",
    count(*) FILTER (WHERE e.stage = 'dispatched')::int AS "dispatched",
    count(*) FILTER (WHERE e.stage = 'handling')::int AS "handling",
    count(*) FILTER (WHERE e.stage = 'checking')::int AS "checking",
    count(*) FILTER (WHERE e.stage = 'closed')::int AS "closed",
    count(*) FILTER (WHERE e.stage = 'evaluated')::int AS "evaluated",
    count(*) FILTER (WHERE e.stage = 'rejected')::int AS "rejected",
    count(*) FILTER (WHERE e.dispatched_at IS NOT NULL OR e.dispatch_late)::int AS "toDispatch",
    count(*) FILTER (WHERE e.dispatched_at IS NOT NULL)::int AS "dispatchedAny",
    count(*) FILTER (WHERE e.dispatched_at IS NOT NULL AND NOT e.dispatch_late)::int AS "dispatchedOnTime",
    count(*) FILTER (WHERE e.dispatched_at IS NOT NULL AND e.reroute_count = 0)::int AS "dispatchedAccurately",
    count(*) FILTER (WHERE e.handled_at IS NOT NULL OR e.handle_late)::int AS "toHandle",
    count(*) FILTER (WHERE e.handled_at IS NOT NULL)::int AS "handled",
    count(*) FILTER (WHERE e.handled_at IS NOT NULL AND NOT e.handle_late)::int AS "handledOnTime",
    count(*) FILTER (WHERE e.closed_at IS NOT NULL OR e.closed_late)::int AS "due",
    count(*) FILTER (WHERE e.closed_at IS NOT NULL)::int AS "closedAny",
    count(*) FILTER (WHERE e.closed_at IS NOT NULL AND NOT e.closed_late)::int AS "closedOnTime",
    count(*) FILTER (WHERE e.rework_count > 0)::int AS "reworked",
    count(*) FILTER (WHERE e.rating IS NOT NULL)::int AS "rated",
    count(*) FILTER (WHERE e.rating IN ('satisfied', 'basic'))::int AS "satisfied",
    count(*) FILTER (WHERE e.closed_at IS NOT NULL AND t.conflict)::int AS "conflictsResolved"`;
}

function periodCondition(period: { from?: Date; to?: Date }): SQL {
  return sql`${period.from ? sql`AND e.reported_at >= ${period.from}` : sql``} ${period.to ? sql`AND e.reported_at < ${period.to}` : sql``}`;
}

/** The whole subtree of a node as one row. */
export async function aggregateSubtree(db: Database, path: string, period: { from?: Date; to?: Date }, now: Date | null): Promise<Aggregate> {
  const [row] = await rows<Aggregate>(
    db,
    sql`SELECT ${aggregateColumns(now)}
        FROM events e
        JOIN event_types t ON t.id = e.event_type_id
        WHERE e.deleted_at IS NULL AND ${nodeInScope(sql`e.node_id`, { all: false, paths: [path] })} ${periodCondition(period)}`,
  );
  return row!;
}

/** One row per child of the node (the child's id taken from the path of each event's node). */
export async function aggregateByChild(db: Database, path: string, depth: number, period: { from?: Date; to?: Date }, now: Date): Promise<(Aggregate & { childId: number })[]> {
  return rows(
    db,
    sql`SELECT split_part(e.path, '/', ${depth + 3}::int)::bigint AS "childId", ${aggregateColumns(now)}
        FROM (SELECT e.*, ${pathOfNode(sql`e.node_id`)} AS path FROM events e WHERE e.deleted_at IS NULL ${periodCondition(period)}) e
        JOIN event_types t ON t.id = e.event_type_id
        WHERE e.path LIKE ${`${path}%`} AND split_part(e.path, '/', ${depth + 3}::int) <> ''
        GROUP BY 1`,
  );
}

export async function aggregateByDepartment(db: Database, scope: Scope, cityId: number, period: { from?: Date; to?: Date }, now: Date): Promise<(Aggregate & { departmentId: number })[]> {
  return rows(
    db,
    sql`SELECT e.department_id AS "departmentId", ${aggregateColumns(now)}
        FROM events e
        JOIN event_types t ON t.id = e.event_type_id
        WHERE e.deleted_at IS NULL AND e.city_id = ${cityId} AND e.department_id IS NOT NULL
          AND ${nodeInScope(sql`e.node_id`, scope)} ${periodCondition(period)}
        GROUP BY e.department_id`,
  );
}

export async function departmentExtras(db: Database, scope: Scope, cityId: number, period: { from?: Date; to?: Date }) {
  const refusals = await rows<{ departmentId: number; n: number }>(
    db,
    sql`SELECT s.department_id AS "departmentId", count(*)::int AS "n"
        FROM event_steps s JOIN events e ON e.id = s.event_id
        WHERE s.action = 'refuse' AND e.city_id = ${cityId} AND e.deleted_at IS NULL AND ${nodeInScope(sql`e.node_id`, scope)} ${periodCondition(period)}
        GROUP BY s.department_id`,
  );
  const summons = await rows<{ departmentId: number; summoned: number; answeredOnTime: number; settled: number; rated: number; ratingSum: number }>(
    db,
    sql`SELECT m.department_id AS "departmentId",
               count(*)::int AS "summoned",
               count(*) FILTER (WHERE m.answered_at IS NOT NULL AND NOT m.answer_late)::int AS "answeredOnTime",
               count(*) FILTER (WHERE m.answered_at IS NOT NULL OR m.answer_late)::int AS "settled",
               count(m.rating)::int AS "rated",
               coalesce(sum(m.rating), 0)::int AS "ratingSum"
        FROM event_summons m JOIN events e ON e.id = m.event_id
        WHERE e.city_id = ${cityId} AND e.deleted_at IS NULL AND ${nodeInScope(sql`e.node_id`, scope)} ${periodCondition(period)}
        GROUP BY m.department_id`,
  );
  return { refusals, summons };
}

/**
 * One row per evaluated body over a period: nodes answer for every event in their subtree (each event
 * counted once under each ancestor asked for), departments for the events dispatched to them.
 */
export async function aggregateByBody(
  db: Database,
  cityId: number,
  bodies: { nodeIds: readonly number[]; departmentIds: readonly number[] },
  period: { from: Date; to: Date },
): Promise<(Aggregate & { kind: "node" | "department"; bodyId: number })[]> {
  const found: (Aggregate & { kind: "node" | "department"; bodyId: number })[] = [];
  if (bodies.nodeIds.length > 0) {
    const byNode = await rows<Aggregate & { bodyId: number }>(
      db,
      sql`SELECT a.id AS "bodyId", ${aggregateColumns(null)}
          FROM events e
          JOIN event_types t ON t.id = e.event_type_id
          CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from ${pathOfNode(sql`e.node_id`)}), '/')::bigint[]) AS a(id)
          JOIN unnest(${sql.param([...bodies.nodeIds])}::bigint[]) AS wanted(id) ON wanted.id = a.id
          WHERE e.deleted_at IS NULL AND e.city_id = ${cityId} ${periodCondition(period)}
          GROUP BY a.id`,
    );
    found.push(...byNode.map((row) => ({ ...row, bodyId: Number(row.bodyId), kind: "node" as const })));
  }
  if (bodies.departmentIds.length > 0) {
    const byDepartment = await rows<Aggregate & { bodyId: number }>(
      db,
      sql`SELECT e.department_id AS "bodyId", ${aggregateColumns(null)}
          FROM events e
          JOIN event_types t ON t.id = e.event_type_id
          WHERE e.deleted_at IS NULL AND e.city_id = ${cityId} ${periodCondition(period)}
            AND e.department_id = ANY(${sql.param([...bodies.departmentIds])}::bigint[])
          GROUP BY e.department_id`,
    );
    found.push(...byDepartment.map((row) => ({ ...row, bodyId: Number(row.bodyId), kind: "department" as const })));
  }
  return found;
}
