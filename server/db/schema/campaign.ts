import {
  bigint,
  customType,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { orgNodes, units } from "./orgs";
import { persons } from "./people";
import { users } from "./auth";

const id = () => bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity();
const cityId = () => bigint("city_id", { mode: "number" }).notNull();
const ref = (name: string) => bigint(name, { mode: "number" });
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const day = (name: string) => date(name, { mode: "string" });
const version = () => integer("version").notNull().default(1);
const createdAt = () => stamp("created_at").notNull().defaultNow();
const updatedAt = () => stamp("updated_at").notNull().defaultNow();

/** Raw bytes: PGlite hands back a Uint8Array and pg a Buffer, so both become a Buffer here. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/** 专项行动: a city's campaign, hung at the city's root node. */
export const campaigns = pgTable(
  "campaigns",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    startsOn: day("starts_on").notNull(),
    endsOn: day("ends_on").notNull(),
    version: version(),
    deletedAt: stamp("deleted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("campaigns_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "campaigns_node_fk" }),
  ],
);

/** 方面 (6 in the demo). */
export const campaignAspects = pgTable(
  "campaign_aspects",
  {
    id: id(),
    cityId: cityId(),
    campaignId: ref("campaign_id").notNull(),
    seq: integer("seq").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    version: version(),
    deletedAt: stamp("deleted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("campaign_aspects_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.campaignId], foreignColumns: [campaigns.cityId, campaigns.id], name: "campaign_aspects_campaign_fk" }),
    index("campaign_aspects_campaign_idx").on(t.campaignId, t.seq),
  ],
);

/** 内容 (23 in the demo), under an aspect. */
export const campaignItems = pgTable(
  "campaign_items",
  {
    id: id(),
    cityId: cityId(),
    campaignId: ref("campaign_id").notNull(),
    aspectId: ref("aspect_id").notNull(),
    seq: integer("seq").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    version: version(),
    deletedAt: stamp("deleted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("campaign_items_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.campaignId], foreignColumns: [campaigns.cityId, campaigns.id], name: "campaign_items_campaign_fk" }),
    foreignKey({ columns: [t.cityId, t.aspectId], foreignColumns: [campaignAspects.cityId, campaignAspects.id], name: "campaign_items_aspect_fk" }),
    index("campaign_items_aspect_idx").on(t.aspectId, t.seq),
  ],
);

/** 专班: a task force running some of the projects, with its members. */
export const campaignTaskForces = pgTable(
  "campaign_task_forces",
  {
    id: id(),
    cityId: cityId(),
    campaignId: ref("campaign_id").notNull(),
    name: text("name").notNull(),
    duty: text("duty").notNull().default(""),
    leaderPersonId: ref("leader_person_id"),
    leadUnitId: ref("lead_unit_id"),
    version: version(),
    deletedAt: stamp("deleted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("campaign_task_forces_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.campaignId], foreignColumns: [campaigns.cityId, campaigns.id], name: "campaign_task_forces_campaign_fk" }),
    foreignKey({ columns: [t.cityId, t.leaderPersonId], foreignColumns: [persons.cityId, persons.id], name: "campaign_task_forces_leader_fk" }),
    foreignKey({ columns: [t.cityId, t.leadUnitId], foreignColumns: [units.cityId, units.id], name: "campaign_task_forces_unit_fk" }),
    index("campaign_task_forces_campaign_idx").on(t.campaignId),
  ],
);

export const campaignTaskForceMembers = pgTable(
  "campaign_task_force_members",
  {
    id: id(),
    cityId: cityId(),
    taskForceId: ref("task_force_id").notNull(),
    personId: ref("person_id").notNull(),
    unitId: ref("unit_id"),
    role: text("role").notNull(),
    version: version(),
    deletedAt: stamp("deleted_at"),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.taskForceId], foreignColumns: [campaignTaskForces.cityId, campaignTaskForces.id], name: "campaign_task_force_members_tf_fk" }),
    foreignKey({ columns: [t.cityId, t.personId], foreignColumns: [persons.cityId, persons.id], name: "campaign_task_force_members_person_fk" }),
    foreignKey({ columns: [t.cityId, t.unitId], foreignColumns: [units.cityId, units.id], name: "campaign_task_force_members_unit_fk" }),
    index("campaign_task_force_members_tf_idx").on(t.taskForceId),
  ],
);

/**
 * 工程 (level program), 具体项目 (concrete) and the projects born of a unit's claim (topic). One level
 * may sit under another (parent_id); progress rolls up through it and is stored for the battle map.
 */
export const campaignProjects = pgTable(
  "campaign_projects",
  {
    id: id(),
    cityId: cityId(),
    campaignId: ref("campaign_id").notNull(),
    parentId: ref("parent_id"),
    level: text("level").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    kind: text("kind").notNull(),
    taskForceId: ref("task_force_id"),
    leaderPersonId: ref("leader_person_id"),
    leadUnitId: ref("lead_unit_id"),
    cooperatingUnitIds: bigint("cooperating_unit_ids", { mode: "number" }).array().notNull().default(sql`'{}'::bigint[]`),
    nodeId: ref("node_id").notNull(),
    topicId: ref("topic_id"),
    claimId: ref("claim_id"),
    startsOn: day("starts_on").notNull(),
    deadline: day("deadline").notNull(),
    weight: doublePrecision("weight"),
    status: text("status").notNull().default("not_started"),
    progress: doublePrecision("progress").notNull().default(0),
    reportedProgress: doublePrecision("reported_progress"),
    currentStage: integer("current_stage").notNull().default(1),
    lateSince: day("late_since"),
    escalationLevel: integer("escalation_level").notNull().default(0),
    completedAt: stamp("completed_at"),
    version: version(),
    deletedAt: stamp("deleted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("campaign_projects_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.campaignId], foreignColumns: [campaigns.cityId, campaigns.id], name: "campaign_projects_campaign_fk" }),
    foreignKey({ columns: [t.cityId, t.parentId], foreignColumns: [t.cityId, t.id], name: "campaign_projects_parent_fk" }),
    foreignKey({ columns: [t.cityId, t.taskForceId], foreignColumns: [campaignTaskForces.cityId, campaignTaskForces.id], name: "campaign_projects_tf_fk" }),
    foreignKey({ columns: [t.cityId, t.leaderPersonId], foreignColumns: [persons.cityId, persons.id], name: "campaign_projects_leader_fk" }),
    foreignKey({ columns: [t.cityId, t.leadUnitId], foreignColumns: [units.cityId, units.id], name: "campaign_projects_unit_fk" }),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "campaign_projects_node_fk" }),
    index("campaign_projects_campaign_idx").on(t.campaignId, t.level),
    index("campaign_projects_parent_idx").on(t.parentId),
    index("campaign_projects_unit_idx").on(t.leadUnitId),
    index("campaign_projects_deadline_idx").on(t.deadline),
  ],
);

/** 举措 (108 in the demo), under an item, regrouped into a concrete project. */
export const campaignMeasures = pgTable(
  "campaign_measures",
  {
    id: id(),
    cityId: cityId(),
    campaignId: ref("campaign_id").notNull(),
    itemId: ref("item_id").notNull(),
    projectId: ref("project_id"),
    seq: integer("seq").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    kind: text("kind").notNull(),
    leaderPersonId: ref("leader_person_id"),
    leadUnitId: ref("lead_unit_id"),
    cooperatingUnitIds: bigint("cooperating_unit_ids", { mode: "number" }).array().notNull().default(sql`'{}'::bigint[]`),
    deadline: day("deadline"),
    version: version(),
    deletedAt: stamp("deleted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("campaign_measures_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.campaignId], foreignColumns: [campaigns.cityId, campaigns.id], name: "campaign_measures_campaign_fk" }),
    foreignKey({ columns: [t.cityId, t.itemId], foreignColumns: [campaignItems.cityId, campaignItems.id], name: "campaign_measures_item_fk" }),
    foreignKey({ columns: [t.cityId, t.projectId], foreignColumns: [campaignProjects.cityId, campaignProjects.id], name: "campaign_measures_project_fk" }),
    foreignKey({ columns: [t.cityId, t.leaderPersonId], foreignColumns: [persons.cityId, persons.id], name: "campaign_measures_leader_fk" }),
    foreignKey({ columns: [t.cityId, t.leadUnitId], foreignColumns: [units.cityId, units.id], name: "campaign_measures_unit_fk" }),
    index("campaign_measures_item_idx").on(t.itemId, t.seq),
  ],
);

/** A topic on the claim board (揭榜领题): for a leader to claim, or for units to take. */
export const campaignTopics = pgTable(
  "campaign_topics",
  {
    id: id(),
    cityId: cityId(),
    campaignId: ref("campaign_id").notNull(),
    audience: text("audience").notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    expectedResults: text("expected_results").notNull(),
    claimDeadline: day("claim_deadline").notNull(),
    parentProjectId: ref("parent_project_id"),
    status: text("status").notNull().default("draft"),
    publishedAt: stamp("published_at"),
    version: version(),
    deletedAt: stamp("deleted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("campaign_topics_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.campaignId], foreignColumns: [campaigns.cityId, campaigns.id], name: "campaign_topics_campaign_fk" }),
    foreignKey({ columns: [t.cityId, t.parentProjectId], foreignColumns: [campaignProjects.cityId, campaignProjects.id], name: "campaign_topics_parent_fk" }),
    index("campaign_topics_campaign_idx").on(t.campaignId, t.audience),
  ],
);

/** A claim on a topic: a leader's (claimant_person_id) or a unit's (unit_id), with its plan. */
export const campaignClaims = pgTable(
  "campaign_claims",
  {
    id: id(),
    cityId: cityId(),
    campaignId: ref("campaign_id").notNull(),
    topicId: ref("topic_id").notNull(),
    audience: text("audience").notNull(),
    claimantPersonId: ref("claimant_person_id"),
    unitId: ref("unit_id"),
    claimedBy: ref("claimed_by").notNull(),
    summary: text("summary").notNull(),
    plan: jsonb("plan").notNull(),
    status: text("status").notNull().default("submitted"),
    reviewNote: text("review_note"),
    reviewedBy: ref("reviewed_by"),
    reviewedAt: stamp("reviewed_at"),
    submittedAt: stamp("submitted_at").notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("campaign_claims_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.topicId], foreignColumns: [campaignTopics.cityId, campaignTopics.id], name: "campaign_claims_topic_fk" }),
    foreignKey({ columns: [t.cityId, t.claimantPersonId], foreignColumns: [persons.cityId, persons.id], name: "campaign_claims_person_fk" }),
    foreignKey({ columns: [t.cityId, t.unitId], foreignColumns: [units.cityId, units.id], name: "campaign_claims_unit_fk" }),
    foreignKey({ columns: [t.claimedBy], foreignColumns: [users.id], name: "campaign_claims_user_fk" }),
    index("campaign_claims_topic_idx").on(t.topicId),
    index("campaign_claims_campaign_idx").on(t.campaignId, t.status),
  ],
);

/** 节点: dated, optionally weighted steps of a project, grouped into stages that follow one another (压茬推进). */
export const campaignMilestones = pgTable(
  "campaign_milestones",
  {
    id: id(),
    cityId: cityId(),
    projectId: ref("project_id").notNull(),
    stage: integer("stage").notNull().default(1),
    seq: integer("seq").notNull(),
    name: text("name").notNull(),
    dueOn: day("due_on").notNull(),
    weight: doublePrecision("weight"),
    progress: doublePrecision("progress").notNull().default(0),
    doneAt: stamp("done_at"),
    version: version(),
    deletedAt: stamp("deleted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("campaign_milestones_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.projectId], foreignColumns: [campaignProjects.cityId, campaignProjects.id], name: "campaign_milestones_project_fk" }),
    index("campaign_milestones_project_idx").on(t.projectId, t.stage, t.seq),
  ],
);

/** A progress report from the owning unit, with its evidence, reviewed by the office. */
export const campaignReports = pgTable(
  "campaign_reports",
  {
    id: id(),
    cityId: cityId(),
    projectId: ref("project_id").notNull(),
    milestoneId: ref("milestone_id"),
    unitId: ref("unit_id"),
    progress: integer("progress").notNull(),
    text: text("text").notNull(),
    status: text("status").notNull().default("submitted"),
    reviewNote: text("review_note"),
    submittedBy: ref("submitted_by").notNull(),
    submittedAt: stamp("submitted_at").notNull(),
    reviewedBy: ref("reviewed_by"),
    reviewedAt: stamp("reviewed_at"),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("campaign_reports_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.projectId], foreignColumns: [campaignProjects.cityId, campaignProjects.id], name: "campaign_reports_project_fk" }),
    foreignKey({ columns: [t.cityId, t.milestoneId], foreignColumns: [campaignMilestones.cityId, campaignMilestones.id], name: "campaign_reports_milestone_fk" }),
    foreignKey({ columns: [t.cityId, t.unitId], foreignColumns: [units.cityId, units.id], name: "campaign_reports_unit_fk" }),
    index("campaign_reports_project_idx").on(t.projectId, t.status),
  ],
);

/** What is known of an uploaded file; its bytes live apart so that lists never drag them along. */
export const campaignAttachments = pgTable(
  "campaign_attachments",
  {
    id: id(),
    cityId: cityId(),
    reportId: ref("report_id").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    uploadedBy: ref("uploaded_by").notNull(),
    deletedAt: stamp("deleted_at"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("campaign_attachments_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.reportId], foreignColumns: [campaignReports.cityId, campaignReports.id], name: "campaign_attachments_report_fk" }),
    index("campaign_attachments_report_idx").on(t.reportId),
  ],
);

export const campaignAttachmentData = pgTable(
  "campaign_attachment_data",
  {
    attachmentId: bigint("attachment_id", { mode: "number" }).primaryKey(),
    cityId: cityId(),
    data: bytea("data").notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.attachmentId], foreignColumns: [campaignAttachments.cityId, campaignAttachments.id], name: "campaign_attachment_data_fk" }),
  ],
);

/**
 * Which accounts speak for which unit. unit_staff is held at the city node (units hang there), so the
 * role alone would reach every project; this link narrows a unit's staff to their own unit's work.
 */
export const campaignUnitMembers = pgTable(
  "campaign_unit_members",
  {
    id: id(),
    cityId: cityId(),
    userId: ref("user_id").notNull(),
    unitId: ref("unit_id").notNull(),
    addedBy: ref("added_by"),
    removedAt: stamp("removed_at"),
    removedBy: ref("removed_by"),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.userId], foreignColumns: [users.id], name: "campaign_unit_members_user_fk" }),
    foreignKey({ columns: [t.cityId, t.unitId], foreignColumns: [units.cityId, units.id], name: "campaign_unit_members_unit_fk" }),
    uniqueIndex("campaign_unit_members_live").on(t.userId, t.unitId).where(sql`removed_at IS NULL`),
    index("campaign_unit_members_unit_idx").on(t.unitId),
  ],
);

