import { ApiError } from "../../api/client";
import { discard, enqueue, flush, onDelivered, outboxItems } from "../../lib/outbox";

/** Thrown by a step that was kept on the device instead of sent: the page says so and moves on. */
export class QueuedOffline extends Error {
  constructor() {
    super("queued");
    this.name = "QueuedOffline";
  }
}

/** Sends now, or keeps the change for later and throws `QueuedOffline`. */
export async function sendOrQueue<T>(path: string, body: unknown, label: string): Promise<T> {
  const outcome = await sendThroughOutbox<T>(path, body, label);
  if (outcome.status === "queued") throw new QueuedOffline();
  return outcome.answer;
}

export type SendOutcome<T> = { status: "sent"; answer: T } | { status: "queued" };

/**
 * Puts a change in the outbox and sends it at once if the network allows. Sent: its answer. No network
 * (or the answer was lost): it waits, queued. Refused (a 400 or a 409 while online): the change leaves the
 * outbox and the refusal is thrown, so the form shows it as it would any error.
 */
export async function sendThroughOutbox<T>(path: string, body: unknown, label: string): Promise<SendOutcome<T>> {
  let answer: { value: unknown } | null = null;
  let key = "";
  const stop = onDelivered((delivered) => {
    if (delivered.item.key === key) answer = { value: delivered.answer };
  });
  try {
    const item = await enqueue({ path, body, label });
    key = item.key;
    await flush();
    // A send already under way may have read the queue before this change was in it.
    if (!answer && (await outboxItems()).some((waiting) => waiting.id === item.id && waiting.state === "pending")) await flush();
    if (answer) return { status: "sent", answer: (answer as { value: unknown }).value as T };
    const left = (await outboxItems()).find((waiting) => waiting.id === item.id);
    if (left && left.state !== "pending") {
      await discard(item.id!);
      throw new ApiError({ status: left.state === "conflict" ? 409 : 400, code: left.state, message: left.error ?? left.state });
    }
    return { status: "queued" };
  } finally {
    stop();
  }
}
