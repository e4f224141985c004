import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * An exported ledger imports again unchanged: the reporter's name and phone are masked in every export
 * (and free text for those who may not reveal it), and a masked cell stands for the value it hides.
 * Before, every row with a reporter's phone was refused (“应为 11 位手机号”): 14 of 50 in the review.
 */
let t: TestContext;
let city: SmallCity;
let cadre: Session;
let admin: Session;

/** The columns a re-import must give back as they were (codes, dates of assignment and status are new). */
const kept = ["镇街", "村(社区)", "问题标题", "问题描述", "问题类别", "问题来源", "发现渠道", "发现日期", "反映人", "联系电话", "责任单位", "责任人", "整改措施", "整改时限(工作日)"];

async function rows(session: Session, query: string): Promise<Record<string, string>[]> {
  const response = await session.get(`/api/problems/export?${query}`);
  expect(response.statusCode).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  const headers = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ""));
  const out: Record<string, string>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const values = sheet.getRow(r).values as unknown[];
    out.push(Object.fromEntries(headers.map((header, col) => [header, values[col] === undefined || values[col] === null ? "" : String(values[col])]).filter(([header]) => header)));
  }
  return out;
}

const pick = (row: Record<string, string>) => Object.fromEntries(kept.map((header) => [header, row[header] ?? ""]));

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  cadre = await t.login("township_cadre");
  admin = await t.login("campaign_admin");
  const village = city.nodes.get("T1V1")!.id;
  for (let n = 1; n <= 6; n++) {
    const created = await cadre.post("/api/problems", {
      nodeId: village,
      channel: "household_visit",
      source: "residents",
      category: "infrastructure",
      title: `村道破损${n}`,
      description: n % 2 ? `第${n}段坑洼，联系人电话 1390000000${n}` : `第${n}段排水不畅`,
      ...(n <= 4 ? { reporterName: `王${"小明"}${n}`, reporterPhone: `1380000000${n}` } : {}),
    });
    expect(created.statusCode).toBe(201);
    originals.add(created.json().id);
    if (n % 3 === 0) {
      const p = created.json();
      expect((await cadre.post(`/api/problems/${p.id}/assign`, { version: p.version, responsibleNodeId: village, responsiblePerson: "李村长", measure: "修补路面，回访 13900000009", deadlineDays: 5 })).statusCode).toBe(200);
    }
  }
});
afterAll(async () => t.close());

const originals = new Set<number>();
const codeOf = (row: Record<string, string>) => Number(row["问题编号"]!.slice(2));
const byTitle = (a: Record<string, string>, b: Record<string, string>) => a["问题标题"]!.localeCompare(b["问题标题"]!);

async function roundTrip(session: Session) {
  const exported = await session.get(`/api/problems/export?org=${city.nodes.get("T1V1")!.id}`);
  const before = (await rows(session, `org=${city.nodes.get("T1V1")!.id}`)).sort(byTitle);
  expect(before.filter((row) => originals.has(codeOf(row)))).toHaveLength(6);
  const exportedCount = before.length;
  const preview = await session.post("/api/problems/import/preview", { fileName: "导出.xlsx", contentBase64: Buffer.from(exported.rawPayload).toString("base64") });
  expect(preview.statusCode).toBe(200);
  expect([preview.json().valid, preview.json().invalid]).toEqual([exportedCount, []]);
  const committed = await session.post("/api/problems/import/commit", { token: preview.json().token });
  expect(committed.statusCode).toBe(200);
  const ids = new Set<number>(committed.json().problemIds);
  const after = (await rows(session, `org=${city.nodes.get("T1V1")!.id}`)).filter((row) => ids.has(codeOf(row))).sort(byTitle);
  expect(after.map(pick)).toEqual(before.map(pick));
  return ids;
}

describe("export → import", () => {
  it("gives back every row unchanged for a cadre, whose export masks the reporter but not the text", async () => {
    const ids = await roundTrip(cadre);
    // The stored phone is the original, not its mask.
    const first = [...ids][0]!;
    const detail = (await cadre.get(`/api/problems/${first}`)).json();
    expect(detail.reporterPhone ?? "").not.toContain("*");
  });

  it("gives back every row unchanged for the office, whose export masks numbers in the text too", async () => {
    const before = await rows(admin, `org=${city.nodes.get("T1V1")!.id}`);
    expect(before.some((row) => row["问题描述"]!.includes("*"))).toBe(true);
    await roundTrip(admin);
  });

  it("leaves a masked phone empty, without refusing the row, when nothing names what it hides", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("问题清单");
    sheet.addRow(["村(社区)", "问题描述", "问题类别", "问题来源", "发现渠道", "反映人", "联系电话"]);
    sheet.addRow([city.nodes.get("T1V1")!.name, "路灯不亮", "基础设施", "群众反映", "入户走访", "赵*", "138****0001"]);
    const preview = await cadre.post("/api/problems/import/preview", { fileName: "别处.xlsx", contentBase64: Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64") });
    expect(preview.json()).toMatchObject({ valid: 1, invalid: [] });
    const committed = (await cadre.post("/api/problems/import/commit", { token: preview.json().token })).json();
    const detail = (await cadre.get(`/api/problems/${committed.problemIds[0]}`)).json();
    expect(detail.reporterPhone ?? null).toBeNull();
  });
});
