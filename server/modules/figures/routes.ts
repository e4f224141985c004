import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Figures, FiguresQuery, Series, SeriesQuery } from "../../../shared/schemas/figures";
import { figureStream } from "./stream";
import { figures } from "./service";
import { figureSeries } from "./series";

export async function figureRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get("/api/figures", { schema: { tags: ["figures"], querystring: FiguresQuery, response: { 200: Figures, 304: z.null() } } }, async (request, reply) => {
    const answer = await figures(request.ctx, request.query.org);
    // A dashboard that asks again gets 304 while nothing changed: the tag is of the node and its figures, not of the moment asked.
    const tag = `"${createHash("sha1").update(JSON.stringify([answer.org, answer.figures])).digest("base64url")}"`;
    reply.header("etag", tag).header("cache-control", "private, no-cache");
    if (request.headers["if-none-match"] === tag) return reply.status(304).send(null);
    return answer;
  });
  api.get("/api/figures/series", { schema: { tags: ["figures"], querystring: SeriesQuery, response: { 200: Series } } }, async (request) =>
    figureSeries(request.ctx, request.query),
  );
  // Server-sent events (text/event-stream) for the big screen: "hello", then an "event" for each change in the node's subtree.
  api.get("/api/figures/stream", { schema: { tags: ["figures"], querystring: FiguresQuery } }, async (request, reply) =>
    figureStream(request, reply, request.query.org),
  );
}
