import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import { errorFromResponse, getCsrfToken } from "../api/client";

/**
 * 待发送: changes made on a phone are kept on the device (IndexedDB) with an Idempotency-Key and sent
 * when the network allows, in the order they were made. The key is what makes a retry safe: a request
 * the server finished but whose answer was lost is answered again, never made twice. A change the
 * server refuses because the record changed meanwhile (409) stays on the device as a conflict, shown,
 * never pushed over what is there now.
 */
export interface OutboxItem {
  id?: number;
  key: string;
  /** API path after /api, e.g. "/events". */
  path: string;
  body: unknown;
  /** What the person sees in the list ("上报：道路破损"). */
  label: string;
  createdAt: string;
  state: "pending" | "conflict" | "failed";
  error?: string;
}

interface OutboxDb extends DBSchema {
  outbox: { key: number; value: OutboxItem };
}

export interface Delivered {
  item: OutboxItem;
  answer: unknown;
}

let dbPromise: Promise<IDBPDatabase<OutboxDb>> | null = null;
const db = () => (dbPromise ??= openDB<OutboxDb>("zhili-outbox", 1, { upgrade: (database) => database.createObjectStore("outbox", { keyPath: "id", autoIncrement: true }) }));

const listeners = new Set<() => void>();
const deliveredListeners = new Set<(delivered: Delivered) => void>();
const changed = () => listeners.forEach((listener) => listener());

export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export function onDelivered(listener: (delivered: Delivered) => void): () => void {
  deliveredListeners.add(listener);
  return () => deliveredListeners.delete(listener);
}

export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // crypto.randomUUID needs a secure context; an intranet server over plain http still has getRandomValues.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export async function outboxItems(): Promise<OutboxItem[]> {
  return (await db()).getAll("outbox");
}

export async function discard(id: number): Promise<void> {
  await (await db()).delete("outbox", id);
  changed();
}

/** Keeps the change on the device, then tries to send everything waiting. */
export async function enqueue(item: Pick<OutboxItem, "path" | "body" | "label">): Promise<OutboxItem> {
  const stored: OutboxItem = { ...item, key: newIdempotencyKey(), createdAt: new Date().toISOString(), state: "pending" };
  stored.id = await (await db()).add("outbox", stored);
  changed();
  return stored;
}

type Outcome = "sent" | "offline" | "kept";

async function sendOne(item: OutboxItem): Promise<Outcome> {
  let response: Response;
  try {
    const headers: Record<string, string> = { accept: "application/json", "content-type": "application/json", "idempotency-key": item.key };
    const csrf = getCsrfToken();
    if (csrf) headers["x-csrf-token"] = csrf;
    response = await fetch(`/api${item.path}`, { method: "POST", headers, body: JSON.stringify(item.body), credentials: "same-origin" });
  } catch {
    return "offline";
  }
  const text = await response.text();
  let payload: unknown = null;
  try {
    payload = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    payload = text;
  }
  const database = await db();
  if (response.ok) {
    await database.delete("outbox", item.id!);
    deliveredListeners.forEach((listener) => listener({ item, answer: payload }));
    return "sent";
  }
  // Signed out, or the server is unwell: keep it as it is and try later.
  if (response.status === 401 || response.status === 429 || response.status >= 500) return "offline";
  const error = errorFromResponse(response.status, payload, null);
  await database.put("outbox", { ...item, state: response.status === 409 ? "conflict" : "failed", error: error.message });
  return "kept";
}

let flushing: Promise<void> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
const RETRY_MS = 4000;

/** Sends what waits, one at a time and in order; stops at the first network failure and retries later. */
export function flush(): Promise<void> {
  flushing ??= (async () => {
    try {
      for (const item of await outboxItems()) {
        if (item.state !== "pending") continue;
        const outcome = await sendOne(item);
        changed();
        if (outcome === "offline") {
          if (retryTimer) clearTimeout(retryTimer);
          retryTimer = setTimeout(() => void flush(), RETRY_MS);
          return;
        }
      }
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

let started = false;
/** Sends on start, whenever the browser comes back online, and from the retry timer. */
export function startOutbox(): void {
  if (started || typeof window === "undefined" || !("indexedDB" in window)) return;
  started = true;
  window.addEventListener("online", () => void flush());
  void flush();
}
