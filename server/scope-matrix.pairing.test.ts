import { eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { households, memberReports, pairings, partyOrgs, persons, posts, suggestions, units, users, visits } from "./db/schema";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "./test/harness";
import { fixtureAccount, insideGrid, matrixCases, matrixRoles, outsideGrid, row, signInEveryRole, statuses, succeeded, type MatrixRole, type MatrixRow } from "./test/matrix";

/**
 * The pairing module (pairings, visits, coverage, suggestions, the conflict register, party members in
 * service) for every demo role on a target inside its subtree and one outside it (see test/matrix.ts).
 * Records are made by a fixture account of each city (a campaign administrator) or put in place
 * directly; the leader's and the township cadre's accounts are persons paired with the inside household,
 * so that a visit there succeeds for them alone.
 */

// Roles in matrixRoles order: campaign_admin leader unit_staff township_cadre village_secretary grid_worker
// department_handler supervisor sys_admin security_admin audit_admin no_role.
/** pairing.read, asked for first: a role without it learns nothing of the record either way. */
const read = row("200/404 200/404 403/403 200/404 200/404 403/403 403/403 200/404 403/403 403/403 403/403 403/403 403/403");
const manage = (ok: number) => row(`${ok}/404 403/403 403/403 ${ok}/404 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403`);
/** Only the paired person visits: the leader and the cadre are paired with the inside household; nobody with the outside one. */
const visit = row("403/403 201/404 403/403 201/404 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403");
const openEntry = row("201/404 403/403 403/403 201/404 201/404 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403");
/** Readers of the register see the entry; those who may not change it get 403 inside. */
const changeEntry = row("200/404 403/404 403/403 200/404 200/404 403/403 403/403 403/404 403/403 403/403 403/403 403/403 403/403");
const reveal = row("403/404 403/404 403/403 200/404 200/404 403/403 403/403 403/404 403/403 403/403 403/403 403/403 403/403");
const serviceRead = row("200/404 200/404 200/404 200/404 200/404 403/403 403/403 200/404 403/403 403/403 403/403 403/403 403/403");
const serviceManage = (ok: number) => row(`${ok}/404 403/403 403/403 ${ok}/404 ${ok}/404 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403`);
const everyReader = statuses("200 200 403 200 200 403 403 200 403 403 403 403 403");
/** A party member's own sign-up: only the leader's person reports to a community (the inside village); for everyone else there is nothing (404). */
const ownSignup = row("404/404 200/404 404/404 404/404 404/404 404/404 404/404 404/404 404/404 404/404 404/404 404/404 404/404");

type Response = LightMyRequestResponse;
interface Target {
  id: number;
  version: number;
  grid: string;
  photoId?: number;
  person?: number;
}
interface RecordRoute {
  name: string;
  expect: MatrixRow;
  target(grid: string): Promise<Target>;
  call(session: Session, target: Target, n: number): Promise<Response>;
}

let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;
let sessions: Map<MatrixRole, Session>;
let here: Session;
let there: Session;
let counter = 0;
/** Per city: a township cadre (for pairings) and the person responsible for register entries. */
const staff = new Map<"here" | "there", { cadre: number; responsible: number; unit: number }>();
const paired = {} as { leader: number; cadre: number };

const nodeByCode = (code: string) => city.nodes.get(code) ?? other.nodes.get(code)!;
const inOtherCity = (grid: string) => grid.startsWith("O");
const cityOf = (grid: string) => (inOtherCity(grid) ? other.cityId : city.cityId);
const staffOf = (grid: string) => staff.get(inOtherCity(grid) ? "there" : "here")!;
const fixtureFor = (grid: string) => (inOtherCity(grid) ? there : here);
/** The village (or community) the grid lies in: its code without the grid's "G1". */
const villageOf = (grid: string) => nodeByCode(grid.replace(/G1$/, ""));
/** A tiny real PNG, as the deeds' evidence photo. */
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000" + "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5f2b1a40000000049454e44ae426082", "hex").toString("base64");
const made = <T = { id: number; version: number }>(response: Promise<Response>, status = 200) => succeeded<T>(response, status);

async function personAt(nodeCode: string, post?: string): Promise<number> {
  const cityId = nodeCode.startsWith("O") ? other.cityId : city.cityId;
  const [row] = await t.db.insert(persons).values({ cityId, nodeId: nodeByCode(nodeCode).id, name: `党员${++counter}`, gender: "F", isPartyMember: true }).returning();
  if (post) await t.db.insert(posts).values({ cityId, personId: row!.id, nodeId: nodeByCode(nodeCode).id, post, title: post });
  return row!.id;
}

async function householdAt(grid: string): Promise<number> {
  const [row] = await t.db.insert(households).values({ cityId: cityOf(grid), nodeId: nodeByCode(`${grid}M1`).id, code: `H${++counter}`, address: "某街1号" }).returning();
  return row!.id;
}

const place = async (grid: string): Promise<Target> => ({ id: nodeByCode(grid).id, version: 0, grid });
const village = async (grid: string): Promise<Target> => ({ id: villageOf(grid).id, version: 0, grid });
const freshHousehold = async (grid: string): Promise<Target> => ({ id: await householdAt(grid), version: 0, grid });

async function pairingAt(grid: string): Promise<Target> {
  const household = await householdAt(grid);
  const pairing = await made(fixtureFor(grid).post("/api/pairings", { personId: staffOf(grid).cadre, post: "township_cadre", target: "household", householdId: household, reason: "联户" }), 201);
  return { id: pairing.id, version: pairing.version, grid };
}

/** A household the leader's and the cadre's persons are both paired with (inside only). */
async function visitable(grid: string): Promise<Target> {
  const household = await householdAt(grid);
  if (!inOtherCity(grid) && grid === insideGrid) {
    const nodeId = nodeByCode(`${grid}M1`).id;
    await t.db.insert(pairings).values([
      { cityId: city.cityId, personId: paired.leader, post: "county_leader", target: "household", householdId: household, nodeId, startedOn: "2026-01-01", reason: "包联" },
      { cityId: city.cityId, personId: paired.cadre, post: "township_cadre", target: "household", householdId: household, nodeId, startedOn: "2026-01-01", reason: "联户" },
    ]);
  }
  return { id: household, version: 0, grid };
}

/** A visit put in place directly: the city's township cadre paired with a fresh household and visiting it. */
async function visitAt(grid: string): Promise<Target> {
  const household = await householdAt(grid);
  const nodeId = nodeByCode(`${grid}M1`).id;
  const [pairing] = await t.db.insert(pairings).values({ cityId: cityOf(grid), personId: staffOf(grid).cadre, post: "township_cadre", target: "household", householdId: household, nodeId, startedOn: "2026-01-01", reason: "联户" }).returning();
  const [visit] = await t.db
    .insert(visits)
    .values({ cityId: cityOf(grid), pairingId: pairing!.id, personId: staffOf(grid).cadre, householdId: household, nodeId, visitedOn: "2026-01-02", met: "户主", findings: "家中平安" })
    .returning();
  return { id: visit!.id, version: 0, grid };
}

async function suggestionAt(grid: string): Promise<Target> {
  const [row] = await t.db.insert(suggestions).values({ cityId: cityOf(grid), nodeId: nodeByCode(grid).id, content: "建议修路" }).returning();
  return { id: row!.id, version: row!.version, grid };
}

const entryBody = (grid: string) => ({ nodeId: nodeByCode(grid).id, kind: "neighbours", summary: "邻里争执", parties: "甲与乙", riskLevel: 1, source: "hotline", responsiblePersonId: staffOf(grid).responsible });

async function entryAt(grid: string, resulted = false): Promise<Target> {
  let entry = await made(fixtureFor(grid).post("/api/pairing/conflicts", entryBody(grid)), 201);
  if (resulted) entry = await made(fixtureFor(grid).post(`/api/pairing/conflicts/${entry.id}/result`, { version: entry.version, result: "resolved", note: "已调解" }));
  return { id: entry.id, version: entry.version, grid };
}

async function organAt(grid: string): Promise<Target> {
  const cityId = cityOf(grid);
  const [org] = await t.db
    .insert(partyOrgs)
    .values({ cityId, nodeId: nodeByCode(inOtherCity(grid) ? "O" : "C").id, unitId: staffOf(grid).unit, kind: "branch", code: `P${++counter}`, name: `机关支部${counter}` })
    .returning();
  return { id: org!.id, version: 0, grid };
}

async function reportAt(grid: string): Promise<Target> {
  const person = await personAt(`${grid}M1`);
  const report = await made(fixtureFor(grid).post("/api/service/members", { personId: person, nodeId: villageOf(grid).id, post: "楼栋长" }), 201);
  return { id: report.id, version: report.version, grid };
}

async function deedAt(grid: string): Promise<Target> {
  const deed = await made<{ id: number; version: number; photoIds: number[] }>(
    fixtureFor(grid).post("/api/service/deeds", { nodeId: villageOf(grid).id, title: "修缮路灯", description: "修缮村内路灯8盏", beneficiaries: 40, photos: [PNG] }),
    201,
  );
  return { id: deed.id, version: deed.version, grid, photoId: deed.photoIds[0] };
}

async function shiftAt(grid: string): Promise<Target & { person: number }> {
  const call = await made<{ shifts: { id: number }[] }>(
    fixtureFor(grid).post("/api/service/calls", { nodeId: villageOf(grid).id, title: "防疫值守", kind: "防疫", shifts: [{ day: "2099-01-01", slot: "上午", capacity: 5 }] }),
    201,
  );
  const person = await personAt(`${grid}M1`);
  await made(fixtureFor(grid).post(`/api/service/shifts/${call.shifts[0]!.id}/signups`, { personId: person }));
  return { id: call.shifts[0]!.id, version: 0, grid, person };
}

async function teamAt(grid: string): Promise<Target> {
  const team = await made(fixtureFor(grid).post("/api/service/teams", { nodeId: villageOf(grid).id, name: `服务队${++counter}`, focus: "助老" }), 201);
  return { id: team.id, version: 0, grid };
}

const recordRoutes: RecordRoute[] = [
  { name: "GET /api/pairings?org", expect: read, target: place, call: (s, x) => s.get(`/api/pairings?org=${x.id}`) },
  { name: "GET /api/pairings?org&due", expect: read, target: place, call: (s, x) => s.get(`/api/pairings?org=${x.id}&due=true`) },
  {
    name: "POST /api/pairings",
    expect: manage(201),
    target: freshHousehold,
    call: (s, x) => s.post("/api/pairings", { personId: staffOf(x.grid).cadre, post: "township_cadre", target: "household", householdId: x.id, reason: "联户" }),
  },
  { name: "POST /api/pairings/:id/end", expect: manage(200), target: pairingAt, call: (s, x) => s.post(`/api/pairings/${x.id}/end`, { version: x.version, reason: "调任" }) },
  { name: "GET /api/pairing/coverage?org", expect: read, target: place, call: (s, x) => s.get(`/api/pairing/coverage?org=${x.id}`) },
  { name: "GET /api/pairing/visits?org", expect: read, target: place, call: (s, x) => s.get(`/api/pairing/visits?org=${x.id}`) },
  { name: "POST /api/pairing/visits", expect: visit, target: visitable, call: (s, x) => s.post("/api/pairing/visits", { householdId: x.id, met: "户主", findings: "家中平安" }) },
  { name: "POST /api/pairing/visits/:id/reveal", expect: reveal, target: visitAt, call: (s, x) => s.post(`/api/pairing/visits/${x.id}/reveal`) },
  { name: "GET /api/pairing/suggestions?org", expect: read, target: place, call: (s, x) => s.get(`/api/pairing/suggestions?org=${x.id}`) },
  {
    name: "POST /api/pairing/suggestions/:id/answer",
    expect: manage(200),
    target: suggestionAt,
    call: (s, x) => s.post(`/api/pairing/suggestions/${x.id}/answer`, { version: x.version, answer: "已采纳", answeredByName: "镇党委" }),
  },
  { name: "GET /api/pairing/conflicts?org", expect: read, target: place, call: (s, x) => s.get(`/api/pairing/conflicts?org=${x.id}`) },
  { name: "GET /api/pairing/conflicts/export?org", expect: read, target: place, call: (s, x) => s.get(`/api/pairing/conflicts/export?org=${x.id}`) },
  { name: "GET /api/pairing/conflicts/:id", expect: read, target: (grid) => entryAt(grid), call: (s, x) => s.get(`/api/pairing/conflicts/${x.id}`) },
  { name: "POST /api/pairing/conflicts", expect: openEntry, target: place, call: (s, x) => s.post("/api/pairing/conflicts", entryBody(x.grid)) },
  { name: "PATCH /api/pairing/conflicts/:id", expect: changeEntry, target: (grid) => entryAt(grid), call: (s, x) => s.patch(`/api/pairing/conflicts/${x.id}`, { version: x.version, riskLevel: 2 }) },
  {
    name: "POST /api/pairing/conflicts/:id/steps",
    expect: changeEntry,
    target: (grid) => entryAt(grid),
    call: (s, x) => s.post(`/api/pairing/conflicts/${x.id}/steps`, { version: x.version, kind: "mediation", note: "调解" }),
  },
  {
    name: "POST /api/pairing/conflicts/:id/result",
    expect: changeEntry,
    target: (grid) => entryAt(grid),
    call: (s, x) => s.post(`/api/pairing/conflicts/${x.id}/result`, { version: x.version, result: "agreement", note: "签订协议" }),
  },
  { name: "POST /api/pairing/conflicts/:id/close", expect: changeEntry, target: (grid) => entryAt(grid, true), call: (s, x) => s.post(`/api/pairing/conflicts/${x.id}/close`, { version: x.version }) },
  { name: "DELETE /api/pairing/conflicts/:id", expect: changeEntry, target: (grid) => entryAt(grid), call: (s, x) => s.delete(`/api/pairing/conflicts/${x.id}`, { version: x.version, reason: "误登" }) },
  { name: "POST /api/pairing/conflicts/:id/reveal", expect: reveal, target: (grid) => entryAt(grid), call: (s, x) => s.post(`/api/pairing/conflicts/${x.id}/reveal`) },
  { name: "GET /api/service/organ-pairings?org", expect: serviceRead, target: place, call: (s, x) => s.get(`/api/service/organ-pairings?org=${x.id}`) },
  { name: "POST /api/service/organ-pairings", expect: serviceManage(201), target: organAt, call: (s, x) => s.post("/api/service/organ-pairings", { partyOrgId: x.id, nodeId: villageOf(x.grid).id }) },
  { name: "GET /api/service/communities?org", expect: serviceRead, target: place, call: (s, x) => s.get(`/api/service/communities?org=${x.id}`) },
  { name: "GET /api/service/members?org", expect: serviceRead, target: place, call: (s, x) => s.get(`/api/service/members?org=${x.id}`) },
  {
    name: "POST /api/service/members",
    expect: serviceManage(201),
    target: async (grid) => ({ id: await personAt(`${grid}M1`), version: 0, grid }),
    call: (s, x) => s.post("/api/service/members", { personId: x.id, nodeId: villageOf(x.grid).id, post: "楼栋长" }),
  },
  { name: "POST /api/service/members/:id/hours", expect: serviceManage(200), target: reportAt, call: (s, x) => s.post(`/api/service/members/${x.id}/hours`, { version: x.version, minutes: 60, note: "值守" }) },
  { name: "GET /api/service/teams?org", expect: serviceRead, target: place, call: (s, x) => s.get(`/api/service/teams?org=${x.id}`) },
  { name: "POST /api/service/teams", expect: serviceManage(201), target: village, call: (s, x, n) => s.post("/api/service/teams", { nodeId: x.id, name: `新队${n}`, focus: "巡逻" }) },
  {
    name: "POST /api/service/teams/:id/members",
    expect: serviceManage(200),
    target: teamAt,
    call: async (s, x) => s.post(`/api/service/teams/${x.id}/members`, { personId: await personAt(`${x.grid}M1`) }),
  },
  { name: "GET /api/service/deeds?org", expect: serviceRead, target: place, call: (s, x) => s.get(`/api/service/deeds?org=${x.id}`) },
  {
    name: "POST /api/service/deeds",
    expect: serviceManage(201),
    target: village,
    call: (s, x) => s.post("/api/service/deeds", { nodeId: x.id, title: "送医上门", description: "为行动不便老人送药", beneficiaries: 3 }),
  },
  { name: "POST /api/service/deeds/:id/rating", expect: serviceManage(200), target: deedAt, call: (s, x) => s.post(`/api/service/deeds/${x.id}/rating`, { version: x.version, rating: 4 }) },
  { name: "POST /api/service/deeds/:id/publish", expect: serviceManage(200), target: deedAt, call: (s, x) => s.post(`/api/service/deeds/${x.id}/publish`, { version: x.version, published: true }) },
  { name: "GET /api/service/deeds/:id/photos/:photoId", expect: serviceRead, target: deedAt, call: (s, x) => s.get(`/api/service/deeds/${x.id}/photos/${x.photoId}`) },
  { name: "GET /api/service/calls?org", expect: serviceRead, target: place, call: (s, x) => s.get(`/api/service/calls?org=${x.id}`) },
  {
    name: "POST /api/service/calls",
    expect: serviceManage(201),
    target: village,
    call: (s, x) => s.post("/api/service/calls", { nodeId: x.id, title: "防汛", kind: "防汛", shifts: [{ day: "2099-06-01", slot: "夜间", capacity: 3 }] }),
  },
  {
    name: "POST /api/service/shifts/:id/signups",
    expect: serviceManage(200),
    target: shiftAt,
    call: async (s, x) => s.post(`/api/service/shifts/${x.id}/signups`, { personId: await personAt(`${x.grid}M1`) }),
  },
  { name: "POST /api/service/shifts/:id/signups/mine", expect: ownSignup, target: shiftAt, call: (s, x) => s.post(`/api/service/shifts/${x.id}/signups/mine`, {}) },
  { name: "POST /api/service/shifts/:id/attendance", expect: serviceManage(200), target: shiftAt, call: (s, x) => s.post(`/api/service/shifts/${x.id}/attendance`, { personId: x.person, attended: true }) },
];

const globalRoutes = [
  { name: "GET /api/pairing/mine", expect: everyReader, call: (s: Session) => s.get("/api/pairing/mine") },
  // Everyone signed in may ask; only a reporting party member (the leader's person) has a community.
  { name: "GET /api/service/calls/mine", expect: statuses("404 200 404 404 404 404 404 404 404 404 404 404 404"), call: (s: Session) => s.get("/api/service/calls/mine") },
  { name: "GET /api/pairing/settings", expect: everyReader, call: (s: Session) => s.get("/api/pairing/settings") },
  {
    name: "PUT /api/pairing/settings",
    // Only pairing.manage at the city's root: the campaign office. The township cadre manages pairings in T1 only.
    expect: statuses("200 403 403 403 403 403 403 403 403 403 403 403 403"),
    call: async (s: Session) => {
      const { version } = (await here.get("/api/pairing/settings")).json() as { version: number };
      return s.request({ method: "PUT", url: "/api/pairing/settings", payload: { version, periodMonths: 3 } });
    },
  },
];

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
  await fixtureAccount(t, { username: "office.here", cityId: city.cityId, role: "campaign_admin", nodeId: nodeByCode("C").id });
  await fixtureAccount(t, { username: "office.there", cityId: other.cityId, role: "campaign_admin", nodeId: nodeByCode("O").id });
  here = await t.login("office.here");
  there = await t.login("office.there");
  for (const [key, root, township] of [["here", "C", "T1"], ["there", "O", "OT1"]] as const) {
    const cityId = key === "here" ? city.cityId : other.cityId;
    const [unit] = await t.db.insert(units).values({ cityId, nodeId: nodeByCode(root).id, code: `U${key}`, name: "市委组织部", kind: "organ" }).returning();
    staff.set(key, { cadre: await personAt(township, "township_cadre"), responsible: await personAt(township), unit: unit!.id });
  }
  paired.leader = await personAt("C", "county_leader");
  paired.cadre = await personAt("T1", "township_cadre");
  await t.db.update(users).set({ personId: paired.leader }).where(eq(users.username, "leader"));
  await t.db.insert(memberReports).values({ cityId: city.cityId, personId: paired.leader, nodeId: villageOf(insideGrid).id, post: "志愿者", reportedOn: "2026-01-01" });
  await t.db.update(users).set({ personId: paired.cadre }).where(eq(users.username, "township_cadre"));
  sessions = await signInEveryRole(t);
});
afterAll(async () => t.close());

describe("records and nodes", () => {
  describe.each(recordRoutes)("$name", (route) => {
    const targets = new Map<MatrixRole, [Target, Target]>();
    beforeAll(async () => {
      for (const role of matrixRoles) targets.set(role, [await route.target(insideGrid), await route.target(outsideGrid[role])]);
    });
    it.each(matrixCases(route.expect))("$role: $inside inside, $outside outside", async ({ role, inside, outside }) => {
      const session = sessions.get(role)!;
      const [insideTarget, outsideTarget] = targets.get(role)!;
      const insideResponse = await route.call(session, insideTarget, ++counter);
      const outsideResponse = await route.call(session, outsideTarget, ++counter);
      expect([insideResponse.statusCode, outsideResponse.statusCode]).toEqual([inside, outside]);
    });
  });
});

describe("routes without a node", () => {
  describe.each(globalRoutes)("$name", (route) => {
    it.each(matrixRoles.map((role, index) => ({ role, status: route.expect[index]! })))("$role: $status", async ({ role, status }) => {
      expect((await route.call(sessions.get(role)!)).statusCode).toBe(status);
    });
  });
});

describe("the public side", () => {
  it("GET /api/public/deeds answers every role and an anonymous caller alike", async () => {
    const answers = [];
    for (const role of matrixRoles) answers.push((await sessions.get(role)!.get("/api/public/deeds?city=testcity")).statusCode);
    answers.push((await t.app.inject({ method: "GET", url: "/api/public/deeds?city=testcity" })).statusCode);
    expect(answers).toEqual(Array(matrixRoles.length + 1).fill(200));
  });
});

describe("every route of the pairing module has a row", () => {
  it("covers each operation of the OpenAPI document tagged pairing or service", () => {
    const document = t.app.swagger() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => operation.tags?.some((tag) => tag === "pairing" || tag === "service"))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    const rows = new Set([...recordRoutes, ...globalRoutes].map((route) => route.name.split("?")[0]!.replace(/:(\w+)/g, "{$1}")));
    expect(operations.length).toBeGreaterThan(25);
    expect(operations.filter((operation) => !rows.has(operation))).toEqual([]);
    expect([...rows].filter((name) => !operations.includes(name))).toEqual([]);
  });
});
