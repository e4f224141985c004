import type { z } from "zod";
import type { DecideResetBody, PasswordReset, PasswordResetQuery } from "../../../shared/schemas/accounts";
import type { Actor, RequestContext } from "../context";
import { conflict, forbidden, notFound, versionConflict } from "../errors";
import { hasPermission, requirePermission } from "../policy";
import { visibleCities, visibleUser } from "./accounts";
import { accountKey } from "./lockout";
import * as repo from "./repository";
import { writeAccess } from "./session-cache";

/**
 * The second step of a guarded password reset (三员分立): the system administrator asks
 * (accounts.resetPassword), a security administrator approves or refuses. Neither can do both, nobody
 * decides a reset of their own account, and a request left a day goes stale.
 */
const STALE_AFTER_MS = 24 * 3_600_000;

type ResetRow = Awaited<ReturnType<typeof repo.searchPasswordResets>>["rows"][number];

async function present(ctx: RequestContext, actor: Actor, rows: ResetRow[]): Promise<z.infer<typeof PasswordReset>[]> {
  const names = await repo.usernames(ctx.db, rows.flatMap((row) => [row.reset.requestedBy, ...(row.reset.decidedBy ? [row.reset.decidedBy] : [])]));
  return rows.map(({ reset, username, displayName }) => {
    const decidable = reset.status === "pending" && hasPermission(actor, "security.manage") && reset.userId !== actor.userId && reset.requestedBy !== actor.userId;
    return {
      id: reset.id,
      userId: reset.userId,
      username,
      displayName,
      status: reset.status as z.infer<typeof PasswordReset>["status"],
      requestedBy: names.get(reset.requestedBy) ?? "",
      requestedAt: reset.requestedAt.toISOString(),
      decidedBy: reset.decidedBy ? (names.get(reset.decidedBy) ?? "") : null,
      decidedAt: reset.decidedAt?.toISOString() ?? null,
      version: reset.version,
      abilities: { approve: decidable, reject: decidable },
    };
  });
}

/** The resets the system and security administrators follow: the one asks, the other decides. */
function requireResetReader(ctx: RequestContext): Actor {
  const actor = requirePermission(ctx, "account.read");
  if (!hasPermission(actor, "account.manage") && !hasPermission(actor, "security.manage")) throw forbidden();
  return actor;
}

export async function listPasswordResets(ctx: RequestContext, query: z.infer<typeof PasswordResetQuery>) {
  const actor = requireResetReader(ctx);
  const { rows, total } = await repo.searchPasswordResets(ctx.db, { status: query.status, cityIds: visibleCities(actor), offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
  return { items: await present(ctx, actor, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function getPasswordReset(ctx: RequestContext, id: number) {
  const actor = requireResetReader(ctx);
  const reset = await repo.findPasswordReset(ctx.db, id);
  if (!reset) throw notFound("重置申请");
  await visibleUser(ctx, reset.userId);
  return presentOne(ctx, actor, id);
}

async function pendingReset(ctx: RequestContext, id: number) {
  const actor = requirePermission(ctx, "security.manage");
  const reset = await repo.findPasswordReset(ctx.db, id);
  if (!reset) throw notFound("重置申请");
  const { user } = await visibleUser(ctx, reset.userId);
  if (reset.userId === actor.userId) throw forbidden("不能审批自己账号的重置 (you cannot decide a reset of your own account)");
  if (reset.requestedBy === actor.userId) throw forbidden("申请人不能审批自己的申请 (the requester cannot decide it)");
  if (reset.status !== "pending") throw conflict("该申请已处理 (the request was already decided)", "not_pending");
  return { actor, reset, user };
}

async function presentOne(ctx: RequestContext, actor: Actor, resetId: number) {
  const reset = (await repo.findPasswordReset(ctx.db, resetId))!;
  const user = (await repo.findUser(ctx.db, reset.userId))!;
  return (await present(ctx, actor, [{ reset, username: user.username, displayName: user.displayName, cityId: user.cityId }]))[0]!;
}

export async function approvePasswordReset(ctx: RequestContext, id: number, body: z.infer<typeof DecideResetBody>) {
  const { actor, reset, user } = await pendingReset(ctx, id);
  const now = ctx.clock.now();
  if (now.getTime() - reset.requestedAt.getTime() > STALE_AFTER_MS) throw conflict("申请已超过24小时，请重新申请 (the request is over a day old; ask again)", "reset_stale");
  await writeAccess(ctx, async (tx, audit) => {
    const decided = await repo.decidePasswordReset(tx, id, body.version, "applied", actor.userId, now);
    if (!decided) throw versionConflict();
    await repo.setPassword(tx, reset.userId, reset.passwordHash!, now);
    await repo.revokeUserSessions(tx, reset.userId, now);
    await repo.deleteThrottles(tx, [], accountKey(user.username));
    audit({ action: "account.reset_password_approved", entity: "password_reset", entityId: id, cityId: user.cityId, after: { userId: user.id, requestedBy: reset.requestedBy } });
    audit({ action: "account.reset_password", entity: "user", entityId: user.id, cityId: user.cityId, after: { resetId: id, approval: "approved" } });
  });
  return presentOne(ctx, actor, id);
}

export async function rejectPasswordReset(ctx: RequestContext, id: number, body: z.infer<typeof DecideResetBody>) {
  const { actor, user } = await pendingReset(ctx, id);
  await writeAccess(ctx, async (tx, audit) => {
    const decided = await repo.decidePasswordReset(tx, id, body.version, "rejected", actor.userId, ctx.clock.now());
    if (!decided) throw versionConflict();
    audit({ action: "account.reset_password_rejected", entity: "password_reset", entityId: id, cityId: user.cityId, after: { userId: user.id } });
  });
  return presentOne(ctx, actor, id);
}
