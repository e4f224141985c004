import { readFileSync, readdirSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { households, loginThrottles, orgNodes, passwordResets, persons, roleAssignments, users } from "./db/schema";
import { createTestContext, seedOtherCity, seedSmallCity, TEST_PASSWORD, type Session, type SmallCity, type TestContext } from "./test/harness";
import { matrixCases, matrixRoles, outsideGrid, row, signInEveryRole, statuses, type MatrixRole, type MatrixRow } from "./test/matrix";

/**
 * Every foundation route, for every demo role, on a target inside the role's subtree and on one outside
 * it (see test/matrix.ts), and the account and own-session routes. The modules' routes have their own
 * matrix files beside this one; the last test here checks that together they name every operation.
 */
const roles = matrixRoles;
type Role = MatrixRole;
type Row = MatrixRow;
const readOrg: Row = [[200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 200], [200, 200], [403, 403], [200, 200], [404, 404]];
const manageOrg = (ok: number): Row => [[ok, 404], [403, 404], [403, 404], [ok, 404], [403, 404], [403, 404], [403, 404], [403, 404], [403, 403], [403, 403], [403, 403], [403, 403], [404, 404]];
const readPeople: Row = [[200, 404], [200, 404], [403, 403], [200, 404], [200, 404], [200, 404], [403, 403], [200, 404], [403, 403], [403, 403], [403, 403], [403, 403], [403, 403]];
const createPerson: Row = [[201, 404], [403, 404], [403, 404], [201, 404], [201, 404], [201, 404], [403, 404], [403, 404], [403, 403], [403, 403], [403, 403], [403, 403], [404, 404]];
const managePerson: Row = [[200, 404], [403, 404], [403, 403], [200, 404], [200, 404], [200, 404], [403, 403], [403, 404], [403, 403], [403, 403], [403, 403], [403, 403], [403, 403]];
const revealPerson: Row = [[403, 404], [403, 404], [403, 403], [200, 404], [200, 404], [200, 404], [403, 403], [403, 404], [403, 403], [403, 403], [403, 403], [403, 403], [403, 403]];
const readFigures: Row = [[200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [403, 403], [403, 403], [403, 403], [200, 200], [403, 403]];
const readPartyOrgs: Row = [[200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 404], [200, 200], [200, 200], [403, 403], [200, 200], [403, 403]];

interface Target {
  grid: { id: number; code: string };
  micro: { id: number };
  person: { id: number; version: number };
  household: { id: number };
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
  { name: "GET /api/orgs/:id/descendants", expect: readOrg, call: (s, t) => s.get(`/api/orgs/${t.grid.id}/descendants?kind=micro_grid`) },
  { name: "GET /api/households/:id", expect: readPeople, call: (s, t) => s.get(`/api/households/${t.household.id}`) },
  { name: "GET /api/households?org", expect: readPeople, call: (s, t) => s.get(`/api/households?org=${t.grid.id}`) },
  { name: "GET /api/figures?org", expect: readFigures, call: (s, t) => s.get(`/api/figures?org=${t.grid.id}`) },
  { name: "GET /api/party-orgs?org", expect: readPartyOrgs, call: (s, t) => s.get(`/api/party-orgs?org=${t.grid.id}`) },
];

/** Routes without a node: one expected status per role. */
const globalRoutes: { name: string; expect: number[]; call(session: Session, n: number): Promise<{ statusCode: number }> }[] = [
  { name: "GET /api/health", expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], call: (s) => s.get("/api/health") },
  { name: "GET /api/auth/me", expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], call: (s) => s.get("/api/auth/me") },
  { name: "GET /api/orgs/roots", expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 403], call: (s) => s.get("/api/orgs/roots") },
  { name: "GET /api/orgs/search", expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 403], call: (s) => s.get(`/api/orgs/search?q=${encodeURIComponent("村")}`) },
  { name: "GET /api/departments", expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 403], call: (s) => s.get("/api/departments") },
  { name: "GET /api/units", expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 403], call: (s) => s.get("/api/units") },
  { name: "GET /api/figures", expect: [200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 200, 403], call: (s) => s.get("/api/figures") },
  { name: "GET /api/persons", expect: [200, 200, 403, 200, 200, 200, 403, 200, 403, 403, 403, 403, 403], call: (s) => s.get("/api/persons") },
  { name: "GET /api/accounts", expect: [200, 403, 403, 403, 403, 403, 403, 403, 200, 200, 200, 403, 403], call: (s) => s.get("/api/accounts") },
  {
    name: "POST /api/accounts",
    expect: [403, 403, 403, 403, 403, 403, 403, 403, 201, 403, 403, 403, 403],
    call: (s, n) => s.post("/api/accounts", { username: `new.user${n}`, displayName: "新用户", cityId: null, password: "Fresh#Pass2026" }),
  },
  { name: "GET /api/password-resets", expect: statuses("403 403 403 403 403 403 403 403 200 200 403 403 403"), call: (s) => s.get("/api/password-resets") },
  { name: "GET /api/security/login-attempts", expect: statuses("403 403 403 403 403 403 403 403 403 200 403 403 403"), call: (s) => s.get("/api/security/login-attempts") },
  { name: "GET /api/security/login-locks", expect: statuses("403 403 403 403 403 403 403 403 403 200 403 403 403"), call: (s) => s.get("/api/security/login-locks") },
  {
    name: "POST /api/security/login-locks/clear",
    expect: statuses("403 403 403 403 403 403 403 403 403 200 403 403 403"),
    call: async (s, n) => {
      const key = `ip:10.99.${n >> 8}.${n & 255}`;
      await t.db.insert(loginThrottles).values({ key, failures: 0, locks: 1, lastFailureAt: t.clock.now(), lockedUntil: new Date(t.clock.now().getTime() + 60_000) });
      return s.post("/api/security/login-locks/clear", { key });
    },
  },
  { name: "GET /api/audit", expect: [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403], call: (s) => s.get("/api/audit") },
  { name: "POST /api/audit/verify", expect: [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403], call: (s) => s.post("/api/audit/verify") },
  { name: "GET /api/audit/checkpoints", expect: [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403], call: (s) => s.get("/api/audit/checkpoints") },
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
  const [household] = await t.db.insert(households).values({ cityId: gridRow!.cityId, nodeId: micro.id, code: `H${counter}`, address: `目标户${counter}` }).returning();
  return {
    grid: { id: grid.id, code: gridCode },
    micro: { id: micro.id },
    person: { id: person!.id, version: person!.version },
    household: { id: household!.id },
    freshMicro: { id: fresh!.id, version: fresh!.version },
  };
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

/**
 * Accounts belong to a city, not to a node: inside is an account of the small city, outside one of
 * the other city. Only the system roles reach every city's accounts.
 */
interface AccountTarget {
  id: number;
  version: number;
  assignmentId: number;
  township: number;
  /** A reset of the account that waits for approval. */
  reset: { id: number; version: number };
}

async function accountIn(where: "inside" | "outside"): Promise<AccountTarget> {
  counter++;
  const cityId = where === "inside" ? city.cityId : other.cityId;
  const township = where === "inside" ? city.nodes.get("T2")!.id : other.nodes.get("OT1")!.id;
  const [user] = await t.db.insert(users).values({ username: `target.${where}${counter}`, displayName: `目标账号${counter}`, cityId, passwordHash: "unused" }).returning();
  const [assignment] = await t.db.insert(roleAssignments).values({ userId: user!.id, role: "leader", nodeId: township, cityId }).returning();
  const [reset] = await t.db
    .insert(passwordResets)
    .values({ userId: user!.id, status: "pending", passwordHash: "unused", requestedBy: city.accounts.get("sys_admin")!, requestedAt: t.clock.now() })
    .returning();
  return { id: user!.id, version: user!.version, assignmentId: assignment!.id, township, reset: { id: reset!.id, version: reset!.version } };
}

const accountRoutes: { name: string; expect: Row; call(session: Session, target: AccountTarget, n: number): Promise<{ statusCode: number }> }[] = [
  { name: "GET /api/accounts/:id", expect: row("200/404 403/403 403/403 403/403 403/403 403/403 403/403 403/403 200/200 200/200 200/200 403/403 403/403"), call: (s, a) => s.get(`/api/accounts/${a.id}`) },
  {
    name: "PATCH /api/accounts/:id",
    expect: row("403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 200/200 403/403 403/403 403/403 403/403"),
    call: (s, a, n) => s.patch(`/api/accounts/${a.id}`, { version: a.version, displayName: `改名账号${n}` }),
  },
  {
    name: "POST /api/accounts/:id/reset-password",
    expect: row("403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 200/200 403/403 403/403 403/403 403/403"),
    call: (s, a) => s.post(`/api/accounts/${a.id}/reset-password`, { version: a.version, password: "Reset#Pass2026" }),
  },
  { name: "POST /api/accounts/:id/unlock", expect: row("403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 200/200 403/403 403/403 403/403"), call: (s, a) => s.post(`/api/accounts/${a.id}/unlock`) },
  {
    name: "POST /api/accounts/:id/revoke-sessions",
    expect: row("403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 200/200 403/403 403/403 403/403"),
    call: (s, a) => s.post(`/api/accounts/${a.id}/revoke-sessions`),
  },
  {
    name: "POST /api/accounts/:id/roles",
    expect: row("403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 201/201 403/403 403/403 403/403"),
    call: (s, a) => s.post(`/api/accounts/${a.id}/roles`, { role: "supervisor", nodeId: a.township }),
  },
  {
    name: "POST /api/password-resets/:id/approve",
    expect: row("403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 200/200 403/403 403/403 403/403"),
    call: (s, a) => s.post(`/api/password-resets/${a.reset.id}/approve`, { version: a.reset.version }),
  },
  {
    name: "POST /api/password-resets/:id/reject",
    expect: row("403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 200/200 403/403 403/403 403/403"),
    call: (s, a) => s.post(`/api/password-resets/${a.reset.id}/reject`, { version: a.reset.version }),
  },
  {
    name: "DELETE /api/role-assignments/:id",
    expect: row("403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 200/200 403/403 403/403 403/403"),
    call: (s, a) => s.delete(`/api/role-assignments/${a.assignmentId}`),
  },
];

describe.each(accountRoutes)("$name", (route) => {
  it.each(matrixCases(route.expect))("$role: $inside inside, $outside outside", async ({ role, inside, outside }) => {
    const session = sessions.get(role)!;
    const insideResponse = await route.call(session, await accountIn("inside"), counter);
    const outsideResponse = await route.call(session, await accountIn("outside"), counter);
    expect([insideResponse.statusCode, outsideResponse.statusCode]).toEqual([inside, outside]);
  });
});

/** The caller's own session and password: every account may, whatever it holds, on a session of its own. */
const ownRoutes: { name: string; expect: number[]; call(session: Session): Promise<{ statusCode: number }> }[] = [
  // Each role's own work, from the lists in its reach (tested item by item in modules/workbench).
  { name: "GET /api/workbench", expect: statuses("200 200 200 200 200 200 200 200 200 200 200 200 200"), call: (s) => s.get("/api/workbench") },
  { name: "POST /api/auth/logout", expect: statuses("200 200 200 200 200 200 200 200 200 200 200 200 200"), call: (s) => s.post("/api/auth/logout") },
  { name: "POST /api/auth/logout-all", expect: statuses("200 200 200 200 200 200 200 200 200 200 200 200 200"), call: (s) => s.post("/api/auth/logout-all") },
  {
    name: "POST /api/auth/password",
    expect: statuses("200 200 200 200 200 200 200 200 200 200 200 200 200"),
    call: async (s) => {
      const changed = await s.post("/api/auth/password", { currentPassword: TEST_PASSWORD, newPassword: "Changed#Pass2026" });
      if (changed.statusCode !== 200) return changed;
      return s.post("/api/auth/password", { currentPassword: "Changed#Pass2026", newPassword: TEST_PASSWORD });
    },
  },
];

describe.each(ownRoutes)("$name", (route) => {
  it.each(matrixRoles.map((role, index) => ({ role, status: route.expect[index]! })))("$role: $status", async ({ role, status }) => {
    expect((await route.call(await t.login(role))).statusCode).toBe(status);
  });
});

describe("POST /api/auth/login", () => {
  it.each([...matrixRoles])("%s signs in with their own password, and not with another", async (role) => {
    const right = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: role, password: TEST_PASSWORD } });
    const wrong = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: role, password: "Wrong#Pass2026" } });
    expect([right.statusCode, wrong.statusCode]).toEqual([200, 401]);
  });
});

describe("the matrix as a whole", () => {
  it("names every operation of the API in one of the matrix files, the Open311 routes hidden from the document too", () => {
    const text = readdirSync(import.meta.dirname)
      .filter((file) => file.startsWith("scope-matrix"))
      .map((file) => readFileSync(`${import.meta.dirname}/${file}`, "utf8"))
      .join("\n");
    const named = new Set([...text.matchAll(/"(GET|POST|PATCH|PUT|DELETE) (\/[^"?\s]*)/g)].map((match) => `${match[1]} ${match[2]}`));
    // The API and the Open311 port; the rest are the OpenAPI viewer and the web app's files.
    const operations = t.app.operations.filter((op) => op.url.startsWith("/api/") || op.url.startsWith("/open311/")).map((op) => `${op.method} ${op.url}`);
    expect(operations.some((operation) => operation.startsWith("POST /open311/"))).toBe(true);
    expect(operations.filter((operation) => !named.has(operation))).toEqual([]);
  });
});
