import type { Tx } from "../../platform/context";
import type { Audit } from "../../platform/write";
import { clueAuditView } from "./present";
import * as repo from "./repository";

export interface RaisedClue {
  cityId: number;
  nodeId: number;
  description: string;
  /** The record that raised it, "<entity>:<id>", shown on the clue so the two link both ways. */
  origin: string;
  createdBy: number | null;
  at: Date;
}

/**
 * A clue raised by another module's record (a household visit), inside that module's write: the
 * clue enters the problem lists like any other (入户走访, found by oneself) and names where it came from.
 */
export async function raiseClue(tx: Tx, audit: Audit, input: RaisedClue): Promise<number> {
  const row = await repo.insertClue(tx, {
    cityId: input.cityId,
    nodeId: input.nodeId,
    channel: "household_visit",
    source: "self",
    category: "other",
    description: input.description,
    reporterName: null,
    reporterPhone: null,
    receivedAt: input.at,
    origin: input.origin,
    createdBy: input.createdBy,
    createdAt: input.at,
    updatedAt: input.at,
  });
  audit({ action: "clue.create", entity: "problem_clue", entityId: row.id, nodeId: input.nodeId, cityId: input.cityId, after: { ...clueAuditView(row), origin: input.origin } });
  return row.id;
}
