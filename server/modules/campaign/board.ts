import type { z } from "zod";
import type {
  ClaimQuery,
  CreateClaimBody,
  CreateTopicBody,
  PlanProject,
  RemoveBody,
  ResubmitClaimBody,
  ReturnBody,
  ReviewBody,
  TopicQuery,
  UpdateTopicBody,
  VersionBody,
} from "../../../shared/schemas/campaign";
import { campaignTopics } from "../../db/schema";
import { personOfUser } from "../../platform/auth/service";
import type { RequestContext } from "../../platform/context";
import { conflict, forbidden, invalidField, notFound, versionConflict } from "../../platform/errors";
import { requirePermission } from "../../platform/policy";
import { claimAbilities, mayManage, mayReview, topicAbilities } from "./policy";
import { write } from "../../platform/write";
import { notify } from "../notifications/service";
import { notifyWork } from "../notifications/work";
import { claimReachSql, reachOf } from "./access";
import { campaignAccess, namesFor, notFoundAs, recompute, requireOnCampaign, today, type CampaignAccess } from "./core";
import * as claimsRepo from "./claims-repository";
import * as repo from "./repository";

type Body<T extends z.ZodType> = z.infer<T>;
type Plan = { projects: PlanProject[] };

/**
 * The claim board (揭榜领题). A topic goes draft → open (published) → closed, and may be reopened.
 * A claim goes submitted → approved, or → returned (then resubmitted) or withdrawn by its claimant;
 * approval is final and turns the claim into projects with milestones. Any other step is a 409.
 */
const topicSteps = { publish: ["draft", "open"], close: ["open", "closed"], reopen: ["closed", "open"] } as const;
type TopicStep = keyof typeof topicSteps;

const claimSteps = {
  approve: ["submitted"],
  return: ["submitted"],
  resubmit: ["returned"],
  withdraw: ["submitted", "returned"],
} as const satisfies Record<string, readonly string[]>;

function invalidStep(what: string, from: string): never {
  throw conflict(`${what}: 当前状态 ${from} 不允许此操作 (not permitted from ${from})`, "invalid_transition");
}

// ---------------------------------------------------------------- topics

async function presentTopics(access: CampaignAccess, rows: repo.TopicRow[], db: RequestContext["db"]) {
  const counts = await claimsRepo.claimCounts(db, rows.map((row) => row.id));
  return rows.map((row) => ({
    id: row.id,
    campaignId: row.campaignId,
    audience: row.audience as "leader" | "unit",
    kind: row.kind as "required" | "optional",
    title: row.title,
    description: row.description,
    expectedResults: row.expectedResults,
    claimDeadline: row.claimDeadline,
    parentProjectId: row.parentProjectId,
    status: row.status as "draft" | "open" | "closed",
    publishedAt: row.publishedAt?.toISOString() ?? null,
    claims: counts.get(row.id) ?? { submitted: 0, approved: 0 },
    version: row.version,
    abilities: topicAbilities(access.reach.actor, access.node.path),
  }));
}

/** Drafts are the office's working papers: only those who manage the campaign see them. */
function seesDrafts(access: CampaignAccess): boolean {
  return mayManage(access.reach.actor, access.node.path);
}

export async function listTopics(ctx: RequestContext, query: Body<typeof TopicQuery>) {
  const access = await campaignAccess(ctx, query.campaign);
  const { rows, total } = await claimsRepo.listTopics(ctx.db, {
    campaignId: access.campaign.id,
    audience: query.audience,
    kind: query.kind,
    status: query.status,
    listed: query.listed === undefined ? undefined : query.listed === "true",
    hideDrafts: !seesDrafts(access),
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: await presentTopics(access, rows, ctx.db), total };
}

async function topicAccess(ctx: RequestContext, id: number) {
  const topic = await claimsRepo.findTopic(ctx.db, id);
  if (!topic) throw notFound("榜单题目");
  const access = await campaignAccess(ctx, topic.campaignId);
  if (topic.status === "draft" && !seesDrafts(access)) throw notFound("榜单题目");
  return { topic, access };
}

export async function getTopic(ctx: RequestContext, id: number) {
  const { topic, access } = await topicAccess(ctx, id);
  return (await presentTopics(access, [topic], ctx.db))[0]!;
}

async function checkParentProject(ctx: RequestContext, campaignId: number, parentProjectId: number | null | undefined): Promise<void> {
  if (parentProjectId === null || parentProjectId === undefined) return;
  const project = await repo.findProject(ctx.db, parentProjectId);
  if (!project || project.campaignId !== campaignId) throw invalidField("parentProjectId", "no such project in this campaign");
}

export async function createTopic(ctx: RequestContext, body: Body<typeof CreateTopicBody>) {
  const access = await campaignAccess(ctx, body.campaignId, "campaign.manage");
  await checkParentProject(ctx, access.campaign.id, body.parentProjectId);
  const id = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const { campaignId: _campaign, parentProjectId, ...fields } = body;
    const row = await claimsRepo.insertTopic(tx, { ...fields, cityId: access.campaign.cityId, campaignId: access.campaign.id, parentProjectId: parentProjectId ?? null, createdAt: at, updatedAt: at });
    audit({ action: "campaign.topic.create", entity: "campaign_topic", entityId: row.id, cityId: row.cityId, after: row });
    return row.id;
  });
  return getTopic(ctx, id);
}

async function managedTopic(ctx: RequestContext, id: number) {
  const { topic, access } = await topicAccess(ctx, id);
  requireOnCampaign(access, "campaign.manage");
  return { topic, access };
}

export async function updateTopic(ctx: RequestContext, id: number, body: Body<typeof UpdateTopicBody>) {
  const { topic: before, access } = await managedTopic(ctx, id);
  if (before.status === "closed") invalidStep("编辑题目", before.status);
  await checkParentProject(ctx, access.campaign.id, body.parentProjectId);
  const { version, ...changes } = body;
  await write(ctx, async (tx, audit) => {
    const row = await repo.updateVersioned(tx, campaignTopics, id, version, changes, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "campaign.topic.update", entity: "campaign_topic", entityId: id, cityId: row.cityId, before, after: row });
  });
  return getTopic(ctx, id);
}

export async function moveTopic(ctx: RequestContext, id: number, step: TopicStep, body: Body<typeof VersionBody>) {
  const { topic: before } = await managedTopic(ctx, id);
  const [from, to] = topicSteps[step];
  if (before.status !== from) invalidStep(`题目 ${step}`, before.status);
  await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await repo.updateVersioned(tx, campaignTopics, id, body.version, { status: to, ...(step === "publish" ? { publishedAt: at } : {}) }, at);
    if (!row) throw versionConflict();
    audit({ action: `campaign.topic.${step}`, entity: "campaign_topic", entityId: id, cityId: row.cityId, before: { status: from }, after: { status: to } });
  });
  return getTopic(ctx, id);
}

/** Only a draft may go: once published, a topic is part of the record, and is closed instead. */
export async function deleteTopic(ctx: RequestContext, id: number, body: Body<typeof RemoveBody>) {
  const { topic: before } = await managedTopic(ctx, id);
  if (before.status !== "draft") invalidStep("删除题目", before.status);
  await write(ctx, async (tx, audit) => {
    const row = await repo.updateVersioned(tx, campaignTopics, id, body.version, { deletedAt: ctx.clock.now() }, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "campaign.topic.delete", entity: "campaign_topic", entityId: id, cityId: row.cityId, before, after: { reason: body.reason } });
  });
}

// ---------------------------------------------------------------- claims

const planOf = (claim: repo.ClaimRow): Plan => claim.plan as Plan;

async function presentClaims(ctx: RequestContext, access: CampaignAccess, rows: repo.ClaimRow[]) {
  const topics = new Map<number, string>();
  for (const id of new Set(rows.map((row) => row.topicId))) topics.set(id, (await claimsRepo.findTopic(ctx.db, id))?.title ?? "");
  const names = await namesFor(ctx.db, access.campaign.cityId, { persons: rows.map((row) => row.claimantPersonId) });
  const projects = await claimsRepo.projectIdsOfClaims(ctx.db, rows.map((row) => row.id));
  const reviewer = mayReview(access.reach.actor, access.node.path);
  const userId = access.reach.actor.userId;
  return rows.map((row) => {
    const claimant = row.claimedBy === userId || (row.unitId !== null && access.reach.units.includes(row.unitId));
    return {
      id: row.id,
      campaignId: row.campaignId,
      topicId: row.topicId,
      topicTitle: topics.get(row.topicId) ?? "",
      audience: row.audience as "leader" | "unit",
      claimant: names.person(row.claimantPersonId),
      unit: names.unit(row.unitId),
      summary: row.summary,
      projects: planOf(row).projects,
      status: row.status as "submitted" | "approved" | "returned" | "withdrawn",
      reviewNote: row.reviewNote,
      reviewedAt: row.reviewedAt?.toISOString() ?? null,
      submittedAt: row.submittedAt.toISOString(),
      createdProjectIds: projects.get(row.id) ?? [],
      version: row.version,
      abilities: claimAbilities(reviewer, claimant, row.status),
    };
  });
}

export async function listClaims(ctx: RequestContext, query: Body<typeof ClaimQuery>) {
  const access = await campaignAccess(ctx, query.campaign);
  const personId = await personOfUser(ctx.db, access.reach.actor.userId);
  const { rows, total } = await claimsRepo.listClaims(ctx.db, {
    campaignId: access.campaign.id,
    reach: claimReachSql(access.reach, access.covered, { userId: access.reach.actor.userId, personId }),
    topicId: query.topic,
    audience: query.audience,
    status: query.status,
    unitId: query.unit,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: await presentClaims(ctx, access, rows), total };
}

/** A claim the caller may see: the office and city-wide readers all, others their own and their unit's. */
async function claimAccess(ctx: RequestContext, id: number) {
  const claim = await claimsRepo.findClaim(ctx.db, id);
  if (!claim) throw notFound("揭榜领题");
  const access = await campaignAccess(ctx, claim.campaignId).catch(notFoundAs("揭榜领题"));
  const personId = await personOfUser(ctx.db, access.reach.actor.userId);
  const own = claim.claimedBy === access.reach.actor.userId || (personId !== null && claim.claimantPersonId === personId) || (claim.unitId !== null && access.reach.units.includes(claim.unitId));
  if (!access.covered && !own) throw notFound("揭榜领题");
  return { claim, access, own };
}

export async function getClaim(ctx: RequestContext, id: number) {
  const { claim, access } = await claimAccess(ctx, id);
  return (await presentClaims(ctx, access, [claim]))[0]!;
}

function checkPlan(audience: string, projects: PlanProject[]): void {
  if (audience === "unit" && projects.length === 0) throw invalidField("projects", "a unit's plan names at least one project");
  for (const [index, project] of projects.entries()) {
    if (project.startsOn && project.deadline < project.startsOn) throw invalidField(`projects.${index}.deadline`, "ends before it starts");
  }
}

export async function createClaim(ctx: RequestContext, body: Body<typeof CreateClaimBody>) {
  const actor = requirePermission(ctx, "campaign.claim");
  const topic = await claimsRepo.findTopic(ctx.db, body.topicId);
  if (!topic || topic.status === "draft") throw notFound("榜单题目");
  const access = await campaignAccess(ctx, topic.campaignId);
  const claimReach = await reachOf(ctx, "campaign.claim");
  if (topic.status !== "open") invalidStep("揭榜领题", topic.status);
  if (today(ctx) > topic.claimDeadline) throw conflict("已过揭榜领题截止日期 (the claim deadline has passed)", "invalid_transition");
  checkPlan(topic.audience, body.projects);
  let personId: number | null = null;
  if (topic.audience === "leader") {
    if (body.unitId !== undefined) throw invalidField("unitId", "a leader claims in person, not for a unit");
    personId = await personOfUser(ctx.db, actor.userId);
    // 揭榜 is a leader's personal undertaking: the account must be a person, with the claim permission over the city.
    if (personId === null || (!claimReach.nodes.all && !claimReach.nodes.paths.some((path) => access.node.path.startsWith(path)))) throw forbidden("只有领导本人可以揭榜 (only a leader, in person, claims this topic)");
    if (await claimsRepo.liveClaimOf(ctx.db, topic.id, { personId })) throw conflict("您已揭榜此题 (you have already claimed this topic)", "duplicate_claim");
  } else {
    if (body.unitId === undefined) throw invalidField("unitId", "name the unit taking the topic");
    if (!claimReach.units.includes(body.unitId)) throw forbidden("只能为本单位领题 (only for your own unit)");
    if (await claimsRepo.liveClaimOf(ctx.db, topic.id, { unitId: body.unitId })) throw conflict("本单位已领此题 (your unit has already taken this topic)", "duplicate_claim");
  }
  const id = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await claimsRepo.insertClaim(tx, {
      cityId: topic.cityId,
      campaignId: topic.campaignId,
      topicId: topic.id,
      audience: topic.audience,
      claimantPersonId: personId,
      unitId: body.unitId ?? null,
      claimedBy: actor.userId,
      summary: body.summary,
      plan: { projects: body.projects } satisfies Plan,
      submittedAt: at,
      createdAt: at,
      updatedAt: at,
    });
    audit({ action: "campaign.claim.submit", entity: "campaign_claim", entityId: row.id, cityId: row.cityId, after: row });
    return row.id;
  });
  return getClaim(ctx, id);
}

export async function resubmitClaim(ctx: RequestContext, id: number, body: Body<typeof ResubmitClaimBody>) {
  const { claim, own } = await claimAccess(ctx, id);
  if (!own) throw forbidden();
  if (!(claimSteps.resubmit as readonly string[]).includes(claim.status)) invalidStep("重新提交", claim.status);
  checkPlan(claim.audience, body.projects);
  await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await claimsRepo.updateClaim(tx, id, body.version, { status: "submitted", summary: body.summary, plan: { projects: body.projects } satisfies Plan, submittedAt: at }, at);
    if (!row) throw versionConflict();
    audit({ action: "campaign.claim.resubmit", entity: "campaign_claim", entityId: id, cityId: row.cityId, before: claim, after: row });
  });
  return getClaim(ctx, id);
}

export async function withdrawClaim(ctx: RequestContext, id: number, body: Body<typeof VersionBody>) {
  const { claim, own } = await claimAccess(ctx, id);
  if (!own) throw forbidden();
  if (!(claimSteps.withdraw as readonly string[]).includes(claim.status)) invalidStep("撤回", claim.status);
  await write(ctx, async (tx, audit) => {
    const row = await claimsRepo.updateClaim(tx, id, body.version, { status: "withdrawn" }, ctx.clock.now());
    if (!row) throw versionConflict();
    audit({ action: "campaign.claim.withdraw", entity: "campaign_claim", entityId: id, cityId: row.cityId, before: { status: claim.status }, after: { status: "withdrawn" } });
  });
  return getClaim(ctx, id);
}

async function reviewedClaim(ctx: RequestContext, id: number, step: "approve" | "return") {
  const { claim, access } = await claimAccess(ctx, id);
  requireOnCampaign(access, "campaign.review");
  if (!(claimSteps[step] as readonly string[]).includes(claim.status)) invalidStep(step === "approve" ? "批准" : "退回", claim.status);
  return { claim, access };
}

/**
 * Approval turns the plan into projects: a leader's claim into a 工程 they lead, a unit's into the
 * projects its plan names, owned by the unit and placed under the topic's project if it has one.
 */
export async function approveClaim(ctx: RequestContext, id: number, body: Body<typeof ReviewBody>) {
  const { claim, access } = await reviewedClaim(ctx, id, "approve");
  const topic = (await claimsRepo.findTopic(ctx.db, claim.topicId))!;
  if (claim.audience === "leader" && (await claimsRepo.approvedLeaderClaim(ctx.db, topic.id))) throw conflict("此题已有领导揭榜 (a leader has already claimed this topic)", "already_claimed");
  const parent = topic.parentProjectId === null ? undefined : await repo.findProject(ctx.db, topic.parentProjectId);
  const { campaign } = access;
  const start = today(ctx) > campaign.startsOn ? today(ctx) : campaign.startsOn;
  const plan = planOf(claim).projects;
  const projects: PlanProject[] = plan.length > 0 ? plan : [{ name: topic.title, deadline: campaign.endsOn, milestones: [] }];
  await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await claimsRepo.updateClaim(tx, id, body.version, { status: "approved", reviewNote: body.note ?? null, reviewedBy: access.reach.actor.userId, reviewedAt: at }, at);
    if (!row) throw versionConflict();
    for (const planned of projects) {
      const project = await repo.insertProject(tx, {
        cityId: campaign.cityId,
        campaignId: campaign.id,
        parentId: parent?.id ?? null,
        level: claim.audience === "leader" ? "program" : "topic",
        name: planned.name,
        description: planned.description ?? topic.expectedResults,
        kind: topic.kind,
        taskForceId: parent?.taskForceId ?? null,
        leaderPersonId: claim.claimantPersonId ?? parent?.leaderPersonId ?? null,
        leadUnitId: claim.unitId,
        nodeId: campaign.nodeId,
        topicId: topic.id,
        claimId: claim.id,
        startsOn: planned.startsOn ?? (start > planned.deadline ? planned.deadline : start),
        deadline: planned.deadline,
        weight: planned.weight ?? null,
        createdAt: at,
        updatedAt: at,
      });
      await repo.insertMilestones(
        tx,
        planned.milestones.map((milestone, index) => ({
          cityId: campaign.cityId,
          projectId: project.id,
          stage: milestone.stage ?? 1,
          seq: index + 1,
          name: milestone.name,
          dueOn: milestone.dueOn,
          weight: milestone.weight ?? null,
          createdAt: at,
          updatedAt: at,
        })),
      );
      audit({ action: "campaign.project.create", entity: "campaign_project", entityId: project.id, cityId: project.cityId, nodeId: project.nodeId, after: { ...project, fromClaim: claim.id } });
    }
    await recompute(tx, campaign.id, at);
    await notifyWork(tx, { cityId: row.cityId, userIds: [row.claimedBy], kind: "claim_approved", title: `揭榜领题已通过：${topic.title}`, body: body.note ?? "", link: `/campaign/claims/${id}`, entity: "campaign_claim", entityId: id, dedupeKey: `claim_approved:${id}`, at });
    audit({ action: "campaign.claim.approve", entity: "campaign_claim", entityId: id, cityId: row.cityId, before: { status: claim.status }, after: { status: "approved", note: body.note ?? null } });
  });
  return getClaim(ctx, id);
}

export async function returnClaim(ctx: RequestContext, id: number, body: Body<typeof ReturnBody>) {
  const { claim, access } = await reviewedClaim(ctx, id, "return");
  const topic = (await claimsRepo.findTopic(ctx.db, claim.topicId))!;
  await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    const row = await claimsRepo.updateClaim(tx, id, body.version, { status: "returned", reviewNote: body.note, reviewedBy: access.reach.actor.userId, reviewedAt: at }, at);
    if (!row) throw versionConflict();
    await notify(tx, {
      cityId: row.cityId,
      userIds: [row.claimedBy],
      kind: "claim_returned",
      title: `揭榜领题被退回：${topic.title}`,
      body: body.note,
      link: `/campaign/claims/${id}`,
      entity: "campaign_claim",
      entityId: id,
      dedupeKey: `claim_returned:${id}:${row.version}`,
      at,
    });
    audit({ action: "campaign.claim.return", entity: "campaign_claim", entityId: id, cityId: row.cityId, before: { status: claim.status }, after: { status: "returned", note: body.note } });
  });
  return getClaim(ctx, id);
}
