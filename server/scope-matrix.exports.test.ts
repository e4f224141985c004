import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentFunctions, departments } from "./db/schema";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type TestContext } from "./test/harness";
import { fixtureAccount, insideGrid, matrixRoles, outsideGrid, signInEveryRole, succeeded, type MatrixRole } from "./test/matrix";

/**
 * The exports and the printed 督办单 read through the lists and records they export, so each must
 * answer every role exactly as that list or record does: the same 200, 403 or 404, inside the role's
 * subtree and just outside it (the matrix's outside grid, or the other city).
 */
let t: TestContext;
let sessions: Map<MatrixRole, Session>;
const nodeIds = new Map<string, number>();
const problems = new Map<string, number>();
const events = new Map<string, number>();
const campaigns = { here: 0, there: 0 };
const GRIDS = ["T1V1G1", "T1V2G1", "T2V1G1", "OT1V1G1"] as const;
const square = (index: number) => [[[110 + index / 10, 35], [110.1 + index / 10, 35], [110.1 + index / 10, 35.1], [110 + index / 10, 35.1], [110 + index / 10, 35]]];

/** An office at a city root that imports the micro-grids' shapes and one event type, so events can be reported there. */
async function office(username: string, cityId: number, root: string, grids: readonly string[]): Promise<{ session: Session; typeId: number }> {
  await fixtureAccount(t, { username, cityId, role: "campaign_admin", nodeId: nodeIds.get(root)! });
  const session = await t.login(username);
  const [department] = await t.db.insert(departments).values({ cityId, nodeId: nodeIds.get(root)!, code: `${root}-D`, name: `${root}局` }).returning();
  const [fn] = await t.db.insert(departmentFunctions).values({ cityId, departmentId: department!.id, code: `${root}-F`, name: `${root}职能` }).returning();
  const features = grids.map((grid) => ({ type: "Feature", properties: { code: `${grid}M1` }, geometry: { type: "Polygon", coordinates: square(GRIDS.indexOf(grid as (typeof GRIDS)[number])) } }));
  await succeeded(session.post("/api/grids/import", { type: "FeatureCollection", features }), 200);
  const typeId = (await succeeded(session.post("/api/event-types", { code: `${root}T`, name: "路灯损坏", category: "城市管理", functionIds: [fn!.id] }), 201)).id;
  return { session, typeId };
}

beforeAll(async () => {
  t = await createTestContext();
  const city = await seedSmallCity(t.db);
  const other = await seedOtherCity(t.db);
  for (const [code, node] of [...city.nodes, ...other.nodes]) nodeIds.set(code, node.id);
  const here = await office("exports.here", city.cityId, "C", GRIDS.slice(0, 3));
  const there = await office("exports.there", other.cityId, "O", ["OT1V1G1"]);
  for (const grid of GRIDS) {
    const { session, typeId } = grid.startsWith("O") ? there : here;
    const problem = await succeeded(session.post("/api/problems", { nodeId: nodeIds.get(grid)!, channel: "symposium", source: "self", category: "governance", title: `问题${grid}`, description: "导出矩阵" }), 201);
    problems.set(grid, problem.id);
    const index = GRIDS.indexOf(grid);
    events.set(grid, (await succeeded(session.post("/api/events", { typeId, description: `事件${grid}`, lon: 110.05 + index / 10, lat: 35.05 }), 201)).id);
  }
  campaigns.here = (await succeeded(here.session.post("/api/campaign/campaigns", { name: "本市行动", startsOn: "2026-01-01", endsOn: "2026-12-31" }), 201)).id;
  campaigns.there = (await succeeded(there.session.post("/api/campaign/campaigns", { name: "邻市行动", startsOn: "2026-01-01", endsOn: "2026-12-31" }), 201)).id;
  sessions = await signInEveryRole(t);
});
afterAll(async () => t.close());

type Where = "inside" | "outside";
const gridOf = (role: MatrixRole, where: Where) => (where === "inside" ? insideGrid : outsideGrid[role]);

/** Each export or print route, and the list or record route it must answer like. */
const pairs: { name: string; url(role: MatrixRole, where: Where): string; like(role: MatrixRole, where: Where): string }[] = [
  {
    name: "GET /api/exports/events.xlsx",
    url: (role, where) => `/api/exports/events.xlsx?org=${nodeIds.get(gridOf(role, where))}`,
    like: (role, where) => `/api/events?org=${nodeIds.get(gridOf(role, where))}`,
  },
  {
    name: "GET /api/exports/people.xlsx",
    url: (role, where) => `/api/exports/people.xlsx?org=${nodeIds.get(gridOf(role, where))}`,
    like: (role, where) => `/api/persons?org=${nodeIds.get(gridOf(role, where))}`,
  },
  {
    name: "GET /api/exports/tree.xlsx",
    url: (role, where) => `/api/exports/tree.xlsx?org=${nodeIds.get(gridOf(role, where))}`,
    like: (role, where) => `/api/orgs/${nodeIds.get(gridOf(role, where))}`,
  },
  {
    name: "GET /api/exports/projects.xlsx",
    url: (_role, where) => `/api/exports/projects.xlsx?campaign=${where === "inside" ? campaigns.here : campaigns.there}`,
    like: (_role, where) => `/api/campaign/projects?campaign=${where === "inside" ? campaigns.here : campaigns.there}`,
  },
  {
    name: "GET /api/print/problems/:id",
    url: (role, where) => `/api/print/problems/${problems.get(gridOf(role, where))}`,
    like: (role, where) => `/api/problems/${problems.get(gridOf(role, where))}`,
  },
  {
    name: "GET /api/print/events/:id",
    url: (role, where) => `/api/print/events/${events.get(gridOf(role, where))}`,
    like: (role, where) => `/api/events/${events.get(gridOf(role, where))}`,
  },
];

describe.each(pairs)("$name", (pair) => {
  it.each([...matrixRoles])("%s: answers as the list or record it exports, inside and outside", async (role) => {
    const session = sessions.get(role)!;
    for (const where of ["inside", "outside"] as const) {
      const [exported, listed] = [await session.get(pair.url(role, where)), await session.get(pair.like(role, where))];
      expect([where, exported.statusCode]).toEqual([where, listed.statusCode]);
    }
  });

  it("is read by the city office inside its city and refused outside it (the comparison is not vacuous)", async () => {
    const session = sessions.get("campaign_admin")!;
    expect([(await session.get(pair.url("campaign_admin", "inside"))).statusCode, (await session.get(pair.url("campaign_admin", "outside"))).statusCode]).toEqual([200, 404]);
  });
});
