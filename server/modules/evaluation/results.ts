import type { z } from "zod";
import type { SourceFigures } from "../../../shared/figures";
import type { Board, BoardQuery, PrefectureRanking, PrefectureRankingQuery, Result, ResultItem, Scorecard } from "../../../shared/schemas/evaluation";
import type { Database } from "../../db/client";
import type { RequestContext } from "../../platform/context";
import { notFound } from "../../platform/errors";
import { can, covers, requirePermission, scopeOf, visibleScope } from "../../platform/policy";
import { cityIdByCode, nodeRef, type NodeRef } from "../../platform/tree";
import { citiesOfPrefecture } from "../orgs/service";
import { bodiesOf, evaluated } from "./bodies";
import { cityOfActor } from "./catalogues";
import { presentPeriod, readablePeriod } from "./periods";
import type { EvaluatedBody } from "../../platform/modules";
import { periodRange } from "./compute";
import * as repo from "./repository";
import type { ScoredItem } from "./scoring";

/** Scorecards with their drill-down, the ranking boards with 红黑榜, the figures, the public ranking. */
export function presentResult(row: repo.ResultRow): z.infer<typeof Result> {
  return {
    bodyKind: row.bodyKind as z.infer<typeof Result>["bodyKind"],
    bodyId: row.bodyId,
    bodyName: row.bodyName,
    parentId: row.parentId,
    parentName: row.parentName,
    score: row.score,
    grade: row.grade as z.infer<typeof Result>["grade"],
    rank: row.rank,
    peerRank: row.peerRank,
  };
}

/** The stored item results with their catalogue lines and, for automatic ones, the lists of records behind them. */
async function presentItems(ctx: RequestContext, catalogue: repo.CatalogueRow, period: repo.PeriodRow, row: repo.ResultRow, node: NodeRef): Promise<ResultItem[]> {
  const lines = new Map((await repo.itemsOf(ctx.db, [catalogue.id])).map((item) => [item.id, item]));
  const range = periodRange(period);
  const body: EvaluatedBody = evaluated({ kind: row.bodyKind, id: row.bodyId, path: node.path });
  return (row.items as ScoredItem[]).map((item) => {
    const line = lines.get(item.itemId)!;
    const indicator = line.indicatorKey ? ctx.modules.indicators.find((candidate) => candidate.key === line.indicatorKey) : undefined;
    return {
      ...item,
      source: line.source as ResultItem["source"],
      key: line.indicatorKey,
      label: line.label,
      weight: line.weight,
      drill: indicator ? indicator.drill(body, range) : null,
      drillNumerator: indicator?.drillNumerator?.(body, range) ?? null,
    };
  });
}

/** A body's scorecard: each item with its weight as counted, its inputs and the lists of records behind them. */
export async function scorecard(ctx: RequestContext, periodId: number, bodyKind: string, bodyId: number, version?: number): Promise<z.infer<typeof Scorecard>> {
  const { actor, period, catalogue } = await readablePeriod(ctx, periodId);
  const resultVersion = version ?? period.resultVersion;
  const row = catalogue.bodyKind === bodyKind && resultVersion >= 1 && resultVersion <= period.resultVersion ? await repo.result(ctx.db, period.id, resultVersion, bodyKind, bodyId) : undefined;
  if (!row) throw notFound("考评结果");
  const node = (await nodeRef(ctx.db, row.nodeId))!;
  // A body reads its own scorecard; outside the caller's reach the scorecard does not exist for them.
  if (!can(actor, "evaluation.read", node.path)) throw notFound("考评结果");
  const trend = await repo.trend(ctx.db, catalogue.id, bodyKind, bodyId);
  const versions = await repo.versions(ctx.db, period.id);
  const open = period.status === "published" && period.appealUntil !== null && ctx.clock.now() <= period.appealUntil;
  return {
    ...presentResult(row),
    period: presentPeriod(period, catalogue),
    resultVersion,
    items: await presentItems(ctx, catalogue, period, row, node),
    trend: trend.map((point) => ({ ...point, grade: point.grade as z.infer<typeof Result>["grade"] })),
    versions: versions.map((v) => ({ resultVersion: v.resultVersion, reason: v.reason, actorName: v.actorName, at: v.createdAt.toISOString() })),
    canAppeal: open && can(actor, "evaluation.appeal", node.path),
  };
}

function gradeCounts(rows: repo.ResultRow[]): Record<string, number> {
  const counts: Record<string, number> = { A: 0, B: 0, C: 0, D: 0, E: 0 };
  for (const row of rows) if (row.grade) counts[row.grade] = (counts[row.grade] ?? 0) + 1;
  return counts;
}

/** 红榜 and 黑榜: the A and E grades, or where a grade is empty, the first and last three of the board. */
function redAndBlack(rows: repo.ResultRow[]) {
  const scored = rows.filter((row) => row.score !== null);
  const red = scored.filter((row) => row.grade === "A");
  const black = scored.filter((row) => row.grade === "E");
  return {
    red: (red.length > 0 ? red : scored.slice(0, 3)).slice(0, 10).map(presentResult),
    black: (black.length > 0 ? black : scored.slice(-3)).slice(-10).reverse().map(presentResult),
  };
}

/** The ranking board of a period (比一比): published boards for every evaluation reader of the city, drafts for the office. */
export async function board(ctx: RequestContext, periodId: number, query: z.infer<typeof BoardQuery>): Promise<z.infer<typeof Board>> {
  const { period, catalogue } = await readablePeriod(ctx, periodId);
  const resultVersion = query.version ?? period.resultVersion;
  if (resultVersion > period.resultVersion) throw notFound("考评结果");
  const rows = await repo.results(ctx.db, period.id, resultVersion, { parentId: query.parent });
  const shown = query.parent ? [...rows].sort((a, b) => (a.peerRank ?? 1e9) - (b.peerRank ?? 1e9)) : rows;
  return { period: presentPeriod(period, catalogue), resultVersion, items: shown.map(presentResult), ...redAndBlack(shown), gradeCounts: gradeCounts(rows) };
}

/** The bodies behind evaluation.scoredBodies and the grade counts: each catalogue's latest published period, in the caller's reach. */
export async function latestResults(ctx: RequestContext, query: { org?: number; grade?: string }) {
  const actor = requirePermission(ctx, "evaluation.read");
  const cityId = cityOfActor(actor);
  let scope = scopeOf(actor, "evaluation.read");
  if (query.org !== undefined) {
    const node = await nodeRef(ctx.db, query.org);
    if (!node || node.cityId !== cityId || !covers(visibleScope(actor), node.path)) throw notFound("组织节点");
    if (!covers(scope, node.path)) throw notFound("组织节点");
    scope = { all: false, paths: [node.path] };
  }
  const rows = await repo.latestPublishedResults(ctx.db, cityId, scope, query.grade);
  return { items: rows.map((row) => ({ ...presentResult(row.result), periodId: row.result.periodId, periodLabel: row.periodLabel })), total: rows.length };
}

export async function evaluationFigures(db: Database, node: NodeRef): Promise<SourceFigures> {
  const rows = await repo.latestPublishedResults(db, node.cityId, { all: false, paths: [node.path] });
  const count = (grade: string) => rows.filter((row) => row.result.grade === grade).length;
  return {
    "evaluation.scoredBodies": rows.length,
    "evaluation.grade.A": count("A"),
    "evaluation.grade.B": count("B"),
    "evaluation.grade.C": count("C"),
    "evaluation.grade.D": count("D"),
    "evaluation.grade.E": count("E"),
  };
}

/** 晒一晒 看一看: what the city approves for publication — names, scores, grades and ranks of bodies, never a person. */
export async function publicRankings(ctx: RequestContext, cityCode: string) {
  const cityId = await cityIdByCode(ctx.db, cityCode);
  if (cityId === undefined) throw notFound("城市");
  const catalogues = (await repo.catalogues(ctx.db, cityId)).filter((row) => row.public && row.bodyKind !== "leader");
  const boards = [];
  for (const catalogue of catalogues) {
    const [latest] = await repo.periods(ctx.db, cityId, { catalogueId: catalogue.id, publishedOnly: true });
    if (!latest) continue;
    const rows = await repo.results(ctx.db, latest.id, latest.resultVersion);
    const closure = (await repo.itemsOf(ctx.db, [catalogue.id])).find((item) => item.indicatorKey === "problems.closure");
    const closedOf = (row: repo.ResultRow) => (row.items as ScoredItem[]).find((item) => item.itemId === closure?.id)?.numerator ?? 0;
    const gains = closure
      ? rows
          .map((row) => ({ name: row.bodyName, parentName: row.parentName, closedProblems: closedOf(row) }))
          .filter((row) => row.closedProblems > 0)
          .sort((a, b) => b.closedProblems - a.closedProblems)
      : [];
    boards.push({
      gains,
      catalogue: catalogue.name,
      bodyKind: catalogue.bodyKind as z.infer<typeof Result>["bodyKind"],
      period: latest.label,
      items: rows.map((row) => ({ name: row.bodyName, parentName: row.parentName, score: row.score, grade: row.grade as z.infer<typeof Result>["grade"], rank: row.rank })),
    });
  }
  return { city: cityCode, boards };
}

/**
 * 比一比 across a province: the caller's city among the cities of its prefecture, each on the composite
 * of its own published city catalogue over the same days. A province-level role does not exist, so each
 * city's readers of the whole city (the office, the leaders) see their city's rank among its peers;
 * below the city root the ranking is not theirs to see (404).
 */
export async function prefectureRanking(ctx: RequestContext, query: z.infer<typeof PrefectureRankingQuery>): Promise<z.infer<typeof PrefectureRanking>> {
  const actor = requirePermission(ctx, "evaluation.read");
  const cityId = cityOfActor(actor);
  const [root] = await bodiesOf(ctx.db, cityId, "city");
  if (!root || !can(actor, "evaluation.read", root.path)) throw notFound("地级市排名");
  const { prefecture, cities } = await citiesOfPrefecture(ctx.db, cityId);
  if (!prefecture) throw notFound("地级市排名");
  const cityCatalogues = new Set((await repo.catalogues(ctx.db, cityId)).filter((row) => row.bodyKind === "city").map((row) => row.id));
  const published = (await repo.periods(ctx.db, cityId, { publishedOnly: true })).filter((row) => cityCatalogues.has(row.catalogueId));
  const period = query.period === undefined ? published[0] : published.find((row) => row.id === query.period);
  if (!period) throw notFound("考评期");
  const scores = new Map((await repo.cityResults(ctx.db, cities.map((city) => city.id), period)).map((row) => [row.cityId, row]));
  const rows = cities
    .map((city) => ({ city: city.name, score: scores.get(city.id)?.score ?? null, grade: (scores.get(city.id)?.grade ?? null) as z.infer<typeof Result>["grade"], own: city.id === cityId }))
    .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.city.localeCompare(b.city, "zh"));
  // Competition ranks: equal scores share a rank; a city with no published result has none.
  const items = rows.map((row) => ({ ...row, rank: row.score === null ? null : rows.filter((other) => other.score !== null && other.score > row.score!).length + 1 }));
  return { prefecture, period: { id: period.id, label: period.label, startsOn: period.startsOn, endsOn: period.endsOn }, items };
}
