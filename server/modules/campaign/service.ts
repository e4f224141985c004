import { eq } from "drizzle-orm";
import type { z } from "zod";
import type {
  AddMemberBody,
  AddUnitMemberBody,
  BattleMapQuery,
  CreateAspectBody,
  CreateCampaignBody,
  CreateItemBody,
  CreateMeasureBody,
  CreateMilestoneBody,
  CreateProjectBody,
  CreateTaskForceBody,
  MeasureQuery,
  ProjectQuery,
  ProjectStatusBody,
  RemoveBody,
  UpdateAspectBody,
  UpdateCampaignBody,
  UpdateItemBody,
  UpdateMeasureBody,
  UpdateMilestoneBody,
  UpdateProjectBody,
  UpdateTaskForceBody,
} from "../../../shared/schemas/campaign";
import type { Database } from "../../db/client";
import { campaignAspects, campaignItems, campaignMeasures, campaignMilestones, campaignProjects, campaignTaskForces, campaigns } from "../../db/schema";
import { accountInCity, personOfUser, usernames } from "../../platform/auth/service";
import type { RequestContext } from "../../platform/context";
import { badRequest, conflict, invalidField, notFound, versionConflict } from "../../platform/errors";
import { abilitiesAt, authorizeAt, requirePermission, scopeOf } from "../../platform/policy";
import { write } from "../../platform/write";
import { unitsOfCity } from "../orgs/service";
import { nodeRef, visibleNode, type NodeRef } from "../../platform/tree";
import { projectInReach, projectReachSql, reachOf } from "./access";
import {
  campaignAccess,
  checkRefs,
  namesFor,
  notFoundAs,
  overdueMilestones,
  pathsOf,
  presentProject,
  projectAccess,
  projectNodeFor,
  recompute,
  scopeAt,
  today,
  type CampaignAccess,
} from "./core";
import { cityDay, isLate, lightOf, type Status } from "./progress";
import * as repo from "./repository";
import type { FigureValues } from "../../../shared/figures";

type Body<T extends z.ZodType> = z.infer<T>;

// ---------------------------------------------------------------- campaigns

const campaignAbilities = { manage: "campaign.manage", review: "campaign.review", claim: "campaign.claim", report: "campaign.report" } as const;

function presentCampaign(access: CampaignAccess) {
  const { campaign } = access;
  return {
    id: campaign.id,
    cityId: campaign.cityId,
    nodeId: campaign.nodeId,
    name: campaign.name,
    description: campaign.description,
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    version: campaign.version,
    abilities: abilitiesAt(access.reach.actor, access.node.path, campaignAbilities),
  };
}

function checkSpan(startsOn: string, endsOn: string, field = "endsOn"): void {
  if (endsOn < startsOn) throw invalidField(field, "ends before it starts");
}

export async function listCampaigns(ctx: RequestContext) {
  requirePermission(ctx, "campaign.read");
  const reach = await reachOf(ctx, "campaign.read");
  const cityIds = [...new Set(reach.actor.grants.map((grant) => grant.cityId).filter((id): id is number => id !== null))];
  const rows = await repo.listCampaigns(ctx.db, reach.nodes.all ? "all" : cityIds);
  const items = [];
  for (const row of rows) {
    const access = await campaignAccess(ctx, row.id).catch(() => null);
    if (access) items.push(presentCampaign(access));
  }
  return { items, total: items.length };
}

export async function getCampaign(ctx: RequestContext, id: number) {
  return presentCampaign(await campaignAccess(ctx, id));
}

/** A campaign is the city's: it hangs at the root of the city where the caller manages campaigns. */
export async function createCampaign(ctx: RequestContext, body: Body<typeof CreateCampaignBody>) {
  const actor = requirePermission(ctx, "campaign.manage");
  const scope = scopeOf(actor, "campaign.manage");
  const grant = actor.grants.find((g) => g.path !== null && (scope.all || scope.paths.includes(g.path)));
  if (!grant?.path) throw badRequest("no city to hold the campaign");
  const root = await visibleNode(ctx, Number(grant.path.split("/")[1]));
  authorizeAt(ctx, "campaign.manage", root.path);
  checkSpan(body.startsOn, body.endsOn);
  const id = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await repo.insertCampaign(tx, { cityId: root.cityId, nodeId: root.id, name: body.name, description: body.description ?? "", startsOn: body.startsOn, endsOn: body.endsOn, createdAt: at, updatedAt: at });
    audit({ action: "campaign.create", entity: "campaign", entityId: row.id, cityId: row.cityId, nodeId: row.nodeId, after: row });
    return row.id;
  });
  return getCampaign(ctx, id);
}

export async function updateCampaign(ctx: RequestContext, id: number, body: Body<typeof UpdateCampaignBody>) {
  const { campaign } = await campaignAccess(ctx, id, "campaign.manage");
  const { version, ...changes } = body;
  checkSpan(changes.startsOn ?? campaign.startsOn, changes.endsOn ?? campaign.endsOn);
  await write(ctx, async (tx, audit) => {
    const row = await repo.updateVersioned(tx, campaigns, id, version, changes, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "campaign.update", entity: "campaign", entityId: id, cityId: campaign.cityId, before: campaign, after: row });
  });
  return getCampaign(ctx, id);
}

export async function deleteCampaign(ctx: RequestContext, id: number, body: Body<typeof RemoveBody>) {
  const { campaign } = await campaignAccess(ctx, id, "campaign.manage");
  await write(ctx, async (tx, audit) => {
    const row = await repo.updateVersioned(tx, campaigns, id, body.version, { deletedAt: ctx.clock.now() }, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "campaign.delete", entity: "campaign", entityId: id, cityId: campaign.cityId, before: campaign, after: { reason: body.reason } });
  });
}

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

// ---------------------------------------------------------------- projects

async function presentProjects(ctx: RequestContext, access: CampaignAccess, rows: repo.ProjectRow[]) {
  const paths = await pathsOf(ctx.db, rows);
  const taskForces = (await repo.listTaskForces(ctx.db, access.campaign.id)).map((r) => ({ id: r.row.id, name: r.row.name }));
  const names = await namesFor(ctx.db, access.campaign.cityId, { persons: rows.map((r) => r.leaderPersonId), taskForces, nodes: rows.map((r) => r.nodeId) });
  const overdue = overdueMilestones(await repo.milestonesOf(ctx.db, rows.map((r) => r.id)), today(ctx));
  const reportReach = await reachOf(ctx, "campaign.report");
  return rows.map((row) => presentProject(ctx, access, row, paths.get(row.nodeId) ?? "", names, overdue.has(row.id), reportReach));
}

export async function listProjects(ctx: RequestContext, query: Body<typeof ProjectQuery>) {
  const access = await campaignAccess(ctx, query.campaign);
  const nodeScope = query.node === undefined ? undefined : scopeAt((await visibleNode(ctx, query.node)).path);
  const { rows, total } = await repo.listProjects(
    ctx.db,
    {
      campaignId: access.campaign.id,
      reach: projectReachSql(access.reach, true),
      level: query.level,
      kind: query.kind,
      status: query.status,
      parentId: query.parent,
      taskForceId: query.taskForce,
      leaderPersonId: query.leader,
      unitId: query.unit,
      nodeScope,
      topicId: query.topic,
      today: today(ctx),
      late: query.late === undefined ? undefined : query.late === "true",
      due: query.due === undefined ? undefined : query.due === "true",
      outcome: query.outcome,
    },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return { items: await presentProjects(ctx, access, rows), total };
}

export async function getProject(ctx: RequestContext, id: number) {
  const access = await projectAccess(ctx, id);
  const children = await repo.childrenOf(ctx.db, id);
  const paths = await pathsOf(ctx.db, children);
  const visibleChildren = children.filter((child) =>
    projectInReach(access.reach, { nodePath: paths.get(child.nodeId) ?? "", leadUnitId: child.leadUnitId, cooperatingUnitIds: child.cooperatingUnitIds }, true),
  );
  const [project, ...presentedChildren] = await presentProjects(ctx, access, [access.project, ...visibleChildren]);
  const milestones = await repo.milestonesOf(ctx.db, [id]);
  const day = today(ctx);
  const stages = [...new Set(milestones.map((m) => m.stage))].sort((a, b) => a - b).map((stage) => {
    const inStage = milestones.filter((m) => m.stage === stage);
    const done = inStage.filter((m) => m.progress >= 100).length;
    const state: "pending" | "active" | "done" = done === inStage.length ? "done" : stage === access.project.currentStage ? "active" : "pending";
    return { stage, milestones: inStage.length, done, state };
  });
  return { ...project!, milestones: milestones.map((m) => presentMilestone(m, day)), children: presentedChildren, stages };
}

function presentMilestone(m: repo.MilestoneRow, day: string) {
  return {
    id: m.id,
    projectId: m.projectId,
    stage: m.stage,
    seq: m.seq,
    name: m.name,
    dueOn: m.dueOn,
    weight: m.weight,
    progress: m.progress,
    doneAt: m.doneAt?.toISOString() ?? null,
    late: m.progress < 100 && m.dueOn < day,
    version: m.version,
  };
}

/** A parent must be a project of the same campaign and never the project itself or one below it. */
async function checkParent(db: Database, campaignId: number, parentId: number | null | undefined, selfId?: number): Promise<void> {
  if (parentId === null || parentId === undefined) return;
  const all = await repo.projectsOfCampaign(db, campaignId);
  const byId = new Map(all.map((p) => [p.id, p]));
  if (!byId.has(parentId)) throw invalidField("parentId", "no such project in this campaign");
  for (let at: number | null = parentId; at !== null; at = byId.get(at)?.parentId ?? null) {
    if (at === selfId) throw invalidField("parentId", "a project cannot sit under itself or one of its own sub-projects");
  }
}

async function checkTaskForce(db: Database, campaignId: number, taskForceId: number | null | undefined): Promise<void> {
  if (taskForceId === null || taskForceId === undefined) return;
  const row = await repo.findTaskForce(db, taskForceId);
  if (!row || row.campaignId !== campaignId) throw invalidField("taskForceId", "no such task force in this campaign");
}

/** A project goes into a campaign the caller sees, at a node where the caller manages the campaign. */
export async function createProject(ctx: RequestContext, body: Body<typeof CreateProjectBody>) {
  const access = await campaignAccess(ctx, body.campaignId);
  const { campaign } = access;
  const node = await projectNodeFor(ctx, access, body.nodeId);
  authorizeAt(ctx, "campaign.manage", node.path);
  const startsOn = body.startsOn ?? campaign.startsOn;
  checkSpan(startsOn, body.deadline, "deadline");
  await checkParent(ctx.db, campaign.id, body.parentId);
  await checkTaskForce(ctx.db, campaign.id, body.taskForceId);
  await checkRefs(ctx.db, campaign.cityId, { personFields: { leaderPersonId: body.leaderPersonId }, unitFields: { leadUnitId: body.leadUnitId }, unitLists: { cooperatingUnitIds: body.cooperatingUnitIds } });
  const id = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await repo.insertProject(tx, {
      cityId: campaign.cityId,
      campaignId: campaign.id,
      parentId: body.parentId ?? null,
      level: body.level,
      name: body.name,
      description: body.description ?? "",
      kind: body.kind,
      taskForceId: body.taskForceId ?? null,
      leaderPersonId: body.leaderPersonId ?? null,
      leadUnitId: body.leadUnitId ?? null,
      cooperatingUnitIds: body.cooperatingUnitIds ?? [],
      nodeId: node.id,
      startsOn,
      deadline: body.deadline,
      weight: body.weight ?? null,
      createdAt: at,
      updatedAt: at,
    });
    await recompute(tx, campaign.id, at);
    audit({ action: "campaign.project.create", entity: "campaign_project", entityId: row.id, cityId: row.cityId, nodeId: row.nodeId, after: row });
    return row.id;
  });
  return getProject(ctx, id);
}

async function managedProject(ctx: RequestContext, id: number) {
  const access = await projectAccess(ctx, id);
  authorizeAt(ctx, "campaign.manage", access.projectNode.path);
  return access;
}

export async function updateProject(ctx: RequestContext, id: number, body: Body<typeof UpdateProjectBody>) {
  const access = await managedProject(ctx, id);
  const { project: before, campaign } = access;
  const node = body.nodeId === undefined ? undefined : await projectNodeFor(ctx, access, body.nodeId);
  checkSpan(body.startsOn ?? before.startsOn, body.deadline ?? before.deadline, "deadline");
  await checkParent(ctx.db, campaign.id, body.parentId, id);
  await checkTaskForce(ctx.db, campaign.id, body.taskForceId);
  await checkRefs(ctx.db, campaign.cityId, { personFields: { leaderPersonId: body.leaderPersonId }, unitFields: { leadUnitId: body.leadUnitId }, unitLists: { cooperatingUnitIds: body.cooperatingUnitIds } });
  const { version, nodeId: _node, ...changes } = body;
  await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await repo.updateVersioned(tx, campaignProjects, id, version, { ...changes, ...(node ? { nodeId: node.id } : {}) }, at);
    if (!row) throw versionConflict();
    await recompute(tx, campaign.id, at);
    audit({ action: "campaign.project.update", entity: "campaign_project", entityId: id, cityId: row.cityId, nodeId: row.nodeId, before, after: row });
  });
  return getProject(ctx, id);
}

export async function deleteProject(ctx: RequestContext, id: number, body: Body<typeof RemoveBody>) {
  const { project: before, campaign } = await managedProject(ctx, id);
  if ((await repo.countLive(ctx.db, campaignProjects, eq(campaignProjects.parentId, id))) > 0) throw conflict("请先删除或移走子项目 (delete or move its sub-projects first)", "has_children");
  await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await repo.updateVersioned(tx, campaignProjects, id, body.version, { deletedAt: at }, at);
    if (!row) throw versionConflict();
    await recompute(tx, campaign.id, at);
    audit({ action: "campaign.project.delete", entity: "campaign_project", entityId: id, cityId: row.cityId, nodeId: row.nodeId, before, after: { reason: body.reason } });
  });
}

/**
 * The office's own moves on a project's status. Reports move it forward by themselves (started,
 * done); by hand the office may suspend and resume, start, finish work in progress, or reopen.
 */
const statusSteps: Record<Status, readonly Status[]> = {
  not_started: ["in_progress", "suspended"],
  in_progress: ["done", "suspended"],
  suspended: ["in_progress"],
  done: ["in_progress"],
};

export async function setProjectStatus(ctx: RequestContext, id: number, body: Body<typeof ProjectStatusBody>) {
  const { project: before, campaign } = await managedProject(ctx, id);
  if (!statusSteps[before.status as Status].includes(body.status)) {
    throw conflict(`不能从 ${before.status} 变为 ${body.status} (not a permitted step)`, "invalid_transition");
  }
  await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await repo.updateVersioned(tx, campaignProjects, id, body.version, { status: body.status, completedAt: body.status === "done" ? at : null }, at);
    if (!row) throw versionConflict();
    await recompute(tx, campaign.id, at);
    audit({ action: "campaign.project.status", entity: "campaign_project", entityId: id, cityId: row.cityId, nodeId: row.nodeId, before: { status: before.status }, after: { status: body.status } });
  });
  return getProject(ctx, id);
}

// ---------------------------------------------------------------- milestones

export async function createMilestone(ctx: RequestContext, body: Body<typeof CreateMilestoneBody>) {
  const { project, campaign } = await managedProject(ctx, body.projectId);
  await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const [row] = await repo.insertMilestones(tx, [
      {
        cityId: campaign.cityId,
        projectId: project.id,
        stage: body.stage ?? 1,
        seq: await repo.nextMilestoneSeq(tx, project.id),
        name: body.name,
        dueOn: body.dueOn,
        weight: body.weight ?? null,
        createdAt: at,
        updatedAt: at,
      },
    ]);
    await recompute(tx, campaign.id, at);
    audit({ action: "campaign.milestone.create", entity: "campaign_milestone", entityId: row!.id, cityId: campaign.cityId, after: row });
  });
  return getProject(ctx, project.id);
}

async function managedMilestone(ctx: RequestContext, id: number) {
  const milestone = await repo.findMilestone(ctx.db, id);
  if (!milestone) throw notFound("节点");
  const access = await managedProject(ctx, milestone.projectId).catch(notFoundAs("节点"));
  return { milestone, ...access };
}

export async function updateMilestone(ctx: RequestContext, id: number, body: Body<typeof UpdateMilestoneBody>) {
  const { milestone: before, campaign } = await managedMilestone(ctx, id);
  const { version, ...changes } = body;
  await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await repo.updateVersioned(tx, campaignMilestones, id, version, changes, at);
    if (!row) throw versionConflict();
    await recompute(tx, campaign.id, at);
    audit({ action: "campaign.milestone.update", entity: "campaign_milestone", entityId: id, cityId: row.cityId, before, after: row });
  });
  return getProject(ctx, before.projectId);
}

export async function deleteMilestone(ctx: RequestContext, id: number, body: Body<typeof RemoveBody>) {
  const { milestone: before, campaign } = await managedMilestone(ctx, id);
  await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await repo.updateVersioned(tx, campaignMilestones, id, body.version, { deletedAt: at }, at);
    if (!row) throw versionConflict();
    await recompute(tx, campaign.id, at);
    audit({ action: "campaign.milestone.delete", entity: "campaign_milestone", entityId: id, cityId: row.cityId, before, after: { reason: body.reason } });
  });
  return getProject(ctx, before.projectId);
}

// ---------------------------------------------------------------- the battle map (挂图作战)

export async function battleMap(ctx: RequestContext, campaignId: number, query: Body<typeof BattleMapQuery>) {
  const access = await campaignAccess(ctx, campaignId);
  const { campaign } = access;
  const day = today(ctx);
  const nodeScope = query.node === undefined ? undefined : scopeAt((await visibleNode(ctx, query.node)).path);
  const { rows } = await repo.listProjects(ctx.db, {
    campaignId,
    reach: projectReachSql(access.reach, true),
    level: query.level,
    status: query.status,
    taskForceId: query.taskForce,
    leaderPersonId: query.leader,
    unitId: query.unit,
    nodeScope,
    today: day,
  });
  const milestones = await repo.milestonesOf(ctx.db, rows.map((r) => r.id));
  const overdue = overdueMilestones(milestones, day);
  const taskForces = (await repo.listTaskForces(ctx.db, campaignId)).map((r) => ({ id: r.row.id, name: r.row.name }));
  const names = await namesFor(ctx.db, campaign.cityId, { persons: rows.map((r) => r.leaderPersonId), taskForces, nodes: rows.map((r) => r.nodeId) });
  const personId = await personOfUser(ctx.db, access.reach.actor.userId);
  const mine = (row: repo.ProjectRow) =>
    (personId !== null && row.leaderPersonId === personId) ||
    (row.leadUnitId !== null && access.reach.units.includes(row.leadUnitId)) ||
    row.cooperatingUnitIds.some((unit) => access.reach.units.includes(unit));
  const items = rows
    .map((row) => {
      const light = lightOf(row, day, overdue.has(row.id));
      const unit = names.unit(row.leadUnitId);
      const leader = names.person(row.leaderPersonId);
      return {
        id: row.id,
        parentId: row.parentId,
        level: row.level as "program" | "concrete" | "topic",
        name: row.name,
        kind: row.kind as "required" | "optional",
        // The owner is who answers for the work day to day: the lead unit, else the responsible leader.
        owner: unit ?? leader,
        leader,
        unit,
        taskForce: names.taskForce(row.taskForceId),
        node: names.node(row.nodeId),
        startsOn: row.startsOn,
        deadline: row.deadline,
        progress: row.progress,
        status: row.status as Status,
        light,
        late: isLate(row, day),
        escalationLevel: row.escalationLevel,
        currentStage: row.currentStage,
        own: mine(row),
        milestones: milestones
          .filter((m) => m.projectId === row.id)
          .map((m) => ({ id: m.id, name: m.name, dueOn: m.dueOn, stage: m.stage, progress: m.progress, done: m.progress >= 100 })),
        href: `/api/campaign/projects/${row.id}`,
      };
    })
    .filter((item) => !query.light || item.light === query.light);
  // The caller's own work first; the rest keeps the list's order (level, deadline).
  items.sort((a, b) => Number(b.own) - Number(a.own));
  const count = <T extends string>(values: readonly T[], pick: (item: (typeof items)[number]) => T) =>
    Object.fromEntries(values.map((value) => [value, items.filter((item) => pick(item) === value).length])) as Record<T, number>;
  return {
    campaign: { id: campaign.id, name: campaign.name, startsOn: campaign.startsOn, endsOn: campaign.endsOn },
    asOf: ctx.clock.now().toISOString(),
    today: day,
    items,
    summary: {
      total: items.length,
      byLight: count(["green", "yellow", "red"] as const, (item) => item.light),
      byStatus: count(["not_started", "in_progress", "done", "suspended"] as const, (item) => item.status),
    },
  };
}

// ---------------------------------------------------------------- figures and rates

/** Below this many projects due, a rate says more about luck than about the unit: it is shown as null. */
export const MINIMUM_DUE = 3;

export async function rates(ctx: RequestContext, campaignId: number, by: "unit" | "leader") {
  const access = await campaignAccess(ctx, campaignId);
  const day = today(ctx);
  const { rows } = await repo.listProjects(ctx.db, { campaignId, reach: projectReachSql(access.reach, true), today: day });
  const keyOf = (row: repo.ProjectRow) => (by === "unit" ? row.leadUnitId : row.leaderPersonId);
  const groups = new Map<number, repo.ProjectRow[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== null) groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const names = await namesFor(ctx.db, access.campaign.cityId, { persons: by === "leader" ? [...groups.keys()] : [] });
  const items = [...groups].map(([id, projects]) => {
    // The same rules as the drill-down lists' due / outcome filters (repository.dueSql, onTimeSql).
    const due = projects.filter((p) => p.deadline <= day || p.status === "done");
    const done = due.filter((p) => p.status === "done");
    const onTime = done.filter((p) => p.completedAt !== null && cityDay(p.completedAt) <= p.deadline);
    const enough = due.length >= MINIMUM_DUE;
    const rate = (part: number) => (enough ? Math.round((part / due.length) * 1000) / 10 : null);
    const base = `/api/campaign/projects?campaign=${campaignId}&${by === "unit" ? "unit" : "leader"}=${id}&due=true`;
    return {
      id,
      name: (by === "unit" ? names.unit(id) : names.person(id))?.name ?? "",
      projects: projects.length,
      due: due.length,
      done: done.length,
      onTime: onTime.length,
      completionRate: rate(done.length),
      onTimeRate: rate(onTime.length),
      hrefs: { due: base, done: `${base}&outcome=done`, onTime: `${base}&outcome=on_time` },
    };
  });
  items.sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || (b.completionRate ?? -1) - (a.completionRate ?? -1) || a.id - b.id);
  return { by, today: day, minimumDue: MINIMUM_DUE, items };
}

const figureKeys = {
  aspects: "campaign.aspects",
  items: "campaign.items",
  measures: "campaign.measures",
  projects: "campaign.projects",
  concreteProjects: "campaign.concreteProjects",
  taskForces: "campaign.taskForces",
  topicUnits: "campaign.topicUnits",
  topicContents: "campaign.topicContents",
  topicProjects: "campaign.topicProjects",
  requiredActions: "campaign.requiredActions",
  optionalActions: "campaign.optionalActions",
} as const;

export async function figuresFor(db: Database, node: NodeRef): Promise<FigureValues> {
  const row = await repo.campaignFigures(db, scopeAt(node.path));
  const values: FigureValues = {};
  for (const field of Object.keys(figureKeys) as (keyof typeof figureKeys)[]) values[figureKeys[field]] = row[field];
  return values;
}

/** One campaign's figures, each with the list that holds exactly the records it counts. */
export async function campaignFigures(ctx: RequestContext, campaignId: number) {
  const { campaign } = await campaignAccess(ctx, campaignId);
  requirePermission(ctx, "figures.read");
  const row = await repo.campaignFigures(ctx.db, scopeAt((await nodeRef(ctx.db, campaign.nodeId))!.path));
  const c = `campaign=${campaignId}`;
  const hrefs: Record<keyof typeof figureKeys, string> = {
    aspects: `/api/campaign/aspects?${c}`,
    items: `/api/campaign/items?${c}`,
    measures: `/api/campaign/measures?${c}`,
    projects: `/api/campaign/projects?${c}&level=program`,
    concreteProjects: `/api/campaign/projects?${c}&level=concrete`,
    taskForces: `/api/campaign/task-forces?${c}`,
    topicUnits: `/api/campaign/topic-units?${c}`,
    topicContents: `/api/campaign/claims?${c}&audience=unit&status=approved`,
    topicProjects: `/api/campaign/projects?${c}&level=topic`,
    requiredActions: `/api/campaign/topics?${c}&audience=unit&kind=required&listed=true`,
    optionalActions: `/api/campaign/topics?${c}&audience=unit&kind=optional&listed=true`,
  };
  return { items: (Object.keys(figureKeys) as (keyof typeof figureKeys)[]).map((field) => ({ key: figureKeys[field], value: row[field], href: hrefs[field] })) };
}

export async function topicUnits(ctx: RequestContext, campaignId: number) {
  const { campaign } = await campaignAccess(ctx, campaignId);
  const rows = await repo.topicUnits(ctx.db, campaignId);
  const names = await namesFor(ctx.db, campaign.cityId, {});
  return { items: rows.map((row) => ({ unit: names.unit(row.unitId) ?? { id: row.unitId, name: "" }, contents: row.contents, projects: row.projects })), total: rows.length };
}

// ---------------------------------------------------------------- who speaks for which unit

function managedCities(ctx: RequestContext): number[] {
  const actor = requirePermission(ctx, "campaign.manage");
  const scope = scopeOf(actor, "campaign.manage");
  return [...new Set(actor.grants.filter((g) => g.path !== null && (scope.all || scope.paths.includes(g.path))).map((g) => g.cityId).filter((id): id is number => id !== null))];
}

async function cityRootPath(ctx: RequestContext, cityId: number): Promise<string> {
  const grant = requirePermission(ctx, "campaign.manage").grants.find((g) => g.cityId === cityId && g.path !== null);
  return `/${grant!.path!.split("/")[1]}/`;
}

export async function listUnitMembers(ctx: RequestContext, unitId?: number) {
  const cities = managedCities(ctx);
  const units = new Map<number, string>();
  for (const city of cities) for (const unit of await unitsOfCity(ctx.db, city)) units.set(unit.id, unit.name);
  // A unit of a city the caller does not manage is out of its sight, like a node outside its subtree.
  if (unitId !== undefined && !units.has(unitId)) throw notFound("单位");
  const rows = await repo.listUnitMembers(ctx.db, cities, unitId);
  const names = await usernames(ctx.db, [...new Set(rows.map((row) => row.userId))]);
  return {
    items: rows.map((row) => ({ id: row.id, userId: row.userId, username: names.get(row.userId) ?? "", unit: { id: row.unitId, name: units.get(row.unitId) ?? "" }, createdAt: row.createdAt.toISOString() })),
  };
}

export async function addUnitMember(ctx: RequestContext, body: Body<typeof AddUnitMemberBody>) {
  const cities = managedCities(ctx);
  let cityId: number | undefined;
  for (const city of cities) if ((await unitsOfCity(ctx.db, city)).some((unit) => unit.id === body.unitId)) cityId = city;
  if (cityId === undefined) throw notFound("单位");
  authorizeAt(ctx, "campaign.manage", await cityRootPath(ctx, cityId));
  const actor = requirePermission(ctx, "campaign.manage");
  // One answer for a missing account and another city's or a system account: neither is a hint.
  if (!(await accountInCity(ctx.db, body.userId, cityId))) throw invalidField("userId", "本市没有这个有效账号 (no active account of this city has that id)");
  const added = await write(ctx, async (tx, audit) => {
    const row = await repo.insertUnitMember(tx, { cityId: cityId!, userId: body.userId, unitId: body.unitId, addedBy: actor.userId, createdAt: ctx.clock.now() });
    if (!row) throw conflict("该账号已属于此单位 (already a member of this unit)", "duplicate");
    audit({ action: "campaign.unit_member.add", entity: "campaign_unit_member", entityId: row.id, cityId, after: row });
    return row;
  });
  return (await listUnitMembers(ctx, body.unitId)).items.find((item) => item.id === added.id)!;
}

export async function removeUnitMember(ctx: RequestContext, id: number, reason: string) {
  const cities = managedCities(ctx);
  const member = await repo.findUnitMember(ctx.db, id);
  if (!member || !cities.includes(member.cityId)) throw notFound("单位成员");
  const actor = requirePermission(ctx, "campaign.manage");
  await write(ctx, async (tx, audit) => {
    const row = await repo.removeUnitMember(tx, id, actor.userId, ctx.clock.now());
    if (!row) throw notFound("单位成员");
    audit({ action: "campaign.unit_member.remove", entity: "campaign_unit_member", entityId: id, cityId: row.cityId, before: member, after: { reason } });
  });
}

/** Who the caller is in the campaign: the person they are (for 揭榜) and the units they speak for (for 领题). */
export async function me(ctx: RequestContext) {
  requirePermission(ctx, "campaign.read");
  const reach = await reachOf(ctx, "campaign.read");
  const personId = await personOfUser(ctx.db, reach.actor.userId);
  const cityId = reach.actor.cityId;
  const units = cityId === null ? [] : (await unitsOfCity(ctx.db, cityId)).filter((unit) => reach.units.includes(unit.id));
  return { personId, units };
}
