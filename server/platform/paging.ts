import { sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { TOTAL_CAP } from "../../shared/schemas/common";
import type { Database } from "../db/client";
import { keptStore } from "./kept";

/**
 * The total of a list, counted up to TOTAL_CAP + 1 rows and no further: a leader's list of a
 * province has millions of matches, and counting them all costs more than the page itself, while
 * "10,000+" tells them as much. `exact` for the list behind a figure (a drill-down), which must show
 * the figure's own number whatever its size: the figure has just been counted at that cost anyway.
 */
export async function cappedTotal(db: Database, table: PgTable, whereOrBuild: SQL | undefined | (() => SQL), exact = false, kept?: KeptTotal): Promise<{ total: number; totalCapped: boolean }> {
  // Built only when counted: a kept total needs no conditions.
  const where = () => (typeof whereOrBuild === "function" ? whereOrBuild() : whereOrBuild);
  if (exact) {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table).where(where());
    return { total: row?.n ?? 0, totalCapped: false };
  }
  if (!kept) return countCapped(db, table, where());
  const store = keptStore<string, { cityId: number | null; total: number; totalCapped: boolean }>(db, "list_totals", { entities: "any", keepMs: 60_000, atMost: 10_000 });
  const found = await store.read(kept.key, (entry) => entry.cityId, async () => ({ cityId: kept.cityId, ...(await countCapped(db, table, where())) }));
  return { total: found!.total, totalCapped: found!.totalCapped };
}

/**
 * A list's total to keep between requests (paging through a list, or many screens on one list): any
 * change committed in `cityId` (null: in any city) drops it (platform/kept.ts). Only for filters the
 * clock does not move (a traffic light turns red with no write), and `key` must name the whole filter,
 * the caller's reach included.
 */
export interface KeptTotal {
  cityId: number | null;
  key: string;
}

async function countCapped(db: Database, table: PgTable, where: SQL | undefined): Promise<{ total: number; totalCapped: boolean }> {
  const matches = db
    .select({ one: sql`1`.as("one") })
    .from(table)
    .where(where)
    .limit(TOTAL_CAP + 1)
    .as("capped");
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(matches);
  const n = row?.n ?? 0;
  return n > TOTAL_CAP ? { total: TOTAL_CAP, totalCapped: true } : { total: n, totalCapped: false };
}

/**
 * A page fetched one row long, so the caller knows whether another follows without counting: the
 * page and the cursor of the next one (the id of its last row), or null at the end.
 */
export function keysetPage<T extends { id: number }>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: String(page[page.length - 1]!.id) };
}
