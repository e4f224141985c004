import { problemNotificationKinds } from "../../../shared/schemas/notices";
import type { ModuleManifest } from "../../platform/modules";
import { problemSeries } from "./series";
import { problemRoutes } from "./routes";
import { figuresFor, retireGuard, sweepOverdue } from "./service";
import { problemIndicators } from "./indicators";

/** Clues, problem lists and their rectification (问题清单). */
export const problemsModule: ModuleManifest = {
  name: "problems",
  routes: problemRoutes,
  jobs: [{ name: "problems.overdue", everyMs: 60_000, run: ({ db, clock }) => sweepOverdue(db, clock) }],
  figures: [figuresFor],
  retireGuards: [retireGuard],
  notificationKinds: problemNotificationKinds,
  series: [problemSeries],
  indicators: problemIndicators,
  demo: { load: async (db, demo) => (await import("../../demo/problems")).loadDemoProblems(db, demo) },
};
