import type { z } from "zod";
import type { Finding, FindingBody, FindingQuery, ManualScore, ManualScoreBody, PeriodBody } from "../../../shared/schemas/evaluation";
import type { Actor, RequestContext, Tx } from "../../platform/context";
import { conflict, invalidField, notFound, versionConflict } from "../../platform/errors";
import { authorizeAt, covers, requirePermission, scopeOf } from "../../platform/policy";
import { write, type Audit } from "../../platform/write";
import { bodiesOf, bodyOf, type Body } from "./bodies";
import { cityOfActor } from "./catalogues";
import { registerProblem } from "../problems/external";
import * as repo from "./repository";

/**
 * The "1" scored by hand and the "3" and "X" found by supervision: a manual score is entered by a
 * named assessor with evidence and counts once a second person confirms it; a finding deducts its
 * points from the body found at fault in the period it was found.
 */
type ScoreRow = Awaited<ReturnType<typeof repo.manualScore>> & {};

/** A body as people name it: a village with its township, since village names repeat across a city. */
const bodyName = (body: Body): string => (body.parentName ? `${body.name}（${body.parentName}）` : body.name);

function presentScore(row: ScoreRow, body: Body): z.infer<typeof ManualScore> {
  return {
    id: row.id,
    periodId: row.periodId,
    itemId: row.itemId,
    bodyKind: row.bodyKind as z.infer<typeof ManualScore>["bodyKind"],
    bodyId: row.bodyId,
    bodyName: bodyName(body),
    score: row.score,
    evidence: row.evidence,
    assessorName: row.assessorName,
    confirmedByName: row.confirmedByName,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    version: row.version,
  };
}

/** A draft period of the caller's city: manual scores are given before the results are computed and reviewed. */
async function draftPeriod(ctx: RequestContext, cityId: number, id: number) {
  const period = await repo.period(ctx.db, id);
  if (!period || period.cityId !== cityId) throw notFound("考评期");
  if (period.status !== "draft") throw conflict("考评期已提交审核或已发布 (the period is no longer a draft)", "not_draft");
  return period;
}

export async function enterManualScore(ctx: RequestContext, periodId: number, body: z.infer<typeof ManualScoreBody>) {
  const actor = requirePermission(ctx, "evaluation.assess");
  const cityId = cityOfActor(actor);
  const period = await draftPeriod(ctx, cityId, periodId);
  const catalogue = (await repo.catalogue(ctx.db, cityId, period.catalogueId))!;
  const item = (await repo.itemsOf(ctx.db, [catalogue.id])).find((candidate) => candidate.id === body.itemId);
  if (!item || item.source !== "manual") throw invalidField("itemId", "not a manual item of this period's catalogue");
  if (body.bodyKind !== catalogue.bodyKind) throw invalidField("bodyKind", `this catalogue scores ${catalogue.bodyKind}`);
  const target = await bodyOf(ctx.db, cityId, body.bodyKind, body.bodyId);
  authorizeAt(ctx, "evaluation.assess", target.path);
  const saved = await write(ctx, async (tx, audit) => {
    const row = await repo.upsertManualScore(tx, {
      cityId, periodId, itemId: item.id, bodyKind: body.bodyKind, bodyId: body.bodyId, nodeId: target.nodeId, score: body.score, evidence: body.evidence, assessorUserId: actor.userId, assessorName: actor.displayName,
    });
    audit({ action: "evaluation.manual.score", entity: "evaluation_manual_score", entityId: row.id, nodeId: target.nodeId, cityId, after: { itemId: item.id, body: `${body.bodyKind}:${body.bodyId}`, score: body.score, evidence: body.evidence } });
    return row;
  });
  return presentScore(saved, target);
}

/** Confirmed by a second person: the assessor never confirms their own score. */
export async function confirmManualScore(ctx: RequestContext, id: number, version: number) {
  const actor = requirePermission(ctx, "evaluation.assess");
  const cityId = cityOfActor(actor);
  const row = await repo.manualScore(ctx.db, id);
  if (!row || row.cityId !== cityId) throw notFound("人工评分");
  const target = await bodyOf(ctx.db, cityId, row.bodyKind, row.bodyId);
  authorizeAt(ctx, "evaluation.assess", target.path);
  await draftPeriod(ctx, cityId, row.periodId);
  if (row.assessorUserId === actor.userId) throw conflict("评分人不能确认自己的评分 (a second person confirms)", "same_person");
  if (row.confirmedAt) throw conflict("已确认 (already confirmed)", "confirmed");
  const saved = await write(ctx, async (tx, audit) => {
    const updated = await repo.confirmManualScore(tx, id, version, { userId: actor.userId, name: actor.displayName, at: ctx.clock.now() });
    if (!updated) throw versionConflict();
    audit({ action: "evaluation.manual.confirm", entity: "evaluation_manual_score", entityId: id, nodeId: target.nodeId, cityId, after: { score: row.score } });
    return updated;
  });
  return presentScore(saved, target);
}

/** A period of the caller's city, with the bodies of its catalogue's kind that the caller assesses. */
async function assessedBodies(ctx: RequestContext, periodId: number) {
  const actor = requirePermission(ctx, "evaluation.assess");
  const cityId = cityOfActor(actor);
  const period = await repo.period(ctx.db, periodId);
  if (!period || period.cityId !== cityId) throw notFound("考评期");
  const bodyKind = (await repo.catalogue(ctx.db, cityId, period.catalogueId))!.bodyKind;
  const scope = scopeOf(actor, "evaluation.assess");
  const bodies = (await bodiesOf(ctx.db, cityId, bodyKind)).filter((body) => covers(scope, body.path));
  return { bodyKind, bodies: new Map(bodies.map((body) => [body.id, body])) };
}

/** The bodies a caller may score in a period, named, for the assessor's picker. */
export async function listPeriodBodies(ctx: RequestContext, periodId: number): Promise<{ items: z.infer<typeof PeriodBody>[] }> {
  const { bodyKind, bodies } = await assessedBodies(ctx, periodId);
  return { items: [...bodies.values()].map((body) => ({ kind: bodyKind as z.infer<typeof PeriodBody>["kind"], id: body.id, name: bodyName(body) })) };
}

/** The manual scores of a period within what the caller assesses. */
export async function listManualScores(ctx: RequestContext, periodId: number) {
  const { bodyKind, bodies } = await assessedBodies(ctx, periodId);
  const rows = await repo.manualScores(ctx.db, periodId);
  const visible = rows.flatMap((row) => {
    const body = bodies.get(row.bodyId);
    return body && row.bodyKind === bodyKind ? [presentScore(row, body)] : [];
  });
  return { items: visible };
}

function presentFinding(row: Awaited<ReturnType<typeof repo.insertFinding>>): z.infer<typeof Finding> {
  return {
    id: row.id,
    channel: row.channel as z.infer<typeof Finding>["channel"],
    bodyKind: row.bodyKind as z.infer<typeof Finding>["bodyKind"],
    bodyId: row.bodyId,
    foundOn: row.foundOn,
    points: row.points,
    description: row.description,
    evidence: row.evidence,
    recordedByName: row.recordedByName,
    problemId: row.problemId,
  };
}

/** The supervision channel as the title of the problem a finding opens (problem titles are written in Chinese, as users enter them). */
const channelTitle: Record<z.infer<typeof FindingBody>["channel"], string> = { discipline: "纪检监督发现", audit: "审计监督发现", inspection: "巡察发现", rating: "群众评议反映", petition: "信访反映", media: "媒体报道", vote: "群众投票反映" };

/** One finding with its audit entry and, when asked, the problem it opens, inside the caller's write (one finding, or a whole imported file). */
export async function storeFinding(tx: Tx, audit: Audit, ctx: RequestContext, actor: Actor, cityId: number, target: Body, body: z.infer<typeof FindingBody>) {
  const { openProblem, ...finding } = body;
  const row = await repo.insertFinding(tx, { cityId, ...finding, nodeId: target.nodeId, recordedByUserId: actor.userId, recordedByName: actor.displayName });
  audit({ action: "evaluation.finding.record", entity: "evaluation_finding", entityId: row.id, nodeId: target.nodeId, cityId, after: body });
  if (!openProblem) return presentFinding(row);
  // Through the problem lists' own function, in this write: the finding and its problem commit together.
  const problem = await registerProblem(
    tx,
    audit,
    actor,
    { cityId, nodeId: target.nodeId, channel: "supervision", source: "superiors", category: "other", title: `${channelTitle[body.channel]}：${target.name}`, description: body.description, foundOn: body.foundOn, externalRef: `evaluation-finding:${row.id}` },
    ctx.clock.now(),
  );
  return presentFinding(await repo.linkFindingProblem(tx, row.id, problem.id));
}

export async function recordFinding(ctx: RequestContext, body: z.infer<typeof FindingBody>) {
  const actor = requirePermission(ctx, "evaluation.assess");
  const cityId = cityOfActor(actor);
  const target = await bodyOf(ctx.db, cityId, body.bodyKind, body.bodyId);
  authorizeAt(ctx, "evaluation.assess", target.path);
  return write(ctx, (tx, audit) => storeFinding(tx, audit, ctx, actor, cityId, target, body));
}

/** Findings against the bodies in the caller's reach: a body sees what counts against it. */
export async function listFindings(ctx: RequestContext, query: z.infer<typeof FindingQuery>) {
  const actor = requirePermission(ctx, "evaluation.read");
  const rows = await repo.findings(ctx.db, cityOfActor(actor), { scope: scopeOf(actor, "evaluation.read"), ...query });
  return { items: rows.map(presentFinding) };
}
