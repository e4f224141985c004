import type { z } from "zod";
import type { Permission } from "../../../shared/permissions";
import type { Project, Ref } from "../../../shared/schemas/campaign";
import type { Database } from "../../db/client";
import type { RequestContext } from "../../platform/context";
import { AppError, forbidden, invalidField, notFound } from "../../platform/errors";
import { projectAbilities } from "./policy";
import { can, covers, requireActor, type Scope } from "../../platform/policy";
import { unitsOfCity } from "../orgs/service";
import { nodeRef, nodeRefs, type NodeRef } from "../../platform/tree";
import { personNames } from "../people/service";
import { projectInReach, reachOf, reachesCity, refuse, type Reach } from "./access";
import { cityDay, computeAll, isLate, lightOf, type Status } from "./progress";
import * as repo from "./repository";

type RefT = z.infer<typeof Ref>;

export function today(ctx: { clock: { now(): Date } }): string {
  return cityDay(ctx.clock.now());
}

export interface CampaignAccess {
  campaign: repo.CampaignRow;
  node: NodeRef;
  reach: Reach;
  /** The whole campaign lies in the caller's node reach (office, leaders, supervisors at the city). */
  covered: boolean;
}

/**
 * A campaign the caller can see anything of: 404 when it is missing or out of sight, 403 when the caller
 * sees its city root without reading campaigns, or reads it without the permission asked for.
 */
export async function campaignAccess(ctx: RequestContext, id: number, permission: Permission = "campaign.read"): Promise<CampaignAccess> {
  const reach = await reachOf(ctx, "campaign.read");
  const campaign = await repo.findCampaign(ctx.db, id);
  const node = campaign ? await nodeRef(ctx.db, campaign.nodeId) : undefined;
  if (!campaign || !node) throw notFound("专项行动");
  if (!reachesCity(reach, node.path, campaign.cityId)) refuse(reach.actor, node.path, "专项行动");
  const access = { campaign, node, reach, covered: covers(reach.nodes, node.path) };
  if (permission !== "campaign.read") requireOnCampaign(access, permission);
  return access;
}

/** A permission on the campaign itself, for a caller who already sees it (readers held below the city root too): 403 without it. */
export function requireOnCampaign(access: CampaignAccess, permission: Permission): void {
  if (!can(access.reach.actor, permission, access.node.path)) throw forbidden();
}

/** For `.catch` on an access check made for a record: a 404 names the record asked for, a 403 stays a 403. */
export function notFoundAs(what: string) {
  return (error: unknown): never => {
    throw error instanceof AppError && error.status === 404 ? notFound(what) : error;
  };
}

export interface ProjectAccess extends CampaignAccess {
  project: repo.ProjectRow;
  projectNode: NodeRef;
}

/**
 * A project the caller can see; its lead and cooperating units see it too. A project lives at its node:
 * one who reads no campaign of its city gets 403 where it sees that node, 404 elsewhere.
 */
export async function projectAccess(ctx: RequestContext, id: number): Promise<ProjectAccess> {
  const project = await repo.findProject(ctx.db, id);
  if (!project) throw notFound("项目");
  const projectNode = (await nodeRef(ctx.db, project.nodeId))!;
  const access = await campaignAccess(ctx, project.campaignId).catch((error: unknown) => {
    if (error instanceof AppError && (error.status === 403 || error.status === 404)) refuse(requireActor(ctx), projectNode.path, "项目");
    throw error;
  });
  if (!projectInReach(access.reach, { nodePath: projectNode.path, leadUnitId: project.leadUnitId, cooperatingUnitIds: project.cooperatingUnitIds }, true)) throw notFound("项目");
  return { ...access, project, projectNode };
}

/** A node for a project: within the campaign's city and the caller's reach. */
export async function projectNodeFor(ctx: RequestContext, access: CampaignAccess, nodeId: number | undefined): Promise<NodeRef> {
  if (nodeId === undefined || nodeId === access.node.id) return access.node;
  const node = await nodeRef(ctx.db, nodeId);
  if (!node || node.cityId !== access.campaign.cityId || node.retiredAt) throw invalidField("nodeId", "not a node of the campaign's city");
  return node;
}

// ---------------------------------------------------------------- names

export interface Names {
  person(id: number | null): RefT | null;
  unit(id: number | null): RefT | null;
  units(ids: number[]): RefT[];
  taskForce(id: number | null): RefT | null;
  node(id: number): RefT;
}

export async function namesFor(
  db: Database,
  cityId: number,
  wanted: { persons?: (number | null)[]; taskForces?: { id: number; name: string }[]; nodes?: number[] },
): Promise<Names> {
  const persons = new Map((await personNames(db, cityId, [...new Set(wanted.persons?.filter((id): id is number => id !== null) ?? [])])).map((row) => [row.id, row.name]));
  const units = new Map((await unitsOfCity(db, cityId)).map((row) => [row.id, row.name]));
  const taskForces = new Map((wanted.taskForces ?? []).map((row) => [row.id, row.name]));
  const nodes = await nodeRefs(db, wanted.nodes ?? []);
  const ref = (map: Map<number, string>, id: number | null) => (id === null || !map.has(id) ? null : { id, name: map.get(id)! });
  return {
    person: (id) => ref(persons, id),
    unit: (id) => ref(units, id),
    units: (ids) => ids.map((id) => ref(units, id)).filter((value): value is RefT => value !== null),
    taskForce: (id) => ref(taskForces, id),
    node: (id) => ({ id, name: nodes.get(id)?.name ?? "" }),
  };
}

/** Persons and units named in a request must exist in the campaign's city: 400 on the field otherwise. */
export async function checkRefs(
  db: Database,
  cityId: number,
  refs: { personFields?: Record<string, number | null | undefined>; unitFields?: Record<string, number | null | undefined>; unitLists?: Record<string, number[] | undefined> },
): Promise<void> {
  const personIds = Object.values(refs.personFields ?? {}).filter((id): id is number => typeof id === "number");
  const known = new Set((await personNames(db, cityId, personIds)).map((row) => row.id));
  for (const [field, id] of Object.entries(refs.personFields ?? {})) if (typeof id === "number" && !known.has(id)) throw invalidField(field, "no such person in this city");
  const units = new Set((await unitsOfCity(db, cityId)).map((row) => row.id));
  for (const [field, id] of Object.entries(refs.unitFields ?? {})) if (typeof id === "number" && !units.has(id)) throw invalidField(field, "no such unit in this city");
  for (const [field, ids] of Object.entries(refs.unitLists ?? {})) if (ids?.some((id) => !units.has(id))) throw invalidField(field, "no such unit in this city");
}

// ---------------------------------------------------------------- projects on the way out

export function presentProject(
  ctx: RequestContext,
  access: { reach: Reach },
  project: repo.ProjectRow,
  nodePath: string,
  names: Names,
  overdueMilestone: boolean,
  reportReach: Reach,
): z.infer<typeof Project> {
  const day = today(ctx);
  return {
    id: project.id,
    campaignId: project.campaignId,
    parentId: project.parentId,
    level: project.level as z.infer<typeof Project>["level"],
    name: project.name,
    description: project.description,
    kind: project.kind as z.infer<typeof Project>["kind"],
    taskForce: names.taskForce(project.taskForceId),
    leader: names.person(project.leaderPersonId),
    leadUnit: names.unit(project.leadUnitId),
    cooperatingUnits: names.units(project.cooperatingUnitIds),
    node: names.node(project.nodeId),
    topicId: project.topicId,
    claimId: project.claimId,
    startsOn: project.startsOn,
    deadline: project.deadline,
    weight: project.weight,
    status: project.status as Status,
    progress: project.progress,
    currentStage: project.currentStage,
    late: isLate(project, day),
    lateSince: project.lateSince,
    escalationLevel: project.escalationLevel,
    completedAt: project.completedAt?.toISOString() ?? null,
    light: lightOf(project, day, overdueMilestone),
    version: project.version,
    abilities: projectAbilities(
      access.reach.actor,
      nodePath,
      projectInReach(reportReach, { nodePath, leadUnitId: project.leadUnitId, cooperatingUnitIds: project.cooperatingUnitIds }, false),
    ),
  };
}

export function overdueMilestones(milestones: repo.MilestoneRow[], day: string): Set<number> {
  return new Set(milestones.filter((m) => m.progress < 100 && m.dueOn < day).map((m) => m.projectId));
}

/** The node paths of projects, for reach checks on a list. */
export async function pathsOf(db: Database, projects: repo.ProjectRow[]): Promise<Map<number, string>> {
  const refs = await nodeRefs(db, projects.map((p) => p.nodeId));
  return new Map([...refs].map(([id, ref]) => [id, ref.path]));
}

// ---------------------------------------------------------------- the roll-up

/**
 * Recomputes progress, status and stage for the whole campaign after anything they depend on changed.
 * A campaign holds a few hundred projects at most, so all of it is read once and only changed rows written.
 */
export async function recompute(tx: Database, campaignId: number, at: Date): Promise<void> {
  const projects = await repo.projectsOfCampaign(tx, campaignId);
  const milestones = (await repo.milestonesOfCampaign(tx, campaignId)).map((r) => r.row);
  const computed = computeAll(
    projects.map((p) => ({ id: p.id, parentId: p.parentId, status: p.status as Status, reportedProgress: p.reportedProgress, weight: p.weight })),
    milestones,
  );
  for (const project of projects) {
    const next = computed.get(project.id)!;
    const completedAt = next.status === "done" ? (project.completedAt ?? at) : null;
    if (next.progress === project.progress && next.status === project.status && next.currentStage === project.currentStage && completedAt === project.completedAt) continue;
    await repo.setDerived(tx, project.id, { progress: next.progress, status: next.status, currentStage: next.currentStage, completedAt });
  }
}

export const scopeAt = (path: string): Scope => ({ all: false, paths: [path] });
