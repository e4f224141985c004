import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface ChainedFields {
  at: Date;
  cityId: number | null;
  actorUserId: number | null;
  actorUsername: string | null;
  nodeId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** JSON with object keys sorted at every level, so jsonb's own key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** An entry as the sealer sees it: every column but the chain's own (seq, prev_hash, hash) goes into its hash. */
export interface SealedFields extends ChainedFields {
  id: number;
}

export function chainHash(prevHash: string, entry: SealedFields): string {
  const fields: Record<keyof SealedFields, unknown> = {
    id: entry.id,
    at: entry.at.toISOString(),
    cityId: entry.cityId,
    actorUserId: entry.actorUserId,
    actorUsername: entry.actorUsername,
    nodeId: entry.nodeId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    before: entry.before,
    after: entry.after,
    ip: entry.ip,
  };
  const body = canonicalJson(fields);
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

/** Dates and other non-JSON values become what jsonb will give back, so the hash survives a round trip. */
export function toStoredJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
