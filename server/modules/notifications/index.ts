import { bellNotificationKinds } from "../../../shared/schemas/notices";
import type { ModuleManifest } from "../../platform/modules";
import { writeDailyDigests } from "./preferences";
import { notificationRoutes } from "./routes";
import { deliverDueWebhooks } from "./service";
import { webhookPolicy } from "./webhook";

/** The bell and the group-robot outbox; other modules call notify() and enqueueWebhook() inside their writes. */
export const notificationsModule: ModuleManifest = {
  name: "notifications",
  routes: notificationRoutes,
  jobs: [
    { name: "notifications.webhooks", everyMs: 5_000, run: ({ db, clock, config }) => deliverDueWebhooks(db, clock, webhookPolicy(config)) },
    { name: "notifications.digest", everyMs: 15 * 60_000, run: writeDailyDigests },
  ],
  notificationKinds: bellNotificationKinds,
};
