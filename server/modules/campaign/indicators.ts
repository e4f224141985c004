import { bodyKey, periodDays, rollUpToNodes, type EvaluatedBody, type IndicatorMeasure, type IndicatorSource, type MeasureInput } from "../../platform/modules";
import type { Database } from "../../db/client";
import { milestonesDueByOwner } from "./repository";

/**
 * The campaign's evaluation indicators, over the milestones (节点) of every campaign of the city due
 * in the period: progress (节点完成率), those done by the period's end, and on-time milestones
 * (节点按期完成率), those done by their own due day. A township or village answers for the projects at
 * or under it, a unit for the projects it leads; both drill to the same list of milestones.
 */
type Row = Awaited<ReturnType<typeof milestonesDueByOwner>>[number];

const shared = new WeakMap<MeasureInput, Promise<Row[]>>();
function rowsOf(db: Database, input: MeasureInput): Promise<Row[]> {
  let rows = shared.get(input);
  if (!rows) {
    rows = milestonesDueByOwner(db, input.cityId, periodDays(input));
    shared.set(input, rows);
  }
  return rows;
}

function list(body: EvaluatedBody, period: { from: Date; to: Date }, outcome?: string): string {
  const days = periodDays(period);
  // A unit answers at the city's root: its list is the root's, narrowed to the projects it leads.
  const org = body.kind === "unit" ? Number(body.path?.split("/")[1]) : body.id;
  return `/api/campaign/due-milestones?org=${org}${body.kind === "unit" ? `&unit=${body.id}` : ""}&from=${days.from}&to=${days.to}${outcome ? `&outcome=${outcome}` : ""}&pageSize=200`;
}

function indicator(key: string, label: { zh: string; en: string }, part: "done" | "onTime", outcome: "done" | "on_time"): IndicatorSource {
  return {
    key,
    label,
    bodyKinds: ["township", "village", "unit"],
    kind: "rate",
    better: "higher",
    minSample: 3,
    async measure(db, input) {
      const rows = await rowsOf(db, input);
      const measures = rollUpToNodes(input.bodies, rows, (row) => row[part], (row) => row.due);
      const units = input.bodies.filter((body) => body.kind === "unit");
      for (const unit of units) {
        const led = rows.filter((row) => row.unitId === unit.id);
        const measure: IndicatorMeasure = { numerator: 0, denominator: 0 };
        for (const row of led) {
          measure.numerator += row[part];
          measure.denominator += row.due;
        }
        measures.set(bodyKey(unit), measure);
      }
      return measures;
    },
    drill: (body, period) => list(body, period),
    drillNumerator: (body, period) => list(body, period, outcome),
  };
}

export const campaignIndicators: readonly IndicatorSource[] = [
  indicator("campaign.progress", { zh: "节点完成率", en: "Milestones done" }, "done", "done"),
  indicator("campaign.onTimeMilestones", { zh: "节点按期完成率", en: "Milestones done on time" }, "onTime", "on_time"),
];
