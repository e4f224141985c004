import type { Database } from "../db/client";
import type { RequestContext, Tx } from "./context";
import { auditRows, recordAudit, storeAuditRows, type AuditInput, type AuditRowInput } from "./audit/service";

export type Audit = (entry: AuditInput) => void;
type Change<T> = (tx: Tx, audit: Audit) => Promise<T>;

/**
 * The only way a service changes data: one transaction, and the audit entries the change declares,
 * appended last in the same transaction. A write that declares no entry is a programming error and rolls back.
 *
 * Writes that arrive while others are committing share a transaction (group commit): a commit costs
 * the database far more than the few rows of a report, so under load a batch of changes runs one
 * after another in one transaction, exactly as if they ran serially, and commits once. If any change
 * of a batch fails, the batch rolls back and each of its changes runs again in a transaction of its
 * own, so a change never fails, nor succeeds, because of another one.
 */
export async function write<T>(ctx: RequestContext, change: Change<T>): Promise<T> {
  const result = await committerOf(ctx).submit(ctx, change);
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

interface Pending {
  ctx: RequestContext;
  change: Change<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** One change and the audit rows it declared, or the reason it declared none. */
async function runChange(tx: Tx, item: Pending): Promise<{ value: unknown; rows: AuditRowInput[] }> {
  const entries: AuditInput[] = [];
  const value = await item.change(tx, (entry) => entries.push(entry));
  if (entries.length === 0) throw new Error("a write must record at least one audit entry");
  return { value, rows: auditRows(auditMeta(item.ctx), entries) };
}

class Committer {
  private readonly queue: Pending[] = [];
  private lanes = 0;

  constructor(
    private readonly db: Database,
    private readonly maxLanes: number,
    private readonly maxBatch: number,
  ) {}

  submit<T>(ctx: RequestContext, change: Change<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ ctx, change: change as Change<unknown>, resolve: resolve as (value: unknown) => void, reject });
      if (this.lanes < this.maxLanes) {
        this.lanes++;
        void this.drain();
      }
    });
  }

  /** A lane takes whatever has queued up, so a lone write goes at once and waits for nobody. */
  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        if (batch.length === 1) await this.alone(batch[0]!);
        else await this.together(batch);
      }
    } finally {
      this.lanes--;
    }
  }

  private async alone(item: Pending): Promise<void> {
    try {
      const value = await this.db.transaction(async (tx) => {
        const { value: result, rows } = await runChange(tx, item);
        await storeAuditRows(tx, rows);
        return result;
      });
      item.resolve(value);
    } catch (error) {
      item.reject(error);
    }
  }

  private async together(batch: Pending[]): Promise<void> {
    let values: unknown[];
    try {
      values = await this.db.transaction(async (tx) => {
        const results: unknown[] = [];
        const rows: AuditRowInput[] = [];
        for (const item of batch) {
          const done = await runChange(tx, item);
          results.push(done.value);
          rows.push(...done.rows);
        }
        await storeAuditRows(tx, rows);
        return results;
      });
    } catch {
      for (const item of batch) await this.alone(item);
      return;
    }
    batch.forEach((item, index) => item.resolve(values[index]));
  }
}

const committers = new WeakMap<Database, Committer>();

function committerOf(ctx: RequestContext): Committer {
  let committer = committers.get(ctx.db);
  if (!committer) {
    committer = new Committer(ctx.db, ctx.config.writeLanes, ctx.config.writeBatch);
    committers.set(ctx.db, committer);
  }
  return committer;
}
