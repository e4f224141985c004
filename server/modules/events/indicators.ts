import type { Database } from "../../db/client";
import type { EvaluatedBody, IndicatorMeasure, IndicatorSource, MeasureInput } from "../../platform/modules";
import { bodyKey } from "../../platform/modules";
import { EVENT_RATE_MIN_CASES } from "../../../shared/figures";
import { aggregateByBody, type Aggregate } from "./aggregates";

/**
 * The grid events' evaluation indicators: the rates of stats.ts, measured per body over a period from
 * the same aggregate, and drilled to the event list with the same drill sets.
 */
type RateKey = "onTimeDispatch" | "handling" | "closure" | "satisfaction";

const rates: Record<RateKey, { zh: string; en: string; part: keyof Aggregate; whole: keyof Aggregate; partDrill: string; wholeDrill: string }> = {
  onTimeDispatch: { zh: "事件按时派遣率", en: "Events dispatched on time", part: "dispatchedOnTime", whole: "toDispatch", partDrill: "dispatched_on_time", wholeDrill: "to_dispatch" },
  handling: { zh: "事件按时处置率", en: "Events handled on time", part: "handledOnTime", whole: "toHandle", partDrill: "handled_on_time", wholeDrill: "to_handle" },
  closure: { zh: "事件结案率", en: "Events closed", part: "closedAny", whole: "due", partDrill: "closed", wholeDrill: "due" },
  satisfaction: { zh: "群众满意率", en: "Residents satisfied", part: "satisfied", whole: "rated", partDrill: "rated_satisfied", wholeDrill: "rated" },
};

function listUrl(body: EvaluatedBody, period: { from: Date; to: Date }, drill: string): string {
  const where = body.kind === "department" ? `department=${body.id}` : `org=${body.id}`;
  return `/api/events?${where}&drill=${drill}&from=${encodeURIComponent(period.from.toISOString())}&to=${encodeURIComponent(period.to.toISOString())}&pageSize=200`;
}

/** The four rates come from one aggregate: kept per computation (the evaluation passes one input object to all). */
const shared = new WeakMap<MeasureInput, Promise<Map<string, Aggregate>>>();

function aggregatesOf(db: Database, input: MeasureInput): Promise<Map<string, Aggregate>> {
  let found = shared.get(input);
  if (!found) {
    const nodeIds = input.bodies.filter((body) => body.kind !== "department").map((body) => body.id);
    const departmentIds = input.bodies.filter((body) => body.kind === "department").map((body) => body.id);
    found = aggregateByBody(db, input.cityId, { nodeIds, departmentIds }, input).then((rows) => new Map(rows.map((row) => [`${row.kind}:${row.bodyId}`, row])));
    shared.set(input, found);
  }
  return found;
}

function rateIndicator(key: RateKey): IndicatorSource {
  const rate = rates[key];
  return {
    key: `events.${key}`,
    label: { zh: rate.zh, en: rate.en },
    bodyKinds: ["township", "village", "department"],
    kind: "rate",
    better: "higher",
    minSample: EVENT_RATE_MIN_CASES,
    async measure(db, input) {
      const byKey = await aggregatesOf(db, input);
      const measures = new Map<string, IndicatorMeasure>();
      for (const body of input.bodies) {
        const row = byKey.get(`${body.kind === "department" ? "department" : "node"}:${body.id}`);
        measures.set(bodyKey(body), { numerator: row ? Number(row[rate.part]) : 0, denominator: row ? Number(row[rate.whole]) : 0 });
      }
      return measures;
    },
    drill: (body, period) => listUrl(body, period, rate.wholeDrill),
    drillNumerator: (body, period) => listUrl(body, period, rate.partDrill),
  };
}

export const eventIndicators: readonly IndicatorSource[] = (Object.keys(rates) as RateKey[]).map(rateIndicator);
