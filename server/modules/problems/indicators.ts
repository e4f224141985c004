import { PROBLEM_RATE_MIN_CASES, type FigureKey } from "../../../shared/figures";
import type { ProblemFigure } from "../../../shared/schemas/problems";
import { localDay } from "../../platform/calendar/calendar";
import type { Database } from "../../db/client";
import { bodyKey, type EvaluatedBody, type IndicatorMeasure, type IndicatorSource, type MeasureInput } from "../../platform/modules";
import { problemMeasuresByNode } from "./repository";

/**
 * The problem lists' evaluation indicators: the rates of the module's figures, per township or village
 * over the problems found in the period, drilled to the problem list by the same figure conditions.
 */
type Row = Awaited<ReturnType<typeof problemMeasuresByNode>>[number];

interface Rate {
  key: string;
  label: { zh: string; en: string };
  better: "higher" | "lower";
  part: keyof Omit<Row, "nodeId">;
  whole: keyof Omit<Row, "nodeId">;
  partFigure: ProblemFigure;
  wholeFigure: ProblemFigure;
}

const rates: Rate[] = [
  { key: "problems.closure", label: { zh: "问题结案率", en: "Problems closed" }, better: "higher", part: "closed", whole: "due", partFigure: "problems.closed", wholeFigure: "problems.due" },
  { key: "problems.onTimeClosure", label: { zh: "问题按期结案率", en: "Problems closed on time" }, better: "higher", part: "closedOnTime", whole: "due", partFigure: "problems.closedOnTime", wholeFigure: "problems.due" },
  { key: "problems.rework", label: { zh: "问题返工率", en: "Problems reworked" }, better: "lower", part: "reworked", whole: "handled", partFigure: "problems.reworked", wholeFigure: "problems.handled" },
];

/** The period's found-on days: `to` is exclusive, so its last day is the one before. */
function daysOf(period: { from: Date; to: Date }) {
  return { from: localDay(period.from), to: localDay(new Date(period.to.getTime() - 1)) };
}

function listUrl(body: EvaluatedBody, period: { from: Date; to: Date }, figure: ProblemFigure | FigureKey): string {
  const days = daysOf(period);
  return `/api/problems?org=${body.id}&figure=${figure}&from=${days.from}&to=${days.to}&pageSize=200`;
}

/** The three rates come from one query: kept per computation (the evaluation passes one input object to all). */
const shared = new WeakMap<MeasureInput, Promise<Map<number, Row>>>();

function measuresOf(db: Database, input: MeasureInput): Promise<Map<number, Row>> {
  let found = shared.get(input);
  if (!found) {
    const nodeIds = input.bodies.filter((body) => body.kind === "township" || body.kind === "village").map((body) => body.id);
    found = problemMeasuresByNode(db, input.cityId, nodeIds, daysOf(input)).then((rows) => new Map(rows.map((row) => [row.nodeId, row])));
    shared.set(input, found);
  }
  return found;
}

function indicator(rate: Rate): IndicatorSource {
  return {
    key: rate.key,
    label: rate.label,
    bodyKinds: ["township", "village"],
    kind: "rate",
    better: rate.better,
    minSample: PROBLEM_RATE_MIN_CASES,
    async measure(db, input) {
      const nodes = input.bodies.filter((body) => body.kind === "township" || body.kind === "village");
      const found = await measuresOf(db, input);
      const measures = new Map<string, IndicatorMeasure>();
      for (const body of nodes) {
        const row = found.get(body.id);
        measures.set(bodyKey(body), { numerator: row ? row[rate.part] : 0, denominator: row ? row[rate.whole] : 0 });
      }
      return measures;
    },
    drill: (body, period) => listUrl(body, period, rate.wholeFigure),
    drillNumerator: (body, period) => listUrl(body, period, rate.partFigure),
  };
}

export const problemIndicators: readonly IndicatorSource[] = rates.map(indicator);
