import ExcelJS from "exceljs";
import { z } from "zod";
import { maskFreeText } from "../../../shared/mask";
import { nodeKindLabels } from "../../../shared/permissions";
import { ProjectQuery, projectLevelLabels, projectStatusLabels } from "../../../shared/schemas/campaign";
import { EventQuery, stageLabels, urgencyLabels } from "../../../shared/schemas/events";
import { PersonQuery } from "../../../shared/schemas/people";
import { Id } from "../../../shared/schemas/common";
import { lightLabels } from "../../../shared/schemas/problems";
import type { RequestContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { localDay } from "../../platform/calendar/service";
import { listProjects } from "../campaign/service";
import { listEvents } from "../events/service";
import { descendants, getNodeDetail, scopeRoots } from "../orgs/service";
import { listPersons } from "../people/service";

// Lists as .xlsx workbooks, read through the modules' own list functions: the same scope and masking as on screen.

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** A workbook is for a desk, not a dump: narrow the filter beyond this. */
export const MAX_ROWS = 20_000;
const PAGE = 200;

type Cell = string | number;
interface Column {
  header: string;
  width: number;
}

async function workbook(sheetName: string, columns: Column[], rows: Cell[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((column, index) => ({ key: String(index), header: column.header, width: column.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Every page of a list, refusing more than MAX_ROWS before reading them. */
async function everyPage<T>(fetch: (page: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const first = await fetch(1);
  if (first.total > MAX_ROWS) throw new AppError(400, "too_many", `超过 ${MAX_ROWS} 行，请缩小筛选范围 (more than ${MAX_ROWS} rows: narrow the filter)`);
  const items = [...first.items];
  for (let page = 2; items.length < first.total; page++) {
    const next = await fetch(page);
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return items;
}

const day = (iso: string | null | undefined) => (iso ? localDay(new Date(iso)) : "");

export const EventsExportQuery = EventQuery.omit({ page: true, pageSize: true });

export async function eventsWorkbook(ctx: RequestContext, query: z.infer<typeof EventsExportQuery>): Promise<Buffer> {
  const rows = await everyPage((page) => listEvents(ctx, { ...query, page, pageSize: PAGE }));
  return workbook(
    "网格事件",
    [
      { header: "事件编号", width: 22 },
      { header: "事件类型", width: 14 },
      { header: "紧急程度", width: 8 },
      { header: "所在网格", width: 24 },
      { header: "事件描述", width: 40 },
      { header: "当前环节", width: 10 },
      { header: "承办部门", width: 18 },
      { header: "上报日期", width: 12 },
      { header: "本环节时限", width: 12 },
      { header: "预警", width: 8 },
      { header: "结案时限", width: 12 },
    ],
    // A workbook leaves the platform: numbers in the description are masked, as for the public.
    rows.map((e) => [e.code, e.typeName, urgencyLabels[e.urgency], e.nodeName, maskFreeText(e.description), stageLabels[e.stage], e.departmentName ?? "", day(e.reportedAt), day(e.timer?.dueAt), e.timer ? lightLabels[e.timer.light] : "", day(e.closeDueAt)]),
  );
}

export const ProjectsExportQuery = ProjectQuery.omit({ page: true, pageSize: true });

export async function projectsWorkbook(ctx: RequestContext, query: z.infer<typeof ProjectsExportQuery>): Promise<Buffer> {
  const rows = await everyPage((page) => listProjects(ctx, { ...query, page, pageSize: PAGE }));
  return workbook(
    "项目",
    [
      { header: "项目名称", width: 30 },
      { header: "层级", width: 10 },
      { header: "牵头领导", width: 12 },
      { header: "牵头单位", width: 18 },
      { header: "完成时限", width: 12 },
      { header: "进度(%)", width: 8 },
      { header: "状态", width: 8 },
      { header: "预警", width: 8 },
    ],
    rows.map((p) => [p.name, projectLevelLabels[p.level], p.leader?.name ?? "", p.leadUnit?.name ?? "", p.deadline, Math.round(p.progress), projectStatusLabels[p.status], lightLabels[p.light]]),
  );
}

export const PeopleExportQuery = PersonQuery.omit({ page: true, pageSize: true });

export async function peopleWorkbook(ctx: RequestContext, query: z.infer<typeof PeopleExportQuery>): Promise<Buffer> {
  const rows = await everyPage((page) => listPersons(ctx, { ...query, page, pageSize: PAGE }));
  return workbook(
    "人员",
    [
      { header: "姓名", width: 10 },
      { header: "性别", width: 6 },
      { header: "所在", width: 24 },
      { header: "联系电话", width: 14 },
      { header: "身份证号", width: 22 },
      { header: "住址", width: 30 },
      { header: "党员", width: 6 },
      { header: "职务", width: 24 },
    ],
    // Phone, ID number and address come masked from the list, as on screen.
    rows.map((p) => [p.name, p.gender === "M" ? "男" : p.gender === "F" ? "女" : p.gender, p.nodeName, p.phone ?? "", p.idNumber ?? "", p.address ?? "", p.isPartyMember ? "是" : "否", p.posts.map((post) => post.title).join("、")]),
  );
}

export const TreeExportQuery = z.strictObject({ org: Id.optional() });

export async function treeWorkbook(ctx: RequestContext, query: z.infer<typeof TreeExportQuery>): Promise<Buffer> {
  const roots = query.org === undefined ? (await scopeRoots(ctx)).items : [await getNodeDetail(ctx, query.org)];
  const nodes = [];
  for (const root of roots) {
    nodes.push(root);
    nodes.push(...(await everyPage((page) => descendants(ctx, root.id, { page, pageSize: PAGE }))));
  }
  const names = new Map(nodes.map((node) => [node.id, node.name]));
  return workbook(
    "组织架构",
    [
      { header: "编码", width: 16 },
      { header: "名称", width: 24 },
      { header: "类型", width: 8 },
      { header: "层级", width: 6 },
      { header: "上级", width: 24 },
      { header: "状态", width: 8 },
    ],
    nodes.map((node) => [node.code, node.name, nodeKindLabels[node.kind], node.depth, node.parentId === null ? "" : (names.get(node.parentId) ?? ""), node.retiredAt ? "已撤销" : "在用"]),
  );
}
