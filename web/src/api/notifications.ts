import { z } from "zod";
import { Notification, NotificationPage, NotificationPreferences, NotificationQuery, OutboxEntry, UnreadCount, type NotificationKind } from "../../../shared/schemas/notifications";
import { request } from "./client";

export type NotificationData = z.output<typeof Notification>;
export type NotificationPageData = z.output<typeof NotificationPage>;
export type NotificationParams = Partial<z.output<typeof NotificationQuery>>;

/** The bell: one's own notifications only (another user's id is a 404). */
export const notificationsApi = {
  list: (params: NotificationParams = {}, signal?: AbortSignal) => request("GET", "/notifications", { schema: NotificationPage, query: params, signal }),
  unreadCount: (signal?: AbortSignal) => request("GET", "/notifications/unread-count", { schema: UnreadCount, signal }),
  markRead: (id: number) => request("POST", `/notifications/${id}/read`, { schema: Notification }),
  readAll: () => request("POST", "/notifications/read-all", { schema: UnreadCount }),
  /** The kinds this person hears of (each on or off). */
  preferences: (signal?: AbortSignal) => request("GET", "/notifications/preferences", { schema: NotificationPreferences, signal }),
  setPreferences: (muted: NotificationKind[]) => request("PUT", "/notifications/preferences", { schema: NotificationPreferences, body: { muted } }),
  /** The group robot's outbox: the campaign office's administrators only. */
  outbox: (status?: "pending" | "delivered" | "failed", signal?: AbortSignal) =>
    request("GET", "/notifications/outbox", { schema: z.object({ items: z.array(OutboxEntry) }), query: { status }, signal }),
};

export type OutboxEntryData = z.output<typeof OutboxEntry>;
