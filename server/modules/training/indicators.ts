import { TRAINING_RATE_MIN_CASES } from "../../../shared/figures";
import { bodyKey, type IndicatorMeasure, type IndicatorSource } from "../../platform/modules";
import { passByBody } from "./exam-repository";

/**
 * Training's evaluation indicator: the competency test's pass rate (能力测试通过率), scored attempts
 * submitted in the period by the cadres of a township or village and those that passed.
 */
export const passRate: IndicatorSource = {
  key: "training.passRate",
  label: { zh: "能力测试通过率", en: "Competency test pass rate" },
  bodyKinds: ["township", "village"],
  kind: "rate",
  better: "higher",
  minSample: TRAINING_RATE_MIN_CASES,
  async measure(db, input) {
    const bodies = input.bodies.filter((body) => body.kind === "township" || body.kind === "village");
    const found = new Map((await passByBody(db, input.cityId, bodies.map((body) => body.id), input)).map((row) => [row.nodeId, row]));
    return new Map<string, IndicatorMeasure>(bodies.map((body) => [bodyKey(body), { numerator: found.get(body.id)?.passed ?? 0, denominator: found.get(body.id)?.scored ?? 0 }]));
  },
  drill: (body) => `/api/exam-results?org=${body.id}&pageSize=200`,
};
