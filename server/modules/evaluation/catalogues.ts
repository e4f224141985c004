import type { z } from "zod";
import type { Catalogue, CreateCatalogueBody, UpdateCatalogueBody } from "../../../shared/schemas/evaluation";
import type { Actor, RequestContext } from "../../platform/context";
import { badRequest, conflict, forbidden, notFound, versionConflict, type FieldError } from "../../platform/errors";
import { requirePermission } from "../../platform/policy";
import { write } from "../../platform/write";
import { measuredAs } from "./bodies";
import * as repo from "./repository";

/** The indicator catalogues: which indicators, manual scores and supervision channels count for a kind of body, with what weight. */
export const channelLabels: Record<string, string> = {
  discipline: "纪检监督",
  audit: "审计监督",
  inspection: "巡察监督",
  rating: "群众评议",
  petition: "信访反映",
  media: "媒体监督",
  vote: "群众投票",
};

export function cityOfActor(actor: Actor): number {
  if (actor.cityId === null) throw forbidden();
  return actor.cityId;
}

/** Every automatic indicator the modules the app was built with offer: a module added later brings its own. */
export function indicators(ctx: RequestContext) {
  requirePermission(ctx, "evaluation.read");
  return {
    items: ctx.modules.indicators.map((indicator) => ({
      key: indicator.key,
      label: indicator.label,
      bodyKinds: [...indicator.bodyKinds],
      kind: indicator.kind,
      better: indicator.better,
      minSample: indicator.minSample,
    })),
  };
}

export function present(row: repo.CatalogueRow, items: repo.ItemRow[]): z.infer<typeof Catalogue> {
  return {
    id: row.id,
    name: row.name,
    bodyKind: row.bodyKind as z.infer<typeof Catalogue>["bodyKind"],
    periodKind: row.periodKind as z.infer<typeof Catalogue>["periodKind"],
    grading: row.grading as z.infer<typeof Catalogue>["grading"],
    thresholds: row.thresholds,
    quotas: row.quotas,
    appealDays: row.appealDays,
    public: row.public,
    items: items
      .filter((item) => item.catalogueId === row.id)
      .map((item) => ({
        id: item.id,
        position: item.position,
        source: item.source as "auto" | "manual" | "supervision",
        indicatorKey: item.indicatorKey,
        channel: item.channel as z.infer<typeof Catalogue>["items"][number]["channel"],
        label: item.label,
        weight: item.weight,
        minSample: item.minSample,
      })),
    version: row.version,
  };
}

export async function listCatalogues(ctx: RequestContext) {
  const actor = requirePermission(ctx, "evaluation.read");
  const rows = await repo.catalogues(ctx.db, cityOfActor(actor));
  const items = await repo.itemsOf(ctx.db, rows.map((row) => row.id));
  return { items: rows.map((row) => present(row, items)) };
}

export async function getCatalogue(ctx: RequestContext, id: number) {
  const actor = requirePermission(ctx, "evaluation.read");
  const row = await repo.catalogue(ctx.db, cityOfActor(actor), id);
  if (!row) throw notFound("考评指标体系");
  return present(row, await repo.itemsOf(ctx.db, [row.id]));
}

/** The items as stored, or 400 naming each bad field: weights must sum to 100, indicators must exist and fit the body kind. */
function checkedItems(ctx: RequestContext, body: z.infer<typeof CreateCatalogueBody>) {
  const fields: FieldError[] = [];
  const total = body.items.reduce((sum, item) => sum + item.weight, 0);
  if (total !== 100) fields.push({ field: "items", message: `权重合计 ${total}，应为 100 (weights sum to ${total}, not 100)` });
  const items = body.items.map((item, index) => {
    const at = `items.${index}`;
    if (item.source === "auto") {
      const indicator = ctx.modules.indicators.find((candidate) => candidate.key === item.indicatorKey);
      if (!indicator) fields.push({ field: `${at}.indicatorKey`, message: "no such indicator" });
      else if (!(indicator.bodyKinds as readonly string[]).includes(measuredAs(body.bodyKind))) fields.push({ field: `${at}.indicatorKey`, message: `not measured for ${body.bodyKind}` });
      return { position: index, source: item.source, indicatorKey: item.indicatorKey ?? null, channel: null, label: item.label ?? indicator?.label.zh ?? "", weight: item.weight, minSample: item.minSample ?? indicator?.minSample ?? 1 };
    }
    if (item.source === "supervision") {
      if (!item.channel) fields.push({ field: `${at}.channel`, message: "a supervision item names its channel" });
      return { position: index, source: item.source, indicatorKey: null, channel: item.channel ?? null, label: item.label ?? channelLabels[item.channel ?? ""] ?? "", weight: item.weight, minSample: 0 };
    }
    if (!item.label) fields.push({ field: `${at}.label`, message: "a manual item needs a label" });
    return { position: index, source: item.source, indicatorKey: null, channel: null, label: item.label ?? "", weight: item.weight, minSample: 0 };
  });
  const { A, B, C, D } = body.thresholds;
  if (!(A > B && B > C && C > D)) fields.push({ field: "thresholds", message: "A > B > C > D" });
  const quota = body.quotas.A + body.quotas.B + body.quotas.C + body.quotas.D;
  if (quota > 100) fields.push({ field: "quotas", message: `quotas sum to ${quota}, more than 100` });
  if (fields.length > 0) throw badRequest("考评指标体系有误 (invalid catalogue)", fields);
  return items;
}

export async function createCatalogue(ctx: RequestContext, body: z.infer<typeof CreateCatalogueBody>) {
  const actor = requirePermission(ctx, "evaluation.manage");
  const cityId = cityOfActor(actor);
  const items = checkedItems(ctx, body);
  const id = await write(ctx, async (tx, audit) => {
    const row = await repo.insertCatalogue(tx, { cityId, name: body.name, bodyKind: body.bodyKind, periodKind: body.periodKind, grading: body.grading, thresholds: body.thresholds, quotas: body.quotas, appealDays: body.appealDays, public: body.public });
    await repo.replaceItems(tx, cityId, row.id, items);
    audit({ action: "evaluation.catalogue.create", entity: "evaluation_catalogue", entityId: row.id, cityId, after: { ...body } });
    return row.id;
  });
  return getCatalogue(ctx, id);
}

export async function updateCatalogue(ctx: RequestContext, id: number, body: z.infer<typeof UpdateCatalogueBody>) {
  const actor = requirePermission(ctx, "evaluation.manage");
  const cityId = cityOfActor(actor);
  const before = await getCatalogue(ctx, id);
  const items = checkedItems(ctx, body);
  // Results name the items of their catalogue: once a period uses it, a change is a new catalogue.
  if (await repo.catalogueInUse(ctx.db, id)) throw conflict("已有考评期使用此指标体系，请新建体系 (the catalogue is in use by a period)", "in_use");
  await write(ctx, async (tx, audit) => {
    const { version, ...fields } = body;
    const updated = await repo.updateCatalogue(tx, id, version, { name: fields.name, bodyKind: fields.bodyKind, periodKind: fields.periodKind, grading: fields.grading, thresholds: fields.thresholds, quotas: fields.quotas, appealDays: fields.appealDays, public: fields.public });
    if (!updated) throw versionConflict();
    await repo.replaceItems(tx, cityId, id, items);
    audit({ action: "evaluation.catalogue.update", entity: "evaluation_catalogue", entityId: id, cityId, before, after: fields });
  });
  return getCatalogue(ctx, id);
}
