import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentFunctions, departments } from "../../db/schema";
import { CHINA_2026 } from "../../platform/calendar/holidays";
import { createTestContext, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * GET /api/figures/series: a day's value is that day's records (Beijing days), the same records the
 * list shows for that day; 同比 and 环比 are counted by hand from the records made here.
 */
let t: TestContext;
let city: SmallCity;
let admin: Session;
let typeId: number;

const node = (code: string) => city.nodes.get(code)!.id;
/** Moves the clock, and signs in again: a session idle that long has ended. */
async function at(instant: string) {
  t.clock.set(instant);
  admin = await t.login("campaign_admin");
}

async function newEvent(lon = 110.05) {
  const created = await admin.post("/api/events", { typeId, description: "路灯不亮", lon, lat: 35.05 });
  expect(created.statusCode).toBe(201);
}

async function newProblem(foundOn: string) {
  const created = await admin.post("/api/problems", { nodeId: node("T1V1"), channel: "symposium", source: "self", category: "governance", title: "问题", description: "描述", foundOn });
  expect(created.statusCode).toBe(201);
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  await at("2025-06-01T09:00:00+08:00");
  await admin.request({ method: "PUT", url: "/api/calendar", payload: { year: 2026, version: 0, days: CHINA_2026 } });
  const [department] = await t.db.insert(departments).values({ cityId: city.cityId, nodeId: node("C"), code: "D40", name: "市城市管理局" }).returning();
  const [fn] = await t.db.insert(departmentFunctions).values({ cityId: city.cityId, departmentId: department!.id, code: "D40-F1", name: "路灯维护" }).returning();
  const square = (x: number) => [[[x, 35], [x + 0.1, 35], [x + 0.1, 35.1], [x, 35.1], [x, 35]]];
  const grid = {
    type: "FeatureCollection",
    features: [
      { type: "Feature", properties: { code: "T1V1G1M1" }, geometry: { type: "Polygon", coordinates: square(110) } },
      { type: "Feature", properties: { code: "T2V1G1M1" }, geometry: { type: "Polygon", coordinates: square(111) } },
    ],
  };
  expect((await admin.post("/api/grids/import", grid)).statusCode).toBe(200);
  typeId = (await admin.post("/api/event-types", { code: "LAMP", name: "路灯损坏", category: "城市管理", functionIds: [fn!.id] })).json().id;

  // A year before: two on 10 June 2025.
  await at("2025-06-10T10:00:00+08:00");
  await newEvent();
  await newEvent();
  // The day before: one.
  await at("2026-06-09T12:00:00+08:00");
  await newEvent();
  // 10 June 2026, Beijing time: three just after midnight (still 9 June in UTC), one just before the next midnight.
  await at("2026-06-10T00:30:00+08:00");
  await newEvent();
  await newEvent();
  await newEvent();
  await at("2026-06-10T23:50:00+08:00");
  await newEvent();
  // Elsewhere (the other township) and the next day: not counted for T1 on the 10th.
  await newEvent(111.05);
  await at("2026-06-11T00:10:00+08:00");
  await newEvent();
  for (const day of ["2026-06-05", "2026-06-05", "2026-06-07"]) await newProblem(day);
});
afterAll(async () => t.close());

async function listTotal(url: string): Promise<number> {
  const response = await admin.get(url);
  expect(response.statusCode).toBe(200);
  return response.json().total;
}

describe("daily series of a figure", () => {
  it("counts a day's records on the Beijing calendar, with 同比 and 环比 counted by hand", async () => {
    const series = (await admin.get(`/api/figures/series?org=${node("T1")}&key=events.total&from=2026-06-10&to=2026-06-10`)).json();
    expect(series.points).toEqual([{ day: "2026-06-10", value: 4, lastYear: 2 }]);
    expect({ total: series.total, lastYearTotal: series.lastYearTotal, previousTotal: series.previousTotal }).toEqual({ total: 4, lastYearTotal: 2, previousTotal: 1 });
    // (4 − 2) / 2 = +100 %; (4 − 1) / 1 = +300 %.
    expect([series.yoy, series.mom]).toEqual([100, 300]);
    expect(series.label.zh).toBe("事件总数");
  });

  it("gives every day of a week the total of that day's list", async () => {
    const series = (await admin.get(`/api/figures/series?org=${node("T1")}&key=events.total&from=2026-06-05&to=2026-06-11`)).json();
    expect(series.points).toHaveLength(7);
    for (const point of series.points as { day: string; value: number }[]) {
      const next = new Date(Date.parse(`${point.day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      const from = encodeURIComponent(`${point.day}T00:00:00+08:00`);
      const to = encodeURIComponent(`${next}T00:00:00+08:00`);
      expect([point.day, point.value]).toEqual([point.day, await listTotal(`/api/events?org=${node("T1")}&from=${from}&to=${to}&pageSize=1`)]);
    }
    expect(series.total).toBe(6);
    // The city sees the other township's event too.
    const city10 = (await admin.get(`/api/figures/series?org=${node("C")}&key=events.total&from=2026-06-10&to=2026-06-10`)).json();
    expect(city10.total).toBe(5);
  });

  it("counts problems on the day they were found, as their list does", async () => {
    const series = (await admin.get(`/api/figures/series?org=${node("T1")}&key=problems.total&from=2026-06-04&to=2026-06-08`)).json();
    for (const point of series.points as { day: string; value: number }[]) {
      expect([point.day, point.value]).toEqual([point.day, await listTotal(`/api/problems?org=${node("T1")}&from=${point.day}&to=${point.day}&pageSize=1`)]);
    }
    expect(series.points.map((point: { value: number }) => point.value)).toEqual([0, 2, 0, 1, 0]);
    // No problems the five days before, nor a year before: no base, no change.
    expect([series.yoy, series.mom]).toEqual([null, null]);
  });

  it("refuses a figure without a series, a period backwards or longer than a year", async () => {
    const cases = [
      ["key=grid.workers&from=2026-06-01&to=2026-06-02", "key"],
      ["key=nonsense&from=2026-06-01&to=2026-06-02", "key"],
      ["key=events.total&from=2026-06-03&to=2026-06-02", "from"],
      ["key=events.total&from=2025-01-01&to=2026-06-02", "from"],
      ["key=events.total&from=2026-02-30&to=2026-06-02", "from"],
    ];
    for (const [query, field] of cases) {
      const response = await admin.get(`/api/figures/series?${query}`);
      expect([query, response.statusCode, response.json().error.fields?.[0]?.field]).toEqual([query, 400, field]);
    }
  });
});
