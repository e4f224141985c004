import type { z } from "zod";
import { eq } from "drizzle-orm";
import type { CreateAspectBody, CreateItemBody, CreateMeasureBody, MeasureQuery, RemoveBody, UpdateAspectBody, UpdateItemBody, UpdateMeasureBody } from "../../../shared/schemas/campaign";
import type { Database } from "../../db/client";
import { campaignAspects, campaignItems, campaignMeasures } from "../../db/schema";
import type { RequestContext } from "../../platform/context";
import { conflict, invalidField, notFound, versionConflict } from "../../platform/errors";
import { write } from "../../platform/write";
import { campaignAccess, checkRefs, namesFor } from "./core";
import * as repo from "./repository";

// The plan: aspects, their items and the measures under them.

type Body<T extends z.ZodType> = z.infer<T>;

// ---------------------------------------------------------------- aspects > items > measures

function presentAspect(row: repo.AspectRow, itemCount: number) {
  return { id: row.id, campaignId: row.campaignId, seq: row.seq, name: row.name, description: row.description, itemCount, version: row.version };
}

export async function listAspects(ctx: RequestContext, campaignId: number) {
  await campaignAccess(ctx, campaignId);
  const rows = await repo.listAspects(ctx.db, campaignId);
  return { items: rows.map((r) => presentAspect(r.row, r.itemCount)), total: rows.length };
}

export async function createAspect(ctx: RequestContext, body: Body<typeof CreateAspectBody>) {
  const { campaign } = await campaignAccess(ctx, body.campaignId, "campaign.manage");
  return write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const seq = body.seq ?? (await repo.nextSeq(tx, campaignAspects, eq(campaignAspects.campaignId, campaign.id)));
    const row = await repo.insertAspect(tx, { cityId: campaign.cityId, campaignId: campaign.id, seq, name: body.name, description: body.description ?? "", createdAt: at, updatedAt: at });
    audit({ action: "campaign.aspect.create", entity: "campaign_aspect", entityId: row.id, cityId: row.cityId, after: row });
    return presentAspect(row, 0);
  });
}

async function aspectFor(ctx: RequestContext, id: number) {
  const row = await repo.findAspect(ctx.db, id);
  if (!row) throw notFound("方面");
  await campaignAccess(ctx, row.campaignId, "campaign.manage");
  return row;
}

export async function updateAspect(ctx: RequestContext, id: number, body: Body<typeof UpdateAspectBody>) {
  const before = await aspectFor(ctx, id);
  const { version, ...changes } = body;
  return write(ctx, async (tx, audit) => {
    const row = await repo.updateVersioned(tx, campaignAspects, id, version, changes, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "campaign.aspect.update", entity: "campaign_aspect", entityId: id, cityId: row.cityId, before, after: row });
    return presentAspect(row, await repo.countLive(tx, campaignItems, eq(campaignItems.aspectId, id)));
  });
}

export async function deleteAspect(ctx: RequestContext, id: number, body: Body<typeof RemoveBody>) {
  const before = await aspectFor(ctx, id);
  if ((await repo.countLive(ctx.db, campaignItems, eq(campaignItems.aspectId, id))) > 0) throw conflict("请先删除其下的内容 (delete its items first)", "has_children");
  await write(ctx, async (tx, audit) => {
    const row = await repo.updateVersioned(tx, campaignAspects, id, body.version, { deletedAt: ctx.clock.now() }, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "campaign.aspect.delete", entity: "campaign_aspect", entityId: id, cityId: row.cityId, before, after: { reason: body.reason } });
  });
}

function presentItem(row: repo.ItemRow, measureCount: number) {
  return { id: row.id, campaignId: row.campaignId, aspectId: row.aspectId, seq: row.seq, name: row.name, description: row.description, measureCount, version: row.version };
}

export async function listItems(ctx: RequestContext, campaignId: number, aspectId?: number) {
  await campaignAccess(ctx, campaignId);
  const rows = await repo.listItems(ctx.db, campaignId, aspectId);
  return { items: rows.map((r) => presentItem(r.row, r.measureCount)), total: rows.length };
}

export async function createItem(ctx: RequestContext, body: Body<typeof CreateItemBody>) {
  const aspect = await repo.findAspect(ctx.db, body.aspectId);
  if (!aspect) throw invalidField("aspectId", "no such aspect");
  const { campaign } = await campaignAccess(ctx, aspect.campaignId, "campaign.manage");
  return write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const seq = body.seq ?? (await repo.nextSeq(tx, campaignItems, eq(campaignItems.aspectId, aspect.id)));
    const row = await repo.insertItem(tx, { cityId: campaign.cityId, campaignId: campaign.id, aspectId: aspect.id, seq, name: body.name, description: body.description ?? "", createdAt: at, updatedAt: at });
    audit({ action: "campaign.item.create", entity: "campaign_item", entityId: row.id, cityId: row.cityId, after: row });
    return presentItem(row, 0);
  });
}

async function itemFor(ctx: RequestContext, id: number) {
  const row = await repo.findItem(ctx.db, id);
  if (!row) throw notFound("内容");
  await campaignAccess(ctx, row.campaignId, "campaign.manage");
  return row;
}

export async function updateItem(ctx: RequestContext, id: number, body: Body<typeof UpdateItemBody>) {
  const before = await itemFor(ctx, id);
  const { version, ...changes } = body;
  return write(ctx, async (tx, audit) => {
    const row = await repo.updateVersioned(tx, campaignItems, id, version, changes, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "campaign.item.update", entity: "campaign_item", entityId: id, cityId: row.cityId, before, after: row });
    return presentItem(row, await repo.countLive(tx, campaignMeasures, eq(campaignMeasures.itemId, id)));
  });
}

export async function deleteItem(ctx: RequestContext, id: number, body: Body<typeof RemoveBody>) {
  const before = await itemFor(ctx, id);
  if ((await repo.countLive(ctx.db, campaignMeasures, eq(campaignMeasures.itemId, id))) > 0) throw conflict("请先删除其下的举措 (delete its measures first)", "has_children");
  await write(ctx, async (tx, audit) => {
    const row = await repo.updateVersioned(tx, campaignItems, id, body.version, { deletedAt: ctx.clock.now() }, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "campaign.item.delete", entity: "campaign_item", entityId: id, cityId: row.cityId, before, after: { reason: body.reason } });
  });
}

async function presentMeasures(db: Database, cityId: number, rows: repo.MeasureRow[]) {
  const names = await namesFor(db, cityId, { persons: rows.map((r) => r.leaderPersonId) });
  return rows.map((row) => ({
    id: row.id,
    campaignId: row.campaignId,
    itemId: row.itemId,
    projectId: row.projectId,
    seq: row.seq,
    name: row.name,
    description: row.description,
    kind: row.kind as "required" | "optional",
    leader: names.person(row.leaderPersonId),
    leadUnit: names.unit(row.leadUnitId),
    cooperatingUnits: names.units(row.cooperatingUnitIds),
    deadline: row.deadline,
    version: row.version,
  }));
}

export async function listMeasures(ctx: RequestContext, query: Body<typeof MeasureQuery>) {
  const { campaign } = await campaignAccess(ctx, query.campaign);
  const { rows, total } = await repo.listMeasures(ctx.db, {
    campaignId: campaign.id,
    itemId: query.item,
    projectId: query.project,
    kind: query.kind,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: await presentMeasures(ctx.db, campaign.cityId, rows), total };
}

async function checkProjectOf(db: Database, campaignId: number, projectId: number | null | undefined, field: string): Promise<void> {
  if (projectId === null || projectId === undefined) return;
  const project = await repo.findProject(db, projectId);
  if (!project || project.campaignId !== campaignId) throw invalidField(field, "no such project in this campaign");
}

export async function createMeasure(ctx: RequestContext, body: Body<typeof CreateMeasureBody>) {
  const item = await repo.findItem(ctx.db, body.itemId);
  if (!item) throw invalidField("itemId", "no such item");
  const { campaign } = await campaignAccess(ctx, item.campaignId, "campaign.manage");
  await checkRefs(ctx.db, campaign.cityId, { personFields: { leaderPersonId: body.leaderPersonId }, unitFields: { leadUnitId: body.leadUnitId }, unitLists: { cooperatingUnitIds: body.cooperatingUnitIds } });
  await checkProjectOf(ctx.db, campaign.id, body.projectId, "projectId");
  const row = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const seq = body.seq ?? (await repo.nextSeq(tx, campaignMeasures, eq(campaignMeasures.itemId, item.id)));
    const row = await repo.insertMeasure(tx, {
      cityId: campaign.cityId,
      campaignId: campaign.id,
      itemId: item.id,
      projectId: body.projectId ?? null,
      seq,
      name: body.name,
      description: body.description ?? "",
      kind: body.kind,
      leaderPersonId: body.leaderPersonId ?? null,
      leadUnitId: body.leadUnitId ?? null,
      cooperatingUnitIds: body.cooperatingUnitIds ?? [],
      deadline: body.deadline ?? null,
      createdAt: at,
      updatedAt: at,
    });
    audit({ action: "campaign.measure.create", entity: "campaign_measure", entityId: row.id, cityId: row.cityId, after: row });
    return row;
  });
  return (await presentMeasures(ctx.db, campaign.cityId, [row]))[0]!;
}

async function measureFor(ctx: RequestContext, id: number) {
  const row = await repo.findMeasure(ctx.db, id);
  if (!row) throw notFound("举措");
  const { campaign } = await campaignAccess(ctx, row.campaignId, "campaign.manage");
  return { row, campaign };
}

export async function updateMeasure(ctx: RequestContext, id: number, body: Body<typeof UpdateMeasureBody>) {
  const { row: before, campaign } = await measureFor(ctx, id);
  await checkRefs(ctx.db, campaign.cityId, { personFields: { leaderPersonId: body.leaderPersonId }, unitFields: { leadUnitId: body.leadUnitId }, unitLists: { cooperatingUnitIds: body.cooperatingUnitIds } });
  await checkProjectOf(ctx.db, campaign.id, body.projectId, "projectId");
  const { version, ...changes } = body;
  const row = await write(ctx, async (tx, audit) => {
    const row = await repo.updateVersioned(tx, campaignMeasures, id, version, changes, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "campaign.measure.update", entity: "campaign_measure", entityId: id, cityId: row.cityId, before, after: row });
    return row;
  });
  return (await presentMeasures(ctx.db, campaign.cityId, [row]))[0]!;
}

export async function deleteMeasure(ctx: RequestContext, id: number, body: Body<typeof RemoveBody>) {
  const { row: before } = await measureFor(ctx, id);
  await write(ctx, async (tx, audit) => {
    const row = await repo.updateVersioned(tx, campaignMeasures, id, body.version, { deletedAt: ctx.clock.now() }, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "campaign.measure.delete", entity: "campaign_measure", entityId: id, cityId: row.cityId, before, after: { reason: body.reason } });
  });
}
