import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id, IdParams } from "../../../shared/schemas/common";
import {
  Appeal,
  AppealBody,
  AppealQuery,
  Board,
  BoardQuery,
  BodyParams,
  Catalogue,
  CorrectionBody,
  CreateCatalogueBody,
  CreatePeriodBody,
  DecideAppealBody,
  Finding,
  FindingBody,
  FindingImportBody,
  FindingImportPreview,
  FindingImportResult,
  FindingQuery,
  Grade,
  Indicator,
  ManualScore,
  ManualScoreBody,
  PeriodBody,
  Period,
  PeriodQuery,
  PrefectureRanking,
  PrefectureRankingQuery,
  PublicRanking,
  PublicRankingQuery,
  Result,
  Scorecard,
  UpdateCatalogueBody,
  VersionOnly,
} from "../../../shared/schemas/evaluation";
import * as appeals from "./appeals";
import * as assessments from "./assessments";
import * as catalogues from "./catalogues";
import * as findingsImport from "./findings-import";
import * as periods from "./periods";
import * as results from "./results";

/** A workbook travels as base64 inside JSON: a third larger than the file's 10 MB. */
const FILE_BODY_LIMIT = 15 * 1024 * 1024;
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const LatestQuery = z.strictObject({ org: Id.optional(), grade: Grade.optional() });
const ScorecardQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional() });

export async function evaluationRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["evaluation"];
  const created = <T>(reply: { status(code: number): unknown }, value: T) => {
    reply.status(201);
    return value;
  };

  api.get("/api/evaluation/indicators", { schema: { tags, response: { 200: items(Indicator) } } }, async (request) => catalogues.indicators(request.ctx));
  api.get("/api/evaluation/catalogues", { schema: { tags, response: { 200: items(Catalogue) } } }, async (request) => catalogues.listCatalogues(request.ctx));
  api.post("/api/evaluation/catalogues", { schema: { tags, body: CreateCatalogueBody, response: { 201: Catalogue } } }, async (request, reply) =>
    created(reply, await catalogues.createCatalogue(request.ctx, request.body)),
  );
  api.get("/api/evaluation/catalogues/:id", { schema: { tags, params: IdParams, response: { 200: Catalogue } } }, async (request) => catalogues.getCatalogue(request.ctx, request.params.id));
  api.patch("/api/evaluation/catalogues/:id", { schema: { tags, params: IdParams, body: UpdateCatalogueBody, response: { 200: Catalogue } } }, async (request) =>
    catalogues.updateCatalogue(request.ctx, request.params.id, request.body),
  );

  api.get("/api/evaluation/periods", { schema: { tags, querystring: PeriodQuery, response: { 200: items(Period) } } }, async (request) => periods.listPeriods(request.ctx, request.query));
  api.post("/api/evaluation/periods", { schema: { tags, body: CreatePeriodBody, response: { 201: Period } } }, async (request, reply) => created(reply, await periods.createPeriod(request.ctx, request.body)));
  api.get("/api/evaluation/periods/:id", { schema: { tags, params: IdParams, response: { 200: Period } } }, async (request) => periods.getPeriod(request.ctx, request.params.id));
  api.post("/api/evaluation/periods/:id/compute", { schema: { tags, params: IdParams, body: VersionOnly, response: { 200: Period } } }, async (request) =>
    periods.computePeriod(request.ctx, request.params.id, request.body.version),
  );
  api.post("/api/evaluation/periods/:id/submit", { schema: { tags, params: IdParams, body: VersionOnly, response: { 200: Period } } }, async (request) =>
    periods.submitPeriod(request.ctx, request.params.id, request.body.version),
  );
  api.post("/api/evaluation/periods/:id/return", { schema: { tags, params: IdParams, body: VersionOnly, response: { 200: Period } } }, async (request) =>
    periods.returnPeriod(request.ctx, request.params.id, request.body.version),
  );
  api.post("/api/evaluation/periods/:id/publish", { schema: { tags, params: IdParams, body: VersionOnly, response: { 200: Period } } }, async (request) =>
    periods.publishPeriod(request.ctx, request.params.id, request.body.version),
  );
  api.post("/api/evaluation/periods/:id/corrections", { schema: { tags, params: IdParams, body: CorrectionBody, response: { 200: Period } } }, async (request) =>
    periods.correctPeriod(request.ctx, request.params.id, request.body),
  );
  api.get("/api/evaluation/periods/:id/board", { schema: { tags, params: IdParams, querystring: BoardQuery, response: { 200: Board } } }, async (request) =>
    results.board(request.ctx, request.params.id, request.query),
  );
  api.get("/api/evaluation/periods/:id/bodies/:kind/:bodyId", { schema: { tags, params: BodyParams, querystring: ScorecardQuery, response: { 200: Scorecard } } }, async (request) =>
    results.scorecard(request.ctx, request.params.id, request.params.kind, request.params.bodyId, request.query.version),
  );
  api.get("/api/evaluation/periods/:id/manual-scores", { schema: { tags, params: IdParams, response: { 200: items(ManualScore) } } }, async (request) =>
    assessments.listManualScores(request.ctx, request.params.id),
  );
  api.get("/api/evaluation/periods/:id/bodies", { schema: { tags, params: IdParams, response: { 200: items(PeriodBody) } } }, async (request) =>
    assessments.listPeriodBodies(request.ctx, request.params.id),
  );
  api.post("/api/evaluation/periods/:id/manual-scores", { schema: { tags, params: IdParams, body: ManualScoreBody, response: { 201: ManualScore } } }, async (request, reply) =>
    created(reply, await assessments.enterManualScore(request.ctx, request.params.id, request.body)),
  );
  api.post("/api/evaluation/manual-scores/:id/confirm", { schema: { tags, params: IdParams, body: VersionOnly, response: { 200: ManualScore } } }, async (request) =>
    assessments.confirmManualScore(request.ctx, request.params.id, request.body.version),
  );
  api.get("/api/evaluation/findings", { schema: { tags, querystring: FindingQuery, response: { 200: items(Finding) } } }, async (request) => assessments.listFindings(request.ctx, request.query));
  api.post("/api/evaluation/findings", { schema: { tags, body: FindingBody, response: { 201: Finding } } }, async (request, reply) => created(reply, await assessments.recordFinding(request.ctx, request.body)));

  api.post("/api/evaluation/findings/import/preview", { bodyLimit: FILE_BODY_LIMIT, schema: { tags, body: FindingImportBody, response: { 200: FindingImportPreview } } }, async (request) =>
    findingsImport.previewImport(request.ctx, request.body),
  );
  api.post("/api/evaluation/findings/import", { bodyLimit: FILE_BODY_LIMIT, schema: { tags, body: FindingImportBody, response: { 201: FindingImportResult } } }, async (request, reply) =>
    created(reply, await findingsImport.commitImport(request.ctx, request.body)),
  );

  api.post("/api/evaluation/periods/:id/appeals", { schema: { tags, params: IdParams, body: AppealBody, response: { 201: Appeal } } }, async (request, reply) =>
    created(reply, await appeals.fileAppeal(request.ctx, request.params.id, request.body)),
  );
  api.get("/api/evaluation/appeals", { schema: { tags, querystring: AppealQuery, response: { 200: items(Appeal) } } }, async (request) => appeals.listAppeals(request.ctx, request.query));
  api.get("/api/evaluation/appeals/:id", { schema: { tags, params: IdParams, response: { 200: Appeal } } }, async (request) => appeals.getAppeal(request.ctx, request.params.id));
  api.post("/api/evaluation/appeals/:id/decide", { schema: { tags, params: IdParams, body: DecideAppealBody, response: { 200: Appeal } } }, async (request) =>
    appeals.decideAppeal(request.ctx, request.params.id, request.body),
  );

  const LatestResult = Result.extend({ periodId: Id, periodLabel: z.string() });
  api.get("/api/evaluation/results", { schema: { tags, querystring: LatestQuery, response: { 200: z.object({ items: z.array(LatestResult), total: z.number().int() }) } } }, async (request) =>
    results.latestResults(request.ctx, request.query),
  );

  api.get("/api/evaluation/prefecture-ranking", { schema: { tags, querystring: PrefectureRankingQuery, response: { 200: PrefectureRanking } } }, async (request) =>
    results.prefectureRanking(request.ctx, request.query),
  );

  // The public side (晒一晒 看一看): no sign-in, names of bodies and their scores only.
  api.get("/api/public/rankings", { schema: { tags: ["public"], querystring: PublicRankingQuery, response: { 200: PublicRanking } } }, async (request) =>
    results.publicRankings(request.ctx, request.query.city),
  );
}
