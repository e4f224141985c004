import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { Workbench } from "../../../shared/schemas/workbench";
import { workbench } from "./service";

export async function workbenchRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get("/api/workbench", { schema: { tags: ["workbench"], response: { 200: Workbench } } }, async (request) => workbench(request.ctx));
}
