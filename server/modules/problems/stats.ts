import type { z } from "zod";
import { figureRate, PROBLEM_RATE_MIN_CASES } from "../../../shared/figures";
import type { ProblemStatsQuery, ProblemStatsRates } from "../../../shared/schemas/problems";
import type { RequestContext } from "../../platform/context";
import { invalidField } from "../../platform/errors";
import { nodeForRead, nodeRefs, type NodeRef } from "../../platform/tree";
import { children } from "../orgs/service";
import * as repo from "./stats-repository";

/**
 * The problem statistics (GET /api/problems/stats and /stats/units): for each child node, or each
 * responsible node (责任单位), the counts the figures define and the rates drawn from them. Every count
 * opens its records in the list by ?figure= (figureCondition), with the same org, period and unit.
 */

const empty: repo.ProblemCounts = { total: 0, open: 0, due: 0, closed: 0, closedOnTime: 0, overdue: 0, handled: 0, reworked: 0 };

function ratesOf(counts: repo.ProblemCounts): z.infer<typeof ProblemStatsRates> {
  return {
    closure: figureRate("problems.closureRate", counts.closed, counts.due) ?? null,
    onTimeClosure: figureRate("problems.onTimeClosureRate", counts.closedOnTime, counts.due) ?? null,
    rework: figureRate("problems.reworkRate", counts.reworked, counts.handled) ?? null,
  };
}

function countsOf(row: repo.ProblemCounts): repo.ProblemCounts {
  return { total: row.total, open: row.open, due: row.due, closed: row.closed, closedOnTime: row.closedOnTime, overdue: row.overdue, handled: row.handled, reworked: row.reworked };
}

const rowOf = (node: Pick<NodeRef, "id" | "name" | "kind">, counts: repo.ProblemCounts) => ({ nodeId: node.id, name: node.name, kind: node.kind, counts: countsOf(counts), rates: ratesOf(counts) });

function periodOf(query: z.infer<typeof ProblemStatsQuery>): repo.Period | null {
  if (query.from && query.to && query.from > query.to) throw invalidField("to", "must not be before from");
  return query.from || query.to ? { from: query.from, to: query.to } : null;
}

/** The node and each of its children (not retired), with the node's own row the sum of all. */
export async function nodeStats(ctx: RequestContext, query: z.infer<typeof ProblemStatsQuery>) {
  const node = await nodeForRead(ctx, "problem.read", query.org);
  const byChild = await repo.countsByChild(ctx.db, node, periodOf(query));
  const self = { ...empty };
  for (const row of byChild) for (const key of Object.keys(self) as (keyof repo.ProblemCounts)[]) self[key] += row[key];
  const kids = (await children(ctx, node.id, { includeRetired: false, limit: 1000, offset: 0 })).items;
  return {
    org: { id: node.id, name: node.name, kind: node.kind },
    minCases: PROBLEM_RATE_MIN_CASES,
    self: rowOf(node, self),
    children: kids.map((child) => rowOf(child, byChild.find((row) => row.child === String(child.id)) ?? empty)),
  };
}

/** Each responsible node of the problems in the node's subtree, in the tree's order. */
export async function unitStats(ctx: RequestContext, query: z.infer<typeof ProblemStatsQuery>) {
  const node = await nodeForRead(ctx, "problem.read", query.org);
  const byUnit = await repo.countsByResponsible(ctx.db, node, node.parentId === null, periodOf(query) ?? {});
  const units = await nodeRefs(ctx.db, byUnit.map((row) => row.nodeId));
  const items = byUnit
    .filter((row) => units.has(row.nodeId))
    .map((row) => ({ unit: units.get(row.nodeId)!, row }))
    .sort((a, b) => (a.unit.path < b.unit.path ? -1 : a.unit.path > b.unit.path ? 1 : 0))
    .map(({ unit, row }) => rowOf(unit, row));
  return { org: { id: node.id, name: node.name, kind: node.kind }, minCases: PROBLEM_RATE_MIN_CASES, items };
}
