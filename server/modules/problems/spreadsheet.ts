import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import type { z } from "zod";
import { maskFreeText, maskPhone } from "../../../shared/mask";
import type { ExportQuery, ImportCommitBody, ImportPreviewBody } from "../../../shared/schemas/problems";
import { categoryLabels, channelLabels, lightLabels, sourceLabels, statusLabels, type Category, type Channel, type ProblemStatus, type Source } from "../../../shared/schemas/problems";
import { calendarFor, localDay } from "../../platform/calendar/service";
import type { Actor, RequestContext } from "../../platform/context";
import { AppError, forbidden, invalidField, notFound } from "../../platform/errors";
import { can, covers, requirePermission, visibleScope } from "../../platform/policy";
import { write } from "../../platform/write";
import { cellDate, cellText, dataRows, findHeadings, readFirstSheet } from "../../platform/xlsx";
import { nodeRefs, type NodeRef } from "../../platform/tree";
import { MAX_FILE_BYTES } from "./files";
import { auditView, problemCode } from "./present";
import { maskName } from "../../../shared/mask";
import { nodesOfCity } from "../orgs/service";
import * as repo from "./repository";
import { MASKED_PHONE, restoreMasked } from "./unmask";
import { listScope } from "./access";
import { problemFilter } from "./service";

/** A preview waits this long for its "accept". */
const IMPORT_TTL_MS = 30 * 60 * 1000;
const MAX_IMPORT_ROWS = 5000;
const MAX_EXPORT_ROWS = 20_000;
const INSERT_BATCH = 500;

/** The ledger's columns, as offices head them; the export writes them and the import reads them back. */
const COLUMNS = [
  { key: "index", header: "序号", width: 6 },
  { key: "code", header: "问题编号", width: 12 },
  { key: "township", header: "镇街", width: 12 },
  { key: "place", header: "村(社区)", width: 16 },
  { key: "title", header: "问题标题", width: 24 },
  { key: "description", header: "问题描述", width: 40 },
  { key: "category", header: "问题类别", width: 10 },
  { key: "source", header: "问题来源", width: 10 },
  { key: "channel", header: "发现渠道", width: 12 },
  { key: "foundOn", header: "发现日期", width: 12 },
  { key: "reporterName", header: "反映人", width: 10 },
  { key: "reporterPhone", header: "联系电话", width: 14 },
  { key: "responsibleNode", header: "责任单位", width: 16 },
  { key: "responsiblePerson", header: "责任人", width: 10 },
  { key: "measure", header: "整改措施", width: 40 },
  { key: "deadlineDays", header: "整改时限(工作日)", width: 10 },
  { key: "deadlineOn", header: "截止日期", width: 12 },
  { key: "status", header: "整改状态", width: 10 },
  { key: "closedOn", header: "销号日期", width: 12 },
  { key: "light", header: "预警", width: 8 },
] as const;
type ColumnKey = (typeof COLUMNS)[number]["key"];

/** Other headings seen in offices' ledgers for the same columns. */
const HEADER_ALIASES: Record<string, ColumnKey> = {
  编号: "code",
  台账编号: "code",
  乡镇: "township",
  镇: "township",
  "乡镇(街道)": "township",
  "镇(街道)": "township",
  所属镇街: "township",
  村社区: "place",
  "村/社区": "place",
  "所在村(社区)": "place",
  村: "place",
  社区: "place",
  标题: "title",
  问题内容: "description",
  具体问题: "description",
  类别: "category",
  问题类型: "category",
  来源: "source",
  渠道: "channel",
  收集渠道: "channel",
  发现时间: "foundOn",
  登记日期: "foundOn",
  反映人姓名: "reporterName",
  电话: "reporterPhone",
  整改时限: "deadlineDays",
  "时限(工作日)": "deadlineDays",
};

const SOURCE_ALIASES: Record<string, Source> = { 群众反映: "residents", 群众: "residents", 自查: "self", 上级反馈: "superiors", 上级指出: "superiors", 互查: "peers" };
const CHANNEL_ALIASES: Record<string, Channel> = { 意见表: "opinion_form", 走访: "household_visit", 热线: "hotline", "12345": "hotline", 网上: "online", 网络: "online", 督导: "supervision", 巡察: "supervision" };

function normalizeHeader(text: string): string {
  return text.replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")").replace(/\*/g, "");
}

const headerKeys = new Map<string, ColumnKey>([...COLUMNS.map((column) => [normalizeHeader(column.header), column.key] as const), ...Object.entries(HEADER_ALIASES)]);
const headerOf = (key: ColumnKey) => COLUMNS.find((column) => column.key === key)!.header;

function lookup<T extends string>(labels: Record<T, string>, aliases: Record<string, T>, text: string): T | undefined {
  const entry = Object.entries(labels).find(([key, label]) => label === text || key === text);
  return (entry?.[0] as T | undefined) ?? aliases[text];
}

interface ImportedRow {
  row: number;
  nodeId: number;
  nodeName: string;
  externalRef: string | null;
  title: string;
  description: string;
  category: Category;
  source: Source;
  channel: Channel;
  foundOn: string;
  reporterName: string | null;
  reporterPhone: string | null;
  assignment: { responsibleNodeId: number; responsiblePerson: string; measure: string; deadlineDays: number } | null;
}

type PlaceNode = Awaited<ReturnType<typeof nodesOfCity>>[number];

/** Place names of a city, to match a ledger's 镇街 and 村(社区) columns against. */
class Places {
  private readonly byName = new Map<string, PlaceNode[]>();
  constructor(nodes: PlaceNode[]) {
    for (const node of nodes) this.byName.set(node.name, [...(this.byName.get(node.name) ?? []), node]);
  }
  named(name: string, kinds: readonly string[]): PlaceNode[] {
    return (this.byName.get(name) ?? []).filter((node) => kinds.includes(node.kind));
  }
}

const TOWNSHIP_KINDS = ["township", "street"];
const PLACE_KINDS = ["village", "community", "grid", "micro_grid"];
const ALL_KINDS = ["city", ...TOWNSHIP_KINDS, ...PLACE_KINDS];

function checkRow(actor: Actor, places: Places, cells: Map<ColumnKey, ExcelJS.CellValue>, row: number, today: string): { ok: ImportedRow } | { errors: { column: string; message: string }[] } {
  const errors: { column: string; message: string }[] = [];
  const text = (key: ColumnKey) => cellText(cells.get(key) ?? null);
  const fail = (key: ColumnKey, message: string) => errors.push({ column: headerOf(key), message });
  const limit = (key: ColumnKey, max: number) => {
    const value = text(key);
    if (value.length > max) fail(key, `超过 ${max} 字 (longer than ${max} characters)`);
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value)) fail(key, "含有控制字符 (contains control characters)");
    return value;
  };

  // Where the problem lies: a village or community (within the named township when names repeat), or the township itself.
  const townshipName = limit("township", 40);
  const placeName = limit("place", 40);
  let node: PlaceNode | undefined;
  const townships = townshipName ? places.named(townshipName, TOWNSHIP_KINDS) : [];
  if (townshipName && townships.length === 0) fail("township", `找不到镇街「${townshipName}」 (no such township or street)`);
  if (placeName) {
    const candidates = places.named(placeName, PLACE_KINDS).filter((candidate) => townships.length === 0 || townships.some((township) => candidate.path.startsWith(township.path)));
    if (candidates.length === 0) fail("place", `找不到「${placeName}」 (no such village or community${townshipName ? " in that township" : ""})`);
    else if (candidates.length > 1) fail("place", `「${placeName}」有重名，请填写镇街 (the name is not unique: fill in the township)`);
    else node = candidates[0];
  } else if (townships.length === 1) {
    node = townships[0];
  } else if (!townshipName) {
    fail("place", "必填 (required)");
  }
  if (node && !can(actor, "problem.report", node.path)) fail("place", "不在您的管辖范围 (outside the area you may report in)");

  const description = limit("description", 2000);
  if (!description) fail("description", "必填 (required)");
  const title = limit("title", 100) || description.slice(0, 30);
  const category = lookup(categoryLabels, {}, text("category"));
  if (!category) fail("category", `应为 ${Object.values(categoryLabels).join("、")} 之一`);
  const source = lookup(sourceLabels, SOURCE_ALIASES, text("source"));
  if (!source) fail("source", `应为 ${Object.values(sourceLabels).join("、")} 之一`);
  const channel = lookup(channelLabels, CHANNEL_ALIASES, text("channel"));
  if (!channel) fail("channel", `应为 ${Object.values(channelLabels).join("、")} 之一`);

  let foundOn = today;
  if (text("foundOn")) {
    const parsed = cellDate(cells.get("foundOn") ?? null);
    if (!parsed) fail("foundOn", "不是有效日期，如 2026-03-05 (not a date)");
    else if (parsed > today) fail("foundOn", "不能晚于今天 (cannot be in the future)");
    else foundOn = parsed;
  }
  const reporterName = limit("reporterName", 40) || null;
  const reporterPhone = text("reporterPhone") || null;
  if (reporterPhone && !/^1\d{10}$/.test(reporterPhone) && !MASKED_PHONE.test(reporterPhone)) fail("reporterPhone", "应为 11 位手机号 (an 11-digit mobile number)");
  const externalRef = limit("code", 40) || null;

  // Rectification columns: all four or none.
  const responsibleName = limit("responsibleNode", 40);
  const responsiblePerson = limit("responsiblePerson", 40);
  const measure = limit("measure", 2000);
  const daysText = text("deadlineDays");
  let assignment: ImportedRow["assignment"] = null;
  if (responsibleName || responsiblePerson || measure || daysText) {
    const missing = (["responsibleNode", "responsiblePerson", "measure", "deadlineDays"] as const).filter((key) => !text(key));
    for (const key of missing) fail(key, "填写整改信息时必填 (required once any rectification column is filled)");
    const days = Number(daysText);
    if (daysText && !(Number.isInteger(days) && days >= 1 && days <= 250)) fail("deadlineDays", "应为 1–250 的整数 (a whole number of working days, 1–250)");
    const responsible = responsibleName ? places.named(responsibleName, ALL_KINDS) : [];
    if (responsibleName && responsible.length !== 1) fail("responsibleNode", responsible.length === 0 ? `找不到「${responsibleName}」 (no such node)` : `「${responsibleName}」有重名 (the name is not unique)`);
    else if (responsible[0] && !covers(visibleScope(actor), responsible[0].path)) fail("responsibleNode", "不在您的可见范围 (outside what you can see)");
    if (missing.length === 0 && responsible.length === 1) assignment = { responsibleNodeId: responsible[0]!.id, responsiblePerson, measure, deadlineDays: days };
  }

  if (errors.length > 0 || !node || !category || !source || !channel) return { errors };
  return { ok: { row, nodeId: node.id, nodeName: node.name, externalRef, title, description, category, source, channel, foundOn, reporterName, reporterPhone, assignment } };
}

/** Reads a ledger and keeps it, unimported, under a token: every invalid row is listed with its reasons. */
export async function previewImport(ctx: RequestContext, body: z.infer<typeof ImportPreviewBody>) {
  const actor = requirePermission(ctx, "problem.report");
  if (actor.cityId === null) throw forbidden();
  const sheet = await readFirstSheet(body.contentBase64, MAX_FILE_BYTES);
  // Ledgers often carry a title row above the headings: the heading row is the first that names 问题描述.
  const { headerRow, columns } = findHeadings<ColumnKey>(sheet, (heading) => headerKeys.get(normalizeHeader(heading)), "description");
  if (headerRow === 0) throw invalidField("contentBase64", "no heading row with 问题描述 in the first ten rows");
  const headed = new Set(columns.values());
  const missing: ColumnKey[] = (["category", "source", "channel"] as const).filter((key) => !headed.has(key));
  if (!headed.has("place") && !headed.has("township")) missing.push("place");
  if (missing.length > 0) throw invalidField("contentBase64", `missing columns: ${missing.map(headerOf).join(", ")}`);
  if (sheet.rowCount - headerRow > MAX_IMPORT_ROWS) throw invalidField("contentBase64", `more than ${MAX_IMPORT_ROWS} rows: split the ledger`);

  const places = new Places(await nodesOfCity(ctx.db, actor.cityId, ALL_KINDS));
  const today = localDay(ctx.clock.now());
  const valid: ImportedRow[] = [];
  const invalid: { row: number; errors: { column: string; message: string }[] }[] = [];
  for (const { row, cells } of dataRows(sheet, headerRow, columns)) {
    const checked = checkRow(actor, places, cells, row, today);
    if ("ok" in checked) valid.push(checked.ok);
    else invalid.push({ row, errors: checked.errors });
  }
  valid.splice(0, valid.length, ...(await restoreMasked(ctx.db, actor, valid)));

  const token = randomBytes(24).toString("base64url");
  const at = ctx.clock.now();
  await write(ctx, async (tx, audit) => {
    const row = await repo.insertImport(tx, { cityId: actor.cityId!, token, createdBy: actor.userId, fileName: body.fileName, rows: valid, errors: invalid, total: valid.length + invalid.length, createdAt: at });
    audit({ action: "problem.import_preview", entity: "problem_import", entityId: row.id, cityId: actor.cityId, after: { fileName: body.fileName, valid: valid.length, invalid: invalid.length } });
  });
  return {
    token,
    fileName: body.fileName,
    total: valid.length + invalid.length,
    valid: valid.length,
    invalid,
    sample: valid.slice(0, 20).map((row) => ({ row: row.row, nodeName: row.nodeName, category: row.category, title: row.title, status: (row.assignment ? "assigned" : "registered") as ProblemStatus })),
    expiresAt: new Date(at.getTime() + IMPORT_TTL_MS).toISOString(),
  };
}

/** Accepts a preview: its valid rows become problems in one transaction, or nothing does. */
export async function commitImport(ctx: RequestContext, body: z.infer<typeof ImportCommitBody>) {
  const actor = requirePermission(ctx, "problem.report");
  const preview = await repo.findImport(ctx.db, body.token);
  // Someone else's token is as good as none.
  if (!preview || preview.createdBy !== actor.userId) throw notFound("导入预览");
  if (preview.status !== "preview") throw new AppError(409, "import_committed", "该导入已执行 (this import has already been accepted)");
  if (ctx.clock.now().getTime() - preview.createdAt.getTime() > IMPORT_TTL_MS) throw new AppError(409, "import_expired", "预览已过期，请重新上传 (the preview has expired; upload again)");
  const errors = preview.errors as unknown[];
  if (errors.length > 0 && !body.skipInvalid) throw new AppError(409, "import_has_errors", `有 ${errors.length} 行无效；修正后重新上传，或确认跳过这些行 (fix the invalid rows, or accept skipping them)`);
  const rows = preview.rows as ImportedRow[];
  // The caller's roles may have changed since the preview.
  const nodes = await nodeRefs(ctx.db, rows.map((row) => row.nodeId));
  for (const row of rows) {
    const node = nodes.get(row.nodeId);
    if (!node || node.retiredAt || !can(actor, "problem.report", node.path)) throw new AppError(409, "import_stale", `第 ${row.row} 行的地点已不在您的范围内，请重新上传 (row ${row.row}: the place is no longer yours; upload again)`);
  }
  const calendar = await calendarFor(ctx.db, preview.cityId);
  const created = await write(ctx, async (tx, audit) => {
    const at = ctx.clock.now();
    if (!(await repo.commitImport(tx, preview.id, rows.length, at))) throw new AppError(409, "import_committed", "该导入已执行 (this import has already been accepted)");
    const ids: number[] = [];
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      const batch = rows.slice(start, start + INSERT_BATCH);
      const inserted = await repo.insertProblems(
        tx,
        batch.map((row) => {
          const deadlineAt = row.assignment ? calendar.addWorkingDays(at, row.assignment.deadlineDays) : null;
          return {
            cityId: preview.cityId,
            nodeId: row.nodeId,
            externalRef: row.externalRef,
            channel: row.channel,
            source: row.source,
            category: row.category,
            title: row.title,
            description: row.description,
            reporterName: row.reporterName,
            reporterPhone: row.reporterPhone,
            foundOn: row.foundOn,
            status: row.assignment ? "assigned" : "registered",
            ...(row.assignment && deadlineAt
              ? { ...row.assignment, assignedAt: at, deadlineAt, light: calendar.light(at, deadlineAt, at), lightAt: at }
              : {}),
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          };
        }),
      );
      await repo.insertEvents(
        tx,
        inserted.map((row) => ({ cityId: row.cityId, problemId: row.id, action: "import", toStatus: row.status, data: { importId: preview.id, fileName: preview.fileName }, actorUserId: actor.userId, actorName: actor.displayName, at })),
      );
      for (const row of inserted) audit({ action: "problem.create", entity: "problem", entityId: row.id, nodeId: row.nodeId, cityId: row.cityId, after: { ...auditView(row), importId: preview.id } });
      ids.push(...inserted.map((row) => row.id));
    }
    audit({ action: "problem.import", entity: "problem_import", entityId: preview.id, cityId: preview.cityId, after: { imported: ids.length, skipped: errors.length } });
    return ids;
  });
  return { imported: created.length, skipped: errors.length, problemIds: created };
}

/** Any filtered list as a workbook with the ledger's headings (personal data masked, as on screen). */
export async function exportProblems(ctx: RequestContext, query: z.infer<typeof ExportQuery>): Promise<Buffer> {
  const { scope, within, city } = await listScope(ctx, "problem.read", query.org);
  const { rows, total } = await repo.listProblems(ctx.db, problemFilter(scope, within, query, city), "found", MAX_EXPORT_ROWS, 0);
  if (total > MAX_EXPORT_ROWS) throw new AppError(400, "too_many", `超过 ${MAX_EXPORT_ROWS} 行，请缩小筛选范围 (more than ${MAX_EXPORT_ROWS} rows: narrow the filter)`);
  const nodeIds = rows.flatMap((row) => (row.responsibleNodeId ? [row.nodeId, row.responsibleNodeId] : [row.nodeId]));
  const nodes = await nodeRefs(ctx.db, nodeIds);
  // The township of a node is the second id on its path (the city's root is the first).
  const townshipIdOf = (node: NodeRef | undefined) => Number(node?.path.split("/").filter(Boolean)[1] ?? 0);
  const townships = await nodeRefs(ctx.db, [...nodes.values()].map(townshipIdOf).filter((id) => id > 0));

  // Free text may name a phone, ID or bank-card number: shown as typed only where the caller may reveal
  // personal data (person.reveal over the problem's place), and then the export is audited; masked elsewhere.
  const actor = ctx.actor!;
  const reveals = (row: repo.ProblemRow) => can(actor, "person.reveal", nodes.get(row.nodeId)?.path ?? "/");
  const text = (row: repo.ProblemRow, value: string | null) => (reveals(row) ? (value ?? "") : maskFreeText(value ?? ""));
  const revealed = rows.filter(reveals).length;
  if (revealed > 0) {
    await write(ctx, async (_tx, audit) => {
      audit({ action: "problem.export_reveal", entity: "problem", cityId: actor.cityId, after: { rows: rows.length, revealed } });
    });
  }

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("问题清单", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMNS.map((column) => ({ key: column.key, header: column.header, width: column.width }));
  sheet.getRow(1).font = { bold: true };
  rows.forEach((row, index) => {
    const node = nodes.get(row.nodeId);
    const isTownship = node !== undefined && TOWNSHIP_KINDS.includes(node.kind);
    const values: Record<ColumnKey, string | number> = {
      index: index + 1,
      code: problemCode(row.id),
      township: townships.get(townshipIdOf(node))?.name ?? "",
      place: isTownship || node?.kind === "city" ? "" : (node?.name ?? ""),
      title: text(row, row.title),
      description: text(row, row.description),
      category: categoryLabels[row.category as Category],
      source: sourceLabels[row.source as Source],
      channel: channelLabels[row.channel as Channel],
      foundOn: row.foundOn,
      reporterName: maskName(row.reporterName) ?? "",
      reporterPhone: maskPhone(row.reporterPhone) ?? "",
      responsibleNode: row.responsibleNodeId ? (nodes.get(row.responsibleNodeId)?.name ?? "") : "",
      responsiblePerson: row.responsiblePerson ?? "",
      measure: text(row, row.measure),
      deadlineDays: row.deadlineDays ?? "",
      deadlineOn: row.deadlineAt ? localDay(row.deadlineAt) : "",
      status: statusLabels[row.status as ProblemStatus],
      closedOn: row.closedAt ? localDay(row.closedAt) : "",
      light: row.light ? lightLabels[row.light as keyof typeof lightLabels] : "",
    };
    sheet.addRow(values);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
