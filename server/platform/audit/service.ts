import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import type { SignedCheckpoints, VerifyResult } from "../../../shared/schemas/audit";
import type { Config } from "../config";
import { GENESIS_HASH, canonicalJson, chainHash } from "./chain";
import { allCheckpoints, appendEntries, appendEntriesStatement, latestCheckpoints, listEntries, scanChains, sealPending, type AuditFilter, type AuditRow } from "./repository";

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

/** A chain position and hash that must still be found in the trail. */
export interface ChainPoint {
  chain: number;
  seq: number;
  hash: string;
}

/**
 * Seals what has been committed, then walks every city's chain from its start and names the first
 * entry whose position, link or content does not match; then checks each chain against its newest
 * checkpoint (and against checkpoints kept outside, when given): a chain that ends before one lost its
 * newest entries, and an entry that differs from its checkpoint was rewritten with the chain after it.
 */
export async function verifyAuditChain(db: Database, outside: readonly ChainPoint[] = []): Promise<VerifyResult> {
  await sealPending(db);
  const wanted = new Map<number, Map<number, string>>();
  for (const point of [...(await latestCheckpoints(db)), ...outside]) {
    const seqs = wanted.get(point.chain) ?? new Map<number, string>();
    seqs.set(point.seq, point.hash);
    wanted.set(point.chain, seqs);
  }
  const lastHash = new Map<number, string>();
  const lastSeq = new Map<number, number>();
  let checked = 0;
  const broken = (row: AuditRow, reason: string): VerifyResult => ({ ok: false, checked, chains: lastHash.size, firstBroken: { id: row.id, cityId: row.cityId, reason }, missing: [] });
  for await (const batch of scanChains(db)) {
    for (const row of batch) {
      const chain = row.cityId ?? 0;
      const expectedPrev = lastHash.get(chain) ?? GENESIS_HASH;
      const expectedSeq = (lastSeq.get(chain) ?? 0) + 1;
      checked++;
      if (row.seq !== expectedSeq || row.prevHash !== expectedPrev) return broken(row, "link to the previous entry is broken (an entry was removed or inserted)");
      if (chainHash(expectedPrev, { ...row, id: row.id }) !== row.hash) return broken(row, "content does not match its hash (the entry was changed)");
      const checkpoint = wanted.get(chain)?.get(row.seq);
      if (checkpoint !== undefined && checkpoint !== row.hash) return broken(row, "differs from its checkpoint (the chain was rewritten from here)");
      lastHash.set(chain, row.hash!);
      lastSeq.set(chain, row.seq!);
    }
  }
  const missing: VerifyResult["missing"] = [];
  for (const [chain, seqs] of wanted) {
    const checkpointSeq = Math.max(...seqs.keys());
    const sealedUpTo = lastSeq.get(chain) ?? 0;
    if (sealedUpTo < checkpointSeq) {
      missing.push({ cityId: chain === 0 ? null : chain, sealedUpTo, checkpointSeq, reason: `entries ${sealedUpTo + 1}–${checkpointSeq} are missing (the newest entries were cut off)` });
    }
  }
  return { ok: missing.length === 0, checked, chains: lastHash.size, firstBroken: null, missing };
}

/** Every checkpoint, signed with the server's key, for the audit administrator to keep outside the system. */
export async function signedCheckpoints(db: Database, config: Config, now: Date): Promise<SignedCheckpoints> {
  await sealPending(db);
  const key = signingKey(config);
  const checkpoints = (await allCheckpoints(db)).map((row) => ({ chain: row.chain, seq: row.seq, hash: row.hash, at: row.at.toISOString() }));
  const signedAt = now.toISOString();
  const signature = sign(null, Buffer.from(canonicalJson({ signedAt, checkpoints })), key).toString("base64");
  return { signedAt, checkpoints, publicKey: createPublicKey(key).export({ type: "spki", format: "pem" }).toString(), signature };
}

/** Whether an exported list is as the server signed it (with the public key the city recorded, when given). */
export function checkpointsSignedBy(file: SignedCheckpoints, publicKeyPem = file.publicKey): boolean {
  try {
    return verify(null, Buffer.from(canonicalJson({ signedAt: file.signedAt, checkpoints: file.checkpoints })), createPublicKey(publicKeyPem), Buffer.from(file.signature, "base64"));
  } catch {
    return false;
  }
}

const KEY_FILE = "audit-signing-key.pem";

/** The configured key, or one made once and kept (owner-only) in the data folder. */
function signingKey(config: Config): KeyObject {
  if (config.auditSigningKey) return createPrivateKey(config.auditSigningKey);
  const file = join(config.dataDir, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    const { privateKey } = generateKeyPairSync("ed25519");
    writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
  }
  return createPrivateKey(readFileSync(file));
}
