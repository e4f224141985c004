import type { ModuleManifest } from "../../platform/modules";
import { cadreRoutes } from "./routes";
import { figuresFor } from "./service";

/** The cadre reserve (后备干部库), rotations and returns of seconded staff, the graduates plan. */
export const cadresModule: ModuleManifest = {
  name: "cadres",
  routes: cadreRoutes,
  figures: [figuresFor],
  demo: { load: async (db, demo) => (await import("../../demo/cadres")).loadDemoCadres(db, demo) },
};
