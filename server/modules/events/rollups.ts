import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import type { Scope } from "../../platform/policy";
import { nodeInScope, pathOfNode, type NodeRef } from "../../platform/tree";
import type { Aggregate } from "./aggregates";
import { rows } from "./repository";

/**
 * A subtree's counts from the rollups (event_rollups, kept by the triggers of migration 0017 in the
 * transaction of every write): the same numbers aggregateSubtree counts from the events with no
 * "now", read from one row per node and type instead of one per event. conflictsResolved is taken
 * from the types as they are marked now, as the count from the events does.
 */
const ROLLUP_COLUMNS = sql`coalesce(sum(r.total), 0)::int AS "total", coalesce(sum(r.open), 0)::int AS "open", 0 AS "overdue",
  coalesce(sum(r.reported), 0)::int AS "reported", coalesce(sum(r.dispatching), 0)::int AS "dispatching",
  coalesce(sum(r.dispatched), 0)::int AS "dispatched", coalesce(sum(r.handling), 0)::int AS "handling",
  coalesce(sum(r.checking), 0)::int AS "checking", coalesce(sum(r.closed), 0)::int AS "closed",
  coalesce(sum(r.evaluated), 0)::int AS "evaluated", coalesce(sum(r.rejected), 0)::int AS "rejected",
  coalesce(sum(r.to_dispatch), 0)::int AS "toDispatch", coalesce(sum(r.dispatched_any), 0)::int AS "dispatchedAny",
  coalesce(sum(r.dispatched_on_time), 0)::int AS "dispatchedOnTime", coalesce(sum(r.dispatched_accurately), 0)::int AS "dispatchedAccurately",
  coalesce(sum(r.to_handle), 0)::int AS "toHandle", coalesce(sum(r.handled), 0)::int AS "handled",
  coalesce(sum(r.handled_on_time), 0)::int AS "handledOnTime", coalesce(sum(r.due), 0)::int AS "due",
  coalesce(sum(r.closed_any), 0)::int AS "closedAny", coalesce(sum(r.closed_on_time), 0)::int AS "closedOnTime",
  coalesce(sum(r.reworked), 0)::int AS "reworked", coalesce(sum(r.rated), 0)::int AS "rated",
  coalesce(sum(r.satisfied), 0)::int AS "satisfied",
  coalesce(sum(r.closed_any) FILTER (WHERE t.conflict), 0)::int AS "conflictsResolved"`;

export async function rolledUpSubtree(db: Database, path: string): Promise<Aggregate> {
  const [row] = await rows<Aggregate>(
    db,
    sql`SELECT ${ROLLUP_COLUMNS}
        FROM event_rollups r
        JOIN event_types t ON t.id = r.event_type_id
        WHERE ${nodeInScope(sql`r.node_id`, { all: false, paths: [path] })}`,
  );
  return row!;
}

/**
 * The node table (GET /api/events/stats without a period) from the rollups: one row per child of the
 * node at `path` (its id the path segment below the node's), as aggregateByChild counts them from the
 * events; "" for the node's own rows. Overdue is the one count that depends on the clock: it is counted
 * from the open cases past their limit (events_open_due_idx), which are few whatever the subtree.
 */
export async function rolledUpByChild(db: Database, node: Pick<NodeRef, "cityId" | "path" | "depth">, now: Date): Promise<(Aggregate & { child: string })[]> {
  const child = (alias: SQL) => sql`split_part(${alias}.path, '/', ${node.depth + 3}::int)`;
  const within = (column: SQL) => nodeInScope(column, { all: false, paths: [node.path] });
  const counted = await rows<Aggregate & { child: string }>(
    db,
    sql`SELECT ${child(sql`r`)} AS "child", ${ROLLUP_COLUMNS}
        FROM (SELECT r.*, ${pathOfNode(sql`r.node_id`)} AS path FROM event_rollups r WHERE r.city_id = ${node.cityId} AND ${within(sql`r.node_id`)}) r
        JOIN event_types t ON t.id = r.event_type_id
        GROUP BY 1`,
  );
  const overdue = await rows<{ child: string; n: number }>(
    db,
    sql`SELECT ${child(sql`x`)} AS "child", count(*)::int AS "n"
        FROM (SELECT ${pathOfNode(sql`e.node_id`)} AS path FROM events e
              WHERE e.stage_due_at < ${now} AND e.deleted_at IS NULL AND e.city_id = ${node.cityId} AND ${within(sql`e.node_id`)}) x
        GROUP BY 1`,
  );
  return counted.map((row) => ({ ...row, overdue: overdue.find((late) => late.child === row.child)?.n ?? 0 }));
}

/**
 * The department table (GET /api/events/stats/departments without a period) from event_department_rollups
 * (migration 0023): one row per department, as aggregateByDepartment counts them from the events. Overdue
 * is counted from the open cases past their limit, as in rolledUpByChild.
 */
export async function rolledUpByDepartment(db: Database, scope: Scope, cityId: number, now: Date): Promise<(Aggregate & { departmentId: number })[]> {
  const counted = await rows<Aggregate & { departmentId: number }>(
    db,
    sql`SELECT r.department_id AS "departmentId", ${ROLLUP_COLUMNS}
        FROM event_department_rollups r
        JOIN event_types t ON t.id = r.event_type_id
        WHERE r.city_id = ${cityId} AND ${nodeInScope(sql`r.node_id`, scope)}
        GROUP BY r.department_id`,
  );
  const overdue = await rows<{ departmentId: number; n: number }>(
    db,
    sql`SELECT e.department_id AS "departmentId", count(*)::int AS "n"
        FROM events e
        WHERE e.stage_due_at < ${now} AND e.deleted_at IS NULL AND e.city_id = ${cityId} AND e.department_id IS NOT NULL AND ${nodeInScope(sql`e.node_id`, scope)}
        GROUP BY e.department_id`,
  );
  return counted.map((row) => ({ ...row, overdue: overdue.find((late) => late.departmentId === row.departmentId)?.n ?? 0 }));
}
