import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams, Ok, pageOf } from "../../../shared/schemas/common";
import {
  ContractFileBody,
  Benchmark,
  BenchmarkQuery,
  CheckBody,
  CheckResult,

  ContractDetail,
  ContractExportQuery,
  ContractPage,
  ContractQuery,
  Cooperative,
  CooperativeQuery,
  CreateContractBody,
  CreateCooperativeBody,
  CreateDebtBody,
  CreateIncomeBody,
  CreatePairingBody,
  DebtDetail,
  DebtPage,
  DebtQuery,
  DeleteBody,
  Disclosure,
  DisclosureBody,
  DisclosureQuery,
  Flag,
  FlagQuery,
  ImportCommitBody,
  ImportPreview,
  ImportPreviewBody,
  ImportResult,
  Income,
  IncomePage,
  IncomeQuery,
  MovementBody,
  MovementPage,
  MovementQuery,
  Pairing,
  PairingPage,
  PairingQuery,
  PlanBody,
  PublicLedger,
  PublicLedgerList,
  PublicLedgersQuery,
  PutBenchmarkBody,
  PutSettingsBody,
  RaiseBody,
  RevealBody,
  Revealed,
  Raised,
  Ranking,
  RankingQuery,
  Settings,
  SettingsQuery,
  UpdateContractBody,
} from "../../../shared/schemas/ledgers";
import { attachmentDisposition } from "../../platform/files";
import { XLSX_MIME } from "../../platform/xlsx";
import * as files from "./contract-files";
import * as contracts from "./contracts";
import * as money from "./money";
import * as sheets from "./spreadsheet";

/** Files travel as base64 in JSON: 10 MB of workbook is about 13.4 MB of text. */
const FILE_BODY_LIMIT = 15 * 1024 * 1024;

export async function ledgerRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["ledgers"];
  const created = <T>(reply: { status(code: number): unknown }, value: T) => {
    reply.status(201);
    return value;
  };

  // --- rules and benchmarks
  api.get("/api/ledger/settings", { schema: { tags, querystring: SettingsQuery, response: { 200: Settings } } }, async (request) => contracts.getSettings(request.ctx, request.query));
  api.put("/api/ledger/settings", { schema: { tags, body: PutSettingsBody, response: { 200: Settings } } }, async (request) => contracts.putSettings(request.ctx, request.body));
  api.get("/api/ledger/benchmarks", { schema: { tags, querystring: BenchmarkQuery, response: { 200: z.object({ items: z.array(Benchmark) }) } } }, async (request) =>
    contracts.listBenchmarks(request.ctx, request.query.org),
  );
  api.put("/api/ledger/benchmarks", { schema: { tags, body: PutBenchmarkBody, response: { 200: Benchmark } } }, async (request) => contracts.putBenchmark(request.ctx, request.body));

  // --- contracts and their flags
  api.get("/api/ledger/contracts", { schema: { tags, querystring: ContractQuery, response: { 200: ContractPage } } }, async (request) => contracts.listContracts(request.ctx, request.query));
  api.post("/api/ledger/contracts", { schema: { tags, body: CreateContractBody, response: { 201: ContractDetail } } }, async (request, reply) =>
    created(reply, await contracts.createContract(request.ctx, request.body)),
  );
  api.get("/api/ledger/contracts/:id", { schema: { tags, params: IdParams, response: { 200: ContractDetail } } }, async (request) => contracts.getContract(request.ctx, request.params.id));
  api.patch("/api/ledger/contracts/:id", { schema: { tags, params: IdParams, body: UpdateContractBody, response: { 200: ContractDetail } } }, async (request) =>
    contracts.updateContract(request.ctx, request.params.id, request.body),
  );
  api.delete("/api/ledger/contracts/:id", { schema: { tags, params: IdParams, body: DeleteBody, response: { 200: Ok } } }, async (request) => {
    await contracts.deleteContract(request.ctx, request.params.id, request.body);
    return { ok: true as const };
  });
  api.post("/api/ledger/contracts/:id/file", { bodyLimit: FILE_BODY_LIMIT, schema: { tags, params: IdParams, body: ContractFileBody, response: { 200: ContractDetail } } }, async (request) =>
    files.uploadContractFile(request.ctx, request.params.id, request.body),
  );
  api.get("/api/ledger/contracts/:id/file", { schema: { tags, params: IdParams } }, async (request, reply) => {
    const file = await files.downloadContractFile(request.ctx, request.params.id);
    return reply.type(file.mime).header("content-disposition", attachmentDisposition(file.fileName)).header("x-content-type-options", "nosniff").send(file.content);
  });
  api.get("/api/ledger/contracts/export", { schema: { tags, querystring: ContractExportQuery } }, async (request, reply) => {
    const workbook = await sheets.exportContracts(request.ctx, request.query);
    return reply
      .header("content-type", XLSX_MIME)
      .header("content-disposition", `attachment; filename="contracts.xlsx"; filename*=UTF-8''${encodeURIComponent("村集体合同台账.xlsx")}`)
      .send(workbook);
  });
  api.post("/api/ledger/import/preview", { bodyLimit: FILE_BODY_LIMIT, schema: { tags, body: ImportPreviewBody, response: { 200: ImportPreview } } }, async (request) =>
    sheets.previewImport(request.ctx, request.body),
  );
  api.post("/api/ledger/import/commit", { schema: { tags, body: ImportCommitBody, response: { 200: ImportResult } } }, async (request) => sheets.commitImport(request.ctx, request.body));
  api.post("/api/ledger/contracts/:id/reveal", { schema: { tags, params: IdParams, body: RevealBody, response: { 200: Revealed } } }, async (request) =>
    contracts.revealCounterparty(request.ctx, request.params.id, request.body),
  );
  api.post("/api/ledger/check", { schema: { tags, body: CheckBody, response: { 200: CheckResult } } }, async (request) => contracts.checkNow(request.ctx, request.body));
  api.get("/api/ledger/flags", { schema: { tags, querystring: FlagQuery, response: { 200: pageOf(Flag) } } }, async (request) => contracts.listFlags(request.ctx, request.query));
  api.post("/api/ledger/flags/:id/raise", { schema: { tags, params: IdParams, body: RaiseBody, response: { 200: Raised } } }, async (request) =>
    contracts.raiseFlag(request.ctx, request.params.id, request.body),
  );

  // --- debts
  api.get("/api/ledger/debts", { schema: { tags, querystring: DebtQuery, response: { 200: DebtPage } } }, async (request) => money.listDebts(request.ctx, request.query));
  api.post("/api/ledger/debts", { schema: { tags, body: CreateDebtBody, response: { 201: DebtDetail } } }, async (request, reply) => created(reply, await money.createDebt(request.ctx, request.body)));
  api.get("/api/ledger/debts/:id", { schema: { tags, params: IdParams, response: { 200: DebtDetail } } }, async (request) => money.getDebt(request.ctx, request.params.id));
  api.put("/api/ledger/debts/:id/plan", { schema: { tags, params: IdParams, body: PlanBody, response: { 200: DebtDetail } } }, async (request) =>
    money.setPlan(request.ctx, request.params.id, request.body),
  );
  api.post("/api/ledger/debts/:id/movements", { schema: { tags, params: IdParams, body: MovementBody, response: { 200: DebtDetail } } }, async (request) =>
    money.addMovement(request.ctx, request.params.id, request.body),
  );
  api.get("/api/ledger/debt-movements", { schema: { tags, querystring: MovementQuery, response: { 200: MovementPage } } }, async (request) => money.listMovements(request.ctx, request.query));

  // --- income, the villages ranked, pairing, cooperatives
  api.get("/api/ledger/incomes", { schema: { tags, querystring: IncomeQuery, response: { 200: IncomePage } } }, async (request) => money.listIncomes(request.ctx, request.query));
  api.post("/api/ledger/incomes", { schema: { tags, body: CreateIncomeBody, response: { 201: Income } } }, async (request, reply) => created(reply, await money.createIncome(request.ctx, request.body)));
  api.get("/api/ledger/ranking", { schema: { tags, querystring: RankingQuery, response: { 200: Ranking } } }, async (request) => money.ranking(request.ctx, request.query));
  api.get("/api/ledger/pairings", { schema: { tags, querystring: PairingQuery, response: { 200: PairingPage } } }, async (request) => money.listPairings(request.ctx, request.query));
  api.post("/api/ledger/pairings", { schema: { tags, body: CreatePairingBody, response: { 201: Pairing } } }, async (request, reply) => created(reply, await money.createPairing(request.ctx, request.body)));
  api.get("/api/ledger/cooperatives", { schema: { tags, querystring: CooperativeQuery, response: { 200: pageOf(Cooperative) } } }, async (request) => money.listCooperatives(request.ctx, request.query));
  api.post("/api/ledger/cooperatives", { schema: { tags, body: CreateCooperativeBody, response: { 201: Cooperative } } }, async (request, reply) =>
    created(reply, await money.createCooperative(request.ctx, request.body)),
  );

  // --- disclosure (村务公开) and the public side: no sign-in, nothing personal
  api.get("/api/ledger/disclosures", { schema: { tags, querystring: DisclosureQuery, response: { 200: Disclosure } } }, async (request) => money.getDisclosure(request.ctx, request.query.org));
  api.put("/api/ledger/disclosures", { schema: { tags, body: DisclosureBody, response: { 200: Disclosure } } }, async (request) => money.setDisclosure(request.ctx, request.body));
  const publicTags = ["public"];
  api.get("/api/public/ledgers", { schema: { tags: publicTags, querystring: PublicLedgersQuery, response: { 200: PublicLedgerList } } }, async (request) =>
    money.publicLedgers(request.ctx, request.query.city),
  );
  api.get("/api/public/ledgers/:id", { schema: { tags: publicTags, params: IdParams, response: { 200: PublicLedger } } }, async (request) => money.publicLedger(request.ctx, request.params.id));
}

