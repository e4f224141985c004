import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { IdParams, pageOf } from "../../../shared/schemas/common";
import {
  Cadre,
  CadreMove,
  CadreProfile,
  CadreQuery,
  CreateGraduateBody,
  CreateMoveBody,
  EnterCadreBody,
  ExitCadreBody,
  GraduatePlace,
  GraduateQuery,
  GraduateStatusBody,
  MoveQuery,
  UpdateCadreBody,
} from "../../../shared/schemas/cadres";
import * as cadres from "./service";

export async function cadreRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["cadres"];

  api.get("/api/cadres", { schema: { tags, querystring: CadreQuery, response: { 200: pageOf(Cadre) } } }, async (request) => cadres.listCadres(request.ctx, request.query));
  api.post("/api/cadres", { schema: { tags, body: EnterCadreBody, response: { 201: CadreProfile } } }, async (request, reply) => {
    reply.status(201);
    return cadres.enterCadre(request.ctx, request.body);
  });
  api.get("/api/cadres/moves", { schema: { tags, querystring: MoveQuery, response: { 200: pageOf(CadreMove) } } }, async (request) => cadres.listMoves(request.ctx, request.query));
  api.post("/api/cadres/moves", { schema: { tags, body: CreateMoveBody, response: { 201: CadreMove } } }, async (request, reply) => {
    reply.status(201);
    return cadres.createMove(request.ctx, request.body);
  });
  api.get("/api/cadres/graduates", { schema: { tags, querystring: GraduateQuery, response: { 200: pageOf(GraduatePlace) } } }, async (request) => cadres.listGraduates(request.ctx, request.query));
  api.post("/api/cadres/graduates", { schema: { tags, body: CreateGraduateBody, response: { 201: GraduatePlace } } }, async (request, reply) => {
    reply.status(201);
    return cadres.createGraduate(request.ctx, request.body);
  });
  api.post("/api/cadres/graduates/:id/status", { schema: { tags, params: IdParams, body: GraduateStatusBody, response: { 200: GraduatePlace } } }, async (request) =>
    cadres.setGraduateStatus(request.ctx, request.params.id, request.body),
  );
  api.get("/api/cadres/:id", { schema: { tags, params: IdParams, response: { 200: CadreProfile } } }, async (request) => cadres.getCadre(request.ctx, request.params.id));
  api.patch("/api/cadres/:id", { schema: { tags, params: IdParams, body: UpdateCadreBody, response: { 200: CadreProfile } } }, async (request) =>
    cadres.updateCadre(request.ctx, request.params.id, request.body),
  );
  api.post("/api/cadres/:id/exit", { schema: { tags, params: IdParams, body: ExitCadreBody, response: { 200: CadreProfile } } }, async (request) =>
    cadres.exitCadre(request.ctx, request.params.id, request.body),
  );
}
