import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { Figures, FiguresQuery, Series, SeriesQuery } from "../../../shared/schemas/figures";
import { figures } from "./service";
import { figureSeries } from "./series";

export async function figureRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get("/api/figures", { schema: { tags: ["figures"], querystring: FiguresQuery, response: { 200: Figures } } }, async (request) =>
    figures(request.ctx, request.query.org),
  );
  api.get("/api/figures/series", { schema: { tags: ["figures"], querystring: SeriesQuery, response: { 200: Series } } }, async (request) =>
    figureSeries(request.ctx, request.query),
  );
}
