import type { Database } from "../db/client";
import type { RequestContext, Tx } from "./context";
import type { SQL } from "drizzle-orm";
import { observeWriteBatch } from "./metrics";
import { publishChanges } from "./changes";
import { recordOutcome, revive } from "./idempotency";
import { auditRows, auditRowsStatement, recordAudit, storeAuditRows, type AuditInput, type AuditRowInput } from "./audit/service";

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
  const recovered = recoveredOutcome<T>(ctx);
  if (recovered) return recovered.value;
  const result = await committerOf(ctx).submit(ctx, change);
  ctx.audited = true;
  if (ctx.idempotency) ctx.idempotency.written++;
  return result;
}

/** The outcome an earlier, unanswered run with the same key committed for this write, if there is one. */
function recoveredOutcome<T>(ctx: RequestContext): { value: T } | null {
  const hold = ctx.idempotency;
  if (!hold || hold.written >= hold.recovered.length) return null;
  const value = revive(hold.recovered[hold.written++]) as T;
  // The earlier run's audit entry stands for this write.
  ctx.audited = true;
  return { value };
}

/** For events that must be recorded even though the request fails (a wrong password). */
export async function auditOnly(ctx: RequestContext, entry: AuditInput): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await recordAudit(tx, auditMeta(ctx), [entry]);
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
  if (item.ctx.idempotency) await recordOutcome(tx, item.ctx.idempotency, value);
  return { value, rows: auditRows(auditMeta(item.ctx), entries) };
}

/**
 * Work that queues while `maxLanes` flushes are under way, taken up to `maxBatch` at a time: a lane
 * takes whatever has queued up, so a lone write goes at once and waits for nobody.
 */
class Lanes<T> {
  private readonly queue: T[] = [];
  private lanes = 0;

  constructor(
    private readonly maxLanes: number,
    private readonly maxBatch: number,
    private readonly flush: (batch: T[]) => Promise<void>,
  ) {}

  add(item: T): void {
    this.queue.push(item);
    if (this.lanes < this.maxLanes) {
      this.lanes++;
      void this.drain();
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.flush(this.queue.splice(0, this.maxBatch));
    } finally {
      this.lanes--;
    }
  }
}

class Committer {
  private readonly lanes: Lanes<Pending>;

  constructor(
    private readonly db: Database,
    maxLanes: number,
    maxBatch: number,
  ) {
    this.lanes = new Lanes(maxLanes, maxBatch, (batch) => {
      observeWriteBatch("transaction", batch.length);
      return batch.length === 1 ? this.alone(batch[0]!) : this.together(batch);
    });
  }

  submit<T>(ctx: RequestContext, change: Change<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.lanes.add({ ctx, change: change as Change<unknown>, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  private async alone(item: Pending): Promise<void> {
    try {
      const { value, rows } = await this.db.transaction(async (tx) => {
        const done = await runChange(tx, item);
        await storeAuditRows(tx, done.rows);
        return done;
      });
      publishChanges(this.db, rows);
      item.resolve(value);
    } catch (error) {
      item.reject(error);
    }
  }

  private async together(batch: Pending[]): Promise<void> {
    let values: unknown[];
    const rows: AuditRowInput[] = [];
    try {
      values = await this.db.transaction(async (tx) => {
        const results: unknown[] = [];
        rows.length = 0;
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
    publishChanges(this.db, rows);
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

/**
 * A write that is a single statement whatever the number of requests it carries: the statement
 * inserts every item's rows and, in its WITH clause, `audit` (the INSERT of their audit entries),
 * and returns one result per item in their order. One statement is one transaction, so a batch costs
 * one round trip instead of a BEGIN, one per request, the audit rows and a COMMIT. Intake, the
 * busiest write, goes this way.
 */
export interface BatchStatement<I, O> {
  run(db: Database, items: readonly I[], audit: SQL): Promise<O[]>;
}

interface PendingItem {
  item: unknown;
  rows: AuditRowInput[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Writes `item` with the audit entries it declares, batched with whatever other requests of the same
 * statement arrive meanwhile. As with write(), a failed batch is run again item by item, so an item
 * never fails, nor succeeds, because of another one.
 */
export async function writeBatched<I, O>(ctx: RequestContext, statement: BatchStatement<I, O>, item: I, entries: AuditInput[]): Promise<O> {
  if (entries.length === 0) throw new Error("a write must record at least one audit entry");
  const recovered = recoveredOutcome<O>(ctx);
  if (recovered) return recovered.value;
  const rows = auditRows(auditMeta(ctx), entries);
  const hold = ctx.idempotency;
  let result: O;
  if (hold) {
    // A keyed request records its outcome in the statement's transaction, so it goes alone, not in a batch.
    result = await ctx.db.transaction(async (tx) => {
      const [own] = await statement.run(tx, [item], auditRowsStatement(rows));
      await recordOutcome(tx, hold, own);
      return own!;
    });
    publishChanges(ctx.db, rows);
    hold.written++;
  } else {
    result = await new Promise<O>((resolve, reject) => {
      statementLanesOf(ctx, statement as BatchStatement<unknown, unknown>).add({ item, rows, resolve: resolve as (value: unknown) => void, reject });
    });
  }
  ctx.audited = true;
  return result;
}

const statementLanes = new WeakMap<Database, Map<BatchStatement<unknown, unknown>, Lanes<PendingItem>>>();

function statementLanesOf(ctx: RequestContext, statement: BatchStatement<unknown, unknown>): Lanes<PendingItem> {
  const db = ctx.db;
  let byStatement = statementLanes.get(db);
  if (!byStatement) {
    byStatement = new Map();
    statementLanes.set(db, byStatement);
  }
  let lanes = byStatement.get(statement);
  if (!lanes) {
    const flush = async (batch: PendingItem[]): Promise<void> => {
      observeWriteBatch("statement", batch.length);
      try {
        const rows = batch.flatMap((pending) => pending.rows);
        const results = await statement.run(db, batch.map((pending) => pending.item), auditRowsStatement(rows));
        publishChanges(db, rows);
        batch.forEach((pending, index) => pending.resolve(results[index]));
      } catch (error) {
        if (batch.length === 1) batch[0]!.reject(error);
        else for (const pending of batch) await flush([pending]);
      }
    };
    lanes = new Lanes(ctx.config.statementLanes, ctx.config.writeBatch, flush);
    byStatement.set(statement, lanes);
  }
  return lanes;
}
