import type { FastifyInstance } from "fastify";
import { XLSX_MIME } from "../../platform/xlsx";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams, Ok, cursorPageOf, pageOf } from "../../../shared/schemas/common";
import { compiledSerializer } from "../../platform/serialize";
import {
  AddMembersBody,
  ApproveBody,
  AssignBody,
  Attachment,
  AttachmentBody,
  BreachBody,
  Clue,
  ClueQuery,
  CommonList,
  CommonListDetail,
  CommonListQuery,
  ConvertClueBody,
  CreateClueBody,
  CreateCommonListBody,
  CreatedProblem,
  CreateNegativeListBody,
  CreateProblemBody,
  CreateProblemListBody,
  DeleteBody,
  ExportQuery,
  ImportCommitBody,
  ImportPreview,
  ImportPreviewBody,
  ImportResult,
  ListItemsQuery,
  ListQuery,
  MergeBody,
  NegativeList,
  NegativeListDetail,
  NegativeListQuery,
  Problem,
  ProblemDetail,
  ProblemList,
  ProblemListDetail,
  ProblemNodeStats,
  ProblemQuery,
  ProblemStatsQuery,
  ProblemUnitStats,
  ProgressBody,
  PublicCityQuery,
  PublicList,
  PublicListDetail,
  PublicPlace,
  PublicPlacesQuery,
  PublicProblemBody,
  PublicSubmitted,
  PublicTrack,
  ReasonBody,
  SimilarProblem,
  StartBody,
  SubmitBody,
  SuperviseBody,
  SupervisionQuery,
  TrackParams,
  VersionBody,
} from "../../../shared/schemas/problems";
import * as lists from "./lists";
import * as publicSide from "./public";
import * as problems from "./service";
import * as sheets from "./spreadsheet";
import * as stats from "./stats";
import { attachmentDisposition } from "../../platform/files";

/** Files travel as base64 in JSON: 10 MB of file is about 13.4 MB of text. */
const FILE_BODY_LIMIT = 15 * 1024 * 1024;

export async function problemRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["problems"];

  // --- clues
  api.get("/api/problem-clues", { schema: { tags, querystring: ClueQuery, response: { 200: pageOf(Clue) } } }, async (request) => problems.listClues(request.ctx, request.query));
  api.get("/api/problem-clues/:id", { schema: { tags, params: IdParams, response: { 200: Clue.extend({ attachments: z.array(Attachment) }) } } }, async (request) =>
    problems.getClue(request.ctx, request.params.id),
  );
  api.post("/api/problem-clues", { schema: { tags, body: CreateClueBody, response: { 201: Clue } } }, async (request, reply) => {
    reply.status(201);
    return problems.createClue(request.ctx, request.body);
  });
  api.post("/api/problem-clues/:id/convert", { schema: { tags, params: IdParams, body: ConvertClueBody, response: { 200: z.object({ items: z.array(Problem) }) } } }, async (request) =>
    problems.convertClue(request.ctx, request.params.id, request.body),
  );
  api.post("/api/problem-clues/:id/dismiss", { schema: { tags, params: IdParams, body: ReasonBody, response: { 200: Clue } } }, async (request) =>
    problems.dismissClue(request.ctx, request.params.id, request.body),
  );
  api.post("/api/problem-clues/:id/attachments", { bodyLimit: FILE_BODY_LIMIT, schema: { tags, params: IdParams, body: AttachmentBody, response: { 201: Attachment } } }, async (request, reply) => {
    reply.status(201);
    return problems.attachToClue(request.ctx, request.params.id, request.body);
  });

  // --- problems
  api.get("/api/problems", { schema: { tags, querystring: ProblemQuery, response: { 200: cursorPageOf(Problem) } }, serializerCompiler: compiledSerializer }, async (request) => problems.listProblems(request.ctx, request.query));
  api.get("/api/problems/export", { schema: { tags, querystring: ExportQuery } }, async (request, reply) => {
    const workbook = await sheets.exportProblems(request.ctx, request.query);
    return reply
      .header("content-type", XLSX_MIME)
      .header("content-disposition", `attachment; filename="problems.xlsx"; filename*=UTF-8''${encodeURIComponent("问题清单.xlsx")}`)
      .send(workbook);
  });
  api.get("/api/problems/supervision", { schema: { tags, querystring: SupervisionQuery, response: { 200: pageOf(Problem) } } }, async (request) =>
    problems.supervisionList(request.ctx, request.query),
  );
  api.get("/api/problems/stats", { schema: { tags, querystring: ProblemStatsQuery, response: { 200: ProblemNodeStats } } }, async (request) => stats.nodeStats(request.ctx, request.query));
  api.get("/api/problems/stats/units", { schema: { tags, querystring: ProblemStatsQuery, response: { 200: ProblemUnitStats } } }, async (request) => stats.unitStats(request.ctx, request.query));
  api.get("/api/problems/:id", { schema: { tags, params: IdParams, response: { 200: ProblemDetail } } }, async (request) => problems.getProblem(request.ctx, request.params.id));
  api.get("/api/problems/:id/similar", { schema: { tags, params: IdParams, response: { 200: z.object({ items: z.array(SimilarProblem) }) } } }, async (request) =>
    problems.similarProblems(request.ctx, request.params.id),
  );
  api.post("/api/problems", { schema: { tags, body: CreateProblemBody, response: { 201: CreatedProblem } } }, async (request, reply) => {
    reply.status(201);
    return problems.createProblem(request.ctx, request.body);
  });
  const step = { tags, params: IdParams, response: { 200: Problem } };
  api.post("/api/problems/:id/assign", { schema: { ...step, body: AssignBody } }, async (request) => problems.assign(request.ctx, request.params.id, request.body));
  api.post("/api/problems/:id/start", { schema: { ...step, body: StartBody } }, async (request) => problems.start(request.ctx, request.params.id, request.body));
  api.post("/api/problems/:id/progress", { schema: { ...step, body: ProgressBody } }, async (request) => problems.progress(request.ctx, request.params.id, request.body));
  api.post("/api/problems/:id/submit", { schema: { ...step, body: SubmitBody } }, async (request) => problems.submit(request.ctx, request.params.id, request.body));
  api.post("/api/problems/:id/approve", { schema: { ...step, body: ApproveBody } }, async (request) => problems.approve(request.ctx, request.params.id, request.body));
  api.post("/api/problems/:id/return", { schema: { ...step, body: ReasonBody } }, async (request) => problems.sendBack(request.ctx, request.params.id, request.body));
  api.post("/api/problems/:id/dismiss", { schema: { ...step, body: ReasonBody } }, async (request) => problems.dismiss(request.ctx, request.params.id, request.body));
  api.post("/api/problems/:id/merge", { schema: { ...step, body: MergeBody } }, async (request) => problems.merge(request.ctx, request.params.id, request.body));
  api.delete("/api/problems/:id", { schema: { tags, params: IdParams, body: DeleteBody, response: { 200: Ok } } }, async (request) => {
    await problems.deleteProblem(request.ctx, request.params.id, request.body);
    return { ok: true as const };
  });
  api.post("/api/problems/:id/supervise", { schema: { tags, params: IdParams, body: SuperviseBody, response: { 200: ProblemDetail } } }, async (request) =>
    problems.supervise(request.ctx, request.params.id, request.body.note),
  );
  api.post("/api/problems/:id/attachments", { bodyLimit: FILE_BODY_LIMIT, schema: { tags, params: IdParams, body: AttachmentBody, response: { 201: Attachment } } }, async (request, reply) => {
    reply.status(201);
    return problems.attachToProblem(request.ctx, request.params.id, request.body);
  });
  api.get("/api/problem-attachments/:id", { schema: { tags, params: IdParams } }, async (request, reply) => {
    const { attachment, content } = await problems.downloadAttachment(request.ctx, request.params.id);
    return reply
      .header("content-type", attachment.mime)
      .header("x-content-type-options", "nosniff")
      .header("content-disposition", attachmentDisposition(attachment.fileName))
      .send(content);
  });
  api.post("/api/problems/import/preview", { bodyLimit: FILE_BODY_LIMIT, schema: { tags, body: ImportPreviewBody, response: { 200: ImportPreview } } }, async (request) =>
    sheets.previewImport(request.ctx, request.body),
  );
  api.post("/api/problems/import/commit", { schema: { tags, body: ImportCommitBody, response: { 200: ImportResult } } }, async (request) => sheets.commitImport(request.ctx, request.body));

  // --- problem lists (问题清单) and disclosure (公示)
  api.get("/api/problem-lists", { schema: { tags, querystring: ListQuery, response: { 200: pageOf(ProblemList) } } }, async (request) => lists.listProblemLists(request.ctx, request.query));
  api.post("/api/problem-lists", { schema: { tags, body: CreateProblemListBody, response: { 201: ProblemList } } }, async (request, reply) => {
    reply.status(201);
    return lists.createProblemList(request.ctx, request.body);
  });
  api.get("/api/problem-lists/:id", { schema: { tags, params: IdParams, querystring: ListItemsQuery, response: { 200: ProblemListDetail } } }, async (request) =>
    lists.getProblemList(request.ctx, request.params.id, request.query),
  );
  api.post("/api/problem-lists/:id/publish", { schema: { tags, params: IdParams, body: VersionBody, response: { 200: ProblemList } } }, async (request) =>
    lists.publishProblemList(request.ctx, request.params.id, request.body.version),
  );
  api.post("/api/problem-lists/:id/withdraw", { schema: { tags, params: IdParams, body: ReasonBody, response: { 200: ProblemList } } }, async (request) =>
    lists.withdrawProblemList(request.ctx, request.params.id, request.body),
  );

  // --- common lists (共性清单)
  api.get("/api/common-lists", { schema: { tags, querystring: CommonListQuery, response: { 200: pageOf(CommonList) } } }, async (request) => lists.listCommonLists(request.ctx, request.query));
  api.post("/api/common-lists", { schema: { tags, body: CreateCommonListBody, response: { 201: CommonList } } }, async (request, reply) => {
    reply.status(201);
    return lists.createCommonList(request.ctx, request.body);
  });
  api.get("/api/common-lists/:id", { schema: { tags, params: IdParams, response: { 200: CommonListDetail } } }, async (request) => lists.getCommonList(request.ctx, request.params.id));
  api.post("/api/common-lists/:id/members", { schema: { tags, params: IdParams, body: AddMembersBody, response: { 200: CommonList } } }, async (request) =>
    lists.addCommonMembers(request.ctx, request.params.id, request.body),
  );
  api.post("/api/common-lists/:id/publish", { schema: { tags, params: IdParams, body: VersionBody, response: { 200: CommonList } } }, async (request) =>
    lists.publishCommonList(request.ctx, request.params.id, request.body.version),
  );

  // --- negative lists (负面清单)
  api.get("/api/negative-lists", { schema: { tags, querystring: NegativeListQuery, response: { 200: pageOf(NegativeList) } } }, async (request) => lists.listNegativeLists(request.ctx, request.query));
  api.post("/api/negative-lists", { schema: { tags, body: CreateNegativeListBody, response: { 201: NegativeList } } }, async (request, reply) => {
    reply.status(201);
    return lists.createNegativeList(request.ctx, request.body);
  });
  api.get("/api/negative-lists/:id", { schema: { tags, params: IdParams, response: { 200: NegativeListDetail } } }, async (request) => lists.getNegativeList(request.ctx, request.params.id));
  api.post("/api/negative-lists/:id/breaches", { schema: { tags, params: IdParams, body: BreachBody, response: { 201: NegativeListDetail } } }, async (request, reply) => {
    reply.status(201);
    return lists.recordBreach(request.ctx, request.params.id, request.body);
  });
  api.post("/api/negative-lists/:id/retire", { schema: { tags, params: IdParams, body: ReasonBody, response: { 200: NegativeList } } }, async (request) =>
    lists.retireNegativeList(request.ctx, request.params.id, request.body),
  );

  // --- the public side: no sign-in (the app lets /api/public/* through), nothing personal
  const publicTags = ["public"];
  api.get("/api/public/problem-lists", { schema: { tags: publicTags, querystring: PublicCityQuery, response: { 200: pageOf(PublicList) } } }, async (request) =>
    publicSide.publishedLists(request.ctx, request.query),
  );
  api.get("/api/public/problem-lists/:id", { schema: { tags: publicTags, params: IdParams, querystring: ListItemsQuery, response: { 200: PublicListDetail } } }, async (request) =>
    publicSide.publishedList(request.ctx, request.params.id, request.query),
  );
  api.get("/api/public/places", { schema: { tags: publicTags, querystring: PublicPlacesQuery, response: { 200: z.object({ items: z.array(PublicPlace) }) } } }, async (request) =>
    publicSide.places(request.ctx, request.query.city),
  );
  api.post("/api/public/problems", { schema: { tags: publicTags, body: PublicProblemBody, response: { 201: PublicSubmitted } } }, async (request, reply) => {
    reply.status(201);
    return publicSide.submit(request.ctx, request.body);
  });
  api.get("/api/public/track/:code", { schema: { tags: publicTags, params: TrackParams, response: { 200: PublicTrack } } }, async (request) => publicSide.track(request.ctx, request.params.code));
}
