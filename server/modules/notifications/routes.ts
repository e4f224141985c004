import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams } from "../../../shared/schemas/common";
import {
  Notification,
  NotificationPage,
  NotificationQuery,
  NotificationSettings,
  OutboxEntry,
  OutboxQuery,
  UnreadCount,
  NotificationPreferences,
  UpdatePreferencesBody,
  UpdateSettingsBody,
} from "../../../shared/schemas/notifications";
import { getPreferences, updatePreferences } from "./preferences";
import * as notifications from "./service";

export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["notifications"];

  api.get("/api/notifications", { schema: { tags, querystring: NotificationQuery, response: { 200: NotificationPage } } }, async (request) =>
    notifications.listNotifications(request.ctx, request.query),
  );
  api.get("/api/notifications/unread-count", { schema: { tags, response: { 200: UnreadCount } } }, async (request) => notifications.unreadCount(request.ctx));
  api.post("/api/notifications/:id/read", { schema: { tags, params: IdParams, response: { 200: Notification } } }, async (request) =>
    notifications.markRead(request.ctx, request.params.id),
  );
  api.post("/api/notifications/read-all", { schema: { tags, response: { 200: UnreadCount } } }, async (request) => notifications.markAllRead(request.ctx));
  api.get("/api/notifications/preferences", { schema: { tags, response: { 200: NotificationPreferences } } }, async (request) => getPreferences(request.ctx));
  api.put("/api/notifications/preferences", { schema: { tags, body: UpdatePreferencesBody, response: { 200: NotificationPreferences } } }, async (request) =>
    updatePreferences(request.ctx, request.body),
  );
  api.get("/api/notifications/settings", { schema: { tags, response: { 200: NotificationSettings } } }, async (request) => notifications.getSettings(request.ctx));
  api.patch("/api/notifications/settings", { schema: { tags, body: UpdateSettingsBody, response: { 200: NotificationSettings } } }, async (request) =>
    notifications.updateSettings(request.ctx, request.body),
  );
  api.get("/api/notifications/outbox", { schema: { tags, querystring: OutboxQuery, response: { 200: z.object({ items: z.array(OutboxEntry) }) } } }, async (request) =>
    notifications.listOutbox(request.ctx, request.query.status),
  );
}
