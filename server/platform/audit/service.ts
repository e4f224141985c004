import type { Database } from "../../db/client";
import type { VerifyResult } from "../../../shared/schemas/audit";
import { GENESIS_HASH, chainHash } from "./chain";
import type { SQL } from "drizzle-orm";
import { appendEntries, appendEntriesStatement, listEntries, scanChains, sealPending, type AuditFilter, type AuditRow } from "./repository";

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

export type AuditRowInput = Parameters<typeof appendEntries>[1][number];

/** The rows of a change's entries, stamped with who made it, when and from where. */
export function auditRows(meta: AuditMeta, inputs: AuditInput[]): AuditRowInput[] {
  return inputs.map((input) => ({
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
  }));
}

/** Appends rows, unsealed, in the caller's transaction: the sealer chains them once committed. */
export function storeAuditRows(db: Database, rows: AuditRowInput[]): Promise<void> {
  return appendEntries(db, rows);
}

/** The append of storeAuditRows as an INSERT to run inside another statement's WITH clause. */
export function auditRowsStatement(rows: AuditRowInput[]): SQL {
  return appendEntriesStatement(rows);
}

export async function recordAudit(db: Database, meta: AuditMeta, inputs: AuditInput[]): Promise<void> {
  await appendEntries(db, auditRows(meta, inputs));
}

export function searchAudit(db: Database, filter: AuditFilter): Promise<AuditRow[]> {
  return listEntries(db, filter);
}

export function sealAuditChain(db: Database): Promise<number> {
  return sealPending(db);
}

/**
 * Seals what has been committed, then walks every city's chain from its start and names the first
 * entry whose position, link or content does not match.
 */
export async function verifyAuditChain(db: Database): Promise<VerifyResult> {
  await sealPending(db);
  const lastHash = new Map<number, string>();
  const lastSeq = new Map<number, number>();
  let checked = 0;
  for await (const batch of scanChains(db)) {
    for (const row of batch) {
      const chain = row.cityId ?? 0;
      const expectedPrev = lastHash.get(chain) ?? GENESIS_HASH;
      const expectedSeq = (lastSeq.get(chain) ?? 0) + 1;
      checked++;
      if (row.seq !== expectedSeq || row.prevHash !== expectedPrev) {
        return { ok: false, checked, chains: lastHash.size, firstBroken: { id: row.id, cityId: row.cityId, reason: "link to the previous entry is broken (an entry was removed or inserted)" } };
      }
      if (chainHash(expectedPrev, row) !== row.hash) {
        return { ok: false, checked, chains: lastHash.size, firstBroken: { id: row.id, cityId: row.cityId, reason: "content does not match its hash (the entry was changed)" } };
      }
      lastHash.set(chain, row.hash!);
      lastSeq.set(chain, row.seq!);
    }
  }
  return { ok: true, checked, chains: lastHash.size, firstBroken: null };
}
