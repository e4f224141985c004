import type { Database } from "../../db/client";
import * as repo from "./repository";
import { notify, robotPayload, type NotifyInput } from "./service";
import type { webhookFormats } from "../../../shared/schemas/notifications";

/**
 * A notice of operational work (an event dispatched, a problem assigned …): into the recipients'
 * bells and, when the city chose this kind for its group robot, into the robot's outbox, both in the
 * caller's transaction, so nothing is seen or sent unless the change commits.
 */
export async function notifyWork(tx: Database, input: NotifyInput): Promise<number> {
  const fresh = await notify(tx, input);
  const settings = await repo.findSettings(tx, input.cityId);
  if (settings?.webhookUrl && settings.webhookKinds.includes(input.kind)) {
    await repo.enqueue(tx, {
      cityId: input.cityId,
      url: settings.webhookUrl,
      payload: robotPayload(settings.webhookFormat as (typeof webhookFormats)[number], input.title, input.body),
      dedupeKey: `${input.kind}:${input.dedupeKey}`,
      status: "pending",
      nextAttemptAt: input.at,
      createdAt: input.at,
    });
  }
  return fresh;
}
