import { and, desc, eq, gte, lt, lte, asc, gt, type SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import { auditLog } from "../../db/schema";
import type { Database } from "../../db/client";
import { GENESIS_HASH, chainHash, toStoredJson, type ChainedFields } from "./chain";

export type AuditRow = typeof auditLog.$inferSelect;

const CHAIN_LOCK = 74110002;

/**
 * Appends entries to their city's chain. The advisory lock serialises appenders of one chain for the
 * rest of the transaction; callers append last, so the lock is held only until commit.
 */
export async function appendEntries(db: Database, entries: ChainedFields[]): Promise<void> {
  const byCity = new Map<number, ChainedFields[]>();
  for (const entry of entries) {
    const key = entry.cityId ?? 0;
    byCity.set(key, [...(byCity.get(key) ?? []), entry]);
  }
  for (const [cityKey, cityEntries] of [...byCity].sort(([a], [b]) => a - b)) {
    await db.execute(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK}, ${cityKey}::int)`);
    const cityCondition = cityKey === 0 ? sql`${auditLog.cityId} IS NULL` : eq(auditLog.cityId, cityKey);
    const [last] = await db.select({ hash: auditLog.hash }).from(auditLog).where(cityCondition).orderBy(desc(auditLog.id)).limit(1);
    let prevHash = last?.hash ?? GENESIS_HASH;
    const rows = cityEntries.map((entry) => {
      const stored = { ...entry, before: toStoredJson(entry.before), after: toStoredJson(entry.after) };
      const hash = chainHash(prevHash, stored);
      const row = { ...stored, prevHash, hash };
      prevHash = hash;
      return row;
    });
    await db.insert(auditLog).values(rows);
  }
}

export interface AuditFilter {
  cityId?: number | null;
  action?: string;
  entity?: string;
  actor?: string;
  from?: Date;
  to?: Date;
  beforeId?: number;
  limit: number;
}

export async function listEntries(db: Database, filter: AuditFilter): Promise<AuditRow[]> {
  const conditions: SQL[] = [];
  if (filter.cityId !== undefined) conditions.push(filter.cityId === null ? sql`${auditLog.cityId} IS NULL` : eq(auditLog.cityId, filter.cityId));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
  if (filter.actor) conditions.push(eq(auditLog.actorUsername, filter.actor));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lte(auditLog.at, filter.to));
  if (filter.beforeId) conditions.push(lt(auditLog.id, filter.beforeId));
  return db
    .select()
    .from(auditLog)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(filter.limit);
}

/** Reads the whole log in id order, a batch at a time, so verification needs little memory. */
export async function* scanEntries(db: Database, batchSize = 2000): AsyncGenerator<AuditRow[]> {
  let afterId = 0;
  for (;;) {
    const batch = await db.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(asc(auditLog.id)).limit(batchSize);
    if (batch.length === 0) return;
    yield batch;
    afterId = batch[batch.length - 1]!.id;
  }
}
