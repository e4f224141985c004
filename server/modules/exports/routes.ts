import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParams } from "../../../shared/schemas/common";
import { eventSheet, problemSheet } from "./print";

export async function exportRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["exports"];
  // An A4 督办单 to print from the browser (its own page, so the app's layout does not print with it).
  api.get("/api/print/problems/:id", { schema: { tags, params: IdParams } }, async (request, reply) =>
    reply.type("text/html; charset=utf-8").send(await problemSheet(request.ctx, request.params.id)),
  );
  api.get("/api/print/events/:id", { schema: { tags, params: IdParams } }, async (request, reply) =>
    reply.type("text/html; charset=utf-8").send(await eventSheet(request.ctx, request.params.id)),
  );
}
