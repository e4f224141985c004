import { eventNotificationKinds } from "../../../shared/schemas/notices";
import type { ModuleManifest } from "../../platform/modules";
import { eventSeries } from "./series";
import { eventRoutes } from "./routes";
import { retireGuard, sweepOverdueEvents } from "./service";
import { eventFigures } from "./stats";
import { eventIndicators } from "./indicators";

/** Grid events (网格事件): intake, the CJJ/T 106 workflow, summons, the public side. */
export const eventsModule: ModuleManifest = {
  name: "events",
  routes: eventRoutes,
  jobs: [{ name: "events.overdue", everyMs: 60_000, run: sweepOverdueEvents }],
  figures: [eventFigures],
  retireGuards: [retireGuard],
  notificationKinds: eventNotificationKinds,
  series: [eventSeries],
  indicators: eventIndicators,
  // After the problems: they seed the working calendar that the events' deadlines need.
  demo: { load: async (db, demo) => (await import("../../demo/events")).loadDemoEvents(db, demo) },
};
