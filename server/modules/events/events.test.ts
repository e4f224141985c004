import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentFunctions, departments } from "../../db/schema";
import { seedYear } from "../../platform/calendar/service";
import { CHINA_2026 } from "../../platform/calendar/holidays";
import { createTestContext, seedOtherCity, seedSmallCity, type Session, type SmallCity, type TestContext } from "../../test/harness";
import { sweepOverdueEvents } from "./service";

/**
 * Grid events end to end through the HTTP API on a real database: routing by point, every stage
 * transition allowed and forbidden, time limits over holidays and swapped working days, escalation,
 * summons, duplicates, photos, the public side, figures, GeoJSON and scope.
 *
 * The small city's eight micro-grids get 0.1° squares in a row along latitude 35.0–35.1, from
 * 110.0 east: neighbours share an edge, and nothing lies south of 35.0.
 */
let t: TestContext;
let city: SmallCity;
let other: Awaited<ReturnType<typeof seedOtherCity>>;
const s = {} as Record<"admin" | "cadre" | "worker" | "handler" | "supervisor" | "secretary" | "leader" | "unit", Session>;
const fn = {} as Record<"road" | "mediation" | "patrol", number>;
const dept = {} as Record<"transport" | "justice" | "police", number>;
const type = {} as Record<"road" | "dispute", number>;

const MICRO = ["T1V1G1M1", "T1V1G1M2", "T1V2G1M1", "T1V2G1M2", "T2V1G1M1", "T2V1G1M2", "T2V2G1M1", "T2V2G1M2"];
const west = (index: number) => Number((110 + index / 10).toFixed(1));
const square = (index: number) => [
  [
    [west(index), 35.0],
    [west(index + 1), 35.0],
    [west(index + 1), 35.1],
    [west(index), 35.1],
    [west(index), 35.0],
  ],
];
/** A point well inside micro-grid `index`. */
const inside = (index: number) => ({ lon: west(index) + 0.05, lat: 35.05 });
const node = (code: string) => city.nodes.get(code)!.id;
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

const accounts = {
  admin: "campaign_admin",
  cadre: "township_cadre",
  worker: "grid_worker",
  handler: "department_handler",
  supervisor: "supervisor",
  secretary: "village_secretary",
  leader: "leader",
  unit: "unit_staff",
} as const;

async function signIn() {
  for (const [key, username] of Object.entries(accounts)) s[key as keyof typeof accounts] = await t.login(username);
}

/** Moves the clock; sessions end after half an hour idle, so everyone signs in again at the new time. */
async function at(when: string) {
  t.clock.set(when);
  await signIn();
}

async function report(session: Session, body: Record<string, unknown>) {
  const response = await session.post("/api/events", { typeId: type.dispute, description: "邻里因停车发生争执", ...inside(0), ...body });
  return response;
}

async function detail(id: number) {
  return (await s.admin.get(`/api/events/${id}`)).json() as { id: number; stage: string; version: number; [key: string]: unknown };
}

beforeAll(async () => {
  t = await createTestContext();
  city = await seedSmallCity(t.db);
  other = await seedOtherCity(t.db);
  await seedYear(t.db, city.cityId, 2026, CHINA_2026, t.clock.now());
  const cityNode = node("C");
  const [transport, justice, police] = await t.db
    .insert(departments)
    .values([
      { cityId: city.cityId, nodeId: cityNode, code: "D10", name: "市交通运输局" },
      { cityId: city.cityId, nodeId: cityNode, code: "D15", name: "市司法局" },
      { cityId: city.cityId, nodeId: cityNode, code: "D01", name: "市公安局" },
    ])
    .returning();
  dept.transport = transport!.id;
  dept.justice = justice!.id;
  dept.police = police!.id;
  const [road, mediation, patrol] = await t.db
    .insert(departmentFunctions)
    .values([
      { cityId: city.cityId, departmentId: dept.transport, code: "D10-F1", name: "道路设施养护" },
      { cityId: city.cityId, departmentId: dept.justice, code: "D15-F1", name: "人民调解" },
      { cityId: city.cityId, departmentId: dept.police, code: "D01-F1", name: "治安巡查" },
    ])
    .returning();
  fn.road = road!.id;
  fn.mediation = mediation!.id;
  fn.patrol = patrol!.id;
  await signIn();
  // The handler acts for all three departments here; handlers.test.ts checks one bound to fewer.
  const security = await t.login("security_admin");
  const bound = await security.request({ method: "PUT", url: `/api/department-handlers/${city.accounts.get("department_handler")}/departments`, payload: { departmentIds: [dept.transport, dept.justice, dept.police] } });
  expect(bound.statusCode).toBe(200);
  const imported = await s.admin.post("/api/grids/import", {
    type: "FeatureCollection",
    name: "micro_grids",
    crs: { type: "name", properties: { name: "urn:ogc:def:crs:OGC:1.3:CRS84" } },
    features: MICRO.map((code, index) => ({ type: "Feature", properties: { code, name: code }, geometry: { type: "Polygon", coordinates: square(index) } })),
  });
  expect(imported.statusCode).toBe(200);
  const created = async (body: Record<string, unknown>) => {
    const response = await s.admin.post("/api/event-types", body);
    expect(response.statusCode).toBe(201);
    return (response.json() as { id: number }).id;
  };
  type.road = await created({ code: "ROAD", name: "道路破损", category: "城市管理", functionIds: [fn.road], notice: "5 个工作日内修复" });
  type.dispute = await created({ code: "DISPUTE", name: "邻里纠纷", category: "矛盾隐患", conflict: true, functionIds: [fn.mediation, fn.patrol] });
});
afterAll(async () => t.close());

describe("routing by point", () => {
  it("puts a point inside a micro-grid into that micro-grid", async () => {
    const response = await report(s.admin, inside(2));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ nodeId: node("T1V2G1M1"), stage: "reported" });
  });

  it("gives a point on a shared border to the micro-grid with the lower id, every time", async () => {
    const border = { lon: west(1), lat: 35.05 };
    for (let i = 0; i < 3; i++) {
      const response = await report(s.admin, border);
      expect(response.json().nodeId).toBe(Math.min(node("T1V1G1M1"), node("T1V1G1M2")));
    }
    const corner = await report(s.admin, { lon: west(1), lat: 35.1 });
    expect(corner.json().nodeId).toBe(node("T1V1G1M1"));
  });

  it("answers 400 naming the location when the point lies outside every micro-grid", async () => {
    const response = await report(s.admin, { lon: 110.35, lat: 34.9 });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.map((f: { field: string }) => f.field)).toEqual(["lon", "lat"]);
  });

  it("refuses a grid worker's point outside the grid they report for, and takes one inside", async () => {
    const outsideTheirs = await report(s.worker, inside(2));
    expect(outsideTheirs.statusCode).toBe(400);
    expect(outsideTheirs.json().error.fields[0].field).toBe("lon");
    const theirs = await report(s.worker, { ...inside(1), accuracy: 8 });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().nodeId).toBe(node("T1V1G1M2"));
  });

  it("takes a micro-grid named instead of a point, and refuses a node that is not a micro-grid", async () => {
    const named = await s.worker.post("/api/events", { typeId: type.road, description: "路面坑洼", nodeId: node("T1V1G1M1") });
    expect(named.json()).toMatchObject({ nodeId: node("T1V1G1M1") });
    const grid = await s.worker.post("/api/events", { typeId: type.road, description: "路面坑洼", nodeId: node("T1V1G1") });
    expect(grid.statusCode).toBe(400);
    expect(grid.json().error.fields[0].field).toBe("nodeId");
    const missing = await s.worker.post("/api/events", { typeId: type.road, description: "路面坑洼" });
    expect(missing.statusCode).toBe(400);
  });

  it("follows a boundary changed by a new GeoJSON import at once", async () => {
    const moved = await s.admin.post("/api/grids/import", {
      type: "FeatureCollection",
      features: [{ type: "Feature", properties: { code: "T2V2G1M2" }, geometry: { type: "Polygon", coordinates: square(7).map((ring) => ring.map(([x, y]) => [x!, y! - 0.1, 0])) } }],
    });
    expect(moved.json()).toMatchObject({ updated: 1, unchanged: 0 });
    const south = await report(s.admin, { lon: 110.75, lat: 34.95 });
    expect(south.json().nodeId).toBe(node("T2V2G1M2"));
    const backAgain = { type: "FeatureCollection", features: [{ type: "Feature", properties: { code: "T2V2G1M2" }, geometry: { type: "Polygon", coordinates: square(7) } }] };
    const back = await s.admin.post("/api/grids/import", backAgain);
    expect(back.json().updated).toBe(1);
    const same = await s.admin.post("/api/grids/import", backAgain);
    expect([same.statusCode, same.json()]).toMatchObject([200, { updated: 0, unchanged: 1 }]);
  });
});

// --- the state machine

type Stage = "reported" | "dispatching" | "dispatched" | "handling" | "checking" | "closed" | "evaluated" | "rejected";

/** An event of the two-function type brought to a stage through the API. */
async function eventIn(stage: Stage): Promise<{ id: number; version: number }> {
  const created = (await report(s.admin, {})).json() as { id: number };
  const id = created.id;
  let version = 1;
  const go = async (path: string, body: Record<string, unknown> = {}) => {
    const response = await s.admin.post(`/api/events/${id}/${path}`, { version, ...body });
    expect([path, response.statusCode]).toEqual([path, 200]);
    version = response.json().version;
  };
  if (stage === "rejected") {
    await go("reject", { reason: "invalid", note: "不属实" });
    return { id, version };
  }
  const path: [Stage, string, Record<string, unknown>][] = [
    ["dispatching", "register", {}],
    ["dispatched", "dispatch", { functionId: fn.mediation }],
    ["handling", "accept", {}],
    ["checking", "feedback", { result: "已调解" }],
    ["closed", "close", { note: "现场核实已解决" }],
    ["evaluated", "evaluate", { rating: "satisfied" }],
  ];
  for (const [reached, action, body] of path) {
    if (stage === "reported") break;
    await go(action, body);
    if (reached === stage) break;
  }
  return { id, version };
}

const actions: { name: string; path: string; body: () => Record<string, unknown>; from: Stage[]; to: Stage }[] = [
  { name: "register", path: "register", body: () => ({}), from: ["reported"], to: "dispatching" },
  { name: "reject", path: "reject", body: () => ({ reason: "invalid", note: "不属实" }), from: ["reported", "dispatching"], to: "rejected" },
  { name: "resubmit", path: "resubmit", body: () => ({ note: "已补充照片和位置" }), from: ["rejected"], to: "reported" },
  { name: "dispatch / reroute", path: "dispatch", body: () => ({ functionId: fn.patrol }), from: ["dispatching", "dispatched", "handling"], to: "dispatched" },
  { name: "accept", path: "accept", body: () => ({}), from: ["dispatched"], to: "handling" },
  { name: "refuse", path: "refuse", body: () => ({ reason: "不属于本部门职责" }), from: ["dispatched", "handling"], to: "dispatching" },
  { name: "feedback", path: "feedback", body: () => ({ result: "已处理" }), from: ["handling"], to: "checking" },
  { name: "close", path: "close", body: () => ({}), from: ["checking"], to: "closed" },
  { name: "send back", path: "send-back", body: () => ({ reason: "未处理到位" }), from: ["checking"], to: "handling" },
  { name: "evaluate", path: "evaluate", body: () => ({ rating: "basic" }), from: ["closed"], to: "evaluated" },
];
const stages: Stage[] = ["reported", "dispatching", "dispatched", "handling", "checking", "closed", "evaluated", "rejected"];

describe("the workflow (CJJ/T 106)", () => {
  it.each(stages)("from %s: every allowed action moves on, every other is 409 invalid_transition", async (stage) => {
    const forbidden = await eventIn(stage);
    for (const action of actions) {
      if (action.from.includes(stage)) {
        const fresh = await eventIn(stage);
        const response = await s.admin.post(`/api/events/${fresh.id}/${action.path}`, { version: fresh.version, ...action.body() });
        expect([action.name, response.statusCode, response.json().stage]).toEqual([action.name, 200, action.to]);
      } else {
        const response = await s.admin.post(`/api/events/${forbidden.id}/${action.path}`, { version: forbidden.version, ...action.body() });
        expect([action.name, response.statusCode, response.json().error?.code]).toEqual([action.name, 409, "invalid_transition"]);
      }
    }
    expect((await detail(forbidden.id)).stage).toBe(stage);
  });

  it("refuses a stale version with 409 version_conflict and changes nothing", async () => {
    const { id, version } = await eventIn("reported");
    expect((await s.admin.post(`/api/events/${id}/register`, { version })).statusCode).toBe(200);
    const stale = await s.admin.post(`/api/events/${id}/dispatch`, { version, functionId: fn.mediation });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("version_conflict");
    expect((await detail(id)).stage).toBe("dispatching");
  });

  it("dispatches automatically when one function covers the type, and only suggests when several do", async () => {
    const road = (await report(s.admin, { typeId: type.road, description: "井盖缺失" })).json() as { id: number };
    const registered = (await s.admin.post(`/api/events/${road.id}/register`, { version: 1 })).json();
    expect(registered).toMatchObject({ stage: "dispatched", departmentName: "市交通运输局", functionName: "道路设施养护" });
    expect(registered.steps.map((step: { action: string }) => step.action)).toEqual(["report", "register", "dispatch"]);
    const dispute = await eventIn("dispatching");
    const view = await detail(dispute.id);
    expect(view.stage).toBe("dispatching");
    expect((view.suggestions as { functionId: number }[]).map((item) => item.functionId).sort()).toEqual([fn.mediation, fn.patrol].sort());
  });

  it("立案 may name another department than the catalogue's: the case goes there; an unknown function is 400 and changes nothing", async () => {
    const road = (await report(s.admin, { typeId: type.road, description: "井盖松动" })).json() as { id: number };
    const unknown = await s.admin.post(`/api/events/${road.id}/register`, { version: 1, functionId: 999_999 });
    expect([unknown.statusCode, unknown.json().error.fields[0].field]).toEqual([400, "functionId"]);
    expect(await detail(road.id)).toMatchObject({ stage: "reported", version: 1 });
    // The catalogue routes roads to 市交通运输局; the registrar sends this one to 市公安局 instead.
    const registered = (await s.admin.post(`/api/events/${road.id}/register`, { version: 1, functionId: fn.patrol })).json();
    expect(registered).toMatchObject({ stage: "dispatched", departmentName: "市公安局", functionId: fn.patrol });
    expect(registered.steps.at(-1)).toMatchObject({ action: "dispatch", departmentName: "市公安局" });
    // A type several functions cover is dispatched at once when the registrar names one.
    const dispute = (await report(s.admin, { typeId: type.dispute, description: "宅基地纠纷" })).json() as { id: number };
    const chosen = (await s.admin.post(`/api/events/${dispute.id}/register`, { version: 1, functionId: fn.mediation })).json();
    expect(chosen).toMatchObject({ stage: "dispatched", departmentName: "市司法局", functionId: fn.mediation });
  });

  it("a department's refusal returns the case to the dispatcher; re-routing is recorded and counted", async () => {
    const { id, version } = await eventIn("dispatched");
    const refused = (await s.handler.post(`/api/events/${id}/refuse`, { version, reason: "属治安案件，非调解范围" })).json();
    expect(refused).toMatchObject({ stage: "dispatching", departmentId: null, counts: { refusals: 1, reroutes: 0 } });
    expect(refused.steps.at(-1)).toMatchObject({ action: "refuse", departmentName: "市司法局", note: "属治安案件，非调解范围" });
    const again = (await s.admin.post(`/api/events/${id}/dispatch`, { version: refused.version, functionId: fn.patrol })).json();
    expect(again).toMatchObject({ stage: "dispatched", departmentName: "市公安局", counts: { reroutes: 1 } });
    const same = await s.admin.post(`/api/events/${id}/dispatch`, { version: again.version, functionId: fn.patrol });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.fields[0].field).toBe("functionId");
  });

  it("sending back counts one rework however often, and starts the handling clock again", async () => {
    const checking = await eventIn("checking");
    const id = checking.id;
    let version = checking.version;
    for (let round = 0; round < 2; round++) {
      const back = (await s.supervisor.post(`/api/events/${id}/send-back`, { version, reason: "现场仍有问题" })).json();
      expect(back).toMatchObject({ stage: "handling", timer: { stage: "handle", light: "green" } });
      const fed = (await s.handler.post(`/api/events/${id}/feedback`, { version: back.version, result: "已返工" })).json();
      version = fed.version;
    }
    expect((await detail(id)).counts).toMatchObject({ reworks: 2 });
  });

  it("rejects a duplicate naming the original, and suggests nearby reports of the same type", async () => {
    const first = (await report(s.admin, { ...inside(4), description: "路灯不亮" })).json();
    const second = (await report(s.admin, { lon: inside(4).lon + 0.0005, lat: inside(4).lat, description: "路灯还是不亮" })).json();
    expect(second.duplicates.map((d: { id: number }) => d.id)).toContain(first.id);
    expect(second.duplicates.find((d: { id: number }) => d.id === first.id).distanceMetres).toBeLessThan(100);
    const far = (await report(s.admin, { ...inside(6), description: "路灯不亮" })).json();
    expect(far.duplicates.map((d: { id: number }) => d.id)).not.toContain(first.id);
    const noOriginal = await s.admin.post(`/api/events/${second.id}/reject`, { version: 1, reason: "duplicate", note: "重复" });
    expect(noOriginal.statusCode).toBe(400);
    const rejected = (await s.admin.post(`/api/events/${second.id}/reject`, { version: 1, reason: "duplicate", duplicateOfId: first.id, note: "与前一报告重复" })).json();
    expect(rejected).toMatchObject({ stage: "rejected", rejectReason: "duplicate", duplicateOfId: first.id, timer: null });
  });

  it("soft-deletes with a reason: gone from reads, kept in the table and the audit trail", async () => {
    const { id, version } = await eventIn("reported");
    expect((await s.admin.delete(`/api/events/${id}`, { version, reason: "测试误报" })).statusCode).toBe(200);
    expect((await s.admin.get(`/api/events/${id}`)).statusCode).toBe(404);
    const kept = (await t.db.execute(sql`SELECT deleted_at IS NOT NULL AS gone FROM events WHERE id = ${id}`)) as unknown as { rows: { gone: boolean }[] };
    expect(kept.rows[0]!.gone).toBe(true);
    const audit = (await t.db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'event.delete' AND entity_id = ${String(id)}`)) as unknown as { rows: { n: number }[] };
    expect(audit.rows[0]!.n).toBe(1);
  });
});

describe("time limits on the working calendar", () => {
  it("counts working hours over the Dragon Boat holiday and its weekend", async () => {
    await at("2026-06-18T17:00:00+08:00");
    const created = (await report(s.admin, {})).json();
    const view = await detail(created.id);
    // Two working hours from Thursday 17:00: one that evening, then Friday 19 to Sunday 21 are off, so Monday 09:30.
    expect(view.timer).toMatchObject({ stage: "register", dueAt: new Date("2026-06-22T09:30:00+08:00").toISOString(), light: "green" });
    expect(view.timer).toMatchObject({ warnAt: new Date("2026-06-22T09:06:00+08:00").toISOString() });
    await at("2026-06-22T09:10:00+08:00");
    expect(((await detail(created.id)).timer as { light: string }).light).toBe("yellow");
    await at("2026-06-22T09:31:00+08:00");
    expect(((await detail(created.id)).timer as { light: string }).light).toBe("red");
    const red = (await s.admin.get(`/api/events?light=red&pageSize=200`)).json();
    expect(red.items.map((item: { id: number }) => item.id)).toContain(created.id);
  });

  it("counts a swapped working day (Sunday 20 September 2026) as a working day", async () => {
    await at("2026-09-18T17:00:00+08:00");
    const created = (await report(s.admin, {})).json();
    expect((await detail(created.id)).timer).toMatchObject({ dueAt: new Date("2026-09-20T09:30:00+08:00").toISOString() });
  });

  it("counts working days over the National Day week and its swapped Saturday", async () => {
    await at("2026-09-30T10:00:00+08:00");
    const road = (await report(s.admin, { typeId: type.road, description: "道路塌陷" })).json();
    const dispatched = (await s.admin.post(`/api/events/${road.id}/register`, { version: 1 })).json();
    // Five working days from Wednesday 30 September: 8, 9, 10 (a Saturday worked), 12 and 13 October.
    expect(dispatched.timer).toMatchObject({ stage: "handle", dueAt: new Date("2026-10-13T18:00:00+08:00").toISOString() });
  });

  it("lets an emergency run on the clock, not on office hours", async () => {
    await at("2026-10-01T20:00:00+08:00");
    const created = (await report(s.admin, { urgency: "emergency", description: "燃气泄漏" })).json();
    expect((await detail(created.id)).timer).toMatchObject({ dueAt: new Date("2026-10-01T21:00:00+08:00").toISOString() });
    await at("2026-06-01T09:00:00+08:00");
  });
});

describe("escalation and summons (街乡吹哨、部门报到)", () => {
  it("escalates an overdue stage to the township, then the city, once each, however many sweeps run", async () => {
    await at("2026-11-02T09:00:00+08:00");
    const { id } = await eventIn("dispatching");
    await at("2026-11-02T12:00:00+08:00");
    await Promise.all([sweepOverdueEvents(t.jobEnv()), sweepOverdueEvents(t.jobEnv())]);
    await sweepOverdueEvents(t.jobEnv());
    let view = await detail(id);
    expect(view).toMatchObject({ escalationLevel: 1, escalatedNodeName: "第1镇" });
    expect((view.steps as { action: string }[]).filter((step) => step.action === "escalate")).toHaveLength(1);
    await at("2026-11-03T09:00:00+08:00");
    await sweepOverdueEvents(t.jobEnv());
    view = await detail(id);
    expect(view).toMatchObject({ escalationLevel: 2, escalatedNodeName: "测试市" });
    expect((view.steps as { action: string }[]).filter((step) => step.action === "escalate")).toHaveLength(2);
    const late = (await s.admin.get("/api/events?drill=dispatched_late&pageSize=200")).json();
    expect(late.items.map((item: { id: number }) => item.id)).toContain(id);
    await at("2026-06-01T09:00:00+08:00");
  });

  it("summons departments; each answers within its limit or late; the township records who came and rates them", async () => {
    await at("2026-06-02T09:00:00+08:00");
    const { id, version } = await eventIn("dispatched");
    const summoned = await s.cadre.post(`/api/events/${id}/summons`, { version, departmentIds: [dept.police, dept.transport], note: "停车纠纷需公安、交通到场" });
    expect(summoned.statusCode).toBe(200);
    const [police, transport] = (summoned.json().summons as { id: number; departmentId: number; version: number; dueAt: string }[]).sort((a, b) => (a.departmentId === dept.police ? -1 : b.departmentId === dept.police ? 1 : 0));
    expect(police!.dueAt).toBe(new Date("2026-06-03T18:00:00+08:00").toISOString());
    const again = await s.cadre.post(`/api/events/${id}/summons`, { version: summoned.json().version, departmentIds: [dept.police], note: "再次" });
    expect(again.statusCode).toBe(409);
    expect((await s.worker.post(`/api/events/${id}/summons`, { version: summoned.json().version, departmentIds: [dept.justice], note: "x" })).statusCode).toBe(403);
    expect((await s.handler.post(`/api/event-summons/${police!.id}/answer`, { version: police!.version, note: "已派民警到场" })).statusCode).toBe(200);
    await at("2026-06-05T09:00:00+08:00");
    await sweepOverdueEvents(t.jobEnv());
    const answeredLate = (await s.handler.post(`/api/event-summons/${transport!.id}/answer`, { version: transport!.version, note: "迟到" })).json();
    expect(answeredLate.summons.find((row: { id: number }) => row.id === transport!.id)).toMatchObject({ answerLate: true });
    const rated = (await s.cadre.post(`/api/event-summons/${police!.id}/rate`, { version: police!.version + 1, attended: true, rating: 5, note: "及时" })).json();
    expect(rated.summons.find((row: { id: number }) => row.id === police!.id)).toMatchObject({ attended: true, rating: 5 });
    const twice = await s.cadre.post(`/api/event-summons/${police!.id}/rate`, { version: police!.version + 2, attended: true, rating: 4 });
    expect(twice.json().error.code).toBe("invalid_transition");
    const byDepartment = (await s.admin.get("/api/events/stats/departments")).json();
    expect(byDepartment.items.find((row: { departmentId: number }) => row.departmentId === dept.police)).toMatchObject({ counts: { summoned: 1 }, averageSummonRating: 5 });
    await at("2026-06-01T09:00:00+08:00");
  });
});

describe("photos", () => {
  it("keeps an image recognised by its bytes and serves it back to those who may see the event", async () => {
    const created = (await report(s.worker, { ...inside(0), photos: [`data:image/png;base64,${PNG}`] })).json();
    const view = await detail(created.id);
    const photo = (view.photos as { id: number; mime: string }[])[0]!;
    expect(photo.mime).toBe("image/png");
    const served = await s.worker.get(`/api/events/${created.id}/photos/${photo.id}`);
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("image/png");
    expect(served.rawPayload.equals(Buffer.from(PNG, "base64"))).toBe(true);
    expect((await s.unit.get(`/api/events/${created.id}/photos/${photo.id}`)).statusCode).toBe(403);
  });

  it("refuses text dressed as a JPEG, a type that does not match, and more than 10 MB", async () => {
    const text = Buffer.from("just some text, not an image").toString("base64");
    const fake = await report(s.worker, { photos: [`data:image/jpeg;base64,${text}`] });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.fields[0].field).toBe("photos.0");
    const mislabelled = await report(s.worker, { photos: [`data:image/jpeg;base64,${PNG}`] });
    expect(mislabelled.statusCode).toBe(400);
    const big = Buffer.alloc(10 * 1024 * 1024 + 10);
    Buffer.from(PNG, "base64").copy(big);
    const tooBig = await report(s.worker, { photos: [big.toString("base64")] });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.fields[0].field).toBe("photos.0");
  });
});

describe("the public side", () => {
  it("takes a resident's report without sign-in, tracks it by code without personal data, and takes the rating once closed", async () => {
    const types = (await t.app.inject({ method: "GET", url: "/api/public/event-types?city=testcity" })).json();
    expect(types.items.map((item: { code: string }) => item.code)).toEqual(expect.arrayContaining(["ROAD", "DISPUTE"]));
    const created = await t.app.inject({
      method: "POST",
      url: "/api/public/events",
      payload: { city: "testcity", typeId: type.road, description: "小区门口路面塌陷", ...inside(3), name: "王女士", phone: "13800001111" },
    });
    expect(created.statusCode).toBe(201);
    const { trackingCode } = created.json();
    expect(trackingCode).toMatch(/^[0-9A-Z]{10}$/);
    const early = await t.app.inject({ method: "POST", url: "/api/public/ratings", payload: { trackingCode, rating: "satisfied" } });
    expect(early.statusCode).toBe(409);
    const id = (await s.admin.get(`/api/events?source=public&pageSize=200`)).json().items[0].id;
    const staffView = await detail(id);
    expect(staffView).toMatchObject({ reporterName: "王女士", reporterPhone: "138****1111" });
    let version = (await s.admin.post(`/api/events/${id}/register`, { version: staffView.version })).json().version;
    version = (await s.handler.post(`/api/events/${id}/accept`, { version })).json().version;
    version = (await s.handler.post(`/api/events/${id}/feedback`, { version, result: "已修复" })).json().version;
    await s.supervisor.post(`/api/events/${id}/close`, { version, note: "已修复，路面平整，施工队电话 13912345678" });
    const tracked = await t.app.inject({ method: "GET", url: `/api/public/events/${trackingCode}` });
    expect(tracked.json()).toMatchObject({ stage: "closed", status: "closed", canRate: true, departmentName: "市交通运输局", statusNote: "已修复，路面平整，施工队电话 139****5678" });
    expect(tracked.body).not.toContain("王女士");
    expect(tracked.body).not.toContain("1380000");
    const rated = await t.app.inject({ method: "POST", url: "/api/public/ratings", payload: { trackingCode, rating: "satisfied", comment: "很快" } });
    expect(rated.json()).toMatchObject({ stage: "evaluated", rating: "satisfied", canRate: false });
    expect((await t.app.inject({ method: "POST", url: "/api/public/ratings", payload: { trackingCode, rating: "unsatisfied" } })).statusCode).toBe(409);
    expect((await t.app.inject({ method: "GET", url: "/api/public/events/ZZZZZZZZZZ" })).statusCode).toBe(404);
  });

  it("answers 400 for a resident's point outside the city's micro-grids and for an unknown city", async () => {
    const outside = await t.app.inject({ method: "POST", url: "/api/public/events", payload: { city: "testcity", typeId: type.road, description: "x", lon: 100, lat: 30 } });
    expect(outside.statusCode).toBe(400);
    const unknown = await t.app.inject({ method: "POST", url: "/api/public/events", payload: { city: "nowhere", typeId: type.road, description: "x", lon: 110.05, lat: 35.05 } });
    expect(unknown.json().error.fields[0].field).toBe("city");
  });
});

describe("scope", () => {
  let inT1V1: number;
  let inT2: number;
  beforeAll(async () => {
    inT1V1 = (await report(s.admin, inside(0))).json().id;
    inT2 = (await report(s.admin, inside(5))).json().id;
  });

  it("shows an event inside a role's subtree and answers 404 outside it, 403 where visible but not permitted", async () => {
    const expectations: [Session, number, number][] = [
      [s.worker, 200, 404],
      [s.secretary, 200, 404],
      [s.cadre, 200, 404],
      [s.supervisor, 200, 404],
      [s.leader, 200, 200],
      // A department handler sees only what was dispatched to its departments or summons them: neither is.
      [s.handler, 404, 404],
      [s.unit, 403, 403],
    ];
    for (const [session, inside1, outside] of expectations) {
      expect([session.username, (await session.get(`/api/events/${inT1V1}`)).statusCode, (await session.get(`/api/events/${inT2}`)).statusCode]).toEqual([session.username, inside1, outside]);
    }
    const otherCityEvent = await s.admin.get(`/api/events?org=${other.nodes.get("O")!.id}`);
    expect(otherCityEvent.statusCode).toBe(404);
  });

  it("lets each role take only its own steps", async () => {
    const { id, version } = await eventIn("reported");
    expect((await s.worker.post(`/api/events/${id}/register`, { version })).statusCode).toBe(403);
    expect((await s.handler.post(`/api/events/${id}/register`, { version })).statusCode).toBe(404);
    expect((await s.leader.post(`/api/events/${id}/register`, { version })).statusCode).toBe(403);
    const registered = await s.cadre.post(`/api/events/${id}/register`, { version });
    expect(registered.statusCode).toBe(200);
    expect((await s.cadre.post(`/api/events/${inT2}/register`, { version: 1 })).statusCode).toBe(404);
    const dispatched = (await s.cadre.post(`/api/events/${id}/dispatch`, { version: registered.json().version, functionId: fn.mediation })).json();
    expect((await s.cadre.post(`/api/events/${id}/accept`, { version: dispatched.version })).statusCode).toBe(403);
    expect((await s.handler.post(`/api/events/${id}/accept`, { version: dispatched.version })).statusCode).toBe(200);
    expect((await s.handler.get(`/api/events/${id}`)).json().abilities).toMatchObject({ feedback: true, close: false, dispatch: false });
  });

  it("filters lists by the caller's reach", async () => {
    const mine = (await s.worker.get("/api/events?pageSize=200")).json();
    expect(mine.items.every((item: { nodeId: number }) => [node("T1V1G1M1"), node("T1V1G1M2")].includes(item.nodeId))).toBe(true);
    const cadre = (await s.cadre.get("/api/events?pageSize=200")).json();
    expect(cadre.items.map((item: { id: number }) => item.id)).not.toContain(inT2);
    expect((await s.worker.get(`/api/events?org=${node("T1V2")}`)).statusCode).toBe(404);
    expect((await s.unit.get("/api/events")).statusCode).toBe(403);
  });

  it("exports the boundaries within reach as GeoJSON with codes and names", async () => {
    const all = await s.admin.get("/api/grids.geojson");
    expect(all.headers["content-type"]).toContain("application/geo+json");
    expect(all.json().features).toHaveLength(8);
    expect(all.json().features[0]).toMatchObject({ type: "Feature", properties: { code: "T1V1G1M1", name: expect.any(String), kind: "micro_grid" }, geometry: { type: "Polygon" } });
    const worker = (await s.worker.get("/api/grids.geojson")).json();
    expect(worker.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(["T1V1G1M1", "T1V1G1M2"]);
  });

  it("refuses an import naming an unknown code or a node outside the caller's reach, writing nothing", async () => {
    const unknown = await s.admin.post("/api/grids/import", { type: "FeatureCollection", features: [{ type: "Feature", properties: { code: "NOPE" }, geometry: { type: "Polygon", coordinates: square(0) } }] });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.fields[0].field).toBe("features.0.properties.code");
    const projected = await s.admin.post("/api/grids/import", {
      type: "FeatureCollection",
      crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::3857" } },
      features: [{ type: "Feature", properties: { code: "T1V1G1M1" }, geometry: { type: "Polygon", coordinates: square(0) } }],
    });
    expect(projected.json().error.fields[0].field).toBe("crs");
    const foreign = await s.cadre.post("/api/grids/import", {
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: { code: "T1V1G1M1" }, geometry: { type: "Polygon", coordinates: square(1) } },
        { type: "Feature", properties: { code: "T2V1G1M1" }, geometry: { type: "Polygon", coordinates: square(0) } },
      ],
    });
    expect(foreign.statusCode).toBe(404);
    // Answered exactly like the unknown code: nothing tells the cadre that T2V1G1M1 exists.
    const hidden = await s.cadre.post("/api/grids/import", { type: "FeatureCollection", features: [{ type: "Feature", properties: { code: "T2V1G1M1" }, geometry: { type: "Polygon", coordinates: square(0) } }] });
    const missing = await s.cadre.post("/api/grids/import", { type: "FeatureCollection", features: [{ type: "Feature", properties: { code: "NOPE" }, geometry: { type: "Polygon", coordinates: square(0) } }] });
    const answer = (response: typeof hidden) => [response.statusCode, response.json().error.code, response.json().error.fields[0].field];
    expect(answer(hidden)).toEqual(answer(missing));
    const still = (await s.admin.get("/api/grids.geojson")).json();
    expect(still.features[0].geometry.coordinates).toEqual(square(0));
  });
});

describe("figures", () => {
  it("counts events by stage and leaves out rates with too few cases; drills down to the records", async () => {
    const figures = (await s.admin.get("/api/figures")).json().figures;
    expect(figures["events.total"]).toBeGreaterThan(30);
    expect(figures["events.stage.reported"]).toBeGreaterThan(0);
    expect(figures["events.rate.satisfaction"]).toBeUndefined();
    const stats = (await s.admin.get("/api/events/stats")).json();
    expect(stats.minCases).toBe(10);
    expect(stats.children.map((row: { name: string }) => row.name)).toEqual(["第1镇", "第2镇"]);
    const sum = stats.children.reduce((total: number, row: { counts: { total: number } }) => total + row.counts.total, 0);
    expect(sum).toBe(stats.self.counts.total);
    expect(stats.self.rates.accurateDispatch).not.toBeNull();
    const drill = (await s.admin.get("/api/events?drill=conflicts_resolved&pageSize=200")).json();
    expect(drill.total).toBe(stats.self.counts.conflictsResolved);
    expect(drill.total).toBeGreaterThan(0);
    const rerouted = (await s.admin.get("/api/events?drill=rerouted&pageSize=200")).json();
    expect(rerouted.total).toBeGreaterThan(0);
    const t1 = (await s.cadre.get("/api/events/stats")).json();
    expect(t1.org.name).toBe("第1镇");
  });
});
