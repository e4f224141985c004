import type { ModuleManifest } from "../../platform/modules";
import { figureRoutes } from "./routes";

/** GET /api/figures: merges the figure sources of every other module's manifest. */
export const figuresModule: ModuleManifest = {
  name: "figures",
  routes: figureRoutes,
};
