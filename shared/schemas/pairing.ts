import { z } from "zod";
import { IsoDate } from "./calendar";
import { Id, Version, optionalText, text } from "./common";

// --- vocabularies

export const pairingPosts = ["county_leader", "township_cadre"] as const;
export const PairingPost = z.enum(pairingPosts);
export const PairingTarget = z.enum(["household", "village"]);

export const conflictKindLabels = {
  neighbours: "邻里纠纷",
  land: "土地纠纷",
  family: "婚姻家庭纠纷",
  labour: "劳资纠纷",
  property: "物业纠纷",
  petition: "信访诉求",
  safety: "安全隐患",
  other: "其他",
} as const;
export const conflictSourceLabels = { visit: "入户走访", grid_event: "网格事件", petition: "信访", hotline: "热线" } as const;
export const conflictResultLabels = {
  resolved: "调解成功",
  agreement: "签订协议",
  court: "移交法院",
  petition_office: "移交信访部门",
  escalated: "上报上级",
} as const;
export const conflictStatusLabels = { open: "化解中", resolved: "已化解", referred: "已移交", closed: "已办结" } as const;
/** Risk 1 (low) to 4 (major); 3 and above notify the township leader at once. */
export const riskLabels = { 1: "低风险", 2: "一般风险", 3: "较大风险", 4: "重大风险" } as const;
export const HIGH_RISK = 3;
/** Working days to resolve an entry, by risk level: the graver, the sooner. */
export const deadlineDaysByRisk: Record<1 | 2 | 3 | 4, number> = { 1: 30, 2: 15, 3: 5, 4: 2 };
/** Results that settle the matter locally (counted as resolved); the others hand it on. */
export const settlingResults = ["resolved", "agreement"] as const;

const keys = <T extends Record<string, string>>(labels: T) => Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
export const ConflictKind = z.enum(keys(conflictKindLabels));
export const ConflictSource = z.enum(keys(conflictSourceLabels));
export const ConflictResult = z.enum(keys(conflictResultLabels));
export const ConflictStatus = z.enum(keys(conflictStatusLabels));
export const RiskLevel = z.coerce.number().int().min(1, "风险等级为 1–4 (risk level is 1 to 4)").max(4, "风险等级为 1–4 (risk level is 1 to 4)");

export const pairingNotificationKinds = ["conflict_high_risk"] as const;

const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

// --- pairings

export const Pairing = z.object({
  id: Id,
  personId: Id,
  personName: z.string(),
  post: PairingPost,
  target: PairingTarget,
  householdId: Id.nullable(),
  householdCode: z.string().nullable(),
  nodeId: Id,
  nodeName: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  reason: z.string(),
  endReason: z.string().nullable(),
  successorId: Id.nullable(),
  lastVisitOn: z.string().nullable(),
  version: z.number().int(),
});
export const PairingQuery = z.strictObject({
  org: Id.optional(),
  person: Id.optional(),
  household: Id.optional(),
  post: PairingPost.optional(),
  target: PairingTarget.optional(),
  /** Active pairings only (default), or the whole history. */
  history: z.enum(["true", "false"]).optional(),
  /** Only household pairings not visited in the current period: the township's list of overdue visits. */
  due: z.enum(["true", "false"]).optional(),
  ...paging,
});
export const CreatePairingBody = z.strictObject({
  personId: Id,
  post: PairingPost,
  target: PairingTarget,
  householdId: Id.optional(),
  villageId: Id.optional(),
  startedOn: IsoDate.optional(),
  reason: text(200),
});
/** Ends a pairing; with a successor the household (or village) passes to them, and both rows stay. */
export const EndPairingBody = z.strictObject({
  version: Version,
  reason: text(200),
  endedOn: IsoDate.optional(),
  successorPersonId: Id.optional(),
});
export const EndedPairing = z.object({ ended: Pairing, successor: Pairing.nullable() });

// --- visits

export const VisitFindings = z.strictObject({
  problem: z.strictObject({ description: text(2000) }).optional(),
  suggestion: z.strictObject({ content: text(2000) }).optional(),
  conflict: z
    .strictObject({
      kind: ConflictKind,
      summary: text(500),
      parties: text(500),
      riskLevel: RiskLevel,
      responsiblePersonId: Id,
    })
    .optional(),
});
export const CreateVisitBody = z.strictObject({
  householdId: Id.optional(),
  villageId: Id.optional(),
  visitedOn: IsoDate.optional(),
  lon: z.number().min(-180).max(180).optional(),
  lat: z.number().min(-90).max(90).optional(),
  met: text(200),
  findings: text(2000),
  raise: VisitFindings.optional(),
});
export const Visit = z.object({
  id: Id,
  pairingId: Id,
  personId: Id,
  personName: z.string(),
  householdId: Id.nullable(),
  nodeId: Id,
  nodeName: z.string(),
  visitedOn: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  met: z.string(),
  findings: z.string(),
  clueId: Id.nullable(),
  suggestionId: Id.nullable(),
  conflictId: Id.nullable(),
});
export const VisitQuery = z.strictObject({
  org: Id.optional(),
  person: Id.optional(),
  household: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  ...paging,
});

// --- coverage

export const CoverageQuery = z.strictObject({
  org: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
const CoverageRow = z.object({ paired: z.number().int(), visited: z.number().int(), rate: z.number().nullable() });
export const Coverage = z.object({
  from: z.string(),
  to: z.string(),
  nodeId: Id,
  nodeName: z.string(),
  ...CoverageRow.shape,
  neverVisited: z.number().int(),
  children: z.array(z.object({ nodeId: Id, nodeName: z.string(), ...CoverageRow.shape })),
  /** Persons behind: those with households not visited in the period, most behind first. */
  behind: z.array(z.object({ personId: Id, personName: z.string(), ...CoverageRow.shape })),
});
export const MyHousehold = z.object({
  pairingId: Id,
  target: PairingTarget,
  householdId: Id.nullable(),
  householdCode: z.string().nullable(),
  address: z.string().nullable(),
  head: z.string().nullable(),
  nodeId: Id,
  nodeName: z.string(),
  lastVisitOn: z.string().nullable(),
  /** Not visited in the current period: on the person's to-do. */
  due: z.boolean(),
});
/** The caller's person (null for an account that is nobody's) and their pairings. */
export const MyHouseholds = z.object({ from: z.string(), to: z.string(), personId: Id.nullable(), items: z.array(MyHousehold) });

// --- suggestions

export const Suggestion = z.object({
  id: Id,
  nodeId: Id,
  nodeName: z.string(),
  visitId: Id.nullable(),
  content: z.string(),
  status: z.enum(["open", "answered"]),
  answer: z.string().nullable(),
  answeredByName: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export const SuggestionQuery = z.strictObject({ org: Id.optional(), status: z.enum(["open", "answered"]).optional(), ...paging });
export const AnswerSuggestionBody = z.strictObject({ version: Version, answer: text(2000), answeredByName: text(100) });

// --- the register

export const Conflict = z.object({
  id: Id,
  nodeId: Id,
  nodeName: z.string(),
  kind: ConflictKind,
  summary: z.string(),
  /** Masked unless revealed (POST …/reveal, audited). */
  parties: z.string(),
  riskLevel: z.number().int(),
  source: ConflictSource,
  visitId: Id.nullable(),
  eventId: Id.nullable(),
  responsiblePersonId: Id.nullable(),
  responsibleName: z.string().nullable(),
  reportedOn: z.string(),
  deadline: z.string(),
  status: ConflictStatus,
  result: ConflictResult.nullable(),
  resultNote: z.string().nullable(),
  resolvedOn: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
});
export const ConflictStep = z.object({ id: Id, kind: z.enum(["mediation", "follow_up"]), happenedOn: z.string(), note: z.string(), outcome: z.string().nullable(), createdAt: z.string() });
export const ConflictDetail = Conflict.extend({ steps: z.array(ConflictStep) });
export const ConflictQuery = z.strictObject({
  org: Id.optional(),
  status: ConflictStatus.optional(),
  kind: ConflictKind.optional(),
  source: ConflictSource.optional(),
  riskLevel: RiskLevel.optional(),
  q: optionalText(100).optional(),
  event: Id.optional(),
  /** A figure's drill-down: the same condition as its count. */
  figure: z.enum(["resolved"]).optional(),
  /** Reported on or after / on or before these days: the evaluation's drill-down of a period. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  ...paging,
});
export const ConflictExportQuery = ConflictQuery.omit({ page: true, pageSize: true });
export const DeleteConflictBody = z.strictObject({ version: Version, reason: text(200) });
export const CreateConflictBody = z.strictObject({
  nodeId: Id,
  kind: ConflictKind,
  summary: text(500),
  parties: text(500),
  riskLevel: RiskLevel,
  source: ConflictSource.exclude(["visit", "grid_event"]),
  responsiblePersonId: Id,
  reportedOn: IsoDate.optional(),
});
export const UpdateConflictBody = z.strictObject({
  version: Version,
  summary: text(500).optional(),
  riskLevel: RiskLevel.optional(),
  responsiblePersonId: Id.optional(),
});
export const ConflictStepBody = z.strictObject({
  version: Version,
  kind: z.enum(["mediation", "follow_up"]),
  happenedOn: IsoDate.optional(),
  note: text(1000),
  outcome: optionalText(500).optional(),
});
export const ConflictResultBody = z.strictObject({ version: Version, result: ConflictResult, note: text(1000), resolvedOn: IsoDate.optional() });
export const CloseConflictBody = z.strictObject({ version: Version });
export const RevealParties = z.object({ parties: z.string() });
export const RevealVisit = z.object({ met: z.string(), findings: z.string() });

// --- party members in service

export const OrganPairing = z.object({ id: Id, partyOrgId: Id, partyOrgName: z.string(), nodeId: Id, nodeName: z.string(), startedOn: z.string() });
export const ServiceQuery = z.strictObject({ org: Id.optional(), q: optionalText(100).optional(), ...paging });
export const MemberReport = z.object({
  id: Id,
  personId: Id,
  personName: z.string(),
  nodeId: Id,
  nodeName: z.string(),
  post: z.string(),
  reportedOn: z.string(),
  hours: z.number(),
  version: z.number().int(),
});
export const CreateMemberReportBody = z.strictObject({ personId: Id, nodeId: Id, post: text(100), reportedOn: IsoDate.optional() });
export const LogServiceBody = z.strictObject({ version: Version, happenedOn: IsoDate.optional(), minutes: z.number().int().min(1).max(24 * 60), note: text(500) });
export const VolunteerTeam = z.object({ id: Id, nodeId: Id, nodeName: z.string(), name: z.string(), focus: z.string(), members: z.number().int() });
export const CreateTeamBody = z.strictObject({ nodeId: Id, name: text(100), focus: text(200) });
export const AddTeamMemberBody = z.strictObject({ personId: Id });

// --- 我为群众办实事 and calls with shifts

const DeedPhoto = z
  .string()
  .max(14_000_000)
  .regex(/^(data:image\/[a-z0-9.+-]+;base64,)?[A-Za-z0-9+/=\r\n]+$/, "a base64-encoded image");
export const Deed = z.object({
  id: Id,
  nodeId: Id,
  nodeName: z.string(),
  title: z.string(),
  description: z.string(),
  beneficiaries: z.number().int(),
  doneOn: z.string(),
  rating: z.number().int().nullable(),
  published: z.boolean(),
  photoIds: z.array(Id),
  version: z.number().int(),
});
export const CreateDeedBody = z.strictObject({
  nodeId: Id,
  title: text(200),
  description: text(2000),
  beneficiaries: z.number().int().min(1).max(1_000_000),
  doneOn: IsoDate.optional(),
  photos: z.array(DeedPhoto).max(3).optional(),
});
export const RateDeedBody = z.strictObject({ version: Version, rating: z.number().int().min(1).max(5) });
export const PublishDeedBody = z.strictObject({ version: Version, published: z.boolean() });
export const PhotoParams = z.strictObject({ id: Id, photoId: Id });
/** What residents see of a published deed: no names, no photos of people, nothing personal. */
export const PublicDeed = z.object({ id: Id, nodeName: z.string(), title: z.string(), description: z.string(), beneficiaries: z.number().int(), doneOn: z.string(), rating: z.number().int().nullable() });
export const PublicDeedQuery = z.strictObject({ city: z.string().min(1).max(40), ...paging });

export const CallShift = z.object({
  id: Id,
  day: z.string(),
  slot: z.string(),
  capacity: z.number().int(),
  signedUp: z.number().int(),
  attended: z.number().int(),
  /** In the member's own list: whether they signed up for it. */
  mine: z.boolean().optional(),
});
export const Call = z.object({ id: Id, nodeId: Id, nodeName: z.string(), title: z.string(), kind: z.string(), shifts: z.array(CallShift) });
export const CreateCallBody = z.strictObject({
  nodeId: Id,
  title: text(200),
  kind: text(50),
  shifts: z.array(z.strictObject({ day: IsoDate, slot: text(50), capacity: z.number().int().min(1).max(1000) })).min(1).max(100),
});
export const SignupBody = z.strictObject({ personId: Id });
/** A party member's own sign-up: the shift is named in the path, the member is the caller. */
export const OwnSignupBody = z.strictObject({});
export const MyCallsQuery = z.strictObject({ ...paging });
export const AttendanceBody = z.strictObject({ personId: Id, attended: z.boolean() });

export const periodMonthsOptions = [1, 3, 6, 12] as const;
export const PairingSettings = z.object({ periodMonths: z.number().int(), version: z.number().int() });
export const UpdatePairingSettingsBody = z.strictObject({
  version: z.number().int().min(0),
  periodMonths: z.union(periodMonthsOptions.map((n) => z.literal(n)) as unknown as [z.ZodLiteral<1>, z.ZodLiteral<3>, z.ZodLiteral<6>, z.ZodLiteral<12>]),
});
