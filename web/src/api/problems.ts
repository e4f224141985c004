import { z } from "zod";
import { Ok, pageOf } from "../../../shared/schemas/common";
import {
  AddMembersBody,
  ApproveBody,
  AssignBody,
  Attachment,
  AttachmentBody,
  Breach,
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
  Escalation,
  ExportQuery,
  ImportCommitBody,
  ImportPreview,
  ImportPreviewBody,
  ImportResult,
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
  ProblemStatsRow,
  ProblemUnitStats,
  ProgressBody,
  ReasonBody,
  SimilarProblem,
  StartBody,
  SubmitBody,
  SupervisionQuery,
  TimelineEntry,
} from "../../../shared/schemas/problems";
import { ApiError, buildQuery, errorFromResponse, request, type Query } from "./client";

export type ProblemData = z.output<typeof Problem>;
export type ProblemDetailData = z.output<typeof ProblemDetail>;
export type CreatedProblemData = z.output<typeof CreatedProblem>;
export type SimilarProblemData = z.output<typeof SimilarProblem>;
export type TimelineEntryData = z.output<typeof TimelineEntry>;
export type AttachmentData = z.output<typeof Attachment>;
export type EscalationData = z.output<typeof Escalation>;
export type ClueData = z.output<typeof Clue>;
export type ClueDetailData = ClueData & { attachments: AttachmentData[] };
export type ProblemListData = z.output<typeof ProblemList>;
export type ProblemListDetailData = z.output<typeof ProblemListDetail>;
export type CommonListData = z.output<typeof CommonList>;
export type CommonListDetailData = z.output<typeof CommonListDetail>;
export type NegativeListData = z.output<typeof NegativeList>;
export type NegativeListDetailData = z.output<typeof NegativeListDetail>;
export type BreachData = z.output<typeof Breach>;
export type ImportPreviewData = z.output<typeof ImportPreview>;
export type ImportResultData = z.output<typeof ImportResult>;

export type ProblemParams = Partial<z.output<typeof ProblemQuery>>;
export type ProblemExportParams = Partial<z.output<typeof ExportQuery>>;
export type ClueParams = Partial<z.output<typeof ClueQuery>>;
export type SupervisionParams = Partial<z.output<typeof SupervisionQuery>>;
export type ProblemStatsParams = Partial<z.output<typeof ProblemStatsQuery>>;
export type ProblemStatsRowData = z.output<typeof ProblemStatsRow>;
export type ProblemListParams = Partial<z.output<typeof ListQuery>>;
export type CommonListParams = Partial<z.output<typeof CommonListQuery>>;
export type NegativeListParams = Partial<z.output<typeof NegativeListQuery>>;

export type CreateClueInput = z.input<typeof CreateClueBody>;
export type ConvertClueInput = z.input<typeof ConvertClueBody>;
export type ReasonInput = z.input<typeof ReasonBody>;
export type CreateProblemInput = z.input<typeof CreateProblemBody>;
export type AssignInput = z.input<typeof AssignBody>;
export type StartInput = z.input<typeof StartBody>;
export type ProgressInput = z.input<typeof ProgressBody>;
export type SubmitInput = z.input<typeof SubmitBody>;
export type ApproveInput = z.input<typeof ApproveBody>;
export type MergeInput = z.input<typeof MergeBody>;
export type DeleteProblemInput = z.input<typeof DeleteBody>;
export type AttachmentInput = z.input<typeof AttachmentBody>;
export type ImportPreviewInput = z.input<typeof ImportPreviewBody>;
export type ImportCommitInput = z.input<typeof ImportCommitBody>;
export type CreateProblemListInput = z.input<typeof CreateProblemListBody>;
export type CreateCommonListInput = z.input<typeof CreateCommonListBody>;
export type AddMembersInput = z.input<typeof AddMembersBody>;
export type CreateNegativeListInput = z.input<typeof CreateNegativeListBody>;
export type BreachInput = z.input<typeof BreachBody>;

const ProblemPage = pageOf(Problem);
const CluePage = pageOf(Clue);
const ClueDetail = Clue.extend({ attachments: z.array(Attachment) });
const ProblemListPage = pageOf(ProblemList);
const CommonListPage = pageOf(CommonList);
const NegativeListPage = pageOf(NegativeList);
const ProblemItems = z.object({ items: z.array(Problem) });
const SimilarList = z.object({ items: z.array(SimilarProblem) });
export type ProblemPageData = z.output<typeof ProblemPage>;
export type CluePageData = z.output<typeof CluePage>;

/** The problem actions that move a problem from one status to another (POST /problems/:id/<step>). */
export type ProblemStep = "assign" | "start" | "progress" | "submit" | "approve" | "return" | "dismiss" | "merge";
type StepBodies = {
  assign: AssignInput;
  start: StartInput;
  progress: ProgressInput;
  submit: SubmitInput;
  approve: ApproveInput;
  return: ReasonInput;
  dismiss: ReasonInput;
  merge: MergeInput;
};

/** A file the server sent as a download: its bytes and the name it suggested. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/** The file name of a Content-Disposition header, preferring the UTF-8 `filename*` form. */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

/** GET of a binary file (a spreadsheet export) with the session cookie; errors as ApiError like every other call. */
async function download(path: string, query: Query, fallbackName: string, signal?: AbortSignal): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(`/api${path}${buildQuery(query)}`, { method: "GET", credentials: "same-origin", signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError({ status: 0, code: "network_error", message: cause instanceof Error ? cause.message : "network error" });
  }
  if (!response.ok) {
    const text = await response.text();
    let payload: unknown = text;
    try {
      payload = JSON.parse(text) as unknown;
    } catch {
      // not JSON: keep the text
    }
    throw errorFromResponse(response.status, payload, response.headers.get("retry-after"));
  }
  return { blob: await response.blob(), fileName: fileNameFromDisposition(response.headers.get("content-disposition"), fallbackName) };
}

export const problemsApi = {
  // --- clues (线索)
  clues: (params: ClueParams = {}, signal?: AbortSignal) => request("GET", "/problem-clues", { schema: CluePage, query: params, signal }),
  clue: (id: number, signal?: AbortSignal) => request("GET", `/problem-clues/${id}`, { schema: ClueDetail, signal }),
  createClue: (body: CreateClueInput) => request("POST", "/problem-clues", { schema: Clue, body }),
  convertClue: (id: number, body: ConvertClueInput) => request("POST", `/problem-clues/${id}/convert`, { schema: ProblemItems, body }),
  dismissClue: (id: number, body: ReasonInput) => request("POST", `/problem-clues/${id}/dismiss`, { schema: Clue, body }),

  // --- problems
  list: (params: ProblemParams = {}, signal?: AbortSignal) => request("GET", "/problems", { schema: ProblemPage, query: params, signal }),
  /** The same filters as the list, as an .xlsx workbook (masked as on screen). */
  exportXlsx: (params: ProblemExportParams = {}, signal?: AbortSignal) => download("/problems/export", params, "问题清单.xlsx", signal),
  supervision: (params: SupervisionParams = {}, signal?: AbortSignal) => request("GET", "/problems/supervision", { schema: ProblemPage, query: params, signal }),
  /** The node table: the node and each child, every count the records its figure names. */
  stats: (params: ProblemStatsParams = {}, signal?: AbortSignal) => request("GET", "/problems/stats", { schema: ProblemNodeStats, query: params, signal }),
  /** The responsible-unit table of the node's problems. */
  unitStats: (params: ProblemStatsParams = {}, signal?: AbortSignal) => request("GET", "/problems/stats/units", { schema: ProblemUnitStats, query: params, signal }),
  get: (id: number, signal?: AbortSignal) => request("GET", `/problems/${id}`, { schema: ProblemDetail, signal }),
  similar: (id: number, signal?: AbortSignal) => request("GET", `/problems/${id}/similar`, { schema: SimilarList, signal }),
  create: (body: CreateProblemInput) => request("POST", "/problems", { schema: CreatedProblem, body }),
  step: <S extends ProblemStep>(id: number, step: S, body: StepBodies[S]) => request("POST", `/problems/${id}/${step}`, { schema: Problem, body }),
  remove: async (id: number, body: DeleteProblemInput) => {
    await request("DELETE", `/problems/${id}`, { schema: Ok, body });
  },
  supervise: (id: number, note: string) => request("POST", `/problems/${id}/supervise`, { schema: ProblemDetail, body: { note } }),
  attach: (id: number, body: AttachmentInput) => request("POST", `/problems/${id}/attachments`, { schema: Attachment, body }),
  attachToClue: (id: number, body: AttachmentInput) => request("POST", `/problem-clues/${id}/attachments`, { schema: Attachment, body }),
  /** Where a stored file downloads from (the session cookie authorises it). */
  attachmentUrl: (id: number) => `/api/problem-attachments/${id}`,

  // --- spreadsheets
  importPreview: (body: ImportPreviewInput) => request("POST", "/problems/import/preview", { schema: ImportPreview, body }),
  importCommit: (body: ImportCommitInput) => request("POST", "/problems/import/commit", { schema: ImportResult, body }),

  // --- problem lists (问题清单) and 公示
  lists: (params: ProblemListParams = {}, signal?: AbortSignal) => request("GET", "/problem-lists", { schema: ProblemListPage, query: params, signal }),
  listDetail: (id: number, params: { page?: number; pageSize?: number } = {}, signal?: AbortSignal) =>
    request("GET", `/problem-lists/${id}`, { schema: ProblemListDetail, query: params, signal }),
  createList: (body: CreateProblemListInput) => request("POST", "/problem-lists", { schema: ProblemList, body }),
  publishList: (id: number, version: number) => request("POST", `/problem-lists/${id}/publish`, { schema: ProblemList, body: { version } }),
  withdrawList: (id: number, body: ReasonInput) => request("POST", `/problem-lists/${id}/withdraw`, { schema: ProblemList, body }),

  // --- common lists (共性清单)
  commonLists: (params: CommonListParams = {}, signal?: AbortSignal) => request("GET", "/common-lists", { schema: CommonListPage, query: params, signal }),
  commonList: (id: number, signal?: AbortSignal) => request("GET", `/common-lists/${id}`, { schema: CommonListDetail, signal }),
  createCommonList: (body: CreateCommonListInput) => request("POST", "/common-lists", { schema: CommonList, body }),
  addCommonMembers: (id: number, body: AddMembersInput) => request("POST", `/common-lists/${id}/members`, { schema: CommonList, body }),
  publishCommonList: (id: number, version: number) => request("POST", `/common-lists/${id}/publish`, { schema: CommonList, body: { version } }),

  // --- negative lists (负面清单)
  negativeLists: (params: NegativeListParams = {}, signal?: AbortSignal) => request("GET", "/negative-lists", { schema: NegativeListPage, query: params, signal }),
  negativeList: (id: number, signal?: AbortSignal) => request("GET", `/negative-lists/${id}`, { schema: NegativeListDetail, signal }),
  createNegativeList: (body: CreateNegativeListInput) => request("POST", "/negative-lists", { schema: NegativeList, body }),
  recordBreach: (id: number, body: BreachInput) => request("POST", `/negative-lists/${id}/breaches`, { schema: NegativeListDetail, body }),
  retireNegativeList: (id: number, body: ReasonInput) => request("POST", `/negative-lists/${id}/retire`, { schema: NegativeList, body }),
};
