import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AuditPage, AuditQuery, SignedCheckpoints, VerifyResult } from "../../../shared/schemas/audit";
import { requirePermission } from "../policy";
import { auditOnly } from "../write";
import { searchAudit, signedCheckpoints, verifyAuditChain } from "./service";

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["audit"];

  api.get("/api/audit", { schema: { tags, querystring: AuditQuery, response: { 200: AuditPage } } }, async (request) => {
    requirePermission(request.ctx, "audit.read");
    const query = request.query;
    const rows = await searchAudit(request.ctx.db, {
      action: query.action,
      entity: query.entity,
      actor: query.actor,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      beforeId: query.beforeId,
      limit: query.limit,
    });
    return {
      items: rows.map((row) => ({ ...row, at: row.at.toISOString() })),
      nextBeforeId: rows.length === query.limit ? rows[rows.length - 1]!.id : null,
    };
  });

  api.post("/api/audit/verify", { schema: { tags, response: { 200: VerifyResult } } }, async (request) => {
    requirePermission(request.ctx, "audit.verify");
    const result = await verifyAuditChain(request.ctx.db);
    await auditOnly(request.ctx, { action: "audit.verify", entity: "audit_log", after: { ok: result.ok, checked: result.checked, firstBroken: result.firstBroken?.id ?? null } });
    return result;
  });

  api.get("/api/audit/checkpoints", { schema: { tags, response: { 200: SignedCheckpoints } } }, async (request) => {
    requirePermission(request.ctx, "audit.verify");
    const signed = await signedCheckpoints(request.ctx.db, request.ctx.config, request.ctx.clock.now());
    await auditOnly(request.ctx, { action: "audit.checkpoints.export", entity: "audit_checkpoints", after: { checkpoints: signed.checkpoints.length } });
    return signed;
  });
}
