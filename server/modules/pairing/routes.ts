import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams, Ok, pageOf } from "../../../shared/schemas/common";
import {
  AddTeamMemberBody,
  AnswerSuggestionBody,
  CloseConflictBody,
  Conflict,
  ConflictDetail,
  ConflictExportQuery,
  ConflictQuery,
  ConflictResultBody,
  ConflictStepBody,
  Coverage,
  CoverageQuery,
  CreateConflictBody,
  CreateMemberReportBody,
  CreatePairingBody,
  CreateTeamBody,
  DeleteConflictBody,
  CreateVisitBody,
  EndedPairing,
  EndPairingBody,
  LogServiceBody,
  MemberReport,
  MyHouseholds,
  OrganPairing,
  Pairing,
  PairingQuery,
  RevealParties,
  RevealVisit,
  OwnSignupBody,
  MyCallsQuery,
  ServiceQuery,
  Suggestion,
  SuggestionQuery,
  UpdateConflictBody,
  PairingSettings,
  UpdatePairingSettingsBody,
  Visit,
  VisitQuery,
  VolunteerTeam,
  AttendanceBody,
  Call,
  CreateCallBody,
  CreateDeedBody,
  Deed,
  PhotoParams,
  PublicDeed,
  PublicDeedQuery,
  PublishDeedBody,
  RateDeedBody,
  SignupBody,
} from "../../../shared/schemas/pairing";
import { Id } from "../../../shared/schemas/common";
import * as register from "./conflicts";
import { MAX_PHOTO_BYTES } from "../events/photos";
import * as deeds from "./deeds";
import * as members from "./members";
import * as pairing from "./service";

export async function pairingRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["pairing"];

  // --- 包村联户
  api.get("/api/pairings", { schema: { tags, querystring: PairingQuery, response: { 200: pageOf(Pairing) } } }, async (request) => pairing.listPairings(request.ctx, request.query));
  api.post("/api/pairings", { schema: { tags, body: CreatePairingBody, response: { 201: Pairing } } }, async (request, reply) => {
    reply.status(201);
    return pairing.createPairing(request.ctx, request.body);
  });
  api.post("/api/pairings/:id/end", { schema: { tags, params: IdParams, body: EndPairingBody, response: { 200: EndedPairing } } }, async (request) =>
    pairing.endPairing(request.ctx, request.params.id, request.body),
  );
  api.get("/api/pairing/settings", { schema: { tags, response: { 200: PairingSettings } } }, async (request) => pairing.getSettings(request.ctx));
  api.put("/api/pairing/settings", { schema: { tags, body: UpdatePairingSettingsBody, response: { 200: PairingSettings } } }, async (request) => pairing.updateSettings(request.ctx, request.body));
  api.get("/api/pairing/mine", { schema: { tags, response: { 200: MyHouseholds } } }, async (request) => pairing.myHouseholds(request.ctx));
  api.get("/api/pairing/coverage", { schema: { tags, querystring: CoverageQuery, response: { 200: Coverage } } }, async (request) => pairing.coverage(request.ctx, request.query));

  // --- visits
  api.get("/api/pairing/visits", { schema: { tags, querystring: VisitQuery, response: { 200: pageOf(Visit) } } }, async (request) => pairing.listVisits(request.ctx, request.query));
  api.post("/api/pairing/visits", { schema: { tags, body: CreateVisitBody, response: { 201: Visit } } }, async (request, reply) => {
    reply.status(201);
    return pairing.logVisit(request.ctx, request.body);
  });

  api.post("/api/pairing/visits/:id/reveal", { schema: { tags, params: IdParams, response: { 200: RevealVisit } } }, async (request) => pairing.revealVisit(request.ctx, request.params.id));

  // --- suggestions
  api.get("/api/pairing/suggestions", { schema: { tags, querystring: SuggestionQuery, response: { 200: pageOf(Suggestion) } } }, async (request) =>
    register.listSuggestions(request.ctx, request.query),
  );
  api.post("/api/pairing/suggestions/:id/answer", { schema: { tags, params: IdParams, body: AnswerSuggestionBody, response: { 200: Suggestion } } }, async (request) =>
    register.answerSuggestion(request.ctx, request.params.id, request.body),
  );

  // --- the conflict and hazard register
  api.get("/api/pairing/conflicts", { schema: { tags, querystring: ConflictQuery, response: { 200: pageOf(Conflict) } } }, async (request) => register.listConflicts(request.ctx, request.query));
  api.get("/api/pairing/conflicts/export", { schema: { tags, querystring: ConflictExportQuery } }, async (request, reply) => {
    const csv = await register.exportConflicts(request.ctx, request.query);
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="conflicts.csv"; filename*=UTF-8''${encodeURIComponent("矛盾隐患台账.csv")}`)
      .send(csv);
  });
  api.get("/api/pairing/conflicts/:id", { schema: { tags, params: IdParams, response: { 200: ConflictDetail } } }, async (request) => register.getConflict(request.ctx, request.params.id));
  api.post("/api/pairing/conflicts", { schema: { tags, body: CreateConflictBody, response: { 201: ConflictDetail } } }, async (request, reply) => {
    reply.status(201);
    return register.createConflict(request.ctx, request.body);
  });
  api.patch("/api/pairing/conflicts/:id", { schema: { tags, params: IdParams, body: UpdateConflictBody, response: { 200: ConflictDetail } } }, async (request) =>
    register.updateConflict(request.ctx, request.params.id, request.body),
  );
  api.post("/api/pairing/conflicts/:id/steps", { schema: { tags, params: IdParams, body: ConflictStepBody, response: { 200: ConflictDetail } } }, async (request) =>
    register.addStep(request.ctx, request.params.id, request.body),
  );
  api.post("/api/pairing/conflicts/:id/result", { schema: { tags, params: IdParams, body: ConflictResultBody, response: { 200: ConflictDetail } } }, async (request) =>
    register.recordResult(request.ctx, request.params.id, request.body),
  );
  api.post("/api/pairing/conflicts/:id/close", { schema: { tags, params: IdParams, body: CloseConflictBody, response: { 200: ConflictDetail } } }, async (request) =>
    register.closeConflict(request.ctx, request.params.id, request.body.version),
  );
  api.delete("/api/pairing/conflicts/:id", { schema: { tags, params: IdParams, body: DeleteConflictBody, response: { 200: Ok } } }, async (request) => {
    await register.deleteConflict(request.ctx, request.params.id, request.body.version, request.body.reason);
    return { ok: true as const };
  });
  api.post("/api/pairing/conflicts/:id/reveal", { schema: { tags, params: IdParams, response: { 200: RevealParties } } }, async (request) =>
    register.revealParties(request.ctx, request.params.id),
  );

  // --- party members in service (党员下沉)
  const service = ["service"];
  api.get("/api/service/organ-pairings", { schema: { tags: service, querystring: ServiceQuery, response: { 200: pageOf(OrganPairing) } } }, async (request) =>
    members.listOrganPairings(request.ctx, request.query),
  );
  api.post("/api/service/organ-pairings", { schema: { tags: service, body: z.strictObject({ partyOrgId: Id, nodeId: Id }), response: { 201: OrganPairing } } }, async (request, reply) => {
    reply.status(201);
    return members.createOrganPairing(request.ctx, request.body);
  });
  api.get(
    "/api/service/communities",
    { schema: { tags: service, querystring: ServiceQuery, response: { 200: pageOf(z.object({ nodeId: Id, nodeName: z.string(), organs: z.number().int() })) } } },
    async (request) => members.listPairedCommunities(request.ctx, request.query),
  );
  api.get("/api/service/members", { schema: { tags: service, querystring: ServiceQuery, response: { 200: pageOf(MemberReport) } } }, async (request) => members.listMembers(request.ctx, request.query));
  api.post("/api/service/members", { schema: { tags: service, body: CreateMemberReportBody, response: { 201: MemberReport } } }, async (request, reply) => {
    reply.status(201);
    return members.reportMember(request.ctx, request.body);
  });
  api.post("/api/service/members/:id/hours", { schema: { tags: service, params: IdParams, body: LogServiceBody, response: { 200: MemberReport } } }, async (request) =>
    members.logHours(request.ctx, request.params.id, request.body),
  );
  api.get("/api/service/teams", { schema: { tags: service, querystring: ServiceQuery, response: { 200: pageOf(VolunteerTeam) } } }, async (request) => members.listTeams(request.ctx, request.query));
  api.post("/api/service/teams", { schema: { tags: service, body: CreateTeamBody, response: { 201: VolunteerTeam } } }, async (request, reply) => {
    reply.status(201);
    return members.createTeam(request.ctx, request.body);
  });
  api.post("/api/service/teams/:id/members", { schema: { tags: service, params: IdParams, body: AddTeamMemberBody, response: { 200: Ok } } }, async (request) =>
    members.addTeamMember(request.ctx, request.params.id, request.body),
  );

  // --- 我为群众办实事, and calls with shifts
  api.get("/api/service/deeds", { schema: { tags: service, querystring: ServiceQuery, response: { 200: pageOf(Deed) } } }, async (request) => deeds.listDeeds(request.ctx, request.query));
  // The photos as base64 need room beyond the default 1 MB body.
  api.post("/api/service/deeds", { bodyLimit: Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 1024 * 1024, schema: { tags: service, body: CreateDeedBody, response: { 201: Deed } } }, async (request, reply) => {
    reply.status(201);
    return deeds.createDeed(request.ctx, request.body);
  });
  api.post("/api/service/deeds/:id/rating", { schema: { tags: service, params: IdParams, body: RateDeedBody, response: { 200: Deed } } }, async (request) =>
    deeds.changeDeed(request.ctx, request.params.id, request.body.version, { rating: request.body.rating }),
  );
  api.post("/api/service/deeds/:id/publish", { schema: { tags: service, params: IdParams, body: PublishDeedBody, response: { 200: Deed } } }, async (request) =>
    deeds.changeDeed(request.ctx, request.params.id, request.body.version, { published: request.body.published }),
  );
  api.get("/api/service/deeds/:id/photos/:photoId", { schema: { tags: service, params: PhotoParams } }, async (request, reply) => {
    const photo = await deeds.deedPhoto(request.ctx, request.params.id, request.params.photoId);
    return reply.type(photo.mime).header("cache-control", "private, max-age=3600").send(photo.data);
  });
  api.get("/api/public/deeds", { schema: { tags: ["public"], querystring: PublicDeedQuery, response: { 200: pageOf(PublicDeed) } } }, async (request) => deeds.publicDeeds(request.ctx.db, request.query));
  api.get("/api/service/calls", { schema: { tags: service, querystring: ServiceQuery, response: { 200: pageOf(Call) } } }, async (request) => deeds.listCalls(request.ctx, request.query));
  api.post("/api/service/calls", { schema: { tags: service, body: CreateCallBody, response: { 201: Call } } }, async (request, reply) => {
    reply.status(201);
    return deeds.createCall(request.ctx, request.body);
  });
  api.post("/api/service/shifts/:id/signups", { schema: { tags: service, params: IdParams, body: SignupBody, response: { 200: Ok } } }, async (request) =>
    deeds.signUp(request.ctx, request.params.id, request.body.personId),
  );
  api.get("/api/service/calls/mine", { schema: { tags: service, querystring: MyCallsQuery, response: { 200: pageOf(Call) } } }, async (request) => deeds.myCalls(request.ctx, request.query));
  api.post("/api/service/shifts/:id/signups/mine", { schema: { tags: service, params: IdParams, body: OwnSignupBody, response: { 200: Ok } } }, async (request) =>
    deeds.signUpSelf(request.ctx, request.params.id),
  );
  api.post("/api/service/shifts/:id/attendance", { schema: { tags: service, params: IdParams, body: AttendanceBody, response: { 200: Ok } } }, async (request) =>
    deeds.recordAttendance(request.ctx, request.params.id, request.body),
  );
}
