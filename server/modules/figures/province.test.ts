import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cities, orgNodes } from "../../db/schema";
import { fixtureAccount } from "../../test/matrix";
import { ok } from "../../test/http";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { figureDefinition, figureKeys, rateKeys, type FigureParts, type FigureValues } from "../../../shared/figures";
import { nodeRef } from "../../platform/tree";
import { sumOverCities, type CityFigures } from "./province";
import { figuresOf } from "./service";

/**
 * The province's figures (GET /api/figures/province), read by the province reader: summed over the
 * cities from each city's own figures, refused to a city's roles, and recounted when a city changes.
 * Three cities: the small city (4 grids, 8 micro-grids) and the neighbouring one (1 grid, 1 micro-grid)
 * in prefecture 测试州, and a third of one grid in 别州.
 */
let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;
let province: Session;
let cityAdmin: Session;
let otherAdmin: Session;
let thirdRoot: number;

interface Province {
  prefecture: string | null;
  figure: string;
  figures: Record<string, number>;
  items: { key: string; value: number; drill: unknown }[];
  cities: { org: { id: number; name: string }; prefecture: string | null; value: number | null }[];
}

const problem = (nodeId: number, title: string) => ({ nodeId, channel: "symposium", source: "self", category: "governance", title, description: "描述" });

beforeAll(async () => {
  t = await createTestContext({ figuresCacheMs: 60_000 });
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
  const [third] = await t.db.insert(cities).values({ code: "thirdcity", name: "第三市", prefecture: "别州" }).returning();
  const [root] = await t.db.insert(orgNodes).values({ cityId: third!.id, parentId: null, kind: "city", code: "X", name: "第三市", path: "pending", depth: 0 }).returning();
  await t.db.update(orgNodes).set({ path: `/${root!.id}/` }).where(sql`id = ${root!.id}`);
  const [grid] = await t.db.insert(orgNodes).values({ cityId: third!.id, parentId: root!.id, kind: "grid", code: "XG", name: "第三市网格", path: "pending", depth: 1 }).returning();
  await t.db.update(orgNodes).set({ path: `/${root!.id}/${grid!.id}/` }).where(sql`id = ${grid!.id}`);
  thirdRoot = root!.id;
  t.clock.set("2026-06-01T09:00:00+08:00");
  province = await t.login("province_reader");
  cityAdmin = await t.login("campaign_admin");
  await fixtureAccount(t, { username: "other.admin", cityId: other.cityId, role: "campaign_admin", nodeId: other.nodes.get("O")!.id });
  otherAdmin = await t.login("other.admin");
  for (const title of ["一", "二", "三"]) await ok(cityAdmin.post("/api/problems", problem(city.nodes.get("T1V1")!.id, `本市问题${title}`)), 201);
  for (const title of ["一", "二"]) await ok(otherAdmin.post("/api/problems", problem(other.nodes.get("OT1V1")!.id, `邻市问题${title}`)), 201);
});
afterAll(async () => t.close());

describe("the province's figures", () => {
  it("are the sums of the cities' figures, each city listed with its value of the figure asked for", async () => {
    const valuesOf = async (figure: string) => {
      const answer = await ok<Province>(province.get(`/api/figures/province?figure=${figure}`));
      expect(answer.figure).toBe(figure);
      return answer.cities.map((c) => [c.org.name, c.prefecture, c.value]);
    };
    expect(await valuesOf("problems.total")).toEqual([["测试市", "测试州", 3], ["邻市", "测试州", 2], ["第三市", "别州", 0]]);
    expect(await valuesOf("grid.grids")).toEqual([["测试市", "测试州", 4], ["邻市", "测试州", 1], ["第三市", "别州", 1]]);
    expect(await valuesOf("grid.microGrids")).toEqual([["测试市", "测试州", 8], ["邻市", "测试州", 1], ["第三市", "别州", 0]]);
    const answer = await ok<Province>(province.get("/api/figures/province"));
    expect([answer.prefecture, answer.figure]).toEqual([null, "events.total"]);
    // 3 + 2 + 0 problems, 4 + 1 + 1 grids, 8 + 1 + 0 micro-grids, counted by hand.
    expect([answer.figures["problems.total"], answer.figures["grid.grids"], answer.figures["grid.microGrids"]]).toEqual([5, 6, 9]);
    expect(answer.items.find((item) => item.key === "problems.total")).toMatchObject({ value: 5, drill: null });
    // A city's value is what the city's own figures say.
    const own = await ok<{ figures: Record<string, number> }>(province.get(`/api/figures?org=${city.nodes.get("C")!.id}`));
    const events = await ok<Province>(province.get("/api/figures/province?figure=events.total"));
    expect(events.cities[0]!.value).toBe(own.figures["events.total"]);
    const unknown = await province.get("/api/figures/province?figure=no.such");
    expect([unknown.statusCode, unknown.json().error.fields[0].field]).toEqual([400, "figure"]);
  });

  it("of one prefecture sum only its cities; an unknown prefecture is 404", async () => {
    const answer = await ok<Province>(province.get(`/api/figures/province?prefecture=${encodeURIComponent("测试州")}`));
    expect([answer.prefecture, answer.cities.map((c) => c.org.name), answer.figures["grid.grids"], answer.figures["problems.total"]]).toEqual(["测试州", ["测试市", "邻市"], 5, 5]);
    const third = await ok<Province>(province.get(`/api/figures/province?prefecture=${encodeURIComponent("别州")}`));
    expect([third.cities.map((c) => c.org.id), third.figures["grid.grids"]]).toEqual([[thirdRoot], 1]);
    expect((await province.get(`/api/figures/province?prefecture=${encodeURIComponent("无此州")}`)).statusCode).toBe(404);
  });

  it("are refused to a city's roles (404) and to roles without figures (403)", async () => {
    for (const role of ["leader", "campaign_admin", "grid_worker"]) expect([role, (await (await t.login(role)).get("/api/figures/province")).statusCode]).toEqual([role, 404]);
    for (const role of ["sys_admin", "no_role"]) expect([role, (await (await t.login(role)).get("/api/figures/province")).statusCode]).toEqual([role, 403]);
  });

  it("answer 304 while nothing changed, and count a change in one city at once", async () => {
    const url = "/api/figures/province?figure=problems.total";
    const first = await province.get(url);
    const tag = first.headers.etag as string;
    const again = await province.request({ method: "GET", url, headers: { "if-none-match": tag } });
    expect([again.statusCode, again.body]).toEqual([304, ""]);
    await ok(otherAdmin.post("/api/problems", problem(other.nodes.get("OT1V1")!.id, "邻市新问题")), 201);
    const changed = await province.request({ method: "GET", url, headers: { "if-none-match": tag } });
    expect(changed.statusCode).toBe(200);
    const answer = changed.json() as Province;
    expect([answer.figures["problems.total"], answer.cities.map((c) => c.value)]).toEqual([6, [3, 3, 0]]);
  });
});

describe("the province reader", () => {
  it("reads every city's figures and nothing else: no records, no writes", async () => {
    expect((await province.get(`/api/figures?org=${other.nodes.get("OT1V1G1")!.id}`)).statusCode).toBe(200);
    expect((await province.get(`/api/orgs/${other.nodes.get("OT1V1")!.id}`)).statusCode).toBe(200);
    expect((await province.get(`/api/problems?org=${city.nodes.get("C")!.id}`)).statusCode).toBe(403);
    expect((await province.get(`/api/persons?org=${city.nodes.get("T1V1G1")!.id}`)).statusCode).toBe(403);
    expect((await province.post("/api/problems", problem(city.nodes.get("T1V1")!.id, "省里不能写"))).statusCode).toBe(403);
    const me = await ok<{ permissions: string[] }>(province.get("/api/auth/me"));
    expect(me.permissions).toEqual(["figures.read", "org.read"]);
  });

  it("is granted without a node, to an account without a city, and holds no other role", async () => {
    const sys = await t.login("sys_admin");
    const sec = await t.login("security_admin");
    const create = (username: string, cityId: number | null) => ok<{ id: number }>(sys.post("/api/accounts", { username, displayName: "省委组织部", cityId, password: "Fresh#Pass2026" }), 201);
    const provincial = await create("province.two", null);
    const cityAccount = await create("city.three", city.cityId);
    const grant = (id: number, role: string, nodeId: number | null) => sec.post(`/api/accounts/${id}/roles`, { role, nodeId });
    const atNode = await grant(provincial.id, "province_reader", city.nodes.get("C")!.id);
    expect([atNode.statusCode, atNode.json().error.fields[0].field]).toEqual([400, "nodeId"]);
    const toCity = await grant(cityAccount.id, "province_reader", null);
    expect([toCity.statusCode, toCity.json().error.fields[0].field]).toEqual([400, "role"]);
    expect((await grant(provincial.id, "province_reader", null)).statusCode).toBe(201);
    const beside = await grant(provincial.id, "leader", city.nodes.get("C")!.id);
    expect([beside.statusCode, beside.json().error.code]).toEqual([409, "province_reader_alone"]);
    const system = await grant(provincial.id, "audit_admin", null);
    expect([system.statusCode, system.json().error.code]).toEqual([409, "separation_of_duties"]);
    const roles = (await ok<{ roles: { role: string }[] }>(sec.get(`/api/accounts/${provincial.id}`))).roles.map((r) => r.role);
    expect(roles).toEqual(["province_reader"]);
  });
});

describe("every rate the registry holds", () => {
  it("comes from its module's source as its parts, even for a city without records", async () => {
    const ref = (await nodeRef(t.db, thirdRoot))!;
    const figures = await figuresOf(t.app.modules, t.db, ref, t.clock.now());
    const given = rateKeys.map((key) => [key, figures[key]]);
    expect(given).toEqual(rateKeys.map((key) => [key, { part: 0, whole: 0 }]));
  });
});

describe("sums over cities (no database)", () => {
  const city = (values: FigureValues, parts: FigureParts): CityFigures => ({ values, parts });

  it("add counts and yuan, and work a rate out from the summed parts, not from the mean of the cities' rates", () => {
    const a = city({ "problems.closed": 5, "problems.closureRate": 100, "ledger.debtResolved": 0.1 }, { "problems.closureRate": { part: 5, whole: 5 }, "problems.reworkRate": { part: 1, whole: 2 } });
    const b = city({ "problems.closed": 1, "problems.closureRate": 10, "ledger.debtResolved": 0.2 }, { "problems.closureRate": { part: 1, whole: 10 }, "problems.reworkRate": { part: 0, whole: 1 } });
    // 6 closed of 15 due: 40 %, where the mean of 100 % and 10 % would say 55 %. 1 reworked of 3 handled stays below the sample of 5; no city gave the parts of the other rates.
    expect(sumOverCities([a, b])).toEqual({ "problems.closed": 6, "problems.closureRate": 40, "ledger.debtResolved": 0.3 });
  });

  it("give every percent and hours figure of the registry a value once the cities together reach its sample, though neither does alone", () => {
    const rates = figureKeys.filter((key) => !["count", "yuan"].includes(figureDefinition(key).unit));
    expect(rateKeys).toEqual(rates);
    for (const key of rates.filter((key) => figureDefinition(key).unit === "percent")) {
      const sample = figureDefinition(key).minSample!;
      // One case of one city, sample − 1 cases of the other, one of them in the part: 1 / sample.
      const summed = sumOverCities([city({}, { [key]: { part: 1, whole: 1 } }), city({}, { [key]: { part: 0, whole: sample - 1 } })]);
      expect([key, summed[key]]).toEqual([key, Math.round(1000 / sample) / 10]);
      expect([key, sumOverCities([city({}, { [key]: { part: 1, whole: sample - 1 } })])[key]]).toEqual([key, undefined]);
    }
    // Hours per member: 90 minutes over 1 member and 60 over 2 are 150 minutes over 3 members, 0.8 hours (the mean would say 1.0).
    const hours = sumOverCities([city({}, { "service.hoursPerMember": { part: 90, whole: 1 } }), city({}, { "service.hoursPerMember": { part: 60, whole: 2 } })]);
    expect(hours["service.hoursPerMember"]).toBe(0.8);
    expect(sumOverCities([city({}, { "service.hoursPerMember": { part: 0, whole: 0 } })])["service.hoursPerMember"]).toBeUndefined();
  });
});
