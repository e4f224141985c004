import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { open311Keys, open311Settings } from "../../db/schema";

export type KeyRow = typeof open311Keys.$inferSelect;

export async function liveKeysOfCity(db: Database, cityId: number): Promise<KeyRow[]> {
  return db.select().from(open311Keys).where(and(eq(open311Keys.cityId, cityId), isNull(open311Keys.retiredAt)));
}

/** The cities this endpoint serves through Open311: those holding a live key. */
export async function servedCityIds(db: Database): Promise<number[]> {
  const rows = await db
    .select({ cityId: open311Keys.cityId })
    .from(open311Keys)
    .where(isNull(open311Keys.retiredAt))
    .groupBy(open311Keys.cityId)
    .orderBy(sql`1`);
  return rows.map((row) => row.cityId);
}

export async function insertKey(db: Database, values: typeof open311Keys.$inferInsert): Promise<void> {
  await db.insert(open311Keys).values(values).onConflictDoNothing();
}

export type SettingsRow = typeof open311Settings.$inferSelect;

export async function findSettings(db: Database, cityId: number): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(open311Settings).where(eq(open311Settings.cityId, cityId));
  return row;
}

/** Optimistic upsert: a missing row counts as version 1. Undefined when someone else changed it first. */
export async function saveSettings(db: Database, cityId: number, version: number, values: { publishedSources: string[]; updatedBy: number; updatedAt: Date }): Promise<SettingsRow | undefined> {
  const existing = await findSettings(db, cityId);
  if (!existing) {
    if (version !== 1) return undefined;
    const [row] = await db.insert(open311Settings).values({ cityId, ...values, version: 2 }).onConflictDoNothing().returning();
    return row;
  }
  const [row] = await db
    .update(open311Settings)
    .set({ ...values, version: sql`${open311Settings.version} + 1` })
    .where(and(eq(open311Settings.cityId, cityId), eq(open311Settings.version, version)))
    .returning();
  return row;
}
