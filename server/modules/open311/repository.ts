import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { open311Keys } from "../../db/schema";

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
