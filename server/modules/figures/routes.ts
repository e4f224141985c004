import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Figures, FiguresQuery, ProvinceFigures, ProvinceQuery, ProvinceSeries, ProvinceSeriesQuery, Series, SeriesQuery } from "../../../shared/schemas/figures";
import { figureStream, provinceStream } from "./stream";
import { figures } from "./service";
import { figureSeries, provinceSeries } from "./series";
import { provinceFigures } from "./province";

export async function figureRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get("/api/figures", { schema: { tags: ["figures"], querystring: FiguresQuery, response: { 200: Figures, 304: z.null() } } }, async (request, reply) => {
    const { body, etag } = await figures(request.ctx, request.query.org);
    reply.header("etag", etag).header("cache-control", "private, no-cache");
    if (request.headers["if-none-match"] === etag) return reply.status(304).send(null);
    // Already JSON, serialised once when counted: Fastify sends a string of a JSON type as it is, past
    // the route's serializer; the type provider knows only the object form, hence the cast.
    return reply.type("application/json; charset=utf-8").send(body as unknown as Figures);
  });
  // The province (no node of the tree): for a role reaching every city; 404 to a city's roles.
  api.get("/api/figures/province", { schema: { tags: ["figures"], querystring: ProvinceQuery, response: { 200: ProvinceFigures, 304: z.null() } } }, async (request, reply) => {
    const { body, etag } = await provinceFigures(request.ctx, request.query);
    reply.header("etag", etag).header("cache-control", "private, no-cache");
    if (request.headers["if-none-match"] === etag) return reply.status(304).send(null);
    return reply.type("application/json; charset=utf-8").send(body as unknown as ProvinceFigures);
  });
  api.get("/api/figures/province/series", { schema: { tags: ["figures"], querystring: ProvinceSeriesQuery, response: { 200: ProvinceSeries } } }, async (request) =>
    provinceSeries(request.ctx, request.query),
  );
  // The province's screen: an event "cities" (the ids of the cities whose figures may have moved) for each change anywhere.
  api.get("/api/figures/province/stream", { schema: { tags: ["figures"], querystring: z.strictObject({}) } }, async (request, reply) => provinceStream(request, reply));
  api.get("/api/figures/series", { schema: { tags: ["figures"], querystring: SeriesQuery, response: { 200: Series } } }, async (request) =>
    figureSeries(request.ctx, request.query),
  );
  // Server-sent events (text/event-stream) for the big screen: "hello", then an "event" for each change in the node's subtree.
  api.get("/api/figures/stream", { schema: { tags: ["figures"], querystring: FiguresQuery } }, async (request, reply) =>
    figureStream(request, reply, request.query.org),
  );
}
