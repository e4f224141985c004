import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { cities, departmentFunctions, departments, orgNodes } from "./orgs";

const id = () => bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity();
const cityId = () => bigint("city_id", { mode: "number" }).notNull();
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * The event catalogue: what a report can be about. Each type maps to the department functions that
 * cover it (event_type_functions); one function makes dispatch automatic, several make it a suggestion.
 * `conflict` marks 矛盾隐患 (conflicts and hazards), which open an entry in the pairing module's register when registered.
 * `attributes` are the Open311 service-definition attributes asked of a reporter.
 */
export const eventTypes = pgTable(
  "event_types",
  {
    id: id(),
    cityId: cityId(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    category: text("category").notNull(),
    conflict: boolean("conflict").notNull().default(false),
    description: text("description").notNull().default(""),
    notice: text("notice").notNull().default(""),
    keywords: text("keywords").notNull().default(""),
    attributes: jsonb("attributes").notNull().default([]),
    sort: integer("sort").notNull().default(0),
    retiredAt: stamp("retired_at"),
    version: integer("version").notNull().default(1),
    createdAt: stamp("created_at").notNull().defaultNow(),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
  },
  (t) => [unique("event_types_city_code").on(t.cityId, t.code), unique("event_types_city_id").on(t.cityId, t.id)],
);

export const eventTypeFunctions = pgTable(
  "event_type_functions",
  {
    cityId: cityId(),
    eventTypeId: bigint("event_type_id", { mode: "number" }).notNull(),
    functionId: bigint("function_id", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ name: "event_type_functions_pk", columns: [t.eventTypeId, t.functionId] }),
    foreignKey({ columns: [t.cityId, t.eventTypeId], foreignColumns: [eventTypes.cityId, eventTypes.id], name: "event_type_functions_type_fk" }),
    foreignKey({ columns: [t.functionId], foreignColumns: [departmentFunctions.id], name: "event_type_functions_function_fk" }),
  ],
);

/**
 * Stage time limits per event type × urgency × stage; a row without a type is the city's default for
 * that urgency and stage. Units: working_hours and working_days on the city's calendar, or hours
 * around the clock (emergencies do not wait for Monday).
 */
export const eventTimeLimits = pgTable(
  "event_time_limits",
  {
    id: id(),
    cityId: cityId(),
    eventTypeId: bigint("event_type_id", { mode: "number" }),
    urgency: text("urgency").notNull(),
    stage: text("stage").notNull(),
    amount: integer("amount").notNull(),
    unit: text("unit").notNull(),
  },
  (t) => [
    uniqueIndex("event_time_limits_key").on(t.cityId, sql`coalesce(${t.eventTypeId}, 0)`, t.urgency, t.stage),
    foreignKey({ columns: [t.cityId, t.eventTypeId], foreignColumns: [eventTypes.cityId, eventTypes.id], name: "event_time_limits_type_fk" }),
  ],
);

/**
 * A grid event (案卷) and where it stands. The stage and its timer (started, 80% warning, due) are on
 * the row so that lists, the map and the overdue sweep read one table; the step log keeps the history.
 * The *_late flags and counters are settled as stages end, so the rates are plain aggregates.
 */
export const events = pgTable(
  "events",
  {
    id: id(),
    cityId: cityId(),
    nodeId: bigint("node_id", { mode: "number" }).notNull(),
    eventTypeId: bigint("event_type_id", { mode: "number" }).notNull(),
    urgency: text("urgency").notNull(),
    source: text("source").notNull(),
    trackingCode: text("tracking_code").notNull(),
    description: text("description").notNull(),
    address: text("address"),
    lon: doublePrecision("lon"),
    lat: doublePrecision("lat"),
    reporterUserId: bigint("reporter_user_id", { mode: "number" }),
    reporterName: text("reporter_name"),
    reporterPhone: text("reporter_phone"),
    reporterEmail: text("reporter_email"),
    attributes: jsonb("attributes"),
    mediaUrl: text("media_url"),
    stage: text("stage").notNull(),
    stageStartedAt: stamp("stage_started_at").notNull(),
    stageWarnAt: stamp("stage_warn_at"),
    stageDueAt: stamp("stage_due_at"),
    escalationLevel: integer("escalation_level").notNull().default(0),
    escalatedNodeId: bigint("escalated_node_id", { mode: "number" }),
    functionId: bigint("function_id", { mode: "number" }),
    departmentId: bigint("department_id", { mode: "number" }),
    duplicateOfId: bigint("duplicate_of_id", { mode: "number" }),
    rejectReason: text("reject_reason"),
    statusNote: text("status_note"),
    reportedAt: stamp("reported_at").notNull(),
    registeredAt: stamp("registered_at"),
    dispatchedAt: stamp("dispatched_at"),
    dispatchLate: boolean("dispatch_late").notNull().default(false),
    handledAt: stamp("handled_at"),
    handleLate: boolean("handle_late").notNull().default(false),
    closedAt: stamp("closed_at"),
    closeDueAt: stamp("close_due_at").notNull(),
    closedLate: boolean("closed_late").notNull().default(false),
    rerouteCount: integer("reroute_count").notNull().default(0),
    refusalCount: integer("refusal_count").notNull().default(0),
    reworkCount: integer("rework_count").notNull().default(0),
    rating: text("rating"),
    ratingComment: text("rating_comment"),
    ratedAt: stamp("rated_at"),
    version: integer("version").notNull().default(1),
    createdAt: stamp("created_at").notNull().defaultNow(),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
    deletedAt: stamp("deleted_at"),
  },
  (t) => [
    unique("events_tracking_code").on(t.trackingCode),
    unique("events_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "events_node_fk" }),
    foreignKey({ columns: [t.cityId, t.eventTypeId], foreignColumns: [eventTypes.cityId, eventTypes.id], name: "events_type_fk" }),
    foreignKey({ columns: [t.cityId, t.departmentId], foreignColumns: [departments.cityId, departments.id], name: "events_department_fk" }),
    foreignKey({ columns: [t.functionId], foreignColumns: [departmentFunctions.id], name: "events_function_fk" }),
    foreignKey({ columns: [t.cityId, t.duplicateOfId], foreignColumns: [t.cityId, t.id], name: "events_duplicate_fk" }),
    index("events_node_idx").on(t.nodeId, t.reportedAt),
    // No (city_id, reported_at) or (city_id, event_type_id, reported_at) index of all rows: every query of a
    // city's events also asks deleted_at IS NULL, which the list indexes below answer with the same leading columns.
    index("events_department_idx").on(t.departmentId, t.reportedAt),
    // Duplicate suggestions look for same-type reports in a small box around a point: a GiST index on
    // the point finds them without reading every recent report of the type.
    index("events_point_idx").using("gist", sql`point(${t.lon}, ${t.lat})`).where(sql`${t.lon} IS NOT NULL AND ${t.lat} IS NOT NULL AND ${t.deletedAt} IS NULL`),
    index("events_open_due_idx").on(t.stageDueAt).where(sql`${t.stageDueAt} IS NOT NULL AND ${t.deletedAt} IS NULL`),
    // Lists of a township or a city (the query says city_id outright), newest first by (reported_at, id)
    // as the keyset pages them, one per filter the list screens offer; node_id last, so the capped
    // total of a subtree is counted from the index alone. A period is a range of reported_at in each.
    index("events_list_idx").on(t.cityId, t.reportedAt, t.id, t.nodeId).where(sql`${t.deletedAt} IS NULL`),
    index("events_list_stage_idx").on(t.cityId, t.stage, t.reportedAt, t.id, t.nodeId).where(sql`${t.deletedAt} IS NULL`),
    index("events_list_type_idx").on(t.cityId, t.eventTypeId, t.reportedAt, t.id, t.nodeId).where(sql`${t.deletedAt} IS NULL`),
    // Lights are of open cases only (closing clears the due time): a city's few thousand, with their timers.
    index("events_list_timed_idx").on(t.cityId, t.reportedAt, t.id, t.nodeId, t.stageWarnAt, t.stageDueAt).where(sql`${t.stageDueAt} IS NOT NULL AND ${t.deletedAt} IS NULL`),
    // A grid's list: its few micro-grids' rows, read in order.
    index("events_list_node_idx").on(t.nodeId, t.reportedAt, t.id).where(sql`${t.deletedAt} IS NULL`),
  ],
);

/** Every transition of an event, in order: the timeline, the re-routings and refusals, the escalations. */
export const eventSteps = pgTable(
  "event_steps",
  {
    id: id(),
    cityId: cityId(),
    eventId: bigint("event_id", { mode: "number" }).notNull(),
    action: text("action").notNull(),
    fromStage: text("from_stage"),
    toStage: text("to_stage").notNull(),
    actorUserId: bigint("actor_user_id", { mode: "number" }),
    actorName: text("actor_name"),
    departmentId: bigint("department_id", { mode: "number" }),
    functionId: bigint("function_id", { mode: "number" }),
    nodeId: bigint("node_id", { mode: "number" }),
    note: text("note"),
    late: boolean("late").notNull().default(false),
    at: stamp("at").notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.eventId], foreignColumns: [events.cityId, events.id], name: "event_steps_event_fk" }),
    index("event_steps_event_idx").on(t.eventId, t.id),
    // The department table's refusals: the few refuse steps of a city, not every step.
    index("event_steps_refusals_idx").on(t.cityId, t.departmentId, t.eventId).where(sql`${t.action} = 'refuse'`),
  ],
);

/** Photos of a report or of a department's feedback, checked by their magic bytes before they are kept. */
export const eventPhotos = pgTable(
  "event_photos",
  {
    id: id(),
    cityId: cityId(),
    eventId: bigint("event_id", { mode: "number" }).notNull(),
    kind: text("kind").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    data: bytea("data").notNull(),
    /** Copies made on the server without any metadata (no GPS): a thumbnail and a screen-sized one; the only ones shown publicly. */
    thumb: bytea("thumb"),
    web: bytea("web"),
    createdAt: stamp("created_at").notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.eventId], foreignColumns: [events.cityId, events.id], name: "event_photos_event_fk" }),
    index("event_photos_event_idx").on(t.eventId),
  ],
);

/**
 * 街乡吹哨、部门报到: a township summons a department to an event; the department answers within its
 * limit, and the township records whether it came and how well it helped.
 */
export const eventSummons = pgTable(
  "event_summons",
  {
    id: id(),
    cityId: cityId(),
    eventId: bigint("event_id", { mode: "number" }).notNull(),
    departmentId: bigint("department_id", { mode: "number" }).notNull(),
    summonedByUserId: bigint("summoned_by_user_id", { mode: "number" }),
    note: text("note").notNull(),
    summonedAt: stamp("summoned_at").notNull(),
    dueAt: stamp("due_at").notNull(),
    answeredAt: stamp("answered_at"),
    answerNote: text("answer_note"),
    answerLate: boolean("answer_late").notNull().default(false),
    attended: boolean("attended"),
    rating: integer("rating"),
    ratingNote: text("rating_note"),
    ratedAt: stamp("rated_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    unique("event_summons_event_department").on(t.eventId, t.departmentId),
    foreignKey({ columns: [t.cityId, t.eventId], foreignColumns: [events.cityId, events.id], name: "event_summons_event_fk" }),
    foreignKey({ columns: [t.cityId, t.departmentId], foreignColumns: [departments.cityId, departments.id], name: "event_summons_department_fk" }),
    index("event_summons_department_idx").on(t.departmentId, t.summonedAt),
  ],
);

/** The counts both event rollups keep, each the number of live events it names (see aggregates.ts). */
const rollupCounts = () => ({
  total: integer("total").notNull().default(0),
  open: integer("open").notNull().default(0),
  reported: integer("reported").notNull().default(0),
  dispatching: integer("dispatching").notNull().default(0),
  dispatched: integer("dispatched").notNull().default(0),
  handling: integer("handling").notNull().default(0),
  checking: integer("checking").notNull().default(0),
  closed: integer("closed").notNull().default(0),
  evaluated: integer("evaluated").notNull().default(0),
  rejected: integer("rejected").notNull().default(0),
  toDispatch: integer("to_dispatch").notNull().default(0),
  dispatchedAny: integer("dispatched_any").notNull().default(0),
  dispatchedOnTime: integer("dispatched_on_time").notNull().default(0),
  dispatchedAccurately: integer("dispatched_accurately").notNull().default(0),
  toHandle: integer("to_handle").notNull().default(0),
  handled: integer("handled").notNull().default(0),
  handledOnTime: integer("handled_on_time").notNull().default(0),
  due: integer("due").notNull().default(0),
  closedAny: integer("closed_any").notNull().default(0),
  closedOnTime: integer("closed_on_time").notNull().default(0),
  reworked: integer("reworked").notNull().default(0),
  rated: integer("rated").notNull().default(0),
  satisfied: integer("satisfied").notNull().default(0),
});

/**
 * The events' counts per node and type, kept by statement triggers on `events` in the transaction of
 * every write (migration 0017), so a city's figures add up a few thousand rows instead of counting
 * every event. Keyed by the event's own node, so a move or retirement of a node changes no row: the
 * subtree is resolved when read. Keyed by type too, because a type's `conflict` mark may change.
 * Live (not deleted) events only; a count that depends on "now" (overdue) is not kept here.
 */
export const eventRollups = pgTable(
  "event_rollups",
  {
    cityId: cityId(),
    nodeId: bigint("node_id", { mode: "number" }).notNull(),
    eventTypeId: bigint("event_type_id", { mode: "number" }).notNull(),
    ...rollupCounts(),
  },
  (t) => [primaryKey({ name: "event_rollups_pk", columns: [t.nodeId, t.eventTypeId] })],
);

/**
 * The same counts per department the events are dispatched to (department_id; cases with none are left
 * out, as the department table leaves them out), kept by the statement triggers of migration 0023. Keyed
 * by node and type as well, so the department table of a subtree or of a caller's reach is resolved when
 * read, and a move or retirement of a node changes no row.
 */
export const eventDepartmentRollups = pgTable(
  "event_department_rollups",
  {
    cityId: cityId(),
    departmentId: bigint("department_id", { mode: "number" }).notNull(),
    nodeId: bigint("node_id", { mode: "number" }).notNull(),
    eventTypeId: bigint("event_type_id", { mode: "number" }).notNull(),
    ...rollupCounts(),
  },
  (t) => [
    primaryKey({ name: "event_department_rollups_pk", columns: [t.nodeId, t.eventTypeId, t.departmentId] }),
    // The table of a whole city reads its rows by city_id, not through each of its thousands of nodes.
    index("event_department_rollups_city_idx").on(t.cityId, t.departmentId),
  ],
);

/**
 * A city's base map (底图): the tile address its maps draw under the grid outlines (an XYZ template, or
 * a WMTS one in key-value form such as 天地图's, with {z} {x} {y}). The browser fetches the tiles; the
 * server never does. No row, or no address, means outlines only. Owned by the events module.
 */
export const baseMaps = pgTable(
  "base_maps",
  {
    cityId: bigint("city_id", { mode: "number" }).primaryKey(),
    tileUrl: text("tile_url"),
    /** The values of {s} in the address (天地图: 01234567), one character each. */
    subdomains: text("subdomains").notNull().default(""),
    attribution: text("attribution").notNull().default(""),
    maxZoom: integer("max_zoom").notNull().default(18),
    version: integer("version").notNull().default(1),
    updatedBy: bigint("updated_by", { mode: "number" }),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
  },
  (t) => [foreignKey({ columns: [t.cityId], foreignColumns: [cities.id], name: "base_maps_city_fk" })],
);
