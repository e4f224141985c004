import { campaignNotificationKinds } from "../../../shared/schemas/campaign";
import { reviewNotificationKinds } from "../../../shared/schemas/notices";
import type { ModuleManifest } from "../../platform/modules";
import { campaignIndicators } from "./indicators";
import { campaignRoutes } from "./routes";
import { figuresFor } from "./service";
import { sweepLateProjects } from "./sweep";

/** The campaign, its plan, task forces, topics and claims, projects and reports (专项行动). */
export const campaignModule: ModuleManifest = {
  name: "campaign",
  routes: campaignRoutes,
  jobs: [{ name: "campaign.late", everyMs: 10 * 60_000, run: sweepLateProjects }],
  figures: [figuresFor],
  indicators: campaignIndicators,
  notificationKinds: [...campaignNotificationKinds, ...reviewNotificationKinds],
  demo: { load: async (db, demo) => (await import("../../demo/campaign")).loadDemoCampaign(db, demo) },
};
