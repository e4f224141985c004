import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, seedOtherCity, seedSmallCity, TEST_PASSWORD, type Session, type SmallCity, type TestContext } from "./test/harness";
import { matrixCases, matrixRoles, outsideGrid, row, signInEveryRole, statuses, type MatrixRole, type MatrixRow } from "./test/matrix";

/** The read-path routes of issue 16 (trends, the big screen), for every role, inside its subtree and outside it. */
let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;
const sessions = new Map<MatrixRole, Session>();
let base: string;

/** The status a live stream opens with, over a real socket (a stream never ends, so it cannot be injected). */
async function streamStatus(role: MatrixRole, node?: number, path = "/api/figures/stream"): Promise<{ statusCode: number }> {
  const login = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: role, password: TEST_PASSWORD } });
  const cookie = login.cookies.find((c) => c.name === "zhili_sid")?.value ?? "";
  const statusCode = await new Promise<number>((resolve, reject) => {
    const req = httpRequest(`${base}${path}${node ? `?org=${node}` : ""}`, { headers: { cookie: `zhili_sid=${cookie}` } }, (response) => {
      resolve(response.statusCode ?? 0);
      response.destroy();
    });
    req.on("error", reject);
    req.end();
  });
  return { statusCode };
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
  for (const [role, session] of await signInEveryRole(t)) sessions.set(role, session);
  base = await t.app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => t.close());

const nodeId = (code: string) => (city.nodes.get(code) ?? other.nodes.get(code))!.id;
const readFigures: MatrixRow = row("200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404 403/403 403/403 403/403 200/200 403/403");

const nodeRoutes: { name: string; expect: MatrixRow; call(session: Session, node: number): Promise<{ statusCode: number }> }[] = [
  { name: "GET /api/figures/series?org", expect: readFigures, call: (s, node) => s.get(`/api/figures/series?org=${node}&key=events.total&from=2026-01-01&to=2026-01-31`) },
  { name: "GET /api/figures/stream?org", expect: readFigures, call: (s, node) => streamStatus(s.username as MatrixRole, node) },
];

const globalRoutes: { name: string; expect: number[]; call(session: Session): Promise<{ statusCode: number }> }[] = [
  { name: "GET /api/figures/series", expect: statuses("200 200 200 200 200 200 200 200 403 403 403 200 403"), call: (s) => s.get("/api/figures/series?key=problems.total") },
  { name: "GET /api/figures/stream", expect: statuses("200 200 200 200 200 200 200 200 403 403 403 200 403"), call: (s) => streamStatus(s.username as MatrixRole) },
  // The province: a city's roles ask outside their reach (404); only the province reader reaches every city.
  { name: "GET /api/figures/province", expect: statuses("404 404 404 404 404 404 404 404 403 403 403 200 403"), call: (s) => s.get("/api/figures/province") },
  { name: "GET /api/figures/province/series", expect: statuses("404 404 404 404 404 404 404 404 403 403 403 200 403"), call: (s) => s.get("/api/figures/province/series?key=events.total") },
  {
    name: "GET /api/figures/province/stream",
    expect: statuses("404 404 404 404 404 404 404 404 403 403 403 200 403"),
    call: (s) => streamStatus(s.username as MatrixRole, undefined, "/api/figures/province/stream"),
  },
];

describe.each(nodeRoutes)("$name", (route) => {
  it.each(matrixCases(route.expect))("$role: $inside inside, $outside outside", async ({ role, inside, outside }) => {
    const session = sessions.get(role)!;
    const insideResponse = await route.call(session, nodeId("T1V1G1"));
    const outsideResponse = await route.call(session, nodeId(outsideGrid[role]));
    expect([insideResponse.statusCode, outsideResponse.statusCode]).toEqual([inside, outside]);
  });
});

describe.each(globalRoutes)("$name", (route) => {
  it.each(matrixRoles.map((role, index) => ({ role, status: route.expect[index]! })))("$role: $status", async ({ role, status }) => {
    expect((await route.call(sessions.get(role)!)).statusCode).toBe(status);
  });
});
