import { z } from "zod";
import { Id, plain } from "./common";

export const AuditEntry = z.object({
  id: Id,
  at: z.string(),
  cityId: Id.nullable(),
  actorUserId: Id.nullable(),
  actorUsername: z.string().nullable(),
  nodeId: Id.nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  seq: z.number().int().nullable(),
  hash: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.strictObject({
  action: plain().trim().max(60).optional(),
  entity: plain().trim().max(60).optional(),
  actor: plain().trim().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const AuditPage = z.object({ items: z.array(AuditEntry), nextBeforeId: Id.nullable() });

export const VerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  chains: z.number().int(),
  firstBroken: z.object({ id: Id, cityId: Id.nullable(), reason: z.string() }).nullable(),
  /** Chains that end before a checkpoint recorded them: the newest entries were cut off. */
  missing: z.array(z.object({ cityId: Id.nullable(), sealedUpTo: z.number().int(), checkpointSeq: z.number().int(), reason: z.string() })),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export const Checkpoint = z.object({ chain: z.number().int(), seq: z.number().int(), hash: z.string(), at: z.string() });
/** The checkpoints, signed with the server's Ed25519 key, for the audit administrator to keep outside the system. */
export const SignedCheckpoints = z.object({
  signedAt: z.string(),
  checkpoints: z.array(Checkpoint),
  /** The public key (SPKI, PEM) that verifies the signature. */
  publicKey: z.string(),
  /** Ed25519 over the canonical JSON of { signedAt, checkpoints }, base64. */
  signature: z.string(),
});
export type SignedCheckpoints = z.infer<typeof SignedCheckpoints>;
