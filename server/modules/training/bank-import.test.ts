import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * The bank is imported from workbooks that offices make, here by LibreOffice itself (soffice
 * --headless --convert-to xlsx). Without LibreOffice the test fails: install libreoffice-calc.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
let cadre: Session;
let work: string;

const node = (code: string) => city.nodes.get(code)!.id;
const HEADER = "题型,主题,难度,题干,选项A,选项B,选项C,选项D,答案";

/** A real .xlsx written by LibreOffice from CSV rows (UTF-8, comma-separated, Chinese kept). */
function libreOfficeWorkbook(name: string, rows: string[]): string {
  const csv = join(work, `${name}.csv`);
  writeFileSync(csv, [HEADER, ...rows].join("\n"), "utf8");
  execFileSync("soffice", [`-env:UserInstallation=file://${join(work, "profile")}`, "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", work, csv], { stdio: "pipe", timeout: 120_000 });
  return readFileSync(join(work, `${name}.xlsx`)).toString("base64");
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "zhili-bank-"));
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  admin = await t.login("campaign_admin");
  cadre = await t.login("township_cadre");
});
afterAll(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

const bankSize = async () => (await admin.get("/api/exam-questions?pageSize=1")).json().total as number;

describe("importing the question bank from a LibreOffice workbook", () => {
  const good = [
    "单选题,党的建设,容易,党的最高领导机关是？,党的全国代表大会和它所产生的中央委员会,国务院,全国政协,,A",
    "多选题,基层治理,中等,网格员的职责包括？,信息采集,矛盾排查,政策宣传,行政审批,\"A,B,C\"",
    "判断题,执法规范,容易,执法人员应当出示执法证件。,,,,,对",
    "简答题,信访维稳,困难,简述“枫桥经验”的核心要义。,,,,,矛盾不上交，就地化解",
  ];
  const bad = [
    "单选题,党的建设,容易,缺答案的题目,甲,乙,,,",
    "单选题,乡村振兴,很难,难度写错的题目,甲,乙,,,A",
    "判断题,基层治理,容易,判断题答案写错,,,,,也许",
    "多选题,基层治理,中等,多选题只有一个答案,甲,乙,丙,,A",
  ];

  it("previews every bad row with its column and reason, and imports nothing while any remains", async () => {
    const contentBase64 = libreOfficeWorkbook("bad", [...good, ...bad]);
    const preview = await admin.post("/api/exam-questions/import/preview", { nodeId: node("C"), fileName: "题库.xlsx", contentBase64 });
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    expect(body).toMatchObject({ total: 8, valid: 4 });
    expect(body.invalid.map((row: { row: number; errors: { column: string }[] }) => [row.row, row.errors.map((error) => error.column)])).toEqual([
      [6, ["答案"]],
      [7, ["难度"]],
      [8, ["答案"]],
      [9, ["答案"]],
    ]);
    expect(body.sample[3]).toMatchObject({ row: 5, type: "short", topic: "petitions", difficulty: "hard" });
    const refused = await admin.post("/api/exam-questions/import", { nodeId: node("C"), fileName: "题库.xlsx", contentBase64 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toHaveLength(4);
    expect(await bankSize()).toBe(0);
  });

  it("imports the fixed workbook whole, with the keys as the types need them", async () => {
    const contentBase64 = libreOfficeWorkbook("fixed", good);
    const imported = await admin.post("/api/exam-questions/import", { nodeId: node("C"), fileName: "题库.xlsx", contentBase64 });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toEqual({ imported: 4 });
    const items = (await admin.get("/api/exam-questions")).json().items;
    expect(items.map((item: { type: string; answer: string[] }) => [item.type, item.answer])).toEqual([
      ["single", ["A"]],
      ["multiple", ["A", "B", "C"]],
      ["judge", ["true"]],
      ["short", ["矛盾不上交，就地化解"]],
    ]);
    expect(items[0].options).toEqual(["党的全国代表大会和它所产生的中央委员会", "国务院", "全国政协"]);
  });

  it("keeps a township's bank to its own organisers, and a file that is not a workbook out", async () => {
    expect((await cadre.get("/api/exam-questions")).json().total).toBe(0);
    expect((await cadre.post("/api/exam-questions/import/preview", { nodeId: node("C"), fileName: "x.xlsx", contentBase64: libreOfficeWorkbook("c", good) })).statusCode).toBe(404);
    const notXlsx = await admin.post("/api/exam-questions/import/preview", { nodeId: node("C"), fileName: "x.xlsx", contentBase64: Buffer.from("hello").toString("base64") });
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error.fields[0].field).toBe("contentBase64");
  });
});
