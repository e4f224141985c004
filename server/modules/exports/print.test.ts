import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/** One problem or event as an A4 督办单: its own HTML page, every value escaped, only for those who may read the record. */
let t: TestContext;
let city: SmallCity;
let admin: Session;
let cadre: Session;
const hostile = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  admin = await t.login("campaign_admin");
  cadre = await t.login("township_cadre");
});
afterAll(async () => t.close());

async function problemAt(code: string, title: string) {
  const created = await admin.post("/api/problems", { nodeId: city.nodes.get(code)!.id, channel: "household_visit", source: "residents", category: "infrastructure", title, description: `描述 ${hostile}`, reporterName: "王小明", reporterPhone: "13800001234" });
  expect(created.statusCode).toBe(201);
  return created.json() as { id: number; code: string; version: number };
}

describe("the 督办单 of a problem", () => {
  it("is an A4 page with the problem's facts and history, every value escaped and the reporter masked", async () => {
    const p = await problemAt("T1V1", `村道破损 ${hostile}`);
    await cadre.post(`/api/problems/${p.id}/assign`, { version: p.version, responsibleNodeId: city.nodes.get("T1V1")!.id, responsiblePerson: "李村长 & 张会计", measure: "修补路面", deadlineDays: 5 });
    const sheet = await cadre.get(`/api/print/problems/${p.id}`);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers["content-type"]).toContain("text/html");
    const html = sheet.body;
    expect(html).toContain("问题整改督办单");
    expect(html).toContain(p.code);
    expect(html).toContain("@page { size: A4");
    expect(html).toContain("李村长 &amp; 张会计");
    expect(html).toContain("5 个工作日");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).not.toMatch(/<script|<img/);
    expect(html).not.toContain("13800001234");
  });

  it("does not exist for someone who cannot read the problem", async () => {
    const elsewhere = await problemAt("T2V1", "别镇的问题");
    expect((await cadre.get(`/api/print/problems/${elsewhere.id}`)).statusCode).toBe(404);
    expect((await cadre.get("/api/print/problems/999999")).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/api/print/problems/${elsewhere.id}` })).statusCode).toBe(401);
  });
});

describe("the 督办单 of an event", () => {
  it("lists the case, its stage and its steps, escaped", async () => {
    const type = (await admin.post("/api/event-types", { code: "ET01", name: "占道经营", category: "市容环境", functionIds: [] })).json();
    const created = await admin.post("/api/events", { typeId: type.id, description: `占道 ${hostile}`, nodeId: city.nodes.get("T1V1G1M1")!.id });
    expect(created.statusCode).toBe(201);
    const sheet = await cadre.get(`/api/print/events/${created.json().id}`);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.body).toContain("网格事件督办单");
    expect(sheet.body).toContain("待受理");
    expect(sheet.body).toContain("占道 &lt;script&gt;");
    expect(sheet.body).not.toMatch(/<script|<img/);
  });
});
