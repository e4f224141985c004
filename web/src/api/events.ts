import { z } from "zod";
import { pageOf } from "../../../shared/schemas/common";
import {
  AcceptBody,
  BaseMap,
  UpdateBaseMapBody,
  CloseBody,
  DepartmentStats,
  DispatchBody,
  EvaluateBody,
  EventDetail,
  EventMap,
  EventMapQuery,
  EventQuery,
  EventSummary,
  EventTypeList,
  FeedbackBody,
  GridExportQuery,
  NodeStats,
  RefuseBody,
  RegisterBody,
  RejectBody,
  ResubmitBody,
  ReportAccepted,
  ReportEventBody,
  SendBackBody,
  StatsQuery,
  SummonAnswerBody,
  SummonBody,
  SummonRateBody,
} from "../../../shared/schemas/events";
import { Boundary } from "../../../shared/schemas/orgs";
import { request } from "./client";

export type EventSummaryData = z.output<typeof EventSummary>;
export type EventDetailData = z.output<typeof EventDetail>;
export type EventTypeListData = z.output<typeof EventTypeList>;
export type EventTypeData = EventTypeListData["items"][number];
export type ReportAcceptedData = z.output<typeof ReportAccepted>;
export type EventMapData = z.output<typeof EventMap>;
export type EventMapPointData = EventMapData["items"][number];
export type NodeStatsData = z.output<typeof NodeStats>;
export type StatsRowData = NodeStatsData["self"];
export type DepartmentStatsData = z.output<typeof DepartmentStats>;
export type DepartmentStatsRowData = DepartmentStatsData["items"][number];

export type EventParams = Partial<z.output<typeof EventQuery>>;
export type EventMapParams = Partial<z.output<typeof EventMapQuery>>;
export type EventStatsParams = Partial<z.output<typeof StatsQuery>>;
export type GridShapesParams = Partial<z.output<typeof GridExportQuery>>;
export type ReportEventInput = z.input<typeof ReportEventBody>;
export type BaseMapData = z.output<typeof BaseMap>;

/** GET /api/grids.geojson: boundaries of the caller's scope, one kind of node at a time. */
export const GridFeatureCollection = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      id: z.number(),
      properties: z.object({ id: z.number(), code: z.string(), name: z.string(), kind: z.string(), parentId: z.number().nullable() }),
      geometry: Boundary,
    }),
  ),
});
export type GridFeatureCollectionData = z.output<typeof GridFeatureCollection>;

/** The workflow steps on POST /api/events/:id/<step>; each answers with the event as it now stands. */
export type EventStep = "register" | "reject" | "resubmit" | "dispatch" | "accept" | "refuse" | "feedback" | "close" | "send-back" | "evaluate" | "summons";
type StepBodies = {
  register: z.input<typeof RegisterBody>;
  reject: z.input<typeof RejectBody>;
  resubmit: z.input<typeof ResubmitBody>;
  dispatch: z.input<typeof DispatchBody>;
  accept: z.input<typeof AcceptBody>;
  refuse: z.input<typeof RefuseBody>;
  feedback: z.input<typeof FeedbackBody>;
  close: z.input<typeof CloseBody>;
  "send-back": z.input<typeof SendBackBody>;
  evaluate: z.input<typeof EvaluateBody>;
  summons: z.input<typeof SummonBody>;
};

const EventPage = pageOf(EventSummary);
export type EventPageData = z.output<typeof EventPage>;

export const eventsApi = {
  types: (signal?: AbortSignal) => request("GET", "/event-types", { schema: EventTypeList, signal }),
  list: (params: EventParams = {}, signal?: AbortSignal) => request("GET", "/events", { schema: EventPage, query: params, signal }),
  map: (params: EventMapParams = {}, signal?: AbortSignal) => request("GET", "/events/map", { schema: EventMap, query: params, signal }),
  stats: (params: EventStatsParams = {}, signal?: AbortSignal) => request("GET", "/events/stats", { schema: NodeStats, query: params, signal }),
  departmentStats: (params: EventStatsParams = {}, signal?: AbortSignal) =>
    request("GET", "/events/stats/departments", { schema: DepartmentStats, query: params, signal }),
  get: (id: number, signal?: AbortSignal) => request("GET", `/events/${id}`, { schema: EventDetail, signal }),
  report: (body: ReportEventInput) => request("POST", "/events", { schema: ReportAccepted, body }),
  step: <S extends EventStep>(id: number, step: S, body: StepBodies[S]) => request("POST", `/events/${id}/${step}`, { schema: EventDetail, body }),
  answerSummons: (summonsId: number, body: z.input<typeof SummonAnswerBody>) =>
    request("POST", `/event-summons/${summonsId}/answer`, { schema: EventDetail, body }),
  rateSummons: (summonsId: number, body: z.input<typeof SummonRateBody>) => request("POST", `/event-summons/${summonsId}/rate`, { schema: EventDetail, body }),
  photoUrl: (id: number, photoId: number) => `/api/events/${id}/photos/${photoId}`,
  baseMap: (signal?: AbortSignal) => request("GET", "/base-map", { schema: BaseMap, signal }),
  updateBaseMap: (body: z.input<typeof UpdateBaseMapBody>) => request("PATCH", "/base-map", { schema: BaseMap, body }),
  grids: (params: GridShapesParams = {}, signal?: AbortSignal) => request("GET", "/grids.geojson", { schema: GridFeatureCollection, query: params, signal }),
};
