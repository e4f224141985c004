import type { Database } from "../../db/client";
import type { VerifyResult } from "../../../shared/schemas/audit";
import { GENESIS_HASH, chainHash } from "./chain";
import { appendEntries, listEntries, scanEntries, type AuditFilter, type AuditRow } from "./repository";

export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | number | null;
  nodeId?: number | null;
  cityId?: number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditMeta {
  at: Date;
  actorUserId: number | null;
  actorUsername: string | null;
  ip: string | null;
}

export async function recordAudit(db: Database, meta: AuditMeta, inputs: AuditInput[]): Promise<void> {
  await appendEntries(
    db,
    inputs.map((input) => ({
      at: meta.at,
      cityId: input.cityId ?? null,
      actorUserId: meta.actorUserId,
      actorUsername: meta.actorUsername,
      nodeId: input.nodeId ?? null,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
      before: input.before ?? null,
      after: input.after ?? null,
      ip: meta.ip,
    })),
  );
}

export function searchAudit(db: Database, filter: AuditFilter): Promise<AuditRow[]> {
  return listEntries(db, filter);
}

/** Walks every chain from its start and names the first entry whose link or content does not match. */
export async function verifyAuditChain(db: Database): Promise<VerifyResult> {
  const lastHash = new Map<number, string>();
  let checked = 0;
  for await (const batch of scanEntries(db)) {
    for (const row of batch) {
      const chain = row.cityId ?? 0;
      const expectedPrev = lastHash.get(chain) ?? GENESIS_HASH;
      checked++;
      if (row.prevHash !== expectedPrev) {
        return { ok: false, checked, chains: lastHash.size, firstBroken: { id: row.id, cityId: row.cityId, reason: "link to the previous entry is broken (an entry was removed or inserted)" } };
      }
      if (chainHash(row.prevHash, row) !== row.hash) {
        return { ok: false, checked, chains: lastHash.size, firstBroken: { id: row.id, cityId: row.cityId, reason: "content does not match its hash (the entry was changed)" } };
      }
      lastHash.set(chain, row.hash);
    }
  }
  return { ok: true, checked, chains: lastHash.size, firstBroken: null };
}
