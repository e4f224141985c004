import type { ModuleManifest } from "../../platform/modules";
import { orgRoutes } from "./routes";
import { figuresFor } from "./service";

/** The tree's editing, departments, units and party organisations. */
export const orgsModule: ModuleManifest = {
  name: "orgs",
  routes: orgRoutes,
  figures: [figuresFor],
};
