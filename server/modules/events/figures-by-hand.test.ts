import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentFunctions, departments } from "../../db/schema";
import { CHINA_2026 } from "../../platform/calendar/holidays";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * The event rates of a small fixture, each written down as counted by hand. Ten events of one type
 * that two departments cover, all reported, registered, dispatched, handled, closed and rated:
 *   E1, E2   re-routed once to the other department          E3   sent back once after its feedback
 *   E1–E7    rated satisfied                                  E8–E10 rated unsatisfied
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
let handler: Session;
const fn = {} as Record<"lights" | "roads", number>;
const ids: number[] = [];

async function step(session: Session, id: number, action: string, body: Record<string, unknown> = {}) {
  const current = (await admin.get(`/api/events/${id}`)).json() as { version: number };
  const response = await session.post(`/api/events/${id}/${action}`, { version: current.version, ...body });
  if (response.statusCode !== 200) throw new Error(`E${ids.indexOf(id) + 1} ${action}: ${response.statusCode} ${response.body}`);
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  t.clock.set("2026-06-01T09:00:00+08:00");
  admin = await t.login("campaign_admin");
  handler = await t.login("department_handler");
  await admin.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 0, days: CHINA_2026 } });
  const root = city.nodes.get("C")!.id;
  const [lights, roads] = await t.db
    .insert(departments)
    .values([
      { cityId: city.cityId, nodeId: root, code: "D20", name: "市城市管理局" },
      { cityId: city.cityId, nodeId: root, code: "D21", name: "市交通运输局" },
    ])
    .returning();
  const functions = await t.db
    .insert(departmentFunctions)
    .values([
      { cityId: city.cityId, departmentId: lights!.id, code: "D20-F1", name: "路灯维护" },
      { cityId: city.cityId, departmentId: roads!.id, code: "D21-F1", name: "道路设施" },
    ])
    .returning();
  fn.lights = functions[0]!.id;
  fn.roads = functions[1]!.id;
  const security = await t.login("security_admin");
  const bound = await security.request({ method: "PUT", url: `/api/department-handlers/${city.accounts.get("department_handler")}/departments`, payload: { departmentIds: [lights!.id, roads!.id] } });
  expect(bound.statusCode).toBe(200);
  const grid = { type: "FeatureCollection", features: [{ type: "Feature", properties: { code: "T1V1G1M1" }, geometry: { type: "Polygon", coordinates: [[[110, 35], [110.1, 35], [110.1, 35.1], [110, 35.1], [110, 35]]] } }] };
  expect((await admin.post("/api/grids/import", grid)).statusCode).toBe(200);
  const type = await admin.post("/api/event-types", { code: "LAMP", name: "路灯损坏", category: "城市管理", functionIds: [fn.lights, fn.roads] });
  expect(type.statusCode).toBe(201);

  for (let n = 1; n <= 10; n++) {
    const created = await admin.post("/api/events", { typeId: type.json().id, description: `E${n} 路灯不亮`, lon: 110.05, lat: 35.05 });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    ids.push(id);
    await step(admin, id, "register");
    await step(admin, id, "dispatch", { functionId: fn.lights });
    if (n <= 2) await step(admin, id, "dispatch", { functionId: fn.roads });
    await step(handler, id, "accept");
    await step(handler, id, "feedback", { result: "已修复" });
    if (n === 3) {
      await step(admin, id, "send-back", { reason: "仍不亮" });
      await step(handler, id, "feedback", { result: "更换灯具" });
    }
    await step(admin, id, "close");
    await step(admin, id, "evaluate", { rating: n <= 7 ? "satisfied" : "unsatisfied" });
  }
});
afterAll(async () => t.close());

describe("event rates, counted by hand", () => {
  it("give the city the hand counts", async () => {
    const figures = (await admin.get("/api/figures")).json().figures as Record<string, number>;
    expect({
      total: figures["events.total"],
      closed: figures["events.closed"],
      accurateDispatch: figures["events.rate.accurateDispatch"],
      handling: figures["events.rate.handling"],
      closure: figures["events.rate.closure"],
      rework: figures["events.rate.rework"],
      satisfaction: figures["events.rate.satisfaction"],
    }).toEqual({
      total: 10,
      closed: 10,
      accurateDispatch: 80, // E1 and E2 re-routed: 8 of 10 dispatched right the first time
      handling: 100, // all 10 handled
      closure: 100, // all 10 closed
      rework: 10, // E3 sent back: 1 of 10 handled
      satisfaction: 70, // E1–E7 of 10 rated
    });
  });

  it("show the same rates on the node table", async () => {
    const stats = (await admin.get(`/api/events/stats?org=${city.nodes.get("T1V1")!.id}`)).json();
    expect(stats.self.rates).toMatchObject({ accurateDispatch: 80, handling: 100, closure: 100, rework: 10, satisfaction: 70 });
    expect(stats.self.counts.total).toBe(10);
  });
});
