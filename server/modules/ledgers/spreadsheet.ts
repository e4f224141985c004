import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import type { z } from "zod";
import {
  checkStateLabels,
  contractStatusLabels,
  counterpartyKindLabels,
  CreateContractBody,
  letMethodLabels,
  objectLabels,
  procedureLabels,
  ruleLabels,
  scheduleLabels,
  type ContractExportQuery,
  type ImportCommitBody,
  type ImportPreviewBody,
  type Rule,
} from "../../../shared/schemas/ledgers";
import { localDay } from "../../platform/calendar/service";
import type { RequestContext } from "../../platform/context";
import { AppError, invalidField, notFound } from "../../platform/errors";
import { requireActor, requirePermission } from "../../platform/policy";
import { write } from "../../platform/write";
import { cellDate, cellText, dataRows, findHeadings, readFirstSheet } from "../../platform/xlsx";
import { contractFilter, contractValues, runChecks, withFlags } from "./contracts";
import { villageFor } from "./policy";
import * as repo from "./repository";

/**
 * A village's contract ledger as a workbook: the import reads the columns the export writes, checks
 * every row and lists each invalid one with its reasons; a ledger with any invalid row imports nothing.
 */
const MAX_ROWS = 3000;
const MAX_EXPORT_ROWS = 20_000;
const IMPORT_TTL_MS = 30 * 60 * 1000;

const COLUMNS = [
  { key: "code", header: "合同编号", width: 14 },
  { key: "counterpartyKind", header: "承包方类型", width: 10 },
  { key: "counterpartyName", header: "承包方", width: 22 },
  { key: "counterpartyIdNumber", header: "身份证号", width: 20 },
  { key: "counterpartyPhone", header: "联系电话", width: 14 },
  { key: "object", header: "标的类型", width: 10 },
  { key: "objectName", header: "标的名称", width: 16 },
  { key: "area", header: "面积", width: 10 },
  { key: "unit", header: "单位", width: 8 },
  { key: "startOn", header: "起始日期", width: 12 },
  { key: "endOn", header: "终止日期", width: 12 },
  { key: "annualPriceFen", header: "年承包费(元)", width: 14 },
  { key: "paymentSchedule", header: "支付方式", width: 12 },
  { key: "dueFen", header: "应收(元)", width: 14 },
  { key: "receivedFen", header: "实收(元)", width: 14 },
  { key: "letMethod", header: "发包方式", width: 10 },
  { key: "procedure", header: "民主程序", width: 16 },
  { key: "procedureOn", header: "决议日期", width: 12 },
  { key: "fileRef", header: "合同档案号", width: 16 },
  { key: "status", header: "履行状态", width: 10 },
] as const;
type ColumnKey = (typeof COLUMNS)[number]["key"];
const REQUIRED: readonly ColumnKey[] = ["code", "counterpartyKind", "counterpartyName", "object", "objectName", "area", "unit", "startOn", "endOn", "annualPriceFen", "paymentSchedule", "letMethod", "procedure"];
const MONEY: readonly ColumnKey[] = ["annualPriceFen", "dueFen", "receivedFen"];
const DATES: readonly ColumnKey[] = ["startOn", "endOn", "procedureOn"];
const VOCABULARIES: Partial<Record<ColumnKey, Record<string, string>>> = {
  counterpartyKind: counterpartyKindLabels,
  object: objectLabels,
  paymentSchedule: scheduleLabels,
  letMethod: letMethodLabels,
  procedure: procedureLabels,
  status: contractStatusLabels,
};
const normalize = (text: string) => text.replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")").replace(/\*/g, "");
const headerOf = (key: string) => COLUMNS.find((column) => column.key === key)?.header ?? key;

/** Yuan as offices type them (1234.5, "1,234.50") into integer fen, exactly: no float ever rounds an amount. */
export function yuanToFen(value: ExcelJS.CellValue): number | string {
  if (typeof value === "number") {
    const fen = Math.round(value * 100);
    return Math.abs(value * 100 - fen) < 1e-6 ? fen : "最多两位小数 (at most two decimals)";
  }
  const text = cellText(value).replace(/[,，\s]/g, "");
  const match = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return "不是金额，如 1234.50 (not an amount in yuan)";
  const fen = Number(match[2]) * 100 + Number((match[3] ?? "").padEnd(2, "0"));
  return match[1] ? -fen : fen;
}

/** A date as offices type it, else the text as typed (the contract's schema then says what is wrong with it). */
const dateText = (value: ExcelJS.CellValue): string => cellDate(value) ?? cellText(value);

const vocabulary = (labels: Record<string, string>, text: string) => Object.entries(labels).find(([key, label]) => label === text || key === text)?.[0];

type RowErrors = { column: string; message: string }[];
type ContractInput = z.infer<typeof CreateContractBody>;

/** One ledger row as the API would take it, or every reason it cannot be. */
function readRow(cells: Map<ColumnKey, ExcelJS.CellValue>, nodeId: number): { ok: ContractInput } | { errors: RowErrors } {
  const errors: RowErrors = [];
  const body: Record<string, unknown> = { nodeId };
  for (const { key } of COLUMNS) {
    const raw = cells.get(key) ?? null;
    const text = cellText(raw);
    if (!text) {
      if (REQUIRED.includes(key)) errors.push({ column: headerOf(key), message: "必填 (required)" });
      continue;
    }
    const labels = VOCABULARIES[key];
    if (MONEY.includes(key)) {
      const fen = yuanToFen(raw);
      if (typeof fen === "string") errors.push({ column: headerOf(key), message: fen });
      else body[key] = fen;
    } else if (DATES.includes(key)) body[key] = dateText(raw);
    else if (labels) {
      const value = vocabulary(labels, text);
      if (value) body[key] = value;
      else errors.push({ column: headerOf(key), message: `应为 ${Object.values(labels).join("、")} 之一` });
    } else body[key] = text;
  }
  const parsed = CreateContractBody.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = headerOf(String(issue.path[0] ?? ""));
      if (!errors.some((error) => error.column === column)) errors.push({ column, message: issue.message });
    }
  }
  return errors.length > 0 || !parsed.success ? { errors } : { ok: parsed.data };
}

/** Checks a village's ledger without importing anything: every invalid row with its reasons; a token only when every row is valid. */
export async function previewImport(ctx: RequestContext, body: z.infer<typeof ImportPreviewBody>) {
  const node = await villageFor(ctx, body.nodeId, "ledger.manage");
  const actor = requireActor(ctx);
  const sheet = await readFirstSheet(body.contentBase64);
  // A title row may sit above the headings: the heading row is the first of ten that names 合同编号.
  const { headerRow, columns } = findHeadings<ColumnKey>(sheet, (heading) => COLUMNS.find((candidate) => normalize(candidate.header) === normalize(heading))?.key, "code");
  if (headerRow === 0) throw invalidField("contentBase64", "no heading row with 合同编号 in the first ten rows");
  const missing = REQUIRED.filter((key) => ![...columns.values()].includes(key));
  if (missing.length > 0) throw invalidField("contentBase64", `missing columns: ${missing.map(headerOf).join(", ")}`);
  if (sheet.rowCount - headerRow > MAX_ROWS) throw invalidField("contentBase64", `more than ${MAX_ROWS} rows: split the ledger`);

  const read: { row: number; code: string; result: ReturnType<typeof readRow> }[] = [];
  for (const { row, cells } of dataRows(sheet, headerRow, columns)) read.push({ row, code: cellText(cells.get("code") ?? null), result: readRow(cells, node.id) });
  // A code used twice in the file, or already in the village's ledger, is an error of the row, valid or not.
  const taken = await repo.codesTaken(ctx.db, node.id, read.map((entry) => entry.code).filter(Boolean));
  const seen = new Set<string>();
  const valid: (ContractInput & { row: number })[] = [];
  const invalid: { row: number; errors: RowErrors }[] = [];
  for (const entry of read) {
    const errors = "errors" in entry.result ? [...entry.result.errors] : [];
    const duplicate = taken.has(entry.code) ? "该村已有此编号的合同 (already in the village's ledger)" : seen.has(entry.code) ? "与上文重复 (repeated in this file)" : null;
    if (entry.code) seen.add(entry.code);
    if (duplicate) errors.push({ column: headerOf("code"), message: duplicate });
    if (errors.length > 0 || !("ok" in entry.result)) invalid.push({ row: entry.row, errors });
    else valid.push({ ...entry.result.ok, row: entry.row });
  }
  invalid.sort((a, b) => a.row - b.row);
  const token = invalid.length === 0 && valid.length > 0 ? randomBytes(24).toString("base64url") : null;
  await write(ctx, async (tx, audit) => {
    if (token) await repo.saveImport(tx, { token, cityId: node.cityId, userId: actor.userId, rows: { nodeId: node.id, fileName: body.fileName, rows: valid }, createdAt: ctx.clock.now() });
    audit({ action: "ledger.import_preview", entity: "ledger_import", nodeId: node.id, cityId: node.cityId, after: { fileName: body.fileName, valid: valid.length, invalid: invalid.length } });
  });
  return {
    token,
    fileName: body.fileName,
    total: valid.length + invalid.length,
    valid: valid.length,
    invalid,
    sample: valid.slice(0, 20).map((row) => ({ row: row.row, code: row.code, object: row.object, objectName: row.objectName, startOn: row.startOn, endOn: row.endOn, annualPriceFen: row.annualPriceFen })),
  };
}

/** Imports a checked ledger in one transaction and runs the rules over the village: all its rows, or none. */
export async function commitImport(ctx: RequestContext, body: z.infer<typeof ImportCommitBody>) {
  const actor = requirePermission(ctx, "ledger.manage");
  const preview = await repo.findImport(ctx.db, body.token);
  // Someone else's token, a spent one and an unknown one are alike.
  if (!preview || preview.userId !== actor.userId || preview.committedAt) throw notFound("导入预览");
  if (ctx.clock.now().getTime() - preview.createdAt.getTime() > IMPORT_TTL_MS) throw new AppError(409, "import_expired", "预览已过期，请重新上传 (the preview has expired; upload again)");
  const kept = preview.rows as { nodeId: number; fileName: string; rows: (ContractInput & { row: number })[] };
  // The caller's roles may have changed since the preview.
  const node = await villageFor(ctx, kept.nodeId, "ledger.manage");
  const today = localDay(ctx.clock.now());
  return write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    if (!(await repo.takeImport(tx, body.token, actor.userId, at))) throw notFound("导入预览");
    if ((await repo.codesTaken(tx, node.id, kept.rows.map((row) => row.code))).size > 0) throw new AppError(409, "import_stale", "台账已有同编号合同，请重新上传 (codes were taken meanwhile; upload again)");
    const inserted = await repo.insertContracts(
      tx,
      kept.rows.map(({ row: _row, nodeId: _nodeId, ...fields }) => ({ ...contractValues(fields), cityId: node.cityId, nodeId: node.id, createdBy: actor.userId, createdAt: at, updatedAt: at })),
    );
    await runChecks(tx, node.cityId, [node.id], today, at);
    const flagged = new Set((await repo.flagsOfContracts(tx, inserted.map((row) => row.id), true)).map((flag) => flag.contractId));
    audit({ action: "ledger.import", entity: "ledger_import", nodeId: node.id, cityId: node.cityId, after: { fileName: kept.fileName, imported: inserted.length, flagged: flagged.size } });
    return { imported: inserted.length, contractIds: inserted.map((row) => row.id), flagged: flagged.size };
  });
}

/** The filtered ledger as a workbook, with each contract's check; counterparties masked as every list shows them. */
export async function exportContracts(ctx: RequestContext, query: z.infer<typeof ContractExportQuery>): Promise<Buffer> {
  const { actor, filter } = await contractFilter(ctx, query);
  const { rows, total } = await repo.listContracts(ctx.db, filter, MAX_EXPORT_ROWS, 0);
  if (total > MAX_EXPORT_ROWS) throw invalidField("org", `more than ${MAX_EXPORT_ROWS} contracts: narrow the filter`);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("合同台账");
  sheet.columns = [{ header: "村(社区)", key: "village", width: 14 }, ...COLUMNS, { header: "检查结果", key: "checkState", width: 10 }, { header: "问题", key: "rules", width: 40 }];
  const yuan = (fen: number) => fen / 100;
  for (const contract of await withFlags(ctx.db, actor, rows)) {
    const open = contract.flags.filter((flag) => flag.state === "open" || flag.state === "raised");
    sheet.addRow({
      ...contract,
      village: contract.nodeName,
      counterpartyKind: counterpartyKindLabels[contract.counterpartyKind],
      object: objectLabels[contract.object],
      area: Number(contract.area),
      annualPriceFen: yuan(contract.annualPriceFen),
      dueFen: yuan(contract.dueFen),
      receivedFen: yuan(contract.receivedFen),
      paymentSchedule: scheduleLabels[contract.paymentSchedule],
      letMethod: letMethodLabels[contract.letMethod],
      procedure: procedureLabels[contract.procedure],
      status: contractStatusLabels[contract.status],
      checkState: checkStateLabels[contract.checkState],
      rules: open.map((flag) => ruleLabels[flag.rule as Rule]).join("；"),
    });
  }
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
