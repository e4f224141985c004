import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/** The lists as .xlsx: as many rows as the list API counts for the same filter and caller, personal data masked. */
let t: TestContext;
let city: SmallCity;
let admin: Session;
let cadre: Session;

async function sheetOf(session: Session, url: string): Promise<string[][]> {
  const response = await session.get(url);
  expect([response.statusCode, response.headers["content-type"]]).toEqual([200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]);
  expect(response.headers["content-disposition"]).toMatch(/^attachment; filename=".*\.xlsx"; filename\*=UTF-8''/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? "" : String(value)))));
  return rows;
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  admin = await t.login("campaign_admin");
  cadre = await t.login("township_cadre");
  const type = (await admin.post("/api/event-types", { code: "ET01", name: "占道经营", category: "市容环境", functionIds: [] })).json();
  for (const [code, text] of [["T1V1G1M1", "摊贩占道，联系 13912345678"], ["T1V2G1M1", "门前堆物"], ["T2V1G1M1", "别镇占道"]] as const) {
    expect((await admin.post("/api/events", { typeId: type.id, description: text, nodeId: city.nodes.get(code)!.id })).statusCode).toBe(201);
  }
});
afterAll(async () => t.close());

describe("spreadsheet exports", () => {
  it("events: the caller's events only, one row each under Chinese headings, numbers in the text masked", async () => {
    const rows = await sheetOf(cadre, "/api/exports/events.xlsx");
    const listed = (await cadre.get("/api/events?pageSize=1")).json().total;
    expect(listed).toBe(2);
    expect(rows[0]!.slice(0, 5)).toEqual(["事件编号", "事件类型", "紧急程度", "所在网格", "事件描述"]);
    expect(rows).toHaveLength(1 + listed);
    expect(rows.map((row) => row[4]).join()).toContain("139****5678");
    expect(rows.map((row) => row[4]).join()).not.toContain("13912345678");
    expect(rows.map((row) => row[4])).not.toContain("别镇占道");
    expect(await sheetOf(admin, "/api/exports/events.xlsx")).toHaveLength(1 + 3);
    expect((await cadre.get("/api/exports/events.xlsx?stage=nonsense")).statusCode).toBe(400);
  });

  it("people: every person of the scope with phone masked", async () => {
    const rows = await sheetOf(cadre, `/api/exports/people.xlsx?org=${city.nodes.get("T1")!.id}`);
    const listed = (await cadre.get(`/api/persons?org=${city.nodes.get("T1")!.id}&pageSize=1`)).json().total;
    expect(rows).toHaveLength(1 + listed);
    expect(rows[0]![3]).toBe("联系电话");
    expect(rows.slice(1).every((row) => row[3] === "" || row[3]!.includes("*"))).toBe(true);
  });

  it("the tree: the node and everything under it, each with its parent", async () => {
    const rows = await sheetOf(cadre, `/api/exports/tree.xlsx?org=${city.nodes.get("T1")!.id}`);
    // 第1镇, two villages, a grid each, two micro-grids per grid.
    expect(rows).toHaveLength(1 + 1 + 2 + 2 + 4);
    expect(rows[1]!.slice(1, 3)).toEqual(["第1镇", "乡镇"]);
    expect(rows.find((row) => row[1] === "第1镇1村")![4]).toBe("第1镇");
    expect((await cadre.get(`/api/exports/tree.xlsx?org=${city.nodes.get("T2")!.id}`)).statusCode).toBe(404);
  });

  it("campaign projects: one row per project of the campaign", async () => {
    const campaign = (await admin.post("/api/campaign/campaigns", { name: "专项行动", startsOn: "2026-03-01", endsOn: "2026-12-31" })).json();
    for (const name of ["网格赋能工程", "平安村居工程"]) {
      expect((await admin.post("/api/campaign/projects", { campaignId: campaign.id, level: "program", kind: "required", name, deadline: "2026-12-31" })).statusCode).toBe(201);
    }
    const rows = await sheetOf(admin, `/api/exports/projects.xlsx?campaign=${campaign.id}`);
    const listed = (await admin.get(`/api/campaign/projects?campaign=${campaign.id}&pageSize=1`)).json().total;
    expect(listed).toBe(2);
    expect(rows).toHaveLength(1 + listed);
    expect(rows[0]![0]).toBe("项目名称");
    expect(rows.slice(1).map((row) => [row[0], row[1]]).sort()).toEqual([["平安村居工程", "工程"], ["网格赋能工程", "工程"]]);
  });
});
