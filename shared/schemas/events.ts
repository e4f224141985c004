import { z } from "zod";
import { abilitiesOf, Cursor, Id, Version, optionalText, plain, text } from "./common";

/**
 * Grid events (网格事件) following CJJ/T 106: 信息收集 (reported) → 案卷建立 (registered, awaiting
 * dispatch) or rejected → 任务派遣 (dispatched to a department, awaiting its sign-off) → 任务处理
 * (handling) → 处理反馈 (the department's feedback, awaiting the check) → 核查结案 (closed) or sent
 * back → 综合评价 (evaluated with the resident's rating).
 */
export const eventStages = ["reported", "dispatching", "dispatched", "handling", "checking", "closed", "evaluated", "rejected"] as const;
export const EventStage = z.enum(eventStages);
export type EventStage = z.infer<typeof EventStage>;
/** The stage names a user reads, on screen, in exports and on the printed sheet alike. */
export const stageLabels: Record<EventStage, string> = {
  reported: "待受理",
  dispatching: "待派遣",
  dispatched: "已派遣",
  handling: "处置中",
  checking: "待核查",
  closed: "已结案",
  evaluated: "已评价",
  rejected: "未受理",
};

/** 一般 / 紧急 / 特急 */
export const urgencies = ["normal", "urgent", "emergency"] as const;
export const Urgency = z.enum(urgencies);
export type Urgency = z.infer<typeof Urgency>;
export const urgencyLabels: Record<Urgency, string> = { normal: "一般", urgent: "紧急", emergency: "特急" };

/** The stages that carry a time limit, and the answer limit of a summoned department. */
export const timerStages = ["register", "dispatch", "handle", "check", "summon"] as const;
export const TimerStage = z.enum(timerStages);
export type TimerStage = z.infer<typeof TimerStage>;

/** Working hours and days on the city's calendar, or hours around the clock (emergencies). */
export const limitUnits = ["working_hours", "working_days", "hours"] as const;
export const LimitUnit = z.enum(limitUnits);
export type LimitUnit = z.infer<typeof LimitUnit>;

/** 满意 / 基本满意 / 不满意: the first two count as satisfied, as the 12345 bulletins count them. */
export const ratings = ["satisfied", "basic", "unsatisfied"] as const;
export const Rating = z.enum(ratings);
export type Rating = z.infer<typeof Rating>;

export const lights = ["green", "yellow", "red"] as const;
export const Light = z.enum(lights);

export const eventSources = ["staff", "public", "open311"] as const;
export const EventSource = z.enum(eventSources);

export const rejectReasons = ["invalid", "duplicate"] as const;

/** A photo as base64, bare or as a data: URL; its type is decided by its first bytes, not by what it claims. */
const Photo = z
  .string()
  .max(14_000_000)
  .regex(/^(data:image\/[a-z0-9.+-]+;base64,)?[A-Za-z0-9+/=\r\n]+$/, "a base64-encoded image");
/** Up to four photos a report or a feedback (the phone app resizes them before sending). */
const Photos = z.array(Photo).max(4);
const Longitude = z.number().min(-180).max(180);
const Latitude = z.number().min(-90).max(90);
const Phone = z.string().trim().regex(/^1\d{10}$/, "an 11-digit mobile number");
const Code = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, "letters, digits, - and _ only");

/** Staff report (a grid worker's phone): a micro-grid, or the device's location, which finds one. */
export const ReportEventBody = z
  .strictObject({
    typeId: Id,
    urgency: Urgency.default("normal"),
    description: text(2000),
    nodeId: Id.optional(),
    lon: Longitude.optional(),
    lat: Latitude.optional(),
    accuracy: z.number().min(0).max(100_000).optional(),
    address: optionalText(200).optional(),
    photos: Photos.optional(),
  })
  .superRefine((body, issue) => {
    if ((body.lon === undefined) !== (body.lat === undefined)) {
      issue.addIssue({ code: "custom", path: [body.lon === undefined ? "lon" : "lat"], message: "lon and lat go together" });
    }
    if (body.nodeId === undefined && body.lon === undefined) {
      issue.addIssue({ code: "custom", path: ["lon"], message: "give the location (lon, lat) or the micro-grid (nodeId)" });
    }
  });
export type ReportEventBody = z.infer<typeof ReportEventBody>;

/** A resident's report from the public side: no sign-in; the point finds the micro-grid. */
export const PublicReportBody = z.strictObject({
  city: Code,
  typeId: Id,
  description: text(2000),
  lon: Longitude,
  lat: Latitude,
  address: optionalText(200).optional(),
  name: optionalText(40).optional(),
  phone: Phone.optional(),
  photos: Photos.optional(),
});

export const RegisterBody = z.strictObject({
  version: Version,
  typeId: Id.optional(),
  urgency: Urgency.optional(),
  /** The registrar may place the event in the right micro-grid (a report located by address only). */
  nodeId: Id.optional(),
  /**
   * The department function the case goes to on registration. Left out, it goes to the one function
   * that covers the type, or waits to be dispatched when several do.
   */
  functionId: Id.optional(),
  note: optionalText(500).optional(),
});
export const RejectBody = z.strictObject({
  version: Version,
  reason: z.enum(rejectReasons),
  duplicateOfId: Id.optional(),
  note: text(500),
});
export const DispatchBody = z.strictObject({ version: Version, functionId: Id, note: optionalText(500).optional() });
export const AcceptBody = z.strictObject({ version: Version, note: optionalText(500).optional() });
export const RefuseBody = z.strictObject({ version: Version, reason: text(500) });
export const FeedbackBody = z.strictObject({ version: Version, result: text(2000), photos: Photos.optional() });
export const CloseBody = z.strictObject({ version: Version, note: optionalText(500).optional() });
export const SendBackBody = z.strictObject({ version: Version, reason: text(500) });
/** What the reporter adds to a case not accepted before reporting it again. */
export const ResubmitBody = z.strictObject({ version: Version, note: text(500) });
export const EvaluateBody = z.strictObject({ version: Version, rating: Rating, comment: optionalText(500).optional() });
export const DeleteEventBody = z.strictObject({ version: Version, reason: text(200) });
export const SummonBody = z.strictObject({ version: Version, departmentIds: z.array(Id).min(1).max(24), note: text(500) });
export const SummonAnswerBody = z.strictObject({ version: Version, note: text(500) });
export const SummonRateBody = z.strictObject({
  version: Version,
  attended: z.boolean(),
  rating: z.number().int().min(1).max(5),
  note: optionalText(500).optional(),
});
export const PublicRatingBody = z.strictObject({ rating: Rating, comment: optionalText(500).optional() });

const IsoInstant = z.string().max(40).regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/, "an ISO 8601 date or date-time");

/** The sets of records behind each rate, so every figure drills down to its cases. */
export const drillSets = [
  "open",
  "closed",
  "overdue",
  "escalated",
  "dispatched_on_time",
  "dispatched_late",
  "rerouted",
  "handled_on_time",
  "handled_late",
  "closed_on_time",
  "closed_late",
  "reworked",
  "rated_satisfied",
  "rated_unsatisfied",
  "conflicts_resolved",
  // the denominators of the rates, for the evaluation's drill-down
  "to_dispatch",
  "to_handle",
  "due",
  "rated",
] as const;
export const DrillSet = z.enum(drillSets);

export const EventQuery = z.strictObject({
  org: Id.optional(),
  stage: EventStage.optional(),
  type: Id.optional(),
  department: Id.optional(),
  light: Light.optional(),
  source: EventSource.optional(),
  drill: DrillSet.optional(),
  from: IsoInstant.optional(),
  to: IsoInstant.optional(),
  q: plain().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  cursor: Cursor,
});
export type EventQuery = z.infer<typeof EventQuery>;

export const EventMapQuery = z.strictObject({
  org: Id.optional(),
  stage: EventStage.optional(),
  open: z.enum(["true", "false"]).optional(),
  from: IsoInstant.optional(),
  to: IsoInstant.optional(),
});

export const StatsQuery = z.strictObject({ org: Id.optional(), from: IsoInstant.optional(), to: IsoInstant.optional() });

const Timer = z.object({
  stage: TimerStage,
  startedAt: z.string(),
  warnAt: z.string(),
  dueAt: z.string(),
  light: Light,
});

export const EventSummary = z.object({
  id: Id,
  code: z.string(),
  typeId: Id,
  typeName: z.string(),
  conflict: z.boolean(),
  urgency: Urgency,
  source: EventSource,
  stage: EventStage,
  nodeId: Id,
  nodeName: z.string(),
  departmentId: Id.nullable(),
  departmentName: z.string().nullable(),
  description: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  reportedAt: z.string(),
  timer: Timer.nullable(),
  escalationLevel: z.number().int(),
  closeDueAt: z.string(),
  version: z.number().int(),
});
export type EventSummary = z.infer<typeof EventSummary>;

export const EventStep = z.object({
  id: Id,
  action: z.string(),
  fromStage: EventStage.nullable(),
  toStage: EventStage,
  actorName: z.string().nullable(),
  departmentName: z.string().nullable(),
  functionName: z.string().nullable(),
  nodeName: z.string().nullable(),
  note: z.string().nullable(),
  late: z.boolean(),
  at: z.string(),
});

export const EventSummons = z.object({
  id: Id,
  departmentId: Id,
  departmentName: z.string(),
  note: z.string(),
  summonedAt: z.string(),
  dueAt: z.string(),
  answeredAt: z.string().nullable(),
  answerNote: z.string().nullable(),
  answerLate: z.boolean(),
  attended: z.boolean().nullable(),
  rating: z.number().int().nullable(),
  ratingNote: z.string().nullable(),
  version: z.number().int(),
  abilities: abilitiesOf(["answer", "rate"]),
});

export const SuggestedFunction = z.object({ functionId: Id, functionName: z.string(), departmentId: Id, departmentName: z.string() });
export const Duplicate = z.object({ id: Id, code: z.string(), stage: EventStage, distanceMetres: z.number(), reportedAt: z.string() });

/** What the caller may do with an event: the workflow's actions (send_back as sendBack), summoning and deleting. */
export const eventAbilityKeys = ["register", "reject", "resubmit", "dispatch", "reroute", "accept", "refuse", "feedback", "close", "sendBack", "evaluate", "summon", "delete"] as const;
export type EventAbilities = Record<(typeof eventAbilityKeys)[number], boolean>;

export const EventDetail = EventSummary.extend({
  trackingCode: z.string(),
  address: z.string().nullable(),
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()).nullable(),
  functionId: Id.nullable(),
  functionName: z.string().nullable(),
  escalatedNodeName: z.string().nullable(),
  duplicateOfId: Id.nullable(),
  rejectReason: z.string().nullable(),
  statusNote: z.string().nullable(),
  rating: Rating.nullable(),
  ratingComment: z.string().nullable(),
  counts: z.object({ reroutes: z.number().int(), refusals: z.number().int(), reworks: z.number().int() }),
  photos: z.array(z.object({ id: Id, kind: z.string(), mime: z.string(), size: z.number().int(), thumb: z.boolean() })),
  steps: z.array(EventStep),
  summons: z.array(EventSummons),
  suggestions: z.array(SuggestedFunction),
  duplicates: z.array(Duplicate),
  abilities: abilitiesOf(eventAbilityKeys),
});
export type EventDetail = z.infer<typeof EventDetail>;

export const EventMapPoint = z.object({
  id: Id,
  lon: z.number(),
  lat: z.number(),
  stage: EventStage,
  light: Light.nullable(),
  typeName: z.string(),
});
export const EventMap = z.object({ items: z.array(EventMapPoint), truncated: z.boolean() });

/** A rate in percent with one decimal, or null where there are too few cases to mean anything. */
const Rate = z.number().nullable();
export const EventRates = z.object({
  onTimeDispatch: Rate,
  accurateDispatch: Rate,
  handling: Rate,
  onTimeHandling: Rate,
  closure: Rate,
  onTimeClosure: Rate,
  rework: Rate,
  satisfaction: Rate,
});
export const EventCounts = z.object({
  total: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  byStage: z.record(z.string(), z.number().int()),
  conflictsResolved: z.number().int(),
});
export const StatsRow = z.object({
  nodeId: Id,
  name: z.string(),
  kind: z.string(),
  counts: EventCounts,
  rates: EventRates,
});
export const NodeStats = z.object({ org: z.object({ id: Id, name: z.string(), kind: z.string() }), minCases: z.number().int(), self: StatsRow, children: z.array(StatsRow) });
export const DepartmentStatsRow = z.object({
  departmentId: Id,
  code: z.string(),
  name: z.string(),
  counts: EventCounts.extend({ refusals: z.number().int(), summoned: z.number().int() }),
  rates: EventRates.extend({ response: Rate }),
  averageSummonRating: z.number().nullable(),
});
export const DepartmentStats = z.object({ minCases: z.number().int(), items: z.array(DepartmentStatsRow) });

// --- the catalogue: event types, their functions and time limits

export const attributeDatatypes = ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"] as const;
export const ServiceAttribute = z.strictObject({
  code: Code,
  variable: z.boolean().default(true),
  datatype: z.enum(attributeDatatypes),
  required: z.boolean().default(false),
  datatypeDescription: optionalText(200).default(""),
  order: z.number().int().min(1).max(1000),
  description: text(500),
  values: z.array(z.strictObject({ key: text(64), name: text(100) })).max(100).default([]),
});
export type ServiceAttribute = z.infer<typeof ServiceAttribute>;

export const TimeLimit = z.strictObject({
  urgency: Urgency,
  stage: TimerStage,
  amount: z.number().int().min(1).max(1000),
  unit: LimitUnit,
});
export type TimeLimit = z.infer<typeof TimeLimit>;

export const CreateEventTypeBody = z.strictObject({
  code: Code,
  name: text(60),
  category: text(40),
  conflict: z.boolean().default(false),
  description: optionalText(500).default(""),
  notice: optionalText(500).default(""),
  keywords: optionalText(200).default(""),
  attributes: z.array(ServiceAttribute).max(30).default([]),
  functionIds: z.array(Id).max(10).default([]),
  limits: z.array(TimeLimit).max(15).default([]),
});
export const UpdateEventTypeBody = z.strictObject({
  version: Version,
  name: text(60).optional(),
  category: text(40).optional(),
  conflict: z.boolean().optional(),
  description: optionalText(500).optional(),
  notice: optionalText(500).optional(),
  keywords: optionalText(200).optional(),
  attributes: z.array(ServiceAttribute).max(30).optional(),
  functionIds: z.array(Id).max(10).optional(),
  limits: z.array(TimeLimit).max(15).optional(),
  retired: z.boolean().optional(),
});
export const EventType = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  category: z.string(),
  conflict: z.boolean(),
  description: z.string(),
  notice: z.string(),
  keywords: z.string(),
  attributes: z.array(ServiceAttribute),
  functions: z.array(SuggestedFunction),
  limits: z.array(TimeLimit),
  retired: z.boolean(),
  version: z.number().int(),
});
export const EventTypeList = z.object({ items: z.array(EventType), defaults: z.array(TimeLimit) });
export const PublicEventType = z.object({ id: Id, code: z.string(), name: z.string(), category: z.string(), description: z.string() });
export const PublicTypesQuery = z.strictObject({ city: Code });

// --- the public side: a resident follows a report by its tracking code

export const TrackingParams = z.strictObject({ code: z.string().trim().regex(/^[0-9A-Z]{10}$/, "a 10-character tracking code") });
export const PublicEvent = z.object({
  trackingCode: z.string(),
  code: z.string(),
  typeName: z.string(),
  stage: EventStage,
  status: z.enum(["open", "closed"]),
  nodeName: z.string(),
  departmentName: z.string().nullable(),
  reportedAt: z.string(),
  expectedAt: z.string(),
  closedAt: z.string().nullable(),
  statusNote: z.string().nullable(),
  rating: Rating.nullable(),
  canRate: z.boolean(),
  steps: z.array(z.object({ action: z.string(), toStage: EventStage, at: z.string() })),
  /** Before (the report's) and after (the handler's feedback) photos, served only as copies without metadata. */
  photos: z.array(z.object({ id: Id, kind: z.enum(["report", "feedback"]) })),
});
export const PublicPhotoParams = z.strictObject({ code: z.string().trim().regex(/^[0-9A-Z]{10}$/, "a 10-character tracking code"), photoId: Id });
export const PhotoSizeQuery = z.strictObject({ size: z.enum(["thumb", "web"]).default("web") });
export const ReportAccepted = z.object({ id: Id, code: z.string(), trackingCode: z.string(), stage: EventStage, nodeId: Id, nodeName: z.string(), duplicates: z.array(Duplicate) });
export const PublicReportAccepted = z.object({ trackingCode: z.string(), code: z.string(), nodeName: z.string(), expectedAt: z.string() });

// --- micro-grid boundaries as GeoJSON (as GIS tools export them: 2D or 3D positions, any extra members)

const GeoPosition = z.union([z.tuple([Longitude, Latitude]), z.tuple([Longitude, Latitude, z.number()])]);
const GeoRing = z.array(GeoPosition).min(4).max(10_000);
const GeoGeometry = z.union([
  z.object({ type: z.literal("Polygon"), coordinates: z.array(GeoRing).min(1).max(100) }),
  z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(GeoRing).min(1).max(100)).min(1).max(100) }),
]);
export const GridImportBody = z.strictObject({
  type: z.literal("FeatureCollection"),
  name: plain().max(200).optional(),
  crs: z.object({ type: z.string().max(40), properties: z.object({ name: z.string().max(200) }) }).optional(),
  bbox: z.array(z.number()).max(6).optional(),
  features: z
    .array(
      z.object({
        type: z.literal("Feature"),
        id: z.union([z.string().max(100), z.number()]).optional(),
        properties: z.record(z.string(), z.unknown()).nullable(),
        geometry: GeoGeometry,
      }),
    )
    .min(1)
    .max(20_000),
});
export type GridImportBody = z.infer<typeof GridImportBody>;
export const GridImportResult = z.object({
  updated: z.number().int(),
  unchanged: z.number().int(),
  items: z.array(z.object({ code: z.string(), nodeId: Id, status: z.enum(["updated", "unchanged"]) })),
});
export const GridExportQuery = z.strictObject({
  org: Id.optional(),
  kind: z.enum(["township", "street", "village", "community", "grid", "micro_grid"]).optional(),
});

// --- the city's base map (底图)

/**
 * The origins a tile address fetches from, one per value of {s}: what the page's CSP must allow for
 * images. Null when the address is not an http(s) template with {z}, {x} and {y} and nothing else in braces.
 */
/** WHATWG URL, present in browsers and in Node alike; shared/ compiles without either platform's types. */
interface ParsedUrl {
  protocol: string;
  username: string;
  password: string;
  origin: string;
}
const UrlParser = (globalThis as unknown as { URL: new (input: string) => ParsedUrl }).URL;

export function tileOrigins(tileUrl: string, subdomains: string): string[] | null {
  if (!["{z}", "{x}", "{y}"].every((part) => tileUrl.includes(part))) return null;
  const rest = tileUrl.replace(/\{[zxys]\}/g, "");
  if (/[{}\s'"<>\\]/.test(rest)) return null;
  const values = tileUrl.includes("{s}") ? [...subdomains] : [""];
  if (values.length === 0) return null;
  const origins = new Set<string>();
  for (const value of values) {
    let url: ParsedUrl;
    try {
      url = new UrlParser(tileUrl.replaceAll("{s}", value).replace(/\{[zxy]\}/g, "0"));
    } catch {
      return null;
    }
    if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password) return null;
    origins.add(url.origin);
  }
  return [...origins];
}

export const BaseMap = z.object({
  tileUrl: z.string().nullable(),
  subdomains: z.string(),
  attribution: z.string(),
  maxZoom: z.number().int(),
  version: z.number().int(),
});
export const UpdateBaseMapBody = z
  .strictObject({
    version: Version,
    tileUrl: z.string().trim().max(500).nullable(),
    subdomains: z.string().regex(/^[a-z0-9]{0,8}$/, "up to 8 letters or digits"),
    attribution: optionalText(200),
    maxZoom: z.number().int().min(1).max(22),
  })
  .superRefine((body, issues) => {
    if (body.tileUrl && tileOrigins(body.tileUrl, body.subdomains) === null) {
      issues.addIssue({ code: "custom", path: ["tileUrl"], message: "an http(s) address with {z}, {x} and {y} ({s} with subdomains)" });
    }
  });
export const PublicBaseMapQuery = z.strictObject({ city: PublicTypesQuery.shape.city });
