import { sql } from "drizzle-orm";
import type { EventStage } from "../../../shared/schemas/events";
import type { Database } from "../../db/client";
import { nodeRefs, pathOfNode } from "../../platform/tree";
import { OPEN_STAGES, rows } from "./repository";
import { isOpen, lightAt } from "./stages";

// Events as a live screen shows them: where, what, and how late; no reporter, no description (a wall is public).

export interface LiveEvent {
  id: number;
  cityId: number;
  /** The node's materialised path, for the screens to keep to their own subtree. */
  path: string;
  nodeId: number;
  nodeName: string;
  typeName: string;
  stage: EventStage;
  open: boolean;
  light: "green" | "yellow" | "red" | null;
  lon: number | null;
  lat: number | null;
  reportedAt: string;
  deleted: boolean;
}

interface LiveRow {
  id: number;
  cityId: number;
  path: string;
  nodeId: number;
  typeName: string;
  stage: string;
  warnAt: Date | string | null;
  dueAt: Date | string | null;
  lon: number | null;
  lat: number | null;
  reportedAt: Date | string;
  deleted: boolean;
}

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

export async function liveEvents(db: Database, ids: readonly number[], now: Date): Promise<LiveEvent[]> {
  if (ids.length === 0) return [];
  const found = await rows<LiveRow>(
    db,
    sql`SELECT e.id, e.city_id AS "cityId", ${pathOfNode(sql`e.node_id`)} AS "path", e.node_id AS "nodeId", t.name AS "typeName", e.stage,
               e.stage_warn_at AS "warnAt", e.stage_due_at AS "dueAt", e.lon, e.lat, e.reported_at AS "reportedAt", (e.deleted_at IS NOT NULL) AS "deleted"
        FROM events e JOIN event_types t ON t.id = e.event_type_id
        WHERE e.id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`,
  );
  const nodes = await nodeRefs(db, found.map((row) => row.nodeId));
  return found.map((row) => {
    const stage = row.stage as EventStage;
    const open = isOpen(stage);
    return {
      id: row.id,
      cityId: row.cityId,
      path: row.path,
      nodeId: row.nodeId,
      nodeName: nodes.get(row.nodeId)?.name ?? "",
      typeName: row.typeName,
      stage,
      open,
      light: open && row.warnAt && row.dueAt ? lightAt(asDate(row.warnAt), asDate(row.dueAt), now) : null,
      lon: row.lon,
      lat: row.lat,
      reportedAt: asDate(row.reportedAt).toISOString(),
      deleted: row.deleted,
    };
  });
}

/** Open events whose stage's time limit ran out in [since, until): they have just turned red. */
export async function eventsTurnedRed(db: Database, since: Date, until: Date): Promise<number[]> {
  const found = await rows<{ id: number }>(
    db,
    sql`SELECT e.id FROM events e
        WHERE e.deleted_at IS NULL AND e.stage_due_at IS NOT NULL AND e.stage_due_at >= ${since} AND e.stage_due_at < ${until}
          AND e.stage IN ${OPEN_STAGES}
        LIMIT 500`,
  );
  return found.map((row) => row.id);
}
