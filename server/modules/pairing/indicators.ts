import { PAIRING_RATE_MIN_CASES } from "../../../shared/figures";
import { bodyKey, periodDays, rollUpToNodes, type IndicatorMeasure, type IndicatorSource } from "../../platform/modules";
import { conflictsByNode, coverageByNode, serviceMinutesByNode } from "./repository";

/**
 * The pairing module's evaluation indicators, each rolled up from the records' nodes to the townships
 * and villages asked for: visit coverage (走访覆盖率), household pairings active in the period that were
 * visited in it over those active, from the query behind the module's coverage figure; conflicts and
 * hazards resolved (矛盾隐患化解率), of the register entries reported in the period; and members'
 * service hours (党员人均服务时长), hours logged in the period per member reporting there — it grows
 * with the number of members, so it is normalised per member.
 */
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
    const days = periodDays(input);
    return rollUpToNodes(bodies, await coverageByNode(db, `/${root}/`, days.from, days.to), (row) => row.visited, (row) => row.paired);
  },
  drill: (body, period) => {
    const days = periodDays(period);
    return `/api/pairing/coverage?org=${body.id}&from=${days.from}&to=${days.to}`;
  },
};

const conflictsList = (body: { id: number }, period: { from: Date; to: Date }, figure: string) => {
  const days = periodDays(period);
  return `/api/pairing/conflicts?org=${body.id}&from=${days.from}&to=${days.to}${figure}&pageSize=100`;
};

export const conflictsResolved: IndicatorSource = {
  key: "pairing.conflictsResolved",
  label: { zh: "矛盾隐患化解率", en: "Conflicts and hazards resolved" },
  bodyKinds: ["township", "village"],
  kind: "rate",
  better: "higher",
  minSample: PAIRING_RATE_MIN_CASES,
  async measure(db, input) {
    return rollUpToNodes(input.bodies, await conflictsByNode(db, input.cityId, periodDays(input)), (row) => row.resolved, (row) => row.reported);
  },
  drill: (body, period) => conflictsList(body, period, ""),
  drillNumerator: (body, period) => conflictsList(body, period, "&figure=resolved"),
};

export const serviceHours: IndicatorSource = {
  key: "service.hoursPerMember",
  label: { zh: "党员人均服务时长", en: "Service hours per member" },
  bodyKinds: ["township", "village"],
  kind: "per",
  better: "higher",
  minSample: 1,
  async measure(db, input) {
    return rollUpToNodes(input.bodies, await serviceMinutesByNode(db, input.cityId, periodDays(input)), (row) => row.minutes / 60, (row) => row.members);
  },
  drill: (body) => `/api/service/members?org=${body.id}&pageSize=100`,
};

export const pairingIndicators: readonly IndicatorSource[] = [visitCoverage, conflictsResolved, serviceHours];
