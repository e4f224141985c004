import type { z } from "zod";
import { maskFreeText } from "../../../shared/mask";
import type { NotificationKind, NotificationQuery, UpdateSettingsBody, webhookFormats } from "../../../shared/schemas/notifications";
import type { Database } from "../../db/client";
import type { Clock } from "../../platform/clock";
import type { Actor, RequestContext } from "../../platform/context";
import { badRequest, invalidField, notFound, versionConflict } from "../../platform/errors";
import { authorizeAt, requireActor, requirePermission, scopeOf } from "../../platform/policy";
import { write } from "../../platform/write";
import * as repo from "./repository";
import { addressProblem, postJson, webhookPolicy, type WebhookPolicy } from "./webhook";

type Kind = z.infer<typeof NotificationKind>;
type Format = (typeof webhookFormats)[number];

// ---------------------------------------------------------------- sending (called by other modules inside their write)

export interface NotifyInput {
  cityId: number;
  userIds: number[];
  kind: Kind;
  title: string;
  body: string;
  link?: string | null;
  entity?: string | null;
  entityId?: string | number | null;
  /** Same key for the same user: delivered once, however often the cause is seen. */
  dedupeKey: string;
  at: Date;
}

/**
 * Puts a notification in each recipient's bell, in the caller's transaction, so it is seen only once
 * the change commits and never for a change that rolled back. Those who turned the kind off are left
 * out. Returns how many were new.
 */
export async function notify(tx: Database, input: NotifyInput): Promise<number> {
  const wanted = [...new Set(input.userIds)];
  const muted = await repo.mutedAmong(tx, wanted, input.kind);
  const userIds = wanted.filter((userId) => !muted.has(userId));
  return repo.insertNotifications(
    tx,
    userIds.map((userId) => ({
      cityId: input.cityId,
      userId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      link: input.link ?? null,
      entity: input.entity ?? null,
      entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
      dedupeKey: input.dedupeKey,
      createdAt: input.at,
    })),
  );
}

/** Group robots reject a message without their keyword; a fixed prefix is the usual keyword. */
const MESSAGE_PREFIX = "【智理】";

/** A group chat is a third party: personal numbers in a message are masked before it is queued. */
export function robotPayload(format: Format, rawTitle: string, rawText: string): Record<string, unknown> {
  const title = maskFreeText(rawTitle);
  const text = maskFreeText(rawText);
  const content = `${MESSAGE_PREFIX}${title}\n${text}`;
  switch (format) {
    case "dingtalk_text":
    case "wecom_text":
      return { msgtype: "text", text: { content } };
    case "dingtalk_markdown":
      return { msgtype: "markdown", markdown: { title: `${MESSAGE_PREFIX}${title}`, text: `### ${MESSAGE_PREFIX}${title}\n\n${text}` } };
    case "wecom_markdown":
      return { msgtype: "markdown", markdown: { content: `### ${MESSAGE_PREFIX}${title}\n${text}` } };
  }
}

/**
 * Queues a group-robot message in the caller's transaction (the outbox): it leaves only if the
 * change commits, and the worker posts it later, so the request never waits on the robot.
 * Nothing is queued when neither the city nor the environment names a robot.
 */
export async function enqueueWebhook(
  tx: Database,
  input: { cityId: number; title: string; text: string; dedupeKey?: string; at: Date; fallbackUrl: string | null },
): Promise<boolean> {
  const settings = await repo.findSettings(tx, input.cityId);
  const url = settings?.webhookUrl ?? input.fallbackUrl;
  if (!url) return false;
  const format = (settings?.webhookFormat ?? "dingtalk_text") as Format;
  return repo.enqueue(tx, {
    cityId: input.cityId,
    url,
    payload: robotPayload(format, input.title, input.text),
    dedupeKey: input.dedupeKey ?? null,
    status: "pending",
    nextAttemptAt: input.at,
    createdAt: input.at,
  });
}

// ---------------------------------------------------------------- the bell

function present(row: repo.NotificationRow) {
  return {
    id: row.id,
    kind: row.kind as Kind,
    title: row.title,
    body: row.body,
    link: row.link,
    entity: row.entity,
    entityId: row.entityId,
    read: row.readAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listNotifications(ctx: RequestContext, query: z.infer<typeof NotificationQuery>) {
  const actor = requireActor(ctx);
  const { rows, total } = await repo.listFor(ctx.db, actor.userId, query.unread === "true", (query.page - 1) * query.pageSize, query.pageSize);
  return { items: rows.map(present), total, unread: await repo.unreadCount(ctx.db, actor.userId), page: query.page, pageSize: query.pageSize };
}

export async function unreadCount(ctx: RequestContext) {
  const actor = requireActor(ctx);
  return { unread: await repo.unreadCount(ctx.db, actor.userId) };
}

/** Only one's own notifications exist for one: another user's id is a 404 like a missing one. */
export async function markRead(ctx: RequestContext, id: number) {
  const actor = requireActor(ctx);
  const row = await repo.findOwn(ctx.db, actor.userId, id);
  if (!row) throw notFound("通知");
  return write(ctx, async (tx, audit) => {
    await repo.markRead(tx, actor.userId, [id], ctx.clock.now());
    audit({ action: "notification.read", entity: "notification", entityId: id, cityId: row.cityId });
    return present({ ...row, readAt: row.readAt ?? ctx.clock.now() });
  });
}

export async function markAllRead(ctx: RequestContext) {
  const actor = requireActor(ctx);
  return write(ctx, async (tx, audit) => {
    const count = await repo.markRead(tx, actor.userId, "all", ctx.clock.now());
    audit({ action: "notification.read_all", entity: "notification", cityId: actor.cityId, after: { count } });
    return { unread: 0 };
  });
}

// ---------------------------------------------------------------- the city's robot

/** The robot's token is a secret that lets anyone post into the group: only the host is shown. */
function hideToken(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}${parsed.search ? "?…" : ""}`;
  } catch {
    return "…";
  }
}

/** The city whose robot the caller manages: the city of a node where they hold campaign.manage. */
function managedCity(ctx: RequestContext): { actor: Actor; cityId: number; rootPath: string } {
  const actor = requirePermission(ctx, "campaign.manage");
  const scope = scopeOf(actor, "campaign.manage");
  const grant = actor.grants.find((g) => g.cityId !== null && g.path !== null && (scope.all || scope.paths.includes(g.path)));
  if (!grant || grant.cityId === null || grant.path === null) throw badRequest("no city to configure");
  const rootPath = `/${grant.path.split("/")[1]}/`;
  authorizeAt(ctx, "campaign.manage", rootPath);
  return { actor, cityId: grant.cityId, rootPath };
}

function presentSettings(row: repo.SettingsRow | undefined, fallbackUrl: string | null) {
  return {
    webhookUrl: hideToken(row?.webhookUrl ?? null),
    webhookFormat: (row?.webhookFormat ?? "dingtalk_text") as Format,
    fallbackUrl: hideToken(fallbackUrl),
    webhookKinds: (row?.webhookKinds ?? []) as Kind[],
    version: row?.version ?? 1,
  };
}

export async function getSettings(ctx: RequestContext) {
  const { cityId } = managedCity(ctx);
  return presentSettings(await repo.findSettings(ctx.db, cityId), ctx.config.notifyWebhookUrl);
}

export async function updateSettings(ctx: RequestContext, body: z.infer<typeof UpdateSettingsBody>) {
  const { actor, cityId } = managedCity(ctx);
  if (body.webhookUrl) {
    const problem = await addressProblem(body.webhookUrl, webhookPolicy(ctx.config));
    if (problem) throw invalidField("webhookUrl", `${problem}: ${addressProblemText[problem as keyof typeof addressProblemText] ?? problem}`);
  }
  return write(ctx, async (tx, audit) => {
    const before = await repo.findSettings(tx, cityId);
    const row = await repo.saveSettings(tx, cityId, body.version, {
      webhookUrl: body.webhookUrl,
      webhookFormat: body.webhookFormat,
      webhookKinds: [...new Set(body.webhookKinds ?? before?.webhookKinds ?? [])],
      updatedBy: actor.userId,
      updatedAt: ctx.clock.now(),
    });
    if (!row) throw versionConflict();
    audit({
      action: "notification.settings",
      entity: "notification_settings",
      entityId: cityId,
      cityId,
      before: { webhookUrl: hideToken(before?.webhookUrl ?? null), webhookFormat: before?.webhookFormat ?? null, webhookKinds: before?.webhookKinds ?? [] },
      after: { webhookUrl: hideToken(row.webhookUrl), webhookFormat: row.webhookFormat, webhookKinds: row.webhookKinds },
    });
    return presentSettings(row, ctx.config.notifyWebhookUrl);
  });
}

const addressProblemText = {
  not_https: "只接受 https 地址 (only https addresses)",
  host_not_allowed: `只接受本市配置的机器人域名 (only the robot hosts the city configures)`,
  credentials_in_url: "地址中不能含用户名或密码 (no user name or password in the address)",
  blocked_address: "该地址指向内部网络 (the address points into the internal network)",
} as const;

export async function listOutbox(ctx: RequestContext, status?: string) {
  const { cityId } = managedCity(ctx);
  const rows = await repo.listOutbox(ctx.db, cityId, status);
  return {
    items: rows.map((row) => ({
      id: row.id,
      status: row.status as "pending" | "delivered" | "failed",
      attempts: row.attempts,
      nextAttemptAt: row.nextAttemptAt.toISOString(),
      // Only a code: a message kept before codes were introduced may carry what the remote side said.
      lastError: row.lastError === null || /^[a-z][a-z0-9_]*$/.test(row.lastError) ? row.lastError : "request_failed",
      deliveredAt: row.deliveredAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      preview: JSON.stringify(row.payload).slice(0, 200),
    })),
  };
}

// ---------------------------------------------------------------- the delivery worker

export interface DeliveryOptions {
  /** Messages per pass. */
  batch?: number;
  /** How long to wait for the robot before counting the attempt as failed. */
  timeoutMs?: number;
  /** First retry delay; each further retry doubles it, up to an hour. */
  backoffMs?: number;
  maxAttempts?: number;
}

const defaults = { batch: 20, timeoutMs: 5_000, backoffMs: 30_000, maxAttempts: 10 };

export function retryDelay(attempts: number, backoffMs = defaults.backoffMs): number {
  return Math.min(backoffMs * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * One pass of the worker: claims the due messages, posts each, and records the outcome; a failure
 * is retried after an exponential backoff until maxAttempts, then left as failed for a person to see.
 * The queue's own bookkeeping (leases, attempts) is transport state, not an official record, so it is
 * not written to the audit trail; what caused each message was audited when it was queued.
 */
export async function deliverDueWebhooks(db: Database, clock: Clock, policy: WebhookPolicy, options: DeliveryOptions = {}): Promise<{ delivered: number; failed: number; retrying: number }> {
  const settings = { ...defaults, ...options };
  const now = clock.now();
  const claimed = await repo.claimDue(db, now, new Date(now.getTime() + settings.timeoutMs * 2 + 60_000), settings.batch);
  const tally = { delivered: 0, failed: 0, retrying: 0 };
  for (const row of claimed) {
    const error = await postJson(row.url, row.payload, settings.timeoutMs, policy);
    const at = clock.now();
    if (error === null) {
      await repo.settle(db, row.id, { status: "delivered", lastError: null, deliveredAt: at });
      tally.delivered++;
    } else if (row.attempts >= settings.maxAttempts) {
      await repo.settle(db, row.id, { status: "failed", lastError: error, deliveredAt: null });
      tally.failed++;
    } else {
      await repo.settle(db, row.id, { status: "pending", nextAttemptAt: new Date(at.getTime() + retryDelay(row.attempts, settings.backoffMs)), lastError: error, deliveredAt: null });
      tally.retrying++;
    }
  }
  return tally;
}
