import type { ModuleManifest } from "../../platform/modules";
import { peopleRoutes } from "./routes";
import { figuresFor, retireGuard } from "./service";

/** Residents, households, posts (grid workers, leaders, cadres). */
export const peopleModule: ModuleManifest = {
  name: "people",
  routes: peopleRoutes,
  figures: [figuresFor],
  retireGuards: [retireGuard],
};
