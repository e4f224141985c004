import { and, asc, desc, eq, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import { notificationMutes, notificationSettings, notifications, webhookOutbox } from "../../db/schema";

export type NotificationRow = typeof notifications.$inferSelect;
export type SettingsRow = typeof notificationSettings.$inferSelect;
export type OutboxRow = typeof webhookOutbox.$inferSelect;

/** Rows whose (user, dedupe key) already exist are skipped, which is what makes repeated sweeps harmless. */
export async function insertNotifications(db: Database, rows: (typeof notifications.$inferInsert)[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db.insert(notifications).values(rows).onConflictDoNothing().returning({ id: notifications.id });
  return inserted.length;
}

function ownWhere(userId: number, unreadOnly: boolean): SQL {
  return and(eq(notifications.userId, userId), unreadOnly ? isNull(notifications.readAt) : undefined)!;
}

export async function listFor(db: Database, userId: number, unreadOnly: boolean, offset: number, limit: number) {
  const rows = await db
    .select()
    .from(notifications)
    .where(ownWhere(userId, unreadOnly))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .offset(offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(ownWhere(userId, unreadOnly));
  return { rows, total: count?.n ?? 0 };
}

export async function unreadCount(db: Database, userId: number): Promise<number> {
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(ownWhere(userId, true));
  return count?.n ?? 0;
}

export async function findOwn(db: Database, userId: number, id: number): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notifications).where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  return row;
}

export async function markRead(db: Database, userId: number, ids: number[] | "all", at: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids === "all" ? undefined : inArray(notifications.id, ids)))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function findSettings(db: Database, cityId: number): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.cityId, cityId));
  return row;
}

/** Optimistic upsert: a missing row counts as version 1. Undefined when someone else changed it first. */
export async function saveSettings(
  db: Database,
  cityId: number,
  version: number,
  values: { webhookUrl: string | null; webhookFormat: string; webhookKinds: string[]; updatedBy: number; updatedAt: Date },
): Promise<SettingsRow | undefined> {
  const existing = await findSettings(db, cityId);
  if (!existing) {
    if (version !== 1) return undefined;
    const [row] = await db.insert(notificationSettings).values({ cityId, ...values, version: 2 }).onConflictDoNothing().returning();
    return row;
  }
  const [row] = await db
    .update(notificationSettings)
    .set({ ...values, version: sql`${notificationSettings.version} + 1` })
    .where(and(eq(notificationSettings.cityId, cityId), eq(notificationSettings.version, version)))
    .returning();
  return row;
}

export async function enqueue(db: Database, row: typeof webhookOutbox.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(webhookOutbox).values(row).onConflictDoNothing().returning({ id: webhookOutbox.id });
  return inserted.length > 0;
}

/**
 * Takes up to `limit` due messages for this worker: SKIP LOCKED lets several processes claim
 * different rows at once, and the lease (locked_until) keeps a row from being posted twice while
 * one worker is still waiting on the robot; a worker that died simply lets its lease run out.
 */
export async function claimDue(db: Database, now: Date, leaseUntil: Date, limit: number): Promise<OutboxRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookOutbox.id })
      .from(webhookOutbox)
      .where(
        and(
          eq(webhookOutbox.status, "pending"),
          lte(webhookOutbox.nextAttemptAt, now),
          or(isNull(webhookOutbox.lockedUntil), lte(webhookOutbox.lockedUntil, now)),
        ),
      )
      .orderBy(asc(webhookOutbox.nextAttemptAt), asc(webhookOutbox.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(webhookOutbox)
      .set({ lockedUntil: leaseUntil, attempts: sql`${webhookOutbox.attempts} + 1` })
      .where(inArray(webhookOutbox.id, due.map((row) => row.id)))
      .returning();
  });
}

export async function settle(
  db: Database,
  id: number,
  outcome: { status: "pending" | "delivered" | "failed"; nextAttemptAt?: Date; lastError: string | null; deliveredAt: Date | null },
): Promise<void> {
  await db
    .update(webhookOutbox)
    .set({ ...outcome, lockedUntil: null })
    .where(eq(webhookOutbox.id, id));
}

export async function listOutbox(db: Database, cityId: number, status: string | undefined) {
  return db
    .select()
    .from(webhookOutbox)
    .where(and(eq(webhookOutbox.cityId, cityId), status ? eq(webhookOutbox.status, status) : undefined))
    .orderBy(desc(webhookOutbox.id))
    .limit(200);
}

// ---------------------------------------------------------------- each person's choice of kinds

/** Those among userIds who turned this kind off. */
export async function mutedAmong(db: Database, userIds: number[], kind: string): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ userId: notificationMutes.userId })
    .from(notificationMutes)
    .where(and(inArray(notificationMutes.userId, userIds), eq(notificationMutes.kind, kind)));
  return new Set(rows.map((row) => row.userId));
}

export async function mutesOf(db: Database, userId: number): Promise<string[]> {
  const rows = await db.select({ kind: notificationMutes.kind }).from(notificationMutes).where(eq(notificationMutes.userId, userId));
  return rows.map((row) => row.kind);
}

export async function replaceMutes(db: Database, cityId: number, userId: number, kinds: readonly string[], at: Date): Promise<void> {
  await db.delete(notificationMutes).where(eq(notificationMutes.userId, userId));
  if (kinds.length) await db.insert(notificationMutes).values(kinds.map((kind) => ({ cityId, userId, kind, createdAt: at })));
}

/** Who has unread notifications (other than digests) created since a moment, with their counts by kind. */
export async function unreadSince(db: Database, since: Date, digestKind: string) {
  return db
    .select({ cityId: notifications.cityId, userId: notifications.userId, kind: notifications.kind, n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(isNull(notifications.readAt), sql`${notifications.createdAt} >= ${since}`, sql`${notifications.kind} <> ${digestKind}`))
    .groupBy(notifications.cityId, notifications.userId, notifications.kind)
    .orderBy(asc(notifications.userId), asc(notifications.kind));
}
