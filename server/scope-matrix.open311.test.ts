import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentFunctions, departments } from "./db/schema";
import { seedOpen311Key } from "./modules/open311/service";
import { createTestContext, seedOtherCity, seedSmallCity, type TestContext } from "./test/harness";
import { fixtureAccount, matrixRoles, signInEveryRole, succeeded } from "./test/matrix";

/**
 * The Open311 port (GeoReport v2), hidden from the OpenAPI document: it is keyed by api_key and
 * jurisdiction_id, never by a session. Every role, signed in, gets exactly what an anonymous caller
 * gets; "inside" asks this city's jurisdiction, "outside" asks this city's records (or posts with its
 * key) under the other city's jurisdiction, which the port must not answer.
 */
let t: TestContext;
const KEY = "matrix-open311-key";
const OTHER_KEY = "matrix-open311-other-key";
let requestId = 0;
let token = "";
const senders = new Map<string, (options: InjectOptions) => Promise<LightMyRequestResponse>>();

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const square = (lon: number) => [[[lon, 35], [lon + 0.1, 35], [lon + 0.1, 35.1], [lon, 35.1], [lon, 35]]];

/** A served city: its grid, a department with a function, an Open311 service, a key. */
async function serve(cityId: number, office: string, nodeId: number, grid: string, lon: number, code: string, key: string) {
  await fixtureAccount(t, { username: office, cityId, role: "campaign_admin", nodeId });
  const session = await t.login(office);
  const [department] = await t.db.insert(departments).values({ cityId, nodeId, code: `${code}-D`, name: `${code}局` }).returning();
  const [fn] = await t.db.insert(departmentFunctions).values({ cityId, departmentId: department!.id, code: `${code}-F`, name: `${code}职能` }).returning();
  await succeeded(session.post("/api/grids/import", { type: "FeatureCollection", features: [{ type: "Feature", properties: { code: grid }, geometry: { type: "Polygon", coordinates: square(lon) } }] }), 200);
  const attributes = [{ code: "NOTE", datatype: "text", required: false, order: 1, description: "备注" }];
  await succeeded(session.post("/api/event-types", { code, name: `${code}类`, category: "城市管理", functionIds: [fn!.id], attributes }), 201);
  await seedOpen311Key(t.db, cityId, { key, label: code, demo: false, at: t.clock.now() });
}

beforeAll(async () => {
  t = await createTestContext();
  const city = await seedSmallCity(t.db);
  const other = await seedOtherCity(t.db);
  await serve(city.cityId, "office.here", city.nodes.get("C")!.id, "T1V1G1M1", 110, "LAMP", KEY);
  await serve(other.cityId, "office.there", other.nodes.get("O")!.id, "OT1V1G1M1", 120, "WELL", OTHER_KEY);
  senders.set("anonymous", (options) => t.app.inject(options));
  for (const [role, session] of await signInEveryRole(t)) senders.set(role, (options) => session.request(options));
  const created = await t.app.inject({ method: "POST", url: "/open311/v2/requests.json", headers: FORM, payload: report(KEY, "testcity") });
  expect(created.statusCode).toBe(200);
  requestId = created.json()[0].service_request_id;
  token = (await (await t.login("office.here")).get(`/api/events/${requestId}`)).json().trackingCode;
});
afterAll(async () => t.close());

function report(key: string, jurisdiction: string): string {
  return form({ api_key: key, jurisdiction_id: jurisdiction, service_code: "LAMP", lat: "35.05", long: "110.05", description: "路灯不亮" });
}

interface Open311Route {
  name: string;
  inside: number;
  outside: number;
  request(where: "inside" | "outside"): InjectOptions;
}

const jurisdiction = (where: "inside" | "outside") => (where === "inside" ? "testcity" : "othercity");

const routes: Open311Route[] = [
  { name: "GET /open311/discovery.:format", inside: 200, outside: 200, request: () => ({ method: "GET", url: "/open311/discovery.json" }) },
  { name: "GET /open311/v2/discovery.:format", inside: 200, outside: 200, request: () => ({ method: "GET", url: "/open311/v2/discovery.xml" }) },
  {
    name: "GET /open311/v2/services.:format",
    inside: 200,
    outside: 404,
    request: (where) => ({ method: "GET", url: `/open311/v2/services.json?jurisdiction_id=${where === "inside" ? "testcity" : "nowhere"}` }),
  },
  {
    name: "GET /open311/v2/services/:file",
    inside: 200,
    outside: 404,
    request: (where) => ({ method: "GET", url: `/open311/v2/services/LAMP.json?jurisdiction_id=${jurisdiction(where)}` }),
  },
  {
    name: "POST /open311/v2/requests.:format",
    inside: 200,
    outside: 403,
    request: (where) => ({ method: "POST", url: "/open311/v2/requests.json", headers: FORM, payload: report(KEY, jurisdiction(where)) }),
  },
  {
    name: "GET /open311/v2/requests.:format",
    inside: 200,
    outside: 404,
    request: (where) => ({ method: "GET", url: `/open311/v2/requests.json?jurisdiction_id=${where === "inside" ? "testcity" : "nowhere"}` }),
  },
  {
    name: "GET /open311/v2/requests/:file",
    inside: 200,
    outside: 404,
    request: (where) => ({ method: "GET", url: `/open311/v2/requests/${requestId}.json?jurisdiction_id=${jurisdiction(where)}` }),
  },
  {
    name: "GET /open311/v2/tokens/:file",
    inside: 200,
    outside: 404,
    request: (where) => ({ method: "GET", url: `/open311/v2/tokens/${token}.json?jurisdiction_id=${jurisdiction(where)}` }),
  },
];

describe.each(routes)("$name", (route) => {
  it.each(["anonymous", ...matrixRoles])("%s: as anonymous, inside and outside", async (who) => {
    const send = senders.get(who)!;
    const statuses = [(await send(route.request("inside"))).statusCode, (await send(route.request("outside"))).statusCode];
    expect(statuses).toEqual([route.inside, route.outside]);
  });
});

describe("the port's answers", () => {
  it("list this city's record only under this city's jurisdiction, whoever asks", async () => {
    for (const who of ["anonymous", "campaign_admin", "sys_admin"]) {
      const send = senders.get(who)!;
      const here = (await send({ method: "GET", url: "/open311/v2/requests.json?jurisdiction_id=testcity" })).json() as { service_request_id: number }[];
      const there = (await send({ method: "GET", url: "/open311/v2/requests.json?jurisdiction_id=othercity" })).json() as { service_request_id: number }[];
      expect([who, here.some((item) => item.service_request_id === requestId), there.some((item) => item.service_request_id === requestId)]).toEqual([who, true, false]);
    }
  });
});
