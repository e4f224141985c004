import type { ModuleManifest } from "../../platform/modules";
import { workbenchRoutes } from "./routes";

/** Each role's workbench (工作台): its work from the other modules' lists, the most urgent first. It keeps no tables. */
export const workbenchModule: ModuleManifest = {
  name: "workbench",
  routes: workbenchRoutes,
};
