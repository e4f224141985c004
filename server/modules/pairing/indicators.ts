import { PAIRING_RATE_MIN_CASES } from "../../../shared/figures";
import { localDay } from "../../platform/calendar/calendar";
import { bodyKey, type IndicatorMeasure, type IndicatorSource } from "../../platform/modules";
import { coverageByNode } from "./repository";

/**
 * The pairing module's evaluation indicator: visit coverage (走访覆盖率), household pairings active in
 * the period that were visited in it over those active, from the query behind the module's coverage
 * figure, rolled up from the paired households' nodes to the townships and villages asked for.
 */
function daysOf(period: { from: Date; to: Date }) {
  return { from: localDay(period.from), to: localDay(new Date(period.to.getTime() - 1)) };
}

export const visitCoverage: IndicatorSource = {
  key: "pairing.visitCoverage",
  label: { zh: "联系户走访覆盖率", en: "Paired households visited" },
  bodyKinds: ["township", "village"],
  kind: "rate",
  better: "higher",
  minSample: PAIRING_RATE_MIN_CASES,
  async measure(db, input) {
    const bodies = input.bodies.filter((body) => body.kind === "township" || body.kind === "village");
    const measures = new Map<string, IndicatorMeasure>(bodies.map((body) => [bodyKey(body), { numerator: 0, denominator: 0 }]));
    const root = bodies[0]?.path?.split("/")[1];
    if (!root) return measures;
    const byId = new Map(bodies.map((body) => [body.id, measures.get(bodyKey(body))!]));
    const days = daysOf(input);
    for (const row of await coverageByNode(db, `/${root}/`, days.from, days.to)) {
      for (const ancestor of row.path.split("/").filter(Boolean)) {
        const measure = byId.get(Number(ancestor));
        if (!measure) continue;
        measure.numerator += row.visited;
        measure.denominator += row.paired;
      }
    }
    return measures;
  },
  drill: (body, period) => {
    const days = daysOf(period);
    return `/api/pairing/coverage?org=${body.id}&from=${days.from}&to=${days.to}`;
  },
};
