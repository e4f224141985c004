import type { z } from "zod";
import { eq } from "drizzle-orm";
import type { CreateMilestoneBody, CreateProjectBody, DueMilestoneQuery, ProjectQuery, ProjectStatusBody, RemoveBody, UpdateMilestoneBody, UpdateProjectBody } from "../../../shared/schemas/campaign";
import type { Database } from "../../db/client";
import { campaignMilestones, campaignProjects } from "../../db/schema";
import type { RequestContext } from "../../platform/context";
import { conflict, invalidField, notFound, versionConflict } from "../../platform/errors";
import { authorizeAt, covers } from "../../platform/policy";
import { write } from "../../platform/write";
import { visibleNode } from "../../platform/tree";
import { projectInReach, projectReachSql, reachOf, refuse } from "./access";
import { campaignAccess, checkRefs, namesFor, notFoundAs, overdueMilestones, pathsOf, presentProject, projectAccess, projectNodeFor, recompute, scopeAt, today, type CampaignAccess } from "./core";
import { type Status } from "./progress";
import * as repo from "./repository";
import { checkSpan } from "./campaigns";

// Projects (工程 and 项目), their status steps and milestones.

type Body<T extends z.ZodType> = z.infer<T>;

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

/** Milestones due in a period under a node (or led by a unit), across the city's campaigns: the drill-down of the evaluation's campaign indicators. */
export async function listDueMilestones(ctx: RequestContext, query: Body<typeof DueMilestoneQuery>) {
  const reach = await reachOf(ctx, "campaign.read");
  const node = await visibleNode(ctx, query.org);
  // A unit's own staff read its milestones wherever its projects lie; others need campaign.read over the node.
  const ownUnit = query.unit !== undefined && reach.units.includes(query.unit);
  if (!ownUnit && !covers(reach.nodes, node.path)) refuse(reach.actor, node.path, "组织节点");
  const { rows, total } = await repo.listDueMilestones(
    ctx.db,
    { cityId: node.cityId, days: { from: query.from, to: query.to }, reach: projectReachSql(reach, false), nodeScope: scopeAt(node.path), unitId: query.unit, outcome: query.outcome },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return { items: rows.map((row) => ({ ...row, doneAt: row.doneAt ? row.doneAt.toISOString() : null })), total };
}
