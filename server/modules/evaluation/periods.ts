import type { z } from "zod";
import type { CorrectionBody, CreatePeriodBody, Period, PeriodQuery } from "../../../shared/schemas/evaluation";
import type { Actor, RequestContext, Tx } from "../../platform/context";
import { conflict, invalidField, notFound, versionConflict } from "../../platform/errors";
import { requirePermission, hasPermission } from "../../platform/policy";
import { write, type Audit } from "../../platform/write";
import { cityOfActor } from "./catalogues";
import { computeScores } from "./compute";
import * as repo from "./repository";
import type { ScoredBody } from "./scoring";

/**
 * Periods and their results: a draft is computed (again, as often as needed), handed for review and
 * published; a published version is never changed: a correction or an accepted appeal computes a new
 * version, with its reason, and the period shows that one from then on.
 */
export function presentPeriod(row: repo.PeriodRow, catalogue: repo.CatalogueRow): z.infer<typeof Period> {
  return {
    id: row.id,
    catalogueId: row.catalogueId,
    catalogueName: catalogue.name,
    bodyKind: catalogue.bodyKind as z.infer<typeof Period>["bodyKind"],
    label: row.label,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    status: row.status as z.infer<typeof Period>["status"],
    resultVersion: row.resultVersion,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    appealUntil: row.appealUntil?.toISOString() ?? null,
    version: row.version,
  };
}

/** A period of the caller's city that the caller may see: drafts and reviews only for those who manage the evaluation. */
export async function readablePeriod(ctx: RequestContext, id: number): Promise<{ actor: Actor; period: repo.PeriodRow; catalogue: repo.CatalogueRow }> {
  const actor = requirePermission(ctx, "evaluation.read");
  const period = await repo.period(ctx.db, id);
  if (!period || period.cityId !== actor.cityId || (period.status !== "published" && !hasPermission(actor, "evaluation.manage"))) throw notFound("考评期");
  const catalogue = (await repo.catalogue(ctx.db, period.cityId, period.catalogueId))!;
  return { actor, period, catalogue };
}

async function managedPeriod(ctx: RequestContext, id: number) {
  const actor = requirePermission(ctx, "evaluation.manage");
  const found = await readablePeriod(ctx, id);
  return { ...found, actor };
}

/** Drafts are listed for the office and for assessors, who score them; the others see published periods. */
export async function listPeriods(ctx: RequestContext, query: z.infer<typeof PeriodQuery>) {
  const actor = requirePermission(ctx, "evaluation.read");
  const cityId = cityOfActor(actor);
  const rows = await repo.periods(ctx.db, cityId, { catalogueId: query.catalogueId, status: query.status, publishedOnly: !hasPermission(actor, "evaluation.manage") && !hasPermission(actor, "evaluation.assess") });
  const catalogues = new Map((await repo.catalogues(ctx.db, cityId)).map((row) => [row.id, row]));
  return { items: rows.map((row) => presentPeriod(row, catalogues.get(row.catalogueId)!)) };
}

export async function getPeriod(ctx: RequestContext, id: number) {
  const { period, catalogue } = await readablePeriod(ctx, id);
  return presentPeriod(period, catalogue);
}

export async function createPeriod(ctx: RequestContext, body: z.infer<typeof CreatePeriodBody>) {
  const actor = requirePermission(ctx, "evaluation.manage");
  const cityId = cityOfActor(actor);
  const catalogue = await repo.catalogue(ctx.db, cityId, body.catalogueId);
  if (!catalogue) throw invalidField("catalogueId", "no such catalogue");
  if (body.endsOn < body.startsOn) throw invalidField("endsOn", "before startsOn");
  const id = await write(ctx, async (tx, audit) => {
    const row = await repo.insertPeriod(tx, { cityId, catalogueId: catalogue.id, label: body.label, startsOn: body.startsOn, endsOn: body.endsOn, status: "draft" });
    audit({ action: "evaluation.period.create", entity: "evaluation_period", entityId: row.id, cityId, after: body });
    return row.id;
  });
  return getPeriod(ctx, id);
}

/** Stores a computed version in the caller's write: its rows, its reason, the period pointing at it. */
export async function storeVersion(tx: Tx, audit: Audit, ctx: RequestContext, period: repo.PeriodRow, scored: ScoredBody[], change: { resultVersion: number; reason: string; set: Partial<repo.PeriodRow> }) {
  const actor = ctx.actor!;
  if (change.resultVersion === period.resultVersion) await repo.deleteResults(tx, period.id, change.resultVersion);
  await repo.insertResults(tx, period.cityId, period.id, change.resultVersion, scored);
  if (change.resultVersion !== period.resultVersion) {
    await repo.insertVersion(tx, { cityId: period.cityId, periodId: period.id, resultVersion: change.resultVersion, reason: change.reason, actorUserId: actor.userId, actorName: actor.displayName });
  }
  const updated = await repo.updatePeriod(tx, period.id, period.version, { ...change.set, resultVersion: change.resultVersion });
  if (!updated) throw versionConflict();
  audit({
    action: "evaluation.period.compute",
    entity: "evaluation_period",
    entityId: period.id,
    cityId: period.cityId,
    after: { resultVersion: change.resultVersion, reason: change.reason, bodies: scored.length, scored: scored.filter((body) => body.score !== null).length },
  });
}

/** Computes a draft's results from the records as they stand (version 1; computed again, it replaces them). */
export async function computePeriod(ctx: RequestContext, id: number, version: number) {
  const { period, catalogue } = await managedPeriod(ctx, id);
  if (period.version !== version) throw versionConflict();
  if (period.status !== "draft") throw conflict("只有草稿可以重新计算 (only a draft is computed again)", "not_draft");
  const scored = await computeScores({ db: ctx.db, modules: ctx.modules, period, catalogue, items: await repo.itemsOf(ctx.db, [catalogue.id]) });
  await write(ctx, async (tx, audit) => {
    await storeVersion(tx, audit, ctx, period, scored, { resultVersion: 1, reason: "初次计算 (first computation)", set: {} });
  });
  return getPeriod(ctx, id);
}

async function transition(ctx: RequestContext, id: number, version: number, from: string, to: string, check?: (period: repo.PeriodRow, catalogue: repo.CatalogueRow) => Promise<void>) {
  const { period, catalogue } = await managedPeriod(ctx, id);
  if (period.version !== version) throw versionConflict();
  if (period.status !== from) throw conflict(`考评期状态为 ${period.status} (the period is ${period.status})`, "wrong_status");
  await check?.(period, catalogue);
  await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const set: Partial<repo.PeriodRow> = { status: to };
    if (to === "published") {
      set.publishedAt = at;
      set.appealUntil = new Date(at.getTime() + catalogue.appealDays * 86_400_000);
    }
    const updated = await repo.updatePeriod(tx, id, version, set);
    if (!updated) throw versionConflict();
    audit({ action: `evaluation.period.${to}`, entity: "evaluation_period", entityId: id, cityId: period.cityId, before: { status: from }, after: { status: to } });
  });
  return getPeriod(ctx, id);
}

export async function submitPeriod(ctx: RequestContext, id: number, version: number) {
  return transition(ctx, id, version, "draft", "review", async (period) => {
    if (period.resultVersion === 0) throw conflict("尚未计算结果 (compute the results first)", "not_computed");
  });
}

export async function returnPeriod(ctx: RequestContext, id: number, version: number) {
  return transition(ctx, id, version, "review", "draft");
}

/** Publishing needs every manual score confirmed by a second person. */
export async function publishPeriod(ctx: RequestContext, id: number, version: number) {
  return transition(ctx, id, version, "review", "published", async (period) => {
    const unconfirmed = (await repo.manualScores(ctx.db, period.id)).filter((row) => !row.confirmedAt);
    if (unconfirmed.length > 0) throw conflict(`${unconfirmed.length} 项人工评分尚未确认 (manual scores not confirmed)`, "unconfirmed_scores");
  });
}

/** A correction of a published period: a new version computed from the records, with its reason. */
export async function correctPeriod(ctx: RequestContext, id: number, body: z.infer<typeof CorrectionBody>) {
  const { period, catalogue } = await managedPeriod(ctx, id);
  if (period.version !== body.version) throw versionConflict();
  if (period.status !== "published") throw conflict("只有已发布的考评期需要更正 (only a published period is corrected)", "not_published");
  const scored = await computeScores({ db: ctx.db, modules: ctx.modules, period, catalogue, items: await repo.itemsOf(ctx.db, [catalogue.id]) });
  await write(ctx, async (tx, audit) => {
    await storeVersion(tx, audit, ctx, period, scored, { resultVersion: period.resultVersion + 1, reason: body.reason, set: {} });
  });
  return getPeriod(ctx, id);
}

/** The last day a period of this kind starting on a day covers (month, quarter, year), for the demo and the editor. */
export function periodEnd(startsOn: string, kind: "month" | "quarter" | "year"): string {
  const [year, month] = startsOn.split("-").map(Number) as [number, number];
  const months = kind === "month" ? 1 : kind === "quarter" ? 3 : 12;
  const next = new Date(Date.UTC(year, month - 1 + months, 1)).toISOString().slice(0, 10);
  return new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
