import type { ModuleManifest } from "../../platform/modules";
import { examFigures } from "./exams";
import { trainingIndicators } from "./indicators";
import { trainingRoutes } from "./routes";
import { sessionFigures } from "./sessions";

/** Training (培根铸魂 "二三四五一"): classrooms, teachers, plans, sessions and attendance; the competency test. */
export const trainingModule: ModuleManifest = {
  name: "training",
  routes: trainingRoutes,
  figures: [sessionFigures, examFigures],
  indicators: trainingIndicators,
  demo: { load: async (db, demo) => (await import("../../demo/training")).loadDemoTraining(db, demo) },
};
