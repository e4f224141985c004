import { z } from "zod";
import { Id, ImportRowError, text, Version } from "./common";
import { IsoDate } from "./calendar";

/** The evaluation ("1+3X" 科学考评) and its rankings (比一比 晒一晒 看一看). */
/** "city": the whole city (its root's subtree), ranked among the cities of its prefecture. */
export const bodyKinds = ["township", "village", "department", "unit", "leader", "city"] as const;
export const BodyKind = z.enum(bodyKinds);
export const periodKinds = ["month", "quarter", "year"] as const;
export const PeriodKind = z.enum(periodKinds);
export const gradings = ["threshold", "quota"] as const;
export const Grading = z.enum(gradings);
export const grades = ["A", "B", "C", "D", "E"] as const;
export const Grade = z.enum(grades);
export const itemSources = ["auto", "manual", "supervision"] as const;
export const ItemSource = z.enum(itemSources);
/** "3": discipline inspection, audit, inspection tours (巡察); "X": residents' ratings, petitions, media reports, public votes. */
export const channels = ["discipline", "audit", "inspection", "rating", "petition", "media", "vote"] as const;
export const Channel = z.enum(channels);
export const periodStatuses = ["draft", "review", "published"] as const;
export const PeriodStatus = z.enum(periodStatuses);
export const appealStatuses = ["pending", "accepted", "rejected"] as const;
export const AppealStatus = z.enum(appealStatuses);

const GradeLine = z.strictObject({ A: z.number().min(0).max(100), B: z.number().min(0).max(100), C: z.number().min(0).max(100), D: z.number().min(0).max(100) });

export const ItemInput = z.strictObject({
  source: ItemSource,
  indicatorKey: z.string().max(100).optional(),
  channel: Channel.optional(),
  label: text(100).optional(),
  weight: z.number().int().min(1).max(100),
  minSample: z.number().int().min(0).max(100_000).optional(),
});

const catalogueFields = {
  name: text(100),
  bodyKind: BodyKind,
  periodKind: PeriodKind,
  grading: Grading,
  thresholds: GradeLine.default({ A: 90, B: 75, C: 60, D: 40 }),
  quotas: GradeLine.default({ A: 20, B: 30, C: 30, D: 15 }),
  appealDays: z.number().int().min(1).max(60).default(5),
  public: z.boolean().default(false),
  items: z.array(ItemInput).min(1).max(50),
};
export const CreateCatalogueBody = z.strictObject(catalogueFields);
export const UpdateCatalogueBody = z.strictObject({ ...catalogueFields, version: Version });

export const CatalogueItem = z.object({
  id: Id,
  position: z.number().int(),
  source: ItemSource,
  indicatorKey: z.string().nullable(),
  channel: Channel.nullable(),
  label: z.string(),
  weight: z.number().int(),
  minSample: z.number().int(),
});
export const Catalogue = z.object({
  id: Id,
  name: z.string(),
  bodyKind: BodyKind,
  periodKind: PeriodKind,
  grading: Grading,
  thresholds: GradeLine,
  quotas: GradeLine,
  appealDays: z.number().int(),
  public: z.boolean(),
  items: z.array(CatalogueItem),
  version: z.number().int(),
});

/** An automatic indicator a module offers, as the catalogue editor lists them. */
export const Indicator = z.object({
  key: z.string(),
  label: z.object({ zh: z.string(), en: z.string() }),
  bodyKinds: z.array(BodyKind),
  kind: z.enum(["rate", "per"]),
  better: z.enum(["higher", "lower"]),
  minSample: z.number().int(),
});

export const CreatePeriodBody = z.strictObject({ catalogueId: Id, label: text(50), startsOn: IsoDate, endsOn: IsoDate });
export const Period = z.object({
  id: Id,
  catalogueId: Id,
  catalogueName: z.string(),
  bodyKind: BodyKind,
  label: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: PeriodStatus,
  resultVersion: z.number().int(),
  publishedAt: z.string().nullable(),
  appealUntil: z.string().nullable(),
  version: z.number().int(),
});
export const PeriodQuery = z.strictObject({ catalogueId: Id.optional(), status: PeriodStatus.optional() });
export const VersionOnly = z.strictObject({ version: Version });
export const CorrectionBody = z.strictObject({ version: Version, reason: text(500) });

export const ResultItem = z.object({
  itemId: Id,
  source: ItemSource,
  key: z.string().nullable(),
  label: z.string(),
  weight: z.number(),
  effectiveWeight: z.number(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
  score: z.number().nullable(),
  /** Why the item was not scored for this body (its weight went to the others). */
  excluded: z.string().nullable(),
  /** Why the computed score was replaced (an accepted appeal, a correction). */
  adjusted: z.string().nullable(),
  drill: z.string().nullable(),
  drillNumerator: z.string().nullable(),
});
export type ResultItem = z.infer<typeof ResultItem>;

export const Result = z.object({
  bodyKind: BodyKind,
  bodyId: Id,
  bodyName: z.string(),
  parentId: Id.nullable(),
  parentName: z.string().nullable(),
  score: z.number().nullable(),
  grade: Grade.nullable(),
  rank: z.number().int().nullable(),
  peerRank: z.number().int().nullable(),
});
export const Scorecard = Result.extend({
  period: Period,
  resultVersion: z.number().int(),
  items: z.array(ResultItem),
  /** The body's results in the catalogue's earlier published periods, oldest first. */
  trend: z.array(z.object({ periodId: Id, label: z.string(), score: z.number().nullable(), grade: Grade.nullable(), rank: z.number().int().nullable() })),
  versions: z.array(z.object({ resultVersion: z.number().int(), reason: z.string(), actorName: z.string(), at: z.string() })),
  canAppeal: z.boolean(),
});
export const BoardQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional(), parent: Id.optional() });
export const Board = z.object({
  period: Period,
  resultVersion: z.number().int(),
  items: z.array(Result),
  /** 红榜 and 黑榜: the top and bottom of the board (grades A and E, else the first and last three). */
  red: z.array(Result),
  black: z.array(Result),
  gradeCounts: z.record(z.string(), z.number().int()),
});
export const BodyParams = z.strictObject({ id: Id, kind: BodyKind, bodyId: Id });

/** A body the caller may score in a period, as the assessor's picker lists it. */
export const PeriodBody = z.object({ kind: BodyKind, id: Id, name: z.string() });

export const ManualScoreBody = z.strictObject({ itemId: Id, bodyKind: BodyKind, bodyId: Id, score: z.number().min(0).max(100), evidence: text(1000) });
export const ManualScore = z.object({
  id: Id,
  periodId: Id,
  itemId: Id,
  bodyKind: BodyKind,
  bodyId: Id,
  bodyName: z.string(),
  score: z.number(),
  evidence: z.string(),
  assessorName: z.string(),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  version: z.number().int(),
});

export const FindingBody = z.strictObject({
  channel: Channel,
  bodyKind: BodyKind,
  bodyId: Id,
  foundOn: IsoDate,
  points: z.number().min(0).max(100),
  description: text(1000),
  evidence: text(1000),
  /** Also open a problem in the problem lists (上级点, found by supervision), linked both ways. */
  openProblem: z.boolean().optional(),
});
export const Finding = z.object({
  id: Id,
  channel: Channel,
  bodyKind: BodyKind,
  bodyId: Id,
  foundOn: z.string(),
  points: z.number(),
  description: z.string(),
  evidence: z.string(),
  recordedByName: z.string(),
  problemId: Id.nullable(),
});
/** A workbook of findings (纪检、审计、巡察 and the X channels), as offices keep them: the preview and the import read the same file. */
const Base64 = z.string().max(14_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, "the file's bytes in base64");
export const FindingImportBody = z.strictObject({ fileName: text(200), contentBase64: Base64 });
export const FindingImportRow = z.object({
  row: z.number().int(),
  channel: Channel,
  bodyKind: BodyKind,
  bodyId: Id,
  bodyName: z.string(),
  parentName: z.string().nullable(),
  foundOn: z.string(),
  points: z.number(),
  description: z.string(),
  evidence: z.string(),
  openProblem: z.boolean(),
});
export const FindingImportPreview = z.object({
  fileName: z.string(),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.array(ImportRowError),
  /** The valid rows, each with the body it counts against. */
  rows: z.array(FindingImportRow),
});
export const FindingImportResult = z.object({ imported: z.number().int(), findingIds: z.array(Id), problemIds: z.array(Id) });
export const FindingQuery = z.strictObject({ bodyKind: BodyKind.optional(), bodyId: Id.optional(), from: IsoDate.optional(), to: IsoDate.optional() });

export const AppealBody = z.strictObject({ bodyKind: BodyKind, bodyId: Id, itemId: Id.optional(), reason: text(1000) });
export const DecideAppealBody = z.strictObject({
  version: Version,
  accept: z.boolean(),
  decision: text(1000),
  /** With an accepted appeal against one item: the score that item gets. */
  score: z.number().min(0).max(100).optional(),
});
export const Appeal = z.object({
  id: Id,
  periodId: Id,
  periodLabel: z.string(),
  resultVersion: z.number().int(),
  bodyKind: BodyKind,
  bodyId: Id,
  itemId: Id.nullable(),
  reason: z.string(),
  status: AppealStatus,
  decision: z.string().nullable(),
  filedByName: z.string(),
  filedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
});
export const AppealQuery = z.strictObject({ periodId: Id.optional(), status: AppealStatus.optional() });

/** A city among the cities of its prefecture, on the same catalogue's composite for the same days. */
export const PrefectureRankingQuery = z.strictObject({ period: Id.optional() });
export const PrefectureRanking = z.object({
  prefecture: z.string(),
  period: z.object({ id: Id, label: z.string(), startsOn: z.string(), endsOn: z.string() }),
  items: z.array(z.object({ city: z.string(), score: z.number().nullable(), grade: Grade.nullable(), rank: z.number().int().nullable(), own: z.boolean() })),
});

export const PublicRankingQuery = z.strictObject({ city: z.string().trim().min(1).max(40).regex(/^[a-z0-9_-]+$/, "a city code") });
export const PublicRanking = z.object({
  city: z.string(),
  boards: z.array(
    z.object({
      catalogue: z.string(),
      bodyKind: BodyKind,
      period: z.string(),
      items: z.array(z.object({ name: z.string(), parentName: z.string().nullable(), score: z.number().nullable(), grade: Grade.nullable(), rank: z.number().int().nullable() })),
      /** 幸福榜单: the problems each body closed in the period, most first, where the catalogue counts problem closure. */
      gains: z.array(z.object({ name: z.string(), parentName: z.string().nullable(), closedProblems: z.number().int() })),
    }),
  ),
});
