import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentFunctions, departments, households, orgNodes, persons } from "./db/schema";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "./test/harness";
import { fixtureAccount, succeeded, type MatrixRole } from "./test/matrix";
import { ManualClock } from "./platform/clock";
import { sweepOverdue } from "./modules/problems/overdue";

/**
 * What each list, export, map, stats and figures route returns, not only its status: one record of each
 * kind at every level (city, township, village, two grids of one village, a micro-grid, the neighbouring
 * village and township, another city). Every item a role gets lies in its subtree, the records just
 * outside it (above, beside, the sibling grid, the other city) are absent, and those inside are all there.
 */
const SITES = ["C", "T1", "T1V1", "T1V1G1", "T1V1G1M1", "T1V1G2", "T1V1G2M1", "T1V2G1", "T2V1G1", "O", "OT1V1G1"] as const;
/** The sites whose problem is assigned and then runs past its deadline: the supervision list holds only these. */
const SUPERVISED = new Set<string>(["C", "T1V1", "T1V1G1M1", "T1V1G2", "T2V1G1", "OT1V1G1"]);
/** Events are routed by point to a micro-grid: one in each micro-grid that has a polygon. */
const EVENT_SITES = ["T1V1G1M1", "T1V1G2M1", "T1V2G1M1", "T2V1G1M1", "OT1V1G1M1"] as const;
const SQUARE_OF: Record<(typeof EVENT_SITES)[number], number> = { T1V1G1M1: 0, T1V1G2M1: 1, T1V2G1M1: 2, T2V1G1M1: 3, OT1V1G1M1: 4 };
/** The events dispatched, and to which of the city's two departments (by index); the others stay reported. */
const DISPATCHED = { T1V1G1M1: 0, T1V2G1M1: 1 } as const;
/** The events of the department the handler is bound to. */
const handlerEvents = new Set<number>();

const HOMES: Partial<Record<MatrixRole, string>> = {
  campaign_admin: "C",
  leader: "C",
  unit_staff: "C",
  department_handler: "C",
  township_cadre: "T1",
  supervisor: "T1",
  village_secretary: "T1V1",
  grid_worker: "T1V1G1",
};
const ROLES = Object.keys(HOMES) as MatrixRole[];

let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;
const nodes = new Map<string, { id: number; path: string; name: string }>();
const pathOfId = new Map<number, string>();
const sessions = new Map<MatrixRole, Session>();
const office = {} as Record<"here" | "there", Session>;
/** Each kind's fixture records: id (or code) → the node it lies at. */
const records = {
  problems: new Map<number, string>(),
  problemCodes: new Map<string, string>(),
  supervised: new Map<number, string>(),
  clues: new Map<number, string>(),
  persons: new Map<number, string>(),
  households: new Map<number, string>(),
  events: new Map<number, string>(),
};

const square = (index: number) => [[[110 + index / 10, 35], [110.1 + index / 10, 35], [110.1 + index / 10, 35.1], [110 + index / 10, 35.1], [110 + index / 10, 35]]];
const pathOf = (code: string) => nodes.get(code)!.path;
const within = (path: string, home: string) => path.startsWith(pathOf(home));
const officeFor = (site: string) => (site.startsWith("O") ? office.there : office.here);

async function addNode(cityId: number, code: string, name: string, kind: string, parentCode: string) {
  const parent = nodes.get(parentCode)!;
  const [row] = await t.db.insert(orgNodes).values({ cityId, parentId: parent.id, kind, code, name, path: "pending", depth: parent.path.split("/").filter(Boolean).length }).returning();
  const path = `${parent.path}${row!.id}/`;
  await t.db.update(orgNodes).set({ path }).where(sql`id = ${row!.id}`);
  nodes.set(code, { id: row!.id, path, name });
}

/** The city's grids, two departments with a function each, and one event type either may handle. */
async function catalogue(session: Session, cityId: number, rootCode: string, codes: (typeof EVENT_SITES)[number][]) {
  const functions: number[] = [];
  const departmentIds: number[] = [];
  for (const [code, name] of [["D10", "住建局"], ["D11", "水务局"]] as const) {
    const [department] = await t.db.insert(departments).values({ cityId, nodeId: nodes.get(rootCode)!.id, code, name }).returning();
    const [fn] = await t.db.insert(departmentFunctions).values({ cityId, departmentId: department!.id, code: `${code}-F1`, name: `${name}职能` }).returning();
    departmentIds.push(department!.id);
    functions.push(fn!.id);
  }
  const features = codes.map((code) => ({ type: "Feature", properties: { code, name: code }, geometry: { type: "Polygon", coordinates: square(SQUARE_OF[code]) } }));
  await succeeded(session.post("/api/grids/import", { type: "FeatureCollection", features }), 200);
  const typeId = (await succeeded(session.post("/api/event-types", { code: "LAMP", name: "路灯损坏", category: "城市管理", functionIds: functions }), 201)).id;
  return { typeId, functions, departmentIds };
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
  for (const [code, node] of [...city.nodes, ...other.nodes]) nodes.set(code, node);
  await addNode(city.cityId, "T1V1G2", "第1镇1村二网格", "grid", "T1V1");
  await addNode(city.cityId, "T1V1G2M1", "第1镇1村二网格微网格", "micro_grid", "T1V1G2");
  for (const node of nodes.values()) pathOfId.set(node.id, node.path);
  await fixtureAccount(t, { username: "office.here", cityId: city.cityId, role: "campaign_admin", nodeId: nodes.get("C")!.id });
  await fixtureAccount(t, { username: "office.there", cityId: other.cityId, role: "campaign_admin", nodeId: nodes.get("O")!.id });
  office.here = await t.login("office.here");
  office.there = await t.login("office.there");
  for (const role of ROLES) sessions.set(role, await t.login(role));
  // seedSmallCity and seedOtherCity put residents in micro-grids already; they join the fixture's persons.
  for (const row of await t.db.select({ id: persons.id, nodeId: persons.nodeId }).from(persons)) {
    const code = [...nodes].find(([, node]) => node.id === row.nodeId)![0];
    records.persons.set(row.id, code);
  }
  let n = 0;
  for (const site of SITES) {
    n++;
    const cityId = site.startsWith("O") ? other.cityId : city.cityId;
    const nodeId = nodes.get(site)!.id;
    const problem = await succeeded<{ id: number; code: string; version: number }>(
      officeFor(site).post("/api/problems", { nodeId, channel: "symposium", source: "self", category: "governance", title: `问题${n}`, description: `第${n}号问题` }),
      201,
    );
    records.problems.set(problem.id, site);
    records.problemCodes.set(problem.code, site);
    if (SUPERVISED.has(site)) {
      const assign = { version: problem.version, responsibleNodeId: nodeId, responsiblePerson: "责任人", measure: "整改", deadlineDays: 2 };
      await succeeded(officeFor(site).post(`/api/problems/${problem.id}/assign`, assign), 200);
      records.supervised.set(problem.id, site);
    }
    const clue = await succeeded(officeFor(site).post("/api/problem-clues", { nodeId, channel: "suggestion_box", source: "residents", category: "environment", description: `线索${n}` }), 201);
    records.clues.set(clue.id, site);
    const [person] = await t.db.insert(persons).values({ cityId, nodeId, name: `住户${n}`, gender: "M", phone: `1390000${String(n).padStart(4, "0")}` }).returning();
    records.persons.set(person!.id, site);
    const [household] = await t.db.insert(households).values({ cityId, nodeId, code: `H${n}`, address: `门牌${n}号`, headPersonId: person!.id }).returning();
    records.households.set(household!.id, site);
  }
  const here = await catalogue(office.here, city.cityId, "C", ["T1V1G1M1", "T1V1G2M1", "T1V2G1M1", "T2V1G1M1"]);
  const there = await catalogue(office.there, other.cityId, "O", ["OT1V1G1M1"]);
  for (const site of EVENT_SITES) {
    const point = { lon: 110.05 + SQUARE_OF[site] / 10, lat: 35.05 };
    const event = await succeeded(officeFor(site).post("/api/events", { typeId: site.startsWith("O") ? there.typeId : here.typeId, description: `事件${site}`, ...point }), 201);
    records.events.set(event.id, site);
    // Two events of the city go to its two departments; the handler, bound to the first, reads only that one.
    const departmentIndex = DISPATCHED[site as keyof typeof DISPATCHED];
    if (departmentIndex === undefined) continue;
    const reported = await succeeded<{ version: number }>(office.here.get(`/api/events/${event.id}`), 200);
    const registered = await succeeded<{ version: number }>(office.here.post(`/api/events/${event.id}/register`, { version: reported.version }), 200);
    await succeeded(office.here.post(`/api/events/${event.id}/dispatch`, { version: registered.version, functionId: here.functions[departmentIndex] }), 200);
    if (departmentIndex === 0) handlerEvents.add(event.id);
  }
  // A month on, the assigned problems are red; the test's own clock stays put so its sessions stay signed in.
  await sweepOverdue(t.db, new ManualClock("2026-07-01T09:00:00+08:00"));
  const handlerId = city.accounts.get("department_handler")!;
  const security = await t.login("security_admin");
  await succeeded(security.request({ method: "PUT", url: `/api/department-handlers/${handlerId}/departments`, payload: { departmentIds: [here.departmentIds[0]] } }), 200);
});
afterAll(async () => t.close());

interface ListRoute {
  name: string;
  url: (org: string) => string;
  kind: keyof typeof records;
  /** The fixture records an item is judged among, when the list holds a subset of a kind by rule (default: kind). */
  among?: keyof typeof records;
  /** The node (or, for the export, the problem code) of each item returned. */
  items(response: { json(): unknown; rawPayload: Buffer }): Promise<{ key: number | string; nodeId?: number }[]>;
}

const byNode = (list: string) => async (response: { json(): unknown }) =>
  ((response.json() as Record<string, { id: number; nodeId: number }[]>)[list] ?? []).map((item) => ({ key: item.id, nodeId: item.nodeId }));

const listRoutes: ListRoute[] = [
  { name: "GET /api/persons", url: (org) => `/api/persons?pageSize=200${org}`, kind: "persons", items: byNode("items") },
  { name: "GET /api/households", url: (org) => `/api/households?pageSize=200${org}`, kind: "households", items: byNode("items") },
  { name: "GET /api/problems", url: (org) => `/api/problems?pageSize=200${org}`, kind: "problems", items: byNode("items") },
  { name: "GET /api/problems/supervision", url: (org) => `/api/problems/supervision?pageSize=200${org}`, kind: "supervised", among: "problems", items: byNode("items") },
  { name: "GET /api/problem-clues", url: (org) => `/api/problem-clues?pageSize=200${org}`, kind: "clues", items: byNode("items") },
  { name: "GET /api/events", url: (org) => `/api/events?pageSize=200${org}`, kind: "events", items: byNode("items") },
  {
    name: "GET /api/events/map",
    url: (org) => `/api/events/map?${org.slice(1)}`,
    kind: "events",
    items: async (response) => (response.json() as { items: { id: number }[] }).items.map((item) => ({ key: item.id })),
  },
  {
    name: "GET /api/problems/export",
    url: (org) => `/api/problems/export?${org.slice(1)}`,
    kind: "problemCodes",
    items: async (response) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const header = (sheet.getRow(1).values as unknown[]).indexOf("问题编号");
      const codes: { key: string }[] = [];
      sheet.eachRow((row, index) => {
        if (index > 1 && row.getCell(header).value) codes.push({ key: String(row.getCell(header).value) });
      });
      return codes;
    },
  },
];

/** Hand-checkable: the sites of a kind lying in the home's subtree. */
function expectedKeys(kind: keyof typeof records, home: string): Set<number | string> {
  return new Set([...records[kind]].filter(([, site]) => within(pathOf(site), home)).map(([key]) => key));
}

/** What a role's lists hold: a department handler sees only the events dispatched to its department, not the other department's. */
function expectedListed(role: MatrixRole, kind: keyof typeof records, home: string): Set<number | string> {
  if (role === "department_handler" && kind === "events") return new Set([...expectedKeys(kind, home)].filter((id) => handlerEvents.has(id as number)));
  return expectedKeys(kind, home);
}

describe.each(ROLES)("%s", (role) => {
  const home = HOMES[role]!;
  for (const route of listRoutes) {
    for (const org of ["", "&org=home"]) {
      it(`${route.name}${org ? " with its own org" : " without org"}: everything in reach, nothing outside`, async () => {
        const response = await sessions.get(role)!.get(route.url(org.replace("home", String(nodes.get(home)!.id))));
        if (response.statusCode === 403) return;
        expect(response.statusCode).toBe(200);
        const items = await route.items(response);
        for (const item of items) {
          if (item.nodeId !== undefined) expect([item.key, pathOfId.get(item.nodeId)?.startsWith(pathOf(home))]).toEqual([item.key, true]);
        }
        const got = new Set(items.map((item) => item.key).filter((key) => records[route.among ?? route.kind].has(key as never)));
        expect([...got].sort()).toEqual([...expectedListed(role, route.kind, home)].sort());
      });
    }
  }

  it("GET /api/events/stats and GET /api/figures count the records in reach, with and without org", async () => {
    const session = sessions.get(role)!;
    for (const org of ["", `?org=${nodes.get(home)!.id}`]) {
      const stats = await session.get(`/api/events/stats${org}`);
      if (stats.statusCode !== 403) expect([org, stats.json().self.counts.total]).toEqual([org, expectedKeys("events", home).size]);
      const figures = await session.get(`/api/figures${org}`);
      if (figures.statusCode === 403) continue;
      const values = figures.json().figures as Record<string, number>;
      expect([org, values["problems.total"], values["events.total"], values["people.households"]]).toEqual([
        org,
        expectedKeys("problems", home).size,
        expectedKeys("events", home).size,
        expectedKeys("households", home).size,
      ]);
    }
  });
});

describe("the fixture", () => {
  it("is read by the roles whose lists it checks (the content checks above cannot pass by refusal)", async () => {
    for (const role of ["campaign_admin", "township_cadre", "village_secretary", "grid_worker"] as const) {
      for (const url of ["/api/persons", "/api/problems", "/api/events", "/api/figures", "/api/events/stats"]) {
        expect([role, url, (await sessions.get(role)!.get(url)).statusCode]).toEqual([role, url, 200]);
      }
    }
    expect((await sessions.get("department_handler")!.get("/api/events")).statusCode).toBe(200);
    for (const role of ["campaign_admin", "supervisor"] as const) expect([role, (await sessions.get(role)!.get("/api/problems/supervision")).statusCode]).toEqual([role, 200]);
    expect(handlerEvents.size).toBe(1);
  });
});
