import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statusLabels } from "../../../shared/schemas/problems";
import { CHINA_2026 } from "../../platform/calendar/holidays";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * The ledger import and the export, with workbooks LibreOffice made and read: a CSV with Chinese
 * headers becomes an .xlsx through soffice, and the export is turned back into CSV by soffice.
 */
const soffice = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;
const work = mkdtempSync(join(tmpdir(), "zhili-sheets-"));

/** soffice with its own profile folder, so that parallel runs do not fight over one. */
function convert(file: string, to: string): string {
  execFileSync("soffice", [`-env:UserInstallation=file://${join(work, "profile")}`, "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", to, "--outdir", work, file], { stdio: "ignore", timeout: 120_000 });
  return join(work, file.split("/").pop()!.replace(/\.[^.]+$/, `.${to.split(":")[0]}`));
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (char !== "\r") field += char;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

let t: TestContext;
let city: SmallCity;
let cadre: Session;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  cadre = await t.login("township_cadre");
  const admin = await t.login("campaign_admin");
  await admin.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 0, days: CHINA_2026 } });
});
afterAll(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

async function problemCount(): Promise<number> {
  const result = (await t.db.execute(sql`SELECT count(*)::int AS n FROM problems`)) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
}

const ledger = [
  "第一镇问题整改台账（2026年）",
  "序号,镇街,村（社区）,问题描述,问题类别,问题来源,发现渠道,发现日期,反映人,联系电话,责任单位,责任人,整改措施,整改时限(工作日)",
  "1,第1镇,第1镇1村,村委会门前路灯不亮,基础设施,群众提,入户走访,2026-03-05,张三,13812345678,,,,",
  "2,第1镇,第1镇2村,村南垃圾堆放,人居环境,自己找,座谈会,2026/3/6,,,第1镇2村,李四,清运垃圾并设置围挡,15",
  "3,第1镇,不存在村,排水不畅,基础设施,群众提,入户走访,2026-03-05,,,,,,",
  "4,第1镇,第1镇1村,公交站缺少遮雨棚,交通,群众反映,热线电话,2026-03-07,,,,,,",
  "5,第1镇,第1镇1村,低保评定不公开,民生服务,群众提,意见箱,2026-03-08,王五,12345,,,,",
  "6,第1镇,第1镇2村,集体合同未公开,集体经济,上级点,督导检查,2030-01-01,,,,,,",
  "7,第2镇,第2镇1村,河道垃圾,人居环境,互相帮,座谈会,2026-03-09,,,,,,",
  "8,第1镇,第1镇1村,,基础设施,群众提,入户走访,2026-03-05,,,,,,",
  "9,第1镇,第1镇2村,村道破损,基础设施,自己找,入户走访,2026-03-10,,,,赵六,,",
  "10,第1镇,,党员活动室制度未上墙,党建工作,上级点,督导检查,2026-03-11,,,,,,",
  ",,,,,,,,,,,,,",
].join("\n");

describe("spreadsheets", () => {
  it.skipIf(!soffice)("imports a LibreOffice-made ledger through a preview that lists every invalid row and why", async () => {
    const csv = join(work, "ledger.csv");
    writeFileSync(csv, `${ledger}\n`, "utf8");
    const xlsx = readFileSync(convert(csv, "xlsx"));
    const before = await problemCount();
    const previewed = await cadre.post("/api/problems/import/preview", { fileName: "台账.xlsx", contentBase64: xlsx.toString("base64") });
    expect(previewed.statusCode).toBe(200);
    const preview = previewed.json();
    expect(preview).toMatchObject({ total: 10, valid: 3 });
    const reasons = Object.fromEntries(preview.invalid.map((row: { row: number; errors: { column: string }[] }) => [row.row, row.errors.map((e) => e.column)]));
    expect(reasons).toEqual({
      5: ["村(社区)"],
      6: ["问题类别"],
      7: ["联系电话"],
      8: ["发现日期"],
      9: ["村(社区)"],
      10: ["问题描述"],
      11: ["责任单位", "整改措施", "整改时限(工作日)"],
    });
    expect(preview.sample.map((row: { row: number; nodeName: string; status: string }) => [row.row, row.nodeName, row.status])).toEqual([
      [3, "第1镇1村", "registered"],
      [4, "第1镇2村", "assigned"],
      [12, "第1镇", "registered"],
    ]);
    expect(await problemCount()).toBe(before);

    const refused = await cadre.post("/api/problems/import/commit", { token: preview.token });
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, "import_has_errors"]);
    expect((await (await t.login("campaign_admin")).post("/api/problems/import/commit", { token: preview.token, skipInvalid: true })).statusCode).toBe(404);
    const committed = await cadre.post("/api/problems/import/commit", { token: preview.token, skipInvalid: true });
    expect(committed.json()).toMatchObject({ imported: 3, skipped: 7 });
    expect(await problemCount()).toBe(before + 3);
    expect((await cadre.post("/api/problems/import/commit", { token: preview.token, skipInvalid: true })).json().error.code).toBe("import_committed");

    const imported = await Promise.all(committed.json().problemIds.map(async (id: number) => (await cadre.get(`/api/problems/${id}`)).json()));
    expect(imported.map((p) => [p.title, p.nodeName, p.category, p.source, p.channel, p.foundOn, p.status])).toEqual([
      ["村委会门前路灯不亮", "第1镇1村", "infrastructure", "residents", "household_visit", "2026-03-05", "registered"],
      ["村南垃圾堆放", "第1镇2村", "environment", "self", "symposium", "2026-03-06", "assigned"],
      ["党员活动室制度未上墙", "第1镇", "party_building", "superiors", "supervision", "2026-03-11", "registered"],
    ]);
    expect(imported[0]).toMatchObject({ reporterName: "张*", reporterPhone: "138****5678" });
    // Assigned on Monday 1 June at 09:00 with fifteen working days: Friday 19 June (Dragon Boat) is off.
    expect(imported[1]).toMatchObject({ responsibleNodeName: "第1镇2村", responsiblePerson: "李四", deadlineDays: 15, deadlineAt: new Date("2026-06-23T18:00:00+08:00").toISOString(), light: "green" });
    expect(imported[0].timeline[0]).toMatchObject({ action: "import", toStatus: "registered" });
  });

  it("refuses what is not a ledger", async () => {
    const notXlsx = await cadre.post("/api/problems/import/preview", { fileName: "x.xlsx", contentBase64: Buffer.from("%PDF-1.4 not a workbook").toString("base64") });
    expect([notXlsx.statusCode, notXlsx.json().error.fields[0].field]).toEqual([400, "contentBase64"]);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Sheet1").addRow(["名称", "数量"]);
    const noHeadings = await cadre.post("/api/problems/import/preview", { fileName: "x.xlsx", contentBase64: Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64") });
    expect(noHeadings.json().error.fields[0].message).toMatch(/问题描述/);
    expect((await (await t.login("leader")).post("/api/problems/import/preview", { fileName: "x.xlsx", contentBase64: "AAAA" })).statusCode).toBe(403);
    expect((await cadre.post("/api/problems/import/commit", { token: "a".repeat(32) })).statusCode).toBe(404);
  });

  it.skipIf(!soffice)("exports a filtered list that LibreOffice opens with the same rows", async () => {
    const township = city.nodes.get("T1")!.id;
    for (let i = 0; i < 3; i++) {
      await cadre.post("/api/problems", { nodeId: city.nodes.get("T1V2")!.id, channel: "online", source: "peers", category: "safety", title: `导出用问题${i}`, description: `描述，含逗号,和"引号"${i}`, reporterName: "钱七", reporterPhone: "13600000000" });
    }
    const response = await cadre.get(`/api/problems/export?org=${township}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("spreadsheetml");
    const file = join(work, "export.xlsx");
    writeFileSync(file, response.rawPayload);
    const rows = parseCsv(readFileSync(convert(file, "csv:Text - txt - csv (StarCalc):44,34,76,1"), "utf8"));
    const listed = (await cadre.get(`/api/problems?org=${township}&sort=found&pageSize=200`)).json();
    expect(rows[0]).toEqual(["序号", "问题编号", "镇街", "村(社区)", "问题标题", "问题描述", "问题类别", "问题来源", "发现渠道", "发现日期", "反映人", "联系电话", "责任单位", "责任人", "整改措施", "整改时限(工作日)", "截止日期", "整改状态", "销号日期", "预警"]);
    expect(rows.slice(1).map((row) => [row[1], row[4], row[5], row[9], row[11], row[17]])).toEqual(
      listed.items.map((p: { code: string; title: string; description: string; foundOn: string; reporterPhone: string | null; status: keyof typeof statusLabels }) => [
        p.code,
        p.title,
        p.description,
        p.foundOn,
        p.reporterPhone ?? "",
        statusLabels[p.status],
      ]),
    );
    expect(rows).toHaveLength(listed.total + 1);
    expect(readFileSync(join(work, "export.csv"), "utf8")).not.toContain("13600000000");

    const filtered = await cadre.get(`/api/problems/export?org=${township}&category=safety`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(filtered.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(1 + (await cadre.get(`/api/problems?org=${township}&category=safety`)).json().total);
  });
});
