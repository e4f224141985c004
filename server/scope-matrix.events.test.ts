import { and, eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentFunctions, departments, notifications } from "./db/schema";
import { notify } from "./modules/notifications/service";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "./test/harness";
import { fixtureAccount, insideGrid, matrixCases, matrixRoles, outsideGrid, row, signInEveryRole, statuses, succeeded, type MatrixRole, type MatrixRow } from "./test/matrix";

/**
 * The grid events module (events, their workflow and summons, the catalogue, grids as GeoJSON, the
 * public side) and the notifications module, for every demo role on a target inside its subtree and
 * one outside it (see test/matrix.ts). Records are made by two fixture accounts that are none of the
 * matrix roles (a campaign administrator of each city), always in the micro-grid M1 of the grid.
 */

// Roles in matrixRoles order: campaign_admin leader unit_staff township_cadre village_secretary grid_worker
// department_handler supervisor sys_admin security_admin audit_admin no_role.
// Every event route first asks for event.read (or, to report, event.report) anywhere: a role without it
// is refused with 403 before any record is looked at, so it learns nothing of the record either way.
const read = row("200/404 200/404 403/403 200/404 200/404 200/404 200/404 200/404 403/403 403/403 403/403 403/403 403/403");
/** POST /api/events may name no node (the device's location finds it), so it asks for event.report first. */
const report = row("201/404 403/403 403/403 201/404 201/404 201/404 403/403 403/403 403/403 403/403 403/403 403/403 403/403");
/**
 * The department handler sees only events dispatched to its department or summoning it: a case that
 * waits for dispatch (or, for summons and deletion, has not been dispatched) does not exist for it.
 */
const dispatch = row("200/404 403/404 403/403 200/404 403/404 403/404 404/404 403/404 403/403 403/403 403/403 403/403 403/403");
const handle = row("200/404 403/404 403/403 403/404 403/404 403/404 200/404 403/404 403/403 403/403 403/403 403/403 403/403");
const check = row("200/404 403/404 403/403 200/404 403/404 403/404 403/404 200/404 403/403 403/403 403/403 403/403 403/403");
const summon = row("200/404 200/404 403/403 200/404 403/404 403/404 404/404 403/404 403/403 403/403 403/403 403/403 403/403");
/** Rating a summons of the handler's own department: the event is visible to it, the rating not its to give. */
/** 补充后重新上报: those who report events, on a case not accepted; the handler never sees one. */
const resubmit = row("200/404 403/404 403/403 200/404 200/404 200/404 404/404 403/404 403/403 403/403 403/403 403/403 403/403");
const rateSummons = row("200/404 200/404 403/403 200/404 403/404 403/404 403/404 403/404 403/403 403/403 403/403 403/403 403/403");
/**
 * A city has one catalogue, changed only with event.dispatch at its root: inside is the caller's city,
 * outside the other city, for every role. Every event reader of the city sees the catalogue, so a
 * change they may not make is a 403, wherever their own node lies.
 */
const editType = row("200/404 403/404 403/403 403/404 403/404 403/404 403/404 403/404 403/403 403/403 403/403 403/403 403/403");
/** org.read, asked for first; the system roles reach every city. */
const readShapes = row("200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/200 200/200 403/403 200/200 403/403");
/** org.manage, asked for first; a boundary is a change to the node's place under its parent. */
const importShapes = row("200/404 403/403 403/403 200/404 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403 403/403");
/** A notification's scope is its owner: inside is the caller's own, outside another account's. */
const ownNotification = row("200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404 200/404");

const everyReader = statuses("200 200 403 200 200 200 200 200 403 403 403 403 403");
const everyOrgReader = statuses("200 200 200 200 200 200 200 200 200 200 403 200 403");
/**
 * The campaign administrator alone: the robot and Open311 settings need campaign.manage, and a new event type
 * event.dispatch at the city's root (see editType).
 */
const campaignAdminOnly = (ok: number) => statuses(`${ok} 403 403 403 403 403 403 403 403 403 403 403 403`);
const everyone = (status: number) => statuses(Array(matrixRoles.length).fill(status).join(" "));

type Response = LightMyRequestResponse;
/** A record (or, for routes on a node, the node itself) lying at the inside or the outside grid. */
interface Target {
  id: number;
  version: number;
  /** The grid the target lies at. */
  grid: string;
  photoId?: number;
  trackingCode?: string;
}
interface RecordRoute {
  name: string;
  expect: MatrixRow;
  /** Shared for reading routes; fresh, in the state where the action is allowed, for changing ones. */
  target(grid: string, role: MatrixRole): Promise<Target>;
  call(session: Session, target: Target, n: number): Promise<Response>;
}
interface Listed {
  /** The items of a 200 answer, each of which must be the caller's to see. */
  items(body: unknown): { id: number; nodeId?: number }[];
  mine(role: MatrixRole, item: { id: number; nodeId?: number }): boolean;
}
interface GlobalRoute {
  name: string;
  expect: number[];
  call(session: Session, n: number): Promise<Response>;
  listed?: Listed;
}

const GRIDS = ["T1V1G1", "T1V2G1", "T2V1G1", "OT1V1G1"] as const;
/** Where each city role is held, for the checks that lists hold nothing beyond it. */
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
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/** What events of a city need: a department, two of its functions, a type routed to one and a type routed to both. */
interface Catalogue {
  department: number;
  functions: [number, number];
  /** Registering dispatches it at once (one function covers it). */
  single: number;
  /** Registering leaves it waiting for dispatch (two functions cover it). */
  pair: number;
}

let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;
let sessions: Map<MatrixRole, Session>;
let here: Session;
let there: Session;
let hereUser: number;
const catalogues = new Map<"here" | "there", Catalogue>();
const shared = new Map<string, Target>();
/** Every notification this file makes, with its owner: nothing else in this file notifies anyone. */
const owners = new Map<number, number>();
let foreignTypes: number[] = [];
let tracked: string;
let counter = 0;
/** A department of the small city the matrix's department handler is not bound to, and a type routed to it. */
let otherDepartment = { id: 0, type: 0 };

function nodeByCode(code: string) {
  return city.nodes.get(code) ?? other.nodes.get(code)!;
}
const pathOf = new Map<number, string>();
const nodeIdOf = (grid: string) => nodeByCode(grid).id;
const microId = (grid: string) => nodeByCode(`${grid}M1`).id;
const inOtherCity = (grid: string) => grid.startsWith("O");
const fixtureFor = (grid: string) => (inOtherCity(grid) ? there : here);
const catalogueOf = (grid: string) => catalogues.get(inOtherCity(grid) ? "there" : "here")!;
const placeAt = async (grid: string): Promise<Target> => ({ id: nodeIdOf(grid), version: 0, grid });
const microAt = async (grid: string): Promise<Target> => ({ id: microId(grid), version: 0, grid });

const made = <T = { id: number; version: number }>(response: Promise<Response>, status = 200) => succeeded<T>(response, status);

/** An account that is none of the matrix roles: the records' author in its city. */
async function cityOffice(username: string, cityId: number, rootId: number): Promise<{ session: Session; userId: number }> {
  const userId = await fixtureAccount(t, { username, cityId, role: "campaign_admin", nodeId: rootId });
  return { session: await t.login(username), userId };
}

async function catalogueFor(session: Session, cityId: number, rootId: number, prefix: string): Promise<Catalogue> {
  const [department] = await t.db.insert(departments).values({ cityId, nodeId: rootId, code: `${prefix}D1`, name: `${prefix}城管局` }).returning();
  const functions = await t.db
    .insert(departmentFunctions)
    .values([
      { cityId, departmentId: department!.id, code: `${prefix}D1-F1`, name: "市容巡查" },
      { cityId, departmentId: department!.id, code: `${prefix}D1-F2`, name: "设施养护" },
    ])
    .returning();
  const [first, second] = functions.map((fn) => fn.id) as [number, number];
  const type = async (code: string, functionIds: number[]) =>
    (await made(session.post("/api/event-types", { code, name: `类型${code}`, category: "城市管理", functionIds }), 201)).id;
  return { department: department!.id, functions: [first, second], single: await type(`${prefix}ONE`, [first]), pair: await type(`${prefix}TWO`, [first, second]) };
}

/** A 0.1° square from (lon, lat): micro-grids get these so that a point finds them. */
function square(lon: number, lat: number) {
  return { type: "Polygon", coordinates: [[[lon, lat], [lon + 0.1, lat], [lon + 0.1, lat + 0.1], [lon, lat + 0.1], [lon, lat]]] };
}
const feature = (code: string, lon: number, lat: number) => ({ type: "Feature", properties: { code }, geometry: square(lon, lat) });

type Stage = "reported" | "dispatching" | "dispatched" | "handling" | "checking" | "closed" | "rejected";
const stepsTo: Record<Stage, [string, Record<string, unknown>][]> = {
  reported: [],
  rejected: [["reject", { reason: "invalid", note: "不属实" }]],
  dispatching: [["register", {}]],
  dispatched: [["register", {}]],
  handling: [["register", {}], ["accept", {}]],
  checking: [["register", {}], ["accept", {}], ["feedback", { result: "已处理" }]],
  closed: [["register", {}], ["accept", {}], ["feedback", { result: "已处理" }], ["close", { note: "核查属实" }]],
};

/** An event in the grid's micro-grid, taken by the fixture account through the workflow up to the stage. */
async function eventAt(grid: string, stage: Stage = "reported", photos?: string[], typeId?: number): Promise<Target> {
  counter++;
  const s = fixtureFor(grid);
  const waitsForDispatch = stage === "reported" || stage === "dispatching";
  const body = { typeId: typeId ?? (waitsForDispatch ? catalogueOf(grid).pair : catalogueOf(grid).single), description: `事件${counter}`, nodeId: microId(grid), ...(photos ? { photos } : {}) };
  const created = await made<{ id: number; trackingCode: string }>(s.post("/api/events", body), 201);
  let event = { id: created.id, version: 1, stage: "reported" };
  for (const [action, extra] of stepsTo[stage]) {
    event = await made(s.post(`/api/events/${event.id}/${action}`, { version: event.version, ...extra }));
  }
  if (event.stage !== stage) throw new Error(`fixture: event ${event.id} reached ${event.stage}, not ${stage}`);
  return { id: event.id, version: event.version, grid, trackingCode: created.trackingCode };
}

/** A summons of the city's department (or another) to an open event at the grid, not yet answered nor rated. */
async function summonsAt(grid: string, department = catalogueOf(grid).department): Promise<Target> {
  const event = await eventAt(grid);
  const body = { version: event.version, departmentIds: [department], note: "请到场" };
  const detail = await made<{ summons: { id: number; version: number }[] }>(fixtureFor(grid).post(`/api/events/${event.id}/summons`, body));
  return { id: detail.summons[0]!.id, version: detail.summons[0]!.version, grid };
}

/** A fresh type of the caller's city (inside) or of the other city (outside, for every role: see editType). */
async function typeAt(grid: string): Promise<Target> {
  counter++;
  const s = grid === insideGrid ? here : there;
  const type = await made(s.post("/api/event-types", { code: `FIX${counter}`, name: `临时类型${counter}`, category: "城市管理" }), 201);
  return { id: type.id, version: type.version, grid };
}

/** A fresh unread notification in the account's bell, put there as the modules put them (notify). */
async function notificationOf(userId: number): Promise<number> {
  counter++;
  const dedupeKey = `matrix:${counter}`;
  await notify(t.db, { cityId: city.cityId, userIds: [userId], kind: "deadline_approaching", title: `提醒${counter}`, body: "即将到期", dedupeKey, at: t.clock.now() });
  const [row] = await t.db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.dedupeKey, dedupeKey)));
  owners.set(row!.id, userId);
  return row!.id;
}

const userOf = (role: MatrixRole) => city.accounts.get(role)!;

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
  for (const node of [...city.nodes.values(), ...other.nodes.values()]) pathOf.set(node.id, node.path);
  sessions = await signInEveryRole(t);
  const hereAccount = await cityOffice("fixture.here", city.cityId, nodeIdOf("C"));
  here = hereAccount.session;
  hereUser = hereAccount.userId;
  there = (await cityOffice("fixture.there", other.cityId, nodeIdOf("O"))).session;
  catalogues.set("here", await catalogueFor(here, city.cityId, nodeIdOf("C"), "H"));
  catalogues.set("there", await catalogueFor(there, other.cityId, nodeIdOf("O"), "O"));
  foreignTypes = [catalogues.get("there")!.single, catalogues.get("there")!.pair];
  // Boundaries for the public side: T1V1G1M2 here and OT1V1G1M1 there (the rows change T1V1G1M1's).
  await made(here.post("/api/grids/import", { type: "FeatureCollection", features: [feature("T1V1G1M2", 110.1, 35.0)] }));
  await made(there.post("/api/grids/import", { type: "FeatureCollection", features: [feature("OT1V1G1M1", 120.0, 35.0)] }));
  // The matrix's department handler acts for the city's department; a second department of the city is not its.
  await made(sessions.get("security_admin")!.request({ method: "PUT", url: `/api/department-handlers/${userOf("department_handler")}/departments`, payload: { departmentIds: [catalogues.get("here")!.department] } }));
  const [second] = await t.db.insert(departments).values({ cityId: city.cityId, nodeId: nodeIdOf("C"), code: "H2D1", name: "H2公安局" }).returning();
  const [secondFunction] = await t.db.insert(departmentFunctions).values({ cityId: city.cityId, departmentId: second!.id, code: "H2D1-F1", name: "治安巡查" }).returning();
  otherDepartment = { id: second!.id, type: (await made(here.post("/api/event-types", { code: "H2ONE", name: "类型H2ONE", category: "城市管理", functionIds: [secondFunction!.id] }), 201)).id };
  // Shared events are dispatched (to the city's department), so the department handler has them to read.
  for (const grid of GRIDS) {
    const event = await eventAt(grid, "dispatched", [`data:image/png;base64,${PNG}`]);
    const detail = await made<{ photos: { id: number }[] }>(fixtureFor(grid).get(`/api/events/${event.id}`));
    shared.set(grid, { ...event, photoId: detail.photos[0]!.id });
  }
  tracked = shared.get(insideGrid)!.trackingCode!;
  for (const role of matrixRoles) await notificationOf(userOf(role));
});
afterAll(async () => t.close());

const sharedAt = async (grid: string) => shared.get(grid)!;
const fresh = (stage: Stage) => (grid: string) => eventAt(grid, stage);

const recordRoutes: RecordRoute[] = [
  // --- lists, the map and the figures of a node
  { name: "GET /api/events?org", expect: read, target: placeAt, call: (s, x) => s.get(`/api/events?org=${x.id}`) },
  { name: "GET /api/events/map?org", expect: read, target: placeAt, call: (s, x) => s.get(`/api/events/map?org=${x.id}`) },
  { name: "GET /api/events/stats?org", expect: read, target: placeAt, call: (s, x) => s.get(`/api/events/stats?org=${x.id}`) },
  { name: "GET /api/events/stats/departments?org", expect: read, target: placeAt, call: (s, x) => s.get(`/api/events/stats/departments?org=${x.id}`) },

  // --- one event and its workflow
  {
    name: "POST /api/events",
    expect: report,
    target: microAt,
    call: (s, x, n) => s.post("/api/events", { typeId: catalogueOf(x.grid).pair, description: `上报${n}`, nodeId: x.id }),
  },
  { name: "GET /api/events/:id", expect: read, target: sharedAt, call: (s, x) => s.get(`/api/events/${x.id}`) },
  { name: "GET /api/events/:id/photos/:photoId", expect: read, target: sharedAt, call: (s, x) => s.get(`/api/events/${x.id}/photos/${x.photoId}`) },
  { name: "GET /api/events/:id/photos/:photoId/thumb", expect: read, target: sharedAt, call: (s, x) => s.get(`/api/events/${x.id}/photos/${x.photoId}/thumb`) },
  { name: "POST /api/events/:id/register", expect: dispatch, target: fresh("reported"), call: (s, x) => s.post(`/api/events/${x.id}/register`, { version: x.version }) },
  {
    name: "POST /api/events/:id/reject",
    expect: dispatch,
    target: fresh("reported"),
    call: (s, x) => s.post(`/api/events/${x.id}/reject`, { version: x.version, reason: "invalid", note: "不属实" }),
  },
  {
    name: "POST /api/events/:id/dispatch",
    expect: dispatch,
    target: fresh("dispatching"),
    call: (s, x) => s.post(`/api/events/${x.id}/dispatch`, { version: x.version, functionId: catalogueOf(x.grid).functions[1] }),
  },
  { name: "POST /api/events/:id/accept", expect: handle, target: fresh("dispatched"), call: (s, x) => s.post(`/api/events/${x.id}/accept`, { version: x.version }) },
  {
    name: "POST /api/events/:id/refuse",
    expect: handle,
    target: fresh("dispatched"),
    call: (s, x) => s.post(`/api/events/${x.id}/refuse`, { version: x.version, reason: "不属于本部门职责" }),
  },
  {
    name: "POST /api/events/:id/feedback",
    expect: handle,
    target: fresh("handling"),
    call: (s, x) => s.post(`/api/events/${x.id}/feedback`, { version: x.version, result: "已清理" }),
  },
  { name: "POST /api/events/:id/close", expect: check, target: fresh("checking"), call: (s, x) => s.post(`/api/events/${x.id}/close`, { version: x.version }) },
  {
    name: "POST /api/events/:id/send-back",
    expect: check,
    target: fresh("checking"),
    call: (s, x) => s.post(`/api/events/${x.id}/send-back`, { version: x.version, reason: "未处理到位" }),
  },
  {
    name: "POST /api/events/:id/evaluate",
    expect: check,
    target: fresh("closed"),
    call: (s, x) => s.post(`/api/events/${x.id}/evaluate`, { version: x.version, rating: "satisfied" }),
  },
  {
    name: "POST /api/events/:id/resubmit",
    expect: resubmit,
    target: fresh("rejected"),
    call: (s, x) => s.post(`/api/events/${x.id}/resubmit`, { version: x.version, note: "已补充现场照片" }),
  },
  {
    name: "POST /api/events/:id/summons",
    expect: summon,
    target: fresh("reported"),
    call: (s, x) => s.post(`/api/events/${x.id}/summons`, { version: x.version, departmentIds: [catalogueOf(x.grid).department], note: "请到场" }),
  },
  { name: "POST /api/event-summons/:id/answer", expect: handle, target: (grid) => summonsAt(grid), call: (s, x) => s.post(`/api/event-summons/${x.id}/answer`, { version: x.version, note: "已到场" }) },
  {
    name: "POST /api/event-summons/:id/rate",
    expect: rateSummons,
    target: (grid) => summonsAt(grid),
    call: (s, x) => s.post(`/api/event-summons/${x.id}/rate`, { version: x.version, attended: true, rating: 4 }),
  },
  { name: "DELETE /api/events/:id", expect: dispatch, target: fresh("reported"), call: (s, x) => s.delete(`/api/events/${x.id}`, { version: x.version, reason: "误报" }) },

  // --- the catalogue
  { name: "PATCH /api/event-types/:id", expect: editType, target: typeAt, call: (s, x, n) => s.patch(`/api/event-types/${x.id}`, { version: x.version, name: `改名${n}` }) },

  // --- grids as GeoJSON
  { name: "GET /api/grids.geojson?org", expect: readShapes, target: placeAt, call: (s, x) => s.get(`/api/grids.geojson?org=${x.id}`) },
  {
    name: "POST /api/grids/import",
    expect: importShapes,
    target: microAt,
    // A new square far from every point used here on each call, so that each import truly changes the boundary.
    call: (s, x, n) => s.post("/api/grids/import", { type: "FeatureCollection", features: [feature(`${x.grid}M1`, 60 + (n % 1000) * 0.1, 10)] }),
  },

  // --- notifications
  {
    name: "POST /api/notifications/:id/read",
    expect: ownNotification,
    target: async (grid, role) => ({ id: await notificationOf(grid === insideGrid ? userOf(role) : hereUser), version: 0, grid }),
    call: (s, x) => s.post(`/api/notifications/${x.id}/read`),
  },
];

/** Whether a node lies in the role's subtree (system roles reach every node). */
function within(role: MatrixRole, nodeId: number): boolean {
  const own = home[role];
  if (!own) return true;
  return pathOf.get(nodeId)?.startsWith(city.nodes.get(own)!.path) ?? false;
}

const globalRoutes: GlobalRoute[] = [
  {
    name: "GET /api/events",
    expect: everyReader,
    call: (s) => s.get("/api/events?pageSize=200"),
    listed: { items: (body) => (body as { items: { id: number; nodeId: number }[] }).items, mine: (role, item) => within(role, item.nodeId!) },
  },
  { name: "GET /api/events/map", expect: everyReader, call: (s) => s.get("/api/events/map") },
  { name: "GET /api/events/stats", expect: everyReader, call: (s) => s.get("/api/events/stats") },
  { name: "GET /api/events/stats/departments", expect: everyReader, call: (s) => s.get("/api/events/stats/departments") },
  {
    name: "GET /api/event-types",
    expect: everyReader,
    call: (s) => s.get("/api/event-types?includeRetired=true"),
    listed: { items: (body) => (body as { items: { id: number }[] }).items, mine: (_role, item) => !foreignTypes.includes(item.id) },
  },
  { name: "POST /api/event-types", expect: campaignAdminOnly(201), call: (s, n) => s.post("/api/event-types", { code: `NEW${n}`, name: `新类型${n}`, category: "城市管理" }) },
  {
    name: "GET /api/grids.geojson",
    expect: everyOrgReader,
    call: (s) => s.get("/api/grids.geojson?kind=micro_grid"),
    listed: { items: (body) => (body as { features: { id: number }[] }).features, mine: (role, item) => within(role, item.id) },
  },
  {
    name: "GET /api/notifications",
    expect: everyone(200),
    call: async (s) => {
      const response = await s.get("/api/notifications?pageSize=100");
      // The workflow's own notifications (an event dispatched to the handler's department) join the fixture's, with their owners.
      for (const row of await t.db.select({ id: notifications.id, userId: notifications.userId }).from(notifications)) owners.set(row.id, row.userId);
      return response;
    },
    listed: { items: (body) => (body as { items: { id: number }[] }).items, mine: (role, item) => owners.get(item.id) === userOf(role) },
  },
  { name: "GET /api/notifications/unread-count", expect: everyone(200), call: (s) => s.get("/api/notifications/unread-count") },
  { name: "GET /api/notifications/preferences", expect: everyone(200), call: (s) => s.get("/api/notifications/preferences") },
  // The three system roles hold no city and get no notifications to choose from.
  { name: "PUT /api/notifications/preferences", expect: statuses("200 200 200 200 200 200 200 200 403 403 403 403 200"), call: (s) => s.request({ method: "PUT", url: "/api/notifications/preferences", payload: { muted: [] } }) },
  { name: "POST /api/notifications/read-all", expect: everyone(200), call: (s) => s.post("/api/notifications/read-all") },
  { name: "GET /api/notifications/settings", expect: campaignAdminOnly(200), call: (s) => s.get("/api/notifications/settings") },
  {
    name: "PATCH /api/notifications/settings",
    expect: campaignAdminOnly(200),
    call: async (s) => {
      const { version } = await made<{ version: number }>(here.get("/api/notifications/settings"));
      return s.patch("/api/notifications/settings", { version, webhookUrl: "https://oapi.dingtalk.com/robot/send?access_token=matrix", webhookFormat: "dingtalk_text" });
    },
  },
  { name: "GET /api/notifications/outbox", expect: campaignAdminOnly(200), call: (s) => s.get("/api/notifications/outbox") },
  { name: "GET /api/open311/settings", expect: campaignAdminOnly(200), call: (s) => s.get("/api/open311/settings") },
  {
    name: "PATCH /api/open311/settings",
    expect: campaignAdminOnly(200),
    call: async (s) => {
      const { version } = await made<{ version: number }>(here.get("/api/open311/settings"));
      return s.patch("/api/open311/settings", { version, publishedSources: ["public", "open311"] });
    },
  },
  // Every page with a map draws the city's base map; the campaign office sets it.
  { name: "GET /api/base-map", expect: everyReader, call: (s) => s.get("/api/base-map") },
  {
    name: "PATCH /api/base-map",
    expect: campaignAdminOnly(200),
    call: async (s) => {
      const { version } = await made<{ version: number }>(here.get("/api/base-map"));
      return s.patch("/api/base-map", { version, tileUrl: "https://tiles.example.org/{z}/{x}/{y}.png", subdomains: "", attribution: "", maxZoom: 18 });
    },
  },
];

/** Open routes: the same answer whoever asks, with or without a session. */
interface PublicRoute {
  name: string;
  status: number;
  call(session: Session | undefined, n: number): Promise<Response>;
}
const anonymous = (method: "GET" | "POST", url: string, payload?: Record<string, unknown>) => t.app.inject({ method, url, ...(payload ? { payload } : {}) });
const open = (s: Session | undefined, method: "GET" | "POST", url: string, payload?: Record<string, unknown>) =>
  s ? (method === "GET" ? s.get(url) : s.post(url, payload)) : anonymous(method, url, payload);
/** A point inside T1V1G1M2 (the square from 110.1, 35.0). */
const herePoint = { lon: 110.15, lat: 35.05 };

const publicRoutes: PublicRoute[] = [
  { name: "GET /api/public/event-types", status: 200, call: (s) => open(s, "GET", "/api/public/event-types?city=testcity") },
  { name: "GET /api/public/base-map", status: 200, call: (s) => open(s, "GET", "/api/public/base-map?city=testcity") },
  {
    name: "POST /api/public/events",
    status: 201,
    call: (s, n) => open(s, "POST", "/api/public/events", { city: "testcity", typeId: catalogueOf(insideGrid).pair, description: `门口积水${n}`, ...herePoint }),
  },
  { name: "GET /api/public/events/:code", status: 200, call: (s) => open(s, "GET", `/api/public/events/${tracked}`) },
  { name: "GET /api/public/events/:code/photos/:photoId", status: 200, call: (s) => open(s, "GET", `/api/public/events/${tracked}/photos/${shared.get(insideGrid)!.photoId}?size=thumb`) },
  {
    name: "POST /api/public/ratings",
    status: 200,
    call: async (s) => open(s, "POST", "/api/public/ratings", { trackingCode: (await eventAt(insideGrid, "closed")).trackingCode, rating: "basic" }),
  },
];

describe("records and nodes", () => {
  describe.each(recordRoutes)("$name", (route) => {
    // Every case's two targets, made at once before the cases run: concurrent writes share their commits.
    const targets = new Map<MatrixRole, [Target, Target]>();
    beforeAll(async () => {
      const pairs = await Promise.all(matrixRoles.map((role) => Promise.all([route.target(insideGrid, role), route.target(outsideGrid[role], role)])));
      matrixRoles.forEach((role, index) => targets.set(role, pairs[index]!));
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
      const response = await route.call(sessions.get(role)!, ++counter);
      expect(response.statusCode).toBe(status);
      if (route.listed && status === 200) {
        const items = route.listed.items(response.json());
        expect(items.length).toBeGreaterThan(0);
        expect(items.filter((item) => !route.listed!.mine(role, item))).toEqual([]);
      }
    });
  });
});

describe("the public side", () => {
  describe.each(publicRoutes)("$name", (route) => {
    it("answers every role and an anonymous caller alike", async () => {
      const answers = [];
      for (const role of matrixRoles) answers.push((await route.call(sessions.get(role)!, ++counter)).statusCode);
      answers.push((await route.call(undefined, ++counter)).statusCode);
      expect(answers).toEqual([...everyone(route.status), route.status]);
    });
  });

  it("never shows a type of another city, nor files a report into one", async () => {
    const types = (await anonymous("GET", "/api/public/event-types?city=testcity")).json() as { items: { id: number }[] };
    expect(types.items.length).toBeGreaterThan(0);
    expect(types.items.filter((item) => foreignTypes.includes(item.id))).toEqual([]);
    // A point in the other city's micro-grid, under this city's code, is refused exactly like a point in no micro-grid.
    const report = { city: "testcity", typeId: catalogueOf(insideGrid).pair, description: "越界上报" };
    const foreign = await anonymous("POST", "/api/public/events", { ...report, lon: 120.05, lat: 35.05 });
    const nowhere = await anonymous("POST", "/api/public/events", { ...report, lon: 100.05, lat: 30.05 });
    expect(foreign.statusCode).toBe(400);
    expect([foreign.statusCode, foreign.json()]).toEqual([nowhere.statusCode, nowhere.json()]);
    // Nor under this city's code with a type of the other city.
    const foreignType = await anonymous("POST", "/api/public/events", { ...report, typeId: foreignTypes[0], ...herePoint });
    expect(foreignType.statusCode).toBe(400);
    expect((await anonymous("GET", "/api/public/events/ZZZZZZZZZZ")).statusCode).toBe(404);
    expect((await anonymous("POST", "/api/public/ratings", { trackingCode: "ZZZZZZZZZZ", rating: "basic" })).statusCode).toBe(404);
  });
});

/**
 * 部门办理人 per department: inside is the department the handler account is bound to, outside another
 * department of the same city, for an event at the same micro-grid (inside the role's subtree).
 */
const handlerRows: { name: string; target(department: "own" | "other"): Promise<Target>; call(session: Session, target: Target): Promise<Response> }[] = [
  { name: "GET /api/events/:id", target: (d) => eventAt(insideGrid, "dispatched", undefined, d === "own" ? undefined : otherDepartment.type), call: (s, x) => s.get(`/api/events/${x.id}`) },
  {
    name: "GET /api/events/:id/photos/:photoId",
    target: async (d) => {
      const event = await eventAt(insideGrid, "dispatched", [`data:image/png;base64,${PNG}`], d === "own" ? undefined : otherDepartment.type);
      const detail = await made<{ photos: { id: number }[] }>(here.get(`/api/events/${event.id}`));
      return { ...event, photoId: detail.photos[0]!.id };
    },
    call: (s, x) => s.get(`/api/events/${x.id}/photos/${x.photoId}`),
  },
  {
    name: "GET /api/events/:id/photos/:photoId/thumb",
    target: async (d) => {
      const event = await eventAt(insideGrid, "dispatched", [`data:image/png;base64,${PNG}`], d === "own" ? undefined : otherDepartment.type);
      const detail = await made<{ photos: { id: number }[] }>(here.get(`/api/events/${event.id}`));
      return { ...event, photoId: detail.photos[0]!.id };
    },
    call: (s, x) => s.get(`/api/events/${x.id}/photos/${x.photoId}/thumb`),
  },
  { name: "POST /api/events/:id/accept", target: (d) => eventAt(insideGrid, "dispatched", undefined, d === "own" ? undefined : otherDepartment.type), call: (s, x) => s.post(`/api/events/${x.id}/accept`, { version: x.version }) },
  {
    name: "POST /api/events/:id/refuse",
    target: (d) => eventAt(insideGrid, "dispatched", undefined, d === "own" ? undefined : otherDepartment.type),
    call: (s, x) => s.post(`/api/events/${x.id}/refuse`, { version: x.version, reason: "不属于本部门职责" }),
  },
  {
    name: "POST /api/events/:id/feedback",
    target: (d) => eventAt(insideGrid, "handling", undefined, d === "own" ? undefined : otherDepartment.type),
    call: (s, x) => s.post(`/api/events/${x.id}/feedback`, { version: x.version, result: "已处理" }),
  },
  {
    name: "POST /api/event-summons/:id/answer",
    target: (d) => summonsAt(insideGrid, d === "own" ? catalogueOf(insideGrid).department : otherDepartment.id),
    call: (s, x) => s.post(`/api/event-summons/${x.id}/answer`, { version: x.version, note: "已到场" }),
  },
];

describe("department handlers, per department", () => {
  it.each(handlerRows)("$name: 200 for its own department, 404 for another", async (route) => {
    const session = sessions.get("department_handler")!;
    const [own, other] = [await route.target("own"), await route.target("other")];
    expect([(await route.call(session, own)).statusCode, (await route.call(session, other)).statusCode]).toEqual([200, 404]);
  });

  it("GET /api/events lists its own department's events and none of another's", async () => {
    const [own, other] = [await eventAt(insideGrid, "dispatched"), await eventAt(insideGrid, "dispatched", undefined, otherDepartment.type)];
    const listed = (await made<{ items: { id: number }[] }>(sessions.get("department_handler")!.get("/api/events?pageSize=100"))).items.map((item) => item.id);
    expect([listed.includes(own.id), listed.includes(other.id)]).toEqual([true, false]);
  });

  const url = () => `/api/department-handlers/${userOf("department_handler")}/departments`;
  const bindingRoutes: { name: string; call(session: Session): Promise<Response> }[] = [
    { name: "GET /api/department-handlers/:id/departments", call: (session) => session.get(url()) },
    { name: "PUT /api/department-handlers/:id/departments", call: (session) => session.request({ method: "PUT", url: url(), payload: { departmentIds: [catalogues.get("here")!.department] } }) },
  ];
  it.each(bindingRoutes)("$name is the security administrator's alone", async (route) => {
    for (const role of matrixRoles) expect([role, (await route.call(sessions.get(role)!)).statusCode]).toEqual([role, role === "security_admin" ? 200 : 403]);
  });
});

describe("every route of the events, notifications and Open311 modules has a row", () => {
  it("covers each operation of the OpenAPI document under the modules' paths", () => {
    const publicPaths = ["/api/public/event-types", "/api/public/events", "/api/public/ratings", "/api/public/base-map"];
    const document = t.app.swagger() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(
          ([, operation]) =>
            operation.tags?.some((tag) => tag === "events" || tag === "notifications" || tag === "open311") ||
            path.startsWith("/api/grids") ||
            publicPaths.some((prefix) => path === prefix || path.startsWith(`${prefix}/`)),
        )
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    const rows = new Set([...recordRoutes, ...globalRoutes, ...publicRoutes].map((route) => route.name.split("?")[0]!.replace(/:(\w+)/g, "{$1}")));
    expect(operations.length).toBeGreaterThan(35);
    expect(operations.filter((operation) => !rows.has(operation))).toEqual([]);
    // And no row names a route that does not exist (a typo would otherwise test nothing).
    expect([...rows].filter((name) => !operations.includes(name))).toEqual([]);
  });
});
