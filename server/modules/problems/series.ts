import { sql } from "drizzle-orm";
import type { SeriesSource } from "../../platform/modules";
import { nodeInScope } from "../../platform/tree";

/** Problems per day in a subtree, for the trends: found that day (problems.total), closed that day (problems.closed). */
export const problemSeries: SeriesSource = {
  keys: ["problems.total", "problems.closed"],
  async daily(db, node, key, range) {
    const inNode = nodeInScope(sql`p.node_id`, { all: false, paths: [node.path] });
    // found_on is a calendar day already; closed_at is an instant, taken on Beijing's calendar.
    const day =
      key === "problems.total"
        ? { text: sql`p.found_on::text`, from: sql`p.found_on >= (${range.from}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date AND p.found_on < (${range.to}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date` }
        : { text: sql`to_char(p.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`, from: sql`p.closed_at >= ${range.from} AND p.closed_at < ${range.to}` };
    const result = await db.execute(sql`
      SELECT ${day.text} AS "day", count(*)::int AS "n"
      FROM problems p
      WHERE p.deleted_at IS NULL AND ${inNode} AND ${day.from}
      GROUP BY 1`);
    return new Map((result as unknown as { rows: { day: string; n: number }[] }).rows.map((row) => [row.day, row.n]));
  },
};
