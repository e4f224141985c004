import { z } from "zod";
import { Appeal, Board, Catalogue, Finding, FindingImportPreview, FindingImportResult, Indicator, ManualScore, Period, PeriodBody, PrefectureRanking, PublicRanking, Result, Scorecard, type CreateCatalogueBody } from "../../../shared/schemas/evaluation";
import { request, type Query } from "./client";

export type PeriodData = z.infer<typeof Period>;
export type BoardData = z.infer<typeof Board>;
export type ResultData = z.infer<typeof Result>;
export type ScorecardData = z.infer<typeof Scorecard>;
export type CatalogueData = z.infer<typeof Catalogue>;
export type AppealData = z.infer<typeof Appeal>;
export type PublicRankingData = z.infer<typeof PublicRanking>;
export type ManualScoreData = z.infer<typeof ManualScore>;
export type FindingImportPreviewData = z.infer<typeof FindingImportPreview>;
export type PrefectureRankingData = z.infer<typeof PrefectureRanking>;
export type CatalogueInput = z.input<typeof CreateCatalogueBody>;

const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const LatestResult = Result.extend({ periodId: z.number(), periodLabel: z.string() });
export type LatestResultData = z.infer<typeof LatestResult>;
/** The records a drill-down lists: whatever list of the owning module, read for what every list item carries. */
const DrillList = z.object({ total: z.number().optional(), items: z.array(z.record(z.string(), z.unknown())).optional() });
export type DrillListData = z.infer<typeof DrillList>;

export const evaluationApi = {
  indicators: (signal?: AbortSignal) => request("GET", "/evaluation/indicators", { schema: items(Indicator), signal }),
  catalogues: (signal?: AbortSignal) => request("GET", "/evaluation/catalogues", { schema: items(Catalogue), signal }),
  periods: (query: Query, signal?: AbortSignal) => request("GET", "/evaluation/periods", { schema: items(Period), query, signal }),
  act: (id: number, action: "compute" | "submit" | "return" | "publish", version: number) => request("POST", `/evaluation/periods/${id}/${action}`, { schema: Period, body: { version } }),
  board: (id: number, query: Query, signal?: AbortSignal) => request("GET", `/evaluation/periods/${id}/board`, { schema: Board, query, signal }),
  scorecard: (id: number, kind: string, bodyId: number, query: Query, signal?: AbortSignal) => request("GET", `/evaluation/periods/${id}/bodies/${kind}/${bodyId}`, { schema: Scorecard, query, signal }),
  /** A drill-down is an API path the indicator's module gave ("/api/…"): read as it stands. */
  drill: (apiPath: string, signal?: AbortSignal) => request("GET", apiPath.replace(/^\/api/, ""), { schema: DrillList, signal }),
  periodBodies: (periodId: number, signal?: AbortSignal) => request("GET", `/evaluation/periods/${periodId}/bodies`, { schema: items(PeriodBody), signal }),
  manualScores: (periodId: number, signal?: AbortSignal) => request("GET", `/evaluation/periods/${periodId}/manual-scores`, { schema: items(ManualScore), signal }),
  enterScore: (periodId: number, body: { itemId: number; bodyKind: string; bodyId: number; score: number; evidence: string }) => request("POST", `/evaluation/periods/${periodId}/manual-scores`, { schema: ManualScore, body }),
  confirmScore: (id: number, version: number) => request("POST", `/evaluation/manual-scores/${id}/confirm`, { schema: ManualScore, body: { version } }),
  recordFinding: (body: { channel: string; bodyKind: string; bodyId: number; foundOn: string; points: number; description: string; evidence: string }) => request("POST", "/evaluation/findings", { schema: Finding, body }),
  previewFindings: (body: { fileName: string; contentBase64: string }) => request("POST", "/evaluation/findings/import/preview", { schema: FindingImportPreview, body }),
  importFindings: (body: { fileName: string; contentBase64: string }) => request("POST", "/evaluation/findings/import", { schema: FindingImportResult, body }),
  createCatalogue: (body: CatalogueInput) => request("POST", "/evaluation/catalogues", { schema: Catalogue, body }),
  updateCatalogue: (id: number, body: CatalogueInput & { version: number }) => request("PATCH", `/evaluation/catalogues/${id}`, { schema: Catalogue, body }),
  prefectureRanking: (query: Query, signal?: AbortSignal) => request("GET", "/evaluation/prefecture-ranking", { schema: PrefectureRanking, query, signal }),
  appeal: (periodId: number, body: { bodyKind: string; bodyId: number; itemId?: number; reason: string }) => request("POST", `/evaluation/periods/${periodId}/appeals`, { schema: Appeal, body }),
  appeals: (query: Query, signal?: AbortSignal) => request("GET", "/evaluation/appeals", { schema: items(Appeal), query, signal }),
  decide: (id: number, body: { version: number; accept: boolean; decision: string; score?: number }) => request("POST", `/evaluation/appeals/${id}/decide`, { schema: Appeal, body }),
  results: (query: Query, signal?: AbortSignal) => request("GET", "/evaluation/results", { schema: z.object({ items: z.array(LatestResult), total: z.number() }), query, signal }),
  publicRankings: (city: string, signal?: AbortSignal) => request("GET", "/public/rankings", { schema: PublicRanking, query: { city }, signal }),
};

