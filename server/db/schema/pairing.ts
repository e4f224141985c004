import { bigint, boolean, check, doublePrecision, foreignKey, index, integer, pgTable, primaryKey, text, unique } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { bytea, cityId, createdAt, day, id, ref, stamp, updatedAt, version } from "./columns";
import { orgNodes } from "./orgs";

/**
 * 包村联户: a leader or cadre paired with a household (联户) or a village (包村). A pairing is never
 * edited away: a reassignment ends it (ended_on, end_reason) and points at its successor, so the
 * history of who looked after a household stays. node_id is the household's micro-grid or the
 * village, copied at pairing time so that scope is one prefix match on the tree.
 */
export const pairings = pgTable(
  "pairings",
  {
    id: id(),
    cityId: cityId(),
    personId: ref("person_id").notNull(),
    /** The post the person was paired under: county_leader or township_cadre. */
    post: text("post").notNull(),
    target: text("target").notNull(),
    householdId: ref("household_id"),
    nodeId: ref("node_id").notNull(),
    startedOn: day("started_on").notNull(),
    endedOn: day("ended_on"),
    reason: text("reason").notNull(),
    endReason: text("end_reason"),
    successorId: ref("successor_id"),
    createdBy: ref("created_by"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("pairings_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "pairings_node_fk" }),
    check("pairings_target", sql`(${t.target} = 'household' AND ${t.householdId} IS NOT NULL) OR (${t.target} = 'village' AND ${t.householdId} IS NULL)`),
    index("pairings_person_idx").on(t.cityId, t.personId),
    index("pairings_node_idx").on(t.nodeId),
    index("pairings_household_idx").on(t.householdId),
  ],
);

/** 走访: a visit to a paired household, or field research (调研) in a paired village, with what it found. */
export const visits = pgTable(
  "pairing_visits",
  {
    id: id(),
    cityId: cityId(),
    pairingId: ref("pairing_id").notNull(),
    personId: ref("person_id").notNull(),
    householdId: ref("household_id"),
    nodeId: ref("node_id").notNull(),
    visitedOn: day("visited_on").notNull(),
    lon: doublePrecision("lon"),
    lat: doublePrecision("lat"),
    met: text("met").notNull(),
    findings: text("findings").notNull(),
    /** The records the findings became, in the modules that own them. */
    clueId: ref("clue_id"),
    suggestionId: ref("suggestion_id"),
    conflictId: ref("conflict_id"),
    createdBy: ref("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("pairing_visits_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.pairingId], foreignColumns: [pairings.cityId, pairings.id], name: "pairing_visits_pairing_fk" }),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "pairing_visits_node_fk" }),
    index("pairing_visits_pairing_idx").on(t.pairingId, t.visitedOn),
    index("pairing_visits_node_idx").on(t.nodeId, t.visitedOn),
  ],
);

/** 建议在一线提出: a suggestion made on the front line, and the answer given and by whom. */
export const suggestions = pgTable(
  "pairing_suggestions",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    visitId: ref("visit_id"),
    content: text("content").notNull(),
    proposedBy: ref("proposed_by"),
    status: text("status").notNull().default("open"),
    answer: text("answer"),
    answeredByName: text("answered_by_name"),
    answeredBy: ref("answered_by"),
    answeredAt: stamp("answered_at"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("pairing_suggestions_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "pairing_suggestions_node_fk" }),
    index("pairing_suggestions_node_idx").on(t.nodeId),
  ],
);

/**
 * 矛盾隐患排查化解: one conflict or hazard in the register. Parties are personal data (masked on the way
 * out). The deadline follows the risk level on the working calendar; resolved_on is set when the
 * result settles it (resolved, agreement signed), and the entry stays open for follow-up visits until closed.
 */
export const conflicts = pgTable(
  "pairing_conflicts",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    kind: text("kind").notNull(),
    summary: text("summary").notNull(),
    parties: text("parties").notNull(),
    riskLevel: integer("risk_level").notNull(),
    source: text("source").notNull(),
    visitId: ref("visit_id"),
    eventId: ref("event_id"),
    /** Required when a person opens an entry; one a grid event opened waits for the township to name one. */
    responsiblePersonId: ref("responsible_person_id"),
    reportedOn: day("reported_on").notNull(),
    deadline: day("deadline").notNull(),
    status: text("status").notNull().default("open"),
    result: text("result"),
    resultNote: text("result_note"),
    resolvedOn: day("resolved_on"),
    closedAt: stamp("closed_at"),
    createdBy: ref("created_by"),
    deletedAt: stamp("deleted_at"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("pairing_conflicts_city_id").on(t.cityId, t.id),
    unique("pairing_conflicts_event").on(t.cityId, t.eventId),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "pairing_conflicts_node_fk" }),
    check("pairing_conflicts_risk", sql`${t.riskLevel} BETWEEN 1 AND 4`),
    index("pairing_conflicts_node_idx").on(t.nodeId, t.reportedOn),
  ],
);

/** A mediation step or a follow-up visit of a register entry, with its date and outcome. */
export const conflictSteps = pgTable(
  "pairing_conflict_steps",
  {
    id: id(),
    cityId: cityId(),
    conflictId: ref("conflict_id").notNull(),
    kind: text("kind").notNull(),
    happenedOn: day("happened_on").notNull(),
    note: text("note").notNull(),
    outcome: text("outcome"),
    createdBy: ref("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.conflictId], foreignColumns: [conflicts.cityId, conflicts.id], name: "pairing_conflict_steps_conflict_fk" }),
    index("pairing_conflict_steps_conflict_idx").on(t.conflictId),
  ],
);

/** 机关党组织结对社区: a city-organ party organisation paired with a community (node_id). */
export const organPairings = pgTable(
  "service_organ_pairings",
  {
    id: id(),
    cityId: cityId(),
    partyOrgId: ref("party_org_id").notNull(),
    nodeId: ref("node_id").notNull(),
    startedOn: day("started_on").notNull(),
    endedOn: day("ended_on"),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "service_organ_pairings_node_fk" }),
    index("service_organ_pairings_node_idx").on(t.nodeId),
  ],
);

/** 双报到: a party member reporting to the community where they live, with the post or task taken there. */
export const memberReports = pgTable(
  "service_member_reports",
  {
    id: id(),
    cityId: cityId(),
    personId: ref("person_id").notNull(),
    nodeId: ref("node_id").notNull(),
    post: text("post").notNull(),
    reportedOn: day("reported_on").notNull(),
    endedOn: day("ended_on"),
    /** Service logged so far, in minutes (kept with each log in the same transaction). */
    minutes: integer("minutes").notNull().default(0),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("service_member_reports_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "service_member_reports_node_fk" }),
    index("service_member_reports_node_idx").on(t.nodeId),
    index("service_member_reports_person_idx").on(t.cityId, t.personId),
  ],
);

/** Service hours a reporting member logged. */
export const serviceLogs = pgTable(
  "service_logs",
  {
    id: id(),
    cityId: cityId(),
    reportId: ref("report_id").notNull(),
    happenedOn: day("happened_on").notNull(),
    minutes: integer("minutes").notNull(),
    note: text("note").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.reportId], foreignColumns: [memberReports.cityId, memberReports.id], name: "service_logs_report_fk" }),
    index("service_logs_report_idx").on(t.reportId),
  ],
);

/** 志愿服务队: a volunteer team of a community. */
export const volunteerTeams = pgTable(
  "service_volunteer_teams",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    name: text("name").notNull(),
    focus: text("focus").notNull(),
    retiredAt: stamp("retired_at"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("service_volunteer_teams_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "service_volunteer_teams_node_fk" }),
    index("service_volunteer_teams_node_idx").on(t.nodeId),
  ],
);

export const volunteerMembers = pgTable(
  "service_volunteer_members",
  {
    cityId: cityId(),
    teamId: ref("team_id").notNull(),
    personId: ref("person_id").notNull(),
    joinedOn: day("joined_on").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.personId] }),
    foreignKey({ columns: [t.cityId, t.teamId], foreignColumns: [volunteerTeams.cityId, volunteerTeams.id], name: "service_volunteer_members_team_fk" }),
  ],
);

/**
 * 我为群众办实事: a practical matter done for residents, with how many benefited, the residents'
 * rating (1–5) and evidence photos. Only entries marked published reach the public side, and they
 * carry no personal data (no names of beneficiaries are kept at all).
 */
export const deeds = pgTable(
  "service_deeds",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    beneficiaries: integer("beneficiaries").notNull(),
    doneOn: day("done_on").notNull(),
    rating: integer("rating"),
    published: boolean("published").notNull().default(false),
    createdBy: ref("created_by"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("service_deeds_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "service_deeds_node_fk" }),
    check("service_deeds_rating", sql`${t.rating} IS NULL OR ${t.rating} BETWEEN 1 AND 5`),
    index("service_deeds_node_idx").on(t.nodeId, t.doneOn),
  ],
);

export const deedPhotos = pgTable(
  "service_deed_photos",
  {
    id: id(),
    cityId: cityId(),
    deedId: ref("deed_id").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    data: bytea("data").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.cityId, t.deedId], foreignColumns: [deeds.cityId, deeds.id], name: "service_deed_photos_deed_fk" }),
    index("service_deed_photos_deed_idx").on(t.deedId),
  ],
);

/** A community's call (号召: epidemic control, flood relief …) with shifts members sign up for. */
export const calls = pgTable(
  "service_calls",
  {
    id: id(),
    cityId: cityId(),
    nodeId: ref("node_id").notNull(),
    title: text("title").notNull(),
    kind: text("kind").notNull(),
    createdBy: ref("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("service_calls_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.nodeId], foreignColumns: [orgNodes.cityId, orgNodes.id], name: "service_calls_node_fk" }),
    index("service_calls_node_idx").on(t.nodeId),
  ],
);

export const callShifts = pgTable(
  "service_call_shifts",
  {
    id: id(),
    cityId: cityId(),
    callId: ref("call_id").notNull(),
    day: day("day").notNull(),
    slot: text("slot").notNull(),
    capacity: integer("capacity").notNull(),
  },
  (t) => [
    unique("service_call_shifts_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.callId], foreignColumns: [calls.cityId, calls.id], name: "service_call_shifts_call_fk" }),
    index("service_call_shifts_call_idx").on(t.callId),
  ],
);

/** A member signed up for a shift; attended is null until the shift's attendance is recorded. */
export const shiftSignups = pgTable(
  "service_shift_signups",
  {
    cityId: cityId(),
    shiftId: ref("shift_id").notNull(),
    personId: ref("person_id").notNull(),
    attended: boolean("attended"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shiftId, t.personId] }),
    foreignKey({ columns: [t.cityId, t.shiftId], foreignColumns: [callShifts.cityId, callShifts.id], name: "service_shift_signups_shift_fk" }),
  ],
);

/** A city's visit period: coverage is measured over 1, 3 (default), 6 or 12 calendar months. */
export const pairingSettings = pgTable(
  "pairing_settings",
  {
    cityId: bigint("city_id", { mode: "number" }).primaryKey(),
    periodMonths: integer("period_months").notNull().default(3),
    version: version(),
    updatedAt: updatedAt(),
  },
  (t) => [check("pairing_settings_period", sql`${t.periodMonths} IN (1, 3, 6, 12)`)],
);
