import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Database } from "../../db/client";
import { problemRollups, problems } from "../../db/schema";
import { nodeInScope, pathOfNode, type NodeRef } from "../../platform/tree";
import { figureCondition } from "./repository";

/** The counts of the statistics tables, named as the figures they repeat (problemFigureKeys). */
export interface ProblemCounts {
  total: number;
  open: number;
  due: number;
  closed: number;
  closedOnTime: number;
  overdue: number;
  handled: number;
  reworked: number;
}

export interface Period {
  from?: string;
  to?: string;
}

const counted = (figure: Parameters<typeof figureCondition>[0]) => sql<number>`count(*) FILTER (WHERE ${figureCondition(figure)})::int`;
const COUNTED = sql`${counted("problems.total")} AS "total", ${counted("problems.open")} AS "open", ${counted("problems.due")} AS "due",
  ${counted("problems.closed")} AS "closed", ${counted("problems.closedOnTime")} AS "closedOnTime", ${counted("problems.overdue")} AS "overdue",
  ${counted("problems.handled")} AS "handled", ${counted("problems.reworked")} AS "reworked"`;
const summed = (column: SQLWrapper) => sql<number>`coalesce(sum(${column}), 0)::int`;
const ROLLED_UP = sql`${summed(sql`r.total`)} AS "total", ${summed(sql`r.open`)} AS "open", ${summed(sql`r.due`)} AS "due",
  ${summed(sql`r.closed`)} AS "closed", ${summed(sql`r.closed_on_time`)} AS "closedOnTime", ${summed(sql`r.overdue`)} AS "overdue",
  ${summed(sql`r.handled`)} AS "handled", ${summed(sql`r.reworked`)} AS "reworked"`;

/** Both drivers answer db.execute with { rows }; int8 comes back as a number from either (db/client.ts). */
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

function periodCondition(period: Period): SQL {
  return sql`${period.from ? sql`AND ${problems.foundOn} >= ${period.from}::date` : sql``} ${period.to ? sql`AND ${problems.foundOn} <= ${period.to}::date` : sql``}`;
}

/**
 * One row per child of the node (the path segment below the node's; "" for problems at the node itself).
 * All time from problem_rollups (kept by the triggers of migration 0017), one row per node; over a period
 * counted from the problems, by the same conditions the figures and their drill-downs use.
 */
export async function countsByChild(db: Database, node: Pick<NodeRef, "cityId" | "path" | "depth">, period: Period | null): Promise<(ProblemCounts & { child: string })[]> {
  const child = (path: SQL) => sql`split_part(${path}, '/', ${node.depth + 3}::int)`;
  const within = (column: SQLWrapper) => nodeInScope(column, { all: false, paths: [node.path] });
  if (period === null) {
    return rowsOf(
      await db.execute(sql`SELECT ${child(pathOfNode(sql`r.node_id`))} AS "child", ${ROLLED_UP}
        FROM ${problemRollups} r
        WHERE r.city_id = ${node.cityId} AND ${within(sql`r.node_id`)}
        GROUP BY 1`),
    );
  }
  return rowsOf(
    await db.execute(sql`SELECT ${child(pathOfNode(problems.nodeId))} AS "child", ${COUNTED}
      FROM ${problems}
      WHERE ${problems.deletedAt} IS NULL AND ${problems.cityId} = ${node.cityId} AND ${within(problems.nodeId)} ${periodCondition(period)}
      GROUP BY 1`),
  );
}

/**
 * One row per responsible node (责任单位) of the problems in a subtree, counted from the problems: a city
 * has thousands of them, not millions, and no rollup is kept by responsible node. Unassigned problems are
 * in no row. `wholeCity`: the node is a city's root, whose city_id says it all.
 */
export async function countsByResponsible(db: Database, node: Pick<NodeRef, "cityId" | "path">, wholeCity: boolean, period: Period): Promise<(ProblemCounts & { nodeId: number })[]> {
  return rowsOf(
    await db.execute(sql`SELECT ${problems.responsibleNodeId} AS "nodeId", ${COUNTED}
      FROM ${problems}
      WHERE ${problems.deletedAt} IS NULL AND ${problems.cityId} = ${node.cityId} AND ${problems.responsibleNodeId} IS NOT NULL
        ${wholeCity ? sql`` : sql`AND ${nodeInScope(problems.nodeId, { all: false, paths: [node.path] })}`} ${periodCondition(period)}
      GROUP BY ${problems.responsibleNodeId}`),
  );
}
