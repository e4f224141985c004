import type { Database } from "../../db/client";
import { localMidnight, nextDay } from "../../platform/calendar/calendar";
import { bodyKey, type IndicatorMeasure, type IndicatorSource, type ModuleRegistry } from "../../platform/modules";
import { bodiesOf, evaluated, type Body } from "./bodies";
import * as repo from "./repository";
import { gradeAndRank, scoreBodies, type ScoredBody, type ScoringItem } from "./scoring";

/**
 * A period's scores from the records: every indicator measured once for all bodies (one set-based
 * query per indicator), the confirmed manual scores, the supervision findings' deductions and the
 * decided adjustments, then the arithmetic of scoring.ts. Reads only; the caller stores the version.
 */
export function periodRange(period: Pick<repo.PeriodRow, "startsOn" | "endsOn">): { from: Date; to: Date } {
  return { from: localMidnight(period.startsOn), to: localMidnight(nextDay(period.endsOn)) };
}

export interface ScoreSetup {
  db: Database;
  modules: ModuleRegistry;
  period: repo.PeriodRow;
  catalogue: repo.CatalogueRow;
  items: repo.ItemRow[];
  /** A decision not stored yet (an appeal being accepted): counted as if it were. */
  extraAdjustment?: { itemId: number; bodyKind: string; bodyId: number; score: number; reason: string };
}

export async function computeScores(setup: ScoreSetup): Promise<ScoredBody[]> {
  const { db, period, catalogue } = setup;
  const range = periodRange(period);
  const bodies: Body[] = await bodiesOf(db, period.cityId, catalogue.bodyKind);
  const evaluatedBodies = bodies.map(evaluated);
  const items: ScoringItem[] = setup.items.map((item) => ({ ...item, source: item.source as ScoringItem["source"] }));

  // One input object for every indicator: a module measuring several indicators with one query may keep its result by it.
  const input = { cityId: period.cityId, from: range.from, to: range.to, bodies: evaluatedBodies };
  const byIndicator = new Map<string, { indicator: IndicatorSource; byBody: Map<string, IndicatorMeasure> }>();
  for (const item of items) {
    if (item.source !== "auto" || !item.indicatorKey || byIndicator.has(item.indicatorKey)) continue;
    const indicator = setup.modules.indicators.find((candidate) => candidate.key === item.indicatorKey);
    if (!indicator) continue;
    const measured = await indicator.measure(db, input);
    // A city is measured as its root node (bodies.ts): its measure is kept under the city's own key.
    const byBody = catalogue.bodyKind === "city" ? new Map(bodies.flatMap((body) => {
      const measure = measured.get(bodyKey(evaluated(body)));
      return measure ? [[`${body.kind}:${body.id}`, measure] as const] : [];
    })) : measured;
    byIndicator.set(item.indicatorKey, { indicator, byBody });
  }
  const measures = new Map<number, { indicator: IndicatorSource; byBody: Map<string, IndicatorMeasure> }>();
  for (const item of items) {
    const measured = item.indicatorKey ? byIndicator.get(item.indicatorKey) : undefined;
    if (measured) measures.set(item.id, measured);
  }

  const manual = new Map<string, number>();
  for (const row of await repo.manualScores(db, period.id)) {
    if (row.confirmedAt) manual.set(`${row.itemId}:${bodyKey({ kind: row.bodyKind as "township", id: row.bodyId })}`, row.score);
  }
  const deductions = new Map<string, number>();
  for (const row of await repo.deductions(db, period.cityId, catalogue.bodyKind, { from: period.startsOn, to: period.endsOn })) {
    deductions.set(`${row.channel}:${catalogue.bodyKind}:${row.bodyId}`, row.points);
  }
  const adjustments = new Map<string, { score: number; reason: string }>();
  const decided = [...(await repo.adjustments(db, period.id)), ...(setup.extraAdjustment ? [setup.extraAdjustment] : [])];
  for (const row of decided) adjustments.set(`${row.itemId}:${row.bodyKind}:${row.bodyId}`, { score: row.score, reason: row.reason });

  const scored = scoreBodies({
    items,
    bodies,
    measures,
    manual,
    deductions,
    adjustments,
    grading: { mode: catalogue.grading as "threshold" | "quota", thresholds: catalogue.thresholds, quotas: catalogue.quotas },
  });
  return gradeAndRank(scored, { mode: catalogue.grading as "threshold" | "quota", thresholds: catalogue.thresholds, quotas: catalogue.quotas });
}
