import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orgNodes, persons } from "./db/schema";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "./test/harness";
import { matrixCases, matrixRoles, outsideGrid, signInEveryRole, type MatrixRole, type MatrixRow } from "./test/matrix";

/**
 * Every foundation route, for every demo role, on a target inside the role's subtree and on one outside
 * it (see test/matrix.ts). The modules' routes have their own matrix files beside this one.
 */
const roles = matrixRoles;
type Role = MatrixRole;
type Row = MatrixRow;
const readOrg: Row = [[200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 200], [200, 200], [403, 403], [404, 404]];
const manageOrg = (ok: number): Row => [[ok, 404], [403, 404], [403, 404], [ok, 404], [403, 404], [403, 404], [403, 404], [403, 404], [403, 403], [403, 403], [403, 403], [404, 404]];
const readPeople: Row = [[200, 404], [200, 404], [403, 403], [200, 404], [200, 404], [200, 404], [403, 403], [200, 404], [403, 403], [403, 403], [403, 403], [403, 403]];
const createPerson: Row = [[201, 404], [403, 404], [403, 404], [201, 404], [201, 404], [201, 404], [403, 404], [403, 404], [403, 403], [403, 403], [403, 403], [404, 404]];
const managePerson: Row = [[200, 404], [403, 404], [403, 403], [200, 404], [200, 404], [200, 404], [403, 403], [403, 404], [403, 403], [403, 403], [403, 403], [403, 403]];
const revealPerson: Row = [[403, 404], [403, 404], [403, 403], [200, 404], [200, 404], [200, 404], [403, 403], [403, 404], [403, 403], [403, 403], [403, 403], [403, 403]];
const readFigures: Row = [[200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [403, 403], [403, 403], [403, 403], [403, 403]];
const readPartyOrgs: Row = [[200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 200], [200, 200], [403, 403], [403, 403]];

interface Target {
  grid: { id: number; code: string };
  micro: { id: number };
  person: { id: number; version: number };
  freshMicro: { id: number; version: number };
}

interface NodeRoute {
  name: string;
  expect: Row;
  call(session: Session, target: Target, n: number): Promise<{ statusCode: number }>;
}

const nodeRoutes: NodeRoute[] = [
  { name: "GET /api/orgs/:id", expect: readOrg, call: (s, t) => s.get(`/api/orgs/${t.grid.id}`) },
  { name: "GET /api/orgs/:id/children", expect: readOrg, call: (s, t) => s.get(`/api/orgs/${t.grid.id}/children`) },
  { name: "GET /api/orgs/:id/history", expect: readOrg, call: (s, t) => s.get(`/api/orgs/${t.grid.id}/history`) },
  { name: "POST /api/orgs", expect: manageOrg(201), call: (s, t, n) => s.post("/api/orgs", { parentId: t.grid.id, kind: "micro_grid", code: `NEW${n}`, name: `新微网格${n}` }) },
  { name: "PATCH /api/orgs/:id", expect: manageOrg(200), call: (s, t, n) => s.patch(`/api/orgs/${t.freshMicro.id}`, { version: t.freshMicro.version, name: `改名${n}` }) },
  { name: "POST /api/orgs/:id/move", expect: manageOrg(200), call: (s, t) => s.post(`/api/orgs/${t.freshMicro.id}/move`, { version: t.freshMicro.version, parentId: t.grid.id }) },
  { name: "POST /api/orgs/:id/retire", expect: manageOrg(200), call: (s, t) => s.post(`/api/orgs/${t.freshMicro.id}/retire`, { version: t.freshMicro.version, reason: "合并" }) },
  { name: "GET /api/persons?org", expect: readPeople, call: (s, t) => s.get(`/api/persons?org=${t.grid.id}`) },
  { name: "GET /api/persons/:id", expect: readPeople, call: (s, t) => s.get(`/api/persons/${t.person.id}`) },
  { name: "POST /api/persons", expect: createPerson, call: (s, t) => s.post("/api/persons", { nodeId: t.micro.id, name: "新居民", gender: "F" }) },
  { name: "PATCH /api/persons/:id", expect: managePerson, call: (s, t) => s.patch(`/api/persons/${t.person.id}`, { version: t.person.version, name: "改名居民" }) },
  { name: "DELETE /api/persons/:id", expect: managePerson, call: (s, t) => s.delete(`/api/persons/${t.person.id}`, { version: t.person.version, reason: "迁出" }) },
  { name: "POST /api/persons/:id/reveal", expect: revealPerson, call: (s, t) => s.post(`/api/persons/${t.person.id}/reveal`, { field: "phone" }) },
  { name: "GET /api/households?org", expect: readPeople, call: (s, t) => s.get(`/api/households?org=${t.grid.id}`) },
  { name: "GET /api/figures?org", expect: readFigures, call: (s, t) => s.get(`/api/figures?org=${t.grid.id}`) },
  { name: "GET /api/party-orgs?org", expect: readPartyOrgs, call: (s, t) => s.get(`/api/party-orgs?org=${t.grid.id}`) },
];

/** Routes without a node: one expected status per role. */
const globalRoutes: { name: string; expect: number[]; call(session: Session, n: number): Promise<{ statusCode: number }> }[] = [
  { name: "GET /api/auth/me", expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], call: (s) => s.get("/api/auth/me") },
  { name: "GET /api/orgs/roots", expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403], call: (s) => s.get("/api/orgs/roots") },
  { name: "GET /api/orgs/search", expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403], call: (s) => s.get(`/api/orgs/search?q=${encodeURIComponent("村")}`) },
  { name: "GET /api/departments", expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403], call: (s) => s.get("/api/departments") },
  { name: "GET /api/units", expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403], call: (s) => s.get("/api/units") },
  { name: "GET /api/figures", expect: [200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403], call: (s) => s.get("/api/figures") },
  { name: "GET /api/persons", expect: [200, 200, 403, 200, 200, 200, 403, 200, 403, 403, 403, 403], call: (s) => s.get("/api/persons") },
  { name: "GET /api/accounts", expect: [200, 403, 403, 403, 403, 403, 403, 403, 200, 200, 200, 403], call: (s) => s.get("/api/accounts") },
  {
    name: "POST /api/accounts",
    expect: [403, 403, 403, 403, 403, 403, 403, 403, 201, 403, 403, 403],
    call: (s, n) => s.post("/api/accounts", { username: `new.user${n}`, displayName: "新用户", cityId: null, password: "Fresh#Pass2026" }),
  },
  { name: "GET /api/audit", expect: [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403], call: (s) => s.get("/api/audit") },
  { name: "POST /api/audit/verify", expect: [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403], call: (s) => s.post("/api/audit/verify") },
];

let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;
const sessions = new Map<Role, Session>();
let counter = 0;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
  for (const [role, session] of await signInEveryRole(t)) sessions.set(role, session);
});
afterAll(async () => t.close());

function nodeByCode(code: string) {
  return city.nodes.get(code) ?? other.nodes.get(code)!;
}

/** A fresh target under the grid for each call, so that changing routes never collide with each other. */
async function targetAt(gridCode: string): Promise<Target> {
  counter++;
  const grid = nodeByCode(gridCode);
  const microCode = `${gridCode}M1`;
  const micro = nodeByCode(microCode);
  const [gridRow] = await t.db.select().from(orgNodes).where(eq(orgNodes.id, grid.id));
  const [fresh] = await t.db
    .insert(orgNodes)
    .values({ cityId: gridRow!.cityId, parentId: grid.id, kind: "micro_grid", code: `F${counter}`, name: `临时微网格${counter}`, path: "pending", depth: gridRow!.depth + 1 })
    .returning();
  await t.db.update(orgNodes).set({ path: `${grid.path}${fresh!.id}/` }).where(eq(orgNodes.id, fresh!.id));
  const [person] = await t.db.insert(persons).values({ cityId: gridRow!.cityId, nodeId: micro.id, name: `目标${counter}`, gender: "M", phone: "13811112222" }).returning();
  return { grid: { id: grid.id, code: gridCode }, micro: { id: micro.id }, person: { id: person!.id, version: person!.version }, freshMicro: { id: fresh!.id, version: fresh!.version } };
}

describe.each(nodeRoutes)("$name", (route) => {
  it.each(matrixCases(route.expect))(
    "$role: $inside inside, $outside outside",
    async ({ role, inside, outside }) => {
      const session = sessions.get(role)!;
      const insideResponse = await route.call(session, await targetAt("T1V1G1"), counter);
      const outsideResponse = await route.call(session, await targetAt(outsideGrid[role]), counter);
      expect([insideResponse.statusCode, outsideResponse.statusCode]).toEqual([inside, outside]);
    },
  );
});

describe.each(globalRoutes)("$name", (route) => {
  it.each(roles.map((role, index) => ({ role, status: route.expect[index]! })))("$role: $status", async ({ role, status }) => {
    counter++;
    expect((await route.call(sessions.get(role)!, counter)).statusCode).toBe(status);
  });
});

describe("security administration routes", () => {
  it("only the security administrator grants and revokes roles and unlocks accounts", async () => {
    const target = city.accounts.get("no_role")!;
    for (const role of roles) {
      const grant = await sessions.get(role)!.post(`/api/accounts/${target}/roles`, { role: "leader", nodeId: city.nodes.get("T1")!.id });
      const unlock = await sessions.get(role)!.post(`/api/accounts/${target}/unlock`);
      if (role === "security_admin") {
        expect(grant.statusCode).toBe(201);
        expect(unlock.statusCode).toBe(200);
        const assignment = (grant.json() as { roles: { id: number }[] }).roles[0]!.id;
        expect((await sessions.get("sys_admin")!.delete(`/api/role-assignments/${assignment}`)).statusCode).toBe(403);
        expect((await sessions.get(role)!.delete(`/api/role-assignments/${assignment}`)).statusCode).toBe(200);
      } else {
        expect([role, grant.statusCode, unlock.statusCode]).toEqual([role, 403, 403]);
      }
    }
  });
});
