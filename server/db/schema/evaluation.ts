import { boolean, doublePrecision, foreignKey, index, integer, jsonb, pgTable, text, unique } from "drizzle-orm/pg-core";
import { cityId, createdAt, day, id, ref, stamp, updatedAt, version } from "./columns";

/**
 * The evaluation ("1+3X", 科学考评): catalogues of weighted indicators per kind of body and period,
 * the periods scored with them, manual scores, supervision findings, results by version, appeals.
 * Bodies are named by kind and id (a node, a department); the module reads them through the platform
 * and the orgs service, and the indicators' measures through the sources the other modules declare.
 */
export const evaluationCatalogues = pgTable(
  "evaluation_catalogues",
  {
    id: id(),
    cityId: cityId(),
    name: text("name").notNull(),
    bodyKind: text("body_kind").notNull(),
    periodKind: text("period_kind").notNull(),
    /** "threshold": A–D from the lowest scores that reach them; "quota": the top shares get A, B … */
    grading: text("grading").notNull(),
    thresholds: jsonb("thresholds").$type<Record<"A" | "B" | "C" | "D", number>>().notNull(),
    quotas: jsonb("quotas").$type<Record<"A" | "B" | "C" | "D", number>>().notNull(),
    appealDays: integer("appeal_days").notNull(),
    /** Published results of this catalogue appear on the public ranking page. */
    public: boolean("public").notNull().default(false),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique("evaluation_catalogues_city_id").on(t.cityId, t.id), index("evaluation_catalogues_city_idx").on(t.cityId, t.bodyKind)],
);

/** One weighted line of a catalogue: an automatic indicator, a manual score, or a supervision channel ("3" and "X"). */
export const evaluationItems = pgTable(
  "evaluation_items",
  {
    id: id(),
    cityId: cityId(),
    catalogueId: ref("catalogue_id").notNull(),
    position: integer("position").notNull(),
    source: text("source").notNull(),
    indicatorKey: text("indicator_key"),
    channel: text("channel"),
    label: text("label").notNull(),
    weight: integer("weight").notNull(),
    minSample: integer("min_sample").notNull(),
  },
  (t) => [
    unique("evaluation_items_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.catalogueId], foreignColumns: [evaluationCatalogues.cityId, evaluationCatalogues.id], name: "evaluation_items_catalogue_fk" }),
    index("evaluation_items_catalogue_idx").on(t.catalogueId),
  ],
);

/** A period scored with a catalogue: draft → review → published; `resultVersion` is the version shown. */
export const evaluationPeriods = pgTable(
  "evaluation_periods",
  {
    id: id(),
    cityId: cityId(),
    catalogueId: ref("catalogue_id").notNull(),
    label: text("label").notNull(),
    startsOn: day("starts_on").notNull(),
    endsOn: day("ends_on").notNull(),
    status: text("status").notNull(),
    resultVersion: integer("result_version").notNull().default(0),
    publishedAt: stamp("published_at"),
    appealUntil: stamp("appeal_until"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("evaluation_periods_city_id").on(t.cityId, t.id),
    unique("evaluation_periods_catalogue_start").on(t.catalogueId, t.startsOn),
    foreignKey({ columns: [t.cityId, t.catalogueId], foreignColumns: [evaluationCatalogues.cityId, evaluationCatalogues.id], name: "evaluation_periods_catalogue_fk" }),
  ],
);

/** Why a period's results have the version they have: first computation, correction, accepted appeal. */
export const evaluationVersions = pgTable(
  "evaluation_versions",
  {
    id: id(),
    cityId: cityId(),
    periodId: ref("period_id").notNull(),
    resultVersion: integer("result_version").notNull(),
    reason: text("reason").notNull(),
    actorUserId: ref("actor_user_id"),
    actorName: text("actor_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("evaluation_versions_period_version").on(t.periodId, t.resultVersion),
    foreignKey({ columns: [t.cityId, t.periodId], foreignColumns: [evaluationPeriods.cityId, evaluationPeriods.id], name: "evaluation_versions_period_fk" }),
  ],
);

/** A manual indicator's score for a body, by a named assessor with evidence, confirmed by a second person. */
export const evaluationManualScores = pgTable(
  "evaluation_manual_scores",
  {
    id: id(),
    cityId: cityId(),
    periodId: ref("period_id").notNull(),
    itemId: ref("item_id").notNull(),
    bodyKind: text("body_kind").notNull(),
    bodyId: ref("body_id").notNull(),
    nodeId: ref("node_id").notNull(),
    score: doublePrecision("score").notNull(),
    evidence: text("evidence").notNull(),
    assessorUserId: ref("assessor_user_id").notNull(),
    assessorName: text("assessor_name").notNull(),
    confirmedByUserId: ref("confirmed_by_user_id"),
    confirmedByName: text("confirmed_by_name"),
    confirmedAt: stamp("confirmed_at"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("evaluation_manual_scores_city_id").on(t.cityId, t.id),
    unique("evaluation_manual_scores_one").on(t.periodId, t.itemId, t.bodyKind, t.bodyId),
    foreignKey({ columns: [t.cityId, t.periodId], foreignColumns: [evaluationPeriods.cityId, evaluationPeriods.id], name: "evaluation_manual_scores_period_fk" }),
    foreignKey({ columns: [t.cityId, t.itemId], foreignColumns: [evaluationItems.cityId, evaluationItems.id], name: "evaluation_manual_scores_item_fk" }),
  ],
);

/** A supervision finding ("3": discipline, audit, inspection tours; "X": ratings, petitions, media, votes) against a body. */
export const evaluationFindings = pgTable(
  "evaluation_findings",
  {
    id: id(),
    cityId: cityId(),
    channel: text("channel").notNull(),
    bodyKind: text("body_kind").notNull(),
    bodyId: ref("body_id").notNull(),
    nodeId: ref("node_id").notNull(),
    foundOn: day("found_on").notNull(),
    points: doublePrecision("points").notNull(),
    description: text("description").notNull(),
    evidence: text("evidence").notNull(),
    recordedByUserId: ref("recorded_by_user_id").notNull(),
    recordedByName: text("recorded_by_name").notNull(),
    /** The problem the finding opened in the problem lists (the problem names the finding back by its external reference). */
    problemId: ref("problem_id"),
    deletedAt: stamp("deleted_at"),
    createdAt: createdAt(),
  },
  (t) => [unique("evaluation_findings_city_id").on(t.cityId, t.id), index("evaluation_findings_body_idx").on(t.cityId, t.bodyKind, t.bodyId, t.foundOn)],
);

/** A score set by a decision (an accepted appeal, a correction): replaces the computed score of one item for one body. */
export const evaluationAdjustments = pgTable(
  "evaluation_adjustments",
  {
    id: id(),
    cityId: cityId(),
    periodId: ref("period_id").notNull(),
    itemId: ref("item_id").notNull(),
    bodyKind: text("body_kind").notNull(),
    bodyId: ref("body_id").notNull(),
    score: doublePrecision("score").notNull(),
    reason: text("reason").notNull(),
    appealId: ref("appeal_id"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("evaluation_adjustments_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.periodId], foreignColumns: [evaluationPeriods.cityId, evaluationPeriods.id], name: "evaluation_adjustments_period_fk" }),
    index("evaluation_adjustments_period_idx").on(t.periodId),
  ],
);

/** One body's result in one version of a period; a published version's rows are never changed. */
export const evaluationResults = pgTable(
  "evaluation_results",
  {
    id: id(),
    cityId: cityId(),
    periodId: ref("period_id").notNull(),
    resultVersion: integer("result_version").notNull(),
    bodyKind: text("body_kind").notNull(),
    bodyId: ref("body_id").notNull(),
    bodyName: text("body_name").notNull(),
    /** The node the body answers at: who may read its scorecard follows it. */
    nodeId: ref("node_id").notNull(),
    parentId: ref("parent_id"),
    parentName: text("parent_name"),
    score: doublePrecision("score"),
    grade: text("grade"),
    rank: integer("rank"),
    peerRank: integer("peer_rank"),
    items: jsonb("items").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("evaluation_results_city_id").on(t.cityId, t.id),
    unique("evaluation_results_one").on(t.periodId, t.resultVersion, t.bodyKind, t.bodyId),
    foreignKey({ columns: [t.cityId, t.periodId], foreignColumns: [evaluationPeriods.cityId, evaluationPeriods.id], name: "evaluation_results_period_fk" }),
  ],
);

/** 申诉: a body's appeal against a published result, within the catalogue's days, and its decision. */
export const evaluationAppeals = pgTable(
  "evaluation_appeals",
  {
    id: id(),
    cityId: cityId(),
    periodId: ref("period_id").notNull(),
    resultVersion: integer("result_version").notNull(),
    bodyKind: text("body_kind").notNull(),
    bodyId: ref("body_id").notNull(),
    nodeId: ref("node_id").notNull(),
    itemId: ref("item_id"),
    reason: text("reason").notNull(),
    status: text("status").notNull(),
    decision: text("decision"),
    filedByUserId: ref("filed_by_user_id").notNull(),
    filedByName: text("filed_by_name").notNull(),
    filedAt: stamp("filed_at").notNull(),
    decidedByName: text("decided_by_name"),
    decidedAt: stamp("decided_at"),
    version: version(),
  },
  (t) => [
    unique("evaluation_appeals_city_id").on(t.cityId, t.id),
    foreignKey({ columns: [t.cityId, t.periodId], foreignColumns: [evaluationPeriods.cityId, evaluationPeriods.id], name: "evaluation_appeals_period_fk" }),
    index("evaluation_appeals_period_idx").on(t.periodId),
  ],
);
