import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParams } from "../../../shared/schemas/common";
import { attachmentDisposition } from "../../platform/files";
import { eventSheet, problemSheet } from "./print";
import { EventsExportQuery, eventsWorkbook, PeopleExportQuery, peopleWorkbook, ProjectsExportQuery, projectsWorkbook, TreeExportQuery, treeWorkbook, XLSX_MIME } from "./sheets";

function send(reply: FastifyReply, file: { bytes: Buffer; disposition: string }) {
  return reply.type(XLSX_MIME).header("content-disposition", file.disposition).send(file.bytes);
}

export async function exportRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["exports"];
  // An A4 督办单 to print from the browser (its own page, so the app's layout does not print with it).
  api.get("/api/print/problems/:id", { schema: { tags, params: IdParams } }, async (request, reply) =>
    reply.type("text/html; charset=utf-8").send(await problemSheet(request.ctx, request.params.id)),
  );
  const sheet = (name: string) => (bytes: Buffer) => ({ bytes, disposition: attachmentDisposition(`${name}.xlsx`) });
  api.get("/api/exports/events.xlsx", { schema: { tags, querystring: EventsExportQuery } }, async (request, reply) => send(reply, sheet("网格事件")(await eventsWorkbook(request.ctx, request.query))));
  api.get("/api/exports/projects.xlsx", { schema: { tags, querystring: ProjectsExportQuery } }, async (request, reply) => send(reply, sheet("项目")(await projectsWorkbook(request.ctx, request.query))));
  api.get("/api/exports/people.xlsx", { schema: { tags, querystring: PeopleExportQuery } }, async (request, reply) => send(reply, sheet("人员")(await peopleWorkbook(request.ctx, request.query))));
  api.get("/api/exports/tree.xlsx", { schema: { tags, querystring: TreeExportQuery } }, async (request, reply) => send(reply, sheet("组织架构")(await treeWorkbook(request.ctx, request.query))));
  api.get("/api/print/events/:id", { schema: { tags, params: IdParams } }, async (request, reply) =>
    reply.type("text/html; charset=utf-8").send(await eventSheet(request.ctx, request.params.id)),
  );
}
