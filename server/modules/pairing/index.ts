import { pairingNotificationKinds } from "../../../shared/schemas/pairing";
import type { ModuleManifest } from "../../platform/modules";
import { openFromGridEvent } from "./conflicts";
import { figuresFor } from "./figures";
import { pairingIndicators } from "./indicators";
import { pairingRoutes } from "./routes";

/** Household pairing and visits (包村联户), the conflict and hazard register (矛盾隐患), party members in service (党员下沉). */
export const pairingModule: ModuleManifest = {
  name: "pairing",
  routes: pairingRoutes,
  figures: [figuresFor],
  indicators: pairingIndicators,
  notificationKinds: pairingNotificationKinds,
  conflictEventHooks: [openFromGridEvent],
  // After the events: the register takes in the demo's conflict-type grid events.
  demo: { load: async (db, demo) => (await import("../../demo/pairing")).loadDemoPairing(db, demo) },
};
