import type { ModuleManifest } from "../../platform/modules";
import { evaluationFigures } from "./results";
import { evaluationRoutes } from "./routes";

/** Evaluation and rankings ("1+3X" 科学考评; 比一比 晒一晒 看一看): catalogues, periods, scores, grades, appeals, boards. */
export const evaluationModule: ModuleManifest = {
  name: "evaluation",
  routes: evaluationRoutes,
  figures: [evaluationFigures],
  demo: { load: async (db, demo) => (await import("../../demo/evaluation")).loadDemoEvaluation(db, demo) },
};
