import { z } from "zod";
import { AuditEntry, AuditPage, AuditQuery, SignedCheckpoints, VerifyResult } from "../../../shared/schemas/audit";
import { request } from "./client";

export type AuditEntryData = z.output<typeof AuditEntry>;
export type AuditPageData = z.output<typeof AuditPage>;
export type AuditParams = Partial<z.output<typeof AuditQuery>>;
export type VerifyResultData = z.output<typeof VerifyResult>;

export const auditApi = {
  list: (params: AuditParams = {}, signal?: AbortSignal) => request("GET", "/audit", { schema: AuditPage, query: params, signal }),
  verify: () => request("POST", "/audit/verify", { schema: VerifyResult }),
  checkpoints: () => request("GET", "/audit/checkpoints", { schema: SignedCheckpoints }),
};
