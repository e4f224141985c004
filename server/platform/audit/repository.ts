import { and, asc, desc, eq, gte, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { auditCheckpoints, auditLog } from "../../db/schema";
import type { Database } from "../../db/client";
import { insertUnnest } from "../../db/unnest";
import { GENESIS_HASH, chainHash, toStoredJson, type ChainedFields } from "./chain";

export type AuditRow = typeof auditLog.$inferSelect;

const CHAIN_LOCK = 74110002;
const SEAL_BATCH = 2000;

/** Inserts entries unsealed: no lock, so concurrent writers of a city never wait on each other here. */
export async function appendEntries(db: Database, entries: ChainedFields[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(auditLog).values(entries.map((entry) => ({ ...entry, before: toStoredJson(entry.before), after: toStoredJson(entry.after) })));
}

/**
 * The same append as one INSERT for a WITH clause of another statement (a batch of reports and their
 * audit rows in a single round trip). Its text does not depend on how many rows it carries.
 */
export function appendEntriesStatement(entries: ChainedFields[]): SQL {
  return insertUnnest(
    auditLog,
    ["at", "cityId", "actorUserId", "actorUsername", "nodeId", "action", "entity", "entityId", "before", "after", "ip"],
    entries.map((entry) => ({ ...entry, before: toStoredJson(entry.before), after: toStoredJson(entry.after) })),
  );
}

async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/**
 * Gives committed, unsealed entries their place in their city's chain, oldest id first, a batch at a
 * time. One sealer per city at once (a transaction-scoped advisory lock; a second sealer skips the
 * city); an entry whose transaction has not committed yet is not visible and is sealed next time.
 * Returns how many entries were sealed.
 */
export async function sealPending(db: Database): Promise<number> {
  const cities = await rows<{ city: number }>(db, sql`SELECT DISTINCT coalesce(city_id, 0)::int AS city FROM audit_log WHERE hash IS NULL`);
  let sealed = 0;
  for (const { city } of cities) {
    for (;;) {
      const count = await db.transaction(async (tx) => {
        const [lock] = await rows<{ ok: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(${CHAIN_LOCK}, ${city}::int) AS ok`);
        if (!lock?.ok) return 0;
        // Written as the chain index and the unsealed index are, so that both are used: a plain
        // city_id condition would read the city's whole history every second.
        const chain = sql`coalesce(${auditLog.cityId}, 0) = ${city}`;
        const [last] = await tx
          .select({ seq: auditLog.seq, hash: auditLog.hash })
          .from(auditLog)
          .where(and(chain, sql`${auditLog.seq} IS NOT NULL`))
          .orderBy(sql`coalesce(${auditLog.cityId}, 0) DESC`, desc(auditLog.seq))
          .limit(1);
        const pending = await tx.select().from(auditLog).where(and(chain, isNull(auditLog.hash))).orderBy(sql`coalesce(${auditLog.cityId}, 0)`, asc(auditLog.id)).limit(SEAL_BATCH);
        let prevHash = last?.hash ?? GENESIS_HASH;
        let seq = last?.seq ?? 0;
        const updates: SQL[] = [];
        for (const row of pending) {
          seq++;
          const hash = chainHash(prevHash, row);
          updates.push(sql`(${row.id}::bigint, ${seq}::bigint, ${prevHash}, ${hash})`);
          prevHash = hash;
        }
        if (updates.length > 0) {
          await tx.execute(sql`
            UPDATE audit_log SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
            FROM (VALUES ${sql.join(updates, sql`, `)}) AS v(id, seq, prev_hash, hash)
            WHERE audit_log.id = v.id`);
          await tx.insert(auditCheckpoints).values({ chain: city, seq, hash: prevHash, at: sql`now()` });
        }
        return updates.length;
      });
      sealed += count;
      if (count < SEAL_BATCH) break;
    }
  }
  return sealed;
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
  if (filter.cityId !== undefined) conditions.push(filter.cityId === null ? isNull(auditLog.cityId) : eq(auditLog.cityId, filter.cityId));
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

/** Reads every sealed entry chain by chain, in chain order, a batch at a time. */
export async function* scanChains(db: Database, batchSize = 2000): AsyncGenerator<AuditRow[]> {
  let after = { city: -1, seq: 0 };
  for (;;) {
    const batch = await db
      .select()
      .from(auditLog)
      .where(
        and(
          sql`${auditLog.seq} IS NOT NULL`,
          sql`(coalesce(${auditLog.cityId}, 0), ${auditLog.seq}) > (${after.city}::bigint, ${after.seq}::bigint)`,
        ),
      )
      .orderBy(sql`coalesce(${auditLog.cityId}, 0)`, asc(auditLog.seq))
      .limit(batchSize);
    if (batch.length === 0) return;
    yield batch;
    const last = batch[batch.length - 1]!;
    after = { city: last.cityId ?? 0, seq: last.seq! };
  }
}

export type CheckpointRow = typeof auditCheckpoints.$inferSelect;

/** Each chain's newest checkpoint. */
export async function latestCheckpoints(db: Database): Promise<CheckpointRow[]> {
  return rows<CheckpointRow>(
    db,
    sql`SELECT DISTINCT ON (chain) id, chain::int AS chain, seq::int AS seq, hash, at FROM audit_checkpoints ORDER BY chain, seq DESC`,
  );
}

/** Every checkpoint, oldest first, for the signed export. */
export async function allCheckpoints(db: Database): Promise<CheckpointRow[]> {
  return db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.chain), asc(auditCheckpoints.seq));
}

/** The hash of the entry at a chain's position, or undefined when there is none. */
export async function hashAt(db: Database, chain: number, seq: number): Promise<string | undefined> {
  const [row] = await db
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(and(sql`coalesce(${auditLog.cityId}, 0) = ${chain}`, eq(auditLog.seq, seq)));
  return row?.hash ?? undefined;
}
