import type { ModuleManifest } from "../../platform/modules";
import { open311Routes } from "./routes";

/** The Open311 GeoReport v2 port: third-party clients report and follow events through it. */
export const open311Module: ModuleManifest = {
  name: "open311",
  routes: open311Routes,
};
