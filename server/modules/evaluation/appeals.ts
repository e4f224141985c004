import type { z } from "zod";
import type { Appeal, AppealBody, AppealQuery, DecideAppealBody } from "../../../shared/schemas/evaluation";
import type { RequestContext } from "../../platform/context";
import { conflict, invalidField, notFound, versionConflict } from "../../platform/errors";
import { authorizeAt, requirePermission, scopeOf } from "../../platform/policy";
import { nodeRef } from "../../platform/tree";
import { write } from "../../platform/write";
import { cityOfActor } from "./catalogues";
import { computeScores } from "./compute";
import { readablePeriod, storeVersion } from "./periods";
import * as repo from "./repository";

/**
 * 申诉: a body appeals against its published result within the catalogue's days; the office decides.
 * An accepted appeal against an item sets that item's score for the body, and the period gets a new
 * version computed with it, whose reason names the appeal: the published version stays as it was.
 */
function presentAppeal(row: repo.AppealRow, periodLabel: string): z.infer<typeof Appeal> {
  return {
    id: row.id,
    periodId: row.periodId,
    periodLabel,
    resultVersion: row.resultVersion,
    bodyKind: row.bodyKind as z.infer<typeof Appeal>["bodyKind"],
    bodyId: row.bodyId,
    itemId: row.itemId,
    reason: row.reason,
    status: row.status as z.infer<typeof Appeal>["status"],
    decision: row.decision,
    filedByName: row.filedByName,
    filedAt: row.filedAt.toISOString(),
    decidedByName: row.decidedByName,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    version: row.version,
  };
}

export async function fileAppeal(ctx: RequestContext, periodId: number, body: z.infer<typeof AppealBody>) {
  requirePermission(ctx, "evaluation.appeal");
  const { actor, period, catalogue } = await readablePeriod(ctx, periodId);
  if (period.status !== "published") throw notFound("考评期");
  const result = catalogue.bodyKind === body.bodyKind ? await repo.result(ctx.db, period.id, period.resultVersion, body.bodyKind, body.bodyId) : undefined;
  if (!result) throw notFound("考评结果");
  const node = (await nodeRef(ctx.db, result.nodeId))!;
  authorizeAt(ctx, "evaluation.appeal", node.path);
  if (body.itemId !== undefined && !(await repo.itemsOf(ctx.db, [catalogue.id])).some((item) => item.id === body.itemId)) throw invalidField("itemId", "not an item of this period's catalogue");
  const now = ctx.clock.now();
  if (!period.appealUntil || now > period.appealUntil) throw conflict("申诉期已过 (the time to appeal has passed)", "appeal_closed");
  const saved = await write(ctx, async (tx, audit) => {
    const row = await repo.insertAppeal(tx, {
      cityId: period.cityId, periodId, resultVersion: period.resultVersion, bodyKind: body.bodyKind, bodyId: body.bodyId, nodeId: result.nodeId, itemId: body.itemId ?? null,
      reason: body.reason, status: "pending", filedByUserId: actor.userId, filedByName: actor.displayName, filedAt: now,
    });
    audit({ action: "evaluation.appeal.file", entity: "evaluation_appeal", entityId: row.id, nodeId: result.nodeId, cityId: period.cityId, after: body });
    return row;
  });
  return presentAppeal(saved, period.label);
}

export async function listAppeals(ctx: RequestContext, query: z.infer<typeof AppealQuery>) {
  const actor = requirePermission(ctx, "evaluation.read");
  const rows = await repo.appeals(ctx.db, cityOfActor(actor), { scope: scopeOf(actor, "evaluation.read"), ...query });
  return { items: rows.map((row) => presentAppeal(row.appeal, row.periodLabel)) };
}

export async function getAppeal(ctx: RequestContext, id: number) {
  const actor = requirePermission(ctx, "evaluation.read");
  const found = await repo.appeal(ctx.db, id);
  if (!found || found.appeal.cityId !== actor.cityId) throw notFound("申诉");
  const node = (await nodeRef(ctx.db, found.appeal.nodeId))!;
  authorizeAt(ctx, "evaluation.read", node.path);
  return presentAppeal(found.appeal, found.periodLabel);
}

export async function decideAppeal(ctx: RequestContext, id: number, body: z.infer<typeof DecideAppealBody>) {
  const actor = requirePermission(ctx, "evaluation.manage");
  const found = await repo.appeal(ctx.db, id);
  if (!found || found.appeal.cityId !== actor.cityId) throw notFound("申诉");
  const appeal = found.appeal;
  if (appeal.version !== body.version) throw versionConflict();
  if (appeal.status !== "pending") throw conflict("申诉已处理 (the appeal is decided)", "decided");
  const { period, catalogue } = await readablePeriod(ctx, appeal.periodId);
  const changes = body.accept && appeal.itemId !== null;
  if (changes && body.score === undefined) throw invalidField("score", "an accepted appeal against an item sets its score");
  const reason = `申诉 #${appeal.id} 采纳：${body.decision}`;
  const scored = changes
    ? await computeScores({
        db: ctx.db, modules: ctx.modules, period, catalogue, items: await repo.itemsOf(ctx.db, [catalogue.id]),
        extraAdjustment: { itemId: appeal.itemId!, bodyKind: appeal.bodyKind, bodyId: appeal.bodyId, score: body.score!, reason },
      })
    : null;
  await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const decided = await repo.decideAppeal(tx, id, body.version, { status: body.accept ? "accepted" : "rejected", decision: body.decision, decidedByName: actor.displayName, decidedAt: at });
    if (!decided) throw versionConflict();
    if (scored) {
      await repo.insertAdjustment(tx, { cityId: period.cityId, periodId: period.id, itemId: appeal.itemId!, bodyKind: appeal.bodyKind, bodyId: appeal.bodyId, score: body.score!, reason, appealId: appeal.id });
      await storeVersion(tx, audit, ctx, period, scored, { resultVersion: period.resultVersion + 1, reason, set: {} });
    }
    audit({ action: `evaluation.appeal.${body.accept ? "accept" : "reject"}`, entity: "evaluation_appeal", entityId: id, nodeId: appeal.nodeId, cityId: period.cityId, after: { decision: body.decision, score: body.score ?? null } });
  });
  return getAppeal(ctx, id);
}
