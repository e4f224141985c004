import { sql } from "drizzle-orm";
import { bigint, boolean, check, customType, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { cities, orgNodes } from "./orgs";

const id = () => bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity();
const cityId = () => bigint("city_id", { mode: "number" }).notNull();
const ref = (name: string) => bigint(name, { mode: "number" });
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** PGlite hands bytea back as a Uint8Array and pg as a Buffer: one type for the code above. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/**
 * 线索: what came in through a channel before anyone decided what it is. It becomes one or several
 * problems or is dismissed with a reason. A resident's own submission from the public side carries
 * the SHA-256 of its tracking code (the code itself is shown once, to the resident).
 */
export const problemClues = pgTable(
  "problem_clues",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    channel: text("channel").notNull(),
    source: text("source").notNull(),
    category: text("category").notNull(),
    description: text("description").notNull(),
    reporterName: text("reporter_name"),
    reporterPhone: text("reporter_phone"),
    receivedAt: stamp("received_at").notNull(),
    status: text("status").notNull().default("open"),
    dismissReason: text("dismiss_reason"),
    convertedAt: stamp("converted_at"),
    dismissedAt: stamp("dismissed_at"),
    trackingHash: text("tracking_hash"),
    publicSubmission: boolean("public_submission").notNull().default(false),
    /** The record elsewhere that raised the clue, as "<entity>:<id>" (a household visit: "pairing_visit:12"). */
    origin: text("origin"),
    createdBy: ref("created_by"),
    deletedAt: stamp("deleted_at"),
    version: integer("version").notNull().default(1),
    createdAt: stamp("created_at").notNull().defaultNow(),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
  },
  (t) => [
    unique("problem_clues_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "problem_clues_node_fk" }),
    uniqueIndex("problem_clues_tracking_idx").on(t.trackingHash),
    index("problem_clues_node_idx").on(t.nodeId, t.receivedAt),
  ],
);

/**
 * 问题: one problem and its rectification. `status` moves only along the transitions in
 * server/modules/problems/states.ts; `light` and `escalation_level` are kept current by the overdue sweep.
 */
export const problems = pgTable(
  "problems",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    clueId: ref("clue_id"),
    externalRef: text("external_ref"),
    channel: text("channel").notNull(),
    source: text("source").notNull(),
    category: text("category").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    reporterName: text("reporter_name"),
    reporterPhone: text("reporter_phone"),
    foundOn: date("found_on", { mode: "string" }).notNull(),
    status: text("status").notNull().default("registered"),
    responsibleNodeId: ref("responsible_node_id"),
    responsiblePerson: text("responsible_person"),
    measure: text("measure"),
    deadlineDays: integer("deadline_days"),
    assignedAt: stamp("assigned_at"),
    deadlineAt: stamp("deadline_at"),
    progress: integer("progress").notNull().default(0),
    firstSubmittedAt: stamp("first_submitted_at"),
    submittedAt: stamp("submitted_at"),
    closedAt: stamp("closed_at"),
    closedOnTime: boolean("closed_on_time"),
    reworkCount: integer("rework_count").notNull().default(0),
    light: text("light"),
    lightAt: stamp("light_at"),
    escalationLevel: integer("escalation_level").notNull().default(0),
    mergedIntoId: ref("merged_into_id"),
    dismissReason: text("dismiss_reason"),
    createdBy: ref("created_by"),
    deletedAt: stamp("deleted_at"),
    version: integer("version").notNull().default(1),
    createdAt: stamp("created_at").notNull().defaultNow(),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
  },
  (t) => [
    unique("problems_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "problems_node_fk" }),
    foreignKey({ columns: [t.cityId, t.responsibleNodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "problems_responsible_node_fk" }),
    foreignKey({ columns: [t.cityId, t.clueId], foreignColumns: [problemClues.cityId, problemClues.id], name: "problems_clue_fk" }),
    foreignKey({ columns: [t.cityId, t.mergedIntoId], foreignColumns: [t.cityId, t.id], name: "problems_merged_into_fk" }),
    check("problems_progress_range", sql`${t.progress} BETWEEN 0 AND 100`),
    index("problems_node_idx").on(t.nodeId, t.status),
    index("problems_responsible_node_idx").on(t.responsibleNodeId),
    index("problems_city_status_idx").on(t.cityId, t.status, t.deadlineAt),
    index("problems_clue_idx").on(t.clueId),
    index("problems_found_on_idx").on(t.cityId, t.foundOn),
    // Lists of a township or a city (the query says city_id outright), in the keyset orders (id; found_on, id),
    // one per filter the list screens offer; node_id last, so the capped total is counted from the index alone.
    index("problems_list_idx").on(t.cityId, t.id, t.nodeId).where(sql`${t.deletedAt} IS NULL`),
    index("problems_list_status_idx").on(t.cityId, t.status, t.id, t.nodeId).where(sql`${t.deletedAt} IS NULL`),
    index("problems_list_category_idx").on(t.cityId, t.category, t.id, t.nodeId).where(sql`${t.deletedAt} IS NULL`),
    index("problems_list_light_idx").on(t.cityId, t.light, t.id, t.nodeId).where(sql`${t.light} IS NOT NULL AND ${t.deletedAt} IS NULL`),
    index("problems_list_found_idx").on(t.cityId, t.foundOn, t.id, t.nodeId).where(sql`${t.deletedAt} IS NULL`),
  ],
);

/** The timeline: one row per transition, progress update, supervision notice or escalation. */
export const problemEvents = pgTable(
  "problem_events",
  {
    id: id(),
    cityId: cityId(),
    problemId: ref("problem_id").notNull(),
    action: text("action").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    note: text("note"),
    data: jsonb("data"),
    actorUserId: ref("actor_user_id"),
    actorName: text("actor_name"),
    at: stamp("at").notNull(),
  },
  (t) => [
    unique("problem_events_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.problemId], foreignColumns: [problems.cityId, problems.id], name: "problem_events_problem_fk" }),
    index("problem_events_problem_idx").on(t.problemId, t.at),
  ],
);

/** Escalations to the nodes above when a problem stays red; one row per problem and level, so a sweep run twice adds nothing. */
export const problemEscalations = pgTable(
  "problem_escalations",
  {
    id: id(),
    cityId: cityId(),
    problemId: ref("problem_id").notNull(),
    level: integer("level").notNull(),
    fromNodeId: ref("from_node_id").notNull(),
    toNodeId: ref("to_node_id").notNull(),
    overdueWorkingDays: integer("overdue_working_days").notNull(),
    at: stamp("at").notNull(),
  },
  (t) => [
    unique("problem_escalations_problem_level").on(t.cityId, t.problemId, t.level),
    foreignKey({ columns: [t.cityId, t.problemId], foreignColumns: [problems.cityId, problems.id], name: "problem_escalations_problem_fk" }),
    foreignKey({ columns: [t.cityId, t.toNodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "problem_escalations_to_node_fk" }),
    index("problem_escalations_to_node_idx").on(t.toNodeId),
  ],
);

/** Photos and documents attached to a clue, a problem or one of its progress updates; the bytes live in their own table. */
export const problemAttachments = pgTable(
  "problem_attachments",
  {
    id: id(),
    cityId: cityId(),
    problemId: ref("problem_id"),
    clueId: ref("clue_id"),
    eventId: ref("event_id"),
    fileName: text("file_name").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    uploadedBy: ref("uploaded_by"),
    deletedAt: stamp("deleted_at"),
    createdAt: stamp("created_at").notNull().defaultNow(),
  },
  (t) => [
    unique("problem_attachments_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.problemId], foreignColumns: [problems.cityId, problems.id], name: "problem_attachments_problem_fk" }),
    foreignKey({ columns: [t.cityId, t.clueId], foreignColumns: [problemClues.cityId, problemClues.id], name: "problem_attachments_clue_fk" }),
    foreignKey({ columns: [t.cityId, t.eventId], foreignColumns: [problemEvents.cityId, problemEvents.id], name: "problem_attachments_event_fk" }),
    check("problem_attachments_owner", sql`${t.problemId} IS NOT NULL OR ${t.clueId} IS NOT NULL`),
    index("problem_attachments_problem_idx").on(t.problemId),
    index("problem_attachments_clue_idx").on(t.clueId),
  ],
);

export const problemAttachmentContents = pgTable(
  "problem_attachment_contents",
  {
    attachmentId: ref("attachment_id").primaryKey(),
    cityId: cityId(),
    content: bytea("content").notNull(),
  },
  (t) => [foreignKey({ columns: [t.cityId, t.attachmentId], foreignColumns: [problemAttachments.cityId, problemAttachments.id], name: "problem_attachment_contents_attachment_fk" })],
);

/** 问题清单: the problems of a node's subtree found in a period, frozen as a list that can be publicly disclosed (公示). */
export const problemLists = pgTable(
  "problem_lists",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    title: text("title").notNull(),
    periodFrom: date("period_from", { mode: "string" }).notNull(),
    periodTo: date("period_to", { mode: "string" }).notNull(),
    status: text("status").notNull().default("draft"),
    itemCount: integer("item_count").notNull().default(0),
    publishedAt: stamp("published_at"),
    publishedBy: ref("published_by"),
    withdrawnAt: stamp("withdrawn_at"),
    withdrawReason: text("withdraw_reason"),
    createdBy: ref("created_by"),
    deletedAt: stamp("deleted_at"),
    version: integer("version").notNull().default(1),
    createdAt: stamp("created_at").notNull().defaultNow(),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
  },
  (t) => [
    unique("problem_lists_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "problem_lists_node_fk" }),
    index("problem_lists_node_idx").on(t.nodeId, t.status),
  ],
);

export const problemListItems = pgTable(
  "problem_list_items",
  {
    cityId: cityId(),
    listId: ref("list_id").notNull(),
    problemId: ref("problem_id").notNull(),
  },
  (t) => [
    primaryKey({ name: "problem_list_items_pk", columns: [t.listId, t.problemId] }),
    foreignKey({ columns: [t.cityId, t.listId], foreignColumns: [problemLists.cityId, problemLists.id], name: "problem_list_items_list_fk" }),
    foreignKey({ columns: [t.cityId, t.problemId], foreignColumns: [problems.cityId, problems.id], name: "problem_list_items_problem_fk" }),
    index("problem_list_items_problem_idx").on(t.problemId),
  ],
);

/** 共性清单: one item gathering a problem found in many places, with its own measure; each member keeps its own rectification. */
export const commonLists = pgTable(
  "common_lists",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    title: text("title").notNull(),
    category: text("category").notNull(),
    description: text("description").notNull(),
    measure: text("measure").notNull(),
    deadlineOn: date("deadline_on", { mode: "string" }),
    status: text("status").notNull().default("draft"),
    publishedAt: stamp("published_at"),
    createdBy: ref("created_by"),
    deletedAt: stamp("deleted_at"),
    version: integer("version").notNull().default(1),
    createdAt: stamp("created_at").notNull().defaultNow(),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
  },
  (t) => [
    unique("common_lists_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "common_lists_node_fk" }),
    index("common_lists_node_idx").on(t.nodeId, t.status),
  ],
);

export const commonListMembers = pgTable(
  "common_list_members",
  {
    cityId: cityId(),
    listId: ref("list_id").notNull(),
    problemId: ref("problem_id").notNull(),
    addedAt: stamp("added_at").notNull(),
  },
  (t) => [
    primaryKey({ name: "common_list_members_pk", columns: [t.listId, t.problemId] }),
    foreignKey({ columns: [t.cityId, t.listId], foreignColumns: [commonLists.cityId, commonLists.id], name: "common_list_members_list_fk" }),
    foreignKey({ columns: [t.cityId, t.problemId], foreignColumns: [problems.cityId, problems.id], name: "common_list_members_problem_fk" }),
    index("common_list_members_problem_idx").on(t.problemId),
  ],
);

/** 负面清单: what must not happen in a node's subtree; breaches are recorded against it. */
export const negativeLists = pgTable(
  "negative_lists",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    title: text("title").notNull(),
    category: text("category").notNull(),
    description: text("description").notNull(),
    retiredAt: stamp("retired_at"),
    retireReason: text("retire_reason"),
    createdBy: ref("created_by"),
    version: integer("version").notNull().default(1),
    createdAt: stamp("created_at").notNull().defaultNow(),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
  },
  (t) => [
    unique("negative_lists_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "negative_lists_node_fk" }),
    index("negative_lists_node_idx").on(t.nodeId),
  ],
);

export const negativeListBreaches = pgTable(
  "negative_list_breaches",
  {
    id: id(),
    cityId: cityId(),
    listId: ref("list_id").notNull(),
    nodeId: ref("node_id").notNull(),
    problemId: ref("problem_id"),
    occurredOn: date("occurred_on", { mode: "string" }).notNull(),
    description: text("description").notNull(),
    recordedBy: ref("recorded_by"),
    deletedAt: stamp("deleted_at"),
    version: integer("version").notNull().default(1),
    createdAt: stamp("created_at").notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.listId], foreignColumns: [negativeLists.cityId, negativeLists.id], name: "negative_list_breaches_list_fk" }),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "negative_list_breaches_node_fk" }),
    foreignKey({ columns: [t.cityId, t.problemId], foreignColumns: [problems.cityId, problems.id], name: "negative_list_breaches_problem_fk" }),
    index("negative_list_breaches_list_idx").on(t.listId, t.occurredOn),
  ],
);

/**
 * A spreadsheet import waiting to be accepted: the parsed rows and every invalid row with its
 * reasons. Nothing reaches `problems` until the same user commits it with the token.
 */
export const problemImports = pgTable(
  "problem_imports",
  {
    id: id(),
    cityId: cityId().references(() => cities.id),
    token: text("token").notNull(),
    createdBy: ref("created_by").notNull(),
    fileName: text("file_name").notNull(),
    rows: jsonb("rows").notNull(),
    errors: jsonb("errors").notNull(),
    total: integer("total").notNull(),
    status: text("status").notNull().default("preview"),
    imported: integer("imported").notNull().default(0),
    committedAt: stamp("committed_at"),
    version: integer("version").notNull().default(1),
    createdAt: stamp("created_at").notNull(),
  },
  (t) => [uniqueIndex("problem_imports_token_idx").on(t.token)],
);

/**
 * The problems' counts per node, kept by statement triggers on `problems` in the transaction of every
 * write (migration 0017): the figures add up these rows instead of counting every problem. Keyed by the
 * problem's own node, so moving or retiring a node changes no row. Live (not deleted) problems only.
 */
export const problemRollups = pgTable("problem_rollups", {
  cityId: cityId(),
  nodeId: ref("node_id").primaryKey(),
  total: integer("total").notNull().default(0),
  open: integer("open").notNull().default(0),
  closed: integer("closed").notNull().default(0),
  due: integer("due").notNull().default(0),
  closedOnTime: integer("closed_on_time").notNull().default(0),
  overdue: integer("overdue").notNull().default(0),
  handled: integer("handled").notNull().default(0),
  reworked: integer("reworked").notNull().default(0),
});
