import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * Supervision findings imported from a workbook, here one LibreOffice itself makes (soffice --headless
 * --convert-to xlsx, as the other imports' tests do; without LibreOffice the test fails: install
 * libreoffice-calc). The supervisor holds evaluation.assess at 第1镇, so 第2镇's villages are out of reach.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
let supervisor: Session;
let work: string;

const node = (code: string) => city.nodes.get(code)!.id;
const HEADER = "监督渠道,对象类型,考评对象,发现日期,扣分,问题描述,证据,立为问题";

function libreOfficeWorkbook(name: string, lines: string[]): string {
  const csv = join(work, `${name}.csv`);
  writeFileSync(csv, lines.join("\n"), "utf8");
  execFileSync("soffice", [`-env:UserInstallation=file://${join(work, "profile")}`, "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", work, csv], { stdio: "pipe", timeout: 120_000 });
  return readFileSync(join(work, `${name}.xlsx`)).toString("base64");
}

async function excelWorkbook(rows: ExcelJS.CellValue[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("发现问题");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
}

const findingsOf = async (code: string) => (await admin.get(`/api/evaluation/findings?bodyKind=village&bodyId=${node(code)}`)).json().items as { description: string; points: number; channel: string; problemId: number | null; foundOn: string }[];
const problemTotal = async () => (await admin.get("/api/problems?pageSize=1")).json().total as number;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "zhili-findings-"));
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  t.clock.set(new Date("2026-10-08T02:00:00Z"));
  admin = await t.login("campaign_admin");
  supervisor = await t.login("supervisor");
});
afterAll(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

describe("importing supervision findings from a LibreOffice workbook", () => {
  const good = [
    "巡察监督,村,第1镇1村,2026-09-12,5,村务公开栏三个月未更新,巡察反馈意见第3条,是",
    "审计,村,第1镇/第1镇2村,2026/9/3,2.5,账目不清,审计报告第2页,否",
  ];
  const bad = [
    "督查,村,第1镇1村,2026-09-12,5,渠道写错,通报,",
    "纪检监督,村,第2镇1村,2026-09-12,5,对象不在范围内,通报,",
    "纪检监督,村,第1镇1村,九月,5,日期写错,通报,",
    "纪检监督,村,第1镇1村,2026-09-12,很多,扣分写错,通报,",
    "纪检监督,村,第1镇1村,2026-09-12,150,扣分太多,通报,",
    "纪检监督,村,第1镇1村,2026-09-12,5,,通报,也许",
  ];

  it("previews every row: the body each good row counts against, each bad row's column and reason; nothing is recorded", async () => {
    const file = libreOfficeWorkbook("mixed", [HEADER, ...good, ...bad]);
    const preview = await supervisor.post("/api/evaluation/findings/import/preview", { fileName: "巡察发现.xlsx", contentBase64: file });
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body).toMatchObject({ fileName: "巡察发现.xlsx", total: 8, valid: 2 });
    expect(body.rows).toEqual([
      { row: 2, channel: "inspection", bodyKind: "village", bodyId: node("T1V1"), bodyName: "第1镇1村", parentName: "第1镇", foundOn: "2026-09-12", points: 5, description: "村务公开栏三个月未更新", evidence: "巡察反馈意见第3条", openProblem: true },
      { row: 3, channel: "audit", bodyKind: "village", bodyId: node("T1V2"), bodyName: "第1镇2村", parentName: "第1镇", foundOn: "2026-09-03", points: 2.5, description: "账目不清", evidence: "审计报告第2页", openProblem: false },
    ]);
    const errors = Object.fromEntries(body.invalid.map((row: { row: number; errors: { column: string; message: string }[] }) => [row.row, row.errors.map((error) => `${error.column}: ${error.message}`)]));
    expect(errors[4]![0]).toMatch(/^监督渠道: 应为 纪检监督、审计监督、巡察监督/);
    expect(errors[5]).toEqual(["考评对象: 在您的范围内没有此考评对象 (no such body in your reach)"]);
    expect(errors[6]).toEqual(["发现日期: 不是日期，如 2026-09-12 (not a date)"]);
    expect(errors[7]).toEqual(["扣分: 不是数字 (not a number)"]);
    expect(errors[8]).toHaveLength(1);
    expect(errors[8]![0]).toMatch(/^扣分: /);
    expect(errors[9]).toEqual(["立为问题: 应为 是 或 否 (yes or no)", "问题描述: Too small: expected string to have >=1 characters"]);
    expect(await findingsOf("T1V1")).toEqual([]);
  });

  it("imports nothing from a file with a bad row: 400 naming each row and column", async () => {
    const before = await problemTotal();
    const response = await supervisor.post("/api/evaluation/findings/import", { fileName: "巡察发现.xlsx", contentBase64: libreOfficeWorkbook("mixed2", [HEADER, ...good, bad[1]!]) });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([{ field: "row 4: 考评对象", message: "在您的范围内没有此考评对象 (no such body in your reach)" }]);
    expect(await findingsOf("T1V1")).toEqual([]);
    expect(await problemTotal()).toBe(before);
  });

  it("imports a good file in one go: each finding against its body, the one marked 是 opening its problem", async () => {
    const before = await problemTotal();
    const response = await supervisor.post("/api/evaluation/findings/import", { fileName: "巡察发现.xlsx", contentBase64: libreOfficeWorkbook("good", [HEADER, ...good]) });
    expect(response.statusCode).toBe(201);
    const result = response.json();
    expect(result).toMatchObject({ imported: 2, findingIds: [expect.any(Number), expect.any(Number)], problemIds: [expect.any(Number)] });
    expect(await findingsOf("T1V1")).toEqual([expect.objectContaining({ channel: "inspection", points: 5, foundOn: "2026-09-12", problemId: result.problemIds[0] })]);
    expect(await findingsOf("T1V2")).toEqual([expect.objectContaining({ channel: "audit", points: 2.5, description: "账目不清", problemId: null })]);
    expect(await problemTotal()).toBe(before + 1);
    const problem = (await admin.get(`/api/problems/${result.problemIds[0]}`)).json();
    expect(problem).toMatchObject({ title: "巡察发现：第1镇1村", source: "superiors", nodeId: node("T1V1") });
    const trail = (await (await t.login("audit_admin")).get("/api/audit?action=evaluation.finding.import")).json();
    expect(JSON.stringify(trail)).toContain("巡察发现.xlsx");
  });
});

describe("files that are not a findings workbook are 400 with the reason", () => {
  const refused = async (contentBase64: string) => {
    const response = await supervisor.post("/api/evaluation/findings/import/preview", { fileName: "x.xlsx", contentBase64 });
    return [response.statusCode, response.json().error.fields];
  };

  it("refuses a file that is not an .xlsx workbook", async () => {
    expect(await refused(Buffer.from("监督渠道,对象类型\n").toString("base64"))).toEqual([400, [{ field: "contentBase64", message: "not an .xlsx workbook" }]]);
    expect(await refused("UEsDBA==")).toEqual([400, [{ field: "contentBase64", message: "not an .xlsx workbook" }]]);
  });

  it("refuses a workbook without the columns, naming those missing", async () => {
    expect(await refused(await excelWorkbook([["监督渠道", "考评对象", "扣分"], ["审计监督", "第1镇1村", 3]]))).toEqual([400, [{ field: "contentBase64", message: "missing columns: 对象类型, 发现日期, 问题描述, 证据" }]]);
    expect(await refused(await excelWorkbook([["名称", "数量"], ["甲", 1]]))).toEqual([400, [{ field: "contentBase64", message: "no heading row with 监督渠道 in the first ten rows" }]]);
  });

  it("refuses a workbook with headings and no rows", async () => {
    expect(await refused(await excelWorkbook([HEADER.split(",")]))).toEqual([400, [{ field: "contentBase64", message: "the sheet holds no findings under its headings" }]]);
  });

  it("reads cells of the wrong type as bad rows, never as a failure: dates in the points, formulas, errors", async () => {
    const file = await excelWorkbook([
      ["发现问题汇总表"],
      HEADER.split(","),
      ["纪检监督", "村", "第1镇1村", new Date(Date.UTC(2026, 8, 1)), new Date(Date.UTC(2026, 8, 1)), "日期填进扣分", "通报", ""],
      ["纪检监督", "村", { formula: "1/0", result: { error: "#DIV/0!" } }, 46266, { formula: "1+2", result: 3 }, "对象是错误值", "通报", ""],
      ["纪检监督", "村", "第1镇1村", 46266, { formula: "1+2", result: 3 }, "公式算出的扣分", "通报", ""],
    ]);
    const response = await supervisor.post("/api/evaluation/findings/import/preview", { fileName: "x.xlsx", contentBase64: file });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.invalid).toEqual([
      { row: 3, errors: [{ column: "扣分", message: "不是数字 (not a number)" }] },
      { row: 4, errors: [{ column: "考评对象", message: "必填 (required)" }] },
    ]);
    // An Excel serial day (46266 is 2026-09-01) and a formula's result are read as their values.
    expect(body.rows).toEqual([expect.objectContaining({ row: 5, foundOn: "2026-09-01", points: 3 })]);
  });
});
