import { z } from "zod";
import { PROBLEM_RATE_MIN_CASES } from "../figures";
import { IsoDate } from "./calendar";
import { abilitiesOf, Cursor, Id, ImportRowError, Version, optionalText, plain, text } from "./common";

// --- vocabularies, with the labels offices use (the spreadsheet import reads these labels too)

export const channelLabels = {
  opinion_form: "征求意见表",
  suggestion_box: "意见箱",
  symposium: "座谈会",
  household_visit: "入户走访",
  hotline: "热线电话",
  online: "网上反映",
  supervision: "督导检查",
  ledger_check: "台账自查",
} as const;
export const sourceLabels = { residents: "群众提", self: "自己找", superiors: "上级点", peers: "互相帮" } as const;
export const categoryLabels = {
  infrastructure: "基础设施",
  environment: "人居环境",
  livelihood: "民生服务",
  governance: "基层治理",
  party_building: "党建工作",
  work_style: "作风建设",
  collective_economy: "集体经济",
  safety: "安全隐患",
  other: "其他",
} as const;
export const statusLabels = {
  registered: "已登记",
  assigned: "已交办",
  rectifying: "整改中",
  submitted: "待核查",
  returned: "返工",
  closed: "已销号",
  dismissed: "不予立项",
  merged: "已合并",
} as const;
export const lightLabels = { green: "绿灯", yellow: "黄灯", red: "红灯" } as const;

const keys = <T extends Record<string, string>>(labels: T) => Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
export const Channel = z.enum(keys(channelLabels));
export const Source = z.enum(keys(sourceLabels));
export const Category = z.enum(keys(categoryLabels));
export const ProblemStatus = z.enum(keys(statusLabels));
export const Light = z.enum(keys(lightLabels));
export type Channel = z.infer<typeof Channel>;
export type Source = z.infer<typeof Source>;
export type Category = z.infer<typeof Category>;
export type ProblemStatus = z.infer<typeof ProblemStatus>;
export type Light = z.infer<typeof Light>;
export const problemStatuses = ProblemStatus.options;

// --- the state machine: which action moves a problem from which status to which

export const problemActions = ["assign", "start", "progress", "submit", "approve", "return", "dismiss", "merge", "delete"] as const;
export type ProblemAction = (typeof problemActions)[number];

/** What the caller may do with each kind of record (server: problems/policy.ts). */
export const problemAbilityKeys = [...problemActions, "attach", "supervise"] as const;
export type ProblemAbilities = Record<(typeof problemAbilityKeys)[number], boolean>;
export const clueAbilityKeys = ["convert", "dismiss", "attach"] as const;
export type ClueAbilities = Record<(typeof clueAbilityKeys)[number], boolean>;
export const problemListAbilityKeys = ["publish", "withdraw"] as const;
export type ProblemListAbilities = Record<(typeof problemListAbilityKeys)[number], boolean>;
export const commonListAbilityKeys = ["addMembers", "publish"] as const;
export type CommonListAbilities = Record<(typeof commonListAbilityKeys)[number], boolean>;
export const negativeListAbilityKeys = ["recordBreach", "retire"] as const;
export type NegativeListAbilities = Record<(typeof negativeListAbilityKeys)[number], boolean>;

/**
 * Every allowed transition; anything else is refused with 409 invalid_transition. `delete` is a soft
 * delete of a problem registered by mistake: it keeps its status and leaves every list.
 */
export const transitions: Record<ProblemAction, Partial<Record<ProblemStatus, ProblemStatus>>> = {
  assign: { registered: "assigned" },
  start: { assigned: "rectifying", returned: "rectifying" },
  progress: { rectifying: "rectifying" },
  submit: { rectifying: "submitted" },
  approve: { submitted: "closed" },
  return: { submitted: "returned" },
  dismiss: { registered: "dismissed" },
  merge: { registered: "merged", assigned: "merged" },
  delete: { registered: "registered", dismissed: "dismissed" },
};

/** Statuses of work still under way: they count as open, carry a light and can be escalated. */
export const openStatuses = ["registered", "assigned", "rectifying", "submitted", "returned"] as const satisfies readonly ProblemStatus[];
/** Statuses whose clock is running against the deadline: the rectifiers'; these are escalated when red. */
export const runningStatuses = ["assigned", "rectifying", "returned"] as const satisfies readonly ProblemStatus[];
/** Statuses that carry a traffic light: the running ones, and those handed in and still waiting for their check. */
export const timedStatuses = [...runningStatuses, "submitted"] as const satisfies readonly ProblemStatus[];

// --- figures and their drill-down

export const problemFigureKeys = [
  "problems.total",
  "problems.open",
  "problems.closed",
  "problems.due",
  "problems.closedOnTime",
  "problems.overdue",
  "problems.handled",
  "problems.reworked",
] as const;
export const ProblemFigure = z.enum(problemFigureKeys);
export type ProblemFigure = z.infer<typeof ProblemFigure>;
/** A rate is omitted for a node with fewer cases than this in its denominator: one lucky case says nothing. */
export const RATE_MIN_CASES = PROBLEM_RATE_MIN_CASES;

// --- shared field types

const Phone = z.string().trim().regex(/^1\d{10}$/, "an 11-digit mobile number");
const PersonName = optionalText(40);
const Base64 = z
  .string()
  .max(14_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, "the file's bytes in base64");
const Page = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const Bool = z.enum(["true", "false"]);
const Ids = z.array(Id).max(500);

// --- clues (线索)

export const CreateClueBody = z.strictObject({
  nodeId: Id,
  channel: Channel,
  source: Source,
  category: Category,
  description: text(2000),
  reporterName: PersonName.optional(),
  reporterPhone: Phone.optional(),
  receivedOn: IsoDate.optional(),
});
export const ConvertClueBody = z.strictObject({
  version: Version,
  problems: z
    .array(
      z.strictObject({
        title: text(100),
        description: text(2000).optional(),
        category: Category.optional(),
        nodeId: Id.optional(),
      }),
    )
    .min(1)
    .max(20),
});
export const ReasonBody = z.strictObject({ version: Version, reason: text(500) });

export const Clue = z.object({
  id: Id,
  code: z.string(),
  nodeId: Id,
  nodeName: z.string(),
  channel: Channel,
  source: Source,
  category: Category,
  description: z.string(),
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  receivedAt: z.string(),
  status: z.enum(["open", "converted", "dismissed"]),
  dismissReason: z.string().nullable(),
  publicSubmission: z.boolean(),
  /** The record elsewhere that raised the clue, "<entity>:<id>" (a household visit: "pairing_visit:12"), or null. */
  origin: z.string().nullable(),
  problemIds: z.array(Id),
  version: z.number().int(),
  abilities: abilitiesOf(clueAbilityKeys),
});
export const ClueQuery = z.strictObject({
  org: Id.optional(),
  status: z.enum(["open", "converted", "dismissed"]).optional(),
  channel: Channel.optional(),
  source: Source.optional(),
  category: Category.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  figure: z.enum(["problems.clues"]).optional(),
  ...Page,
});

// --- problems

export const CreateProblemBody = z.strictObject({
  nodeId: Id,
  channel: Channel,
  source: Source,
  category: Category,
  title: text(100),
  description: text(2000),
  reporterName: PersonName.optional(),
  reporterPhone: Phone.optional(),
  foundOn: IsoDate.optional(),
});
export const AssignBody = z.strictObject({
  version: Version,
  responsibleNodeId: Id,
  responsiblePerson: text(40),
  measure: text(2000),
  deadlineDays: z.number().int().min(1).max(250),
});
export const StartBody = z.strictObject({ version: Version, note: optionalText(500).optional() });
export const ProgressBody = z.strictObject({
  version: Version,
  progress: z.number().int().min(0).max(100),
  note: text(1000),
  attachmentIds: z.array(Id).max(20).optional(),
});
export const SubmitBody = z.strictObject({ version: Version, note: text(1000), attachmentIds: z.array(Id).max(20).optional() });
export const ApproveBody = z.strictObject({ version: Version, note: optionalText(500).optional() });
export const MergeBody = z.strictObject({ version: Version, intoId: Id });
export const DeleteBody = z.strictObject({ version: Version, reason: text(200) });
export const SuperviseBody = z.strictObject({ note: text(500) });

export const Problem = z.object({
  id: Id,
  code: z.string(),
  nodeId: Id,
  nodeName: z.string(),
  clueId: Id.nullable(),
  externalRef: z.string().nullable(),
  channel: Channel,
  source: Source,
  category: Category,
  title: z.string(),
  description: z.string(),
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  foundOn: z.string(),
  status: ProblemStatus,
  responsibleNodeId: Id.nullable(),
  responsibleNodeName: z.string().nullable(),
  responsiblePerson: z.string().nullable(),
  measure: z.string().nullable(),
  deadlineDays: z.number().int().nullable(),
  assignedAt: z.string().nullable(),
  deadlineAt: z.string().nullable(),
  progress: z.number().int(),
  submittedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedOnTime: z.boolean().nullable(),
  reworkCount: z.number().int(),
  light: Light.nullable(),
  escalationLevel: z.number().int(),
  mergedIntoId: Id.nullable(),
  dismissReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  abilities: abilitiesOf(problemAbilityKeys),
});
export type Problem = z.infer<typeof Problem>;

export const SimilarProblem = z.object({ id: Id, code: z.string(), title: z.string(), status: ProblemStatus, similarity: z.number() });
export const Attachment = z.object({ id: Id, fileName: z.string(), mime: z.string(), size: z.number().int(), sha256: z.string(), createdAt: z.string(), eventId: Id.nullable() });
export const TimelineEntry = z.object({
  id: Id,
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export const Escalation = z.object({ level: z.number().int(), toNodeId: Id, toNodeName: z.string(), overdueWorkingDays: z.number().int(), at: z.string() });

export const ProblemDetail = Problem.extend({
  timeline: z.array(TimelineEntry),
  attachments: z.array(Attachment),
  escalations: z.array(Escalation),
  commonLists: z.array(z.object({ id: Id, title: z.string() })),
});
export const CreatedProblem = Problem.extend({ similar: z.array(SimilarProblem) });

export const ProblemFilter = {
  org: Id.optional(),
  status: ProblemStatus.optional(),
  channel: Channel.optional(),
  source: Source.optional(),
  category: Category.optional(),
  light: Light.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  q: plain().trim().max(100).optional(),
  clue: Id.optional(),
  commonList: Id.optional(),
  escalated: Bool.optional(),
  figure: ProblemFigure.optional(),
  /** Problems assigned to this responsible node (责任单位), as a row of the unit table opens them. */
  responsible: Id.optional(),
};
export const ProblemQuery = z.strictObject({
  ...ProblemFilter,
  sort: z.enum(["recent", "deadline", "found"]).default("recent"),
  ...Page,
  cursor: Cursor,
});
export const ExportQuery = z.strictObject({ ...ProblemFilter });

// --- statistics (the node table and the responsible-unit table; each count opens its records by ?figure=)

/** All time, or problems found between from and to (发现日期, both ends included), as the list's period filter. */
export const ProblemStatsQuery = z.strictObject({ org: Id.optional(), from: IsoDate.optional(), to: IsoDate.optional() });
/** The counts of problemFigureKeys, each the records its figure names (figureCondition). */
export const ProblemStatsCounts = z.object({
  total: z.number().int(),
  open: z.number().int(),
  due: z.number().int(),
  closed: z.number().int(),
  closedOnTime: z.number().int(),
  overdue: z.number().int(),
  handled: z.number().int(),
  reworked: z.number().int(),
});
/** The problem rates of shared/figures.ts; null below their minimum sample (minCases). */
export const ProblemStatsRates = z.object({ closure: z.number().nullable(), onTimeClosure: z.number().nullable(), rework: z.number().nullable() });
export const ProblemStatsRow = z.object({ nodeId: Id, name: z.string(), kind: z.string(), counts: ProblemStatsCounts, rates: ProblemStatsRates });
const StatsOrg = z.object({ id: Id, name: z.string(), kind: z.string() });
export const ProblemNodeStats = z.object({ org: StatsOrg, minCases: z.number().int(), self: ProblemStatsRow, children: z.array(ProblemStatsRow) });
/** One row per responsible node of the org's problems; problems not yet assigned are in no row. */
export const ProblemUnitStats = z.object({ org: StatsOrg, minCases: z.number().int(), items: z.array(ProblemStatsRow) });
export const SupervisionQuery = z.strictObject({ org: Id.optional(), ...Page });

export const AttachmentBody = z.strictObject({ fileName: text(200), contentBase64: Base64 });

// --- lists

export const CreateProblemListBody = z.strictObject({ nodeId: Id, title: text(100), periodFrom: IsoDate, periodTo: IsoDate });
export const VersionBody = z.strictObject({ version: Version });
export const ProblemList = z.object({
  id: Id,
  nodeId: Id,
  nodeName: z.string(),
  title: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  status: z.enum(["draft", "published", "withdrawn"]),
  itemCount: z.number().int(),
  closedCount: z.number().int(),
  publishedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  version: z.number().int(),
  abilities: abilitiesOf(problemListAbilityKeys),
});
export const ListQuery = z.strictObject({ org: Id.optional(), status: z.enum(["draft", "published", "withdrawn"]).optional(), ...Page });
export const ProblemListDetail = ProblemList.extend({ items: z.array(Problem), itemsTotal: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const ListItemsQuery = z.strictObject({ ...Page });

export const CreateCommonListBody = z.strictObject({
  nodeId: Id,
  title: text(100),
  category: Category,
  description: text(2000),
  measure: text(2000),
  deadlineOn: IsoDate.optional(),
  problemIds: Ids.min(1),
});
export const AddMembersBody = z.strictObject({ version: Version, problemIds: Ids.min(1) });
export const CommonList = z.object({
  id: Id,
  nodeId: Id,
  nodeName: z.string(),
  title: z.string(),
  category: Category,
  description: z.string(),
  measure: z.string(),
  deadlineOn: z.string().nullable(),
  status: z.enum(["draft", "published"]),
  publishedAt: z.string().nullable(),
  memberCount: z.number().int(),
  closedCount: z.number().int(),
  placeCount: z.number().int(),
  /** Closed members as a share of all members, 0–100. */
  progress: z.number(),
  version: z.number().int(),
  abilities: abilitiesOf(commonListAbilityKeys),
});
export const CommonListDetail = CommonList.extend({ members: z.array(Problem) });
export const CommonListQuery = z.strictObject({ org: Id.optional(), status: z.enum(["draft", "published"]).optional(), ...Page });

export const CreateNegativeListBody = z.strictObject({ nodeId: Id, title: text(100), category: Category, description: text(2000) });
export const BreachBody = z.strictObject({ nodeId: Id, occurredOn: IsoDate, description: text(1000), problemId: Id.optional() });
export const NegativeList = z.object({
  id: Id,
  nodeId: Id,
  nodeName: z.string(),
  title: z.string(),
  category: Category,
  description: z.string(),
  retiredAt: z.string().nullable(),
  retireReason: z.string().nullable(),
  breachCount: z.number().int(),
  version: z.number().int(),
  abilities: abilitiesOf(negativeListAbilityKeys),
});
export const Breach = z.object({ id: Id, nodeId: Id, nodeName: z.string(), problemId: Id.nullable(), occurredOn: z.string(), description: z.string(), createdAt: z.string() });
export const NegativeListDetail = NegativeList.extend({ breaches: z.array(Breach) });
export const NegativeListQuery = z.strictObject({ org: Id.optional(), ...Page });

// --- spreadsheets

export const ImportPreviewBody = z.strictObject({ fileName: text(200), contentBase64: Base64 });
export const ImportCommitBody = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, "the token of a preview"),
  skipInvalid: z.boolean().default(false),
});
export const ImportPreview = z.object({
  token: z.string(),
  fileName: z.string(),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.array(ImportRowError),
  sample: z.array(z.object({ row: z.number().int(), nodeName: z.string(), category: Category, title: z.string(), status: ProblemStatus })),
  expiresAt: z.string(),
});
export const ImportResult = z.object({ imported: z.number().int(), skipped: z.number().int(), problemIds: z.array(Id) });

// --- the public side (no sign-in; nothing personal)

const CityCode = z.string().trim().min(1).max(40).regex(/^[a-z0-9_-]+$/, "a city code");
export const TrackingCode = z.string().trim().toUpperCase().regex(/^ZL-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/, "a tracking code such as ZL-ABCD-EFGH-JKMN");
export const PublicCityQuery = z.strictObject({ city: CityCode, ...Page });
export const PublicPlacesQuery = z.strictObject({ city: CityCode });
export const TrackParams = z.strictObject({ code: TrackingCode });
export const PublicProblemBody = z.strictObject({
  city: CityCode,
  nodeId: Id,
  category: Category,
  description: text(1000),
  contactName: PersonName.optional(),
  contactPhone: Phone.optional(),
});
export const PublicSubmitted = z.object({ trackingCode: z.string(), receivedAt: z.string() });
export const PublicItem = z.object({
  code: z.string(),
  title: z.string(),
  category: Category,
  nodeName: z.string(),
  status: ProblemStatus,
  foundOn: z.string(),
  deadlineOn: z.string().nullable(),
  closedOn: z.string().nullable(),
});
export const PublicList = z.object({
  id: Id,
  title: z.string(),
  nodeName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  publishedAt: z.string(),
  itemCount: z.number().int(),
  closedCount: z.number().int(),
});
export const PublicListDetail = PublicList.extend({ items: z.array(PublicItem), page: z.number().int(), pageSize: z.number().int() });
export const PublicPlace = z.object({ id: Id, name: z.string(), kind: z.string(), parentName: z.string() });
export const PublicTrack = z.object({
  code: z.string(),
  status: z.enum(["open", "converted", "dismissed"]),
  category: Category,
  nodeName: z.string(),
  receivedAt: z.string(),
  dismissReason: z.string().nullable(),
  problems: z.array(PublicItem),
});
