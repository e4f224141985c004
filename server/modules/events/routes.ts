import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id, IdParams, Ok, cursorPageOf } from "../../../shared/schemas/common";
import { compiledSerializer } from "../../platform/serialize";
import {
  AcceptBody,
  BaseMap,
  PublicBaseMapQuery,
  UpdateBaseMapBody,
  CloseBody,
  CreateEventTypeBody,
  DeleteEventBody,
  DepartmentStats,
  DispatchBody,
  EvaluateBody,
  EventDetail,
  EventMap,
  EventMapQuery,
  EventQuery,
  EventSummary,
  EventType,
  EventTypeList,
  FeedbackBody,
  GridExportQuery,
  GridImportBody,
  GridImportResult,
  NodeStats,
  PublicEvent,
  PublicEventType,
  PublicPhotoParams,
  PhotoSizeQuery,
  PublicRatingBody,
  PublicReportAccepted,
  PublicReportBody,
  PublicTypesQuery,
  RefuseBody,
  RegisterBody,
  RejectBody,
  ReportAccepted,
  ReportEventBody,
  ResubmitBody,
  SendBackBody,
  StatsQuery,
  SummonAnswerBody,
  SummonBody,
  SummonRateBody,
  TrackingParams,
  UpdateEventTypeBody,
} from "../../../shared/schemas/events";
import { Boundary } from "../../../shared/schemas/orgs";
import type { RequestContext } from "../../platform/context";
import { MAX_PHOTO_BYTES } from "./photos";
import { getBaseMap, getPublicBaseMap, updateBaseMap } from "./basemap";
import * as events from "./service";

/** Base64 makes photos a third larger; the rest of the body is small. */
const PHOTO_BODY_LIMIT = Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 1024 * 1024;
const GEOJSON_BODY_LIMIT = 32 * 1024 * 1024;

const TypesQuery = z.strictObject({ includeRetired: z.enum(["true", "false"]).default("false") });
const PhotoParams = z.strictObject({ id: Id, photoId: Id });
const FeatureCollection = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      id: Id,
      properties: z.object({ id: Id, code: z.string(), name: z.string(), kind: z.string(), parentId: Id.nullable() }),
      geometry: Boundary,
    }),
  ),
});
const PublicRating = PublicRatingBody.extend({ trackingCode: TrackingParams.shape.code });

export async function eventRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["events"];

  // --- the catalogue
  api.get("/api/event-types", { schema: { tags, querystring: TypesQuery, response: { 200: EventTypeList } } }, async (request) =>
    events.listEventTypes(request.ctx, request.query.includeRetired === "true"),
  );
  api.post("/api/event-types", { schema: { tags, body: CreateEventTypeBody, response: { 201: EventType } } }, async (request, reply) => {
    reply.status(201);
    return events.createEventType(request.ctx, request.body);
  });
  api.patch("/api/event-types/:id", { schema: { tags, params: IdParams, body: UpdateEventTypeBody, response: { 200: EventType } } }, async (request) =>
    events.updateEventType(request.ctx, request.params.id, request.body),
  );

  // --- lists, the map and the figures
  api.get("/api/events", { schema: { tags, querystring: EventQuery, response: { 200: cursorPageOf(EventSummary) } }, serializerCompiler: compiledSerializer }, async (request) =>
    events.listEvents(request.ctx, request.query),
  );
  api.get("/api/events/map", { schema: { tags, querystring: EventMapQuery, response: { 200: EventMap } } }, async (request) =>
    events.eventMap(request.ctx, request.query),
  );
  api.get("/api/events/stats", { schema: { tags, querystring: StatsQuery, response: { 200: NodeStats } } }, async (request) =>
    events.nodeStats(request.ctx, request.query),
  );
  api.get("/api/events/stats/departments", { schema: { tags, querystring: StatsQuery, response: { 200: DepartmentStats } } }, async (request) =>
    events.departmentStats(request.ctx, request.query),
  );

  // --- one event and its workflow
  api.post("/api/events", { bodyLimit: PHOTO_BODY_LIMIT, schema: { tags, body: ReportEventBody, response: { 201: ReportAccepted } } }, async (request, reply) => {
    reply.status(201);
    return events.reportEvent(request.ctx, request.body);
  });
  api.get("/api/events/:id", { schema: { tags, params: IdParams, response: { 200: EventDetail } } }, async (request) => events.getEvent(request.ctx, request.params.id));
  api.get("/api/events/:id/photos/:photoId", { schema: { tags, params: PhotoParams } }, async (request, reply) => {
    const photo = await events.eventPhoto(request.ctx, request.params.id, request.params.photoId);
    return reply.type(photo.mime).header("cache-control", "private, max-age=3600").send(photo.data);
  });
  api.get("/api/events/:id/photos/:photoId/thumb", { schema: { tags, params: PhotoParams } }, async (request, reply) => {
    const data = await events.eventPhotoThumb(request.ctx, request.params.id, request.params.photoId);
    return reply.type("image/jpeg").header("cache-control", "private, max-age=3600").send(data);
  });
  // Every workflow step: an id, a body with the version the caller saw, the event as it now stands.
  const step = <T extends z.ZodType>(path: string, body: T, run: (ctx: RequestContext, id: number, body: z.infer<T>) => Promise<z.infer<typeof EventDetail>>, bodyLimit?: number) =>
    api.post(path, { ...(bodyLimit ? { bodyLimit } : {}), schema: { tags, params: IdParams, body, response: { 200: EventDetail } } }, async (request) =>
      run(request.ctx, request.params.id, request.body as z.infer<T>),
    );
  step("/api/events/:id/register", RegisterBody, events.registerEvent);
  step("/api/events/:id/reject", RejectBody, events.rejectEvent);
  step("/api/events/:id/resubmit", ResubmitBody, events.resubmitEvent);
  step("/api/events/:id/dispatch", DispatchBody, events.dispatchEvent);
  step("/api/events/:id/accept", AcceptBody, events.acceptEvent);
  step("/api/events/:id/refuse", RefuseBody, events.refuseEvent);
  step("/api/events/:id/feedback", FeedbackBody, events.feedbackEvent, PHOTO_BODY_LIMIT);
  step("/api/events/:id/close", CloseBody, events.closeEvent);
  step("/api/events/:id/send-back", SendBackBody, events.sendBackEvent);
  step("/api/events/:id/evaluate", EvaluateBody, events.evaluateEvent);
  step("/api/events/:id/summons", SummonBody, events.summonDepartments);
  step("/api/event-summons/:id/answer", SummonAnswerBody, events.answerSummons);
  step("/api/event-summons/:id/rate", SummonRateBody, events.rateSummons);
  api.delete("/api/events/:id", { schema: { tags, params: IdParams, body: DeleteEventBody, response: { 200: Ok } } }, async (request) => {
    await events.deleteEvent(request.ctx, request.params.id, request.body);
    return { ok: true as const };
  });

  // --- grids as GeoJSON
  api.post("/api/grids/import", { bodyLimit: GEOJSON_BODY_LIMIT, schema: { tags, body: GridImportBody, response: { 200: GridImportResult } } }, async (request) =>
    events.importGrids(request.ctx, request.body),
  );
  api.get("/api/grids.geojson", { schema: { tags, querystring: GridExportQuery, response: { 200: FeatureCollection } } }, async (request, reply) => {
    reply.type("application/geo+json; charset=utf-8");
    return events.exportGrids(request.ctx, request.query);
  });

  // --- the city's base map (底图)
  api.get("/api/base-map", { schema: { tags, response: { 200: BaseMap } } }, async (request) => getBaseMap(request.ctx));
  api.patch("/api/base-map", { schema: { tags, body: UpdateBaseMapBody, response: { 200: BaseMap } } }, async (request) => updateBaseMap(request.ctx, request.body));

  // --- the public side (no sign-in)
  const publicTags = ["public"];
  api.get("/api/public/base-map", { schema: { tags: publicTags, querystring: PublicBaseMapQuery, response: { 200: BaseMap.omit({ version: true }) } } }, async (request) =>
    getPublicBaseMap(request.ctx.db, request.query.city),
  );
  api.get("/api/public/event-types", { schema: { tags: publicTags, querystring: PublicTypesQuery, response: { 200: z.object({ items: z.array(PublicEventType) }) } } }, async (request) =>
    events.publicTypes(request.ctx.db, request.query.city),
  );
  api.post("/api/public/events", { bodyLimit: PHOTO_BODY_LIMIT, schema: { tags: publicTags, body: PublicReportBody, response: { 201: PublicReportAccepted } } }, async (request, reply) => {
    reply.status(201);
    return events.reportPublic(request.ctx, request.body);
  });
  api.get("/api/public/events/:code", { schema: { tags: publicTags, params: TrackingParams, response: { 200: PublicEvent } } }, async (request) =>
    events.trackPublic(request.ctx, request.params.code),
  );
  api.get("/api/public/events/:code/photos/:photoId", { schema: { tags: publicTags, params: PublicPhotoParams, querystring: PhotoSizeQuery } }, async (request, reply) => {
    const data = await events.publicPhoto(request.ctx, request.params.code, request.params.photoId, request.query.size);
    return reply.type("image/jpeg").header("cache-control", "private, max-age=3600").send(data);
  });
  // The tracking code travels in the body, so a rating is one plain document like every other write.
  api.post("/api/public/ratings", { schema: { tags: publicTags, body: PublicRating, response: { 200: PublicEvent } } }, async (request) => {
    const { trackingCode, ...rating } = request.body;
    return events.ratePublic(request.ctx, trackingCode, rating);
  });
}
