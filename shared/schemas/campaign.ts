import { z } from "zod";
import { abilitiesOf, Id, Version, optionalText, text } from "./common";

/** What the campaign tells people: deadlines, late and escalated projects, returned reports and claims. */
export const campaignNotificationKinds = ["deadline_approaching", "project_late", "project_escalated", "report_returned", "claim_returned"] as const;

/** A calendar day, as the city counts them (Asia/Shanghai): deadlines are days, not instants. */
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "not a real date");

export const actionKinds = ["required", "optional"] as const;
/** 规定动作 / 自选动作 */
export const ActionKind = z.enum(actionKinds);
export const projectLevels = ["program", "concrete", "topic"] as const;
/** 工程 / 具体项目 / a project born of a unit's claim */
export const ProjectLevel = z.enum(projectLevels);
export const projectStatuses = ["not_started", "in_progress", "done", "suspended"] as const;
export const ProjectStatus = z.enum(projectStatuses);
export const projectLevelLabels: Record<(typeof projectLevels)[number], string> = { program: "工程", concrete: "具体项目", topic: "领题项目" };
export const projectStatusLabels: Record<(typeof projectStatuses)[number], string> = { not_started: "未开始", in_progress: "推进中", done: "已完成", suspended: "已暂停" };
export const topicStatuses = ["draft", "open", "closed"] as const;
export const TopicStatus = z.enum(topicStatuses);
export const audiences = ["leader", "unit"] as const;
/** leader: 揭榜 (one leader claims it); unit: 领题 (units take it with a plan) */
export const Audience = z.enum(audiences);
export const claimStatuses = ["submitted", "approved", "returned", "withdrawn"] as const;
export const ClaimStatus = z.enum(claimStatuses);
export const reportStatuses = ["submitted", "accepted", "returned"] as const;
export const ReportStatus = z.enum(reportStatuses);
export const lights = ["green", "yellow", "red"] as const;
export const Light = z.enum(lights);

const Name = text(120);
const LongText = optionalText(4000);
const Weight = z.number().min(0).max(1000);
const UnitIds = z.array(Id).max(50);
const Bool = z.enum(["true", "false"]);
const Page = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};

export const Ref = z.object({ id: Id, name: z.string() });
export const RemoveBody = z.strictObject({ version: Version, reason: text(200) });
export const VersionBody = z.strictObject({ version: Version });
export const CampaignQuery = z.strictObject({ campaign: Id });

// --- campaigns
/** What the caller may do with each kind of record (server: campaign/policy.ts). */
export const campaignAbilityKeys = ["manage", "review", "claim", "report"] as const;
export type CampaignAbilities = Record<(typeof campaignAbilityKeys)[number], boolean>;
export const projectAbilityKeys = ["update", "delete", "review", "report"] as const;
export type ProjectAbilities = Record<(typeof projectAbilityKeys)[number], boolean>;
export const topicAbilityKeys = ["manage", "claim"] as const;
export type TopicAbilities = Record<(typeof topicAbilityKeys)[number], boolean>;
export const claimAbilityKeys = ["approve", "return", "resubmit", "withdraw"] as const;
export type ClaimAbilities = Record<(typeof claimAbilityKeys)[number], boolean>;
export const reportAbilityKeys = ["accept", "return", "attach"] as const;
export type ReportAbilities = Record<(typeof reportAbilityKeys)[number], boolean>;

export const Campaign = z.object({
  id: Id,
  cityId: Id,
  nodeId: Id,
  name: z.string(),
  description: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  version: z.number().int(),
  abilities: abilitiesOf(campaignAbilityKeys),
});
export const CreateCampaignBody = z.strictObject({ name: Name, description: LongText.optional(), startsOn: Day, endsOn: Day });
export const UpdateCampaignBody = z.strictObject({ version: Version, name: Name.optional(), description: LongText.optional(), startsOn: Day.optional(), endsOn: Day.optional() });

// --- aspects > items > measures
export const Aspect = z.object({ id: Id, campaignId: Id, seq: z.number().int(), name: z.string(), description: z.string(), itemCount: z.number().int(), version: z.number().int() });
export const CreateAspectBody = z.strictObject({ campaignId: Id, name: Name, description: LongText.optional(), seq: z.number().int().min(1).max(1000).optional() });
export const UpdateAspectBody = z.strictObject({ version: Version, name: Name.optional(), description: LongText.optional(), seq: z.number().int().min(1).max(1000).optional() });

export const Item = z.object({ id: Id, campaignId: Id, aspectId: Id, seq: z.number().int(), name: z.string(), description: z.string(), measureCount: z.number().int(), version: z.number().int() });
export const ItemQuery = z.strictObject({ campaign: Id, aspect: Id.optional() });
export const CreateItemBody = z.strictObject({ aspectId: Id, name: Name, description: LongText.optional(), seq: z.number().int().min(1).max(1000).optional() });
export const UpdateItemBody = UpdateAspectBody;

const Assignment = {
  kind: ActionKind,
  leaderPersonId: Id.nullable().optional(),
  leadUnitId: Id.nullable().optional(),
  cooperatingUnitIds: UnitIds.optional(),
};
export const Measure = z.object({
  id: Id,
  campaignId: Id,
  itemId: Id,
  projectId: Id.nullable(),
  seq: z.number().int(),
  name: z.string(),
  description: z.string(),
  kind: ActionKind,
  leader: Ref.nullable(),
  leadUnit: Ref.nullable(),
  cooperatingUnits: z.array(Ref),
  deadline: z.string().nullable(),
  version: z.number().int(),
});
export const MeasureQuery = z.strictObject({ campaign: Id, item: Id.optional(), project: Id.optional(), kind: ActionKind.optional(), ...Page });
export const CreateMeasureBody = z.strictObject({
  itemId: Id,
  name: Name,
  description: LongText.optional(),
  seq: z.number().int().min(1).max(1000).optional(),
  projectId: Id.nullable().optional(),
  deadline: Day.nullable().optional(),
  ...Assignment,
});
export const UpdateMeasureBody = z.strictObject({
  version: Version,
  name: Name.optional(),
  description: LongText.optional(),
  seq: z.number().int().min(1).max(1000).optional(),
  projectId: Id.nullable().optional(),
  deadline: Day.nullable().optional(),
  kind: ActionKind.optional(),
  leaderPersonId: Id.nullable().optional(),
  leadUnitId: Id.nullable().optional(),
  cooperatingUnitIds: UnitIds.optional(),
});

// --- task forces (专班)
export const taskForceRoles = ["leader", "deputy", "member"] as const;
export const TaskForceMember = z.object({ id: Id, person: Ref, unit: Ref.nullable(), role: z.enum(taskForceRoles), version: z.number().int() });
export const TaskForce = z.object({
  id: Id,
  campaignId: Id,
  name: z.string(),
  duty: z.string(),
  leader: Ref.nullable(),
  leadUnit: Ref.nullable(),
  memberCount: z.number().int(),
  projectCount: z.number().int(),
  version: z.number().int(),
});
export const TaskForceDetail = TaskForce.extend({ members: z.array(TaskForceMember) });
export const CreateTaskForceBody = z.strictObject({ campaignId: Id, name: Name, duty: LongText.optional(), leaderPersonId: Id.nullable().optional(), leadUnitId: Id.nullable().optional() });
export const UpdateTaskForceBody = z.strictObject({ version: Version, name: Name.optional(), duty: LongText.optional(), leaderPersonId: Id.nullable().optional(), leadUnitId: Id.nullable().optional() });
export const AddMemberBody = z.strictObject({ personId: Id, role: z.enum(taskForceRoles), unitId: Id.nullable().optional() });

// --- projects
export const Milestone = z.object({
  id: Id,
  projectId: Id,
  stage: z.number().int(),
  seq: z.number().int(),
  name: z.string(),
  dueOn: z.string(),
  weight: z.number().nullable(),
  progress: z.number(),
  doneAt: z.string().nullable(),
  late: z.boolean(),
  version: z.number().int(),
});
export const Project = z.object({
  id: Id,
  campaignId: Id,
  parentId: Id.nullable(),
  level: ProjectLevel,
  name: z.string(),
  description: z.string(),
  kind: ActionKind,
  taskForce: Ref.nullable(),
  leader: Ref.nullable(),
  leadUnit: Ref.nullable(),
  cooperatingUnits: z.array(Ref),
  node: Ref,
  topicId: Id.nullable(),
  claimId: Id.nullable(),
  startsOn: z.string(),
  deadline: z.string(),
  weight: z.number().nullable(),
  status: ProjectStatus,
  progress: z.number(),
  currentStage: z.number().int(),
  late: z.boolean(),
  lateSince: z.string().nullable(),
  escalationLevel: z.number().int(),
  completedAt: z.string().nullable(),
  light: Light,
  version: z.number().int(),
  abilities: abilitiesOf(projectAbilityKeys),
});
export const ProjectDetail = Project.extend({
  milestones: z.array(Milestone),
  children: z.array(Project),
  stages: z.array(z.object({ stage: z.number().int(), milestones: z.number().int(), done: z.number().int(), state: z.enum(["pending", "active", "done"]) })),
});
export const ProjectQuery = z.strictObject({
  campaign: Id,
  level: ProjectLevel.optional(),
  kind: ActionKind.optional(),
  status: ProjectStatus.optional(),
  parent: Id.optional(),
  taskForce: Id.optional(),
  leader: Id.optional(),
  unit: Id.optional(),
  node: Id.optional(),
  topic: Id.optional(),
  late: Bool.optional(),
  /** Rates' drill-down: due = the deadline has come; outcome narrows to what was done (on time). */
  due: Bool.optional(),
  outcome: z.enum(["done", "on_time"]).optional(),
  ...Page,
});
export const CreateProjectBody = z.strictObject({
  campaignId: Id,
  parentId: Id.nullable().optional(),
  level: ProjectLevel,
  name: Name,
  description: LongText.optional(),
  taskForceId: Id.nullable().optional(),
  nodeId: Id.optional(),
  startsOn: Day.optional(),
  deadline: Day,
  weight: Weight.nullable().optional(),
  ...Assignment,
});
export const UpdateProjectBody = z.strictObject({
  version: Version,
  parentId: Id.nullable().optional(),
  name: Name.optional(),
  description: LongText.optional(),
  kind: ActionKind.optional(),
  taskForceId: Id.nullable().optional(),
  leaderPersonId: Id.nullable().optional(),
  leadUnitId: Id.nullable().optional(),
  cooperatingUnitIds: UnitIds.optional(),
  nodeId: Id.optional(),
  startsOn: Day.optional(),
  deadline: Day.optional(),
  weight: Weight.nullable().optional(),
});
export const ProjectStatusBody = z.strictObject({ version: Version, status: ProjectStatus });

export const CreateMilestoneBody = z.strictObject({
  projectId: Id,
  name: Name,
  dueOn: Day,
  weight: Weight.nullable().optional(),
  stage: z.number().int().min(1).max(20).optional(),
});
export const UpdateMilestoneBody = z.strictObject({
  version: Version,
  name: Name.optional(),
  dueOn: Day.optional(),
  weight: Weight.nullable().optional(),
  stage: z.number().int().min(1).max(20).optional(),
});

// --- the claim board (揭榜领题)
export const Topic = z.object({
  id: Id,
  campaignId: Id,
  audience: Audience,
  kind: ActionKind,
  title: z.string(),
  description: z.string(),
  expectedResults: z.string(),
  claimDeadline: z.string(),
  parentProjectId: Id.nullable(),
  status: TopicStatus,
  publishedAt: z.string().nullable(),
  claims: z.object({ submitted: z.number().int(), approved: z.number().int() }),
  version: z.number().int(),
  abilities: abilitiesOf(topicAbilityKeys),
});
export const TopicQuery = z.strictObject({
  campaign: Id,
  audience: Audience.optional(),
  kind: ActionKind.optional(),
  status: TopicStatus.optional(),
  /** On the board: open or closed, never a draft. The requiredActions / optionalActions figures count these. */
  listed: Bool.optional(),
  ...Page,
});
export const CreateTopicBody = z.strictObject({
  campaignId: Id,
  audience: Audience,
  kind: ActionKind,
  title: Name,
  description: text(4000),
  expectedResults: text(4000),
  claimDeadline: Day,
  parentProjectId: Id.nullable().optional(),
});
export const UpdateTopicBody = z.strictObject({
  version: Version,
  kind: ActionKind.optional(),
  title: Name.optional(),
  description: text(4000).optional(),
  expectedResults: text(4000).optional(),
  claimDeadline: Day.optional(),
  parentProjectId: Id.nullable().optional(),
});

export const PlanMilestone = z.strictObject({ name: Name, dueOn: Day, weight: Weight.nullable().optional(), stage: z.number().int().min(1).max(20).optional() });
export const PlanProject = z.strictObject({
  name: Name,
  description: LongText.optional(),
  startsOn: Day.optional(),
  deadline: Day,
  weight: Weight.nullable().optional(),
  milestones: z.array(PlanMilestone).max(30),
});
export type PlanProject = z.infer<typeof PlanProject>;
export const Claim = z.object({
  id: Id,
  campaignId: Id,
  topicId: Id,
  topicTitle: z.string(),
  audience: Audience,
  claimant: Ref.nullable(),
  unit: Ref.nullable(),
  summary: z.string(),
  projects: z.array(PlanProject),
  status: ClaimStatus,
  reviewNote: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  submittedAt: z.string(),
  createdProjectIds: z.array(Id),
  version: z.number().int(),
  abilities: abilitiesOf(claimAbilityKeys),
});
export const ClaimQuery = z.strictObject({
  campaign: Id,
  topic: Id.optional(),
  audience: Audience.optional(),
  status: ClaimStatus.optional(),
  unit: Id.optional(),
  ...Page,
});
/** A leader's claim needs only a summary; a unit's names the projects it will run, each with its milestones. */
export const CreateClaimBody = z.strictObject({
  topicId: Id,
  unitId: Id.optional(),
  summary: text(4000),
  projects: z.array(PlanProject).max(20),
});
export const ResubmitClaimBody = z.strictObject({ version: Version, summary: text(4000), projects: z.array(PlanProject).max(20) });
export const ReviewBody = z.strictObject({ version: Version, note: optionalText(1000).optional() });
export const ReturnBody = z.strictObject({ version: Version, note: text(1000) });

// --- progress reports and their evidence
export const Attachment = z.object({ id: Id, fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int(), sha256: z.string(), createdAt: z.string() });
export const Report = z.object({
  id: Id,
  projectId: Id,
  projectName: z.string(),
  milestoneId: Id.nullable(),
  unit: Ref.nullable(),
  progress: z.number().int(),
  text: z.string(),
  status: ReportStatus,
  reviewNote: z.string().nullable(),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
  attachments: z.array(Attachment),
  version: z.number().int(),
  abilities: abilitiesOf(reportAbilityKeys),
});
export const ReportQuery = z.strictObject({ campaign: Id, project: Id.optional(), status: ReportStatus.optional(), ...Page });
export const CreateReportBody = z.strictObject({
  projectId: Id,
  milestoneId: Id.nullable().optional(),
  progress: z.number().int().min(0).max(100),
  text: text(4000),
});
/** 10 MB of bytes is at most 13,981,016 characters of base64. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const UploadBody = z.strictObject({
  fileName: text(200).regex(/^[^/\\]+$/, "a file name, without folders"),
  dataBase64: z
    .string()
    .max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, "base64 data"),
});

// --- the battle map (挂图作战)
export const BattleMapQuery = z.strictObject({
  taskForce: Id.optional(),
  leader: Id.optional(),
  unit: Id.optional(),
  node: Id.optional(),
  status: ProjectStatus.optional(),
  light: Light.optional(),
  level: ProjectLevel.optional(),
});
export const BattleMapItem = z.object({
  id: Id,
  parentId: Id.nullable(),
  level: ProjectLevel,
  name: z.string(),
  kind: ActionKind,
  owner: Ref.nullable(),
  leader: Ref.nullable(),
  unit: Ref.nullable(),
  taskForce: Ref.nullable(),
  node: Ref,
  startsOn: z.string(),
  deadline: z.string(),
  progress: z.number(),
  status: ProjectStatus,
  light: Light,
  late: z.boolean(),
  escalationLevel: z.number().int(),
  currentStage: z.number().int(),
  own: z.boolean(),
  milestones: z.array(z.object({ id: Id, name: z.string(), dueOn: z.string(), stage: z.number().int(), progress: z.number(), done: z.boolean() })),
  href: z.string(),
});
export const BattleMap = z.object({
  campaign: z.object({ id: Id, name: z.string(), startsOn: z.string(), endsOn: z.string() }),
  asOf: z.string(),
  today: z.string(),
  items: z.array(BattleMapItem),
  summary: z.object({
    total: z.number().int(),
    byLight: z.object({ green: z.number().int(), yellow: z.number().int(), red: z.number().int() }),
    byStatus: z.object({ not_started: z.number().int(), in_progress: z.number().int(), done: z.number().int(), suspended: z.number().int() }),
  }),
});

// --- figures and rates
export const CampaignFigures = z.object({ items: z.array(z.object({ key: z.string(), value: z.number(), href: z.string() })) });
export const RatesQuery = z.strictObject({ by: z.enum(["unit", "leader"]) });
export const Rates = z.object({
  by: z.enum(["unit", "leader"]),
  today: z.string(),
  minimumDue: z.number().int(),
  items: z.array(
    z.object({
      id: Id,
      name: z.string(),
      projects: z.number().int(),
      due: z.number().int(),
      done: z.number().int(),
      onTime: z.number().int(),
      /** null when too few projects were due for a rate to mean anything. */
      completionRate: z.number().nullable(),
      onTimeRate: z.number().nullable(),
      hrefs: z.object({ due: z.string(), done: z.string(), onTime: z.string() }),
    }),
  ),
});
export const TopicUnit = z.object({ unit: Ref, contents: z.number().int(), projects: z.number().int() });

// --- who speaks for which unit
export const UnitMember = z.object({ id: Id, userId: Id, username: z.string(), unit: Ref, createdAt: z.string() });
export const UnitMemberQuery = z.strictObject({ unit: Id.optional() });
export const AddUnitMemberBody = z.strictObject({ userId: Id, unitId: Id });
export const UnitMemberRemoveBody = z.strictObject({ reason: text(200) });
export const CampaignMe = z.object({ personId: Id.nullable(), units: z.array(Ref) });

export const ListOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

// --- milestones due in a period, across the city's campaigns: the evaluation's drill-down of its campaign indicators

export const DueMilestoneQuery = z.strictObject({
  /** The milestones of projects at or under this node (a unit's answer at the city's root). */
  org: Id,
  /** A unit: the milestones of the projects it leads. */
  unit: Id.optional(),
  from: z.iso.date(),
  to: z.iso.date(),
  /** done: completed by the end of `to`; on_time: completed by the milestone's own due day. */
  outcome: z.enum(["done", "on_time"]).optional(),
  ...Page,
});
export const DueMilestone = z.object({
  id: Id,
  projectId: Id,
  projectName: z.string(),
  name: z.string(),
  dueOn: z.string(),
  doneAt: z.string().nullable(),
});
