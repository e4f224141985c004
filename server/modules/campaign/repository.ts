import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  campaignAspects,
  campaignAttachments,
  campaignClaims,
  campaignItems,
  campaignMeasures,
  campaignMilestones,
  campaignProjects,
  campaignReports,
  campaignTaskForceMembers,
  campaignTaskForces,
  campaignTopics,
  campaignUnitMembers,
  campaigns,
} from "../../db/schema";
import type { Scope } from "../../platform/policy";
import { nodeInScope, pathOfNode } from "../../platform/tree";

export type CampaignRow = typeof campaigns.$inferSelect;
export type AspectRow = typeof campaignAspects.$inferSelect;
export type ItemRow = typeof campaignItems.$inferSelect;
export type MeasureRow = typeof campaignMeasures.$inferSelect;
export type TaskForceRow = typeof campaignTaskForces.$inferSelect;
export type MemberRow = typeof campaignTaskForceMembers.$inferSelect;
export type ProjectRow = typeof campaignProjects.$inferSelect;
export type MilestoneRow = typeof campaignMilestones.$inferSelect;
export type TopicRow = typeof campaignTopics.$inferSelect;
export type ClaimRow = typeof campaignClaims.$inferSelect;
export type ReportRow = typeof campaignReports.$inferSelect;
export type AttachmentRow = typeof campaignAttachments.$inferSelect;

/** Tables whose rows carry id, version, updated_at and deleted_at: one optimistic update serves them all. */
type Versioned =
  | typeof campaigns
  | typeof campaignAspects
  | typeof campaignItems
  | typeof campaignMeasures
  | typeof campaignTaskForces
  | typeof campaignProjects
  | typeof campaignMilestones
  | typeof campaignTopics;

/** Only the version the caller read may be changed; undefined means someone got there first (or it is gone). */
export async function updateVersioned<T extends Versioned>(
  db: Database,
  table: T,
  id: number,
  version: number,
  changes: Partial<T["$inferInsert"]>,
  at: Date,
): Promise<T["$inferSelect"] | undefined> {
  const rows = (await db
    .update(table as typeof campaigns)
    .set({ ...(changes as Partial<CampaignRow>), version: sql`${table.version} + 1`, updatedAt: at })
    .where(and(eq(table.id, id), eq(table.version, version), isNull(table.deletedAt)))
    .returning()) as T["$inferSelect"][];
  return rows[0];
}

export async function one<T>(rows: Promise<T[]>): Promise<T | undefined> {
  return (await rows)[0];
}

// ---------------------------------------------------------------- campaigns and their decomposition

export function findCampaign(db: Database, id: number) {
  return one(db.select().from(campaigns).where(and(eq(campaigns.id, id), isNull(campaigns.deletedAt))));
}

export function listCampaigns(db: Database, cityIds: number[] | "all") {
  const cities = cityIds === "all" ? undefined : inArray(campaigns.cityId, cityIds.length ? cityIds : [-1]);
  return db.select().from(campaigns).where(and(isNull(campaigns.deletedAt), cities)).orderBy(desc(campaigns.startsOn), asc(campaigns.id));
}

export async function insertCampaign(db: Database, values: typeof campaigns.$inferInsert) {
  const [row] = await db.insert(campaigns).values(values).returning();
  return row!;
}

export async function nextSeq(db: Database, table: typeof campaignAspects | typeof campaignItems | typeof campaignMeasures, parent: SQL): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${table.seq}), 0)::int` }).from(table).where(and(parent, isNull(table.deletedAt)));
  return (row?.n ?? 0) + 1;
}

export function findAspect(db: Database, id: number) {
  return one(db.select().from(campaignAspects).where(and(eq(campaignAspects.id, id), isNull(campaignAspects.deletedAt))));
}

export function listAspects(db: Database, campaignId: number) {
  // Qualified by hand: inside this subquery an unqualified id would be the item's.
  const itemCount = sql<number>`(SELECT count(*)::int FROM campaign_items ci WHERE ci.aspect_id = campaign_aspects.id AND ci.deleted_at IS NULL)`;
  return db
    .select({ row: campaignAspects, itemCount })
    .from(campaignAspects)
    .where(and(eq(campaignAspects.campaignId, campaignId), isNull(campaignAspects.deletedAt)))
    .orderBy(asc(campaignAspects.seq), asc(campaignAspects.id));
}

export async function insertAspect(db: Database, values: typeof campaignAspects.$inferInsert) {
  const [row] = await db.insert(campaignAspects).values(values).returning();
  return row!;
}

export function findItem(db: Database, id: number) {
  return one(db.select().from(campaignItems).where(and(eq(campaignItems.id, id), isNull(campaignItems.deletedAt))));
}

export function listItems(db: Database, campaignId: number, aspectId?: number) {
  const measureCount = sql<number>`(SELECT count(*)::int FROM campaign_measures cm WHERE cm.item_id = campaign_items.id AND cm.deleted_at IS NULL)`;
  return db
    .select({ row: campaignItems, measureCount })
    .from(campaignItems)
    .innerJoin(campaignAspects, eq(campaignAspects.id, campaignItems.aspectId))
    .where(and(eq(campaignItems.campaignId, campaignId), aspectId ? eq(campaignItems.aspectId, aspectId) : undefined, isNull(campaignItems.deletedAt)))
    .orderBy(asc(campaignAspects.seq), asc(campaignItems.seq), asc(campaignItems.id));
}

export async function insertItem(db: Database, values: typeof campaignItems.$inferInsert) {
  const [row] = await db.insert(campaignItems).values(values).returning();
  return row!;
}

export function findMeasure(db: Database, id: number) {
  return one(db.select().from(campaignMeasures).where(and(eq(campaignMeasures.id, id), isNull(campaignMeasures.deletedAt))));
}

export async function listMeasures(db: Database, filter: { campaignId: number; itemId?: number; projectId?: number; kind?: string; offset: number; limit: number }) {
  const where = and(
    eq(campaignMeasures.campaignId, filter.campaignId),
    isNull(campaignMeasures.deletedAt),
    filter.itemId ? eq(campaignMeasures.itemId, filter.itemId) : undefined,
    filter.projectId ? eq(campaignMeasures.projectId, filter.projectId) : undefined,
    filter.kind ? eq(campaignMeasures.kind, filter.kind) : undefined,
  );
  const rows = await db
    .select({ row: campaignMeasures })
    .from(campaignMeasures)
    .innerJoin(campaignItems, eq(campaignItems.id, campaignMeasures.itemId))
    .innerJoin(campaignAspects, eq(campaignAspects.id, campaignItems.aspectId))
    .where(where)
    .orderBy(asc(campaignAspects.seq), asc(campaignItems.seq), asc(campaignMeasures.seq), asc(campaignMeasures.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(campaignMeasures).where(where);
  return { rows: rows.map((r) => r.row), total: count?.n ?? 0 };
}

export async function insertMeasure(db: Database, values: typeof campaignMeasures.$inferInsert) {
  const [row] = await db.insert(campaignMeasures).values(values).returning();
  return row!;
}

export async function countLive(db: Database, table: typeof campaignItems | typeof campaignMeasures | typeof campaignProjects, where: SQL): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table).where(and(where, isNull(table.deletedAt)));
  return row?.n ?? 0;
}

// ---------------------------------------------------------------- task forces

export function findTaskForce(db: Database, id: number) {
  return one(db.select().from(campaignTaskForces).where(and(eq(campaignTaskForces.id, id), isNull(campaignTaskForces.deletedAt))));
}

export function listTaskForces(db: Database, campaignId: number) {
  const memberCount = sql<number>`(SELECT count(*)::int FROM campaign_task_force_members m WHERE m.task_force_id = campaign_task_forces.id AND m.deleted_at IS NULL)`;
  const projectCount = sql<number>`(SELECT count(*)::int FROM campaign_projects p WHERE p.task_force_id = campaign_task_forces.id AND p.deleted_at IS NULL)`;
  return db
    .select({ row: campaignTaskForces, memberCount, projectCount })
    .from(campaignTaskForces)
    .where(and(eq(campaignTaskForces.campaignId, campaignId), isNull(campaignTaskForces.deletedAt)))
    .orderBy(asc(campaignTaskForces.id));
}

export async function insertTaskForce(db: Database, values: typeof campaignTaskForces.$inferInsert) {
  const [row] = await db.insert(campaignTaskForces).values(values).returning();
  return row!;
}

export function listMembers(db: Database, taskForceId: number) {
  return db
    .select()
    .from(campaignTaskForceMembers)
    .where(and(eq(campaignTaskForceMembers.taskForceId, taskForceId), isNull(campaignTaskForceMembers.deletedAt)))
    .orderBy(asc(campaignTaskForceMembers.id));
}

export function findMember(db: Database, id: number) {
  return one(db.select().from(campaignTaskForceMembers).where(and(eq(campaignTaskForceMembers.id, id), isNull(campaignTaskForceMembers.deletedAt))));
}

export async function insertMember(db: Database, values: typeof campaignTaskForceMembers.$inferInsert) {
  const [row] = await db.insert(campaignTaskForceMembers).values(values).returning();
  return row!;
}

export async function removeMember(db: Database, id: number, version: number, at: Date) {
  const [row] = await db
    .update(campaignTaskForceMembers)
    .set({ deletedAt: at, version: sql`${campaignTaskForceMembers.version} + 1` })
    .where(and(eq(campaignTaskForceMembers.id, id), eq(campaignTaskForceMembers.version, version), isNull(campaignTaskForceMembers.deletedAt)))
    .returning();
  return row;
}

// ---------------------------------------------------------------- projects and milestones

export function findProject(db: Database, id: number) {
  return one(db.select().from(campaignProjects).where(and(eq(campaignProjects.id, id), isNull(campaignProjects.deletedAt))));
}

export interface ProjectFilter {
  campaignId: number;
  reach: SQL;
  level?: string;
  kind?: string;
  status?: string;
  parentId?: number;
  taskForceId?: number;
  leaderPersonId?: number;
  unitId?: number;
  nodeScope?: Scope;
  topicId?: number;
  today: string;
  late?: boolean;
  due?: boolean;
  outcome?: "done" | "on_time";
}

/** Due: the deadline has come, or the work is already done (a project done early counts as settled). */
export const dueSql = (today: string) => sql`(${campaignProjects.deadline} <= ${today} OR ${campaignProjects.status} = 'done')`;
export const onTimeSql = sql`(${campaignProjects.status} = 'done' AND (${campaignProjects.completedAt} AT TIME ZONE 'Asia/Shanghai')::date <= ${campaignProjects.deadline})`;
export const lateSql = (today: string) => sql`(${campaignProjects.status} <> 'done' AND ${campaignProjects.deadline} < ${today})`;

function projectWhere(filter: ProjectFilter): SQL {
  const bool = (value: boolean | undefined, condition: SQL) => (value === undefined ? undefined : value ? condition : sql`NOT ${condition}`);
  return and(
    eq(campaignProjects.campaignId, filter.campaignId),
    isNull(campaignProjects.deletedAt),
    filter.reach,
    filter.level ? eq(campaignProjects.level, filter.level) : undefined,
    filter.kind ? eq(campaignProjects.kind, filter.kind) : undefined,
    filter.status ? eq(campaignProjects.status, filter.status) : undefined,
    filter.parentId ? eq(campaignProjects.parentId, filter.parentId) : undefined,
    filter.taskForceId ? eq(campaignProjects.taskForceId, filter.taskForceId) : undefined,
    filter.leaderPersonId ? eq(campaignProjects.leaderPersonId, filter.leaderPersonId) : undefined,
    filter.unitId ? eq(campaignProjects.leadUnitId, filter.unitId) : undefined,
    filter.nodeScope ? nodeInScope(campaignProjects.nodeId, filter.nodeScope) : undefined,
    filter.topicId ? eq(campaignProjects.topicId, filter.topicId) : undefined,
    bool(filter.late, lateSql(filter.today)),
    bool(filter.due, dueSql(filter.today)),
    filter.outcome === "done" ? eq(campaignProjects.status, "done") : filter.outcome === "on_time" ? onTimeSql : undefined,
  )!;
}

const levelOrder = sql`CASE ${campaignProjects.level} WHEN 'program' THEN 0 WHEN 'concrete' THEN 1 ELSE 2 END`;

export async function listProjects(db: Database, filter: ProjectFilter, page?: { offset: number; limit: number }) {
  const where = projectWhere(filter);
  const query = db.select().from(campaignProjects).where(where).orderBy(levelOrder, asc(campaignProjects.deadline), asc(campaignProjects.id));
  const rows = page ? await query.limit(page.limit).offset(page.offset) : await query;
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(campaignProjects).where(where);
  return { rows, total: count?.n ?? 0 };
}

export function projectsOfCampaign(db: Database, campaignId: number) {
  return db.select().from(campaignProjects).where(and(eq(campaignProjects.campaignId, campaignId), isNull(campaignProjects.deletedAt)));
}

export function childrenOf(db: Database, projectId: number) {
  return db
    .select()
    .from(campaignProjects)
    .where(and(eq(campaignProjects.parentId, projectId), isNull(campaignProjects.deletedAt)))
    .orderBy(asc(campaignProjects.deadline), asc(campaignProjects.id));
}

export async function insertProject(db: Database, values: typeof campaignProjects.$inferInsert) {
  const [row] = await db.insert(campaignProjects).values(values).returning();
  return row!;
}

/** Progress, status and stage are derived from what people entered, so they change without a new version. */
export async function setDerived(
  db: Database,
  id: number,
  values: Pick<ProjectRow, "progress" | "status" | "currentStage" | "completedAt">,
): Promise<void> {
  await db.update(campaignProjects).set(values).where(eq(campaignProjects.id, id));
}

/** Set by an accepted report on a project without milestones; like progress, it moves without a new version. */
export async function setReportedProgress(db: Database, id: number, progress: number): Promise<void> {
  await db.update(campaignProjects).set({ reportedProgress: progress }).where(eq(campaignProjects.id, id));
}

export function milestonesOf(db: Database, projectIds: number[]) {
  if (projectIds.length === 0) return Promise.resolve([] as MilestoneRow[]);
  return db
    .select()
    .from(campaignMilestones)
    .where(and(inArray(campaignMilestones.projectId, projectIds), isNull(campaignMilestones.deletedAt)))
    .orderBy(asc(campaignMilestones.stage), asc(campaignMilestones.seq), asc(campaignMilestones.id));
}

export function milestonesOfCampaign(db: Database, campaignId: number) {
  return db
    .select({ row: campaignMilestones })
    .from(campaignMilestones)
    .innerJoin(campaignProjects, eq(campaignProjects.id, campaignMilestones.projectId))
    .where(and(eq(campaignProjects.campaignId, campaignId), isNull(campaignMilestones.deletedAt), isNull(campaignProjects.deletedAt)));
}

export function findMilestone(db: Database, id: number) {
  return one(db.select().from(campaignMilestones).where(and(eq(campaignMilestones.id, id), isNull(campaignMilestones.deletedAt))));
}

export async function insertMilestones(db: Database, values: (typeof campaignMilestones.$inferInsert)[]) {
  if (values.length === 0) return [];
  return db.insert(campaignMilestones).values(values).returning();
}

export async function nextMilestoneSeq(db: Database, projectId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${campaignMilestones.seq}), 0)::int` }).from(campaignMilestones).where(eq(campaignMilestones.projectId, projectId));
  return (row?.n ?? 0) + 1;
}

/** A milestone's progress comes from accepted reports, not from its editor, so it changes without a new version. */
export async function setMilestoneProgress(db: Database, id: number, progress: number, doneAt: Date | null): Promise<void> {
  await db.update(campaignMilestones).set({ progress, doneAt }).where(eq(campaignMilestones.id, id));
}

// ---------------------------------------------------------------- who speaks for which unit

export function unitIdsOfUser(db: Database, userId: number) {
  return db
    .select({ unitId: campaignUnitMembers.unitId, cityId: campaignUnitMembers.cityId })
    .from(campaignUnitMembers)
    .where(and(eq(campaignUnitMembers.userId, userId), isNull(campaignUnitMembers.removedAt)));
}

export function listUnitMembers(db: Database, cityIds: number[], unitId?: number) {
  return db
    .select()
    .from(campaignUnitMembers)
    .where(and(inArray(campaignUnitMembers.cityId, cityIds.length ? cityIds : [-1]), isNull(campaignUnitMembers.removedAt), unitId ? eq(campaignUnitMembers.unitId, unitId) : undefined))
    .orderBy(asc(campaignUnitMembers.unitId), asc(campaignUnitMembers.id));
}

export function findUnitMember(db: Database, id: number) {
  return one(db.select().from(campaignUnitMembers).where(and(eq(campaignUnitMembers.id, id), isNull(campaignUnitMembers.removedAt))));
}

export async function insertUnitMember(db: Database, values: typeof campaignUnitMembers.$inferInsert) {
  const [row] = await db.insert(campaignUnitMembers).values(values).onConflictDoNothing().returning();
  return row;
}

export async function removeUnitMember(db: Database, id: number, by: number, at: Date) {
  const [row] = await db
    .update(campaignUnitMembers)
    .set({ removedAt: at, removedBy: by })
    .where(and(eq(campaignUnitMembers.id, id), isNull(campaignUnitMembers.removedAt)))
    .returning();
  return row;
}

export async function usersOfUnits(db: Database, unitIds: number[]): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .select({ userId: campaignUnitMembers.userId })
    .from(campaignUnitMembers)
    .where(and(inArray(campaignUnitMembers.unitId, unitIds), isNull(campaignUnitMembers.removedAt)));
  return rows.map((row) => row.userId);
}

// ---------------------------------------------------------------- small reads of other modules' tables
// The orgs, people and auth services have no context-free lookup by id yet (reported to the lead);
// these read only ids and names, never personal data.

// ---------------------------------------------------------------- figures

/** Every campaign.* figure within a subtree: structure by the campaign's node, projects by their own node. */
export async function campaignFigures(db: Database, scope: Scope) {
  const inCampaign = (alias: string) => sql`EXISTS (SELECT 1 FROM campaigns c WHERE c.id = ${sql.raw(alias)}.campaign_id AND c.deleted_at IS NULL AND ${nodeInScope(sql`c.node_id`, scope)})`;
  const count = (table: string, alias: string, extra: SQL = sql`true`) =>
    sql<number>`(SELECT count(*)::int FROM ${sql.raw(table)} ${sql.raw(alias)} WHERE ${sql.raw(alias)}.deleted_at IS NULL AND ${inCampaign(alias)} AND ${extra})`;
  const projects = (level: string) =>
    sql<number>`(SELECT count(*)::int FROM campaign_projects p WHERE p.deleted_at IS NULL AND p.level = ${level} AND ${inCampaign("p")} AND ${nodeInScope(sql`p.node_id`, scope)})`;
  const unitTopics = (kind: string) => count("campaign_topics", "t", sql`t.audience = 'unit' AND t.kind = ${kind} AND t.status IN ('open', 'closed')`);
  const [row] = await db
    .select({
      aspects: count("campaign_aspects", "a"),
      items: count("campaign_items", "i"),
      measures: count("campaign_measures", "m"),
      projects: projects("program"),
      concreteProjects: projects("concrete"),
      topicProjects: projects("topic"),
      taskForces: count("campaign_task_forces", "f"),
      topicUnits: sql<number>`(SELECT count(DISTINCT cl.unit_id)::int FROM campaign_claims cl WHERE cl.audience = 'unit' AND cl.status = 'approved' AND ${inCampaign("cl")})`,
      topicContents: sql<number>`(SELECT count(*)::int FROM campaign_claims cl WHERE cl.audience = 'unit' AND cl.status = 'approved' AND ${inCampaign("cl")})`,
      requiredActions: unitTopics("required"),
      optionalActions: unitTopics("optional"),
    })
    .from(sql`(SELECT 1) AS one`);
  return row!;
}

// --- the late sweep: each update is conditional on the state it changes, so a second run finds nothing

const liveProject = () => and(isNull(campaignProjects.deletedAt), ne(campaignProjects.status, "done"));

/** Late flags whose deadline was moved to today or later. */
export function clearLateFlags(db: Database, today: string): Promise<ProjectRow[]> {
  return db
    .update(campaignProjects)
    .set({ lateSince: null, escalationLevel: 0 })
    .where(and(liveProject(), isNotNull(campaignProjects.lateSince), gte(campaignProjects.deadline, today)))
    .returning();
}

export function flagLate(db: Database, today: string): Promise<ProjectRow[]> {
  return db
    .update(campaignProjects)
    .set({ lateSince: today, escalationLevel: 1 })
    .where(and(liveProject(), isNull(campaignProjects.lateSince), lt(campaignProjects.deadline, today)))
    .returning();
}

/** Late projects whose deadline lies before `deadlineBefore`, not escalated yet. */
export function escalateLate(db: Database, deadlineBefore: string): Promise<ProjectRow[]> {
  return db
    .update(campaignProjects)
    .set({ escalationLevel: 2 })
    .where(and(liveProject(), isNotNull(campaignProjects.lateSince), lt(campaignProjects.deadline, deadlineBefore), lt(campaignProjects.escalationLevel, 2)))
    .returning();
}

export function dueBetween(db: Database, from: string, to: string): Promise<ProjectRow[]> {
  return db
    .select()
    .from(campaignProjects)
    .where(and(liveProject(), gte(campaignProjects.deadline, from), lte(campaignProjects.deadline, to)));
}

export async function taskForceLeader(db: Database, taskForceId: number): Promise<number | null> {
  const [row] = await db.select({ leader: campaignTaskForces.leaderPersonId }).from(campaignTaskForces).where(eq(campaignTaskForces.id, taskForceId));
  return row?.leader ?? null;
}

// --- milestones due in a period, for the evaluation

const doneBy = (day: SQL) => sql`(${campaignMilestones.doneAt} IS NOT NULL AND (${campaignMilestones.doneAt} AT TIME ZONE 'Asia/Shanghai')::date <= ${day})`;
export const milestoneOutcome = { done: (to: string) => doneBy(sql`${to}::date`), on_time: () => doneBy(sql`${campaignMilestones.dueOn}`) };

function dueIn(cityId: number, days: { from: string; to: string }): SQL {
  return and(
    eq(campaignProjects.cityId, cityId),
    isNull(campaignProjects.deletedAt),
    isNull(campaignMilestones.deletedAt),
    sql`${campaignMilestones.dueOn} BETWEEN ${days.from}::date AND ${days.to}::date`,
  )!;
}

/** Milestones due in the days per project node and lead unit: how many, done by the period's end, done by their own due day. */
export async function milestonesDueByOwner(db: Database, cityId: number, days: { from: string; to: string }) {
  return db
    .select({
      path: pathOfNode(campaignProjects.nodeId),
      unitId: campaignProjects.leadUnitId,
      due: sql<number>`count(*)::int`,
      done: sql<number>`count(*) FILTER (WHERE ${milestoneOutcome.done(days.to)})::int`,
      onTime: sql<number>`count(*) FILTER (WHERE ${milestoneOutcome.on_time()})::int`,
    })
    .from(campaignMilestones)
    .innerJoin(campaignProjects, eq(campaignProjects.id, campaignMilestones.projectId))
    .where(dueIn(cityId, days))
    .groupBy(campaignProjects.nodeId, campaignProjects.leadUnitId);
}

/** The list behind those counts, narrowed to a subtree or a lead unit, and to an outcome. */
export async function listDueMilestones(
  db: Database,
  filter: { cityId: number; days: { from: string; to: string }; reach: SQL; nodeScope?: Scope; unitId?: number; outcome?: "done" | "on_time" },
  page: { offset: number; limit: number },
) {
  const where = and(
    dueIn(filter.cityId, filter.days),
    filter.reach,
    filter.nodeScope ? nodeInScope(campaignProjects.nodeId, filter.nodeScope) : undefined,
    filter.unitId ? eq(campaignProjects.leadUnitId, filter.unitId) : undefined,
    filter.outcome ? milestoneOutcome[filter.outcome](filter.days.to) : undefined,
  );
  const rows = await db
    .select({ id: campaignMilestones.id, projectId: campaignProjects.id, projectName: campaignProjects.name, name: campaignMilestones.name, dueOn: campaignMilestones.dueOn, doneAt: campaignMilestones.doneAt })
    .from(campaignMilestones)
    .innerJoin(campaignProjects, eq(campaignProjects.id, campaignMilestones.projectId))
    .where(where)
    .orderBy(asc(campaignMilestones.dueOn), asc(campaignMilestones.id))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(campaignMilestones).innerJoin(campaignProjects, eq(campaignProjects.id, campaignMilestones.projectId)).where(where);
  return { rows, total: count?.n ?? 0 };
}
