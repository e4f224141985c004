import type { RequestContext, Tx } from "./context";
import { recordAudit, type AuditInput } from "./audit/service";

export type Audit = (entry: AuditInput) => void;

/**
 * The only way a service changes data: one transaction, and the audit entries the change declares,
 * appended last in the same transaction. A write that declares no entry is a programming error and rolls back.
 */
export async function write<T>(ctx: RequestContext, change: (tx: Tx, audit: Audit) => Promise<T>): Promise<T> {
  const result = await ctx.db.transaction(async (tx) => {
    const entries: AuditInput[] = [];
    const value = await change(tx, (entry) => entries.push(entry));
    if (entries.length === 0) throw new Error("a write must record at least one audit entry");
    await recordAudit(tx, auditMeta(ctx), entries);
    return value;
  });
  ctx.audited = true;
  return result;
}

/** For events that must be recorded even though the request fails (a wrong password). */
export async function auditOnly(ctx: RequestContext, entry: AuditInput, actor?: { userId: number; username: string }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await recordAudit(tx, { ...auditMeta(ctx), ...(actor ? { actorUserId: actor.userId, actorUsername: actor.username } : {}) }, [entry]);
  });
  ctx.audited = true;
}

function auditMeta(ctx: RequestContext) {
  return {
    at: ctx.clock.now(),
    actorUserId: ctx.actor?.userId ?? null,
    actorUsername: ctx.actor?.username ?? null,
    ip: ctx.ip,
  };
}
