import type { z } from "zod";
import type { LoginAttempt, LoginAttemptQuery, LoginLock } from "../../../shared/schemas/accounts";
import type { RequestContext } from "../context";
import { notFound } from "../errors";
import { requirePermission } from "../policy";
import * as repo from "./repository";
import { write } from "../write";

/** The security administrator's view of sign-ins: every attempt, and the locks running now. */
export async function listLoginAttempts(ctx: RequestContext, query: z.infer<typeof LoginAttemptQuery>) {
  requirePermission(ctx, "security.manage");
  const { rows, total } = await repo.searchLoginAttempts(ctx.db, { username: query.username, ip: query.ip, outcome: query.outcome, offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
  const items: z.infer<typeof LoginAttempt>[] = rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    username: row.username,
    accountExists: row.userId !== null,
    ip: row.ip,
    outcome: row.outcome as z.infer<typeof LoginAttempt>["outcome"],
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

function kindOf(key: string): z.infer<typeof LoginLock>["kind"] {
  if (key.startsWith("ip:")) return "address";
  return key.endsWith("|") ? "account" : "account_address";
}

export async function listLoginLocks(ctx: RequestContext) {
  requirePermission(ctx, "security.manage");
  const rows = await repo.activeLocks(ctx.db, ["user:", "ip:"], ctx.clock.now());
  return { items: rows.map((row) => ({ key: row.key, kind: kindOf(row.key), lockedUntil: row.lockedUntil!.toISOString(), locks: row.locks })) };
}

/** Ends one running lock (an address, or a name from an address); locks of an account end with its unlock. */
export async function clearLoginLock(ctx: RequestContext, key: string) {
  requirePermission(ctx, "security.manage");
  const [running] = (await repo.activeLocks(ctx.db, [key], ctx.clock.now())).filter((row) => row.key === key);
  if (!running) throw notFound("锁定");
  await write(ctx, async (tx, audit) => {
    await repo.deleteThrottles(tx, [key]);
    audit({ action: "auth.lock_cleared", entity: "login_lock", entityId: key, cityId: null, after: { key, lockedUntil: running.lockedUntil } });
  });
  return { ok: true as const };
}
