import type ExcelJS from "exceljs";
import type { z } from "zod";
import { channels, FindingBody, type BodyKind, type FindingImportBody, type FindingImportRow } from "../../../shared/schemas/evaluation";
import type { Actor, RequestContext } from "../../platform/context";
import { AppError, invalidField } from "../../platform/errors";
import { can, requirePermission } from "../../platform/policy";
import { auditOnly, write } from "../../platform/write";
import { cellDate, cellText, dataRows, findHeadings, readFirstSheet } from "../../platform/xlsx";
import { storeFinding } from "./assessments";
import { bodiesOf, type Body } from "./bodies";
import { channelLabels, cityOfActor } from "./catalogues";

/**
 * Supervision findings imported from the workbooks the discipline inspection, audit and 巡察 offices
 * keep: the preview names every bad row with its column and reason and, for each good row, the body
 * it counts against; the import takes the same file again and records every row or none, in one
 * transaction, each finding opening its problem when its row asks, as a finding entered by hand does.
 */
const MAX_ROWS = 2000;

const COLUMNS = [
  { key: "channel", header: "监督渠道", required: true },
  { key: "bodyKind", header: "对象类型", required: true },
  { key: "body", header: "考评对象", required: true },
  { key: "foundOn", header: "发现日期", required: true },
  { key: "points", header: "扣分", required: true },
  { key: "description", header: "问题描述", required: true },
  { key: "evidence", header: "证据", required: true },
  { key: "openProblem", header: "立为问题", required: false },
] as const;
type ColumnKey = (typeof COLUMNS)[number]["key"];
const headerOf = (key: ColumnKey) => COLUMNS.find((column) => column.key === key)!.header;
const normalize = (text: string) => text.replace(/\s+/g, "").replace(/[（(].*?[）)]/g, "").replace(/\*/g, "");

/** The words offices write for a channel: the catalogue's label, its short form, or the key. */
const channelWords = new Map<string, (typeof channels)[number]>(
  channels.flatMap((channel) => {
    const label = channelLabels[channel]!;
    return [[channel, channel], [label, channel], [label.replace(/监督$/, ""), channel]] as [string, (typeof channels)[number]][];
  }),
);
channelWords.set("纪检", "discipline");
channelWords.set("信访", "petition");
channelWords.set("媒体报道", "media");

/** Leaders are scored by manual indicators only, so a finding counts against a place, a department or a unit. */
const kindWords: Record<string, z.infer<typeof BodyKind>> = {
  township: "township", 乡镇: "township", 街道: "township", "乡镇(街道)": "township", "乡镇（街道）": "township",
  village: "village", 村: "village", 社区: "village", "村(社区)": "village", "村（社区）": "village",
  department: "department", 部门: "department", 职能部门: "department",
  unit: "unit", 单位: "unit", 市直单位: "unit",
};
const YES = new Set(["是", "Y", "y", "yes", "true", "1", "√"]);
const NO = new Set(["", "否", "N", "n", "no", "false", "0", "×"]);

type RowErrors = { column: string; message: string }[];
type ImportRow = z.infer<typeof FindingImportRow>;

/** A number as typed in a cell or as text, else null. */
function cellNumber(value: ExcelJS.CellValue): number | null {
  if (typeof value === "number") return value;
  const text = cellText(value);
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}

/**
 * The body a row names, among those of its kind in the caller's reach: by name, or as "乡镇/村" when
 * two villages share a name. A body outside the reach reads as unknown, as the API's 404 does.
 */
function findBody(bodies: readonly Body[], named: string): Body | string {
  const [first, second] = named.split(/[/／]/).map((part) => part.trim());
  const matches = second ? bodies.filter((body) => body.parentName === first && body.name === second) : bodies.filter((body) => body.name === named);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) return "重名，请写作 乡镇/村 (several bodies have this name: write township/village)";
  return "在您的范围内没有此考评对象 (no such body in your reach)";
}

async function parseWorkbook(ctx: RequestContext, actor: Actor, cityId: number, contentBase64: string): Promise<{ valid: ImportRow[]; invalid: { row: number; errors: RowErrors }[]; bodies: Map<string, Body[]> }> {
  const sheet = await readFirstSheet(contentBase64);
  const { headerRow, columns } = findHeadings<ColumnKey>(sheet, (heading) => COLUMNS.find((column) => normalize(column.header) === normalize(heading))?.key, "channel");
  if (headerRow === 0) throw invalidField("contentBase64", `no heading row with ${headerOf("channel")} in the first ten rows`);
  const missing = COLUMNS.filter((column) => column.required && ![...columns.values()].includes(column.key));
  if (missing.length > 0) throw invalidField("contentBase64", `missing columns: ${missing.map((column) => column.header).join(", ")}`);
  if (sheet.rowCount - headerRow > MAX_ROWS) throw invalidField("contentBase64", `more than ${MAX_ROWS} rows: split the file`);

  const reachable = new Map<string, Body[]>();
  const bodiesOfKind = async (kind: string) => {
    if (!reachable.has(kind)) reachable.set(kind, (await bodiesOf(ctx.db, cityId, kind)).filter((body) => can(actor, "evaluation.assess", body.path)));
    return reachable.get(kind)!;
  };
  const valid: ImportRow[] = [];
  const invalid: { row: number; errors: RowErrors }[] = [];
  for (const { row, cells } of dataRows(sheet, headerRow, columns)) {
    const raw = (key: ColumnKey) => cells.get(key) ?? null;
    const text = (key: ColumnKey) => cellText(raw(key));
    const errors: RowErrors = [];
    const fail = (key: ColumnKey, message: string) => errors.push({ column: headerOf(key), message });
    const channel = channelWords.get(normalize(text("channel")));
    if (!channel) fail("channel", `应为 ${channels.map((key) => channelLabels[key]).join("、")} 之一`);
    const bodyKind = kindWords[text("bodyKind").replace(/\s+/g, "")];
    if (!bodyKind) fail("bodyKind", "应为 乡镇、村、部门、市直单位 之一");
    let body: Body | undefined;
    if (!text("body")) fail("body", "必填 (required)");
    else if (bodyKind) {
      const found = findBody(await bodiesOfKind(bodyKind), text("body"));
      if (typeof found === "string") fail("body", found);
      else body = found;
    }
    const foundOn = cellDate(raw("foundOn"));
    if (!foundOn) fail("foundOn", text("foundOn") ? "不是日期，如 2026-09-12 (not a date)" : "必填 (required)");
    const points = cellNumber(raw("points"));
    if (points === null) fail("points", text("points") ? "不是数字 (not a number)" : "必填 (required)");
    const openWord = text("openProblem");
    if (!YES.has(openWord) && !NO.has(openWord)) fail("openProblem", "应为 是 或 否 (yes or no)");
    // The row as the API would take it: the schema's limits (points 0–100, lengths) say the rest.
    const parsed = FindingBody.safeParse({ channel, bodyKind, bodyId: body?.id, foundOn, points, description: text("description"), evidence: text("evidence"), openProblem: YES.has(openWord) });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = (issue.path[0] === "bodyId" ? "body" : issue.path[0]) as ColumnKey;
        const column = COLUMNS.find((candidate) => candidate.key === key)?.header ?? String(issue.path[0]);
        if (!errors.some((error) => error.column === column)) errors.push({ column, message: issue.message });
      }
    }
    if (errors.length > 0 || !parsed.success || !body) invalid.push({ row, errors });
    else valid.push({ row, ...parsed.data, openProblem: parsed.data.openProblem ?? false, bodyName: body.name, parentName: body.parentName });
  }
  if (valid.length + invalid.length === 0) throw invalidField("contentBase64", "the sheet holds no findings under its headings");
  return { valid, invalid, bodies: reachable };
}

/** Checks a findings workbook without recording anything. */
export async function previewImport(ctx: RequestContext, body: z.infer<typeof FindingImportBody>) {
  const actor = requirePermission(ctx, "evaluation.assess");
  const cityId = cityOfActor(actor);
  const { valid, invalid } = await parseWorkbook(ctx, actor, cityId, body.contentBase64);
  // Nothing changes, but an uploaded file is worth a line in the trail.
  await auditOnly(ctx, { action: "evaluation.finding.import_preview", entity: "evaluation_finding", cityId, after: { fileName: body.fileName, valid: valid.length, invalid: invalid.length } });
  return { fileName: body.fileName, total: valid.length + invalid.length, valid: valid.length, invalid, rows: valid };
}

/** Records the workbook the preview showed: any bad row and nothing is recorded, so a fixed file can simply be sent again. */
export async function commitImport(ctx: RequestContext, body: z.infer<typeof FindingImportBody>) {
  const actor = requirePermission(ctx, "evaluation.assess");
  const cityId = cityOfActor(actor);
  const { valid, invalid, bodies } = await parseWorkbook(ctx, actor, cityId, body.contentBase64);
  if (invalid.length > 0) {
    throw new AppError(
      400,
      "invalid_rows",
      `${invalid.length} 行有误，未导入任何发现 (${invalid.length} bad rows; nothing was imported)`,
      invalid.flatMap((row) => row.errors.map((error) => ({ field: `row ${row.row}: ${error.column}`, message: error.message }))),
    );
  }
  return write(ctx, async (tx, audit) => {
    const stored = [];
    for (const { row: _row, bodyName: _name, parentName: _parent, ...finding } of valid) {
      stored.push(await storeFinding(tx, audit, ctx, actor, cityId, bodies.get(finding.bodyKind)!.find((candidate) => candidate.id === finding.bodyId)!, finding));
    }
    audit({ action: "evaluation.finding.import", entity: "evaluation_finding", cityId, after: { fileName: body.fileName, imported: stored.length } });
    return { imported: stored.length, findingIds: stored.map((row) => row.id), problemIds: stored.flatMap((row) => (row.problemId ? [row.problemId] : [])) };
  });
}
