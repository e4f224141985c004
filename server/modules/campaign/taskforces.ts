import type { z } from "zod";
import { eq } from "drizzle-orm";
import type { AddMemberBody, CreateTaskForceBody, RemoveBody, UpdateTaskForceBody } from "../../../shared/schemas/campaign";
import type { Database } from "../../db/client";
import { campaignProjects, campaignTaskForces } from "../../db/schema";
import type { RequestContext } from "../../platform/context";
import { conflict, notFound, versionConflict } from "../../platform/errors";
import { write } from "../../platform/write";
import { campaignAccess, checkRefs, namesFor } from "./core";
import * as repo from "./repository";

// Task forces (专班) and their members.

type Body<T extends z.ZodType> = z.infer<T>;

// ---------------------------------------------------------------- task forces (专班)

async function presentTaskForces(db: Database, cityId: number, rows: { row: repo.TaskForceRow; memberCount: number; projectCount: number }[]) {
  const names = await namesFor(db, cityId, { persons: rows.map((r) => r.row.leaderPersonId) });
  return rows.map(({ row, memberCount, projectCount }) => ({
    id: row.id,
    campaignId: row.campaignId,
    name: row.name,
    duty: row.duty,
    leader: names.person(row.leaderPersonId),
    leadUnit: names.unit(row.leadUnitId),
    memberCount,
    projectCount,
    version: row.version,
  }));
}

export async function listTaskForces(ctx: RequestContext, campaignId: number) {
  const { campaign } = await campaignAccess(ctx, campaignId);
  const rows = await repo.listTaskForces(ctx.db, campaignId);
  return { items: await presentTaskForces(ctx.db, campaign.cityId, rows), total: rows.length };
}

export async function getTaskForce(ctx: RequestContext, id: number) {
  const row = await repo.findTaskForce(ctx.db, id);
  if (!row) throw notFound("专班");
  const { campaign } = await campaignAccess(ctx, row.campaignId);
  const listed = (await repo.listTaskForces(ctx.db, row.campaignId)).find((r) => r.row.id === id)!;
  const members = await repo.listMembers(ctx.db, id);
  const names = await namesFor(ctx.db, campaign.cityId, { persons: members.map((m) => m.personId) });
  return {
    ...(await presentTaskForces(ctx.db, campaign.cityId, [listed]))[0]!,
    members: members.map((m) => ({
      id: m.id,
      person: names.person(m.personId) ?? { id: m.personId, name: "" },
      unit: names.unit(m.unitId),
      role: m.role as "leader" | "deputy" | "member",
      version: m.version,
    })),
  };
}

export async function createTaskForce(ctx: RequestContext, body: Body<typeof CreateTaskForceBody>) {
  const { campaign } = await campaignAccess(ctx, body.campaignId, "campaign.manage");
  await checkRefs(ctx.db, campaign.cityId, { personFields: { leaderPersonId: body.leaderPersonId }, unitFields: { leadUnitId: body.leadUnitId } });
  const id = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await repo.insertTaskForce(tx, {
      cityId: campaign.cityId,
      campaignId: campaign.id,
      name: body.name,
      duty: body.duty ?? "",
      leaderPersonId: body.leaderPersonId ?? null,
      leadUnitId: body.leadUnitId ?? null,
      createdAt: at,
      updatedAt: at,
    });
    audit({ action: "campaign.task_force.create", entity: "campaign_task_force", entityId: row.id, cityId: row.cityId, after: row });
    return row.id;
  });
  return getTaskForce(ctx, id);
}

async function taskForceFor(ctx: RequestContext, id: number) {
  const row = await repo.findTaskForce(ctx.db, id);
  if (!row) throw notFound("专班");
  const { campaign } = await campaignAccess(ctx, row.campaignId, "campaign.manage");
  return { row, campaign };
}

export async function updateTaskForce(ctx: RequestContext, id: number, body: Body<typeof UpdateTaskForceBody>) {
  const { row: before, campaign } = await taskForceFor(ctx, id);
  await checkRefs(ctx.db, campaign.cityId, { personFields: { leaderPersonId: body.leaderPersonId }, unitFields: { leadUnitId: body.leadUnitId } });
  const { version, ...changes } = body;
  await write(ctx, async (tx, audit) => {
    const row = await repo.updateVersioned(tx, campaignTaskForces, id, version, changes, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "campaign.task_force.update", entity: "campaign_task_force", entityId: id, cityId: row.cityId, before, after: row });
  });
  return getTaskForce(ctx, id);
}

export async function deleteTaskForce(ctx: RequestContext, id: number, body: Body<typeof RemoveBody>) {
  const { row: before } = await taskForceFor(ctx, id);
  if ((await repo.countLive(ctx.db, campaignProjects, eq(campaignProjects.taskForceId, id))) > 0) throw conflict("专班仍负责项目，请先移交 (hand its projects to another task force first)", "has_children");
  await write(ctx, async (tx, audit) => {
    const row = await repo.updateVersioned(tx, campaignTaskForces, id, body.version, { deletedAt: ctx.clock.now() }, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "campaign.task_force.delete", entity: "campaign_task_force", entityId: id, cityId: row.cityId, before, after: { reason: body.reason } });
  });
}

export async function addMember(ctx: RequestContext, taskForceId: number, body: Body<typeof AddMemberBody>) {
  const { campaign } = await taskForceFor(ctx, taskForceId);
  await checkRefs(ctx.db, campaign.cityId, { personFields: { personId: body.personId }, unitFields: { unitId: body.unitId } });
  await write(ctx, async (tx, audit) => {
    const row = await repo.insertMember(tx, { cityId: campaign.cityId, taskForceId, personId: body.personId, unitId: body.unitId ?? null, role: body.role, createdAt: ctx.clock.now() });
    audit({ action: "campaign.task_force.member_add", entity: "campaign_task_force_member", entityId: row.id, cityId: row.cityId, after: row });
  });
  return getTaskForce(ctx, taskForceId);
}

export async function removeMember(ctx: RequestContext, id: number, body: Body<typeof RemoveBody>) {
  const member = await repo.findMember(ctx.db, id);
  if (!member) throw notFound("专班成员");
  await taskForceFor(ctx, member.taskForceId);
  await write(ctx, async (tx, audit) => {
    const row = await repo.removeMember(tx, id, body.version, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "campaign.task_force.member_remove", entity: "campaign_task_force_member", entityId: id, cityId: row.cityId, before: member, after: { reason: body.reason } });
  });
  return getTaskForce(ctx, member.taskForceId);
}
