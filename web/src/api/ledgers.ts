import { z } from "zod";
import { pageOf } from "../../../shared/schemas/common";
import {
  CreateDebtBody,
  CreateCooperativeBody,
  CreateIncomeBody,
  CreatePairingBody,
  DebtDetail,
  Income,
  MovementBody,
  Pairing,
  ContractFileBody,
  ContractDetail,
  ContractPage,
  ContractQuery,
  Cooperative,
  CooperativeQuery,
  CreateContractBody,
  Disclosure,
  DebtPage,
  PlanBody,
  DebtQuery,
  Flag,
  FlagQuery,
  ImportPreview,
  ImportResult,
  IncomePage,
  IncomeQuery,
  MovementPage,
  MovementQuery,
  PairingPage,
  PairingQuery,
  PublicLedger,
  PublicLedgerList,
  Raised,
  Revealed,
  Ranking,
  RankingQuery,
} from "../../../shared/schemas/ledgers";
import { buildQuery, request } from "./client";

export type ContractData = z.output<typeof ContractPage>["items"][number];
export type ContractDetailData = z.output<typeof ContractDetail>;
export type FlagData = z.output<typeof Flag>;
export type RankingData = z.output<typeof Ranking>;
export type VillageRowData = RankingData["items"][number];
export type DebtData = z.output<typeof DebtPage>["items"][number];
export type IncomeData = z.output<typeof IncomePage>["items"][number];
export type PairingData = z.output<typeof PairingPage>["items"][number];
export type CooperativeData = z.output<typeof Cooperative>;
export type MovementData = z.output<typeof MovementPage>["items"][number];
export type ImportPreviewData = z.output<typeof ImportPreview>;
export type ImportResultData = z.output<typeof ImportResult>;
export type PublicLedgerData = z.output<typeof PublicLedger>;

export type ContractParams = Partial<z.output<typeof ContractQuery>>;
export type CreateContractInput = z.input<typeof CreateContractBody>;

const CooperativePage = pageOf(Cooperative);
const FlagPage = pageOf(Flag);

/** The village collective ledgers (清化收), typed from shared/schemas/ledgers.ts. */
export const ledgersApi = {
  ranking: (params: Partial<z.output<typeof RankingQuery>> = {}, signal?: AbortSignal) => request("GET", "/ledger/ranking", { schema: Ranking, query: params, signal }),
  contracts: (params: ContractParams = {}, signal?: AbortSignal) => request("GET", "/ledger/contracts", { schema: ContractPage, query: params, signal }),
  contract: (id: number, signal?: AbortSignal) => request("GET", `/ledger/contracts/${id}`, { schema: ContractDetail, signal }),
  createContract: (body: CreateContractInput) => request("POST", "/ledger/contracts", { schema: ContractDetail, body }),
  updateContract: (id: number, body: Partial<CreateContractInput> & { version: number }) => request("PATCH", `/ledger/contracts/${id}`, { schema: ContractDetail, body }),
  flags: (params: Partial<z.output<typeof FlagQuery>> = {}, signal?: AbortSignal) => request("GET", "/ledger/flags", { schema: FlagPage, query: params, signal }),
  uploadFile: (id: number, body: z.input<typeof ContractFileBody>) => request("POST", `/ledger/contracts/${id}/file`, { schema: ContractDetail, body }),
  fileUrl: (id: number) => `/api/ledger/contracts/${id}/file`,
  reveal: (id: number, field: "counterpartyName" | "counterpartyIdNumber" | "counterpartyPhone") => request("POST", `/ledger/contracts/${id}/reveal`, { schema: Revealed, body: { field } }),
  raise: (id: number, version: number) => request("POST", `/ledger/flags/${id}/raise`, { schema: Raised, body: { version } }),
  debts: (params: Partial<z.output<typeof DebtQuery>> = {}, signal?: AbortSignal) => request("GET", "/ledger/debts", { schema: DebtPage, query: params, signal }),
  movements: (params: Partial<z.output<typeof MovementQuery>> = {}, signal?: AbortSignal) => request("GET", "/ledger/debt-movements", { schema: MovementPage, query: params, signal }),
  debt: (id: number, signal?: AbortSignal) => request("GET", `/ledger/debts/${id}`, { schema: DebtDetail, signal }),
  savePlan: (id: number, body: z.input<typeof PlanBody>) => request("PUT", `/ledger/debts/${id}/plan`, { schema: DebtDetail, body }),
  createDebt: (body: z.input<typeof CreateDebtBody>) => request("POST", "/ledger/debts", { schema: DebtDetail, body }),
  addMovement: (id: number, body: z.input<typeof MovementBody>) => request("POST", `/ledger/debts/${id}/movements`, { schema: DebtDetail, body }),
  createIncome: (body: z.input<typeof CreateIncomeBody>) => request("POST", "/ledger/incomes", { schema: Income, body }),
  createPairing: (body: z.input<typeof CreatePairingBody>) => request("POST", "/ledger/pairings", { schema: Pairing, body }),
  createCooperative: (body: z.input<typeof CreateCooperativeBody>) => request("POST", "/ledger/cooperatives", { schema: Cooperative, body }),
  incomes: (params: Partial<z.output<typeof IncomeQuery>> = {}, signal?: AbortSignal) => request("GET", "/ledger/incomes", { schema: IncomePage, query: params, signal }),
  pairings: (params: Partial<z.output<typeof PairingQuery>> = {}, signal?: AbortSignal) => request("GET", "/ledger/pairings", { schema: PairingPage, query: params, signal }),
  cooperatives: (params: Partial<z.output<typeof CooperativeQuery>> = {}, signal?: AbortSignal) => request("GET", "/ledger/cooperatives", { schema: CooperativePage, query: params, signal }),
  previewImport: (body: { nodeId: number; fileName: string; contentBase64: string }) => request("POST", "/ledger/import/preview", { schema: ImportPreview, body }),
  commitImport: (token: string) => request("POST", "/ledger/import/commit", { schema: ImportResult, body: { token } }),
  disclosure: (org: number, signal?: AbortSignal) => request("GET", "/ledger/disclosures", { schema: Disclosure, query: { org }, signal }),
  setDisclosure: (body: { nodeId: number; published: boolean; version: number }) => request("PUT", "/ledger/disclosures", { schema: Disclosure, body }),
  publicLedgers: (city: string, signal?: AbortSignal) => request("GET", "/public/ledgers", { schema: PublicLedgerList, query: { city }, signal, skipAuthRedirect: true }),
  publicLedger: (id: number, signal?: AbortSignal) => request("GET", `/public/ledgers/${id}`, { schema: PublicLedger, signal, skipAuthRedirect: true }),
  /** The workbook of a filtered list (the session cookie authorises the download). */
  exportHref: (params: Omit<ContractParams, "page" | "pageSize">) => `/api/ledger/contracts/export${buildQuery(params)}`,
};

