import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * A village's contract ledger imported from a workbook LibreOffice made (a CSV with Chinese headings
 * converted by soffice), with bad rows that stop the whole import, then fixed and imported; and exported.
 */
const work = mkdtempSync(join(tmpdir(), "zhili-ledgers-"));

/** soffice with its own profile folder, so that parallel runs do not fight over one. */
function toXlsx(name: string, csv: string): Buffer {
  const file = join(work, `${name}.csv`);
  writeFileSync(file, `${csv}\n`, "utf8");
  execFileSync("soffice", [`-env:UserInstallation=file://${join(work, "profile")}`, "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", work, file], { stdio: "ignore", timeout: 120_000 });
  return readFileSync(join(work, `${name}.xlsx`));
}

let t: TestContext;
let city: SmallCity;
let secretary: Session;

beforeAll(async () => {
  // Without LibreOffice this file cannot prove what it is for: it fails rather than skips.
  if (spawnSync("soffice", ["--version"]).status !== 0) throw new Error("LibreOffice (soffice) is required: apt-get install -y libreoffice-calc --no-install-recommends");
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  secretary = await t.login("village_secretary");
});
afterAll(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

async function contractCount(): Promise<number> {
  const result = (await t.db.execute(sql`SELECT count(*)::int AS n FROM ledger_contracts`)) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
}

const heading = "合同编号,承包方类型,承包方,身份证号,联系电话,标的类型,标的名称,面积,单位,起始日期,终止日期,年承包费(元),支付方式,应收(元),实收(元),发包方式,民主程序,决议日期,合同档案号,履行状态";
const good = [
  "HT-2024-001,个人,张建华,140882198003041234,13912345678,土地,东滩地1号,12.5,亩,2024-01-01,2033-12-31,6250.50,按年支付,12501,12501,公开招标,村民代表会议决议,2023-12-10,HJ-001,履行中",
  "HT-2024-002,企业,河津市龙门农业有限公司,,,房屋建筑,原小学校舍,420,平方米,2024/3/1,2034/2/28,\"33,600\",按半年支付,33600,20000,协商议价,未履行,,,履行中",
];
const bad = [
  "HT-2024-003,个人,李明,,,土地,西坡地2号,8,亩,2025-06-01,2024-05-31,4000,按年支付,0,0,公开招标,村民会议决议,2025-05-01,HJ-003,履行中",
  "HT-2024-004,个人,王芳,,,鱼塘,南鱼塘1号,5,亩,2024-01-01,2028-12-31,-300,按年支付,0,0,公开招标,村民会议决议,2023-12-01,HJ-004,履行中",
  "HT-2024-001,个人,赵强,,,林地,后山林地1号,100,亩,2024-01-01,2040-12-31,1000.005,按年支付,0,0,公开竞价,村民会议决议,2023-12-01,HJ-005,履行中",
  ",个人,,,,土地,北沟地3号,3,亩,2024-01-01,2026-12-31,900,按月支付,0,0,公开招标,村民会议决议,2023-12-01,HJ-006,履行中",
];

describe("importing a village's ledger", () => {
  it("lists every invalid row and why, and imports nothing while any row is invalid", async () => {
    const workbook = toXlsx("bad", ["清涧村集体合同台账", heading, ...good, ...bad].join("\n"));
    const before = await contractCount();
    const previewed = await secretary.post("/api/ledger/import/preview", { nodeId: city.nodes.get("T1V1")!.id, fileName: "台账.xlsx", contentBase64: workbook.toString("base64") });
    expect(previewed.statusCode, previewed.body).toBe(200);
    const preview = previewed.json();
    expect(preview).toMatchObject({ token: null, total: 6, valid: 2 });
    const reasons = Object.fromEntries(preview.invalid.map((row: { row: number; errors: { column: string }[] }) => [row.row, row.errors.map((error) => error.column).sort()]));
    expect(reasons).toEqual({
      5: ["终止日期"],
      6: ["年承包费(元)", "标的类型"],
      7: ["年承包费(元)", "合同编号"].sort(),
      8: ["合同编号", "承包方", "支付方式"].sort(),
    });
    expect(await contractCount()).toBe(before);
    expect((await secretary.post("/api/ledger/import/commit", { token: "A".repeat(32) })).statusCode).toBe(404);
  });

  it("imports the fixed ledger in one go, runs the rules over it, and exports what the list shows", async () => {
    const village = city.nodes.get("T1V1")!.id;
    const workbook = toXlsx("good", [heading, ...good].join("\n"));
    const preview = (await secretary.post("/api/ledger/import/preview", { nodeId: village, fileName: "台账.xlsx", contentBase64: workbook.toString("base64") })).json();
    expect(preview).toMatchObject({ total: 2, valid: 2, invalid: [] });
    expect(preview.sample.map((row: { annualPriceFen: number }) => row.annualPriceFen)).toEqual([625_050, 3_360_000]);
    const committed = await secretary.post("/api/ledger/import/commit", { token: preview.token });
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json()).toMatchObject({ imported: 2, flagged: 1 });
    expect((await secretary.post("/api/ledger/import/commit", { token: preview.token })).statusCode).toBe(404);

    const listed = (await secretary.get(`/api/ledger/contracts?org=${village}`)).json();
    expect(listed.total).toBe(2);
    expect(listed.annualPriceFen).toBe(3_985_050);
    const firm = listed.items.find((item: { code: string }) => item.code === "HT-2024-002");
    expect(firm).toMatchObject({ checkState: "flagged", owedFen: 1_360_000, startOn: "2024-03-01", endOn: "2034-02-28" });
    const detail = (await secretary.get(`/api/ledger/contracts/${firm.id}`)).json();
    expect(detail.flags.map((flag: { rule: string }) => flag.rule).sort()).toEqual(["arrears", "no_file", "no_procedure"]);

    const exported = await secretary.get(`/api/ledger/contracts/export?org=${village}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    const headers = (sheet.getRow(1).values as string[]).filter(Boolean);
    const price = headers.indexOf("年承包费(元)") + 1;
    expect([sheet.getRow(2).getCell(price).value, sheet.getRow(3).getCell(price).value]).toEqual([6250.5, 33600]);
    expect(JSON.stringify(sheet.getSheetValues())).not.toContain("张建华");
  });
});
