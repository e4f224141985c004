import type { z } from "zod";
import { notificationKinds, type NotificationKind, type UpdatePreferencesBody } from "../../../shared/schemas/notifications";
import { localDay, localMidnight } from "../../platform/calendar/service";
import { jobContext, type JobEnv, type RequestContext } from "../../platform/context";
import { forbidden } from "../../platform/errors";
import { requireActor } from "../../platform/policy";
import { write } from "../../platform/write";
import * as repo from "./repository";
import { notify } from "./service";

// Each person's choice of kinds, and the morning digest of what is still unread.

function present(muted: readonly string[]) {
  return { kinds: notificationKinds.map((kind) => ({ kind, enabled: !muted.includes(kind) })) };
}

export async function getPreferences(ctx: RequestContext) {
  const actor = requireActor(ctx);
  return present(await repo.mutesOf(ctx.db, actor.userId));
}

export async function updatePreferences(ctx: RequestContext, body: z.infer<typeof UpdatePreferencesBody>) {
  const actor = requireActor(ctx);
  if (actor.cityId === null) throw forbidden("系统账号不接收业务通知 (system accounts receive no notifications)");
  const cityId = actor.cityId;
  const muted = [...new Set(body.muted)];
  return write(ctx, async (tx, audit) => {
    const before = await repo.mutesOf(tx, actor.userId);
    await repo.replaceMutes(tx, cityId, actor.userId, muted, ctx.clock.now());
    audit({ action: "notification.preferences", entity: "user", entityId: actor.userId, cityId, before: { muted: before }, after: { muted } });
    return present(muted);
  });
}

/** The hour (city time) from which the day's digest is written. */
export const DIGEST_HOUR = 8;
const kindLabels: Record<NotificationKind, string> = {
  deadline_approaching: "临近时限",
  project_late: "项目逾期",
  project_escalated: "升级督办",
  report_returned: "报告退回",
  claim_returned: "申报退回",
  conflict_high_risk: "高风险矛盾隐患",
  event_dispatched: "事件派遣",
  event_refused: "事件退回派遣",
  event_summoned: "吹哨召集",
  event_returned: "事件返工",
  event_overdue: "事件超时",
  problem_assigned: "问题交办",
  problem_returned: "整改退回",
  problem_overdue: "问题逾期",
  problem_closed: "问题销号",
  daily_digest: "每日摘要",
  claim_approved: "领题通过",
  report_accepted: "报告通过",
};

/**
 * Once a day after DIGEST_HOUR, each person with unread notifications from the last day gets one
 * digest in the bell counting them by kind (once: the day is its dedupe key). Those who turned the
 * digest off get none.
 */
export async function writeDailyDigests(env: JobEnv): Promise<number> {
  const now = env.clock.now();
  const day = localDay(now);
  if (now.getTime() < localMidnight(day).getTime() + DIGEST_HOUR * 3_600_000) return 0;
  const rows = await repo.unreadSince(env.db, new Date(now.getTime() - 86_400_000), "daily_digest");
  if (rows.length === 0) return 0;
  const byUser = new Map<number, { cityId: number; parts: string[]; total: number }>();
  for (const row of rows) {
    const entry = byUser.get(row.userId) ?? { cityId: row.cityId, parts: [], total: 0 };
    entry.parts.push(`${kindLabels[row.kind as NotificationKind] ?? row.kind} ${row.n}`);
    entry.total += row.n;
    byUser.set(row.userId, entry);
  }
  return write(jobContext(env), async (tx, audit) => {
    let written = 0;
    for (const [userId, entry] of byUser) {
      written += await notify(tx, {
        cityId: entry.cityId,
        userIds: [userId],
        kind: "daily_digest",
        title: `每日摘要：${entry.total} 条未读`,
        body: entry.parts.join("，"),
        link: "/",
        dedupeKey: `daily_digest:${day}`,
        at: now,
      });
    }
    audit({ action: "notification.digest", entity: "notification", after: { day, written } });
    return written;
  });
}
