import { z } from "zod";
import { Ok } from "../../../shared/schemas/common";
import {
  Aspect,
  BattleMap,
  BattleMapItem,
  BattleMapQuery,
  Campaign,
  CampaignFigures,
  CampaignMe,
  Claim,
  ClaimQuery,
  CreateClaimBody,
  CreateReportBody,
  CreateTopicBody,
  Item,
  ListOf,
  Measure,
  MeasureQuery,
  Milestone,
  PlanMilestone,
  PlanProject,
  Project,
  ProjectDetail,
  ProjectQuery,
  ProjectStatus,
  Rates,
  Report,
  ReportQuery,
  ResubmitClaimBody,
  TaskForce,
  TaskForceDetail,
  Topic,
  TopicQuery,
  TopicUnit,
  UpdateTopicBody,
  UploadBody,
} from "../../../shared/schemas/campaign";
import { request } from "./client";

export { MAX_ATTACHMENT_BYTES } from "../../../shared/schemas/campaign";

export type CampaignData = z.output<typeof Campaign>;
export type CampaignMeData = z.output<typeof CampaignMe>;
export type AspectData = z.output<typeof Aspect>;
export type ItemData = z.output<typeof Item>;
export type MeasureData = z.output<typeof Measure>;
export type TaskForceData = z.output<typeof TaskForce>;
export type TaskForceDetailData = z.output<typeof TaskForceDetail>;
export type ProjectData = z.output<typeof Project>;
export type ProjectDetailData = z.output<typeof ProjectDetail>;
export type MilestoneData = z.output<typeof Milestone>;
export type ProjectStatusValue = z.output<typeof ProjectStatus>;
export type TopicData = z.output<typeof Topic>;
export type TopicUnitData = z.output<typeof TopicUnit>;
export type ClaimData = z.output<typeof Claim>;
export type ReportData = z.output<typeof Report>;
export type BattleMapData = z.output<typeof BattleMap>;
export type BattleMapItemData = z.output<typeof BattleMapItem>;
export type RatesData = z.output<typeof Rates>;
export type CampaignFiguresData = z.output<typeof CampaignFigures>;
export type PlanProjectInput = z.input<typeof PlanProject>;
export type PlanMilestoneInput = z.input<typeof PlanMilestone>;
export type CreateClaimInput = z.input<typeof CreateClaimBody>;
export type ResubmitClaimInput = z.input<typeof ResubmitClaimBody>;
export type CreateTopicInput = z.input<typeof CreateTopicBody>;
export type UpdateTopicInput = z.input<typeof UpdateTopicBody>;
export type CreateReportInput = z.input<typeof CreateReportBody>;
export type UploadInput = z.input<typeof UploadBody>;

/** List filters as the query strings carry them: every field optional (the server fills page defaults). */
export type ProjectParams = Partial<z.output<typeof ProjectQuery>> & { campaign: number };
export type MeasureParams = Partial<z.output<typeof MeasureQuery>> & { campaign: number };
export type TopicParams = Partial<z.output<typeof TopicQuery>> & { campaign: number };
export type ClaimParams = Partial<z.output<typeof ClaimQuery>> & { campaign: number };
export type ReportParams = Partial<z.output<typeof ReportQuery>> & { campaign: number };
export type BattleMapParams = Partial<z.output<typeof BattleMapQuery>>;

const CampaignList = ListOf(Campaign);
const AspectList = ListOf(Aspect);
const ItemList = ListOf(Item);
const MeasureList = ListOf(Measure);
const TaskForceList = ListOf(TaskForce);
const ProjectList = ListOf(Project);
const TopicList = ListOf(Topic);
const TopicUnitList = ListOf(TopicUnit);
const ClaimList = ListOf(Claim);
const ReportList = ListOf(Report);
export type ProjectListData = z.output<typeof ProjectList>;
export type TopicListData = z.output<typeof TopicList>;
export type ClaimListData = z.output<typeof ClaimList>;
export type MeasureListData = z.output<typeof MeasureList>;

type TopicStep = "publish" | "close" | "reopen";

export const campaignApi = {
  list: (signal?: AbortSignal) => request("GET", "/campaign/campaigns", { schema: CampaignList, signal }),
  get: (id: number, signal?: AbortSignal) => request("GET", `/campaign/campaigns/${id}`, { schema: Campaign, signal }),
  /** Who the caller is in the campaign: the person (for 揭榜) and the units they speak for (for 领题). */
  me: (signal?: AbortSignal) => request("GET", "/campaign/me", { schema: CampaignMe, signal }),
  figures: (id: number, signal?: AbortSignal) => request("GET", `/campaign/campaigns/${id}/figures`, { schema: CampaignFigures, signal }),
  battleMap: (id: number, params: BattleMapParams = {}, signal?: AbortSignal) =>
    request("GET", `/campaign/campaigns/${id}/battle-map`, { schema: BattleMap, query: params, signal }),
  rates: (id: number, by: "unit" | "leader", signal?: AbortSignal) => request("GET", `/campaign/campaigns/${id}/rates`, { schema: Rates, query: { by }, signal }),

  aspects: (campaign: number, signal?: AbortSignal) => request("GET", "/campaign/aspects", { schema: AspectList, query: { campaign }, signal }),
  items: (campaign: number, aspect?: number, signal?: AbortSignal) => request("GET", "/campaign/items", { schema: ItemList, query: { campaign, aspect }, signal }),
  measures: (params: MeasureParams, signal?: AbortSignal) => request("GET", "/campaign/measures", { schema: MeasureList, query: params, signal }),

  taskForces: (campaign: number, signal?: AbortSignal) => request("GET", "/campaign/task-forces", { schema: TaskForceList, query: { campaign }, signal }),
  taskForce: (id: number, signal?: AbortSignal) => request("GET", `/campaign/task-forces/${id}`, { schema: TaskForceDetail, signal }),

  projects: (params: ProjectParams, signal?: AbortSignal) => request("GET", "/campaign/projects", { schema: ProjectList, query: params, signal }),
  project: (id: number, signal?: AbortSignal) => request("GET", `/campaign/projects/${id}`, { schema: ProjectDetail, signal }),
  setProjectStatus: (id: number, body: { version: number; status: ProjectStatusValue }) =>
    request("POST", `/campaign/projects/${id}/status`, { schema: ProjectDetail, body }),

  topics: (params: TopicParams, signal?: AbortSignal) => request("GET", "/campaign/topics", { schema: TopicList, query: params, signal }),
  topic: (id: number, signal?: AbortSignal) => request("GET", `/campaign/topics/${id}`, { schema: Topic, signal }),
  createTopic: (body: CreateTopicInput) => request("POST", "/campaign/topics", { schema: Topic, body }),
  updateTopic: (id: number, body: UpdateTopicInput) => request("PATCH", `/campaign/topics/${id}`, { schema: Topic, body }),
  moveTopic: (id: number, step: TopicStep, version: number) => request("POST", `/campaign/topics/${id}/${step}`, { schema: Topic, body: { version } }),
  deleteTopic: async (id: number, body: { version: number; reason: string }) => {
    await request("DELETE", `/campaign/topics/${id}`, { schema: Ok, body });
  },
  topicUnits: (campaign: number, signal?: AbortSignal) => request("GET", "/campaign/topic-units", { schema: TopicUnitList, query: { campaign }, signal }),

  claims: (params: ClaimParams, signal?: AbortSignal) => request("GET", "/campaign/claims", { schema: ClaimList, query: params, signal }),
  claim: (id: number, signal?: AbortSignal) => request("GET", `/campaign/claims/${id}`, { schema: Claim, signal }),
  createClaim: (body: CreateClaimInput) => request("POST", "/campaign/claims", { schema: Claim, body }),
  resubmitClaim: (id: number, body: ResubmitClaimInput) => request("POST", `/campaign/claims/${id}/resubmit`, { schema: Claim, body }),
  withdrawClaim: (id: number, version: number) => request("POST", `/campaign/claims/${id}/withdraw`, { schema: Claim, body: { version } }),
  approveClaim: (id: number, body: { version: number; note?: string }) => request("POST", `/campaign/claims/${id}/approve`, { schema: Claim, body }),
  returnClaim: (id: number, body: { version: number; note: string }) => request("POST", `/campaign/claims/${id}/return`, { schema: Claim, body }),

  reports: (params: ReportParams, signal?: AbortSignal) => request("GET", "/campaign/reports", { schema: ReportList, query: params, signal }),
  createReport: (body: CreateReportInput) => request("POST", "/campaign/reports", { schema: Report, body }),
  acceptReport: (id: number, body: { version: number; note?: string }) => request("POST", `/campaign/reports/${id}/accept`, { schema: Report, body }),
  returnReport: (id: number, body: { version: number; note: string }) => request("POST", `/campaign/reports/${id}/return`, { schema: Report, body }),
  /** Evidence travels as base64 in JSON (≤ 10 MB of bytes); the server checks the type by the bytes. */
  uploadAttachment: (reportId: number, body: UploadInput) => request("POST", `/campaign/reports/${reportId}/attachments`, { schema: Report, body }),
  /** A download link (the server always sends it as an attachment). */
  attachmentUrl: (id: number) => `/api/campaign/attachments/${id}`,
};
