import type { ModuleManifest } from "../../platform/modules";
import { exportRoutes } from "./routes";

/** Paper and spreadsheets: A4 督办单 of one problem or event, .xlsx of the lists. It keeps no tables. */
export const exportsModule: ModuleManifest = {
  name: "exports",
  routes: exportRoutes,
};
