import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queriesDuring } from "../../test/database";
import { fixtureAccount } from "../../test/matrix";
import { ok } from "../../test/http";
import { openStream, until } from "../../test/sse";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";

/**
 * The province's big screen: its daily series (each day the sum of that day's records over the
 * cities, counted by hand) and its live stream (a change in any city reaches it within 2 s; it says
 * which cities moved, never what a record holds; a city's roles are refused; an idle screen asks the
 * database nothing). Two cities: the small city and its neighbour.
 */
let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;
let province: Session;
let cityAdmin: Session;
let otherAdmin: Session;
let base: string;

const problem = (nodeId: number, foundOn: string) => ({ nodeId, channel: "symposium", source: "self", category: "governance", title: "问题", description: "描述，联系13812345678", foundOn });
const inCity = (foundOn: string) => ok(cityAdmin.post("/api/problems", problem(city.nodes.get("T1V1")!.id, foundOn)), 201);
const inOther = (foundOn: string) => ok(otherAdmin.post("/api/problems", problem(other.nodes.get("OT1V1")!.id, foundOn)), 201);

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
  t.clock.set("2026-06-10T09:00:00+08:00");
  province = await t.login("province_reader");
  cityAdmin = await t.login("campaign_admin");
  await fixtureAccount(t, { username: "other.admin", cityId: other.cityId, role: "campaign_admin", nodeId: other.nodes.get("O")!.id });
  otherAdmin = await t.login("other.admin");
  // The small city: two found on 5 June, one on 7 June, one on 5 June a year before.
  for (const day of ["2026-06-05", "2026-06-05", "2026-06-07", "2025-06-05"]) await inCity(day);
  // The neighbour: one on 5 June, and two in the three days before the period (3 and 4 June).
  for (const day of ["2026-06-05", "2026-06-03", "2026-06-04"]) await inOther(day);
  base = await t.app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => t.close());

interface Point {
  day: string;
  value: number;
  lastYear: number;
}

describe("the province's daily series", () => {
  it("gives each day the sum of that day's records over the cities, with 同比 and 环比 counted by hand", async () => {
    const series = await ok<{ prefecture: string | null; points: Point[]; total: number; lastYearTotal: number; previousTotal: number; yoy: number; mom: number }>(
      province.get("/api/figures/province/series?key=problems.total&from=2026-06-05&to=2026-06-07"),
    );
    // 5 June: 2 + 1; 6 June: none; 7 June: 1 + 0. A year before: one on 5 June 2025.
    expect(series.points).toEqual([
      { day: "2026-06-05", value: 3, lastYear: 1 },
      { day: "2026-06-06", value: 0, lastYear: 0 },
      { day: "2026-06-07", value: 1, lastYear: 0 },
    ]);
    // The three days before: 3 and 4 June in the neighbour. (4 − 1) / 1 = +300 %; (4 − 2) / 2 = +100 %.
    expect([series.prefecture, series.total, series.lastYearTotal, series.previousTotal, series.yoy, series.mom]).toEqual([null, 4, 1, 2, 300, 100]);

    // Each day is the sum of the cities' own series of that day, as their leaders see them.
    const ofCity = async (root: number) => (await ok<{ points: Point[] }>(province.get(`/api/figures/series?org=${root}&key=problems.total&from=2026-06-03&to=2026-06-07`))).points;
    const [mine, theirs] = [await ofCity(city.nodes.get("C")!.id), await ofCity(other.nodes.get("O")!.id)];
    const whole = await ok<{ points: Point[] }>(province.get("/api/figures/province/series?key=problems.total&from=2026-06-03&to=2026-06-07"));
    expect(whole.points.map((point) => point.value)).toEqual(mine.map((point, index) => point.value + theirs[index]!.value));
    expect(whole.points.map((point) => point.value)).toEqual([1, 1, 3, 0, 1]);
  });

  it("asked again recounts only the city where something changed meanwhile, and counts that change", async () => {
    const url = "/api/figures/province/series?key=problems.total&from=2026-06-08&to=2026-06-10";
    const read = async () => (await ok<{ total: number }>(province.get(url))).total;
    const statements = (run: () => Promise<unknown>) => queriesDuring(t.db, run, (text) => !/"sessions"/.test(text));
    const before = await read();
    // The list of cities alone: each city's days are kept.
    expect(await statements(read)).toBe(1);
    let after = 0;
    await inOther("2026-06-09");
    const recounted = await statements(async () => (after = await read()));
    expect([after, recounted]).toEqual([before + 1, 2]);
  });

  it("of one prefecture sums its cities; refuses a city's roles, an unknown prefecture and a figure without a series", async () => {
    const prefecture = await ok<{ prefecture: string; total: number }>(province.get(`/api/figures/province/series?key=problems.total&from=2026-06-05&to=2026-06-07&prefecture=${encodeURIComponent("测试州")}`));
    expect([prefecture.prefecture, prefecture.total]).toEqual(["测试州", 4]);
    expect((await cityAdmin.get("/api/figures/province/series?key=problems.total")).statusCode).toBe(404);
    expect((await province.get(`/api/figures/province/series?key=problems.total&prefecture=${encodeURIComponent("无此州")}`)).statusCode).toBe(404);
    const unknown = await province.get("/api/figures/province/series?key=grid.workers");
    expect([unknown.statusCode, unknown.json().error.fields[0].field]).toEqual([400, "key"]);
  });
});

/** Opens the province's screen (its stream) as a browser would. */
const openProvinceScreen = (username: string) => openStream(t, base, "/api/figures/province/stream", username);

describe("the province's stream", () => {
  it("tells an open province screen within 2 s which city changed, and nothing of the record", async () => {
    const screen = await openProvinceScreen("province_reader");
    expect(screen.status).toBe(200);
    await until(() => screen.received.some((r) => r.event === "hello"));
    const before = await ok<{ figures: Record<string, number> }>(province.get("/api/figures/province"));

    const started = Date.now();
    await inOther("2026-06-09");
    await until(() => screen.received.some((r) => r.event === "cities"));
    expect(Date.now() - started).toBeLessThan(2000);
    const told = () => screen.received.filter((r) => r.event === "cities").map((r) => r.data);
    // One write may commit in more than one batch (the record, its notices): each names the neighbour only.
    expect(told().every((data) => JSON.stringify(data) === JSON.stringify({ cities: [other.cityId], reason: "change" }))).toBe(true);
    // A wall shows figures: no title, description or phone of the record reaches it.
    expect(JSON.stringify(screen.received)).not.toContain("138");
    // What it then asks for has moved by the one problem.
    const after = await ok<{ figures: Record<string, number> }>(province.get("/api/figures/province"));
    expect(after.figures["problems.total"]).toBe(before.figures["problems.total"]! + 1);

    const heard = told().length;
    await inCity("2026-06-09");
    await until(() => told().length > heard);
    expect(told()[heard]).toEqual({ cities: [city.cityId], reason: "change" });
    screen.close();
  });

  it("costs the database nothing per screen while nothing changes", async () => {
    const screens = await Promise.all(Array.from({ length: 20 }, () => openProvinceScreen("province_reader")));
    await until(() => screens.every((screen) => screen.received.some((r) => r.event === "hello")));
    // Twenty screens idle for 2.5 s: the hub's one check a second for events turning red, not one per screen.
    const queries = await queriesDuring(t.db, () => new Promise((resolve) => setTimeout(resolve, 2500)));
    expect(queries).toBeLessThanOrEqual(3);
    for (const screen of screens) screen.close();
  });

  it("is 404 to a city's roles and 403 to a role without figures", async () => {
    const leader = await openProvinceScreen("campaign_admin");
    const cadre = await openProvinceScreen("township_cadre");
    const sysadmin = await openProvinceScreen("sys_admin");
    expect([leader.status, cadre.status, sysadmin.status]).toEqual([404, 404, 403]);
    for (const screen of [leader, cadre, sysadmin]) screen.close();
  });
});
