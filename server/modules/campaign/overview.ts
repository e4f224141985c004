import type { z } from "zod";
import type { BattleMapQuery } from "../../../shared/schemas/campaign";
import type { Database } from "../../db/client";
import { personOfUser } from "../../platform/auth/service";
import type { RequestContext } from "../../platform/context";
import { requirePermission } from "../../platform/policy";
import { nodeRef, visibleNode, type NodeRef } from "../../platform/tree";
import { projectReachSql } from "./access";
import { campaignAccess, namesFor, overdueMilestones, scopeAt, today } from "./core";
import { cityDay, isLate, lightOf, type Status } from "./progress";
import type { SourceFigures } from "../../../shared/figures";
import * as claimsRepo from "./claims-repository";
import * as repo from "./repository";

// The battle map (挂图作战), rates and figures.

type Body<T extends z.ZodType> = z.infer<T>;

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

export async function figuresFor(db: Database, node: NodeRef): Promise<SourceFigures> {
  const row = await repo.campaignFigures(db, scopeAt(node.path));
  const values: SourceFigures = {};
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
  const rows = await claimsRepo.topicUnits(ctx.db, campaignId);
  const names = await namesFor(ctx.db, campaign.cityId, {});
  return { items: rows.map((row) => ({ unit: names.unit(row.unitId) ?? { id: row.unitId, name: "" }, contents: row.contents, projects: row.projects })), total: rows.length };
}
