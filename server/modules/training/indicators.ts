import { TRAINING_RATE_MIN_CASES } from "../../../shared/figures";
import { rollUpToNodes, type EvaluatedBody, type IndicatorSource } from "../../platform/modules";
import { passByNode } from "./exam-repository";
import { attendanceByNode } from "./repository";

/**
 * Training's evaluation indicators, per township or village over the period: the competency test's
 * pass rate (能力测试通过率), scored attempts submitted in the period by its cadres and those passed;
 * and the attendance rate (培训到课率) as the module's figure defines it, person-times at sessions
 * starting in the period over those expected (present plus excused).
 */
const inPeriod = (period: { from: Date; to: Date }) => `from=${encodeURIComponent(period.from.toISOString())}&to=${encodeURIComponent(period.to.toISOString())}`;
const results = (body: EvaluatedBody, period: { from: Date; to: Date }, status: string) => `/api/exam-results?org=${body.id}&status=${status}&${inPeriod(period)}&pageSize=200`;

export const passRate: IndicatorSource = {
  key: "training.passRate",
  label: { zh: "能力测试通过率", en: "Competency test pass rate" },
  bodyKinds: ["township", "village"],
  kind: "rate",
  better: "higher",
  minSample: TRAINING_RATE_MIN_CASES,
  async measure(db, input) {
    return rollUpToNodes(input.bodies, await passByNode(db, input.cityId, input), (row) => row.passed, (row) => row.scored);
  },
  drill: (body, period) => results(body, period, "scored"),
  drillNumerator: (body, period) => results(body, period, "passed"),
};

export const attendanceRate: IndicatorSource = {
  key: "training.attendanceRate",
  label: { zh: "培训到课率", en: "Training attendance rate" },
  bodyKinds: ["township", "village"],
  kind: "rate",
  better: "higher",
  minSample: TRAINING_RATE_MIN_CASES,
  async measure(db, input) {
    return rollUpToNodes(input.bodies, await attendanceByNode(db, input.cityId, input), (row) => row.attended, (row) => row.expected);
  },
  drill: (body, period) => `/api/training/person-times?org=${body.id}&${inPeriod(period)}&pageSize=200`,
};

export const trainingIndicators: readonly IndicatorSource[] = [passRate, attendanceRate];
