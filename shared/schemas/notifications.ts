import { z } from "zod";
import { Id, Version } from "./common";

import { campaignNotificationKinds } from "./campaign";
import { pairingNotificationKinds } from "./pairing";
import { bellNotificationKinds, eventNotificationKinds, problemNotificationKinds, reviewNotificationKinds } from "./notices";

/** Every kind a module sends (each module's manifest names its own; a test checks the two agree). */
export const notificationKinds = [
  ...campaignNotificationKinds,
  ...pairingNotificationKinds,
  ...eventNotificationKinds,
  ...problemNotificationKinds,
  ...bellNotificationKinds,
  ...reviewNotificationKinds,
] as const;
export const NotificationKind = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Notification = z.object({
  id: Id,
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
export const NotificationQuery = z.strictObject({
  unread: z.enum(["true", "false"]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const NotificationPage = z.object({ items: z.array(Notification), total: z.number().int(), unread: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const UnreadCount = z.object({ unread: z.number().int() });

/** The message formats of the DingTalk (钉钉) and WeCom (企业微信) group robots. */
export const webhookFormats = ["dingtalk_text", "dingtalk_markdown", "wecom_text", "wecom_markdown"] as const;
export const WebhookFormat = z.enum(webhookFormats);

const WebhookUrl = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((value) => /^https?:\/\//i.test(value), "an http or https address");

export const NotificationSettings = z.object({
  /** The robot's address with its token hidden: the token is a secret that posts into the group. */
  webhookUrl: z.string().nullable(),
  webhookFormat: WebhookFormat,
  /** Where messages go when the city names no address (NOTIFY_WEBHOOK_URL), also hidden. */
  fallbackUrl: z.string().nullable(),
  /** The kinds of operational work also posted to the group robot. */
  webhookKinds: z.array(NotificationKind),
  version: z.number().int(),
});
export const UpdateSettingsBody = z.strictObject({
  version: Version,
  webhookUrl: WebhookUrl.nullable(),
  webhookFormat: WebhookFormat,
  /** Left out: the kinds chosen before stay. */
  webhookKinds: z.array(NotificationKind).max(notificationKinds.length).optional(),
});

/** One person's choice of kinds: each kind on or off (daily_digest is the morning summary). */
export const NotificationPreferences = z.object({ kinds: z.array(z.object({ kind: NotificationKind, enabled: z.boolean() })) });
export const UpdatePreferencesBody = z.strictObject({ muted: z.array(NotificationKind).max(notificationKinds.length) });

export const OutboxEntry = z.object({
  id: Id,
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  /** An error code (http_500, errcode_310000, timeout, blocked_address …), never what the remote side answered. */
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  preview: z.string(),
});
export const OutboxQuery = z.strictObject({ status: z.enum(["pending", "delivered", "failed"]).optional() });
