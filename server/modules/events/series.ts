import { sql, type SQL } from "drizzle-orm";
import type { SeriesSource } from "../../platform/modules";
import { nodeInScope } from "../../platform/tree";
import { rows } from "./repository";

/** The instant each series counts an event on: reported (events.total), closed (events.closed). */
const dayOf: Record<string, SQL> = {
  "events.total": sql`e.reported_at`,
  "events.closed": sql`e.closed_at`,
};

/** Events per day in a subtree, for the trends: the same records the figure and its list count. */
export const eventSeries: SeriesSource = {
  keys: ["events.total", "events.closed"],
  async daily(db, node, key, range) {
    const at = dayOf[key]!;
    const found = await rows<{ day: string; n: number }>(
      db,
      sql`SELECT to_char(${at} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "day", count(*)::int AS "n"
          FROM events e
          WHERE e.deleted_at IS NULL AND ${nodeInScope(sql`e.node_id`, { all: false, paths: [node.path] })}
            AND ${at} >= ${range.from} AND ${at} < ${range.to}
          GROUP BY 1`,
    );
    return new Map(found.map((row) => [row.day, row.n]));
  },
};
