import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams, pageOf } from "../../../shared/schemas/common";
import {
  ChildrenQuery,
  CreateNodeBody,
  DescendantsQuery,
  Department,
  HandlerDepartments,
  MoveNodeBody,
  NodeHistoryEntry,
  OrgList,
  OrgNode,
  OrgNodeDetail,
  OrgQuery,
  PartyOrg,
  RetireNodeBody,
  SearchQuery,
  SetHandlerDepartmentsBody,
  Unit,
  UpdateNodeBody,
} from "../../../shared/schemas/orgs";
import * as handlers from "./handlers";
import * as orgs from "./service";

export async function orgRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["orgs"];

  // The departments a department handler acts for (set by the security administrator).
  api.get("/api/department-handlers/:id/departments", { schema: { tags, params: IdParams, response: { 200: HandlerDepartments } } }, async (request) =>
    handlers.getHandlerDepartments(request.ctx, request.params.id),
  );
  api.put("/api/department-handlers/:id/departments", { schema: { tags, params: IdParams, body: SetHandlerDepartmentsBody, response: { 200: HandlerDepartments } } }, async (request) =>
    handlers.setHandlerDepartments(request.ctx, request.params.id, request.body),
  );

  api.get("/api/orgs/roots", { schema: { tags, response: { 200: OrgList } } }, async (request) => orgs.scopeRoots(request.ctx));
  api.get("/api/orgs/search", { schema: { tags, querystring: SearchQuery, response: { 200: OrgList } } }, async (request) =>
    orgs.search(request.ctx, request.query.q, request.query.limit),
  );
  api.get("/api/orgs/:id", { schema: { tags, params: IdParams, response: { 200: OrgNodeDetail } } }, async (request) =>
    orgs.getNodeDetail(request.ctx, request.params.id),
  );
  api.get("/api/orgs/:id/children", { schema: { tags, params: IdParams, querystring: ChildrenQuery, response: { 200: OrgList } } }, async (request) =>
    orgs.children(request.ctx, request.params.id, {
      includeRetired: request.query.includeRetired === "true",
      limit: request.query.limit,
      offset: request.query.offset,
    }),
  );
  api.get("/api/orgs/:id/descendants", { schema: { tags, params: IdParams, querystring: DescendantsQuery, response: { 200: pageOf(OrgNode) } } }, async (request) =>
    orgs.descendants(request.ctx, request.params.id, request.query),
  );
  api.get("/api/orgs/:id/history", { schema: { tags, params: IdParams, response: { 200: z.object({ items: z.array(NodeHistoryEntry) }) } } }, async (request) =>
    orgs.history(request.ctx, request.params.id),
  );
  api.post("/api/orgs", { schema: { tags, body: CreateNodeBody, response: { 201: OrgNode } } }, async (request, reply) => {
    reply.status(201);
    return orgs.createNode(request.ctx, request.body);
  });
  api.patch("/api/orgs/:id", { schema: { tags, params: IdParams, body: UpdateNodeBody, response: { 200: OrgNode } } }, async (request) =>
    orgs.updateNode(request.ctx, request.params.id, request.body),
  );
  api.post("/api/orgs/:id/move", { schema: { tags, params: IdParams, body: MoveNodeBody, response: { 200: OrgNode } } }, async (request) =>
    orgs.moveNode(request.ctx, request.params.id, request.body),
  );
  api.post("/api/orgs/:id/retire", { schema: { tags, params: IdParams, body: RetireNodeBody, response: { 200: OrgNode } } }, async (request) =>
    orgs.retireNode(request.ctx, request.params.id, request.body),
  );

  api.get("/api/departments", { schema: { tags, response: { 200: z.object({ items: z.array(Department) }) } } }, async (request) => orgs.departments(request.ctx));
  api.get("/api/units", { schema: { tags, response: { 200: z.object({ items: z.array(Unit) }) } } }, async (request) => orgs.unitList(request.ctx));
  api.get("/api/party-orgs", { schema: { tags, querystring: OrgQuery, response: { 200: z.object({ items: z.array(PartyOrg) }) } } }, async (request) =>
    orgs.partyOrgList(request.ctx, request.query.org),
  );
}
