import ExcelJS from "exceljs";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDay } from "./platform/calendar/service";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "./test/harness";
import { fixtureAccount, insideGrid, matrixCases, matrixRoles, outsideGrid, row, signInEveryRole, statuses, succeeded, type MatrixRole, type MatrixRow } from "./test/matrix";

/**
 * The problems module (clues, problems, lists, the public side) and the working calendar, for every
 * demo role on a target inside its subtree and one outside it (see test/matrix.ts). Records are made
 * by two fixture accounts that are none of the matrix roles (a campaign administrator of each city),
 * so that no matrix role has worked on the rectification it is asked to check.
 */

// Roles in matrixRoles order: campaign_admin leader unit_staff township_cadre village_secretary grid_worker
// department_handler supervisor sys_admin security_admin audit_admin no_role.
/** problem.read, on a list filtered to a node: 403 without the permission anywhere, 404 outside. */
const readList = row("200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404 403/403 403/403 403/403 403/403 403/403");
/** problem.read on one record: system roles see every node but hold no problem.read; no_role sees nothing. */
const readRecord = row("200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404 403/403 403/403 403/403 403/403 404/404");
const superviseList = row("200/404 200/404 403/403 403/403 403/403 403/403 403/403 200/404 403/403 403/403 403/403 403/403 403/403");
const report = (ok: number) => row(`${ok}/404 403/404 403/404 ${ok}/404 ${ok}/404 ${ok}/404 403/404 403/404 403/403 403/403 403/403 403/403 404/404`);
const manage = (ok: number) => row(`${ok}/404 403/404 403/404 ${ok}/404 ${ok}/404 403/404 403/404 403/404 403/403 403/403 403/403 403/403 404/404`);
const check = row("200/404 403/404 403/404 200/404 403/404 403/404 403/404 200/404 403/403 403/403 403/403 403/403 404/404");
const publish = (ok: number) => row(`${ok}/404 403/404 403/404 ${ok}/404 403/404 403/404 403/404 403/404 403/403 403/403 403/403 403/403 404/404`);
const supervise = row("200/404 200/404 403/404 403/404 403/404 403/404 403/404 200/404 403/403 403/403 403/403 403/403 404/404");
/** A city's calendar: every account of the city reads it, system roles read every city's. */
const readCalendar = row("200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/200 200/200 200/200 200/200 200/404");

const everyReader = statuses("200 200 200 200 200 200 200 200 403 403 403 403 403");
const everyReporter = statuses("200 403 403 200 200 200 403 403 403 403 403 403 403");
const everyone = (status: number) => statuses(Array(matrixRoles.length).fill(status).join(" "));

type Response = LightMyRequestResponse;
/** A record (or, for routes on a node, the node itself) lying at the inside or the outside grid. */
interface Target {
  id: number;
  version: number;
  /** The grid the target lies at. */
  grid: string;
}
interface RecordRoute {
  name: string;
  expect: MatrixRow;
  /** Shared for reading routes; fresh, in the state where the action is allowed, for changing ones. */
  target(grid: string): Promise<Target>;
  call(session: Session, target: Target, n: number): Promise<Response>;
}
interface GlobalRoute {
  name: string;
  expect: number[];
  call(session: Session, n: number): Promise<Response>;
  /** For lists: every item must lie on the caller's own branch (in its subtree or, for lists set there, above it). */
  listed?: true;
}

const GRIDS = ["T1V1G1", "T1V2G1", "T2V1G1", "OT1V1G1"] as const;
interface Shared {
  clue: Target;
  problem: Target;
  attachment: Target;
  problemList: Target;
  commonList: Target;
  negativeList: Target;
}

let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;
let sessions: Map<MatrixRole, Session>;
let here: Session;
let there: Session;
const shared = new Map<string, Shared>();
let ledgerBase64: string;
let counter = 0;
let today: string;

const pdf = Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n").toString("base64");
/** Where each city role is held, for the check that lists hold nothing of another branch. */
const home: Partial<Record<MatrixRole, string>> = {
  campaign_admin: "C",
  leader: "C",
  unit_staff: "C",
  township_cadre: "T1",
  village_secretary: "T1V1",
  grid_worker: "T1V1G1",
  department_handler: "C",
  supervisor: "T1",
};

function nodeByCode(code: string) {
  return city.nodes.get(code) ?? other.nodes.get(code)!;
}
const gridId = (grid: string) => nodeByCode(grid).id;
const fixtureFor = (grid: string) => (grid.startsWith("O") ? there : here);
const placeAt = async (grid: string): Promise<Target> => ({ id: gridId(grid), version: 0, grid });
const sharedAt = (grid: string) => shared.get(grid)!;

const made = (response: Promise<Response>, status = 200) => succeeded(response, status);

async function clueAt(grid: string): Promise<Target> {
  counter++;
  const body = { nodeId: gridId(grid), channel: "suggestion_box", source: "residents", category: "environment", description: `线索${counter}` };
  const clue = await made(fixtureFor(grid).post("/api/problem-clues", body), 201);
  return { id: clue.id, version: clue.version, grid };
}

const stages = ["registered", "assigned", "rectifying", "submitted"] as const;
/** A problem at the grid, taken by the fixture account through the state machine up to the stage. */
async function problemAt(grid: string, stage: (typeof stages)[number] = "registered"): Promise<Target> {
  counter++;
  const s = fixtureFor(grid);
  const node = gridId(grid);
  let problem = await made(
    s.post("/api/problems", { nodeId: node, channel: "symposium", source: "self", category: "governance", title: `问题${counter}`, description: `第${counter}号问题，编号${counter * 7919}` }),
    201,
  );
  const steps: [string, Record<string, unknown>][] = [
    ["assign", { responsibleNodeId: node, responsiblePerson: "责任人", measure: "限期整改", deadlineDays: 10 }],
    ["start", {}],
    ["submit", { note: "已整改" }],
  ];
  for (const [action, body] of steps.slice(0, stages.indexOf(stage))) {
    problem = await made(s.post(`/api/problems/${problem.id}/${action}`, { version: problem.version, ...body }));
  }
  return { id: problem.id, version: problem.version, grid };
}

async function problemListAt(grid: string, published = false): Promise<Target> {
  counter++;
  const s = fixtureFor(grid);
  let list = await made(s.post("/api/problem-lists", { nodeId: gridId(grid), title: `清单${counter}`, periodFrom: "2026-01-01", periodTo: "2026-12-31" }), 201);
  if (published) list = await made(s.post(`/api/problem-lists/${list.id}/publish`, { version: list.version }));
  return { id: list.id, version: list.version, grid };
}

async function commonListAt(grid: string, member = sharedAt(grid).problem): Promise<Target> {
  counter++;
  const body = { nodeId: gridId(grid), title: `共性${counter}`, category: "environment", description: "多处同类问题", measure: "统一整治", problemIds: [member.id] };
  const list = await made(fixtureFor(grid).post("/api/common-lists", body), 201);
  return { id: list.id, version: list.version, grid };
}

async function negativeListAt(grid: string): Promise<Target> {
  counter++;
  const list = await made(fixtureFor(grid).post("/api/negative-lists", { nodeId: gridId(grid), title: `负面${counter}`, category: "safety", description: "禁止事项" }), 201);
  return { id: list.id, version: list.version, grid };
}

async function attachmentAt(grid: string, problem: Target): Promise<Target> {
  const file = await made(fixtureFor(grid).post(`/api/problems/${problem.id}/attachments`, { fileName: "证明.pdf", contentBase64: pdf }), 201);
  return { id: file.id, version: 0, grid };
}

/** An account that is none of the matrix roles: the records' author in its city. */
async function cityOffice(username: string, cityId: number, rootId: number): Promise<Session> {
  await fixtureAccount(t, { username, cityId, role: "campaign_admin", nodeId: rootId });
  return t.login(username);
}

async function ledger(place: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("台账");
  sheet.addRow(["村(社区)", "问题描述", "问题类别", "问题来源", "发现渠道"]);
  sheet.addRow([place, "村道破损", "基础设施", "群众提", "入户走访"]);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
  sessions = await signInEveryRole(t);
  here = await cityOffice("fixture.here", city.cityId, city.nodes.get("C")!.id);
  there = await cityOffice("fixture.there", other.cityId, other.nodes.get("O")!.id);
  today = localDay(t.clock.now());
  for (const grid of GRIDS) {
    const problem = await problemAt(grid);
    shared.set(grid, {
      problem,
      clue: await clueAt(grid),
      attachment: await attachmentAt(grid, problem),
      problemList: await problemListAt(grid),
      commonList: await commonListAt(grid, problem),
      negativeList: await negativeListAt(grid),
    });
  }
  // Every role with problem.report reaches the inside grid, so each gets a ledger row it may import.
  ledgerBase64 = await ledger(city.nodes.get(insideGrid)!.name);
});
afterAll(async () => t.close());

const version = (target: Target) => ({ version: target.version });
const reason = (target: Target) => ({ version: target.version, reason: "核实不属实" });

const recordRoutes: RecordRoute[] = [
  // --- clues
  { name: "GET /api/problem-clues?org", expect: readList, target: placeAt, call: (s, x) => s.get(`/api/problem-clues?org=${x.id}`) },
  { name: "GET /api/problem-clues/:id", expect: readRecord, target: async (g) => sharedAt(g).clue, call: (s, x) => s.get(`/api/problem-clues/${x.id}`) },
  {
    name: "POST /api/problem-clues",
    expect: report(201),
    target: placeAt,
    call: (s, x, n) => s.post("/api/problem-clues", { nodeId: x.id, channel: "hotline", source: "residents", category: "livelihood", description: `来电${n}` }),
  },
  { name: "POST /api/problem-clues/:id/convert", expect: manage(200), target: clueAt, call: (s, x) => s.post(`/api/problem-clues/${x.id}/convert`, { ...version(x), problems: [{ title: "转为问题" }] }) },
  { name: "POST /api/problem-clues/:id/dismiss", expect: manage(200), target: clueAt, call: (s, x) => s.post(`/api/problem-clues/${x.id}/dismiss`, reason(x)) },
  {
    name: "POST /api/problem-clues/:id/attachments",
    expect: report(201),
    target: async (g) => sharedAt(g).clue,
    call: (s, x) => s.post(`/api/problem-clues/${x.id}/attachments`, { fileName: "照片.pdf", contentBase64: pdf }),
  },

  // --- problems
  { name: "GET /api/problems?org", expect: readList, target: placeAt, call: (s, x) => s.get(`/api/problems?org=${x.id}`) },
  { name: "GET /api/problems/export?org", expect: readList, target: placeAt, call: (s, x) => s.get(`/api/problems/export?org=${x.id}`) },
  { name: "GET /api/problems/stats?org", expect: readList, target: placeAt, call: (s, x) => s.get(`/api/problems/stats?org=${x.id}`) },
  { name: "GET /api/problems/stats/units?org", expect: readList, target: placeAt, call: (s, x) => s.get(`/api/problems/stats/units?org=${x.id}`) },
  { name: "GET /api/problems/supervision?org", expect: superviseList, target: placeAt, call: (s, x) => s.get(`/api/problems/supervision?org=${x.id}`) },
  { name: "GET /api/problems/:id", expect: readRecord, target: async (g) => sharedAt(g).problem, call: (s, x) => s.get(`/api/problems/${x.id}`) },
  { name: "GET /api/problems/:id/similar", expect: readRecord, target: async (g) => sharedAt(g).problem, call: (s, x) => s.get(`/api/problems/${x.id}/similar`) },
  {
    name: "POST /api/problems",
    expect: report(201),
    target: placeAt,
    call: (s, x, n) => s.post("/api/problems", { nodeId: x.id, channel: "hotline", source: "residents", category: "safety", title: `新问题${n}`, description: `井盖缺失${n}` }),
  },
  {
    name: "POST /api/problems/:id/assign",
    expect: manage(200),
    target: (g) => problemAt(g),
    call: (s, x) => s.post(`/api/problems/${x.id}/assign`, { ...version(x), responsibleNodeId: gridId(x.grid), responsiblePerson: "村主任", measure: "修复", deadlineDays: 5 }),
  },
  { name: "POST /api/problems/:id/start", expect: manage(200), target: (g) => problemAt(g, "assigned"), call: (s, x) => s.post(`/api/problems/${x.id}/start`, version(x)) },
  {
    name: "POST /api/problems/:id/progress",
    expect: manage(200),
    target: (g) => problemAt(g, "rectifying"),
    call: (s, x) => s.post(`/api/problems/${x.id}/progress`, { ...version(x), progress: 50, note: "完成一半" }),
  },
  { name: "POST /api/problems/:id/submit", expect: manage(200), target: (g) => problemAt(g, "rectifying"), call: (s, x) => s.post(`/api/problems/${x.id}/submit`, { ...version(x), note: "已完成" }) },
  { name: "POST /api/problems/:id/approve", expect: check, target: (g) => problemAt(g, "submitted"), call: (s, x) => s.post(`/api/problems/${x.id}/approve`, version(x)) },
  { name: "POST /api/problems/:id/return", expect: check, target: (g) => problemAt(g, "submitted"), call: (s, x) => s.post(`/api/problems/${x.id}/return`, reason(x)) },
  { name: "POST /api/problems/:id/dismiss", expect: manage(200), target: (g) => problemAt(g), call: (s, x) => s.post(`/api/problems/${x.id}/dismiss`, reason(x)) },
  {
    name: "POST /api/problems/:id/merge",
    expect: manage(200),
    target: (g) => problemAt(g),
    // Into the grid's shared problem: open, at the same node, and left open by every other row.
    call: (s, x) => s.post(`/api/problems/${x.id}/merge`, { ...version(x), intoId: sharedAt(x.grid).problem.id }),
  },
  { name: "DELETE /api/problems/:id", expect: manage(200), target: (g) => problemAt(g), call: (s, x) => s.delete(`/api/problems/${x.id}`, { ...version(x), reason: "重复登记" }) },
  { name: "POST /api/problems/:id/supervise", expect: supervise, target: async (g) => sharedAt(g).problem, call: (s, x) => s.post(`/api/problems/${x.id}/supervise`, { note: "请加快整改" }) },
  {
    name: "POST /api/problems/:id/attachments",
    expect: report(201),
    target: async (g) => sharedAt(g).problem,
    call: (s, x) => s.post(`/api/problems/${x.id}/attachments`, { fileName: "现场.pdf", contentBase64: pdf }),
  },
  { name: "GET /api/problem-attachments/:id", expect: readRecord, target: async (g) => sharedAt(g).attachment, call: (s, x) => s.get(`/api/problem-attachments/${x.id}`) },

  // --- problem lists and their disclosure
  { name: "GET /api/problem-lists?org", expect: readList, target: placeAt, call: (s, x) => s.get(`/api/problem-lists?org=${x.id}`) },
  {
    name: "POST /api/problem-lists",
    expect: publish(201),
    target: placeAt,
    call: (s, x, n) => s.post("/api/problem-lists", { nodeId: x.id, title: `上半年清单${n}`, periodFrom: "2026-01-01", periodTo: "2026-06-30" }),
  },
  { name: "GET /api/problem-lists/:id", expect: readRecord, target: async (g) => sharedAt(g).problemList, call: (s, x) => s.get(`/api/problem-lists/${x.id}`) },
  { name: "POST /api/problem-lists/:id/publish", expect: publish(200), target: (g) => problemListAt(g), call: (s, x) => s.post(`/api/problem-lists/${x.id}/publish`, version(x)) },
  { name: "POST /api/problem-lists/:id/withdraw", expect: publish(200), target: (g) => problemListAt(g, true), call: (s, x) => s.post(`/api/problem-lists/${x.id}/withdraw`, reason(x)) },

  // --- common lists
  { name: "GET /api/common-lists?org", expect: readList, target: placeAt, call: (s, x) => s.get(`/api/common-lists?org=${x.id}`) },
  {
    name: "POST /api/common-lists",
    expect: manage(201),
    target: placeAt,
    call: (s, x, n) =>
      s.post("/api/common-lists", {
        nodeId: x.id,
        title: `共性问题${n}`,
        category: "infrastructure",
        description: "路灯普遍损坏",
        measure: "统一更换",
        problemIds: [sharedAt(x.grid).problem.id],
      }),
  },
  { name: "GET /api/common-lists/:id", expect: readRecord, target: async (g) => sharedAt(g).commonList, call: (s, x) => s.get(`/api/common-lists/${x.id}`) },
  {
    name: "POST /api/common-lists/:id/members",
    expect: manage(200),
    target: commonListAt,
    call: async (s, x) => s.post(`/api/common-lists/${x.id}/members`, { ...version(x), problemIds: [(await problemAt(x.grid)).id] }),
  },
  { name: "POST /api/common-lists/:id/publish", expect: publish(200), target: commonListAt, call: (s, x) => s.post(`/api/common-lists/${x.id}/publish`, version(x)) },

  // --- negative lists
  { name: "GET /api/negative-lists?org", expect: readList, target: placeAt, call: (s, x) => s.get(`/api/negative-lists?org=${x.id}`) },
  {
    name: "POST /api/negative-lists",
    expect: manage(201),
    target: placeAt,
    call: (s, x, n) => s.post("/api/negative-lists", { nodeId: x.id, title: `禁止事项${n}`, category: "safety", description: "不得违规搭建" }),
  },
  { name: "GET /api/negative-lists/:id", expect: readRecord, target: async (g) => sharedAt(g).negativeList, call: (s, x) => s.get(`/api/negative-lists/${x.id}`) },
  {
    name: "POST /api/negative-lists/:id/breaches",
    expect: report(201),
    target: async (g) => sharedAt(g).negativeList,
    call: (s, x) => s.post(`/api/negative-lists/${x.id}/breaches`, { nodeId: gridId(x.grid), occurredOn: today, description: "违规搭建" }),
  },
  { name: "POST /api/negative-lists/:id/retire", expect: manage(200), target: negativeListAt, call: (s, x) => s.post(`/api/negative-lists/${x.id}/retire`, reason(x)) },

  // --- the working calendar: a city has one, so inside is the caller's city and outside the other city for every role
  {
    name: "GET /api/calendar/:year?city",
    expect: readCalendar,
    target: async (grid) => ({ id: grid === insideGrid ? city.cityId : other.cityId, version: 0, grid }),
    call: (s, x) => s.get(`/api/calendar/2026?city=${x.id}`),
  },
];

const globalRoutes: GlobalRoute[] = [
  { name: "GET /api/problem-clues", expect: everyReader, listed: true, call: (s) => s.get("/api/problem-clues?pageSize=200") },
  { name: "GET /api/problems", expect: everyReader, listed: true, call: (s) => s.get("/api/problems?pageSize=200") },
  { name: "GET /api/problems/export", expect: everyReader, call: (s) => s.get("/api/problems/export") },
  { name: "GET /api/problems/stats", expect: everyReader, call: (s) => s.get("/api/problems/stats") },
  { name: "GET /api/problems/stats/units", expect: everyReader, call: (s) => s.get("/api/problems/stats/units") },
  { name: "GET /api/problems/supervision", expect: statuses("200 200 403 403 403 403 403 200 403 403 403 403 403"), call: (s) => s.get("/api/problems/supervision?pageSize=200") },
  { name: "GET /api/problem-lists", expect: everyReader, listed: true, call: (s) => s.get("/api/problem-lists?pageSize=200") },
  { name: "GET /api/common-lists", expect: everyReader, listed: true, call: (s) => s.get("/api/common-lists?pageSize=200") },
  { name: "GET /api/negative-lists", expect: everyReader, listed: true, call: (s) => s.get("/api/negative-lists?pageSize=200") },
  { name: "POST /api/problems/import/preview", expect: everyReporter, call: (s) => s.post("/api/problems/import/preview", { fileName: "台账.xlsx", contentBase64: ledgerBase64 }) },
  {
    name: "POST /api/problems/import/commit",
    expect: everyReporter,
    // Each caller commits a preview of its own; without one, a well-formed token nobody holds.
    call: async (s) => {
      const preview = await s.post("/api/problems/import/preview", { fileName: "台账.xlsx", contentBase64: ledgerBase64 });
      const token = preview.statusCode === 200 ? (preview.json() as { token: string }).token : "A".repeat(32);
      return s.post("/api/problems/import/commit", { token });
    },
  },
  {
    name: "PUT /api/calendar",
    expect: statuses("200 403 403 403 403 403 403 403 403 403 403 403 403"),
    call: (s, n) => s.request({ method: "PUT", url: "/api/calendar", payload: { year: 2030 + (n % 70), version: 0, days: [{ date: `${2030 + (n % 70)}-10-01`, kind: "holiday", name: "国庆" }] } }),
  },
];

/** Open routes: the same answer whoever asks, with or without a session. */
interface PublicRoute {
  name: string;
  status: number;
  call(session: Session | undefined, n: number): Promise<Response>;
}
let published: Target;
let trackingCode: string;
const anonymous = (method: "GET" | "POST", url: string, payload?: Record<string, unknown>) => t.app.inject({ method, url, ...(payload ? { payload } : {}) });
const open = (s: Session | undefined, url: string) => (s ? s.get(url) : anonymous("GET", url));

const publicRoutes: PublicRoute[] = [
  { name: "GET /api/public/problem-lists", status: 200, call: (s) => open(s, "/api/public/problem-lists?city=testcity") },
  { name: "GET /api/public/problem-lists/:id", status: 200, call: (s) => open(s, `/api/public/problem-lists/${published.id}`) },
  { name: "GET /api/public/places", status: 200, call: (s) => open(s, "/api/public/places?city=testcity") },
  {
    name: "POST /api/public/problems",
    status: 201,
    call: (s, n) => {
      const body = { city: "testcity", nodeId: gridId(insideGrid), category: "environment", description: `门前污水${n}` };
      return s ? s.post("/api/public/problems", body) : anonymous("POST", "/api/public/problems", body);
    },
  },
  { name: "GET /api/public/track/:code", status: 200, call: (s) => open(s, `/api/public/track/${trackingCode}`) },
];

describe("records and nodes", () => {
  describe.each(recordRoutes)("$name", (route) => {
    it.each(matrixCases(route.expect))("$role: $inside inside, $outside outside", async ({ role, inside, outside }) => {
      const session = sessions.get(role)!;
      const insideResponse = await route.call(session, await route.target(insideGrid), ++counter);
      const outsideResponse = await route.call(session, await route.target(outsideGrid[role]), ++counter);
      expect([insideResponse.statusCode, outsideResponse.statusCode]).toEqual([inside, outside]);
    });
  });
});

/** The node ids on a role's branch: its subtree and the nodes above it (lists set above bind it too). */
function onBranch(role: MatrixRole, nodeId: number): boolean {
  const own = city.nodes.get(home[role]!)!.path;
  const path = [...city.nodes.values(), ...other.nodes.values()].find((node) => node.id === nodeId)?.path;
  return path !== undefined && (path.startsWith(own) || own.startsWith(path));
}

describe("routes without a node", () => {
  describe.each(globalRoutes)("$name", (route) => {
    it.each(matrixRoles.map((role, index) => ({ role, status: route.expect[index]! })))("$role: $status", async ({ role, status }) => {
      const response = await route.call(sessions.get(role)!, ++counter);
      expect(response.statusCode).toBe(status);
      if (route.listed && status === 200) {
        const items = (response.json() as { items: { nodeId: number; responsibleNodeId?: number | null }[] }).items;
        expect(items.length).toBeGreaterThan(0);
        const strays = items.filter((item) => !onBranch(role, item.nodeId) && !(item.responsibleNodeId && onBranch(role, item.responsibleNodeId)));
        expect(strays).toEqual([]);
      }
    });
  });
});

describe("the public side", () => {
  beforeAll(async () => {
    published = await problemListAt(insideGrid, true);
    const submitted = await anonymous("POST", "/api/public/problems", { city: "testcity", nodeId: gridId(insideGrid), category: "safety", description: "路口缺少护栏" });
    trackingCode = (submitted.json() as { trackingCode: string }).trackingCode;
  });

  describe.each(publicRoutes)("$name", (route) => {
    it("answers every role and an anonymous caller alike", async () => {
      const answers = [];
      for (const role of matrixRoles) answers.push((await route.call(sessions.get(role)!, ++counter)).statusCode);
      answers.push((await route.call(undefined, ++counter)).statusCode);
      expect(answers).toEqual([...everyone(route.status), route.status]);
    });
  });

  it("never shows a record of another city, nor a list that is not published", async () => {
    const elsewhere = await problemListAt("OT1V1G1", true);
    const lists = (await anonymous("GET", "/api/public/problem-lists?city=testcity&pageSize=200")).json() as { items: { id: number }[] };
    expect(lists.items.map((item) => item.id)).toContain(published.id);
    expect(lists.items.map((item) => item.id)).not.toContain(elsewhere.id);
    const places = (await anonymous("GET", "/api/public/places?city=testcity")).json() as { items: { id: number }[] };
    expect(places.items.length).toBeGreaterThan(0);
    expect(places.items.filter((place) => [...other.nodes.values()].some((node) => node.id === place.id))).toEqual([]);
    const draft = await problemListAt(insideGrid);
    const withdrawn = await problemListAt(insideGrid, true);
    await made(here.post(`/api/problem-lists/${withdrawn.id}/withdraw`, reason(withdrawn)));
    expect((await anonymous("GET", `/api/public/problem-lists/${draft.id}`)).statusCode).toBe(404);
    expect((await anonymous("GET", `/api/public/problem-lists/${withdrawn.id}`)).statusCode).toBe(404);
    // A place of the other city named under this city's code is refused exactly like a place that does not exist.
    const foreign = await anonymous("POST", "/api/public/problems", { city: "testcity", nodeId: gridId("OT1V1G1"), category: "safety", description: "越界提交" });
    const missing = await anonymous("POST", "/api/public/problems", { city: "testcity", nodeId: 999_999, category: "safety", description: "越界提交" });
    expect([foreign.statusCode, foreign.json()]).toEqual([missing.statusCode, missing.json()]);
    expect(foreign.statusCode).toBe(400);
    expect((await anonymous("GET", "/api/public/track/ZL-AAAA-BBBB-CCCC")).statusCode).toBe(404);
  });
});

describe("every route of the problems module and the calendar has a row", () => {
  it("covers each operation of the OpenAPI document under the modules' paths", () => {
    const prefixes = ["/api/problem-clues", "/api/problems", "/api/problem-attachments", "/api/problem-lists", "/api/common-lists", "/api/negative-lists", "/api/calendar"];
    const publicPaths = ["/api/public/problem-lists", "/api/public/places", "/api/public/problems", "/api/public/track"];
    const document = t.app.swagger() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => operation.tags?.some((tag) => tag === "problems" || tag === "calendar") || [...prefixes, ...publicPaths].some((prefix) => path === prefix || path.startsWith(`${prefix}/`)))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    const rows = new Set([...recordRoutes, ...globalRoutes, ...publicRoutes].map((route) => route.name.split("?")[0]!.replace(/:(\w+)/g, "{$1}")));
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.filter((operation) => !rows.has(operation))).toEqual([]);
    // And no row names a route that does not exist (a typo would otherwise test nothing).
    expect([...rows].filter((name) => !operations.includes(name))).toEqual([]);
  });
});
