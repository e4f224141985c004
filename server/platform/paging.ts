import { sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { TOTAL_CAP } from "../../shared/schemas/common";
import type { Database } from "../db/client";

/**
 * The total of a list, counted up to TOTAL_CAP + 1 rows and no further: a leader's list of a
 * province has millions of matches, and counting them all costs more than the page itself, while
 * "10,000+" tells them as much. `exact` for the list behind a figure (a drill-down), which must show
 * the figure's own number whatever its size: the figure has just been counted at that cost anyway.
 */
export async function cappedTotal(db: Database, table: PgTable, where: SQL | undefined, exact = false): Promise<{ total: number; totalCapped: boolean }> {
  if (exact) {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table).where(where);
    return { total: row?.n ?? 0, totalCapped: false };
  }
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
